//! The kernels checked against burn's results where they run: the register-tile products (of
//! the MLP's shapes, ragged ones and transposed views), their gradients under autodiff, and
//! the fused Adam update over five steps, each compared with the CPU's (or burn's own kernel's)
//! values within f32 rounding.
//!
//! The browser's WebGPU trainer runs these on request (`ToWorker::CheckKernels`), so the
//! end-to-end test checks the kernels in the build users get, on the adapter it trains on, and
//! CI compiles the GPU stack only once, for the browser. Natively, `cargo test -p gan-core
//! --features wgpu --lib kernels` runs the same checks on a wgpu adapter (`.ci/native-gpu`).

use burn::optim::Optimizer;
use burn::prelude::*;
use burn::tensor::Distribution;

use super::agreement::{KernelCheck, compare};
use crate::adam::FusedAdam;

/// Products checked: `(m, k, n)`. The MLP's, ragged ones, and shapes in whole vectors of four
/// (the vector kernel) with edges inside a block, and the least such.
const PRODUCTS: [(usize, usize, usize); 7] = [
    (64, 256, 1),
    (64, 100, 256),
    (5, 7, 9),
    (33, 64, 70),
    (64, 784, 512),
    (36, 12, 20),
    (4, 4, 4),
];

/// Each value may differ from the reference by this much plus [`RELATIVE`] of the reference.
const ABSOLUTE: f32 = 1e-4;
/// See [`ABSOLUTE`].
const RELATIVE: f32 = 1e-4;
/// Adam's values are closer: one update is a few operations per value.
const ADAM_ABSOLUTE: f32 = 1e-6;
/// See [`ADAM_ABSOLUTE`].
const ADAM_RELATIVE: f32 = 1e-5;

/// Runs every check on `device` (a cubecl device: WebGPU in the browser, any wgpu adapter
/// natively) and returns one [`KernelCheck`] per comparison, or why a value could not be read.
pub async fn check_kernels(device: &Device) -> Result<Vec<KernelCheck>, String> {
    let mut checks = products(device).await?;
    checks.extend(gradients(device).await?);
    checks.extend(adam(device).await?);
    Ok(checks)
}

/// The register-tile products of [`PRODUCTS`], each operand as stored and as a transposed view.
pub async fn products(device: &Device) -> Result<Vec<KernelCheck>, String> {
    let cpu = Device::flex();
    let mut checks = Vec::new();
    for (index, &(m, k, n)) in PRODUCTS.iter().enumerate() {
        let seed = index as u64 * 2;
        let (a, b) = (random([m, k], seed), random([k, n], seed + 1));
        let want = Tensor::<2>::from_data(a.clone(), &cpu)
            .matmul(Tensor::from_data(b.clone(), &cpu))
            .into_data(); // [m, n]
        for (lhs_t, rhs_t) in [(false, false), (true, false), (false, true), (true, true)] {
            let lhs = operand(&a, lhs_t, device); // [m, k]
            let rhs = operand(&b, rhs_t, device); // [k, n]
            let got = super::product::matmul(lhs, rhs); // [m, n]
            let what = format!(
                "product [{m}, {k}]·[{k}, {n}]{}{}",
                if lhs_t { ", lhs transposed" } else { "" },
                if rhs_t { ", rhs transposed" } else { "" }
            );
            checks.push(compare(what, &read(got).await?, &want, ABSOLUTE, RELATIVE));
        }
    }
    Ok(checks)
}

/// Under autodiff, both operands' gradients of the register-tile product equal those of
/// burn's own product on the same device.
pub async fn gradients(device: &Device) -> Result<Vec<KernelCheck>, String> {
    let device = device.clone().autodiff();
    let (a, b, up) = (random([9, 13], 7), random([13, 6], 8), random([9, 6], 9));
    let grads_of = |ours: bool| {
        let lhs = Tensor::<2>::from_data(a.clone(), &device).require_grad(); // [9, 13]
        let rhs = Tensor::<2>::from_data(b.clone(), &device).require_grad(); // [13, 6]
        let product = if ours {
            super::product::matmul(lhs.clone(), rhs.clone())
        } else {
            lhs.clone().matmul(rhs.clone())
        }; // [9, 6]
        // A weighted sum, so every output's gradient differs.
        let loss = (product * Tensor::from_data(up.clone(), &device)).sum();
        let grads = loss.backward();
        (lhs.grad(&grads), rhs.grad(&grads))
    };
    let (ours, burns) = (grads_of(true), grads_of(false));
    let mut checks = Vec::new();
    for (name, got, want) in [("lhs", ours.0, burns.0), ("rhs", ours.1, burns.1)] {
        let (Some(got), Some(want)) = (got, want) else {
            return Err(format!("the product's {name} has no gradient"));
        };
        let want = read(want).await?;
        let what = format!("gradient of the product's {name}");
        checks.push(compare(what, &read(got).await?, &want, ABSOLUTE, RELATIVE));
    }
    Ok(checks)
}

