//! `quality`: trains each model with each seed and lets the judge score the generator at the
//! given steps. Prints and writes a Markdown table (and the raw figures as JSON lines).

#![allow(clippy::print_stdout, clippy::print_stderr)] // A CLI talks to its user.

use crate::args::{ModelArg, QualityArgs};
use crate::{data, judge};
use anyhow::Context;
use burn::prelude::Device;
use burn::tensor::{Tensor, TensorData};
use gan_core::{GanTrainer, IMAGE_PIXELS, Real};
use gan_data::{Batcher, MnistSet, Rng, Split};
use gan_judge::{JudgeFile, QualityMeter, QualityReport};
use serde::Serialize;
use std::fmt::Write as _;
use std::time::Instant;

/// Digits judged per forward pass.
const CHUNK: u64 = 500;

/// One score of one run.
#[derive(Debug, Serialize)]
struct Row {
    model: String,
    seed: u64,
    step: u64,
    frechet: Option<f64>,
    confidence: f64,
    classes: usize,
    entropy_bits: f64,
    counts: [u32; 10],
    seconds: f64,
    /// Seconds the score itself took (drawing and judging the digits).
    score_seconds: f64,
}

impl Row {
    fn new(
        model: ModelArg,
        seed: u64,
        report: &QualityReport,
        seconds: f64,
        score_seconds: f64,
    ) -> Self {
        Self {
            model: model.kind().as_str().into(),
            seed,
            step: report.step,
            frechet: report.frechet,
            confidence: report.coverage.mean_confidence(),
            classes: report.coverage.classes_present(),
            entropy_bits: report.coverage.entropy_bits(),
            counts: report.coverage.counts,
            seconds,
            score_seconds,
        }
    }
}

/// Scores `samples` fresh digits of the trainer's generator.
fn score(
    trainer: &GanTrainer,
    judge: &JudgeFile,
    noise: &mut Rng,
    samples: u64,
) -> anyhow::Result<QualityReport> {
    let latent = trainer.config().latent_dim;
    let mut meter = QualityMeter::new(judge.judge.feature_len());
    let mut left = samples;
    while left > 0 {
        let n = left.min(CHUNK) as usize;
        let images = trainer.generate(&noise.normal_vec(n * latent))?; // [n, 784]
        meter.add(&judge.judge.judge(images)?);
        left -= n as u64;
    }
    Ok(meter.finish(trainer.steps(), &judge.reference))
}

/// Real training digits scored like generated ones: the floor a perfect generator reaches with
/// this many samples.
fn real_floor(
    set: &MnistSet,
    judge: &JudgeFile,
    samples: u64,
    device: &Device,
) -> anyhow::Result<QualityReport> {
    let mut batcher = Batcher::for_set(set, CHUNK as usize, 99)?;
    let mut meter = QualityMeter::new(judge.judge.feature_len());
    while (meter.count() as u64) < samples {
        let batch = batcher.next_batch(set);
        let images = Tensor::<2>::from_data(
            TensorData::new(batch.pixels, [batch.labels.len(), IMAGE_PIXELS]),
            device,
        ); // [500, 784]
        meter.add(&judge.judge.judge(images)?);
    }
    Ok(meter.finish(0, &judge.reference))
}

