//! `train` and `sample`: the native training loop and what it writes.
//!
//! Files in `--out`: `config.json` (the hyperparameters), `metrics.jsonl` (one line per logged
//! step), `grid-NNNNNN.png` (64 digits from fixed noise, step 0 included), `checkpoint.gan`
//! (G and D at the end, loadable by the app and by `sample`).

#![allow(clippy::print_stdout, clippy::print_stderr)] // A CLI talks to its user.

use crate::args::{SampleArgs, TrainArgs};
use crate::metrics::MetricsWriter;
use crate::{backend, data, grid};
use anyhow::Context;
use burn::prelude::Device;
use gan_core::clock::SystemClock;
use gan_core::{Checkpoint, GanConfig, GanTrainer, Real, StepStats};
use gan_data::{Batcher, Split};
// The same 64 noise vectors as the app's grid, so a PNG and the page show the same digits.
use gan_protocol::grid::{GridShape, grid_noise, grid_noise_for};
use indicatif::{ProgressBar, ProgressStyle};
use std::path::Path;
use std::time::Instant;

/// Makes sure `out` exists and is writable, before any training time is spent.
fn prepare_out(out: &Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(out)
        .with_context(|| format!("cannot create --out {}", out.display()))?;
    let probe = out.join(".write-test");
    std::fs::write(&probe, b"ok")
        .with_context(|| format!("--out {} is not writable", out.display()))?;
    std::fs::remove_file(&probe).ok();
    Ok(())
}

fn short(stats: &StepStats) -> String {
    format!(
        "D {:.3} G {:.3} D(x) {:.2} D(G(z)) {:.2}",
        stats.d_loss(),
        stats.g_loss,
        stats.d_real,
        stats.d_fake
    )
}

/// Trains as the arguments say.
pub fn run(args: &TrainArgs) -> anyhow::Result<()> {
    let config = args.model.config()?;
    prepare_out(&args.out)?;
    let set = data::load(&args.data, Split::Train)?;
    let device = backend::device(args.model.backend, args.model.matmul)?;
    let mut trainer = GanTrainer::new(config.clone(), &device)?.with_clock(SystemClock::default());
    let mut batcher = Batcher::for_set(&set, config.batch_size, config.seed)?;
    let noise = grid_noise_for(&config);
    let columns = GridShape::of(&config).columns;

    std::fs::write(args.out.join("config.json"), config.to_json())?;
    let mut metrics = MetricsWriter::create(&args.out.join("metrics.jsonl"))?;
    let write_grid = |trainer: &GanTrainer, step: u64| -> anyhow::Result<()> {
        let pixels = trainer.sample(&noise)?;
        grid::write_png(
            &args.out.join(format!("grid-{step:06}.png")),
            &pixels,
            columns,
            2,
        )
    };
    write_grid(&trainer, 0)?;

    let bar = ProgressBar::new(args.steps);
    bar.set_style(ProgressStyle::with_template(
        "{bar:30} {pos}/{len} steps · {per_sec} · ETA {eta} · {msg}",
    )?);
    let (mut last_time, mut last_step) = (Instant::now(), 0u64);
    for step in 1..=args.steps {
        let batch = batcher.next_batch(&set);
        let readout = trainer.step(Real::labelled(&batch.pixels, &batch.labels))?;
        if step % args.log_every == 0 || step == args.steps {
            let stats = readout.read()?;
            let rate = (step - last_step) as f64 / last_time.elapsed().as_secs_f64();
            (last_time, last_step) = (Instant::now(), step);
            metrics.write(&stats, rate)?;
            if !stats.is_finite() {
                metrics.flush()?;
                bar.abandon();
                anyhow::bail!(
                    "training diverged at step {step}: a loss is not a finite number ({}). \
                     Lower the learning rates; no checkpoint was written.",
                    short(&stats)
                );
            }
            bar.set_message(short(&stats));
        }
        if step % args.grid_every == 0 || step == args.steps {
            write_grid(&trainer, step)?;
        }
        bar.inc(1);
    }
    bar.finish();
    metrics.flush()?;

    let checkpoint = Checkpoint {
        config,
        steps: trainer.steps(),
        gan: trainer.gan().clone(),
        optimizers: if args.weights_only {
            None
        } else {
            Some(trainer.optimizer_state()?)
        },
    };
    let path = args.out.join("checkpoint.gan");
    std::fs::write(&path, checkpoint.to_bytes()?)
        .with_context(|| format!("cannot write {}", path.display()))?;
    println!(
        "trained {} steps in {:.1} s; wrote {}",
        args.steps,
        bar.elapsed().as_secs_f64(),
        args.out.display()
    );
    Ok(())
}

/// Draws the grid of a checkpoint.
pub fn sample(args: &SampleArgs) -> anyhow::Result<()> {
    let bytes = std::fs::read(&args.checkpoint)
        .with_context(|| format!("cannot read {}", args.checkpoint.display()))?;
    let device = Device::flex();
    let checkpoint = Checkpoint::from_bytes(&bytes, &device)
        .with_context(|| format!("{} is not a usable checkpoint", args.checkpoint.display()))?;
    let mut trainer = GanTrainer::new(checkpoint.config.clone(), &device)?;
    trainer.load(checkpoint.gan, checkpoint.steps);
    let config = GanConfig {
        seed: args.noise_seed,
        ..checkpoint.config.clone()
    };
    let (pixels, columns) = match args.digit {
        Some(digit) if config.conditional => {
            let noise = grid_noise(args.noise_seed, config.latent_dim);
            let images = trainer.generate_classes(&noise, &[digit; 64])?; // [64, 784]
            // The judge, where it is, says how often the forger drew what it was asked for.
            if let Ok(judge) = crate::judge::load(&args.judge, &device) {
                let verdicts = judge.judge.judge(images.clone())?.verdicts();
                let right = verdicts.iter().filter(|v| v.label == digit).count();
                println!(
                    "the judge reads a {digit} in {right} of {} drawings",
                    verdicts.len()
                );
            }
            (
                images
                    .into_data()
                    .try_to_vec::<f32>()
                    .map_err(|e| anyhow::anyhow!("{e:?}"))?,
                8,
            )
        }
        Some(_) => anyhow::bail!(
            "--digit needs a conditional model; {} was trained without --conditional",
            args.checkpoint.display()
        ),
        None => (
            trainer.sample(&grid_noise_for(&config))?,
            GridShape::of(&config).columns,
        ),
    };
    grid::write_png(&args.out, &pixels, columns, 2)?;
    println!(
        "wrote {} ({} steps trained)",
        args.out.display(),
        checkpoint.steps
    );
    Ok(())
}
