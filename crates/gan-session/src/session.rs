//! The trainer worker's state: it answers the page's messages and runs the training ticks.
//! Backend-agnostic and free of web APIs, so the tests drive it natively exactly as the
//! worker does in the browser.

use std::collections::VecDeque;

use burn::module::Module;
use burn::prelude::Device;
use gan_core::speed::{self, GemmBench, GemmCeiling};
use gan_core::{
    Checkpoint, Clock, GanConfig, GanTrainer, Phase, StartedRead, StepReadout, StepStats,
    TrainError,
};
use gan_data::{Batcher, MnistSet};
use gan_judge::{DigitVerdict, JudgeFile};

use crate::grid::GridShape;
use crate::grid::{DIGIT_PIXELS, STRIP_DIGITS, grid_noise_for, to_grey};
use crate::judging::JudgeRunner;
use crate::lang::{Lang, fill};
use crate::pictures;
use crate::protocol::{BenchFigures, FromWorker, PictureFile, Speed, ToWorker};
use crate::walk::{WalkEnds, walk_classes, walk_noise};
use gan_core::Real;
use gan_images::{Limits, Upload, read_upload};

/// Drawings in an answer to "draw a 7".
pub const ASKED_DRAWINGS: usize = 8;
/// Keeps the answers' noise apart from the grid's and the trainer's ("ask" in ASCII).
const ASK_STREAM: u64 = 0x61_736b;

/// How often the grid is redrawn while training continuously, in milliseconds.
pub const GRID_INTERVAL_MS: f64 = 400.0;
/// A tick of continuous training stops starting new steps after this many milliseconds, so
/// the page hears from the worker several times a second whatever the speed setting.
pub const TICK_BUDGET_MS: f64 = 250.0;
/// The networks are kept as "last good" every this many steps, once their losses and weights
/// are checked to be finite numbers.
pub const SNAPSHOT_EVERY_STEPS: u64 = 100;

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