/// Five steps of the fused Adam kernel and of the CPU's loop from the same start, on the same
/// changing gradients: the same parameters and moments.
pub async fn adam(device: &Device) -> Result<Vec<KernelCheck>, String> {
    if !super::on_cube(device) {
        return Err("the Adam check needs a cubecl device, to take the kernel's path".into());
    }
    let adam = FusedAdam::new(0.5, 0.999, 1e-8);
    let cpu = Device::flex();
    let start = random([33, 17], 1);
    let mut on_device = Tensor::<2>::from_data(start.clone(), device); // [33, 17]
    let mut on_cpu = Tensor::<2>::from_data(start, &cpu); // [33, 17]
    let (mut device_state, mut cpu_state) = (None, None);
    for step in 0..5 {
        let grad = random([33, 17], 10 + step);
        let device_grad = Tensor::from_data(grad.clone(), device);
        (on_device, device_state) = adam.step(2e-3, on_device, device_grad, device_state);
        (on_cpu, cpu_state) = adam.step(2e-3, on_cpu, Tensor::from_data(grad, &cpu), cpu_state);
    }
    let (Some(device_state), Some(cpu_state)) = (device_state, cpu_state) else {
        return Err("Adam kept no state".into());
    };
    if device_state.momentum.time != 5 {
        return Err(format!(
            "Adam counted {} steps instead of 5",
            device_state.momentum.time
        ));
    }
    let pairs = [
        ("parameters", on_device, on_cpu),
        (
            "first moments",
            device_state.momentum.moment_1,
            cpu_state.momentum.moment_1,
        ),
        (
            "second moments",
            device_state.momentum.moment_2,
            cpu_state.momentum.moment_2,
        ),
    ];
    let mut checks = Vec::new();
    for (name, got, want) in pairs {
        let what = format!("Adam, five steps: {name}");
        let want = want.into_data();
        checks.push(compare(
            what,
            &read(got).await?,
            &want,
            ADAM_ABSOLUTE,
            ADAM_RELATIVE,
        ));
    }
    Ok(checks)
}

/// Standard normal values drawn on the CPU, so the kernel and the CPU get the same numbers.
fn random(shape: [usize; 2], seed: u64) -> TensorData {
    let cpu = Device::flex();
    cpu.seed(seed);
    Tensor::<2>::random(shape, Distribution::Normal(0.0, 1.0), &cpu).into_data()
}

/// `[m, k]` as stored, or stored as `[k, m]` and read through a transposed view.
fn operand(data: &TensorData, transposed: bool, device: &Device) -> Tensor<2> {
    if transposed {
        let stored = Tensor::<2>::from_data(data.clone(), &Device::flex()).transpose();
        Tensor::<2>::from_data(stored.into_data(), device).transpose() // [m, k], strided
    } else {
        Tensor::from_data(data.clone(), device)
    }
}

/// A tensor's values, read without blocking (a browser's WebGPU cannot read synchronously).
async fn read(tensor: Tensor<2>) -> Result<TensorData, String> {
    tensor
        .into_data_async()
        .await
        .map_err(|e| format!("a result could not be read from the device: {e:?}"))
}

/// These need a wgpu adapter (see `test_device`): `.ci/native-gpu` runs them on SwiftShader.
#[cfg(test)]
mod tests {
    use super::super::test_device::wgpu;
    use super::*;
    use cubecl::future::block_on;

    fn assert_all_pass(checks: Result<Vec<KernelCheck>, String>) {
        let checks = checks.unwrap_or_else(|e| panic!("{e}"));
        assert!(!checks.is_empty());
        let failed: Vec<_> = checks.iter().filter(|c| !c.passed()).collect();
        assert!(failed.is_empty(), "outside the tolerance: {failed:?}");
    }

    /// Products of the MLP's shapes, of ragged ones and of transposed views equal the CPU's,
    /// through both kernels (shapes in whole vectors of four take the vector kernel).
    #[test]
    fn multiplies_like_the_cpu() {
        assert_all_pass(block_on(products(&wgpu())));
    }

    /// Under autodiff, both operands' gradients equal those of burn's product.
    #[test]
    fn differentiates_like_burns_matmul() {
        assert_all_pass(block_on(gradients(&wgpu())));
    }

    /// Five steps of the kernel and of the CPU's loop agree in parameters and moments.
    #[test]
    fn updates_like_the_cpu() {
        assert_all_pass(block_on(adam(&wgpu())));
    }
}
