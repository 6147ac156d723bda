//! The page's state: everything the worker has told it, folded into one plain struct that the
//! Leptos views only read. Tested natively by feeding it messages.

use gan_core::{GanConfig, Phase, StepStats};

use crate::diversity::diversity_ratio;
use crate::history::History;
use crate::quality::{JudgeStatus, QualityTrack};
use crate::verdict::{Recent, Verdict, judge};
use gan_judge::DigitVerdict;
use gan_protocol::grid::GridShape;
use gan_protocol::lang::{Lang, fill};
use gan_protocol::protocol::ToWorker;
use gan_protocol::protocol::{BackendInfo, BackendKind, FromWorker, PhaseView};
use gan_protocol::text::for_people;
use gan_protocol::walk::{WalkEnds, WalkPicker};

/// Where loading the data set stands.
#[derive(Debug, Clone, PartialEq)]
pub enum Loading {
    /// Bytes arriving.
    InProgress {
        /// Bytes received.
        loaded: u64,
        /// Bytes expected (0 when the server did not say).
        total: u64,
        /// What is loading, in words.
        what: String,
    },
    /// Loading failed; the page offers a retry.
    Failed(String),
    /// The data is in the worker and training can start.
    Done,
}

impl Loading {
    /// The share loaded, 0 to 1, when the total is known.
    pub fn fraction(&self) -> Option<f64> {
        match self {
            Loading::InProgress { loaded, total, .. } if *total > 0 => {
                Some((*loaded as f64 / *total as f64).min(1.0))
            }
            Loading::Done => Some(1.0),
            _ => None,
        }
    }
}

/// How serious a notice is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    /// Something the teacher should know (a setting applied, a reset).
    Info,
    /// Something went wrong; nothing is lost.
    Error,
}

/// A one-line message under the controls.
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    /// How serious it is.
    pub severity: Severity,
    /// The message.
    pub text: String,
}

/// Training diverged: a loss became NaN or infinite.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Divergence {
    /// The step it happened at.
    pub step: u64,
    /// The last good networks the worker kept, if any.
    pub last_good_step: Option<u64>,
}

impl Divergence {
    /// What happened and what to do, in plain words, for the scoreboard.
    pub fn explanation(&self, lang: Lang) -> String {
        let t = lang.texts();
        let what = fill(t.divergence_what, &[("step", &self.step)]);
        let next = match self.last_good_step {
            Some(good) => fill(
                t.divergence_restore,
                &[
                    ("good", &good),
                    ("every", &gan_protocol::protocol::SNAPSHOT_EVERY_STEPS),
                ],
            ),
            None => t.divergence_nothing_kept.into(),
        };
        format!("{what} {next}")
    }
}

/// The state of one of the six phase boxes on the scoreboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PhaseBox {
    /// The phase.
    pub phase: Phase,
    /// The phase ran last (it is "running now" for the class).
    pub active: bool,
    /// The phase already ran in the current step.
    pub done: bool,
}

/// Everything the page shows.
#[derive(Debug, Clone, PartialEq)]
pub struct PageState {
    /// Data loading.
    pub loading: Loading,
    /// The backend, once the worker has one.
    pub backend: Option<BackendInfo>,
    /// The worker trains continuously.
    pub running: bool,
    /// Steps completed.
    pub step: u64,
    /// The phase that ran last, if any since the last reset.
    pub last_phase: Option<Phase>,
    /// The data of the newest phase that has some (phases 1, 2 and 5, when stepped or in slow
    /// motion).
    pub phase_view: Option<PhaseView>,
    /// The class's round of "You are the detective", if one is drawn.
    pub quiz: Option<crate::quiz::Quiz>,
    /// Loss and probability history.
    pub history: History,
    /// Smoothed numbers behind the verdict.
    pub recent: Recent,
    /// The newest step's statistics.
    pub latest: Option<StepStats>,
    /// Training speed while running.
    pub steps_per_second: f32,
    /// The newest grid of generated digits (64 × 784 grey bytes), and its step.
    pub grid: Option<(u64, Vec<u8>)>,
    /// Real digits for the comparison strip.
    pub real_digits: Vec<u8>,
    /// The hyperparameters in use.
    pub config: GanConfig,
    /// Variety of the grid relative to the real digits.
    pub diversity: Option<f64>,
    /// The latest notice.
    pub notice: Option<Notice>,
    /// The worker died and must be restarted.
    pub fatal: Option<String>,
    /// Whether the judge is loaded.
    pub judge: JudgeStatus,
    /// The judge's reports since the last reset.
    pub quality: QualityTrack,
    /// The judge's labels of the grid's digits (empty unless asked for).
    pub verdicts: Vec<DigitVerdict>,
    /// Training diverged and waits for Restore or Reset.
    pub divergence: Option<Divergence>,
    /// The language of the texts the state writes (notices, verdict, hints).
    pub lang: Lang,
    /// Picking the two ends of a latent walk on the grid.
    pub walk_picker: WalkPicker,
    /// The walk the page asked for, if any.
    pub walk_wanted: Option<WalkEnds>,
    /// The newest drawing of that walk: its step and [`gan_protocol::walk::WALK_FRAMES`] digits.
    pub walk: Option<(u64, Vec<u8>)>,
    /// A conditional G's newest answer to "draw a 7": its step, the digit and the drawings.
    pub answer: Option<(u64, u8, Vec<u8>)>,
    /// Pictures in the class's own training set, once one is in use.
    pub own_pictures: Option<u32>,
}

