//! The core's own WebGPU kernels (cubecl, through burn's backend extensions): Adam's update in
//! one kernel per parameter on every cubecl device ([`crate::adam::FusedAdam`] calls it), and a
//! matrix product for software adapters.
//!
//! On a software WebGPU adapter (SwiftShader and the like: the "GPU" is the CPU running compiled
//! shaders), burn 0.22's matrix-product kernel reaches ≈ 0.4 GFLOP/s and takes ≈ 80 % of a
//! training step (docs/benchmarks.md). [`register_tiles`] is a kernel written for such adapters: each
//! invocation keeps an 8 × 8 block of the product in registers and reads no shared memory, which
//! SwiftShader runs ≈ 10× faster; [`vector_tiles`] is its four-wide variant (8 × 16 per
//! invocation, loads of four values), taken wherever the shapes and layouts allow. On a hardware GPU burn's own kernels are tuned for the card, so
//! the kernel is chosen per adapter: [`use_register_tiles`] is called once, by the place that
//! names the backend, after it asked the adapter what it is.
//!
//! Everything else in the core calls [`matmul`], which is burn's `matmul` unless that switch is
//! on and the tensors live on a cubecl (WebGPU, Vulkan, …) device.

#[cfg(feature = "wgpu")]
pub(crate) mod adam;
pub mod agreement;
#[cfg(feature = "wgpu")]
mod backward;
#[cfg(feature = "wgpu")]
mod block;
#[cfg(feature = "wgpu")]
pub mod check;
#[cfg(feature = "wgpu")]
mod product;
#[cfg(feature = "wgpu")]
mod register_tiles;
#[cfg(all(test, feature = "wgpu"))]
mod test_device;
#[cfg(feature = "wgpu")]
mod vector_tiles;

use burn::prelude::*;
use std::sync::atomic::{AtomicBool, Ordering};

/// Whether cubecl devices multiply with [`register_tiles`] instead of burn's kernel.
static REGISTER_TILES: AtomicBool = AtomicBool::new(false);

/// Multiplies on cubecl devices with the register-tile kernel (`true`: a software adapter) or
/// with burn's own (`false`, the default). Builds without the `wgpu` feature ignore it.
pub fn use_register_tiles(on: bool) {
    REGISTER_TILES.store(on, Ordering::Relaxed);
}

/// Whether [`matmul`] would use the register-tile kernel for tensors on `device`.
pub fn uses_register_tiles(device: &Device) -> bool {
    REGISTER_TILES.load(Ordering::Relaxed) && on_cube(device)
}

/// Whether the adapter behind `device` says it is the CPU (wgpu's `DeviceType::Cpu`:
/// SwiftShader, llvmpipe). Natively wgpu asks the driver; a browser does not tell, so the app
/// asks WebGPU's `isFallbackAdapter` instead. `false` for every device that is not cubecl's.
#[cfg(feature = "wgpu")]
pub fn adapter_is_cpu(device: &Device) -> bool {
    on_cube(device)
        && device
            .as_dispatch()
            .identity()
            .is_some_and(|identity| identity.physical.is_none())
}

/// Whether `device` (or the device an autodiff device wraps) is a cubecl device.
#[cfg(feature = "wgpu")]
pub(crate) fn on_cube(device: &Device) -> bool {
    use burn::backend::DispatchDevice;
    matches!(
        device.clone().inner().as_dispatch(),
        DispatchDevice::Cube(_)
    )
}

#[cfg(not(feature = "wgpu"))]
fn on_cube(_device: &Device) -> bool {
    false
}

/// `lhs · rhs` for `[m, k] · [k, n]` → `[m, n]`, differentiable, with the kernel chosen for the
/// device (see the module's docs). Either operand may be a transposed view.
pub fn matmul(lhs: Tensor<2>, rhs: Tensor<2>) -> Tensor<2> {
    #[cfg(feature = "wgpu")]
    if uses_register_tiles(&lhs.device()) {
        return product::matmul(lhs, rhs);
    }
    lhs.matmul(rhs)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The switch concerns cubecl devices only: the CPU backend keeps burn's product (and its
    /// gradients), whatever the switch says.
    #[test]
    fn the_cpu_keeps_burns_product() {
        let device = Device::flex();
        use_register_tiles(true);
        assert!(!uses_register_tiles(&device));
        assert!(!uses_register_tiles(&device.clone().autodiff()));
        let lhs = Tensor::<2>::from_floats([[1.0, 2.0], [3.0, 4.0]], &device);
        let rhs = Tensor::<2>::from_floats([[5.0], [6.0]], &device);
        matmul(lhs, rhs)
            .into_data()
            .assert_eq(&TensorData::from([[17.0_f32], [39.0]]), true);
    }
}
