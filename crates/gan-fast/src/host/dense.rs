//! A whole fully connected layer, `act(x · W + b)`, as one operation on host memory, and its
//! backward.
//!
//! burn runs such a layer as a product into a zeroed (and then copied) buffer, a broadcast
//! bias addition and the activation's own operations, and differentiates each of them apart.
//! Here the forward pass writes the bias into the output rows, lets the product add to them
//! and applies the activation in the same buffer; the backward pass turns the output's
//! gradient into the pre-activation's in one pass (the activation's slope is read off the
//! output, which is kept instead of the input), then computes only the gradients that someone
//! asked for: `dW = xᵀ · g`, `db = Σ_rows g`, `dx = g · Wᵀ`, the products reading the
//! transposed operands in place.

use super::gemm::{self, Matrix};
use super::{matrix, tensor, values};
use burn::backend::autodiff::{
    Autodiff,
    checkpoint::{base::Checkpointer, strategy::CheckpointStrategy},
    grads::Gradients,
    ops::{Backward, Ops, OpsKind},
};
use burn::backend::flex::Flex;
use burn::backend::tensor::FloatTensor;
use burn::backend::{AutodiffBackend, Dispatch, backend_extension};
use burn::prelude::*;
use std::borrow::Cow;

/// The activation a [`DenseBackend::dense`] layer applies to `x · W + b`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Activation {
    /// None: the layer's output is `x · W + b` (D's logit).
    Identity,
    /// LeakyReLU with this slope below zero (the hidden layers).
    LeakyRelu(f32),
    /// tanh (G's image).
    Tanh,
}

impl Activation {
    /// The activation of every value, in place.
    fn forward(self, values: &mut [f32]) {
        match self {
            Self::Identity => {}
            Self::LeakyRelu(slope) => {
                for v in values {
                    *v = if *v > 0.0 { *v } else { *v * slope };
                }
            }
            // tanh as 2·σ(2x) − 1, as `crate::activation::tanh` computes it on other
            // devices: libm's scalar `tanhf` costs several times `expf`.
            Self::Tanh => {
                for v in values {
                    *v = 2.0 / (1.0 + (-2.0 * *v).exp()) - 1.0;
                }
            }
        }
    }

    /// The gradient before the activation from the gradient after it and the activation's
    /// output: `grad · act'(x)`, with `act'` written in terms of `y = act(x)`. The identity
    /// passes `grad` on as it is, without a copy.
    fn backward<'a>(self, output: &[f32], grad: Cow<'a, [f32]>) -> Cow<'a, [f32]> {
        let pairs = output.iter().zip(grad.iter());
        match self {
            Self::Identity => grad,
            // y > 0 exactly where x > 0 (the slope is positive); at 0 the slope, as in PyTorch.
            Self::LeakyRelu(slope) => pairs
                .map(|(&y, &g)| if y > 0.0 { g } else { g * slope })
                .collect(),
            Self::Tanh => pairs.map(|(&y, &g)| g * (1.0 - y * y)).collect(),
        }
    }
}

/// Which gradients of a dense layer the backward pass must compute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Wanted {
    /// The input's (it comes from a layer that learns, or from G into D).
    pub input: bool,
    /// The weight's (the layer learns).
    pub weight: bool,
    /// The bias's.
    pub bias: bool,
}

/// Backends that run a dense layer as one operation.
#[allow(
    clippy::type_complexity,
    reason = "the extension macro finds the tensors of an output by its spelled-out type"
)]
#[backend_extension(Autodiff, Flex)]
pub trait DenseBackend: burn::backend::Backend {
    /// `act(x · weight + bias)`: `x` `[batch, in]`, `weight` `[in, out]`, `bias` `[out]` →
    /// `[batch, out]`.
    fn dense(
        x: FloatTensor<Self>,
        weight: FloatTensor<Self>,
        bias: FloatTensor<Self>,
        activation: Activation,
    ) -> FloatTensor<Self>;

