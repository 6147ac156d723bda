//! The trainer worker's state: it answers the page's messages and runs the training ticks.
//! Backend-agnostic and free of web APIs, so the tests drive it natively exactly as the
//! worker does in the browser.

use std::collections::VecDeque;

use burn::module::Module;
use burn::prelude::Device;
use gan_core::{
    Checkpoint, Clock, GanConfig, GanTrainer, Phase, StartedRead, StepReadout, StepStats,
    TrainError,
};
use gan_data::{Batcher, MnistSet};
use gan_fast::speed::{self, GemmBench, GemmCeiling};
use gan_judge::{DigitVerdict, JudgeFile};

use crate::judging::JudgeRunner;
use crate::pictures;
use gan_core::Real;
use gan_images::{Limits, Upload, read_upload};
use gan_protocol::grid::GridShape;
use gan_protocol::grid::{DIGIT_PIXELS, STRIP_DIGITS, grid_noise_for, to_grey};
use gan_protocol::lang::{Lang, fill};
use gan_protocol::protocol::{BenchFigures, FromWorker, PictureFile, Speed, ToWorker};
use gan_protocol::walk::{WalkEnds, walk_classes, walk_noise};

mod bench;
mod drawings;
mod files;
mod quiz;
#[cfg(test)]
mod tests;
mod ticks;
mod watching;

pub use gan_protocol::protocol::{ASKED_DRAWINGS, SNAPSHOT_EVERY_STEPS};
/// Keeps the answers' noise apart from the grid's and the trainer's ("ask" in ASCII).
const ASK_STREAM: u64 = 0x61_736b;

/// How often the grid is redrawn while training continuously, in milliseconds.
pub const GRID_INTERVAL_MS: f64 = 400.0;
/// A tick of continuous training stops starting new steps after this many milliseconds, so
/// the page hears from the worker several times a second whatever the speed setting.
pub const TICK_BUDGET_MS: f64 = 250.0;

/// Networks known to be good, to go back to after a divergence.
#[derive(Debug, Clone)]
struct LastGood {
    step: u64,
    gan: gan_core::Gan,
}

/// What the worker's loop should do next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Next {
    /// Nothing to do until a message arrives.
    WaitForMessage,
    /// Call [`TrainingSession::tick`] again as soon as the messages are handled.
    TickNow,
    /// Call [`TrainingSession::tick`] after this pause (slow motion), or earlier on a message.
    TickAfterMs(u32),
}

/// Work asked for by a single message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pending {
    None,
    Phase,
    Step,
    Benchmark { min_ms: u32 },
}

/// Steps per second over the last few seconds.
#[derive(Debug, Default)]
struct RateMeter {
    samples: VecDeque<(f64, u64)>,
}

impl RateMeter {
    const WINDOW_MS: f64 = 3000.0;

    fn record(&mut self, now_ms: f64, steps: u64) {
        self.samples.push_back((now_ms, steps));
        while self
            .samples
            .front()
            .is_some_and(|&(t, _)| now_ms - t > Self::WINDOW_MS)
            && self.samples.len() > 2
        {
            self.samples.pop_front();
        }
    }

    fn per_second(&self) -> f32 {
        match (self.samples.front(), self.samples.back()) {
            (Some(&(t0, s0)), Some(&(t1, s1))) if t1 > t0 && s1 >= s0 => {
                ((s1 - s0) as f64 / ((t1 - t0) / 1000.0)) as f32
            }
            _ => 0.0,
        }
    }

    fn clear(&mut self) {
        self.samples.clear();
    }
}