/// The bare training loop reads statistics this often, as the CLI's benchmark does.
const BARE_READ_EVERY: u64 = 10;
/// Steps the bare loop runs before it starts timing.
const BARE_WARMUP_STEPS: u64 = 3;

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
    grid_noise: Vec<f32>, // [64 × latent]
    clock: Box<dyn Clock>,
    running: bool,
    pending: Pending,
    speed: Speed,
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
            grid_noise,
            clock: Box::new(clock),
            running: false,
            pending: Pending::None,
            speed: speed.clamped(),
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
            ToWorker::UsePictures { files } => out.extend(self.use_pictures(files)),
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

    /// Goes back to the last good networks (the optimizers start fresh), or says why not.
    fn restore_last_good(&mut self) -> FromWorker {
        match &self.last_good {
            Some(good) => {
                self.trainer.load(good.gan.clone(), good.step);
                self.grid_due = true;
                self.rate.clear();
                FromWorker::Restored { step: good.step }
            }
            None => FromWorker::Rejected {
                message: "No good state is kept yet (the first is kept at step 100): press \
                          Reset to start over."
                    .into(),
            },
        }
    }

    /// The networks, the optimizers and the config as a checkpoint file.
    fn save_checkpoint(&self) -> FromWorker {
        if !self.blocking_reads {
            return FromWorker::Rejected {
                message: self.lang.texts().save_needs_cpu.into(),
            };
        }
        let checkpoint = self.trainer.optimizer_state().and_then(|optimizers| {
            Checkpoint {
                config: self.trainer.config().clone(),
                steps: self.trainer.steps(),
                gan: self.trainer.gan().clone(),
                optimizers: Some(optimizers),
            }
            .to_bytes()
        });
        match checkpoint {
            Ok(bytes) => FromWorker::Checkpoint {
                step: self.trainer.steps(),
                bytes,
            },
            Err(e) => FromWorker::Rejected {
                message: fill(self.lang.texts().save_failed, &[("why", &e)]),
            },
        }
    }

    /// Replaces the networks with a checkpoint's. Everything is checked before anything
    /// changes, so a refused file leaves the model as it was.
    fn load_checkpoint(&mut self, bytes: &[u8]) -> FromWorker {
        let refuse = |why: String| FromWorker::Rejected {
            message: fill(self.lang.texts().file_not_loaded, &[("why", &why)]),
        };
        let checkpoint = match Checkpoint::from_bytes(bytes, self.trainer.device()) {
            Ok(checkpoint) => checkpoint,
            Err(e) => return refuse(e.to_string()),
        };
        let config = checkpoint.config.clone();
        let batcher = match Batcher::for_set(&self.data, config.batch_size, config.seed) {
            Ok(batcher) => batcher,
            Err(e) => return refuse(e.to_string()),
        };
        // A trainer for the checkpoint's config takes its networks and optimizers first; only
        // when all of it fits does it replace the running one.
        let mut trainer = match GanTrainer::new(config.clone(), self.trainer.device()) {
            Ok(trainer) => trainer,
            Err(e) => return refuse(e.to_string()),
        };
        trainer.load(checkpoint.gan, checkpoint.steps);
        if let Some(state) = &checkpoint.optimizers
            && let Err(e) = trainer.load_optimizers(state)
        {
            return refuse(e.to_string());
        }
        trainer.set_probe_after_update(false);
        self.trainer.take_over(trainer);
        self.batcher = batcher;
        // Snapshots of the run before belong to other networks: the restart drops them.
        self.restart_grid_and_judge();
        FromWorker::CheckpointLoaded {
            step: checkpoint.steps,
            config,
            with_optimizers: checkpoint.optimizers.is_some(),
        }
    }

    /// Keeps the networks as "last good" when a snapshot is due and their weights are finite.
    async fn maybe_snapshot(&mut self) -> Result<(), TrainError> {
        let step = self.trainer.steps();
        let due = step > 0
            && step.is_multiple_of(SNAPSHOT_EVERY_STEPS)
            && self.last_good.as_ref().is_none_or(|g| g.step != step);
        if due && self.trainer.gan().weights_finite_async().await? {
            self.last_good = Some(LastGood {
                step,
                gan: self.trainer.gan().clone(),
            });
        }
        Ok(())
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
            || self.judge_due()
        {
            Next::TickNow
        } else if self.running {
            match self.speed {
                Speed::SlowMotion => Next::TickAfterMs(Speed::SLOW_MOTION_PAUSE_MS),
                Speed::Steps(_) => Next::TickNow,
            }
        } else {
            Next::WaitForMessage
        }
    }

    /// Runs the work that is due (a phase, a step, or a tick of continuous training) and
    /// returns the messages for the page. Errors stop training with a message; they never
    /// leave the session unusable.
    pub async fn tick(&mut self) -> Vec<FromWorker> {
        let mut out = Vec::new();
        if let Err(e) = self.run_due_work(&mut out).await {
            self.stop_on(&e, &mut out);
        }
        let now = self.clock.now_ms();
        let steps_since_grid = self.trainer.steps().abs_diff(self.last_grid_step);
        if self.grid_due
            || (self.running
                && now - self.last_grid_ms >= GRID_INTERVAL_MS
                && steps_since_grid >= self.grid_min_steps)
        {
            match self.draw_grid().await {
                Ok(grid) => out.push(grid),
                Err(e) => out.push(FromWorker::Stopped {
                    message: fill(self.lang.texts().grid_failed, &[("why", &e)]),
                }),
            }
            if let Some(ends) = self.walk
                && usize::from(ends.from.max(ends.to))
                    >= GridShape::of(self.trainer.config()).digits()
            {
                // A walk picked on a larger grid (before the model changed) ends here.
                self.walk = None;
            }
            if let Some(ends) = self.walk {
                match self.draw_walk(ends).await {
                    Ok(walk) => out.push(walk),
                    Err(e) => out.push(FromWorker::Stopped {
                        message: fill(self.lang.texts().grid_failed, &[("why", &e)]),
                    }),
                }
            }
            self.grid_due = false;
            self.last_grid_ms = now;
            self.last_grid_step = self.trainer.steps();
        }
        if let Some(digit) = self.ask_due.take() {
            match self.answer(digit).await {
                Ok(answer) => out.push(answer),
                Err(e) => out.push(FromWorker::Stopped {
                    message: fill(self.lang.texts().grid_failed, &[("why", &e)]),
                }),
            }
        }
        // One chunk of the judge's digits per tick, so a report never holds training up long.
        if self.judge_due()
            && let Some(judge) = &mut self.judge
        {
            match judge.advance(&self.trainer, self.clock.as_ref()).await {
                Ok(Some(report)) => out.push(FromWorker::Quality(report)),
                Ok(None) => {}
                Err(message) => {
                    self.judge = None;
                    out.push(FromWorker::JudgeUnavailable {
                        message: fill(self.lang.texts().judge_failed, &[("why", &message)]),
                    });
                }
            }
        }
        out
    }

    /// Stops training after an error, with a message that says why.
    fn stop_on(&mut self, e: &TrainError, out: &mut Vec<FromWorker>) {
        self.pending = Pending::None;
        self.in_flight = None;
        self.set_running(false, out);
        out.push(FromWorker::Stopped {
            message: fill(self.lang.texts().training_failed, &[("why", e)]),
        });
    }

    /// Reads and reports the step still in flight, if there is one.
    async fn settle(&mut self, out: &mut Vec<FromWorker>) -> Result<(), TrainError> {
        if let Some(read) = self.in_flight.take() {
            let stats = self.finish_checked(read).await?;
            self.report_step(stats, false, out);
        }
        Ok(())
    }

    /// The fixed-noise grid, labelled by the judge when the page asks for it.
    async fn draw_grid(&self) -> Result<FromWorker, TrainError> {
        let images = self.trainer.generate(&self.grid_noise)?; // [64, 784]
        let verdicts: Vec<DigitVerdict> = match (&self.judge, self.show_verdicts) {
            (Some(judge), true) => judge
                .verdicts(images.clone())
                .await
                .map_err(TrainError::Read)?,
            _ => Vec::new(),
        };
        let values = gan_core::trainer::read_pixels_async(images).await?;
        Ok(FromWorker::Grid {
            step: self.trainer.steps(),
            pixels: to_grey(&values),
            verdicts,
        })
    }

    /// The walk between two grid digits, drawn by the generator as it is now.
    async fn draw_walk(&self, ends: WalkEnds) -> Result<FromWorker, TrainError> {
        let latent = self.trainer.config().latent_dim;
        let noise = walk_noise(&self.grid_noise, latent, ends); // [32 × latent]
        // A conditional walk also blends the two digits' classes, frame by frame.
        let classes = walk_classes(ends, GridShape::of(self.trainer.config()).columns); // [32 × 10]
        let images = self.trainer.generate_soft(&noise, &classes)?; // [32, 784]
        let values = gan_core::trainer::read_pixels_async(images).await?; // [32 × 784]
        Ok(FromWorker::Walk {
            step: self.trainer.steps(),
            ends,
            pixels: to_grey(&values),
        })
    }

    /// Makes a class's own pictures the training set, with fresh networks; or refuses, and
    /// nothing changes.
    fn use_pictures(&mut self, files: Vec<PictureFile>) -> Vec<FromWorker> {
        let lang = self.lang;
        let t = lang.texts();
        let refuse = |message: String| vec![FromWorker::Rejected { message }];
        let uploads = files
            .into_iter()
            .map(|f| Upload {
                name: f.name,
                bytes: f.bytes,
            })
            .collect();
        let set = match read_upload(uploads, Limits::default()) {
            Ok(set) => set,
            Err(e) => return refuse(pictures::upload_error_text(&e, lang)),
        };
        let config = self.trainer.config().clone();
        let count = set.len();
        if count < config.batch_size {
            return refuse(fill(
                t.own_too_few,
                &[("count", &count), ("batch", &config.batch_size)],
            ));
        }
        // Own pictures have no classes: each counts as class 0.
        let data = match MnistSet::new(set.digits, vec![0; count]) {
            Ok(data) => data,
            Err(e) => return refuse(fill(t.training_failed, &[("why", &e)])),
        };
        let batcher = match Batcher::for_set(&data, config.batch_size, config.seed) {
            Ok(batcher) => batcher,
            Err(e) => return refuse(fill(t.training_failed, &[("why", &e)])),
        };
        let mut out = Vec::new();
        self.set_running(false, &mut out);
        self.pending = Pending::None;
        self.data = data;
        self.batcher = batcher;
        self.trainer.reset();
        self.last_good = None;
        self.restart_grid_and_judge();
        // The judge reads digits: on a class's own pictures its figures would mean nothing.
        self.judge = None;
        let shown = count.min(STRIP_DIGITS);
        let mut message = fill(t.own_in_use, &[("count", &count)]);
        if !set.skipped.is_empty() {
            message.push_str(&fill(
                t.own_skipped,
                &[
                    ("count", &set.skipped.len()),
                    ("first", &pictures::first_skipped(&set.skipped, lang)),
                ],
            ));
        }
        out.push(FromWorker::PicturesInUse {
            pictures: count as u32,
            real_digits: self.data.images()[..shown * DIGIT_PIXELS].to_vec(),
            message,
        });
        out.push(FromWorker::JudgeUnavailable {
            message: t.judge_own_pictures.into(),
        });
        out
    }

    /// Eight fresh drawings of `digit` by a conditional G (what "draw a 7" shows).
    async fn answer(&mut self, digit: u8) -> Result<FromWorker, TrainError> {
        self.asked += 1;
        let latent = self.trainer.config().latent_dim;
        let noise = gan_data::Rng::new(self.trainer.config().seed ^ ASK_STREAM ^ self.asked)
            .normal_vec(ASKED_DRAWINGS * latent); // [8 × latent]
        let images = self
            .trainer
            .generate_classes(&noise, &[digit; ASKED_DRAWINGS])?; // [8, 784]
        let values = gan_core::trainer::read_pixels_async(images).await?; // [8 × 784]
        Ok(FromWorker::Answer {
            step: self.trainer.steps(),
            digit,
            pixels: to_grey(&values),
        })
    }

    async fn run_due_work(&mut self, out: &mut Vec<FromWorker>) -> Result<(), TrainError> {
        let pending = std::mem::replace(&mut self.pending, Pending::None);
        let continuous =
            pending == Pending::None && self.running && matches!(self.speed, Speed::Steps(_));
        if !continuous {
            self.settle(out).await?;
        }
        if let Pending::Benchmark { min_ms } = pending {
            let figures = self.benchmark(f64::from(min_ms)).await?;
            out.push(FromWorker::Benchmarked(figures));
            self.trainer.reset();
            self.restart_data_and_grid();
            out.push(FromWorker::WasReset);
            return Ok(());
        }
        let stats = match (pending, self.running, self.speed) {
            (Pending::Phase, _, _) | (Pending::None, true, Speed::SlowMotion) => {
                let phase = self.trainer.next_phase();
                let readout = self.run_phase()?;
                out.push(FromWorker::PhaseDone {
                    phase,
                    step: self.trainer.steps(),
                });
                match readout {
                    Some(readout) => Some(self.read_checked(readout).await?),
                    None => None,
                }
            }
            (Pending::Step, _, _) => {
                let stats = self.checked_step().await?;
                out.push(FromWorker::PhaseDone {
                    phase: Phase::UnfreezeDiscriminator,
                    step: self.trainer.steps(),
                });
                Some(stats)
            }
            (Pending::None, true, Speed::Steps(n)) => {
                let start = self.clock.now_ms();
                let mut last = None;
                for _ in 0..n.min(self.max_steps_per_tick) {
                    // Every step's losses are read (a few numbers), so a NaN stops training
                    // within the step it appears in (or the next, reading behind), before it
                    // spreads further.
                    if let Some(stats) = self.advance().await? {
                        let finite = stats.is_finite();
                        last = Some(stats);
                        if !finite {
                            break;
                        }
                    }
                    if self.clock.now_ms() - start >= TICK_BUDGET_MS {
                        break;
                    }
                }
                out.push(FromWorker::PhaseDone {
                    phase: Phase::UnfreezeDiscriminator,
                    step: self.trainer.steps(),
                });
                last
            }
            (Pending::None, false, _) | (Pending::Benchmark { .. }, _, _) => None,
        };
        if let Some(stats) = stats {
            self.report_step(stats, pending != Pending::None, out);
        }
        Ok(())
    }

    /// Runs one more step of continuous training and returns the statistics that are ready:
    /// this step's, or reading behind, the previous step's (none on a run's first step).
    async fn advance(&mut self) -> Result<Option<StepStats>, TrainError> {
        let readout = self.finish_step()?;
        if !self.read_behind {
            return self.read_checked(readout).await.map(Some);
        }
        // Start this step's read before awaiting the last one, so that its copy is queued
        // right behind this step (and not behind the next).
        match self.in_flight.replace(readout.start_read()) {
            Some(previous) => self.finish_checked(previous).await.map(Some),
            None => Ok(None),
        }
    }

    /// Runs the rest of a step and reads its statistics.
    async fn checked_step(&mut self) -> Result<StepStats, TrainError> {
        let readout = self.finish_step()?;
        self.read_checked(readout).await
    }

    /// Reads a finished step's statistics and, when they are finite, keeps a snapshot if one
    /// is due.
    async fn read_checked(&mut self, readout: StepReadout) -> Result<StepStats, TrainError> {
        self.finish_checked(readout.start_read()).await
    }

    /// Waits for a started read of a step's statistics and, when they are finite, keeps a
    /// snapshot if one is due.
    async fn finish_checked(&mut self, read: StartedRead) -> Result<StepStats, TrainError> {
        let stats = read.finish().await.map_err(|e| TrainError::Read(e.0))?;
        if stats.is_finite() {
            self.maybe_snapshot().await?;
        }
        Ok(stats)
    }

    /// Measures the backend: the matrix products of one step alone, then the training loop
    /// alone (no messages, no grid), each for at least `min_ms`.
    async fn benchmark(&mut self, min_ms: f64) -> Result<BenchFigures, TrainError> {
        let config = self.trainer.config().clone();
        let gemm = match speed::step_gemms(&config) {
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
    async fn gemm_ceiling(
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

    /// Runs the next phase, drawing a fresh real batch when a step begins.
    fn run_phase(&mut self) -> Result<Option<StepReadout>, TrainError> {
        if self.trainer.next_phase() == Phase::GenerateFakes {
            let batch = self.batcher.next_batch(&self.data);
            self.real = batch.pixels;
            self.real_labels = batch.labels;
            // The demonstration's broken batch: D learns NaN weights in phase 2 of this step.
            if self.diverge_at == Some(self.trainer.steps() + 1) {
                self.real.fill(f32::NAN);
                self.diverge_at = None;
            }
        }
        self.trainer
            .run_next_phase(Some(Real::labelled(&self.real, &self.real_labels)))
    }

    /// Runs the phases left in the current step (all six when none has run).
    fn finish_step(&mut self) -> Result<StepReadout, TrainError> {
        loop {
            if let Some(readout) = self.run_phase()? {
                return Ok(readout);
            }
        }
    }

    fn report_step(&mut self, stats: StepStats, redraw_grid: bool, out: &mut Vec<FromWorker>) {
        self.rate.record(self.clock.now_ms(), stats.step);
        let finite = stats.is_finite();
        let step = stats.step;
        out.push(FromWorker::Stats {
            steps_per_second: if self.running {
                self.rate.per_second()
            } else {
                0.0
            },
            stats,
        });
        // Slow motion and single steps show every finished step's grid.
        self.grid_due |= redraw_grid || self.speed == Speed::SlowMotion;
        if !finite {
            // Reading behind, the step after the diverged one ran on its NaNs: drop it.
            self.in_flight = None;
            self.pending = Pending::None;
            self.set_running(false, out);
            out.push(FromWorker::Diverged {
                step,
                last_good_step: self.last_good.as_ref().map(|g| g.step),
            });
        }
    }
}

/// Reads a step's statistics.
async fn read_stats(readout: StepReadout) -> Result<StepStats, TrainError> {
    readout
        .read_async()
        .await
        .map_err(|e| TrainError::Read(e.0))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grid::grid_noise;
    use gan_core::clock::NoClock;

    fn block_on<F: Future>(future: F) -> F::Output {
        let mut future = std::pin::pin!(future);
        let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
        loop {
            if let std::task::Poll::Ready(out) = future.as_mut().poll(&mut cx) {
                return out;
            }
        }
    }

    fn tiny_session() -> TrainingSession {
        let images = (0..64 * DIGIT_PIXELS).map(|i| (i % 251) as u8).collect();
        let labels = (0..64).map(|i| (i % 10) as u8).collect();
        let data = MnistSet::new(images, labels).unwrap();
        let config = GanConfig {
            batch_size: 4,
            latent_dim: 4,
            ..GanConfig::default()
        };
        TrainingSession::new(config, &Device::flex(), data, Speed::Steps(50), NoClock).unwrap()
    }

    /// Poisons the current step's real batch: D learns NaN weights in phase 2, and every loss
    /// after it is NaN.
    fn poison_next_step(session: &mut TrainingSession) {
        session.handle(ToWorker::PhaseStep);
        block_on(session.tick());
        session.real.fill(f32::NAN);
    }

    fn diverged(out: &[FromWorker]) -> Option<(u64, Option<u64>)> {
        out.iter().find_map(|m| match m {
            FromWorker::Diverged {
                step,
                last_good_step,
            } => Some((*step, *last_good_step)),
            _ => None,
        })
    }

    #[test]
    fn a_nan_loss_pauses_training_within_its_step() {
        let mut session = tiny_session();
        poison_next_step(&mut session);
        session.handle(ToWorker::Train);
        let out = block_on(session.tick());
        // Caught in the step it appeared in, although a tick may run 50 steps.
        assert_eq!(diverged(&out), Some((1, None)));
        assert_eq!(session.steps(), 1);
        assert!(out.contains(&FromWorker::Running { running: false }));
        assert!(!session.is_running());
        assert_eq!(session.next(), Next::WaitForMessage);
        // Nothing good was kept yet: restoring is refused, and Reset trains on.
        let refused = session.handle(ToWorker::RestoreLastGood);
        assert!(
            matches!(&refused[..], [FromWorker::Rejected { message }] if message.contains("Reset"))
        );
        session.handle(ToWorker::Reset);
        session.handle(ToWorker::Step);
        let out = block_on(session.tick());
        assert!(
            out.iter()
                .any(|m| matches!(m, FromWorker::Stats { stats, .. } if stats.is_finite()))
        );
    }

    #[test]
    fn restore_brings_back_the_last_good_networks() {
        let mut session = tiny_session();
        session.handle(ToWorker::Train);
        while session.steps() < 120 {
            block_on(session.tick());
        }
        session.handle(ToWorker::Pause);
        let kept = session.last_good.clone().expect("a snapshot at step 100");
        assert_eq!(kept.step, 100);

        poison_next_step(&mut session);
        session.handle(ToWorker::Step);
        let out = block_on(session.tick());
        let (step, last_good) = diverged(&out).expect("the poisoned step diverges");
        assert_eq!(last_good, Some(100));
        assert!(step > 100);
        // The broken networks are not kept as good.
        assert_eq!(session.last_good.as_ref().map(|g| g.step), Some(100));

        let out = session.handle(ToWorker::RestoreLastGood);
        assert!(out.contains(&FromWorker::Restored { step: 100 }), "{out:?}");
        assert_eq!(session.steps(), 100);
        let noise = grid_noise(1, 4);
        let now = session.trainer.sample(&noise).unwrap();
        let then = {
            let mut t = GanTrainer::new(session.config().clone(), &Device::flex()).unwrap();
            t.load(kept.gan.clone(), kept.step);
            t.sample(&noise).unwrap()
        };
        assert_eq!(
            now, then,
            "the restored generator draws as it did at step 100"
        );
        assert!(now.iter().all(|v| v.is_finite()));
        session.handle(ToWorker::Step);
        let out = block_on(session.tick());
        assert!(
            out.iter()
                .any(|m| matches!(m, FromWorker::Stats { stats, .. } if stats.is_finite() && stats.step == 101))
        );
    }

    #[test]
    fn a_demonstration_breaks_its_step_once_and_restore_trains_past_it() {
        let mut session = tiny_session();
        session.handle(ToWorker::DivergeAt { step: 103 });
        session.handle(ToWorker::Train);
        let mut seen = None;
        for _ in 0..20 {
            let out = block_on(session.tick());
            if let Some(d) = diverged(&out) {
                seen = Some(d);
                break;
            }
        }
        // Steps 1 to 102 train finite, step 103 diverges, and step 100 was kept.
        assert_eq!(seen, Some((103, Some(100))));
        assert!(!session.is_running());
        let out = session.handle(ToWorker::RestoreLastGood);
        assert!(out.contains(&FromWorker::Restored { step: 100 }), "{out:?}");
        // The demonstration is spent: the same steps now train finite.
        session.handle(ToWorker::Train);
        while session.steps() < 110 {
            let out = block_on(session.tick());
            assert_eq!(diverged(&out), None, "at step {}", session.steps());
        }
    }

    /// The statistics a batch of messages reports.
    fn stats_in(out: &[FromWorker]) -> Vec<StepStats> {
        out.iter()
            .filter_map(|m| match m {
                FromWorker::Stats { stats, .. } => Some(stats.clone()),
                _ => None,
            })
            .collect()
    }

    /// A session that trains one step per tick, as on WebGPU, reading one step behind or not.
    fn one_step_per_tick(behind: bool) -> TrainingSession {
        let mut session = tiny_session();
        session.set_max_steps_per_tick(1);
        session.set_read_behind(behind);
        session
    }

    #[test]
    fn reading_behind_a_nan_stops_training_and_the_step_after_it_is_never_reported() {
        let mut session = one_step_per_tick(true);
        block_on(session.receive(ToWorker::DivergeAt { step: 3 }));
        block_on(session.receive(ToWorker::Train));
        let mut reported = Vec::new();
        let mut seen = None;
        for _ in 0..10 {
            let out = block_on(session.tick());
            reported.extend(stats_in(&out).iter().map(|s| s.step));
            if let Some(d) = diverged(&out) {
                seen = Some(d);
                break;
            }
        }
        assert_eq!(seen, Some((3, None)));
        assert_eq!(reported, [1, 2, 3]);
        // Step 4 ran on the NaNs before step 3 was read; it is dropped, not reported.
        assert_eq!(session.steps(), 4);
        assert!(!session.has_step_in_flight() && !session.is_running());
        assert_eq!(session.next(), Next::WaitForMessage);
        let out = block_on(session.receive(ToWorker::Reset));
        assert!(stats_in(&out).is_empty());
        assert_eq!(session.steps(), 0);
    }

    #[test]
    fn a_single_step_while_reading_behind_reports_the_late_step_first() {
        let mut session = one_step_per_tick(true);
        block_on(session.receive(ToWorker::Train));
        block_on(session.tick());
        block_on(session.tick()); // step 2 queued, step 1 reported
        let out = block_on(session.receive(ToWorker::Step));
        assert_eq!(
            stats_in(&out).iter().map(|s| s.step).collect::<Vec<_>>(),
            [2]
        );
        // The single step is read at once: it is not continuous training.
        let out = block_on(session.tick());
        assert_eq!(
            stats_in(&out).iter().map(|s| s.step).collect::<Vec<_>>(),
            [3]
        );
        assert!(!session.has_step_in_flight());
    }

    fn checkpoint_of(out: &[FromWorker]) -> Option<(u64, Vec<u8>)> {
        out.iter().find_map(|m| match m {
            FromWorker::Checkpoint { step, bytes } => Some((*step, bytes.clone())),
            _ => None,
        })
    }

    fn run_steps(session: &mut TrainingSession, n: u64) {
        for _ in 0..n {
            session.handle(ToWorker::Step);
            block_on(session.tick());
        }
    }

    #[test]
    fn a_saved_checkpoint_loads_back_and_training_goes_on_from_it() {
        let mut session = tiny_session();
        run_steps(&mut session, 5);
        let (step, bytes) = checkpoint_of(&session.handle(ToWorker::SaveCheckpoint))
            .expect("the CPU backend saves");
        assert_eq!(step, 5);
        run_steps(&mut session, 3);
        assert_eq!(session.steps(), 8);

        let out = session.handle(ToWorker::LoadCheckpoint { bytes });
        assert!(
            out.iter().any(|m| matches!(
                m,
                FromWorker::CheckpointLoaded {
                    step: 5,
                    with_optimizers: true,
                    ..
                }
            )),
            "{out:?}"
        );
        assert_eq!(session.steps(), 5);
        session.handle(ToWorker::Step);
        let out = block_on(session.tick());
        assert!(
            out.iter()
                .any(|m| matches!(m, FromWorker::Stats { stats, .. } if stats.step == 6 && stats.is_finite())),
            "{out:?}"
        );
    }

    #[test]
    fn a_bad_checkpoint_is_refused_and_changes_nothing() {
        let mut session = tiny_session();
        run_steps(&mut session, 2);
        let (_, good) = checkpoint_of(&session.handle(ToWorker::SaveCheckpoint)).unwrap();
        run_steps(&mut session, 1);
        let before = parameter_bits(&session.trainer.gan().generator);
        let cases: [(&[u8], &str); 4] = [
            (b"", "not a GAN Werkstatt checkpoint"),
            (b"PK\x03\x04 a zip", "not a GAN Werkstatt checkpoint"),
            (&good[..good.len() / 2], "truncated"),
            (&good[..good.len() - 1], "truncated"),
        ];
        for (bytes, reason) in cases {
            let out = session.handle(ToWorker::LoadCheckpoint {
                bytes: bytes.to_vec(),
            });
            let message = out
                .iter()
                .find_map(|m| match m {
                    FromWorker::Rejected { message } => Some(message.clone()),
                    _ => None,
                })
                .unwrap_or_else(|| panic!("not refused: {out:?}"));
            assert!(message.contains(reason), "{message}");
            assert!(message.contains("unchanged"), "{message}");
            assert_eq!(session.steps(), 3);
            assert_eq!(parameter_bits(&session.trainer.gan().generator), before);
        }
    }

    #[test]
    fn saving_on_webgpu_is_refused_with_a_reason() {
        let mut session = tiny_session();
        session.set_blocking_reads(false);
        let out = session.handle(ToWorker::SaveCheckpoint);
        assert!(
            matches!(&out[..], [FromWorker::Rejected { message }] if message.contains("CPU backend")),
            "{out:?}"
        );
    }

    /// Every weight of a module as bits, to compare networks exactly.
    fn parameter_bits(module: &impl Module) -> Vec<u32> {
        struct Bits(Vec<u32>);
        impl burn::module::ModuleVisitor for Bits {
            fn visit_float<const D: usize>(
                &mut self,
                param: &burn::module::Param<burn::tensor::Tensor<D>>,
            ) {
                let values = param
                    .val()
                    .into_data()
                    .try_to_vec::<f32>()
                    .expect("f32 weights");
                self.0.extend(values.into_iter().map(f32::to_bits));
            }
        }
        let mut bits = Bits(Vec::new());
        module.visit(&mut bits);
        bits.0
    }
}