    /// The gradients of [`Self::dense`] for the gradient of its `output`: those of `x`,
    /// `weight` and `bias`, each only if `wanted`.
    fn dense_backward(
        x: FloatTensor<Self>,
        weight: FloatTensor<Self>,
        output: FloatTensor<Self>,
        grad: FloatTensor<Self>,
        activation: Activation,
        wanted: Wanted,
    ) -> (
        Option<FloatTensor<Self>>,
        Option<FloatTensor<Self>>,
        Option<FloatTensor<Self>>,
    );
}

/// `act(x · weight + bias)` on the CPU backend, recorded for autodiff when any operand is
/// tracked. `x` `[batch, in]`, `weight` `[in, out]`, `bias` `[out]`.
pub(crate) fn dense(
    x: Tensor<2>,
    weight: Tensor<2>,
    bias: Tensor<1>,
    activation: Activation,
) -> Tensor<2> {
    Tensor::from_dispatch(<Dispatch as DenseBackend>::dense(
        x.into_dispatch(),
        weight.into_dispatch(),
        bias.into_dispatch(),
        activation,
    ))
}

impl DenseBackend for Flex {
    fn dense(
        x: FloatTensor<Self>,
        weight: FloatTensor<Self>,
        bias: FloatTensor<Self>,
        activation: Activation,
    ) -> FloatTensor<Self> {
        let (x, weight) = (matrix(&x), matrix(&weight));
        let ([batch, _], [_, outputs]) = (x.shape(), weight.shape());
        let bias = values(&bias);
        assert_eq!(
            bias.len(),
            outputs,
            "a bias of the layer's {outputs} outputs"
        );
        let mut out = Vec::with_capacity(batch * outputs); // [batch, out]
        for _ in 0..batch {
            out.extend_from_slice(&bias);
        }
        gemm::add_product(&mut out, x, weight);
        activation.forward(&mut out);
        tensor(out, [batch, outputs])
    }

    fn dense_backward(
        x: FloatTensor<Self>,
        weight: FloatTensor<Self>,
        output: FloatTensor<Self>,
        grad: FloatTensor<Self>,
        activation: Activation,
        wanted: Wanted,
    ) -> (
        Option<FloatTensor<Self>>,
        Option<FloatTensor<Self>>,
        Option<FloatTensor<Self>>,
    ) {
        let (x, weight) = (matrix(&x), matrix(&weight));
        let ([batch, inputs], [_, outputs]) = (x.shape(), weight.shape());
        let pre = activation.backward(&values(&output), values(&grad)); // [batch, out]
        let g = Matrix::rows(&pre, [batch, outputs]);
        let product = |lhs: Matrix<'_>, rhs: Matrix<'_>, shape: [usize; 2]| {
            tensor(gemm::product(lhs, rhs), shape)
        };
        let grad_x = wanted
            .input
            .then(|| product(g, weight.transposed(), [batch, inputs])); // [batch, in]
        let grad_weight = wanted
            .weight
            .then(|| product(x.transposed(), g, [inputs, outputs])); // [in, out]
        let grad_bias = wanted.bias.then(|| {
            let mut sums = vec![0.0; outputs]; // [out]
            for row in pre.chunks_exact(outputs) {
                for (sum, &value) in sums.iter_mut().zip(row) {
                    *sum += value;
                }
            }
            tensor(sums, [outputs])
        });
        (grad_x, grad_weight, grad_bias)
    }
}

/// How autodiff differentiates a dense layer: [`DenseBackend::dense_backward`] on the layer's
/// input, weight and output, kept from the forward pass.
#[derive(Debug)]
struct DenseBackward {
    activation: Activation,
}

impl<B: DenseBackend> Backward<B, 3> for DenseBackward {
    /// The input, the weight and the output.
    type State = (FloatTensor<B>, FloatTensor<B>, FloatTensor<B>);