/// Runs every model × seed and writes the table.
pub fn run(args: &QualityArgs) -> anyhow::Result<()> {
    let mut at = args.at.clone();
    at.sort_unstable();
    at.dedup();
    let last = *at.last().context("--at needs at least one step")?;
    anyhow::ensure!(at[0] > 0, "--at steps must be positive");
    anyhow::ensure!(!args.seeds.is_empty(), "--seeds needs at least one seed");
    let device = Device::flex();
    let judge = judge::load(&args.judge, &device)?;
    let set = data::load(&args.data, Split::Train)?;
    // Check every config before hours of training start.
    for &model in &args.models {
        args.hyper.config(model, args.seeds[0])?;
    }
    let floor = real_floor(&set, &judge, args.samples, &device)?;
    eprintln!(
        "real training digits score {:.2} ({} samples); judge test accuracy {:.2} %",
        floor.frechet.unwrap_or(f64::NAN),
        args.samples,
        100.0 * judge.test_accuracy
    );

    let mut rows = Vec::new();
    for &model in &args.models {
        for &seed in &args.seeds {
            let config = args.hyper.config(model, seed)?;
            let mut trainer = GanTrainer::new(config.clone(), &device)?;
            trainer.set_probe_after_update(false);
            let mut batcher = Batcher::for_set(&set, config.batch_size, seed)?;
            // The scoring noise has its own seed, so scoring never shifts the training noise.
            let mut noise = Rng::new(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0x5C0E);
            let started = Instant::now();
            for step in 1..=last {
                let readout = {
                    let batch = batcher.next_batch(&set);
                    trainer.step(Real::labelled(&batch.pixels, &batch.labels))?
                };
                if step % 100 == 0 {
                    let stats = readout.read()?;
                    anyhow::ensure!(
                        stats.is_finite(),
                        "{} seed {seed} diverged at step {step}",
                        model.kind().as_str()
                    );
                }
                if at.contains(&step) {
                    let scoring = Instant::now();
                    let report = score(&trainer, &judge, &mut noise, args.samples)?;
                    let row = Row::new(
                        model,
                        seed,
                        &report,
                        started.elapsed().as_secs_f64(),
                        scoring.elapsed().as_secs_f64(),
                    );
                    eprintln!(
                        "{} seed {seed} step {step}: Fréchet {:.2}, confidence {:.3}, {} classes, \
                         entropy {:.2} bits ({:.0} s, scoring {:.2} s)",
                        row.model,
                        row.frechet.unwrap_or(f64::NAN),
                        row.confidence,
                        row.classes,
                        row.entropy_bits,
                        row.seconds,
                        row.score_seconds
                    );
                    rows.push(row);
                }
            }
        }
    }

    let table = markdown(args, &at, &rows, &floor, &judge);
    print!("{table}");
    if let Some(dir) = args.out.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(&args.out, &table)
        .with_context(|| format!("cannot write {}", args.out.display()))?;
    let mut jsonl = String::new();
    for row in &rows {
        jsonl.push_str(&serde_json::to_string(row)?);
        jsonl.push('\n');
    }
    std::fs::write(args.out.with_extension("jsonl"), jsonl)?;
    eprintln!("wrote {}", args.out.display());
    Ok(())
}

/// One table per model: a row per step, the seeds side by side.
fn markdown(
    args: &QualityArgs,
    at: &[u64],
    rows: &[Row],
    floor: &QualityReport,
    judge: &JudgeFile,
) -> String {
    let h = &args.hyper;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Batch {}, lr G {} / D {}, β₁ {}, label smoothing {}, MLP D dropout {}, MLP G batch \
         norm {}; {} fresh digits per score; judge test accuracy {:.2} %. Real training digits score a Fréchet distance of {:.2}, \
         confidence {:.3}, {} classes.\n",
        h.batch_size,
        h.lr_g,
        h.lr_d,
        h.beta1,
        h.label_smoothing,
        h.dropout,
        if h.g_batch_norm { "on" } else { "off" },
        args.samples,
        100.0 * judge.test_accuracy,
        floor.frechet.unwrap_or(f64::NAN),
        floor.coverage.mean_confidence(),
        floor.coverage.classes_present()
    );
    let seeds: Vec<String> = args.seeds.iter().map(u64::to_string).collect();
    for &model in &args.models {
        let name = model.kind().as_str();
        let _ = writeln!(
            out,
            "| {name} step | Fréchet distance (seeds {}) | mean | confidence (mean) | classes \
             present (fewest) | entropy, bits (mean) |\n|---:|---|---:|---:|---:|---:|",
            seeds.join(" / ")
        );
        for &step in at {
            let here: Vec<&Row> = rows
                .iter()
                .filter(|r| r.model == name && r.step == step)
                .collect();
            if here.is_empty() {
                continue;
            }
            let n = here.len() as f64;
            let fd: Vec<f64> = here.iter().map(|r| r.frechet.unwrap_or(f64::NAN)).collect();
            let each: Vec<String> = fd.iter().map(|v| format!("{v:.1}")).collect();
            let _ = writeln!(
                out,
                "| {step} | {} | {:.1} | {:.3} | {} | {:.2} |",
                each.join(" / "),
                fd.iter().sum::<f64>() / n,
                here.iter().map(|r| r.confidence).sum::<f64>() / n,
                here.iter().map(|r| r.classes).min().unwrap_or(0),
                here.iter().map(|r| r.entropy_bits).sum::<f64>() / n
            );
        }
        out.push('\n');
    }
    out
}
