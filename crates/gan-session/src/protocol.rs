//! The typed messages between the page (main thread) and the trainer worker.
//!
//! Both sides are Rust; at the boundary the messages cross as JavaScript objects through
//! `serde-wasm-bindgen`, so every type here is plain serde data.

use gan_core::speed::GemmCeiling;
use gan_core::{GanConfig, Phase, StepStats};
use gan_judge::{DigitVerdict, QualityReport};
use serde::{Deserialize, Serialize};

use crate::adapter::Fallback;
use crate::lang::Lang;
use crate::text::shorten;
use crate::walk::WalkEnds;
use gan_data::Collection;

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
    /// The pause after each phase in slow motion, in milliseconds.
    pub const SLOW_MOTION_PAUSE_MS: u32 = 700;

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

/// A message from the page to the worker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum ToWorker {
    /// Load the data, start the backend and build fresh networks. Sent once per worker.
    Start {
        /// The backend to try.
        backend: BackendChoice,
        /// The hyperparameters to start with.
        config: GanConfig,
        /// The training speed to start with.
        speed: Speed,
        /// The language of the worker's messages.
        #[serde(default)]
        lang: Lang,
        /// The data set to train on.
        #[serde(default)]
        data: Collection,
        /// The threads of the CPU trainer's pool (the threaded trainer only; others run one).
        #[serde(default = "one_thread")]
        threads: usize,
        /// A part to fail on purpose ([`Breakdown`]); `None` normally.
        #[serde(default)]
        fail: Option<Breakdown>,
    },
    /// Write the worker's messages in another language from now on.
    SetLanguage {
        /// The language.
        lang: Lang,
    },
    /// Train continuously until [`ToWorker::Pause`].
    Train,
    /// Stop training after the step (or phase, in slow motion) that is running.
    Pause,
    /// Run one whole step (the rest of the current one, if phases were stepped), then pause.
    Step,
    /// Run the next phase only, then pause.
    PhaseStep,
    /// Fresh networks from the configured seed; the step counter returns to 0.
    Reset,
    /// New hyperparameters; the worker applies them live or resets, and answers with
    /// [`FromWorker::Configured`] or [`FromWorker::Rejected`].
    Configure(GanConfig),
    /// A new training speed.
    SetSpeed {
        /// The speed.
        speed: Speed,
    },
    /// Go back to the last good networks kept before a divergence (the optimizers start fresh).
    RestoreLastGood,
    /// Save both networks, both optimizers and the config as one checkpoint file; the worker
    /// answers [`FromWorker::Checkpoint`] or [`FromWorker::Rejected`].
    SaveCheckpoint,
    /// Replace the networks with a checkpoint's and go on from its step; the worker answers
    /// [`FromWorker::CheckpointLoaded`] or, leaving everything as it was, [`FromWorker::Rejected`].
    LoadCheckpoint {
        /// The file's bytes (a Uint8Array across the worker boundary).
        #[serde(with = "serde_bytes")]
        bytes: Vec<u8>,
    },
    /// A demonstration (`?diverge=N`): fill the real batch of step `step` with NaN, once, so
    /// that training diverges there and the class sees it caught, explained and undone.
    DivergeAt {
        /// The step to break (1 is the first).
        step: u64,
    },
    /// Draw a latent walk between two grid digits along with every grid from now on, or stop
    /// drawing it (`None`); the worker answers [`FromWorker::Walk`] with each grid.
    Walk {
        /// The two digits, or `None` to stop.
        ends: Option<WalkEnds>,
    },
    /// Ask a conditional G for a digit: the worker answers [`FromWorker::Answer`] with fresh
    /// drawings of it, or refuses when the model is not conditional.
    Ask {
        /// The digit, 0 to 9.
        digit: u8,
    },
    /// Train on a class's own pictures from now on (fresh networks, step 0); the worker
    /// answers [`FromWorker::PicturesInUse`], or refuses and changes nothing.
    UsePictures {
        /// The files the teacher picked: pictures, or zips of them.
        files: Vec<PictureFile>,
    },
    /// Label the grid's digits with the judge's verdicts (or stop labelling them).
    ShowVerdicts {
        /// True to label.
        on: bool,
    },
    /// Measure the backend (bare matrix products, then the bare training loop, each for about
    /// `min_ms`), answer [`FromWorker::Benchmarked`], and start over from step 0.
    Benchmark {
        /// Milliseconds each measurement runs at least.
        min_ms: u32,
    },
    /// Check the core's WebGPU kernels against burn's results on this browser's adapter and
    /// answer [`FromWorker::KernelsChecked`]; answered before [`ToWorker::Start`] too, and by a
    /// trainer without WebGPU with the reason. The end-to-end test sends it.
    CheckKernels,
}

