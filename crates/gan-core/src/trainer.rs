//! The training loop of the classic recipe, one named function per phase.
//!
//! [`GanTrainer::step`] runs a whole step; the app's phase-step mode calls
//! [`GanTrainer::run_next_phase`] to advance one phase at a time. Phases must run in order; the
//! trainer refuses a phase out of turn rather than train something the lesson did not show.

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

/// Why the trainer refused to run.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum TrainError {
    /// A phase was asked for out of turn.
    #[error("phase {requested} cannot run now: phase {expected} is next", requested = .requested.number(), expected = .expected.number())]
    OutOfOrder {
        /// The phase that is due.
        expected: Phase,
        /// The phase that was asked for.
        requested: Phase,
    },
    /// The real batch has the wrong number of pixels.
    #[error("the real batch has {got} values; batch size {batch} needs {expected} (batch × 784)")]
    BadBatch {
        /// The configured batch size.
        batch: usize,
        /// The number of values needed.
        expected: usize,
        /// The number of values given.
        got: usize,
    },
    /// Phase 2 needs real images and none were given.
    #[error("phase 2 needs a batch of real images")]
    MissingRealBatch,
    /// A conditional GAN's phase 2 needs the real images' classes.
    #[error(
        "a conditional GAN needs the class of each real image ({expected} classes 0 to 9; got {got})"
    )]
    BadLabels {
        /// Classes needed: one per image.
        expected: usize,
        /// Classes given (or 0 when none were).
        got: usize,
    },
    /// Noise for sampling has the wrong length.
    #[error("noise has {got} values, not a multiple of the latent size {latent}")]
    BadNoise {
        /// The configured latent size.
        latent: usize,
        /// The number of values given.
        got: usize,
    },
    /// Values could not be read back from the device.
    #[error("could not read from the device: {0}")]
    Read(String),
    /// A hyperparameter out of range.
    #[error(transparent)]
    Config(#[from] ConfigError),
}

/// A batch of real images and, for a conditional GAN, their classes.
#[derive(Debug, Clone, Copy)]
pub struct Real<'a> {
    /// `batch × 784` values in [-1, 1], image after image.
    pub pixels: &'a [f32],
    /// One class 0..=9 per image; a conditional GAN needs them, an unconditional one ignores
    /// them.
    pub labels: Option<&'a [u8]>,
}

impl<'a> Real<'a> {
    /// Images with their classes.
    pub fn labelled(pixels: &'a [f32], labels: &'a [u8]) -> Self {
        Self {
            pixels,
            labels: Some(labels),
        }
    }
}

impl<'a> From<&'a [f32]> for Real<'a> {
    fn from(pixels: &'a [f32]) -> Self {
        Self {
            pixels,
            labels: None,
        }
    }
}

impl<'a> From<&'a Vec<f32>> for Real<'a> {
    fn from(pixels: &'a Vec<f32>) -> Self {
        Self::from(pixels.as_slice())
    }
}

/// One-hot rows for `classes` (each 0..=9; a larger one counts as 9): 10 values per class.
fn one_hot_rows(classes: &[u8]) -> Vec<f32> {
    let mut rows = vec![0.0f32; classes.len() * CLASSES];
    for (row, &class) in classes.iter().enumerate() {
        rows[row * CLASSES + usize::from(class).min(CLASSES - 1)] = 1.0;
    }
    rows
}

