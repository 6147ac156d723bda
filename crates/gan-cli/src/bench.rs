//! `bench`: steps per second of the training loop as the app runs it (statistics read every
//! 10 steps, no D(G(z)) probe after G's update), median of several fresh runs; for the MLP also
//! the ceiling that the step's matrix products alone reach on this backend.

#![allow(clippy::print_stdout)] // The table is the output.

use crate::args::BenchArgs;
use crate::{backend, data};
use gan_core::{GanTrainer, Real};
use gan_data::{Batcher, Split};
use gan_fast::speed::{self, GemmBench, GemmCeiling};
use std::time::Instant;

/// How often the loop reads statistics back, as the app's default.
const READ_EVERY: u64 = 10;

/// Runs the benchmark and prints one line per run and the median.
pub fn run(args: &BenchArgs) -> anyhow::Result<()> {
    let config = args.model.config()?;
    let set = data::load(&args.data, Split::Train)?;
    let device = backend::device(args.model.backend, args.model.matmul)?;
    println!(
        "model {} · batch {} · backend {:?} · {} warm-up + {} timed steps per run · D(G(z)) \
         probe after G's update: {}",
        config.model,
        config.batch_size,
        args.model.backend,
        args.warmup,
        args.steps,
        if args.probe { "on" } else { "off" }
    );
    let mut rates = Vec::new();
    for run in 1..=args.runs {
        let mut trainer = GanTrainer::new(config.clone(), &device)?;
        // As the app trains, unless asked: the probe costs a forward pass of both networks.
        trainer.set_probe_after_update(args.probe);
        let mut batcher = Batcher::for_set(&set, config.batch_size, config.seed + run)?;
        for _ in 0..args.warmup {
            {
                let batch = batcher.next_batch(&set);
                trainer.step(Real::labelled(&batch.pixels, &batch.labels))?
            }
            .read()?;
        }
        let start = Instant::now();
        for step in 1..=args.steps {
            let readout = {
                let batch = batcher.next_batch(&set);
                trainer.step(Real::labelled(&batch.pixels, &batch.labels))?
            };
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
    if let Some(gemms) = gan_core::fast::step_gemms(&config) {
        let ceiling = gemm_ceiling(&gemms, &device)?;
        println!(
            "the step's matrix products alone: {:.1} ms, {:.1} GFLOP/s, at most {:.2} steps/s; \
             training reaches {:.0} % of that",
            ceiling.round_ms,
            ceiling.gflops(),
            ceiling.max_steps_per_second(),
            100.0 * ceiling.efficiency(median)
        );
    }
    Ok(())
}

/// Rounds of the step's matrix products for about two seconds; the median round.
fn gemm_ceiling(
    gemms: &[speed::Gemm],
    device: &burn::prelude::Device,
) -> anyhow::Result<GemmCeiling> {
    let bench = GemmBench::new(gemms, device);
    bench.round().into_data();
    let start = Instant::now();
    let mut rounds = Vec::new();
    while rounds.len() < 5 || start.elapsed().as_secs_f64() < 2.0 {
        let t0 = Instant::now();
        bench.round().into_data();
        rounds.push(t0.elapsed().as_secs_f64() * 1000.0);
    }
    Ok(GemmCeiling {
        step_gemm_flops: bench.flops(),
        round_ms: speed::median(&rounds),
        rounds: u32::try_from(rounds.len())?,
    })
}
