//! The one place where the CLI names a concrete backend.

use crate::args::{BackendChoice, MatmulChoice};
use burn::prelude::Device;

/// The device for `choice`, with the matrix-product kernel `matmul` on wgpu, or why it is not
/// available.
pub fn device(choice: BackendChoice, matmul: MatmulChoice) -> anyhow::Result<Device> {
    match choice {
        BackendChoice::Cpu => Ok(Device::flex()),
        #[cfg(feature = "wgpu")]
        BackendChoice::Wgpu => {
            let device = Device::wgpu_options()
                .init()
                .map_err(|e| anyhow::anyhow!("no usable wgpu adapter ({e}); try --backend cpu"))?;
            // A CPU adapter (SwiftShader, llvmpipe) multiplies far faster with the core's kernel.
            gan_fast::kernels::use_register_tiles(match matmul {
                MatmulChoice::Auto => gan_fast::kernels::adapter_is_cpu(&device),
                MatmulChoice::Burn => false,
                MatmulChoice::RegisterTiles => true,
            });
            Ok(device)
        }
        #[cfg(not(feature = "wgpu"))]
        BackendChoice::Wgpu => {
            let _ = matmul;
            anyhow::bail!("this build has no wgpu backend (built without the `wgpu` feature)")
        }
    }
}
