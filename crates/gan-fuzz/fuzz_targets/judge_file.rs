//! The judge file the app fetches: any bytes must load or be refused with a reason.
#![no_main]

use burn::tensor::Device;
use gan_judge::file::JudgeFile;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let _ = JudgeFile::from_bytes(bytes, &Device::flex());
});
