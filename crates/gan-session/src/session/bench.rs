//! The speed benchmark's measurements in the worker: the step's matrix products alone (the
//! ceiling) and the bare training loop, timed side by side with the app.

use super::ticks::read_stats;
use super::*;

/// The bare training loop reads statistics this often, as the CLI's benchmark does.
const BARE_READ_EVERY: u64 = 10;
/// Steps the bare loop runs before it starts timing.
const BARE_WARMUP_STEPS: u64 = 3;

impl TrainingSession {
    /// Measures the backend: the matrix products of one step alone, then the training loop
    /// alone (no messages, no grid), each for at least `min_ms`.
    pub(super) async fn benchmark(&mut self, min_ms: f64) -> Result<BenchFigures, TrainError> {
        let config = self.trainer.config().clone();
        let gemm = match gan_core::fast::step_gemms(&config) {
            Some(gemms) => Some(self.gemm_ceiling(&gemms, min_ms).await?),
            None => None,
        };
        self.trainer.abandon_step();
        for _ in 0..BARE_WARMUP_STEPS {
            let readout = self.finish_step()?;
            read_scalars(readout).await?;
        }
        let start = self.clock.now_ms();
        let mut steps = 0;
        loop {
            let readout = self.finish_step()?;
            steps += 1;
            if steps % BARE_READ_EVERY == 0 || self.clock.now_ms() - start >= min_ms {
                read_scalars(readout).await?;
                if self.clock.now_ms() - start >= min_ms {
                    break;
                }
            }
        }
        let elapsed = (self.clock.now_ms() - start).max(f64::MIN_POSITIVE);
        let gan = self.trainer.gan();
        Ok(BenchFigures {
            gemm,
            bare_steps_per_second: steps as f64 * 1000.0 / elapsed,
            bare_steps: steps,
            rule_of_thumb_flops: speed::rule_of_thumb_flops(
                gan.generator.num_params(),
                gan.discriminator.num_params(),
                config.batch_size,
            ),
        })
    }

    /// Rounds of the step's matrix products until `min_ms` have passed; the median round.
    pub(super) async fn gemm_ceiling(
        &self,
        gemms: &[speed::Gemm],
        min_ms: f64,
    ) -> Result<GemmCeiling, TrainError> {
        let bench = GemmBench::new(gemms, self.trainer.device());
        // The first round compiles kernels (WebGPU) and warms caches.
        read_value(bench.round()).await?;
        let start = self.clock.now_ms();
        let mut rounds = Vec::new();
        while rounds.len() < 3 || self.clock.now_ms() - start < min_ms {
            let t0 = self.clock.now_ms();
            read_value(bench.round()).await?;
            rounds.push(self.clock.now_ms() - t0);
        }
        Ok(GemmCeiling {
            step_gemm_flops: bench.flops(),
            round_ms: speed::median(&rounds).max(f64::MIN_POSITIVE),
            rounds: rounds.len() as u32,
        })
    }
}

/// Waits for a step's statistics and checks they are numbers.
async fn read_scalars(readout: StepReadout) -> Result<(), TrainError> {
    if read_stats(readout).await?.is_finite() {
        Ok(())
    } else {
        Err(TrainError::Read(
            "a loss became NaN during the benchmark".into(),
        ))
    }
}

/// Waits until `value` is computed.
async fn read_value(value: burn::prelude::Tensor<1>) -> Result<(), TrainError> {
    value
        .into_data_async()
        .await
        .map(drop)
        .map_err(|e| TrainError::Read(format!("{e:?}")))
}
