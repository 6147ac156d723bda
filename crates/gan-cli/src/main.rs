//! `gan-werkstatt`: trains the GAN natively, writes what the app shows as files, and measures.

mod args;
mod backend;
mod bench;
mod data;
mod grid;
mod metrics;
mod train;

use clap::Parser;

fn main() -> anyhow::Result<()> {
    match args::Cli::parse().command {
        args::Command::Train(a) => train::run(&a),
        args::Command::Bench(a) => bench::run(&a),
        args::Command::Sample(a) => train::sample(&a),
    }
}
