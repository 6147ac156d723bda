//! The two networks of the duel, in two flavours, behind one interface.
//!
//! Every generator maps noise `[batch, latent]` to images `[batch, 784]` in [-1, 1]; every
//! discriminator maps images `[batch, 784]` to logits `[batch, 1]` (the probability "real" is
//! `sigmoid(logit)`; the loss works on logits for numerical stability).

mod dcgan;
mod mlp;

pub use dcgan::{
    DcganDiscriminator, DcganDiscriminatorConfig, DcganGenerator, DcganGeneratorConfig,
};
pub use mlp::{MlpDiscriminator, MlpDiscriminatorConfig, MlpGenerator, MlpGeneratorConfig};

use crate::config::{GanConfig, ModelKind};
use burn::prelude::*;

/// Width and height of an image.
pub const IMAGE_SIDE: usize = 28;
/// Pixels of an image, flattened.
pub const IMAGE_PIXELS: usize = IMAGE_SIDE * IMAGE_SIDE;
/// Classes a conditional GAN knows: the ten digits.
pub const CLASSES: usize = 10;

/// The forger: noise in, image out.
#[derive(Module, Debug)]
#[allow(
    clippy::large_enum_variant,
    reason = "a trainer holds one Generator; boxing a variant would fight the Module derive"
)]
pub enum Generator {
    /// Fully connected.
    Mlp(MlpGenerator),
    /// Convolutional.
    Dcgan(DcganGenerator),
}

impl Generator {
    /// Turns noise into images in [-1, 1].
    pub fn forward(&self, noise: Tensor<2>) -> Tensor<2> {
        match self {
            Generator::Mlp(g) => g.forward(noise),
            Generator::Dcgan(g) => g.forward(noise),
        }
    }
}

/// The detective: image in, logit of "real" out.
#[derive(Module, Debug)]
#[allow(
    clippy::large_enum_variant,
    reason = "a trainer holds one Discriminator; boxing a variant would fight the Module derive"
)]
pub enum Discriminator {
    /// Fully connected.
    Mlp(MlpDiscriminator),
    /// Convolutional.
    Dcgan(DcganDiscriminator),
}

impl Discriminator {
    /// Scores images: one logit per image, positive means "real".
    pub fn forward(&self, images: Tensor<2>) -> Tensor<2> {
        match self {
            Discriminator::Mlp(d) => d.forward(images),
            Discriminator::Dcgan(d) => d.forward(images),
        }
    }
}

/// Both networks. Stacked, they form the network z → D(G(z)) that trains the generator.
#[derive(Module, Debug)]
pub struct Gan {
    /// The forger.
    pub generator: Generator,
    /// The detective.
    pub discriminator: Discriminator,
}

impl Gan {
    /// Builds fresh networks for `config` on `device`.
    pub fn new(config: &GanConfig, device: &Device) -> Self {
        // A conditional G reads the class after the noise, a conditional D after the image.
        let classes = if config.conditional { CLASSES } else { 0 };
        let (generator, discriminator) = match config.model {
            ModelKind::Mlp => (
                Generator::Mlp(
                    MlpGeneratorConfig::new(config.latent_dim + classes)
                        .with_leaky_slope(config.leaky_slope)
                        .with_batch_norm(config.generator_batch_norm)
                        .init(device),
                ),
                Discriminator::Mlp(
                    MlpDiscriminatorConfig::new()
                        .with_classes(classes)
                        .with_leaky_slope(config.leaky_slope)
                        .with_dropout(config.dropout)
                        .init(device),
                ),
            ),
            ModelKind::Dcgan => (
                Generator::Dcgan(
                    DcganGeneratorConfig::new(config.latent_dim + classes).init(device),
                ),
                Discriminator::Dcgan(
                    DcganDiscriminatorConfig::new()
                        .with_classes(classes)
                        .with_leaky_slope(config.leaky_slope)
                        .init(device),
                ),
            ),
        };
        Self {
            generator,
            discriminator,
        }
    }

    /// Whether every weight of both networks is a finite number, read without blocking. One
    /// sum over all weights: NaN and infinity survive a sum, so one scalar tells.
    pub async fn weights_finite_async(&self) -> Result<bool, crate::TrainError> {
        struct Sum(Option<Tensor<1>>);
        impl burn::module::ModuleVisitor for Sum {
            fn visit_float<const D: usize>(&mut self, param: &burn::module::Param<Tensor<D>>) {
                let s = param.val().detach().sum(); // [1]
                self.0 = Some(match self.0.take() {
                    Some(acc) => acc + s,
                    None => s,
                });
            }
        }
        let mut sum = Sum(None);
        self.visit(&mut sum);
        let Some(total) = sum.0 else {
            return Ok(true);
        };
        let values = total
            .into_data_async()
            .await
            .map_err(|e| crate::TrainError::Read(format!("{e:?}")))?
            .try_to_vec::<f32>()
            .map_err(|e| crate::TrainError::Read(format!("{e:?}")))?;
        Ok(values.iter().all(|v| v.is_finite()))
    }

    /// The stacked network: noise → G → D → logits. Training it with D frozen trains G alone.
    /// A conditional GAN hands both networks the same classes (`[batch, 10]` one-hot rows).
    pub fn stacked_forward(&self, noise: Tensor<2>, classes: Option<Tensor<2>>) -> Tensor<2> {
        let fakes = self.generator.forward(with_classes(noise, classes.clone())); // [batch, 784]
        self.discriminator.forward(with_classes(fakes, classes)) // [batch, 1]
    }
}

