//! The typed messages between the page (main thread) and the trainer worker.
//!
//! Both sides are Rust; at the boundary the messages cross as JavaScript objects through
//! `serde-wasm-bindgen`, so every type here is plain serde data. [`ToWorker`] is what the page
//! asks ([`to_worker`]), [`FromWorker`] what the worker answers ([`from_worker`]); this file
//! holds what both name: the backend, the speed, the numbers both sides count on.

use gan_core::{GanConfig, Phase, StepStats};
use gan_fast::speed::GemmCeiling;
use gan_judge::{DigitVerdict, QualityReport};
use serde::{Deserialize, Serialize};

use crate::adapter::Fallback;
use crate::lang::Lang;
use crate::text::shorten;
use crate::walk::WalkEnds;
use gan_data::Collection;

/// Drawings in an answer to "draw a 7" ([`FromWorker::Answer`]).
pub const ASKED_DRAWINGS: usize = 8;
/// The worker keeps the networks as "last good" every this many steps, once their losses and
/// weights are checked to be finite numbers; the page says so when it restores them.
pub const SNAPSHOT_EVERY_STEPS: u64 = 100;
/// Fresh digits per quality report: enough for a stable histogram and a covariance of 64
/// features, few enough for a school laptop.
pub const QUALITY_SAMPLES: usize = 500;

/// Which backend the page asks the worker to train on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BackendChoice {
    /// The faster of the two on this machine: WebGPU on a hardware adapter, the CPU when the
    /// browser has no adapter or only a software one (SwiftShader and the like train about
    /// 10× slower than the CPU path).
    #[default]
    Auto,
    /// WebGPU, even on a software adapter; falls back to the CPU with a reason when there is
    /// no adapter.
    WebGpu,
    /// burn's CPU backend compiled to WebAssembly.
    Cpu,
}

/// An optional part the link asks to fail on purpose (`?fail=webgpu|threads`), so a class, or
/// the end-to-end test, sees the page fall back as it would on a device where that part breaks:
/// the same code paths as a real failure, started from a known cause.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Breakdown {
    /// WebGPU has an adapter, but the device does not start.
    WebGpu,
    /// The threaded trainer cannot start its pool (as where a browser refuses to pass the
    /// trainer's shared memory to its threads: `DataCloneError`).
    Threads,
}

impl Breakdown {
    /// The value in the link.
    pub fn id(self) -> &'static str {
        match self {
            Breakdown::WebGpu => "webgpu",
            Breakdown::Threads => "threads",
        }
    }

    /// Every part that can fail on purpose.
    pub const ALL: [Breakdown; 2] = [Breakdown::WebGpu, Breakdown::Threads];
}

impl std::str::FromStr for Breakdown {
    type Err = ();

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL.into_iter().find(|b| b.id() == s).ok_or(())
    }
}

/// The backend the worker actually trains on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BackendKind {
    /// burn-wgpu on the browser's WebGPU.
    WebGpu,
    /// burn's Flex CPU backend in WebAssembly.
    Cpu,
}

impl BackendKind {
    /// The short name the badge shows.
    pub fn label(self) -> &'static str {
        match self {
            BackendKind::WebGpu => "WebGPU",
            BackendKind::Cpu => "CPU",
        }
    }

    /// The value of the page's `data-backend` attribute.
    pub fn id(self) -> &'static str {
        match self {
            BackendKind::WebGpu => "webgpu",
            BackendKind::Cpu => "cpu",
        }
    }
}

/// The running backend, and why it is not the one asked for, if it is not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackendInfo {
    /// The backend in use.
    pub kind: BackendKind,
    /// Why the worker trains on the CPU although WebGPU was possible or asked for (e.g. no
    /// WebGPU adapter); `None` when it runs what was asked for without a choice to explain.
    pub fallback_reason: Option<Fallback>,
    /// The threads the CPU backend multiplies on (1 on WebGPU and in the single-threaded
    /// trainer).
    #[serde(default = "one_thread")]
    pub threads: usize,
}

fn one_thread() -> usize {
    1
}