impl Default for PageState {
    fn default() -> Self {
        Self::new(Lang::default())
    }
}

impl PageState {
    /// The state before the trainer has said anything, writing its texts in `lang`.
    pub fn new(lang: Lang) -> Self {
        Self {
            loading: Loading::InProgress {
                loaded: 0,
                total: 0,
                what: lang.texts().starting_trainer.into(),
            },
            backend: None,
            running: false,
            step: 0,
            last_phase: None,
            phase_view: None,
            quiz: None,
            history: History::default(),
            recent: Recent::default(),
            latest: None,
            steps_per_second: 0.0,
            grid: None,
            real_digits: Vec::new(),
            config: GanConfig::default(),
            diversity: None,
            notice: None,
            fatal: None,
            judge: JudgeStatus::default(),
            quality: QualityTrack::default(),
            verdicts: Vec::new(),
            divergence: None,
            lang,
            walk_picker: WalkPicker::default(),
            walk_wanted: None,
            walk: None,
            answer: None,
            own_pictures: None,
        }
    }

    /// Whether the trainer is ready for the controls.
    pub fn ready(&self) -> bool {
        self.loading == Loading::Done && self.fatal.is_none()
    }

    /// A hint while WebGPU has not finished a step yet: the first one compiles the GPU
    /// kernels, which takes seconds (most of a minute on a software adapter), and a class
    /// should know the page is not stuck.
    pub fn kernel_warmup_hint(&self) -> Option<&'static str> {
        let t = self.lang.texts();
        let on_gpu = self
            .backend
            .as_ref()
            .is_some_and(|b| b.kind == BackendKind::WebGpu);
        (on_gpu && self.ready() && self.latest.is_none()).then_some(t.gpu_warmup)
    }

    /// Folds one message from the worker into the state.
    pub fn apply(&mut self, message: FromWorker) {
        let t = self.lang.texts();
        match message {
            FromWorker::Listening => {
                self.loading = Loading::InProgress {
                    loaded: 0,
                    total: 0,
                    what: t.loading_digits.into(),
                };
            }
            FromWorker::LoadProgress {
                loaded,
                total,
                what,
            } => {
                self.loading = Loading::InProgress {
                    loaded,
                    total,
                    what,
                };
            }
            FromWorker::LoadFailed { message } => self.loading = Loading::Failed(message),
            FromWorker::Backend(info) => self.backend = Some(info),
            FromWorker::Ready {
                real_digits,
                config,
                ..
            } => {
                self.real_digits = real_digits;
                self.config = config;
                self.loading = Loading::Done;
            }
            FromWorker::Running { running } => self.running = running,
            FromWorker::PhaseDone { phase, step } => {
                self.last_phase = Some(phase);
                self.step = step;
            }
            FromWorker::Phase(view) => self.phase_view = Some(view),
            FromWorker::Quiz { .. } => self.quiz = crate::quiz::Quiz::from_message(&message),
            FromWorker::Stats {
                stats,
                steps_per_second,
            } => {
                self.step = self.step.max(stats.step);
                self.history.push(&stats);
                self.recent.update(&stats);
                self.steps_per_second = steps_per_second;
                self.latest = Some(stats);
            }
            FromWorker::Grid {
                step,
                pixels,
                verdicts,
            } => {
                self.diversity = diversity_ratio(&pixels, &self.real_digits);
                self.grid = Some((step, pixels));
                self.verdicts = verdicts;
            }
            FromWorker::JudgeReady { test_accuracy } => {
                self.judge = JudgeStatus::Ready { test_accuracy };
            }
            FromWorker::JudgeUnavailable { message } => {
                self.judge = JudgeStatus::Unavailable(message);
                self.verdicts.clear();
            }
            FromWorker::Quality(report) => self.quality.push(report),
            FromWorker::PicturesInUse {
                pictures,
                real_digits,
                message,
            } => {
                self.start_over();
                self.running = false;
                self.real_digits = real_digits;
                self.own_pictures = Some(pictures);
                self.grid = None;
                self.notice = Some(Notice {
                    severity: Severity::Info,
                    text: message,
                });
            }
            FromWorker::Answer {
                step,
                digit,
                pixels,
            } => self.answer = Some((step, digit, pixels)),
            // A walk drawn before the page picked another one is stale.
            FromWorker::Walk { step, ends, pixels } => {
                if self.walk_wanted == Some(ends) {
                    self.walk = Some((step, pixels));
                }
            }
            FromWorker::Diverged {
                step,
                last_good_step,
            } => {
                self.running = false;
                let divergence = Divergence {
                    step,
                    last_good_step,
                };
                self.notice = Some(Notice {
                    severity: Severity::Error,
                    text: divergence.explanation(self.lang),
                });
                self.divergence = Some(divergence);
            }
            FromWorker::Restored { step } => {
                self.divergence = None;
                self.step = step;
                self.last_phase = None;
                self.history.rewind(step);
                self.quality.rewind(step);
                self.recent = Recent::default();
                self.latest = None;
                self.notice = Some(Notice {
                    severity: Severity::Info,
                    text: fill(t.restored, &[("step", &step)]),
                });
            }
            FromWorker::Configured { config, reset } => {
                self.config = config;
                if reset {
                    self.start_over();
                }
                self.notice = Some(Notice {
                    severity: Severity::Info,
                    text: if reset {
                        t.configured_reset
                    } else {
                        t.configured_live
                    }
                    .into(),
                });
            }
            FromWorker::WasReset => {
                self.start_over();
                self.notice = Some(Notice {
                    severity: Severity::Info,
                    text: t.reset_done.into(),
                });
            }
            FromWorker::CheckpointLoaded {
                step,
                config,
                with_optimizers,
            } => {
                self.start_over();
                self.step = step;
                self.config = config;
                self.notice = Some(Notice {
                    severity: Severity::Info,
                    text: fill(
                        if with_optimizers {
                            t.checkpoint_loaded_with_optimizers
                        } else {
                            t.checkpoint_loaded_fresh_optimizers
                        },
                        &[("step", &step)],
                    ),
                });
            }
            // The file goes to the user's downloads; the page's state does not change.
            FromWorker::Checkpoint { step, .. } => {
                self.notice = Some(Notice {
                    severity: Severity::Info,
                    text: fill(t.saved, &[("step", &step)]),
                });
            }
            // The worker's words may quote the browser: only its sentence reaches the page.
            FromWorker::Rejected { message } | FromWorker::Stopped { message } => {
                self.notice = Some(Notice {
                    severity: Severity::Error,
                    text: for_people(&message),
                });
            }
            FromWorker::Fatal { message } => {
                self.running = false;
                self.fatal = Some(for_people(&message));
            }
            // The page restarts the single-threaded trainer; this says why it is slower.
            FromWorker::ThreadsRefused { threads } => {
                self.notice = Some(Notice {
                    severity: Severity::Info,
                    text: fill(t.threads_refused, &[("threads", &threads)]),
                });
            }
            // The benchmark's figures belong to the page's `BenchRun`; the page never asks
            // for kernel checks (the end-to-end test asks a worker of its own).
            FromWorker::Benchmarked(_) | FromWorker::KernelsChecked { .. } => {}
        }
    }

    fn start_over(&mut self) {
        self.step = 0;
        self.last_phase = None;
        self.phase_view = None;
        self.history.clear();
        self.recent = Recent::default();
        self.latest = None;
        self.steps_per_second = 0.0;
        self.diversity = None;
        self.quality.clear();
        self.divergence = None;
        self.answer = None;
    }

    /// A click on grid digit `index`: marks the first end of a walk, or picks the second and
    /// returns the message that asks the worker to draw the walk.
    pub fn pick_walk_end(&mut self, index: usize) -> Option<ToWorker> {
        let ends = self.walk_picker.click(index)?;
        self.walk_wanted = Some(ends);
        self.walk = None;
        Some(ToWorker::Walk { ends: Some(ends) })
    }

    /// Closes the walk; returns the message that stops the worker drawing it.
    pub fn close_walk(&mut self) -> ToWorker {
        self.walk_picker = WalkPicker::default();
        self.walk_wanted = None;
        self.walk = None;
        ToWorker::Walk { ends: None }
    }

    /// How the grid is laid out for the model in use.
    pub fn grid_shape(&self) -> GridShape {
        GridShape::of(&self.config)
    }

    /// The scoreboard's verdict now.
    pub fn verdict(&self) -> Verdict {
        judge(&self.recent, self.diversity, self.lang)
    }

    /// What the scoreboard's figures mean, for the settings in use.
    pub fn duel_note(&self) -> String {
        crate::verdict::duel_note(self.config.label_smoothing, self.lang)
    }

    /// The six boxes of the scoreboard.
    pub fn phase_boxes(&self) -> [PhaseBox; 6] {
        Phase::ALL.map(|phase| PhaseBox {
            phase,
            active: self.last_phase == Some(phase),
            // After phase 6 the step is complete: every box is done.
            done: self
                .last_phase
                .is_some_and(|last| phase.index() <= last.index()),
        })
    }

    /// The data to show under the scoreboard now: the view of the phase that ran last, while
    /// the class looks at that phase (not once continuous training races past it).
    pub fn phase_view_now(&self) -> Option<&PhaseView> {
        let view = self.phase_view.as_ref()?;
        (self.last_phase == Some(view.phase()) && view.step() == self.step + 1).then_some(view)
    }

    /// Whether D is frozen now: after phase 4 ran and until phase 6 unfreezes it.
    pub fn discriminator_frozen(&self) -> bool {
        matches!(
            self.last_phase,
            Some(Phase::FreezeDiscriminator | Phase::TrainGenerator)
        )
    }
}

#[cfg(test)]
mod tests;
