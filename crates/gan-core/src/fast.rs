//! The one place where the GAN names its speed machinery (the `gan-fast` crate).
//!
//! Everything the models and the trainer take from there computes what burn's ordinary
//! operations compute, only faster on the backends a classroom has; gan-fast's tests show the
//! agreement. A reader can take each line below as its plain meaning:
//!
//! | here | means |
//! |---|---|
//! | [`dense`]`(layer, x, activation)` | `activation(layer.forward(x))` |
//! | [`linear`]`(layer, x)` | `layer.forward(x)` |
//! | [`leaky_relu`], [`tanh`] | burn's `activation::leaky_relu`, `activation::tanh` |
//! | [`adam`]`(β1, β2)` | `AdamConfig::new().with_beta_1(β1).with_beta_2(β2).build()` |
//! | [`Sole`] | the networks, held so that an update owns them alone (no copies) |

use crate::config::{GanConfig, ModelKind};
use crate::model::{IMAGE_PIXELS, MlpDiscriminatorConfig, MlpGeneratorConfig};
use burn::optim::ModuleOptimizer;

pub use gan_fast::activation::{leaky_relu, tanh};
pub use gan_fast::layer::{Activation, dense, linear};
pub(crate) use gan_fast::sole::Sole;
pub use gan_fast::speed::Gemm;

/// Adam with these decay rates of its two moments (ε = 1e-8, no weight decay): burn's Adam,
/// updated in one pass over each parameter.
pub(crate) fn adam(beta_1: f32, beta_2: f32) -> ModuleOptimizer {
    ModuleOptimizer::from(gan_fast::FusedAdam::new(beta_1, beta_2, 1e-8))
}

/// Parameters Adam updated on this thread into new memory because something else held them:
/// zero while the trainer lends its networks to the optimizer alone.
pub fn copied_parameters() -> usize {
    gan_fast::copied_parameters()
}

/// The matrix products of one training step of `config`'s GAN, phase by phase, or `None` for a
/// model that is not (only) matrix products: what the speed benchmarks call the step's ceiling.
pub fn step_gemms(config: &GanConfig) -> Option<Vec<Gemm>> {
    if config.model != ModelKind::Mlp {
        return None;
    }
    let (generator, discriminator) = mlp_widths(config.latent_dim);
    Some(gan_fast::speed::mlp_step_gemms(
        config.batch_size,
        &generator,
        &discriminator,
    ))
}

/// The widths of the MLP's layers, input first, with the hidden widths of the same configs that
/// `Gan::new` builds them from.
fn mlp_widths(latent: usize) -> (Vec<usize>, Vec<usize>) {
    let mut g = vec![latent];
    g.extend(MlpGeneratorConfig::new(latent).hidden);
    g.push(IMAGE_PIXELS);
    let mut d = vec![IMAGE_PIXELS];
    d.extend(MlpDiscriminatorConfig::new().hidden);
    d.push(1);
    (g, d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use gan_fast::speed::{rule_of_thumb_flops, total_flops};

    /// The listed products cover the default MLP's 2 019 857 parameters (the peer's MLP GAN):
    /// the exact count stays a little under the rule of thumb, which also counts gradients the
    /// trainer skips.
    #[test]
    fn the_gemm_list_matches_the_parameter_count() {
        let config = GanConfig::default();
        let gemms = step_gemms(&config).expect("the MLP is all GEMMs");
        let (g, d) = mlp_widths(config.latent_dim);
        let params = |w: &[usize]| w.windows(2).map(|p| p[0] * p[1] + p[1]).sum::<usize>();
        assert_eq!(params(&g) + params(&d), 2_019_857, "the peer's MLP GAN");
        let exact = total_flops(&gemms);
        let thumb = rule_of_thumb_flops(params(&g), params(&d), config.batch_size);
        assert!(exact < thumb && exact > 0.8 * thumb, "{exact} vs {thumb}");
    }

    #[test]
    fn only_the_mlp_is_listed() {
        let config = GanConfig {
            model: ModelKind::Dcgan,
            ..GanConfig::default()
        };
        assert!(step_gemms(&config).is_none());
    }
}
