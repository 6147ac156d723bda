//! `train-judge`: trains the judge on the 60 000 training digits, measures it on the 10 000
//! test digits, and writes it with the test digits' feature statistics.

#![allow(clippy::print_stdout)] // A CLI talks to its user.

use crate::args::TrainJudgeArgs;
use crate::data;
use anyhow::Context;
use burn::prelude::Device;
use gan_data::Split;
use gan_judge::train::{accuracy, reference_statistics};
use gan_judge::{JudgeConfig, JudgeFile, JudgeTraining, train_judge};
use indicatif::{ProgressBar, ProgressStyle};
use std::path::Path;
use std::time::Instant;

/// Trains, measures and writes the judge.
pub fn train(args: &TrainJudgeArgs) -> anyhow::Result<()> {
    let mut train_set = data::load(&args.data, Split::Train)?;
    if let Some(limit) = args.limit {
        train_set.truncate(limit.max(usize::from(args.batch_size)));
    }
    let test_set = data::load(&args.data, Split::Test)?;
    let device = Device::flex();
    let config = JudgeConfig::new();
    let training = JudgeTraining {
        epochs: args.epochs.into(),
        batch_size: args.batch_size.into(),
        learning_rate: args.lr,
        seed: args.seed,
    };
    println!(
        "training the judge on {} digits: {} epochs, batch {}, lr {} (halving each epoch)",
        train_set.len(),
        training.epochs,
        training.batch_size,
        training.learning_rate
    );
    let started = Instant::now();
    let bar = ProgressBar::new((training.epochs * (train_set.len() / training.batch_size)) as u64);
    bar.set_style(ProgressStyle::with_template(
        "{bar:30} {pos}/{len} steps · {per_sec} · ETA {eta} · {msg}",
    )?);
    let judge = train_judge(
        &config,
        &training,
        &train_set,
        &device,
        |epoch, _, _, loss| {
            bar.inc(1);
            bar.set_message(format!("epoch {} loss {loss:.4}", epoch + 1));
        },
    )?;
    bar.finish();
    let test_accuracy = accuracy(&judge, &test_set, &device)?;
    println!(
        "test accuracy: {:.2} % on {} test digits ({:.0} s)",
        100.0 * test_accuracy,
        test_set.len(),
        started.elapsed().as_secs_f64()
    );
    if test_accuracy < args.min_accuracy {
        anyhow::bail!(
            "the judge reached {:.2} %, below --min-accuracy {:.2} %; nothing written \
             (train longer with --epochs)",
            100.0 * test_accuracy,
            100.0 * args.min_accuracy
        );
    }
    let reference = reference_statistics(&judge, &test_set, &device)?
        .context("the test set has fewer than two digits")?;
    let file = JudgeFile {
        config,
        test_accuracy,
        reference_digits: u32::try_from(test_set.len())?,
        reference,
        judge,
    };
    let bytes = file.to_bytes()?;
    // Check that what is written loads back, before it replaces a working judge.
    JudgeFile::from_bytes(&bytes, &device).context("the written judge does not load back")?;
    if let Some(dir) = args.out.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    std::fs::write(&args.out, &bytes)
        .with_context(|| format!("cannot write {}", args.out.display()))?;
    println!("wrote {} ({} bytes)", args.out.display(), bytes.len());
    Ok(())
}

/// Reads a judge file, with the path in every error.
pub fn load(path: &Path, device: &Device) -> anyhow::Result<JudgeFile> {
    let bytes = std::fs::read(path).with_context(|| {
        format!(
            "cannot read the judge {} (run `gan-werkstatt train-judge` first, or pass --judge)",
            path.display()
        )
    })?;
    JudgeFile::from_bytes(&bytes, device)
        .with_context(|| format!("{} is not a usable judge", path.display()))
}
