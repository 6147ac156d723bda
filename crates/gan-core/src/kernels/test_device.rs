//! The wgpu device of the kernels' tests.
//!
//! These tests need a wgpu adapter: CI runs them on Chromium's SwiftShader (`.ci/test`,
//! `VK_ICD_FILENAMES`); `cargo test -p gan-core --features wgpu --lib kernels` does the same by
//! hand.

use burn::prelude::Device;

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
