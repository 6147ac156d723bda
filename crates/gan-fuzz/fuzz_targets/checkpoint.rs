//! A checkpoint file a user uploads: any bytes must load or be refused with a reason.
#![no_main]

use burn::tensor::Device;
use gan_core::checkpoint::Checkpoint;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let _ = Checkpoint::from_bytes(bytes, &Device::flex());
});
