//! The command line, declared with clap: its errors and `--help` come for free.

use clap::{Args, Parser, Subcommand, ValueEnum};
use gan_core::{GanConfig, ModelKind};
use std::path::PathBuf;

/// GAN Werkstatt's native trainer.
#[derive(Debug, Parser)]
#[command(name = "gan-werkstatt", version, about)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Train a GAN on MNIST; write grids, metrics and a checkpoint to --out.
    Train(TrainArgs),
    /// Measure training steps per second (median of several runs).
    Bench(BenchArgs),
    /// Draw a grid of digits from a checkpoint.
    Sample(SampleArgs),
}

/// The compute backend.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum BackendChoice {
    /// burn's pure-Rust CPU backend (Flex, with SIMD kernels).
    Cpu,
    /// burn's wgpu backend (Vulkan, Metal, DX12 natively).
    Wgpu,
}

/// The model's hyperparameters, shared by `train` and `bench`.
#[derive(Debug, Args)]
pub struct ModelArgs {
    /// Which networks to train.
    #[arg(long, value_enum, default_value_t = ModelArg::Mlp)]
    pub model: ModelArg,
    /// Seed of the initial weights, the noise and the batch order.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Real images per step (D also sees as many fakes).
    #[arg(long, default_value_t = 64, value_parser = clap::value_parser!(u16).range(1..=1024))]
    pub batch_size: u16,
    /// Length of the noise vector.
    #[arg(long, default_value_t = 100, value_parser = clap::value_parser!(u16).range(2..=512))]
    pub latent_dim: u16,
    /// Generator learning rate.
    #[arg(long, default_value_t = GanConfig::default().lr_generator)]
    pub lr_g: f64,
    /// Discriminator learning rate.
    #[arg(long, default_value_t = GanConfig::default().lr_discriminator)]
    pub lr_d: f64,
    /// One-sided label smoothing: D's target for real images is 1 minus this.
    #[arg(long, default_value_t = GanConfig::default().label_smoothing)]
    pub label_smoothing: f64,
    /// Compute backend.
    #[arg(long, value_enum, default_value_t = BackendChoice::Cpu)]
    pub backend: BackendChoice,
}

/// `--model` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ModelArg {
    /// The classic fully connected GAN.
    Mlp,
    /// A small convolutional GAN.
    Dcgan,
}

impl ModelArgs {
    /// The config these arguments describe, validated (clap checks types, this checks ranges).
    pub fn config(&self) -> anyhow::Result<GanConfig> {
        let config = GanConfig {
            model: match self.model {
                ModelArg::Mlp => ModelKind::Mlp,
                ModelArg::Dcgan => ModelKind::Dcgan,
            },
            seed: self.seed,
            batch_size: self.batch_size.into(),
            latent_dim: self.latent_dim.into(),
            lr_generator: self.lr_g,
            lr_discriminator: self.lr_d,
            label_smoothing: self.label_smoothing,
            ..GanConfig::default()
        };
        config.validate()?;
        Ok(config)
    }
}

/// `train` arguments.
#[derive(Debug, Args)]
pub struct TrainArgs {
    /// The hyperparameters.
    #[command(flatten)]
    pub model: ModelArgs,
    /// Training steps to run.
    #[arg(long, default_value_t = 3000, value_parser = clap::value_parser!(u64).range(1..))]
    pub steps: u64,
    /// Output folder (created if missing; must be writable).
    #[arg(long)]
    pub out: PathBuf,
    /// Write a PNG grid of 64 digits from fixed noise every N steps (and at the end).
    #[arg(long, default_value_t = 500, value_parser = clap::value_parser!(u64).range(1..))]
    pub grid_every: u64,
    /// Read the statistics and write a metrics line every N steps.
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..))]
    pub log_every: u64,
    /// Folder with the four MNIST .gz files.
    #[arg(long, default_value = "www/data/mnist")]
    pub data: PathBuf,
}

/// `bench` arguments.
#[derive(Debug, Args)]
pub struct BenchArgs {
    /// The hyperparameters.
    #[command(flatten)]
    pub model: ModelArgs,
    /// Timed steps per run.
    #[arg(long, default_value_t = 200, value_parser = clap::value_parser!(u64).range(1..))]
    pub steps: u64,
    /// Untimed steps before each run.
    #[arg(long, default_value_t = 20)]
    pub warmup: u64,
    /// Runs; the median is reported.
    #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u64).range(1..))]
    pub runs: u64,
    /// Also measure D(G(z)) after G's update, as `train` does (one more forward pass of both
    /// networks per step); the app and this benchmark leave it out by default.
    #[arg(long)]
    pub probe: bool,
    /// Folder with the four MNIST .gz files.
    #[arg(long, default_value = "www/data/mnist")]
    pub data: PathBuf,
}

/// `sample` arguments.
#[derive(Debug, Args)]
pub struct SampleArgs {
    /// A checkpoint written by `train`.
    #[arg(long)]
    pub checkpoint: PathBuf,
    /// The PNG to write.
    #[arg(long)]
    pub out: PathBuf,
    /// Seed of the fixed noise.
    #[arg(long, default_value_t = 1)]
    pub noise_seed: u64,
}
