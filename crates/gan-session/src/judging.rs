//! The judge in the trainer worker: every [`QUALITY_EVERY_STEPS`] steps it scores
//! [`QUALITY_SAMPLES`] fresh digits, a chunk of [`QUALITY_CHUNK`] per tick, so training never
//! waits for the whole set; and on request it labels the grid's digits.

use burn::prelude::*;
use gan_core::{Clock, GanTrainer};
use gan_data::Rng;
use gan_judge::{DigitVerdict, JudgeFile, QualityMeter, QualityReport};

pub use gan_protocol::protocol::QUALITY_SAMPLES;
/// Digits judged per tick.
pub const QUALITY_CHUNK: usize = 100;
/// Steps between two quality reports (the first comes at step 0).
pub const QUALITY_EVERY_STEPS: u64 = 200;

/// A judge loaded in the worker and its schedule.
#[derive(Debug)]
pub struct JudgeRunner {
    file: JudgeFile,
    /// The report being collected: the step it began at, the digits judged so far and the
    /// longest chunk in milliseconds.
    meter: Option<(u64, QualityMeter, f64)>,
    /// The step of the last finished report.
    last_step: Option<u64>,
    /// Noise for the scored digits; independent of training, so scoring never changes it.
    noise: Rng,
}

impl JudgeRunner {
    /// Wraps a loaded judge.
    pub fn new(file: JudgeFile) -> Self {
        Self {
            file,
            meter: None,
            last_step: None,
            noise: Rng::new(0x1D6E),
        }
    }

    /// The judge's accuracy on the MNIST test digits.
    pub fn test_accuracy(&self) -> f32 {
        self.file.test_accuracy
    }

    /// Whether a quality chunk should run at `steps`.
    pub fn due(&self, steps: u64) -> bool {
        self.meter.is_some()
            || self
                .last_step
                .is_none_or(|last| steps >= last + QUALITY_EVERY_STEPS || steps < last)
    }

    /// Forgets the schedule and any half-collected report (new networks).
    pub fn restart(&mut self) {
        self.meter = None;
        self.last_step = None;
    }

    /// Judges the next chunk of fresh digits; returns the report once all are in. `clock`
    /// times the chunk, for the report's `longest_chunk_ms`.
    pub async fn advance(
        &mut self,
        trainer: &GanTrainer,
        clock: &dyn Clock,
    ) -> Result<Option<QualityReport>, String> {
        let start_ms = clock.now_ms();
        let steps = trainer.steps();
        let dim = self.file.judge.feature_len();
        let (started, meter, longest) = self
            .meter
            .get_or_insert_with(|| (steps, QualityMeter::new(dim), 0.0));
        let latent = trainer.config().latent_dim;
        let noise = self.noise.normal_vec(QUALITY_CHUNK * latent);
        let images = trainer.generate(&noise).map_err(|e| e.to_string())?; // [100, 784]
        let judgement = self
            .file
            .judge
            .judge_async(images)
            .await
            .map_err(|e| e.to_string())?;
        meter.add(&judgement);
        *longest = longest.max(clock.now_ms() - start_ms);
        if meter.count() < QUALITY_SAMPLES {
            return Ok(None);
        }
        // The report carries the step the set was started at: the digits come from the
        // generator as it was over the next few steps, which a chart cannot tell apart.
        let mut report = meter.finish(*started, &self.file.reference);
        report.longest_chunk_ms = Some(*longest);
        self.last_step = Some(*started);
        self.meter = None;
        Ok(Some(report))
    }

    /// The judge's label for each of `images` (`[n, 784]`).
    pub async fn verdicts(&self, images: Tensor<2>) -> Result<Vec<DigitVerdict>, String> {
        Ok(self
            .file
            .judge
            .judge_async(images)
            .await
            .map_err(|e| e.to_string())?
            .verdicts())
    }
}