/// One classroom's training: the trainer, the data, the fixed grid noise and the controls.
pub struct TrainingSession {
    trainer: GanTrainer,
    data: MnistSet,
    batcher: Batcher,
    /// The current step's real batch, drawn when phase 1 runs.
    real: Vec<f32>, // [batch × 784]
    /// Its classes, for a conditional GAN.
    real_labels: Vec<u8>, // [batch]
    /// Answers given to "draw a 7" so far: each answer draws fresh noise.
    asked: u64,
    /// The digit the page asked a conditional G to draw, until the answer is drawn.
    ask_due: Option<u8>,
    /// The page asked for a round of "You are the detective"; it is drawn on the next tick.
    quiz_due: bool,
    /// Rounds drawn so far: each round draws fresh digits.
    quizzes: u64,
    grid_noise: Vec<f32>, // [64 × latent]
    clock: Box<dyn Clock>,
    running: bool,
    pending: Pending,
    speed: Speed,
    /// How long slow motion waits after each phase, in milliseconds.
    phase_pause_ms: u32,
    /// When slow motion may run its next phase (the session clock's milliseconds). Other work
    /// (a grid, the judge, a round of the game) wakes the session between phases; it must not
    /// run a phase before the class had the pace to read the last one.
    next_phase_at_ms: f64,
    /// At most this many steps per tick (1 on WebGPU, where work queues up until it is read).
    max_steps_per_tick: u32,
    grid_due: bool,
    last_grid_ms: f64,
    /// The step the grid was last drawn at.
    last_grid_step: u64,
    /// Continuous training redraws the grid after at least this many steps (and
    /// [`GRID_INTERVAL_MS`]): 1 on the CPU, more where a step takes longer than the interval.
    grid_min_steps: u64,
    rate: RateMeter,
    /// The judge, once loaded; training runs without it when it is missing or broken.
    judge: Option<JudgeRunner>,
    /// Label the grid's digits with the judge's verdicts.
    show_verdicts: bool,
    /// The newest snapshot of good networks.
    last_good: Option<LastGood>,
    /// The step a demonstration breaks on purpose ([`ToWorker::DivergeAt`]), until it has run.
    diverge_at: Option<u64>,
    /// Whether the device can read tensors synchronously (not WebGPU in a browser).
    blocking_reads: bool,
    /// The language of the messages for the page.
    lang: Lang,
    /// The latent walk drawn with every grid, if the page asked for one.
    walk: Option<WalkEnds>,
    /// Whether continuous training reads each step's statistics one step late (WebGPU).
    read_behind: bool,
    /// With `read_behind`, the read of the step queued last, started but not awaited yet.
    in_flight: Option<StartedRead>,
}

impl std::fmt::Debug for TrainingSession {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TrainingSession")
            .field("trainer", &self.trainer)
            .field("running", &self.running)
            .field("pending", &self.pending)
            .field("speed", &self.speed)
            .finish_non_exhaustive()
    }
}