/// `x` with the one-hot `classes` appended to each row (`[batch, n]` → `[batch, n + 10]`), or
/// `x` as it is: how a conditional GAN's networks receive the class.
pub fn with_classes(x: Tensor<2>, classes: Option<Tensor<2>>) -> Tensor<2> {
    match classes {
        Some(classes) => Tensor::cat(vec![x, classes], 1),
        None => x,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use burn::tensor::Distribution;

    fn shapes_for(model: ModelKind) {
        let device = Device::flex();
        let config = GanConfig {
            model,
            ..GanConfig::default()
        };
        let gan = Gan::new(&config, &device);
        let z = Tensor::<2>::random(
            [3, config.latent_dim],
            Distribution::Normal(0.0, 1.0),
            &device,
        );
        let images = gan.generator.forward(z.clone());
        assert_eq!(images.dims(), [3, IMAGE_PIXELS]);
        let values = images.into_data().try_to_vec::<f32>().unwrap();
        assert!(values.iter().all(|v| (-1.0..=1.0).contains(v)));
        assert_eq!(gan.stacked_forward(z, None).dims(), [3, 1]);
    }

    #[test]
    fn mlp_shapes() {
        shapes_for(ModelKind::Mlp);
    }

    #[test]
    fn dcgan_shapes() {
        shapes_for(ModelKind::Dcgan);
    }

    #[test]
    fn mlp_options_add_batch_norm_to_g_and_dropout_to_d() {
        let device = Device::flex();
        let plain = Gan::new(
            &GanConfig {
                generator_batch_norm: false,
                ..GanConfig::default()
            },
            &device,
        );
        let config = GanConfig {
            generator_batch_norm: true,
            dropout: 0.5,
            ..GanConfig::default()
        };
        let gan = Gan::new(&config, &device);
        // Per hidden unit of G a scale, a shift, and the running mean and variance (burn counts
        // those too): 4 · (256 + 512 + 1024).
        assert_eq!(
            gan.generator.num_params(),
            plain.generator.num_params() + 7168
        );
        // Dropout has no weights, and scoring (no autodiff) does not drop anything: the same
        // images get the same logits twice.
        assert_eq!(
            gan.discriminator.num_params(),
            plain.discriminator.num_params()
        );
        let images = Tensor::<2>::random([4, IMAGE_PIXELS], Distribution::Default, &device);
        let a = gan.discriminator.forward(images.clone()).into_data();
        let b = gan.discriminator.forward(images).into_data();
        assert_eq!(a, b);
    }

    #[test]
    fn mlp_has_the_seeds_parameter_count() {
        // G: 100·256+256 + 256·512+512 + 512·1024+1024 + 1024·784+784 = 1 486 352
        // D: 784·512+512 + 512·256+256 + 256+1 = 533 505; the TF.js peer has the same 2 019 857.
        // The default adds batch norm to G; without it the networks are the seed's.
        let seed = GanConfig {
            generator_batch_norm: false,
            ..GanConfig::default()
        };
        let gan = Gan::new(&seed, &Device::flex());
        assert_eq!(gan.generator.num_params(), 1_486_352);
        assert_eq!(gan.discriminator.num_params(), 533_505);
    }

    fn conditional_shapes_for(model: ModelKind) {
        let device = Device::flex();
        let config = GanConfig {
            model,
            conditional: true,
            ..GanConfig::default()
        };
        let gan = Gan::new(&config, &device);
        let z = Tensor::<2>::random(
            [4, config.latent_dim],
            Distribution::Normal(0.0, 1.0),
            &device,
        );
        let classes = Tensor::<2>::from_data(
            TensorData::new(
                (0..4 * CLASSES)
                    .map(|i| {
                        if i % CLASSES == (i / CLASSES) * 3 {
                            1.0
                        } else {
                            0.0
                        }
                    })
                    .collect::<Vec<f32>>(),
                [4, CLASSES],
            ),
            &device,
        );
        let images = gan
            .generator
            .forward(with_classes(z.clone(), Some(classes.clone())));
        assert_eq!(images.dims(), [4, IMAGE_PIXELS]);
        assert_eq!(
            gan.stacked_forward(z.clone(), Some(classes.clone())).dims(),
            [4, 1]
        );
        // The class changes the drawing: the same noise with another class draws another image.
        let other = classes.clone().slice([0..4, 0..CLASSES]).flip([1]);
        let a = gan
            .generator
            .forward(with_classes(z.clone(), Some(classes)))
            .into_data();
        let b = gan
            .generator
            .forward(with_classes(z, Some(other)))
            .into_data();
        assert_ne!(a, b);
    }

    #[test]
    fn conditional_networks_take_the_class() {
        conditional_shapes_for(ModelKind::Mlp);
        conditional_shapes_for(ModelKind::Dcgan);
        // The first layers grow by ten inputs each.
        let plain = Gan::new(&GanConfig::default(), &Device::flex());
        let conditional = Gan::new(
            &GanConfig {
                conditional: true,
                ..GanConfig::default()
            },
            &Device::flex(),
        );
        assert_eq!(
            conditional.generator.num_params(),
            plain.generator.num_params() + CLASSES * 256
        );
        assert_eq!(
            conditional.discriminator.num_params(),
            plain.discriminator.num_params() + CLASSES * 512
        );
    }
}
