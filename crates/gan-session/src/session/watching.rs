//! What the class watches in phase-step mode and slow motion: before a phase runs, the session
//! keeps what it will show (the images, and D's verdicts on them); after it, it reads what
//! changed and sends one [`PhaseView`]. Continuous training never comes here.

use super::*;
use burn::prelude::{Tensor, TensorData};
use gan_core::IMAGE_PIXELS;
use gan_core::trainer::{one_hot, read_pixels_async, read_values_async};
use gan_protocol::protocol::{GENERATOR_PAIRS, JUDGED_EACH, PHASE_FAKES, PhaseView};

/// What a phase's view keeps from before the phase ran: the images it shows and D's verdicts
/// on them. Phase 2: the real digits and fakes D is about to learn from (real first); phase 5:
/// fakes from fixed noise, before G's update.
pub(super) struct Before {
    images: Tensor<2>,          // [n, 784]
    classes: Option<Tensor<2>>, // [n, 10] for a conditional GAN
    verdicts: Tensor<2>,        // [n, 1]
}

impl TrainingSession {
    /// The noise phase 5's view draws from: the grid's first vectors, so before and after use
    /// the same noise (and the digits match the grid's top row).
    fn pair_noise(&self) -> &[f32] {
        let latent = self.trainer.config().latent_dim;
        &self.grid_noise[..GENERATOR_PAIRS * latent]
    }

    /// Keeps what the view of `phase` (about to run) compares against.
    pub(super) fn look_before(&self, phase: Phase) -> Result<Option<Before>, TrainError> {
        Ok(match phase {
            Phase::TrainDiscriminator => {
                let Some((fakes, fake_classes)) = self.trainer.fakes_in_hand(JUDGED_EACH) else {
                    return Ok(None);
                };
                // As many real digits as fakes (fewer than JUDGED_EACH in a tiny batch).
                let count = fakes.dims()[0];
                let device = fakes.device();
                let real = Tensor::<2>::from_data(
                    TensorData::new(
                        self.real[..count * IMAGE_PIXELS].to_vec(),
                        [count, IMAGE_PIXELS],
                    ),
                    &device,
                ); // [count, 784]
                let classes = fake_classes.map(|fake| {
                    let real = one_hot(&self.real_labels[..count], &device); // [count, 10]
                    Tensor::cat(vec![real, fake], 0) // [2·count, 10]
                });
                let images = Tensor::cat(vec![real, fakes], 0); // [2·count, 784]
                let verdicts = self.trainer.judge_images(images.clone(), classes.clone());
                Some(Before {
                    images,
                    classes,
                    verdicts,
                })
            }
            Phase::TrainGenerator => {
                let images = self.trainer.generate(self.pair_noise())?; // [GENERATOR_PAIRS, 784]
                let classes = self.pair_classes(&images);
                let verdicts = self.trainer.judge_images(images.clone(), classes.clone());
                Some(Before {
                    images,
                    classes,
                    verdicts,
                })
            }
            _ => None,
        })
    }

    /// The classes `generate` asked a conditional G for (digit `i mod 10`), for D to judge
    /// its drawings by; `None` for an unconditional GAN.
    fn pair_classes(&self, images: &Tensor<2>) -> Option<Tensor<2>> {
        self.trainer.config().conditional.then(|| {
            let classes: Vec<u8> = (0..GENERATOR_PAIRS).map(|i| i as u8).collect();
            one_hot(&classes, &images.device()) // [GENERATOR_PAIRS, 10]
        })
    }

    /// The view of `phase`, which has just run, or `None` for a phase without data.
    pub(super) async fn look_after(
        &self,
        phase: Phase,
        before: Option<Before>,
    ) -> Result<Option<PhaseView>, TrainError> {
        // The step the phase belongs to: phase 6 has not counted it yet.
        let step = self.trainer.steps() + 1;
        Ok(match (phase, before) {
            (Phase::GenerateFakes, _) => match self.trainer.fakes_in_hand(PHASE_FAKES) {
                Some((fakes, _)) => Some(PhaseView::Fakes {
                    step,
                    pixels: to_grey(&read_pixels_async(fakes).await?),
                }),
                None => None,
            },
            (
                Phase::TrainDiscriminator,
                Some(Before {
                    images,
                    classes,
                    verdicts,
                }),
            ) => {
                let after = self.trainer.judge_images(images.clone(), classes);
                let before = read_values_async(verdicts).await?;
                let after = read_values_async(after).await?;
                let losses = match self.trainer.discriminator_losses() {
                    Some(losses) => read_values_async(losses.unsqueeze::<2>()).await?,
                    None => vec![f32::NAN; 2],
                };
                let grey = to_grey(&read_pixels_async(images).await?);
                let count = before.len() / 2;
                let half = count * DIGIT_PIXELS;
                Some(PhaseView::Discriminator {
                    step,
                    real: grey[..half].to_vec(),
                    fakes: grey[half..].to_vec(),
                    real_before: before[..count].to_vec(),
                    real_after: after[..count].to_vec(),
                    fakes_before: before[count..].to_vec(),
                    fakes_after: after[count..].to_vec(),
                    loss_real: losses[0],
                    loss_fake: losses[1],
                })
            }
            (
                Phase::TrainGenerator,
                Some(Before {
                    images,
                    classes,
                    verdicts,
                }),
            ) => {
                // The same noise and classes as before G's update.
                let now = self.trainer.generate(self.pair_noise())?; // [GENERATOR_PAIRS, 784]
                let d_after = self.trainer.judge_images(now.clone(), classes);
                Some(PhaseView::Generator {
                    step,
                    before: to_grey(&read_pixels_async(images).await?),
                    after: to_grey(&read_pixels_async(now).await?),
                    d_before: read_values_async(verdicts).await?,
                    d_after: read_values_async(d_after).await?,
                })
            }
            _ => None,
        })
    }
}