    fn backward(
        self,
        ops: Ops<Self::State, 3>,
        grads: &mut Gradients,
        _checkpointer: &mut Checkpointer,
    ) {
        let [node_x, node_weight, node_bias] = ops.parents;
        let grad = grads.consume::<B>(&ops.node); // [batch, out]
        let (x, weight, output) = ops.state;
        let wanted = Wanted {
            input: node_x.is_some(),
            weight: node_weight.is_some(),
            bias: node_bias.is_some(),
        };
        let (grad_x, grad_weight, grad_bias) =
            B::dense_backward(x, weight, output, grad, self.activation, wanted);
        for (node, grad) in [
            (node_x, grad_x),
            (node_weight, grad_weight),
            (node_bias, grad_bias),
        ] {
            if let (Some(node), Some(grad)) = (node, grad) {
                grads.register::<B>(node.id, grad);
            }
        }
    }
}

impl<B: DenseBackend, C: CheckpointStrategy> DenseBackend for Autodiff<B, C> {
    fn dense(
        x: FloatTensor<Self>,
        weight: FloatTensor<Self>,
        bias: FloatTensor<Self>,
        activation: Activation,
    ) -> FloatTensor<Self> {
        let op = DenseBackward { activation };
        match op
            .prepare::<C>([x.node(), weight.node(), bias.node()])
            // A layer is worth keeping rather than recomputing under checkpointing.
            .compute_bound()
            .stateful()
        {
            OpsKind::Tracked(prep) => {
                let (x, weight) = (x.into_primitive(), weight.into_primitive());
                let output = B::dense(x.clone(), weight.clone(), bias.into_primitive(), activation);
                prep.finish((x, weight, output.clone()), output)
            }
            OpsKind::UnTracked(prep) => prep.finish(B::dense(
                x.into_primitive(),
                weight.into_primitive(),
                bias.into_primitive(),
                activation,
            )),
        }
    }

