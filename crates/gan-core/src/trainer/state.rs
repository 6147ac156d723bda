//! The trainer's state beyond a step: loading networks, resuming optimizers from a checkpoint,
//! changing settings, and starting over.

use super::*;

impl GanTrainer {
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
}