/// Why a session could not start.
#[derive(Debug, thiserror::Error)]
pub enum SessionError {
    /// The hyperparameters were refused.
    #[error(transparent)]
    Train(#[from] TrainError),
    /// The data set cannot feed the configured batch.
    #[error(transparent)]
    Data(#[from] gan_data::DataError),
}

impl TrainingSession {
    /// Builds fresh networks on `device` and gets ready to train on `data`. `clock` measures
    /// phase timings, the grid interval and the training speed.
    pub fn new(
        config: GanConfig,
        device: &Device,
        data: MnistSet,
        speed: Speed,
        clock: impl Clock + Clone + 'static,
    ) -> Result<Self, SessionError> {
        let batcher = Batcher::for_set(&data, config.batch_size, config.seed)?;
        let grid_noise = grid_noise_for(&config);
        let mut trainer = GanTrainer::new(config, device)?.with_clock(clock.clone());
        // D(G(z)) after G's update costs one more forward pass of both networks (≈ 20 % of an
        // MLP step) and the page shows the value from before the update; so it is not probed.
        trainer.set_probe_after_update(false);
        Ok(Self {
            trainer,
            data,
            batcher,
            real: Vec::new(),
            real_labels: Vec::new(),
            asked: 0,
            ask_due: None,
            quiz_due: false,
            quizzes: 0,
            grid_noise,
            clock: Box::new(clock),
            running: false,
            pending: Pending::None,
            speed: speed.clamped(),
            phase_pause_ms: Speed::DEFAULT_PACE_S * 1000,
            next_phase_at_ms: f64::NEG_INFINITY,
            max_steps_per_tick: Speed::MAX_STEPS,
            grid_due: true,
            last_grid_ms: f64::NEG_INFINITY,
            last_grid_step: 0,
            grid_min_steps: 1,
            rate: RateMeter::default(),
            judge: None,
            show_verdicts: false,
            last_good: None,
            diverge_at: None,
            blocking_reads: true,
            lang: Lang::default(),
            walk: None,
            read_behind: false,
            in_flight: None,
        })
    }

    /// Says whether the device may read tensors synchronously; WebGPU in a browser may not,
    /// so saving a checkpoint is refused there with a message instead of a panic.
    pub fn set_blocking_reads(&mut self, possible: bool) {
        self.blocking_reads = possible;
    }

    /// Writes the messages for the page in `lang` from now on.
    pub fn set_lang(&mut self, lang: Lang) {
        self.lang = lang;
    }

    /// Caps the steps of one tick (the worker sets 1 on WebGPU).
    pub fn set_max_steps_per_tick(&mut self, max: u32) {
        self.max_steps_per_tick = max.max(1);
    }

    /// Makes continuous training read each step's statistics one step late: step `n + 1` is
    /// queued before step `n`'s figures are awaited, so a GPU always has the next step to run
    /// while the worker waits, instead of idling while the worker records the next one. The
    /// worker sets it on WebGPU. A NaN then stops training one step later than it appeared,
    /// and that extra step is never reported. Use [`TrainingSession::receive`] for messages,
    /// which reads the late step first.
    pub fn set_read_behind(&mut self, behind: bool) {
        self.read_behind = behind;
    }

    /// Continuous training redraws the grid only after `steps` steps (and at most every
    /// [`GRID_INTERVAL_MS`]). Drawing it runs the generator and waits for the device, which
    /// on WebGPU also waits for the step queued before it and leaves the device idle while the
    /// worker records the next; where one step takes longer than the interval, a grid every
    /// tick would cost about a tenth of the training time.
    pub fn set_grid_min_steps(&mut self, steps: u64) {
        self.grid_min_steps = steps.max(1);
    }

    /// Whether a step's statistics are still waiting to be read (see
    /// [`TrainingSession::set_read_behind`]).
    pub fn has_step_in_flight(&self) -> bool {
        self.in_flight.is_some()
    }

    /// Handles a message as [`TrainingSession::handle`] does, after reading and reporting the
    /// statistics of a step still in flight, so that the page hears of every step before the
    /// message changes anything.
    pub async fn receive(&mut self, message: ToWorker) -> Vec<FromWorker> {
        let mut out = Vec::new();
        if let Err(e) = self.settle(&mut out).await {
            self.stop_on(&e, &mut out);
        }
        out.extend(self.handle(message));
        out
    }

    /// The message that tells the page training can start: real digits for the strip included.
    pub fn ready_message(&self) -> FromWorker {
        let count = STRIP_DIGITS.min(self.data.len());
        FromWorker::Ready {
            real_digits: self.data.images()[..count * DIGIT_PIXELS].to_vec(),
            train_digits: self.data.len(),
            config: self.trainer.config().clone(),
        }
    }

    /// Loads the judge from its file's bytes onto the training device and answers whether it
    /// is ready. A broken file leaves the session as it was, without a judge.
    pub fn install_judge(&mut self, bytes: &[u8]) -> FromWorker {
        match JudgeFile::from_bytes(bytes, self.trainer.device()) {
            Ok(file) => {
                let runner = JudgeRunner::new(file);
                let test_accuracy = runner.test_accuracy();
                self.judge = Some(runner);
                self.grid_due = true;
                FromWorker::JudgeReady { test_accuracy }
            }
            Err(e) => FromWorker::JudgeUnavailable {
                message: e.to_string(),
            },
        }
    }

    /// Whether a judge is loaded.
    pub fn has_judge(&self) -> bool {
        self.judge.is_some()
    }

    /// Steps completed.
    pub fn steps(&self) -> u64 {
        self.trainer.steps()
    }

    /// The phase that runs next.
    pub fn next_phase(&self) -> Phase {
        self.trainer.next_phase()
    }

    /// Whether training runs continuously.
    pub fn is_running(&self) -> bool {
        self.running
    }

    /// The hyperparameters in use.
    pub fn config(&self) -> &GanConfig {
        self.trainer.config()
    }

    /// Handles a message from the page; returns the answers to post back.
    pub fn handle(&mut self, message: ToWorker) -> Vec<FromWorker> {
        let mut out = Vec::new();
        match message {
            ToWorker::Start { .. } => out.push(FromWorker::Rejected {
                message: "this worker has already started".into(),
            }),
            ToWorker::SetLanguage { lang } => self.lang = lang,
            ToWorker::Train => {
                self.pending = Pending::None;
                self.set_running(true, &mut out);
            }
            ToWorker::Pause => {
                self.pending = Pending::None;
                self.set_running(false, &mut out);
            }
            ToWorker::Step => {
                self.set_running(false, &mut out);
                self.pending = Pending::Step;
            }
            ToWorker::PhaseStep => {
                self.set_running(false, &mut out);
                self.pending = Pending::Phase;
            }
            ToWorker::Reset => {
                self.trainer.reset();
                self.restart_data_and_grid();
                out.push(FromWorker::WasReset);
            }
            ToWorker::RestoreLastGood => {
                self.set_running(false, &mut out);
                self.pending = Pending::None;
                out.push(self.restore_last_good());
            }
            ToWorker::Configure(config) => out.push(self.configure(config)),
            ToWorker::DivergeAt { step } => self.diverge_at = Some(step),
            ToWorker::SaveCheckpoint => out.push(self.save_checkpoint()),
            ToWorker::LoadCheckpoint { bytes } => {
                self.set_running(false, &mut out);
                self.pending = Pending::None;
                out.push(self.load_checkpoint(&bytes));
            }
            ToWorker::SetSpeed { speed } => self.speed = speed.clamped(),
            ToWorker::SetPace { seconds } => self.phase_pause_ms = seconds.clamp(1, 10) * 1000,
            ToWorker::UsePictures { files } => out.extend(self.use_pictures(files)),
            ToWorker::Quiz => self.quiz_due = true,
            ToWorker::Ask { digit } => {
                if self.trainer.config().conditional && usize::from(digit) < gan_core::CLASSES {
                    self.ask_due = Some(digit);
                } else {
                    out.push(FromWorker::Rejected {
                        message: self.lang.texts().ask_needs_conditional.into(),
                    });
                }
            }
            ToWorker::Walk { ends } => {
                self.walk = ends;
                self.grid_due = true;
            }
            ToWorker::ShowVerdicts { on } => {
                self.show_verdicts = on;
                self.grid_due = true;
            }
            ToWorker::Benchmark { min_ms } => {
                self.set_running(false, &mut out);
                self.pending = Pending::Benchmark { min_ms };
            }
            // A worker checks its kernels instead of training (it answers before any Start);
            // a training session leaves its device to the training.
            ToWorker::CheckKernels => out.push(FromWorker::KernelsChecked {
                checks: Vec::new(),
                error: Some("a training worker does not check kernels: send CheckKernels to a fresh worker instead of Start".into()),
            }),
        }
        out
    }

    fn set_running(&mut self, running: bool, out: &mut Vec<FromWorker>) {
        if self.running != running {
            self.running = running;
            // Train in slow motion shows its first phase at once, the next ones at the pace.
            self.next_phase_at_ms = f64::NEG_INFINITY;
            self.rate.clear();
            out.push(FromWorker::Running { running });
        }
    }

    fn restart_data_and_grid(&mut self) {
        let config = self.trainer.config();
        // The batch size fits: it was checked when the config was accepted.
        if let Ok(batcher) = Batcher::for_set(&self.data, config.batch_size, config.seed) {
            self.batcher = batcher;
        }
        self.restart_grid_and_judge();
    }

    /// Starts over what follows the trainer's config besides the data: the grid's noise, the
    /// speed meter, the judge and the kept snapshot.
    fn restart_grid_and_judge(&mut self) {
        let config = self.trainer.config();
        self.grid_noise = grid_noise_for(config);
        self.grid_due = true;
        self.rate.clear();
        if let Some(judge) = &mut self.judge {
            judge.restart();
        }
        self.last_good = None;
    }

    fn judge_due(&self) -> bool {
        self.judge
            .as_ref()
            .is_some_and(|j| j.due(self.trainer.steps()))
    }

    fn configure(&mut self, config: GanConfig) -> FromWorker {
        // Check the data side first, so a refused config changes nothing.
        let batcher = match Batcher::for_set(&self.data, config.batch_size, config.seed) {
            Ok(batcher) => batcher,
            Err(e) => {
                return FromWorker::Rejected {
                    message: e.to_string(),
                };
            }
        };
        let batch_changed = config.batch_size != self.trainer.config().batch_size;
        match self.trainer.set_config(config) {
            Ok(reset) => {
                if reset {
                    self.restart_data_and_grid();
                } else if batch_changed {
                    self.batcher = batcher;
                }
                FromWorker::Configured {
                    config: self.trainer.config().clone(),
                    reset,
                }
            }
            Err(e) => FromWorker::Rejected {
                message: e.to_string(),
            },
        }
    }

    /// What the worker's loop should do next.
    pub fn next(&self) -> Next {
        if self.pending != Pending::None
            || self.in_flight.is_some() && !self.running
            || self.grid_due
            || self.ask_due.is_some()
            || self.quiz_due
            || self.judge_due()
        {
            Next::TickNow
        } else if self.running {
            match self.speed {
                Speed::SlowMotion => {
                    let wait = self.next_phase_at_ms - self.clock.now_ms();
                    if wait > 0.0 {
                        Next::TickAfterMs(wait.ceil() as u32)
                    } else {
                        Next::TickNow
                    }
                }
                Speed::Steps(_) => Next::TickNow,
            }
        } else {
            Next::WaitForMessage
        }
    }
}