    /// Gradients are not differentiated again: this runs the wrapped backend's backward on the
    /// plain tensors and returns untracked results.
    fn dense_backward(
        x: FloatTensor<Self>,
        weight: FloatTensor<Self>,
        output: FloatTensor<Self>,
        grad: FloatTensor<Self>,
        activation: Activation,
        wanted: Wanted,
    ) -> (
        Option<FloatTensor<Self>>,
        Option<FloatTensor<Self>>,
        Option<FloatTensor<Self>>,
    ) {
        let (grad_x, grad_weight, grad_bias) = B::dense_backward(
            x.into_primitive(),
            weight.into_primitive(),
            output.into_primitive(),
            grad.into_primitive(),
            activation,
            wanted,
        );
        let wrap = |grad: Option<FloatTensor<B>>| grad.map(<Self as AutodiffBackend>::from_inner);
        (wrap(grad_x), wrap(grad_weight), wrap(grad_bias))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::activation::{leaky_relu, tanh};
    use burn::tensor::Distribution;

    /// The layer as burn's own operations compute it on every other device.
    fn reference(
        x: Tensor<2>,
        weight: Tensor<2>,
        bias: Tensor<1>,
        activation: Activation,
    ) -> Tensor<2> {
        let y = x.matmul(weight) + bias.unsqueeze::<2>(); // [batch, out]
        match activation {
            Activation::Identity => y,
            Activation::LeakyRelu(slope) => leaky_relu(y, f64::from(slope)),
            Activation::Tanh => tanh(y),
        }
    }

    fn random<const D: usize>(shape: [usize; D], seed: u64, device: &Device) -> Tensor<D> {
        device.seed(seed);
        Tensor::random(shape, Distribution::Normal(0.0, 1.5), device)
    }

    fn close<const D: usize>(ours: Tensor<D>, theirs: Tensor<D>, what: &str) {
        let (ours, theirs) = (ours.into_data(), theirs.into_data());
        assert_eq!(ours.shape(), theirs.shape(), "{what}");
        let diff = ours
            .iter::<f32>()
            .zip(theirs.iter::<f32>())
            .map(|(a, b)| (a - b).abs() / b.abs().max(1.0))
            .fold(0.0f32, f32::max);
        assert!(diff <= 1e-5, "{what}: off by {diff}");
    }

    /// Values and all three gradients equal burn's chain of operations, for each activation,
    /// with the input or the parameters untracked (a detached batch, a frozen D), and with an
    /// input that is a transposed view.
    #[test]
    fn values_and_gradients_match_burns_operations() {
        let device = Device::flex().autodiff();
        let cases = [
            (Activation::Identity, true, true),
            (Activation::LeakyRelu(0.2), true, true),
            (Activation::Tanh, true, true),
            (Activation::LeakyRelu(0.2), false, true),
            (Activation::Tanh, true, false),
        ];
        for (case, &(activation, input_learns, params_learn)) in cases.iter().enumerate() {
            let seed = 10 * case as u64;
            let x = if case % 2 == 0 {
                random([6, 5], seed, &device)
            } else {
                random([5, 6], seed, &device).transpose() // [6, 5], strided
            };
            let (weight, bias) = (
                random([5, 4], seed + 1, &device),
                random([4], seed + 2, &device),
            );
            let mix = random([6, 4], seed + 3, &device);
            let track = |t: Tensor<2>, on: bool| if on { t.require_grad() } else { t };
            let (x, weight) = (track(x, input_learns), track(weight, params_learn));
            let bias = if params_learn {
                bias.require_grad()
            } else {
                bias
            };

            let ours = dense(x.clone(), weight.clone(), bias.clone(), activation);
            let theirs = reference(x.clone(), weight.clone(), bias.clone(), activation);
            close(
                ours.clone(),
                theirs.clone(),
                &format!("{activation:?}: values"),
            );
            // A weighted sum makes every output's gradient different.
            let our_grads = (ours * mix.clone()).sum().backward();
            let their_grads = (theirs * mix).sum().backward();
            let what = |name| format!("{activation:?}: the gradient of {name}");
            assert_eq!(x.grad(&our_grads).is_some(), input_learns, "{}", what("x"));
            if input_learns {
                close(
                    x.grad(&our_grads).unwrap(),
                    x.grad(&their_grads).unwrap(),
                    &what("x"),
                );
            }
            assert_eq!(
                weight.grad(&our_grads).is_some(),
                params_learn,
                "{}",
                what("W")
            );
            if params_learn {
                close(
                    weight.grad(&our_grads).unwrap(),
                    weight.grad(&their_grads).unwrap(),
                    &what("W"),
                );
                close(
                    bias.grad(&our_grads).unwrap(),
                    bias.grad(&their_grads).unwrap(),
                    &what("b"),
                );
            }
        }
    }

    /// Without autodiff the layer is the same function.
    #[test]
    fn runs_on_plain_tensors() {
        let device = Device::flex();
        let (x, weight, bias) = (
            random([3, 7], 1, &device),
            random([7, 2], 2, &device),
            random([2], 3, &device),
        );
        let ours = dense(
            x.clone(),
            weight.clone(),
            bias.clone(),
            Activation::LeakyRelu(0.1),
        );
        close(
            ours,
            reference(x, weight, bias, Activation::LeakyRelu(0.1)),
            "values",
        );
    }

    /// The slope applies below zero, the full gradient above; tanh's derivative is 1 − y².
    #[test]
    fn activations_differentiate_through_their_output() {
        let output = [-0.4f32, 0.0, 0.5];
        let grad = [2.0f32, 3.0, 4.0];
        let backward = |activation: Activation| activation.backward(&output, Cow::Borrowed(&grad));
        assert_eq!(*backward(Activation::LeakyRelu(0.2)), [0.4, 0.6, 4.0]);
        assert_eq!(*backward(Activation::Tanh), [2.0 * 0.84, 3.0, 4.0 * 0.75]);
        assert_eq!(*backward(Activation::Identity), grad);
        assert!(
            matches!(backward(Activation::Identity), Cow::Borrowed(_)),
            "no copy"
        );
        let mut values = [-30.0f32, -1.0, 0.0, 2.0, 40.0];
        Activation::Tanh.forward(&mut values);
        for (ours, x) in values.iter().zip([-30.0f32, -1.0, 0.0, 2.0, 40.0]) {
            assert!(
                (ours - x.tanh()).abs() <= 2e-7 && ours.abs() <= 1.0,
                "tanh({x}) = {ours}"
            );
        }
    }
}
