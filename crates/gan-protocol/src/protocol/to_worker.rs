//! What the page asks the worker: one [`ToWorker`] message per request.

use super::*;

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
    /// How long slow motion shows each phase before it runs the next one.
    SetPace {
        /// Seconds per phase, one of [`Speed::PACES_S`] (others are clamped into 1 to 10).
        seconds: u32,
    },
    /// Draw a round of "You are the detective": real digits and forgeries of the generator as
    /// it is now, mixed; the worker answers [`FromWorker::Quiz`] without pausing training.
    Quiz,
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

/// One file of an upload of own pictures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PictureFile {
    /// Its name (with its folder, when a folder was picked).
    pub name: String,
    /// Its bytes (a Uint8Array across the worker boundary).
    #[serde(with = "serde_bytes")]
    pub bytes: Vec<u8>,
}
