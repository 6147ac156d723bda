//! The training loop of the classic recipe, one named function per phase.
//!
//! [`GanTrainer::step`] runs a whole step; the app's phase-step mode calls
//! [`GanTrainer::run_next_phase`] to advance one phase at a time. Phases must run in order; the
//! trainer refuses a phase out of turn rather than train something the lesson did not show.
//!
//! This file is the recipe: the trainer, its six phases in order, and the step that runs them.
//! Beside it: what a step takes and how it refuses ([`inputs`]), drawing digits with the
//! networks as they are ([`sampling`]), loading, resuming and resetting ([`state`]), and what a
//! class can watch between two phases ([`watch`]).

use crate::checkpoint::{CheckpointError, OptimizerState};
use crate::clock::{Clock, NoClock};
use crate::config::{ConfigError, GanConfig};
use crate::fast::{self, Sole};
use crate::loss::bce_with_logits;
use crate::model::{CLASSES, Gan, IMAGE_PIXELS, with_classes};
use crate::phase::Phase;
use crate::stats::{PhaseTimings, StepReadout};
use burn::optim::{GradientsParams, ModuleOptimizer};
use burn::prelude::*;
use burn::tensor::activation::sigmoid;
use burn::tensor::{Bytes, Distribution};

mod inputs;
mod sampling;
mod state;
mod watch;

use inputs::one_hot_rows;
pub use inputs::{Real, TrainError, one_hot};
pub use sampling::{read_pixels_async, read_values_async};

/// Tensors a step carries from one phase to the next.
#[derive(Debug, Default)]
struct StepWork {
    /// Phase 1's fakes, detached from G: D's lesson must not reach G.
    fakes: Option<Tensor<2>>, // [batch, 784]
    /// The classes phase 1 asked G for (conditional GAN only).
    fake_classes: Option<Tensor<2>>, // [batch, 10]
    /// Scalars for the readout, in the order of `stats::SCALAR_NAMES`.
    scalars: Vec<Tensor<1>>,
    timings: PhaseTimings,
}

/// Trains a GAN with the six phases of the classic recipe.
pub struct GanTrainer {
    config: GanConfig,
    /// The device as the caller gave it, for sampling without autodiff.
    device: Device,
    /// The same device with autodiff, for training.
    train_device: Device,
    /// Both networks, held so that an optimizer step owns the one it updates alone.
    gan: Sole<Gan>,
    optim_g: ModuleOptimizer,
    optim_d: ModuleOptimizer,
    clock: Box<dyn Clock>,
    next: Phase,
    steps: u64,
    probe_after_update: bool,
    work: StepWork,
}

impl std::fmt::Debug for GanTrainer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GanTrainer")
            .field("config", &self.config)
            .field("next", &self.next)
            .field("steps", &self.steps)
            .finish_non_exhaustive()
    }
}

fn adam(config: &GanConfig) -> ModuleOptimizer {
    fast::adam(config.beta1, config.beta2)
}

impl GanTrainer {
    /// Builds fresh networks and optimizers for `config` on `device` (any backend).
    pub fn new(config: GanConfig, device: &Device) -> Result<Self, TrainError> {
        config.validate()?;
        let train_device = device.clone().autodiff();
        train_device.seed(config.seed);
        let gan = Sole::new(Gan::new(&config, &train_device));
        Ok(Self {
            optim_g: adam(&config),
            optim_d: adam(&config),
            config,
            device: device.clone(),
            train_device,
            gan,
            clock: Box::new(NoClock),
            next: Phase::GenerateFakes,
            steps: 0,
            probe_after_update: true,
            work: StepWork::default(),
        })
    }

    /// Measures phase timings with `clock`.
    pub fn with_clock(mut self, clock: impl Clock + 'static) -> Self {
        self.clock = Box::new(clock);
        self
    }

    /// Whether to measure D(G(z)) again after G's update (one more forward pass per step).
    pub fn set_probe_after_update(&mut self, probe: bool) {
        self.probe_after_update = probe;
    }

    /// The hyperparameters in use.
    pub fn config(&self) -> &GanConfig {
        &self.config
    }

    /// The device the trainer was built on, without autodiff.
    pub fn device(&self) -> &Device {
        &self.device
    }

    /// Steps completed.
    pub fn steps(&self) -> u64 {
        self.steps
    }

    /// The phase that runs next.
    pub fn next_phase(&self) -> Phase {
        self.next
    }

    /// Both networks, as they are now.
    pub fn gan(&self) -> &Gan {
        &self.gan
    }