impl BackendChoice {
    /// The value used in URLs and in the backend menu.
    pub fn id(self) -> &'static str {
        match self {
            BackendChoice::Auto => "auto",
            BackendChoice::WebGpu => "webgpu",
            BackendChoice::Cpu => "cpu",
        }
    }

    /// Every choice, in menu order.
    pub const ALL: [BackendChoice; 3] = [
        BackendChoice::Auto,
        BackendChoice::WebGpu,
        BackendChoice::Cpu,
    ];
}

impl std::str::FromStr for BackendChoice {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|c| c.id() == s)
            .ok_or_else(|| format!("unknown backend \"{}\" (auto, webgpu or cpu)", shorten(s)))
    }
}

/// What the worker measured for a speed benchmark before the app's own run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BenchFigures {
    /// The matrix products of one step alone (MLP only).
    pub gemm: Option<GemmCeiling>,
    /// Steps per second of the bare training loop in the worker: no messages, no grid,
    /// statistics read every 10 steps.
    pub bare_steps_per_second: f64,
    /// Steps the bare loop ran (after its warm-up).
    pub bare_steps: u64,
    /// FLOPs of one step by the TF.js peer's rule of thumb, for comparable GFLOP/s.
    pub rule_of_thumb_flops: f64,
}

/// How fast the worker trains while running.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "mode", content = "value")]
pub enum Speed {
    /// One phase at a time, with a pause after each, so a class can follow the duel.
    SlowMotion,
    /// This many whole steps between two updates of the page (1 to [`Speed::MAX_STEPS`]).
    Steps(u32),
}

impl Speed {
    /// The most steps the worker runs between two messages to the page.
    pub const MAX_STEPS: u32 = 50;
    /// The paces slow motion offers, in seconds per phase: long enough to read a phase's
    /// explanation aloud (2 s) or to talk about it (6 s).
    pub const PACES_S: [u32; 4] = [2, 3, 4, 6];
    /// The pace slow motion starts with, in seconds per phase.
    pub const DEFAULT_PACE_S: u32 = 3;

    /// The speeds the page offers, slowest first.
    pub const OFFERED: [Speed; 5] = [
        Speed::SlowMotion,
        Speed::Steps(1),
        Speed::Steps(5),
        Speed::Steps(20),
        Speed::Steps(50),
    ];

    /// The speed's name in links and in the speed menu's values: "slow" or the step count.
    pub fn id(self) -> String {
        match self {
            Speed::SlowMotion => "slow".into(),
            Speed::Steps(n) => n.to_string(),
        }
    }

    /// One of [`Speed::OFFERED`] by its [`Speed::id`].
    pub fn from_id(id: &str) -> Option<Speed> {
        Self::OFFERED.into_iter().find(|s| s.id() == id)
    }

    /// The speed as the speed menu words it in `lang`.
    pub fn label(self, lang: Lang) -> String {
        let t = lang.texts();
        match self {
            Speed::SlowMotion => t.speed_slow.into(),
            Speed::Steps(1) => t.speed_one.into(),
            Speed::Steps(n) if n >= Self::MAX_STEPS => {
                crate::lang::fill(t.speed_most, &[("steps", &n)])
            }
            Speed::Steps(n) => crate::lang::fill(t.speed_many, &[("steps", &n)]),
        }
    }

    /// The speed with its step count clamped into 1..=[`Speed::MAX_STEPS`].
    pub fn clamped(self) -> Speed {
        match self {
            Speed::SlowMotion => Speed::SlowMotion,
            Speed::Steps(n) => Speed::Steps(n.clamp(1, Self::MAX_STEPS)),
        }
    }
}

impl Default for Speed {
    fn default() -> Self {
        Speed::Steps(5)
    }
}

// Messages are internally tagged (`{"type": "train", ...}`): readable in the browser's
// devtools. Serde cannot tag a newtype variant that holds a bare value (a bool, say), so
// variants carry named fields or structs; the round-trip test below holds every variant.

mod from_worker;
mod phase_view;
mod to_worker;

pub use from_worker::{FromWorker, KernelCheckLine};
pub use phase_view::{GENERATOR_PAIRS, JUDGED_EACH, PHASE_FAKES, PhaseView, QUIZ_DIGITS};
pub use to_worker::{PictureFile, ToWorker};

#[cfg(test)]
mod tests;
