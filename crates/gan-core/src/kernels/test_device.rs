//! The wgpu device of the kernels' tests, and their operands.
//!
//! These tests need a wgpu adapter: CI runs them on Chromium's SwiftShader (`.ci/test`,
//! `VK_ICD_FILENAMES`); `cargo test -p gan-core --features wgpu --lib kernels` does the same by
//! hand.

use burn::prelude::*;
use burn::tensor::Distribution;

/// The adapter, opened once: wgpu's runtime registers only once per process.
pub(crate) fn wgpu() -> Device {
    static DEVICE: std::sync::OnceLock<Device> = std::sync::OnceLock::new();
    DEVICE
        .get_or_init(|| {
            Device::wgpu_options().init().unwrap_or_else(|e| {
                panic!(
                    "these tests need a wgpu adapter ({e}); for SwiftShader set \
                     VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json"
                )
            })
        })
        .clone()
}

/// Standard normal values drawn on the CPU, so the kernel and the CPU get the same numbers.
pub(crate) fn random(shape: [usize; 2], seed: u64) -> TensorData {
    let cpu = Device::flex();
    cpu.seed(seed);
    Tensor::<2>::random(shape, Distribution::Normal(0.0, 1.0), &cpu).into_data()
}
