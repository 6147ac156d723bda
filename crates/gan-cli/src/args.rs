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
    /// Train the judge (an MNIST classifier) and write it with the real digits' feature
    /// statistics, for the app's quality figures and for `quality`.
    TrainJudge(TrainJudgeArgs),
    /// Train GANs and let the judge score them at several steps (Fréchet distance, confidence,
    /// classes present); writes a Markdown table.
    Quality(QualityArgs),
}

/// The compute backend.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum BackendChoice {
    /// burn's pure-Rust CPU backend (Flex, with SIMD kernels).
    Cpu,
    /// burn's wgpu backend (Vulkan, Metal, DX12 natively).
    Wgpu,
}

/// Which kernel multiplies matrices on the wgpu backend.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MatmulChoice {
    /// The core's register-tile kernel on a CPU adapter (SwiftShader, llvmpipe), burn's otherwise.
    Auto,
    /// burn's own kernel, always.
    Burn,
    /// The core's register-tile kernel, always (the one written for software adapters).
    RegisterTiles,
}

/// The model and its seed, shared by `train` and `bench`.
#[derive(Debug, Args)]
pub struct ModelArgs {
    /// Which networks to train.
    #[arg(long, value_enum, default_value_t = ModelArg::Mlp)]
    pub model: ModelArg,
    /// Seed of the initial weights, the noise and the batch order.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// The hyperparameters.
    #[command(flatten)]
    pub hyper: HyperArgs,
    /// Compute backend.
    #[arg(long, value_enum, default_value_t = BackendChoice::Cpu)]
    pub backend: BackendChoice,
    /// Matrix-product kernel on the wgpu backend (the CPU backend always uses its own).
    #[arg(long, value_enum, default_value_t = MatmulChoice::Auto)]
    pub matmul: MatmulChoice,
}

/// The hyperparameters that do not name a model or a seed.
#[derive(Debug, Args)]
pub struct HyperArgs {
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
    /// Adam's first-moment decay (both networks).
    #[arg(long, default_value_t = GanConfig::default().beta1)]
    pub beta1: f32,
    /// One-sided label smoothing: D's target for real images is 1 minus this.
    #[arg(long, default_value_t = GanConfig::default().label_smoothing)]
    pub label_smoothing: f64,
    /// Dropout rate in the MLP discriminator's hidden layers.
    #[arg(long, default_value_t = GanConfig::default().dropout)]
    pub dropout: f64,
    /// Batch normalisation in the MLP generator: on or off.
    #[arg(long, default_value_t = GanConfig::default().generator_batch_norm, action = clap::ArgAction::Set)]
    pub g_batch_norm: bool,
    /// A conditional GAN: G and D also receive the digit's class; the grids show one column
    /// per digit, and `sample --digit` asks for one.
    #[arg(long)]
    pub conditional: bool,
}

impl HyperArgs {
    /// The config for `model` and `seed` with these hyperparameters, validated (clap checks
    /// types, this checks ranges).
    pub fn config(&self, model: ModelArg, seed: u64) -> anyhow::Result<GanConfig> {
        let config = GanConfig {
            model: model.kind(),
            seed,
            batch_size: self.batch_size.into(),
            latent_dim: self.latent_dim.into(),
            lr_generator: self.lr_g,
            lr_discriminator: self.lr_d,
            beta1: self.beta1,
            label_smoothing: self.label_smoothing,
            dropout: self.dropout,
            generator_batch_norm: self.g_batch_norm,
            conditional: self.conditional,
            ..GanConfig::default()
        };
        config.validate()?;
        Ok(config)
    }
}

/// `--model` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ModelArg {
    /// The classic fully connected GAN.
    Mlp,
    /// A small convolutional GAN.
    Dcgan,
}

impl ModelArg {
    /// The model this value names.
    pub fn kind(self) -> ModelKind {
        match self {
            ModelArg::Mlp => ModelKind::Mlp,
            ModelArg::Dcgan => ModelKind::Dcgan,
        }
    }
}

impl ModelArgs {
    /// The config these arguments describe, validated.
    pub fn config(&self) -> anyhow::Result<GanConfig> {
        self.hyper.config(self.model, self.seed)
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
    /// Leave the optimizers' state out of checkpoint.gan (a third of the size): a model to
    /// start from, like the site's pretrained one, rather than a run to resume exactly.
    #[arg(long)]
    pub weights_only: bool,
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
    /// Ask a conditional model for this digit: 64 drawings of it instead of the grid.
    #[arg(long, value_parser = clap::value_parser!(u8).range(0..10))]
    pub digit: Option<u8>,
    /// The judge that reads the drawings of `--digit` (skipped when the file is missing).
    #[arg(long, default_value = JUDGE_PATH)]
    pub judge: PathBuf,
}

/// Where the judge lives in the repository: shipped with the site.
pub const JUDGE_PATH: &str = "www/data/judge/judge.bin";

/// `train-judge` arguments.
#[derive(Debug, Args)]
pub struct TrainJudgeArgs {
    /// Passes over the 60 000 training digits.
    #[arg(long, default_value_t = 4, value_parser = clap::value_parser!(u16).range(1..=100))]
    pub epochs: u16,
    /// Digits per step.
    #[arg(long, default_value_t = 64, value_parser = clap::value_parser!(u16).range(1..=4096))]
    pub batch_size: u16,
    /// Adam's learning rate in the first epoch (it halves after each).
    #[arg(long, default_value_t = 2e-3)]
    pub lr: f64,
    /// Seed of the initial weights and the batch order.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Refuse to write a judge below this test accuracy (0 to 1).
    #[arg(long, default_value_t = 0.985)]
    pub min_accuracy: f32,
    /// Train on only the first N training digits (quick checks; the shipped judge uses all).
    #[arg(long)]
    pub limit: Option<usize>,
    /// The judge file to write.
    #[arg(long, default_value = JUDGE_PATH)]
    pub out: PathBuf,
    /// Folder with the four MNIST .gz files.
    #[arg(long, default_value = "www/data/mnist")]
    pub data: PathBuf,
}

/// `quality` arguments.
#[derive(Debug, Args)]
pub struct QualityArgs {
    /// The models to measure.
    #[arg(long, value_enum, value_delimiter = ',', default_values_t = [ModelArg::Mlp, ModelArg::Dcgan])]
    pub models: Vec<ModelArg>,
    /// The seeds to train each model with.
    #[arg(long, value_delimiter = ',', default_values_t = [1u64, 2, 3])]
    pub seeds: Vec<u64>,
    /// The steps at which the judge scores the generator; training runs to the last.
    #[arg(long, value_delimiter = ',', default_values_t = [500u64, 1000, 2000, 3000, 5000])]
    pub at: Vec<u64>,
    /// Fresh generated digits per score.
    #[arg(long, default_value_t = 2000, value_parser = clap::value_parser!(u64).range(10..=100_000))]
    pub samples: u64,
    /// The hyperparameters (the app's defaults unless given).
    #[command(flatten)]
    pub hyper: HyperArgs,
    /// The judge file.
    #[arg(long, default_value = JUDGE_PATH)]
    pub judge: PathBuf,
    /// The Markdown table to write (JSON lines go next to it, `.jsonl`).
    #[arg(long, default_value = "target/bench/quality.md")]
    pub out: PathBuf,
    /// Folder with the four MNIST .gz files.
    #[arg(long, default_value = "www/data/mnist")]
    pub data: PathBuf,
}
