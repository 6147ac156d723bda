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

fn main() -> ExitCode {
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
