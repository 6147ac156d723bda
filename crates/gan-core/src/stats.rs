//! What one step measured, as plain numbers for the scoreboard, the charts and the CLI.

use crate::phase::Phase;
use burn::prelude::*;
use serde::{Deserialize, Serialize};
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

/// Milliseconds each phase took, indexed by [`Phase::index`].
///
/// On the CPU backend this is compute time. On a GPU, work is queued and runs later, so a
/// phase's time is mostly the time to queue it and the real cost shows up where results are read.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct PhaseTimings {
    /// Milliseconds per phase, phase 1 first.
    pub ms: [f64; 6],
}

impl PhaseTimings {
    /// The time of one phase.
    pub fn of(&self, phase: Phase) -> f64 {
        self.ms[phase.index()]
    }

    /// The time of the whole step.
    pub fn total(&self) -> f64 {
        self.ms.iter().sum()
    }
}

/// The statistics of one completed training step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StepStats {
    /// Steps completed, this one included.
    pub step: u64,
    /// D's loss on the real images (target 1, or less with label smoothing).
    pub d_loss_real: f32,
    /// D's loss on the fakes (target 0).
    pub d_loss_fake: f32,
    /// G's loss: how far D(G(z)) is from "real", before G's update.
    pub g_loss: f32,
    /// Mean D(x): D's probability "real" for the real images, before D's update.
    pub d_real: f32,
    /// Mean D(G(z)) for phase 1's fakes, before D's update.
    pub d_fake: f32,
    /// Share of real images D calls real (D(x) > 0.5), before D's update.
    pub d_accuracy_real: f32,
    /// Share of fakes D calls fake (D(G(z)) < 0.5), before D's update.
    pub d_accuracy_fake: f32,
    /// Mean D(G(z)) in phase 5 for fresh noise, after D's update and before G's.
    pub d_fake_before_g: f32,
    /// Mean D(G(z)) for the same noise after G's update: how much G gained in one step.
    /// `None` when the trainer does not probe it (it costs one more forward pass).
    pub d_fake_after_g: Option<f32>,
    /// Time per phase.
    pub timings: PhaseTimings,
}

impl StepStats {
    /// D's total loss: the mean of its losses on real and on fake images.
    pub fn d_loss(&self) -> f32 {
        (self.d_loss_real + self.d_loss_fake) / 2.0
    }

    /// D's accuracy over real and fake images together.
    pub fn d_accuracy(&self) -> f32 {
        (self.d_accuracy_real + self.d_accuracy_fake) / 2.0
    }

    /// Whether every loss and probability is a finite number; a NaN or infinite loss means the
    /// training diverged.
    pub fn is_finite(&self) -> bool {
        [
            self.d_loss_real,
            self.d_loss_fake,
            self.g_loss,
            self.d_real,
            self.d_fake,
            self.d_fake_before_g,
        ]
        .iter()
        .chain(self.d_fake_after_g.iter())
        .all(|v| v.is_finite())
    }
}

/// The scalars of a step, still on the device. Reading them is the only point where a step
/// waits for the device, so the caller decides when (every step, or every N steps) and how
/// (synchronously natively, asynchronously in the browser).
#[derive(Debug, Clone)]
pub struct StepReadout {
    pub(crate) step: u64,
    /// All scalars in one tensor, so that one device read fetches them.
    pub(crate) scalars: Tensor<1>, // [8] or [9]
    pub(crate) timings: PhaseTimings,
}

/// Order of the scalars in [`StepReadout::scalars`].
pub(crate) const SCALAR_NAMES: [&str; 9] = [
    "d_loss_real",
    "d_loss_fake",
    "g_loss",
    "d_real",
    "d_fake",
    "d_accuracy_real",
    "d_accuracy_fake",
    "d_fake_before_g",
    "d_fake_after_g",
];

/// A readout whose values could not be read from the device.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("could not read the step's statistics from the device: {0}")]
pub struct ReadError(pub String);

impl StepReadout {
    /// The step these statistics belong to.
    pub fn step(&self) -> u64 {
        self.step
    }

    /// Reads the statistics without blocking: the way to read on WebGPU.
    pub async fn read_async(self) -> Result<StepStats, ReadError> {
        let data = self
            .scalars
            .into_data_async()
            .await
            .map_err(|e| ReadError(format!("{e:?}")))?;
        stats_from(self.step, self.timings, &data)
    }

    /// Starts reading the statistics now and returns the read, to be awaited later.
    ///
    /// On WebGPU in the browser the device copies the values out as soon as the read starts,
    /// right behind this step's work, and the read completes when this step is done. A read
    /// first polled after the next step was queued would wait for that step too, so a
    /// worker that queues step `n + 1` before it awaits step `n`'s figures starts step `n`'s
    /// read first (natively, and on the CPU, the values are ready or copied when awaited).
    pub fn start_read(self) -> StartedRead {
        let mut future: Pin<Box<dyn Future<Output = Result<StepStats, ReadError>>>> =
            Box::pin(self.read_async());
        // One poll runs the read up to its first wait: the copy and the mapping are queued.
        let mut cx = Context::from_waker(Waker::noop());
        let done = match future.as_mut().poll(&mut cx) {
            Poll::Ready(result) => Some(result),
            Poll::Pending => None,
        };
        StartedRead { future, done }
    }

    /// Reads the statistics, blocking until the device has computed them. Native only: in the
    /// browser a blocking read panics on WebGPU, so use [`StepReadout::read_async`] there.
    #[cfg(not(target_family = "wasm"))]
    pub fn read(self) -> Result<StepStats, ReadError> {
        stats_from(self.step, self.timings, &self.scalars.into_data())
    }
}

/// A read of a step's statistics that has started (see [`StepReadout::start_read`]).
pub struct StartedRead {
    future: Pin<Box<dyn Future<Output = Result<StepStats, ReadError>>>>,
    /// The result, when the first poll already had it (the CPU backend).
    done: Option<Result<StepStats, ReadError>>,
}

impl std::fmt::Debug for StartedRead {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StartedRead")
            .field("done", &self.done.is_some())
            .finish_non_exhaustive()
    }
}

impl StartedRead {
    /// Waits for the statistics.
    pub async fn finish(self) -> Result<StepStats, ReadError> {
        match self.done {
            Some(result) => result,
            None => self.future.await,
        }
    }
}

fn stats_from(step: u64, timings: PhaseTimings, data: &TensorData) -> Result<StepStats, ReadError> {
    {
        let v = data
            .try_to_vec::<f32>()
            .map_err(|e| ReadError(format!("{e:?}")))?;
        if v.len() != SCALAR_NAMES.len() && v.len() != SCALAR_NAMES.len() - 1 {
            return Err(ReadError(format!(
                "expected 8 or 9 scalars, got {}",
                v.len()
            )));
        }
        Ok(StepStats {
            step,
            d_loss_real: v[0],
            d_loss_fake: v[1],
            g_loss: v[2],
            d_real: v[3],
            d_fake: v[4],
            d_accuracy_real: v[5],
            d_accuracy_fake: v[6],
            d_fake_before_g: v[7],
            d_fake_after_g: v.get(8).copied(),
            timings,
        })
    }
}
