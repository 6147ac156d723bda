//! One JSON object per line per logged step: easy to append, to stream and to plot.

use anyhow::Context;
use gan_core::{Phase, StepStats};
use serde::Serialize;
use std::io::Write;
use std::path::Path;

/// One line of `metrics.jsonl`.
#[derive(Debug, Serialize)]
pub struct MetricsLine<'a> {
    /// The step's statistics.
    #[serde(flatten)]
    pub stats: &'a StepStats,
    /// D's total loss.
    pub d_loss: f32,
    /// Steps per second since the previous line.
    pub steps_per_s: f64,
    /// Phase names, so the timings array needs no legend.
    pub phases: [Phase; 6],
}

/// Appends lines to a `metrics.jsonl` file.
pub struct MetricsWriter {
    out: std::io::BufWriter<std::fs::File>,
}

impl MetricsWriter {
    /// Creates (truncates) the file.
    pub fn create(path: &Path) -> anyhow::Result<Self> {
        let file = std::fs::File::create(path)
            .with_context(|| format!("cannot create {}", path.display()))?;
        Ok(Self {
            out: std::io::BufWriter::new(file),
        })
    }

    /// Writes one line for `stats`.
    pub fn write(&mut self, stats: &StepStats, steps_per_s: f64) -> anyhow::Result<()> {
        let line = MetricsLine {
            stats,
            d_loss: stats.d_loss(),
            steps_per_s,
            phases: Phase::ALL,
        };
        serde_json::to_writer(&mut self.out, &line)?;
        self.out.write_all(b"\n")?;
        Ok(())
    }

    /// Flushes buffered lines to disk.
    pub fn flush(&mut self) -> anyhow::Result<()> {
        self.out.flush()?;
        Ok(())
    }
}
