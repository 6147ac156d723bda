//! The GAN of GAN Werkstatt, as the classic recipe teaches it.
//!
//! A generator `G` turns noise `z` into 28×28 images; a discriminator `D` says how likely an
//! image is real. [`GanTrainer`] runs one training step as six named phases:
//!
//! 1. [`Phase::GenerateFakes`]: G makes a batch of fakes.
//! 2. [`Phase::TrainDiscriminator`]: D trains on as many real as fake images (real = 1, fake = 0).
//! 3. [`Phase::StackNetworks`]: D and G are stacked into one network z → D(G(z)).
//! 4. [`Phase::FreezeDiscriminator`]: D's weights are frozen.
//! 5. [`Phase::TrainGenerator`]: the stack trains on noise with target "real", so only G learns.
//! 6. [`Phase::UnfreezeDiscriminator`]: D is unfrozen, and the loop starts again.
//!
//! The crate is backend-agnostic: callers hand in a burn [`Device`](burn::tensor::Device)
//! (WebGPU, CPU, ...), and every read that a GPU would make asynchronous has an `async` form.
//! It knows nothing of files, browsers or threads, so the app, the CLI and the tests share it.
//!
//! Read it in this order: [`model`] (the two networks), [`loss`], [`phase`], [`trainer`] (the six
//! phases, one function each). What makes a step fast (fused layers, Adam in one pass, WebGPU
//! kernels) lives in the `gan-fast` crate; [`fast`] is the one place that names it, with the
//! plain burn meaning of each thing it takes from there.

pub mod checkpoint;
pub mod clock;
pub mod config;
pub mod fast;
pub mod loss;
pub mod model;
pub mod phase;
pub mod stats;
pub mod trainer;

pub use checkpoint::{Checkpoint, CheckpointError, OptimizerState};
pub use clock::Clock;
pub use config::{ConfigError, GanConfig, ModelKind};
pub use model::{CLASSES, Discriminator, Gan, Generator, IMAGE_PIXELS, IMAGE_SIDE};
pub use phase::Phase;
pub use stats::{PhaseTimings, StartedRead, StepReadout, StepStats};
pub use trainer::{GanTrainer, Real, TrainError};
