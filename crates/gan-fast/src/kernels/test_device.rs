//! The wgpu device of the kernels' native tests (`check.rs`).
//!
//! These tests need a wgpu adapter: `.ci/native-gpu` runs them on Chromium's SwiftShader
//! (`VK_ICD_FILENAMES`). CI runs the same checks in the browser instead (`check.rs`).

use burn::prelude::*;

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
