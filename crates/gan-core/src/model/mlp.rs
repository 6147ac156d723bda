//! The classic fully connected GAN of the seed.

use crate::model::IMAGE_PIXELS;
use burn::nn::{
    BatchNorm, BatchNormConfig, Dropout, DropoutConfig, LeakyRelu, LeakyReluConfig, Linear,
    LinearConfig,
};
use burn::prelude::*;

use crate::fast::{Activation, dense, leaky_relu};

/// Builds an [`MlpGenerator`].
#[derive(Config, Debug)]
pub struct MlpGeneratorConfig {
    /// Length of the noise vector.
    pub latent_dim: usize,
    /// Widths of the hidden layers, from noise to image.
    #[config(default = "vec![256, 512, 1024]")]
    pub hidden: Vec<usize>,
    /// Slope of LeakyReLU for negative inputs.
    #[config(default = 0.2)]
    pub leaky_slope: f64,
    /// Batch normalisation after each hidden layer.
    #[config(default = false)]
    pub batch_norm: bool,
}

/// G: z → 256 → 512 → 1024 → 784, LeakyReLU between layers (after batch norm, if on), tanh
/// out.
#[derive(Module, Debug)]
pub struct MlpGenerator {
    hidden: Vec<Linear>,
    /// One per hidden layer, or none.
    norms: Vec<BatchNorm>,
    output: Linear,
    /// Holds the slope; the activation itself runs as [`leaky_relu`] (faster under autodiff).
    activation: LeakyRelu,
}

impl MlpGeneratorConfig {
    /// Creates the generator with fresh weights.
    pub fn init(&self, device: &Device) -> MlpGenerator {
        let (hidden, last) = linear_stack(self.latent_dim, &self.hidden, device);
        let norms = if self.batch_norm {
            self.hidden
                .iter()
                .map(|&width| BatchNormConfig::new(width).init(device))
                .collect()
        } else {
            Vec::new()
        };
        MlpGenerator {
            hidden,
            norms,
            output: LinearConfig::new(last, IMAGE_PIXELS).init(device),
            activation: LeakyReluConfig::new()
                .with_negative_slope(self.leaky_slope)
                .init(),
        }
    }
}

impl MlpGenerator {
    /// Noise `[batch, latent]` to images `[batch, 784]` in [-1, 1].
    pub fn forward(&self, noise: Tensor<2>) -> Tensor<2> {
        let slope = self.activation.negative_slope;
        let mut x = noise; // [batch, latent]
        for (i, layer) in self.hidden.iter().enumerate() {
            x = match self.norms.get(i) {
                // Batch norm sits between the product and the activation.
                Some(norm) => {
                    leaky_relu(norm.forward(dense(layer, x, Activation::Identity)), slope)
                } // [batch, hidden_i]
                None => dense(layer, x, Activation::LeakyRelu(slope as f32)), // [batch, hidden_i]
            };
        }
        dense(&self.output, x, Activation::Tanh) // [batch, 784]
    }
}

/// Builds an [`MlpDiscriminator`].
#[derive(Config, Debug)]
pub struct MlpDiscriminatorConfig {
    /// Classes appended to each image as a one-hot vector (0: an unconditional D).
    #[config(default = 0)]
    pub classes: usize,
    /// Widths of the hidden layers, from image to verdict.
    #[config(default = "vec![512, 256]")]
    pub hidden: Vec<usize>,
    /// Slope of LeakyReLU for negative inputs.
    #[config(default = 0.2)]
    pub leaky_slope: f64,
    /// Dropout rate after each hidden layer while training (0 = off).
    #[config(default = 0.0)]
    pub dropout: f64,
}

/// D: 784 (+ 10 classes, if conditional) → 512 → 256 → 1, LeakyReLU (and dropout, if on)
/// between layers, a logit out.
#[derive(Module, Debug)]
pub struct MlpDiscriminator {
    hidden: Vec<Linear>,
    output: Linear,
    /// Holds the slope; the activation itself runs as [`leaky_relu`] (faster under autodiff).
    activation: LeakyRelu,
    dropout: Dropout,
}

impl MlpDiscriminatorConfig {
    /// Creates the discriminator with fresh weights.
    pub fn init(&self, device: &Device) -> MlpDiscriminator {
        let (hidden, last) = linear_stack(IMAGE_PIXELS + self.classes, &self.hidden, device);
        MlpDiscriminator {
            hidden,
            output: LinearConfig::new(last, 1).init(device),
            activation: LeakyReluConfig::new()
                .with_negative_slope(self.leaky_slope)
                .init(),
            dropout: DropoutConfig::new(self.dropout).init(),
        }
    }
}

impl MlpDiscriminator {
    /// Images `[batch, 784]` (with their classes appended, if conditional) to logits
    /// `[batch, 1]`.
    pub fn forward(&self, images: Tensor<2>) -> Tensor<2> {
        let slope = self.activation.negative_slope as f32;
        let mut x = images; // [batch, 784 (+ 10)]
        for layer in &self.hidden {
            // Dropout acts only on the training device; scoring (valid) networks see it all.
            x = self
                .dropout
                .forward(dense(layer, x, Activation::LeakyRelu(slope))); // [batch, hidden_i]
        }
        dense(&self.output, x, Activation::Identity) // [batch, 1]
    }
}

/// Linear layers `input → widths[0] → widths[1] → …`, and the width the last one ends at.
fn linear_stack(input: usize, widths: &[usize], device: &Device) -> (Vec<Linear>, usize) {
    let mut layers = Vec::with_capacity(widths.len());
    let mut from = input;
    for &to in widths {
        layers.push(LinearConfig::new(from, to).init(device));
        from = to;
    }
    (layers, from)
}
