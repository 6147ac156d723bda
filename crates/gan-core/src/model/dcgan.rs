//! A small DCGAN (Radford et al., 2015), sized to train on a laptop's CPU in a browser.

use crate::model::{IMAGE_PIXELS, IMAGE_SIDE};
use burn::nn::conv::{Conv2d, Conv2dConfig, ConvTranspose2d, ConvTranspose2dConfig};
use burn::nn::{
    BatchNorm, BatchNormConfig, LeakyRelu, LeakyReluConfig, Linear, LinearConfig, PaddingConfig2d,
};
use burn::prelude::*;
use burn::tensor::activation::relu;

use crate::fast::{leaky_relu, linear, tanh};

/// The feature maps at the generator's start are 7×7; two stride-2 steps reach 28×28.
const SEED_SIDE: usize = IMAGE_SIDE / 4;

/// Builds a [`DcganGenerator`].
#[derive(Config, Debug)]
pub struct DcganGeneratorConfig {
    /// Length of the noise vector.
    pub latent_dim: usize,
    /// Channels of the 14×14 layer; the 7×7 layer has twice as many.
    #[config(default = 32)]
    pub base_channels: usize,
}

/// G: z → 7×7×2c (linear) → 14×14×c → 28×28×1, batch norm and ReLU inside, tanh out.
#[derive(Module, Debug)]
pub struct DcganGenerator {
    project: Linear,
    norm0: BatchNorm,
    up1: ConvTranspose2d,
    norm1: BatchNorm,
    up2: ConvTranspose2d,
    channels: usize,
}

/// A 4×4 transposed convolution with stride 2 and padding 1 doubles the side exactly.
fn upsample(from: usize, to: usize, device: &Device) -> ConvTranspose2d {
    ConvTranspose2dConfig::new([from, to], [4, 4])
        .with_stride([2, 2])
        .with_padding([1, 1])
        .init(device)
}

impl DcganGeneratorConfig {
    /// Creates the generator with fresh weights.
    pub fn init(&self, device: &Device) -> DcganGenerator {
        let wide = 2 * self.base_channels;
        DcganGenerator {
            project: LinearConfig::new(self.latent_dim, wide * SEED_SIDE * SEED_SIDE).init(device),
            norm0: BatchNormConfig::new(wide).init(device),
            up1: upsample(wide, self.base_channels, device),
            norm1: BatchNormConfig::new(self.base_channels).init(device),
            up2: upsample(self.base_channels, 1, device),
            channels: wide,
        }
    }
}

impl DcganGenerator {
    /// Noise `[batch, latent]` to images `[batch, 784]` in [-1, 1].
    pub fn forward(&self, noise: Tensor<2>) -> Tensor<2> {
        let [batch, _] = noise.dims();
        let x = linear(&self.project, noise); // [batch, 2c·7·7]
        let x = x.reshape([batch, self.channels, SEED_SIDE, SEED_SIDE]); // [batch, 2c, 7, 7]
        let x = relu(self.norm0.forward(x)); // [batch, 2c, 7, 7]
        let x = relu(self.norm1.forward(self.up1.forward(x))); // [batch, c, 14, 14]
        let x = tanh(self.up2.forward(x)); // [batch, 1, 28, 28]
        x.reshape([batch, IMAGE_PIXELS]) // [batch, 784]
    }
}

/// Builds a [`DcganDiscriminator`].
#[derive(Config, Debug)]
pub struct DcganDiscriminatorConfig {
    /// Classes appended to each image as a one-hot vector (0: an unconditional D). The
    /// convolutions see the image; the class joins the features before the verdict.
    #[config(default = 0)]
    pub classes: usize,
    /// Channels of the first (14×14) layer; the 7×7 layer has twice as many.
    #[config(default = 32)]
    pub base_channels: usize,
    /// Slope of LeakyReLU for negative inputs.
    #[config(default = 0.2)]
    pub leaky_slope: f64,
}

/// D: 28×28×1 → 14×14×c → 7×7×2c (4×4 convolutions, stride 2) → a logit. No batch norm, so
/// that freezing D (phase 4) freezes all it knows and the verdict on an image never depends on
/// the other images of its batch.
#[derive(Module, Debug)]
pub struct DcganDiscriminator {
    classes: usize,
    down1: Conv2d,
    down2: Conv2d,
    output: Linear,
    /// Holds the slope; the activation itself runs as [`leaky_relu`] (faster under autodiff).
    activation: LeakyRelu,
}

/// A 4×4 convolution with stride 2 and padding 1 halves the side exactly.
fn downsample(from: usize, to: usize, device: &Device) -> Conv2d {
    Conv2dConfig::new([from, to], [4, 4])
        .with_stride([2, 2])
        .with_padding(PaddingConfig2d::Explicit(1, 1, 1, 1))
        .init(device)
}

impl DcganDiscriminatorConfig {
    /// Creates the discriminator with fresh weights.
    pub fn init(&self, device: &Device) -> DcganDiscriminator {
        let wide = 2 * self.base_channels;
        DcganDiscriminator {
            classes: self.classes,
            down1: downsample(1, self.base_channels, device),
            down2: downsample(self.base_channels, wide, device),
            output: LinearConfig::new(wide * SEED_SIDE * SEED_SIDE + self.classes, 1).init(device),
            activation: LeakyReluConfig::new()
                .with_negative_slope(self.leaky_slope)
                .init(),
        }
    }
}

impl DcganDiscriminator {
    /// Images `[batch, 784]` (with their classes appended, if conditional) to logits
    /// `[batch, 1]`.
    pub fn forward(&self, images: Tensor<2>) -> Tensor<2> {
        let [batch, _] = images.dims();
        let (pixels, classes) = if self.classes > 0 {
            (
                images.clone().slice([0..batch, 0..IMAGE_PIXELS]), // [batch, 784]
                Some(images.slice([0..batch, IMAGE_PIXELS..IMAGE_PIXELS + self.classes])), // [batch, 10]
            )
        } else {
            (images, None)
        };
        let x = pixels.reshape([batch, 1, IMAGE_SIDE, IMAGE_SIDE]); // [batch, 1, 28, 28]
        let x = leaky_relu(self.down1.forward(x), self.activation.negative_slope); // [batch, c, 14, 14]
        let x = leaky_relu(self.down2.forward(x), self.activation.negative_slope); // [batch, 2c, 7, 7]
        let x = x.flatten(1, 3); // [batch, 2c·49]
        linear(&self.output, super::with_classes(x, classes)) // [batch, 1]
    }
}
