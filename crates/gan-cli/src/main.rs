//! `gan-werkstatt`: trains the GAN natively, writes what the app shows as files, and measures.

mod args;
mod backend;
mod bench;
mod data;
mod grid;
mod judge;
mod metrics;
mod quality;
mod train;

use clap::Parser;
use std::process::ExitCode;

/// With `threads`, the whole command runs on a thread of the rayon pool that the matrix
/// products split over: a product's first band then runs on the thread that asked for it while
/// the pool's other threads take the rest. Called from outside the pool, every product would
/// be handed over and the asking thread put to sleep until it was done: natively on two cores
/// that cost 6–10 % of a step and four times the context switches (docs/benchmarks.md).
#[cfg(feature = "threads")]
fn main() -> ExitCode {
    // The pool's size comes from RAYON_NUM_THREADS, else one thread per core.
    match rayon::ThreadPoolBuilder::new().build() {
        Ok(pool) => pool.install(run),
        // Without a pool of its own the command still runs; the products split over rayon's
        // global pool.
        Err(_) => run(),
    }
}

#[cfg(not(feature = "threads"))]
fn main() -> ExitCode {
    run()
}

/// Runs the command the arguments name.
fn run() -> ExitCode {
    let result = match args::Cli::parse().command {
        args::Command::Train(a) => train::run(&a),
        args::Command::Bench(a) => bench::run(&a),
        args::Command::Sample(a) => train::sample(&a),
        args::Command::TrainJudge(a) => judge::train(&a),
        args::Command::Quality(a) => quality::run(&a),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            // The chain of causes in one line ("cannot read …: No such file"), no backtrace:
            // these are the user's mistakes to fix, not the program's.
            #[allow(clippy::print_stderr, reason = "a CLI reports its errors")]
            {
                eprintln!("error: {error:#}");
            }
            ExitCode::FAILURE
        }
    }
}
