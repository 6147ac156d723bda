//! A fully connected layer's forward pass, through the matrix product the device trains best
//! with, and with its activation: on the CPU backend as one fused operation.

use crate::activation::{leaky_relu, tanh};
use crate::host;
pub use crate::host::dense::Activation;
use crate::kernels;
use burn::nn::Linear;
use burn::prelude::*;

/// `x · W + b` for `x` `[batch, in]` → `[batch, out]`: burn's `Linear::forward`, with the product
/// through [`kernels::matmul`] so that software adapters get their own kernel. The layer (and
/// so a checkpoint) is burn's own.
pub fn linear(layer: &Linear, x: Tensor<2>) -> Tensor<2> {
    let product = kernels::matmul(x, layer.weight.val()); // [batch, out]
    match &layer.bias {
        Some(bias) => product + bias.val().unsqueeze::<2>(), // [batch, out]
        None => product,
    }
}

/// `act(x · W + b)` for `x` `[batch, in]` → `[batch, out]`. On the CPU backend the whole layer
/// is one operation with its own backward ([`crate::host`]); elsewhere it is [`linear`] followed
/// by the activation's functions of [`super::activation`], which compute the same values.
pub fn dense(layer: &Linear, x: Tensor<2>, activation: Activation) -> Tensor<2> {
    if let Some(bias) = &layer.bias
        && host::on_host(&x.device())
    {
        return host::dense::dense(x, layer.weight.val(), bias.val(), activation); // [batch, out]
    }
    let y = linear(layer, x); // [batch, out]
    match activation {
        Activation::Identity => y,
        Activation::LeakyRelu(slope) => leaky_relu(y, f64::from(slope)),
        Activation::Tanh => tanh(y),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use burn::nn::LinearConfig;
    use burn::tensor::Distribution;

    /// The same values as burn's `Linear::forward`, with and without a bias.
    #[test]
    fn matches_burns_linear() {
        let device = Device::flex();
        device.seed(3);
        let x = Tensor::<2>::random([5, 7], Distribution::Normal(0.0, 1.0), &device);
        for bias in [true, false] {
            let layer = LinearConfig::new(7, 3).with_bias(bias).init(&device);
            let ours = linear(&layer, x.clone()).into_data();
            let burns = layer.forward(x.clone()).into_data();
            ours.assert_approx_eq::<f32>(&burns, burn::tensor::Tolerance::absolute(1e-6));
        }
    }
}
