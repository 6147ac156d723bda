//! `bench`: steps per second of the training loop as users get it (statistics read every 10
//! steps, as the app does), median of several fresh runs.

#![allow(clippy::print_stdout)] // The table is the output.

use crate::args::BenchArgs;
use crate::{backend, data};
use gan_core::GanTrainer;
use gan_data::{Batcher, Split};
use std::time::Instant;

/// How often the loop reads statistics back, as the app's default.
const READ_EVERY: u64 = 10;

/// Runs the benchmark and prints one line per run and the median.
pub fn run(args: &BenchArgs) -> anyhow::Result<()> {
    let config = args.model.config()?;
    let set = data::load(&args.data, Split::Train)?;
    let device = backend::device(args.model.backend)?;
    println!(
        "model {} · batch {} · backend {:?} · {} warm-up + {} timed steps per run",
        config.model, config.batch_size, args.model.backend, args.warmup, args.steps
    );
    let mut rates = Vec::new();
    for run in 1..=args.runs {
        let mut trainer = GanTrainer::new(config.clone(), &device)?;
        let mut batcher = Batcher::for_set(&set, config.batch_size, config.seed + run)?;
        for _ in 0..args.warmup {
            trainer.step(&batcher.next_batch(&set).pixels)?.read()?;
        }
        let start = Instant::now();
        for step in 1..=args.steps {
            let readout = trainer.step(&batcher.next_batch(&set).pixels)?;
            if step % READ_EVERY == 0 || step == args.steps {
                readout.read()?;
            }
        }
        let rate = args.steps as f64 / start.elapsed().as_secs_f64();
        println!("run {run}: {rate:.2} steps/s");
        rates.push(rate);
    }
    rates.sort_by(f64::total_cmp);
    let median = rates[rates.len() / 2];
    println!(
        "median {median:.2} steps/s (min {:.2}, max {:.2}) over {} runs",
        rates[0],
        rates[rates.len() - 1],
        rates.len()
    );
    Ok(())
}
