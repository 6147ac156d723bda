//! The one place where the CLI names a concrete backend.

use crate::args::BackendChoice;
use burn::prelude::Device;

/// The device for `choice`, or why it is not available.
pub fn device(choice: BackendChoice) -> anyhow::Result<Device> {
    match choice {
        BackendChoice::Cpu => Ok(Device::flex()),
        #[cfg(feature = "wgpu")]
        BackendChoice::Wgpu => Device::wgpu_options()
            .init()
            .map_err(|e| anyhow::anyhow!("no usable wgpu adapter ({e}); try --backend cpu")),
        #[cfg(not(feature = "wgpu"))]
        BackendChoice::Wgpu => {
            anyhow::bail!("this build has no wgpu backend (built without the `wgpu` feature)")
        }
    }
}