/// One-hot rows `[count, 10]` for `classes` (each 0..=9), on `device`.
pub fn one_hot(classes: &[u8], device: &Device) -> Tensor<2> {
    Tensor::from_data(
        TensorData::new(one_hot_rows(classes), [classes.len(), CLASSES]),
        device,
    ) // [count, 10]
}

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

    /// Replaces both networks (from a checkpoint) and restarts the step counter at `steps`.
    /// The optimizers start fresh and any half-run step is dropped.
    pub fn load(&mut self, gan: Gan, steps: u64) {
        // A checkpoint loads onto a plain device; `train` re-enables autodiff after the move.
        self.gan = Sole::new(gan.fork(&self.train_device).train());
        self.optim_g = adam(&self.config);
        self.optim_d = adam(&self.config);
        self.steps = steps;
        self.next = Phase::GenerateFakes;
        self.work = StepWork::default();
    }

    /// Becomes `other` (its config, networks, optimizers and step count) but keeps this
    /// trainer's clock: how a loaded checkpoint replaces a running trainer.
    pub fn take_over(&mut self, other: GanTrainer) {
        let clock = std::mem::replace(&mut self.clock, Box::new(NoClock));
        *self = Self { clock, ..other };
    }

    /// Both optimizers' state, for a checkpoint that resumes exactly where training stopped.
    pub fn optimizer_state(&self) -> Result<OptimizerState, CheckpointError> {
        let bytes = |optim: &ModuleOptimizer| {
            optim
                .into_bytes()
                .map(|b| b.to_vec())
                .map_err(|e| CheckpointError::Optimizer(format!("{e:?}")))
        };
        Ok(OptimizerState {
            generator: bytes(&self.optim_g)?,
            discriminator: bytes(&self.optim_d)?,
        })
    }

    /// Restores both optimizers' state (after [`GanTrainer::load`] of the same checkpoint's
    /// networks, whose parameter ids the state refers to). On an error the optimizers stay
    /// fresh, as `load` left them.
    pub fn load_optimizers(&mut self, state: &OptimizerState) -> Result<(), CheckpointError> {
        let restore = |bytes: &[u8]| {
            adam(&self.config)
                .from_bytes(Bytes::from_bytes_vec(bytes.to_vec()))
                .map_err(|e| CheckpointError::Optimizer(format!("{e:?}")))
        };
        let g = restore(&state.generator)?;
        let d = restore(&state.discriminator)?;
        self.optim_g = g;
        self.optim_d = d;
        Ok(())
    }

    /// Applies new hyperparameters. Learning rates, label smoothing and batch size apply from
    /// the next phase on; a new model, latent size, slope, betas or seed needs fresh networks,
    /// so the trainer resets. Returns whether it reset.
    pub fn set_config(&mut self, config: GanConfig) -> Result<bool, TrainError> {
        config.validate()?;
        let reset = self.config.needs_new_model(&config);
        let batch_changed = self.config.batch_size != config.batch_size;
        self.config = config;
        if reset {
            self.reset();
        } else if batch_changed {
            // Phase 1's fakes have the old batch size; D must see as many real as fake images.
            self.abandon_step();
        }
        Ok(reset)
    }

    /// Drops a half-run step: its fakes and statistics go, D is unfrozen, phase 1 is next.
    /// The weights keep whatever the phases that ran taught them.
    pub fn abandon_step(&mut self) {
        if self.next.discriminator_frozen() || self.next == Phase::UnfreezeDiscriminator {
            self.gan.discriminator = self.gan.discriminator.clone().set_require_grad(true);
        }
        self.next = Phase::GenerateFakes;
        self.work = StepWork::default();
    }

    /// Starts over with fresh networks from the configured seed.
    pub fn reset(&mut self) {
        self.train_device.seed(self.config.seed);
        self.gan = Sole::new(Gan::new(&self.config, &self.train_device));
        self.optim_g = adam(&self.config);
        self.optim_d = adam(&self.config);
        self.steps = 0;
        self.next = Phase::GenerateFakes;
        self.work = StepWork::default();
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

    /// Images from G for the given noise (`count × latent` values), without autodiff and with
    /// batch norm in inference mode, so the same noise always gives the same image. A
    /// conditional G draws class `i mod 10` for the `i`-th noise vector: in rows of ten, one
    /// column per digit.
    pub fn generate(&self, noise: &[f32]) -> Result<Tensor<2>, TrainError> {
        let count = noise.len() / self.config.latent_dim.max(1);
        let classes: Vec<u8> = (0..count).map(|i| (i % CLASSES) as u8).collect();
        self.generate_classes(noise, &classes)
    }

    /// Images from G for the given noise, a conditional G drawing the given class for each
    /// noise vector (an unconditional G ignores the classes).
    pub fn generate_classes(&self, noise: &[f32], classes: &[u8]) -> Result<Tensor<2>, TrainError> {
        self.generate_soft(noise, &one_hot_rows(classes))
    }

    /// Images from G for the given noise and, for a conditional G, a class vector of ten
    /// weights per noise vector: one-hot asks for a digit, a blend of two (the latent walk
    /// between a 3 and an 8) asks for something between them.
    pub fn generate_soft(&self, noise: &[f32], classes: &[f32]) -> Result<Tensor<2>, TrainError> {
        let latent = self.config.latent_dim;
        if noise.is_empty() || !noise.len().is_multiple_of(latent) {
            return Err(TrainError::BadNoise {
                latent,
                got: noise.len(),
            });
        }
        let count = noise.len() / latent;
        let z = Tensor::<2>::from_data(
            TensorData::new(noise.to_vec(), [count, latent]),
            &self.device,
        ); // [count, latent]
        let classes = if self.config.conditional {
            if classes.len() != count * CLASSES {
                return Err(TrainError::BadLabels {
                    expected: count,
                    got: classes.len() / CLASSES,
                });
            }
            Some(Tensor::<2>::from_data(
                TensorData::new(classes.to_vec(), [count, CLASSES]),
                &self.device,
            )) // [count, 10]
        } else {
            None
        };
        Ok(self.gan.generator.valid().forward(with_classes(z, classes))) // [count, 784]
    }

    /// The images of [`GanTrainer::generate`] as pixels in [-1, 1], read without blocking.
    pub async fn sample_async(&self, noise: &[f32]) -> Result<Vec<f32>, TrainError> {
        read_pixels_async(self.generate(noise)?).await
    }

    /// The images of [`GanTrainer::generate`] as pixels in [-1, 1]. Native only.
    #[cfg(not(target_family = "wasm"))]
    pub fn sample(&self, noise: &[f32]) -> Result<Vec<f32>, TrainError> {
        let images = self.generate(noise)?;
        images
            .into_data()
            .try_to_vec::<f32>()
            .map_err(|e| TrainError::Read(format!("{e:?}")))
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

/// Reads images `[n, 784]` back from the device as pixels, without blocking.
pub async fn read_pixels_async(images: Tensor<2>) -> Result<Vec<f32>, TrainError> {
    images
        .into_data_async()
        .await
        .map_err(|e| TrainError::Read(format!("{e:?}")))?
        .try_to_vec::<f32>()
        .map_err(|e| TrainError::Read(format!("{e:?}")))
}
