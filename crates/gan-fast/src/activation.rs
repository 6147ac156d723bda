//! The networks' activations, written from the operations that burn's CPU backend runs fastest.
//!
//! Under autodiff, burn builds LeakyReLU from a comparison, a scaled copy and `mask_where`,
//! and differentiates it with two more `mask_where`s over freshly zeroed tensors. On the CPU
//! backend `mask_where` branches on every value, and with half of the values negative it took
//! 6 % of a native step. ReLU, by contrast, is one of autodiff's own operations with a one-pass
//! backward, so LeakyReLU is written here through it; tanh likewise through the logistic
//! function (docs/benchmarks.md has what each gained).

use burn::prelude::*;
use burn::tensor::activation::{relu, sigmoid};

/// LeakyReLU: `x` where `x ≥ 0`, `slope · x` below, as `slope · x + (1 − slope) · relu(x)`.
///
/// For `x < 0` this is exactly `slope · x`; for `x ≥ 0` it is `x` up to one rounding of the
/// sum. Its gradient is `1` or `slope` in the same way; at exactly 0 it is `slope` (as in
/// PyTorch), where burn's own LeakyReLU passes the full gradient.
pub fn leaky_relu<const D: usize>(x: Tensor<D>, slope: f64) -> Tensor<D> {
    let linear = x.clone() * slope; // [x's shape]
    linear + relu(x) * (1.0 - slope) // [x's shape]
}

/// tanh, as `2 · sigmoid(2x) − 1`: the CPU backend computes tanh with the C library's scalar
/// `tanhf` (three times a step for G's 50 000 output pixels, its backward recomputing it),
/// and the logistic function with the much cheaper `expf`. Both agree within 2e-7 absolutely,
/// and the result stays in [-1, 1].
pub fn tanh<const D: usize>(x: Tensor<D>) -> Tensor<D> {
    sigmoid(x * 2.0) * 2.0 - 1.0 // [x's shape]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tanh_matches_burns_values_and_gradients() {
        let device = Device::flex().autodiff();
        let values = [-30.0f32, -4.0, -0.7, -1e-4, 0.0, 2e-3, 0.3, 1.5, 9.0, 60.0];
        let ours_in = Tensor::<1>::from_floats(values, &device).require_grad();
        let theirs_in = Tensor::<1>::from_floats(values, &device).require_grad();
        let ours = tanh(ours_in.clone());
        let theirs = burn::tensor::activation::tanh(theirs_in.clone());
        let our_grads = ours.clone().sum().backward();
        let their_grads = theirs.clone().sum().backward();
        let out = |t: Tensor<1>| t.into_data().try_to_vec::<f32>().unwrap();
        let grad = |t: &Tensor<1>, g| t.grad(g).unwrap().into_data().try_to_vec::<f32>().unwrap();
        for (name, ours, theirs) in [
            ("value", out(ours), out(theirs)),
            (
                "gradient",
                grad(&ours_in, &our_grads),
                grad(&theirs_in, &their_grads),
            ),
        ] {
            for ((x, a), b) in values.iter().zip(&ours).zip(&theirs) {
                assert!((a - b).abs() <= 2e-7, "{name} at {x}: {a} vs {b}");
                assert!(a.abs() <= 1.0, "{name} at {x}: {a} leaves [-1, 1]");
            }
        }
    }

    #[test]
    fn matches_burns_leaky_relu_values_and_gradients() {
        let device = Device::flex().autodiff();
        let values = [-3.0f32, -0.25, -1e-3, 1e-3, 0.5, 2.0, 7.5];
        let ours_in = Tensor::<1>::from_floats(values, &device).require_grad();
        let theirs_in = Tensor::<1>::from_floats(values, &device).require_grad();
        let ours = leaky_relu(ours_in.clone(), 0.2);
        let theirs = burn::tensor::activation::leaky_relu(theirs_in.clone(), 0.2);
        let weights = Tensor::<1>::from_floats([1.0f32, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0], &device);
        let our_grads = (ours.clone() * weights.clone()).sum().backward();
        let their_grads = (theirs.clone() * weights).sum().backward();

        let close = |a: Vec<f32>, b: Vec<f32>| {
            a.iter()
                .zip(&b)
                .all(|(x, y)| (x - y).abs() <= 1e-6 * y.abs().max(1.0))
        };
        let out = |t: Tensor<1>| t.into_data().try_to_vec::<f32>().unwrap();
        assert!(close(out(ours.clone()), out(theirs)), "{:?}", out(ours));
        let grad = |t: &Tensor<1>, g| t.grad(g).unwrap().into_data().try_to_vec::<f32>().unwrap();
        let (ours, theirs) = (grad(&ours_in, &our_grads), grad(&theirs_in, &their_grads));
        assert!(
            close(ours.clone(), theirs.clone()),
            "{ours:?} vs {theirs:?}"
        );
        // The negative side carries the slope, the positive side the full gradient.
        assert!((ours[0] - 0.2).abs() < 1e-6 && (ours[6] - 7.0).abs() < 1e-5);
    }
}