/// One of the kernel checks of [`ToWorker::CheckKernels`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KernelCheckLine {
    /// What was compared.
    pub what: String,
    /// The largest difference as a share of the tolerance (below 1 passes; `None`: not a
    /// finite number, which fails).
    pub worst: Option<f32>,
    /// Whether every value was within the tolerance.
    pub passed: bool,
}

/// One file of an upload of own pictures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PictureFile {
    /// Its name (with its folder, when a folder was picked).
    pub name: String,
    /// Its bytes (a Uint8Array across the worker boundary).
    #[serde(with = "serde_bytes")]
    pub bytes: Vec<u8>,
}

/// A message from the worker to the page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum FromWorker {
    /// The worker is up and listening. Messages posted to a module worker before its wasm has
    /// started are lost, so the page sends [`ToWorker::Start`] only after this.
    Listening,
    /// Bytes of the data set downloaded so far.
    LoadProgress {
        /// Bytes received, over all files.
        loaded: u64,
        /// Bytes expected, over all files.
        total: u64,
        /// What is loading now, in words.
        what: String,
    },
    /// The data could not be loaded; the page offers a retry.
    LoadFailed {
        /// What failed, in words.
        message: String,
    },
    /// The backend is up.
    Backend(BackendInfo),
    /// Data and networks are ready; training can start.
    Ready {
        /// Real digits for the comparison strip, [`crate::grid::STRIP_DIGITS`] × 784 bytes.
        real_digits: Vec<u8>,
        /// Number of training digits loaded.
        train_digits: usize,
        /// The configuration in use.
        config: GanConfig,
    },
    /// Whether the worker is training continuously now.
    Running {
        /// True while training continuously.
        running: bool,
    },
    /// A phase has just run.
    PhaseDone {
        /// The phase that ran.
        phase: Phase,
        /// Steps completed so far (a step counts once its phase 6 has run).
        step: u64,
    },
    /// Statistics of the latest completed step.
    Stats {
        /// The step's numbers.
        stats: StepStats,
        /// Training speed over the last second or so; 0 when not measured.
        steps_per_second: f32,
    },
    /// The fixed-noise grid, as G draws it now: [`crate::grid::GRID_DIGITS`] × 784 bytes.
    Grid {
        /// Steps completed when it was drawn.
        step: u64,
        /// Grey levels, 0 = black, digit after digit.
        pixels: Vec<u8>,
        /// The judge's label of each digit, when the page asked for them and a judge is loaded;
        /// empty otherwise.
        verdicts: Vec<DigitVerdict>,
    },
    /// The latent walk the page asked for, drawn by the same generator as the grid beside it.
    Walk {
        /// Steps completed when it was drawn.
        step: u64,
        /// The two digits it walks between.
        ends: WalkEnds,
        /// [`crate::walk::WALK_FRAMES`] digits of grey levels, from `ends.from` to `ends.to`.
        pixels: Vec<u8>,
    },
    /// The class's own pictures are the training set now.
    PicturesInUse {
        /// Pictures in the set.
        pictures: u32,
        /// The first of them, for the real strip.
        real_digits: Vec<u8>,
        /// What happened, in words (with the files skipped).
        message: String,
    },
    /// A conditional G's answer to [`ToWorker::Ask`].
    Answer {
        /// Steps completed when it was drawn.
        step: u64,
        /// The digit asked for.
        digit: u8,
        /// [`crate::session::ASKED_DRAWINGS`] drawings of it, grey levels.
        pixels: Vec<u8>,
    },
    /// A loss or weight became NaN or infinite: training paused. The page offers to restore the
    /// last good networks or to reset.
    Diverged {
        /// The step whose losses were not finite numbers.
        step: u64,
        /// The step of the last good networks kept, if any.
        last_good_step: Option<u64>,
    },
    /// The networks of this step are back (after [`ToWorker::RestoreLastGood`]).
    Restored {
        /// The step they were kept at; training goes on from it.
        step: u64,
    },
    /// The judge is loaded and scores the generator from now on.
    JudgeReady {
        /// Its accuracy on the 10 000 MNIST test digits.
        test_accuracy: f32,
    },
    /// There is no judge (its file is missing or broken); training runs on without it.
    JudgeUnavailable {
        /// Why, in words.
        message: String,
    },
    /// The judge's figures over fresh generated digits.
    Quality(QualityReport),
    /// New hyperparameters are in use.
    Configured {
        /// The configuration now in use.
        config: GanConfig,
        /// Whether the networks were rebuilt (the step counter restarted).
        reset: bool,
    },
    /// The networks were rebuilt from the seed.
    WasReset,
    /// The checkpoint asked for by [`ToWorker::SaveCheckpoint`].
    Checkpoint {
        /// Steps trained when it was saved.
        step: u64,
        /// The file's bytes (a Uint8Array across the worker boundary).
        #[serde(with = "serde_bytes")]
        bytes: Vec<u8>,
    },
    /// A checkpoint replaced the networks; training goes on from its step.
    CheckpointLoaded {
        /// The checkpoint's step.
        step: u64,
        /// Its configuration, now in use.
        config: GanConfig,
        /// Whether it held the optimizers' state (else they start fresh).
        with_optimizers: bool,
    },
    /// A request was refused; nothing changed.
    Rejected {
        /// Why, in words.
        message: String,
    },
    /// Training stopped by itself (a NaN loss, a lost device); the page keeps what it has.
    Stopped {
        /// Why, in words, with what to do next.
        message: String,
    },
    /// The threaded trainer could not start its pool of `threads` (the browser refused the
    /// threads' workers); the page restarts the single-threaded trainer. Why goes to the
    /// console: it is the browser's own text, not one for a class.
    ThreadsRefused {
        /// The threads it tried to start.
        threads: usize,
    },
    /// The worker hit an error it cannot recover from (a panic); it must be restarted.
    Fatal {
        /// The error, in words.
        message: String,
    },
    /// The answer to [`ToWorker::Benchmark`]; the networks start over from step 0 after it.
    Benchmarked(BenchFigures),
    /// The answer to [`ToWorker::CheckKernels`]: every comparison, or why none could run.
    KernelsChecked {
        /// The comparisons made.
        checks: Vec<KernelCheckLine>,
        /// Why the checks could not run (no WebGPU, a failed read); `None` when they ran.
        error: Option<String>,
    },
}

