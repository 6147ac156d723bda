//! The judge's network: a LeNet-style CNN, small enough to ship with the site (≈ 106 000
//! weights, ≈ 420 KB) and to classify a few hundred digits in a browser in well under a second.

use burn::nn::conv::{Conv2d, Conv2dConfig};
use burn::nn::pool::{MaxPool2d, MaxPool2dConfig};
use burn::nn::{Linear, LinearConfig, PaddingConfig2d};
use burn::prelude::*;
use burn::tensor::activation::relu;

/// Width and height of a digit.
pub const SIDE: usize = 28;
/// Pixels of a digit, flattened.
pub const PIXELS: usize = SIDE * SIDE;
/// Digit classes 0 to 9.
pub const CLASSES: usize = 10;

/// Builds a [`Judge`]. Serialised into the judge file, so a file states the shape it needs.
#[derive(Config, Debug, PartialEq)]
pub struct JudgeConfig {
    /// Channels of the first convolution (5×5, on 28×28).
    #[config(default = 16)]
    pub channels1: usize,
    /// Channels of the second convolution (3×3, on 14×14).
    #[config(default = 32)]
    pub channels2: usize,
    /// Width of the penultimate layer: the features the Fréchet distance compares.
    #[config(default = 64)]
    pub features: usize,
}

/// The classifier: 28×28 → conv 5×5 → pool → conv 3×3 → pool → features → 10 logits.
#[derive(Module, Debug)]
pub struct Judge {
    conv1: Conv2d,
    conv2: Conv2d,
    pool: MaxPool2d,
    hidden: Linear,
    output: Linear,
    features: usize,
}

impl JudgeConfig {
    /// Creates the judge with fresh weights.
    pub fn init(&self, device: &Device) -> Judge {
        let pooled = SIDE / 4; // two 2×2 poolings: 28 → 14 → 7
        Judge {
            conv1: Conv2dConfig::new([1, self.channels1], [5, 5])
                .with_padding(PaddingConfig2d::Explicit(2, 2, 2, 2))
                .init(device),
            conv2: Conv2dConfig::new([self.channels1, self.channels2], [3, 3])
                .with_padding(PaddingConfig2d::Explicit(1, 1, 1, 1))
                .init(device),
            pool: MaxPool2dConfig::new([2, 2]).with_strides([2, 2]).init(),
            hidden: LinearConfig::new(self.channels2 * pooled * pooled, self.features).init(device),
            output: LinearConfig::new(self.features, CLASSES).init(device),
            features: self.features,
        }
    }
}

impl Judge {
    /// Length of the feature vectors of [`Judge::features`].
    pub fn feature_len(&self) -> usize {
        self.features
    }

    /// The penultimate layer for images `[batch, 784]` in [-1, 1] (the GAN's and the data's
    /// scale): `[batch, features]`, after ReLU.
    pub fn features(&self, images: Tensor<2>) -> Tensor<2> {
        let [batch, _] = images.dims();
        let x = images.reshape([batch, 1, SIDE, SIDE]); // [batch, 1, 28, 28]
        let x = self.pool.forward(relu(self.conv1.forward(x))); // [batch, c1, 14, 14]
        let x = self.pool.forward(relu(self.conv2.forward(x))); // [batch, c2, 7, 7]
        let x = x.flatten(1, 3); // [batch, c2·49]
        relu(self.hidden.forward(x)) // [batch, features]
    }

    /// Class logits for the features of [`Judge::features`]: `[batch, 10]`.
    pub fn classify(&self, features: Tensor<2>) -> Tensor<2> {
        self.output.forward(features) // [batch, 10]
    }

    /// Class logits for images `[batch, 784]`: `[batch, 10]`.
    pub fn forward(&self, images: Tensor<2>) -> Tensor<2> {
        self.classify(self.features(images))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_and_size() {
        let device = Device::flex();
        let config = JudgeConfig::new();
        let judge = config.init(&device);
        let images = Tensor::<2>::zeros([3, PIXELS], &device);
        assert_eq!(judge.features(images.clone()).dims(), [3, 64]);
        assert_eq!(judge.forward(images).dims(), [3, CLASSES]);
        // 16·25+16 + 32·16·9+32 + 1568·64+64 + 64·10+10: small enough to ship (≤ 1 MB as f32).
        assert_eq!(judge.num_params(), 106_122);
    }
}