    /// Runs the rest of the current step (all six phases when none has run yet).
    /// `real` is a batch of real images, `batch_size × 784` values in [-1, 1] (with their
    /// classes, for a conditional GAN).
    pub fn step<'a>(&mut self, real: impl Into<Real<'a>>) -> Result<StepReadout, TrainError> {
        let real = real.into();
        self.check_batch(real)?;
        loop {
            if let Some(readout) = self.run_next_phase(Some(real))? {
                return Ok(readout);
            }
        }
    }

    /// Runs the phase that is due. `real` is needed for phase 2 only. Returns the step's
    /// statistics when phase 6 completes the step.
    pub fn run_next_phase<'a>(
        &mut self,
        real: Option<impl Into<Real<'a>>>,
    ) -> Result<Option<StepReadout>, TrainError> {
        let real = real.map(Into::into);
        match self.next {
            Phase::GenerateFakes => self.generate_fakes()?,
            Phase::TrainDiscriminator => {
                self.train_discriminator(real.ok_or(TrainError::MissingRealBatch)?)?;
            }
            Phase::StackNetworks => self.stack_networks()?,
            Phase::FreezeDiscriminator => self.freeze_discriminator()?,
            Phase::TrainGenerator => self.train_generator()?,
            Phase::UnfreezeDiscriminator => return self.unfreeze_discriminator().map(Some),
        }
        Ok(None)
    }

    /// Phase 1: G makes a batch of fakes from fresh noise.
    pub fn generate_fakes(&mut self) -> Result<(), TrainError> {
        let start = self.begin(Phase::GenerateFakes)?;
        let noise = self.noise(); // [batch, latent]
        let classes = self.random_classes(); // [batch, 10] if conditional
        // Detached: in phase 2 the fakes are D's evidence, not a path back into G.
        let fakes = self
            .gan
            .generator
            .forward(with_classes(noise, classes.clone()))
            .detach(); // [batch, 784]
        self.work.fakes = Some(fakes);
        self.work.fake_classes = classes;
        self.end(Phase::GenerateFakes, start);
        Ok(())
    }

    /// Phase 2: D trains on `real` (target 1, or less with label smoothing) and on phase 1's
    /// fakes (target 0), as many of each. Only D's optimizer steps.
    pub fn train_discriminator<'a>(&mut self, real: impl Into<Real<'a>>) -> Result<(), TrainError> {
        let real = real.into();
        self.check_batch(real)?;
        let start = self.begin(Phase::TrainDiscriminator)?;
        let batch = self.config.batch_size;
        let real_classes = match (self.config.conditional, real.labels) {
            (true, Some(labels)) => Some(one_hot(labels, &self.train_device)), // [batch, 10]
            _ => None,
        };
        let real = Tensor::<2>::from_data(
            TensorData::new(real.pixels.to_vec(), [batch, IMAGE_PIXELS]),
            &self.train_device,
        ); // [batch, 784]
        let real = with_classes(real, real_classes); // [batch, 784 (+ 10)]
        // Phase 1 always leaves its fakes, and `begin` let phase 2 start only after it.
        let fakes = self.work.fakes.take().ok_or(TrainError::OutOfOrder {
            expected: Phase::GenerateFakes,
            requested: Phase::TrainDiscriminator,
        })?; // [batch, 784]
        let fakes = with_classes(fakes, self.work.fake_classes.take()); // [batch, 784 (+ 10)]

        // One pass over real and fake together: one larger matrix product instead of two.
        let logits = self
            .gan
            .discriminator
            .forward(Tensor::cat(vec![real, fakes], 0)); // [2·batch, 1]
        let real_logits = logits.clone().slice(0..batch); // [batch, 1]
        let fake_logits = logits.slice(batch..2 * batch); // [batch, 1]
        let loss_real = bce_with_logits(real_logits.clone(), self.config.real_target()); // [1]
        let loss_fake = bce_with_logits(fake_logits.clone(), 0.0); // [1]
        let loss = (loss_real.clone() + loss_fake.clone()) * 0.5; // [1]

        let grads = GradientsParams::from_grads(loss.backward(), &self.gan.discriminator);
        let (optim, lr) = (&mut self.optim_d, self.config.lr_discriminator);
        // D moves into the optimizer, so Adam updates its parameters in place.
        self.gan.update(|mut gan| {
            gan.discriminator = optim.step(lr, gan.discriminator, grads);
            gan
        });

        let real_logits = real_logits.detach();
        let fake_logits = fake_logits.detach();
        self.work.scalars = vec![
            loss_real.detach(),
            loss_fake.detach(),
            // g_loss is filled in by phase 5; keep its slot.
            Tensor::zeros([1], &self.train_device),
            sigmoid(real_logits.clone()).mean(),
            sigmoid(fake_logits.clone()).mean(),
            real_logits.greater_elem(0.0).float().mean(),
            fake_logits.lower_equal_elem(0.0).float().mean(),
        ];
        self.end(Phase::TrainDiscriminator, start);
        Ok(())
    }

    /// Phase 3: D and G are stacked into z → D(G(z)).
    ///
    /// In burn the stack is [`Gan::stacked_forward`], the composition that phase 5
    /// differentiates, so stacking costs nothing; the phase exists to keep the recipe's order
    /// visible, and the trainer refuses phase 5 until it ran.
    pub fn stack_networks(&mut self) -> Result<(), TrainError> {
        let start = self.begin(Phase::StackNetworks)?;
        self.end(Phase::StackNetworks, start);
        Ok(())
    }

    /// Phase 4: D's weights are frozen: they stop requiring gradients, so phase 5's backward
    /// pass computes none for them and nothing could update them.
    pub fn freeze_discriminator(&mut self) -> Result<(), TrainError> {
        let start = self.begin(Phase::FreezeDiscriminator)?;
        self.gan.discriminator = self.gan.discriminator.clone().set_require_grad(false);
        self.end(Phase::FreezeDiscriminator, start);
        Ok(())
    }

    /// Phase 5: the stack trains on fresh noise with target "real" (1). The gradient flows
    /// through the frozen D into G, and only G's optimizer steps.
    pub fn train_generator(&mut self) -> Result<(), TrainError> {
        let start = self.begin(Phase::TrainGenerator)?;
        let noise = self.noise(); // [batch, latent]
        let classes = self.random_classes(); // [batch, 10] if conditional
        let logits = self.gan.stacked_forward(noise.clone(), classes.clone()); // [batch, 1]
        let loss = bce_with_logits(logits.clone(), 1.0); // [1]
        let d_fake_before = sigmoid(logits.detach()).mean(); // [1]

        let grads = GradientsParams::from_grads(loss.backward(), &self.gan.generator);
        let (optim, lr) = (&mut self.optim_g, self.config.lr_generator);
        // G moves into the optimizer, so Adam updates its parameters in place.
        self.gan.update(|mut gan| {
            gan.generator = optim.step(lr, gan.generator, grads);
            gan
        });

        if let Some(slot) = self.work.scalars.get_mut(2) {
            *slot = loss.detach();
        }
        self.work.scalars.push(d_fake_before);
        if self.probe_after_update {
            // The same noise through the updated G and the same frozen D, without autodiff.
            let after = self.gan.valid().stacked_forward(
                noise.detach().without_autodiff(),
                classes.map(|c| c.detach().without_autodiff()),
            ); // [batch, 1]
            self.work.scalars.push(sigmoid(after).mean());
        }
        self.end(Phase::TrainGenerator, start);
        Ok(())
    }

    /// Phase 6: D is unfrozen and the step is complete. Returns the step's statistics, still
    /// on the device (see [`StepReadout`]).
    pub fn unfreeze_discriminator(&mut self) -> Result<StepReadout, TrainError> {
        let start = self.begin(Phase::UnfreezeDiscriminator)?;
        self.gan.discriminator = self.gan.discriminator.clone().set_require_grad(true);
        self.end(Phase::UnfreezeDiscriminator, start);
        self.steps += 1;
        let work = std::mem::take(&mut self.work);
        // Plain tensors: the readout must not keep the step's autodiff graph alive.
        let scalars: Vec<Tensor<1>> = work
            .scalars
            .into_iter()
            .map(Tensor::without_autodiff)
            .collect();
        Ok(StepReadout {
            step: self.steps,
            scalars: Tensor::cat(scalars, 0), // [8] or [9]
            timings: work.timings,
        })
    }

    fn noise(&self) -> Tensor<2> {
        Tensor::<2>::random(
            [self.config.batch_size, self.config.latent_dim],
            Distribution::Normal(0.0, 1.0),
            &self.train_device,
        ) // [batch, latent]
    }

    /// Classes for a batch of fakes, drawn evenly from the ten digits (conditional GAN only).
    fn random_classes(&self) -> Option<Tensor<2>> {
        let batch = self.config.batch_size;
        self.config.conditional.then(|| {
            let picked = Tensor::<2>::random(
                [batch, 1],
                Distribution::Uniform(0.0, CLASSES as f64),
                &self.train_device,
            )
            .floor()
            .clamp(0.0, (CLASSES - 1) as f64); // [batch, 1]
            let digits = Tensor::<2>::from_data(
                TensorData::new((0..CLASSES).map(|c| c as f32).collect(), [1, CLASSES]),
                &self.train_device,
            ); // [1, 10]
            picked
                .repeat_dim(1, CLASSES)
                .equal(digits.repeat_dim(0, batch))
                .float() // [batch, 10]
        })
    }

    fn check_batch(&self, real: Real<'_>) -> Result<(), TrainError> {
        let batch = self.config.batch_size;
        let expected = batch * IMAGE_PIXELS;
        if real.pixels.len() != expected {
            return Err(TrainError::BadBatch {
                batch,
                expected,
                got: real.pixels.len(),
            });
        }
        if self.config.conditional {
            let labels = real.labels.unwrap_or_default();
            if labels.len() != batch || labels.iter().any(|&l| usize::from(l) >= CLASSES) {
                return Err(TrainError::BadLabels {
                    expected: batch,
                    got: labels.len(),
                });
            }
        }
        Ok(())
    }

    fn begin(&self, phase: Phase) -> Result<f64, TrainError> {
        if self.next == phase {
            Ok(self.clock.now_ms())
        } else {
            Err(TrainError::OutOfOrder {
                expected: self.next,
                requested: phase,
            })
        }
    }

    fn end(&mut self, phase: Phase, start: f64) {
        self.work.timings.ms[phase.index()] = self.clock.now_ms() - start;
        self.next = phase.next();
    }
}