#[cfg(test)]
mod tests {
    use super::*;
    use gan_core::PhaseTimings;

    fn round_trip<T: Serialize + for<'de> Deserialize<'de> + PartialEq + std::fmt::Debug>(
        value: &T,
    ) {
        let json = serde_json::to_string(value).expect("every message serializes");
        let back: T = serde_json::from_str(&json).expect("and deserializes");
        assert_eq!(&back, value, "{json}");
    }

    #[test]
    fn every_message_survives_the_boundary() {
        let config = GanConfig::default();
        for message in [
            ToWorker::Start {
                backend: BackendChoice::WebGpu,
                config: config.clone(),
                speed: Speed::SlowMotion,
                lang: Lang::De,
                data: Collection::Fashion,
                threads: 4,
                fail: Some(Breakdown::Threads),
            },
            ToWorker::SetLanguage { lang: Lang::En },
            ToWorker::Walk {
                ends: WalkEnds::new(2, 40),
            },
            ToWorker::Walk { ends: None },
            ToWorker::Ask { digit: 7 },
            ToWorker::UsePictures {
                files: vec![PictureFile {
                    name: "a.png".into(),
                    bytes: vec![137, 80],
                }],
            },
            ToWorker::Train,
            ToWorker::Pause,
            ToWorker::Step,
            ToWorker::PhaseStep,
            ToWorker::Reset,
            ToWorker::Configure(config.clone()),
            ToWorker::SetSpeed {
                speed: Speed::Steps(7),
            },
            ToWorker::Benchmark { min_ms: 3000 },
            ToWorker::CheckKernels,
            ToWorker::ShowVerdicts { on: true },
            ToWorker::RestoreLastGood,
        ] {
            round_trip(&message);
        }
        let stats = StepStats {
            step: 3,
            d_loss_real: 0.5,
            d_loss_fake: 0.6,
            g_loss: 1.2,
            d_real: 0.7,
            d_fake: 0.3,
            d_accuracy_real: 0.8,
            d_accuracy_fake: 0.9,
            d_fake_before_g: 0.25,
            d_fake_after_g: Some(0.35),
            timings: PhaseTimings { ms: [1.0; 6] },
        };
        for message in [
            FromWorker::Listening,
            FromWorker::LoadProgress {
                loaded: 1,
                total: 2,
                what: "digits".into(),
            },
            FromWorker::LoadFailed {
                message: "404".into(),
            },
            FromWorker::Backend(BackendInfo {
                kind: BackendKind::Cpu,
                fallback_reason: Some(Fallback::Software {
                    name: Some("swiftshader".into()),
                }),
                threads: 1,
            }),
            FromWorker::Ready {
                real_digits: vec![0, 255],
                train_digits: 60_000,
                config,
            },
            FromWorker::Running { running: true },
            FromWorker::PhaseDone {
                phase: Phase::TrainGenerator,
                step: 9,
            },
            FromWorker::Stats {
                stats,
                steps_per_second: 12.5,
            },
            FromWorker::Grid {
                step: 9,
                pixels: vec![1, 2, 3],
                verdicts: vec![DigitVerdict {
                    label: 7,
                    confidence: 0.75,
                }],
            },
            FromWorker::JudgeReady {
                test_accuracy: 0.99,
            },
            FromWorker::PicturesInUse {
                pictures: 80,
                real_digits: vec![1, 2],
                message: "80 of your pictures are in use".into(),
            },
            FromWorker::Answer {
                step: 3,
                digit: 7,
                pixels: vec![9; 3],
            },
            FromWorker::Walk {
                step: 4,
                ends: WalkEnds { from: 1, to: 2 },
                pixels: vec![0, 255],
            },
            FromWorker::Diverged {
                step: 312,
                last_good_step: Some(300),
            },
            FromWorker::Restored { step: 300 },
            FromWorker::JudgeUnavailable {
                message: "damaged".into(),
            },
            FromWorker::Quality(QualityReport {
                step: 200,
                coverage: gan_judge::Coverage {
                    counts: [5; 10],
                    confidence_sum: 40.0,
                },
                frechet: Some(12.5),
                longest_chunk_ms: Some(21.0),
            }),
            FromWorker::Configured {
                config: GanConfig::default(),
                reset: true,
            },
            FromWorker::WasReset,
            FromWorker::Rejected {
                message: "no".into(),
            },
            FromWorker::Stopped {
                message: "NaN".into(),
            },
            FromWorker::Fatal {
                message: "lost".into(),
            },
            FromWorker::ThreadsRefused { threads: 4 },
            FromWorker::Benchmarked(BenchFigures {
                gemm: Some(GemmCeiling {
                    step_gemm_flops: 1.2e9,
                    round_ms: 60.0,
                    rounds: 40,
                }),
                bare_steps_per_second: 12.0,
                bare_steps: 40,
                rule_of_thumb_flops: 1.376e9,
            }),
            FromWorker::KernelsChecked {
                checks: vec![KernelCheckLine {
                    what: "product".into(),
                    worst: Some(0.25),
                    passed: true,
                }],
                error: None,
            },
        ] {
            round_trip(&message);
        }
    }

    #[test]
    fn backend_choices_parse_from_their_ids() {
        for choice in BackendChoice::ALL {
            assert_eq!(choice.id().parse::<BackendChoice>(), Ok(choice));
        }
        let err = "gpu".parse::<BackendChoice>().unwrap_err();
        assert!(err.contains("\"gpu\""), "{err}");
    }
}
