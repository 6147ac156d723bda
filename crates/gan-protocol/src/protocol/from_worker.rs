//! What the worker tells the page: one [`FromWorker`] message per event.

use super::*;

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
    /// The data of the phase that just ran (phase-step mode and slow motion; phases 1, 2 and 5).
    Phase(PhaseView),
    /// A round of "You are the detective" ([`ToWorker::Quiz`]): [`QUIZ_DIGITS`] digits, half
    /// real and half forged, in a random order, with D's verdict on each.
    Quiz {
        /// Steps completed when the forgeries were drawn.
        step: u64,
        /// The digits, grey levels.
        pixels: Vec<u8>,
        /// Whether each digit is real.
        real: Vec<bool>,
        /// D's probability "real" for each.
        d_says: Vec<f32>,
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
        /// [`ASKED_DRAWINGS`] drawings of it, grey levels.
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
