//! The state every component shares, and the commands that reach the worker.

use gan_page::PageState;
use gan_page::bench::{BenchPlan, BenchRun};
use gan_page::launch::LaunchOptions;
use gan_page::lesson::{Lesson, Panel, Panels};
use gan_page::page::{Notice, Severity};
use gan_protocol::protocol::PictureFile;
use gan_protocol::{
    BackendChoice, BackendKind, Breakdown, FromWorker, Lang, Speed, Texts, ToWorker, fill,
};
use leptos::prelude::*;

use super::bridge::{Trainer, WorkerHandle};
use super::{address, files};
use crate::probe;
use gan_core::GanConfig;
use gan_core::checkpoint::MAX_BYTES as MAX_CHECKPOINT_BYTES;
use gan_data::Collection;
use gan_export::Timelapse;
use gan_page::threads;
use gan_protocol::text::for_people;

/// Where the site keeps its trained model, relative to the page.
const PRETRAINED_URL: &str = "./data/pretrained/mlp.gan";

/// Shared by all components through Leptos' context; cheap to copy.
#[derive(Clone, Copy)]
pub struct AppContext {
    /// Everything the worker reported, folded into one plain struct.
    pub state: RwSignal<PageState>,
    /// The backend the user asked for.
    pub backend_choice: RwSignal<BackendChoice>,
    /// The training speed.
    pub speed: RwSignal<Speed>,
    /// The speed benchmark, when the address asked for one (`?bench=1`).
    pub bench: RwSignal<Option<BenchRun>>,
    /// Whether the grid shows the judge's labels; kept across worker restarts.
    pub show_labels: RwSignal<bool>,
    /// The page's language.
    pub lang: RwSignal<Lang>,
    /// The panels shown.
    pub panels: RwSignal<Panels>,
    /// Lesson mode: the advanced controls are hidden.
    pub lesson_mode: RwSignal<bool>,
    /// The data set the forger learns to fake; a switch restarts the trainer.
    pub data: RwSignal<Collection>,
    /// Seconds slow motion shows each phase.
    pub pace: RwSignal<u32>,
    /// Presenter mode: large text, the grid, the scoreboard and the diagram only.
    pub present: RwSignal<bool>,
    /// The hyperparameters in use, apart from the rest of the state: the address bar follows
    /// them, and must not recompute on every step's statistics.
    config: Memo<GanConfig>,
    /// The grid recorded over training, for the timelapse; kept across worker restarts (a
    /// restart from step 0 starts the recording over by itself).
    pub timelapse: RwSignal<Timelapse>,
    /// The step a demonstration link (`?diverge=N`) breaks; every new worker is told.
    diverge_at: StoredValue<Option<u64>>,
    /// The CPU trainer's threads as the link names them (`?threads=N`), else chosen here.
    threads_asked: StoredValue<Option<usize>>,
    /// The threads the CPU trainer now starting runs on (1: the single-threaded trainer).
    threads: StoredValue<usize>,
    /// The browser refused the threaded trainer's threads once: from then on this page runs
    /// the single-threaded one.
    threads_refused: StoredValue<bool>,
    /// A part the link asks to fail on purpose (`?fail=`); every new worker is told.
    fail: StoredValue<Option<Breakdown>>,
    worker: StoredValue<Option<WorkerHandle>, LocalStorage>,
    /// Counts restarts, so that a slow adapter probe of an older restart starts nothing.
    generation: StoredValue<u64>,
}

impl AppContext {
    /// A context with no worker yet, set up as the page's address asks (with a message for
    /// each value it refused, in the page's language); call [`AppContext::start`] to start
    /// the worker.
    pub fn new() -> (Self, Vec<String>) {
        let query = window().location().search().unwrap_or_default();
        let browser = Lang::from_browser(&address::browser_languages());
        let (options, problems) = LaunchOptions::from_query(&query, browser);
        let lang = options.lang(browser);
        address::set_document_lang(lang);
        let Lesson {
            config,
            speed,
            panels,
            lesson_mode,
            data,
            pace_s,
            present,
            ..
        } = options.lesson;
        let state = RwSignal::new(PageState {
            config,
            ..PageState::new(lang)
        });
        let ctx = Self {
            state,
            config: Memo::new(move |_| state.with(|s| s.config.clone())),
            backend_choice: RwSignal::new(options.backend),
            speed: RwSignal::new(speed),
            bench: RwSignal::new(options.bench.then(|| BenchRun::new(BenchPlan::default()))),
            show_labels: RwSignal::new(false),
            lang: RwSignal::new(lang),
            panels: RwSignal::new(panels),
            lesson_mode: RwSignal::new(lesson_mode),
            data: RwSignal::new(data),
            pace: RwSignal::new(pace_s),
            present: RwSignal::new(present),
            timelapse: RwSignal::new(Timelapse::default()),
            diverge_at: StoredValue::new(options.diverge_at),
            threads_asked: StoredValue::new(options.threads),
            threads: StoredValue::new(1),
            threads_refused: StoredValue::new(false),
            fail: StoredValue::new(options.fail),
            worker: StoredValue::new_local(None),
            generation: StoredValue::new(0),
        };
        (ctx, problems)
    }

    /// Starts the first worker; `problems` (refused address values) become the page's notice.
    /// From then on the address bar follows the lesson.
    pub fn start(&self, problems: &[String]) {
        self.restart();
        let t = self.texts();
        // Read (and remembered) on every load, whatever the notice ends up saying.
        let new_deployment = address::new_deployment();
        if !problems.is_empty() {
            self.refuse(fill(t.link_ignored, &[("problems", &problems.join("; "))]));
        } else {
            // At most one word on start-up, the most pressing first.
            let info = if let Some(step) = self.diverge_at.get_value() {
                Some(fill(t.diverge_link, &[("step", &step)]))
            } else if new_deployment {
                Some(t.new_version.into())
            } else if super::isolation::refused() {
                Some(t.service_worker_refused.into())
            } else {
                None
            };
            if let Some(text) = info {
                self.state.update(|s| {
                    s.notice = Some(Notice {
                        severity: Severity::Info,
                        text,
                    });
                });
            }
        }
        let ctx = *self;
        Effect::new(move |_| address::replace_query(&ctx.link().to_query()));
    }

    /// The page's texts in its language now (tracked: a view that reads them follows a
    /// language switch).
    pub fn t(&self) -> &'static Texts {
        self.lang.get().texts()
    }

    /// The page's texts, untracked, for event handlers.
    pub fn texts(&self) -> &'static Texts {
        self.lang.get_untracked().texts()
    }

    /// What the page shows now, as a link (tracked).
    pub fn link(&self) -> LaunchOptions {
        LaunchOptions {
            backend: self.backend_choice.get(),
            bench: self.bench.with(Option::is_some),
            diverge_at: self.diverge_at.get_value(),
            threads: self.threads_asked.get_value(),
            fail: self.fail.get_value(),
            lesson: Lesson {
                config: self.config.get(),
                speed: self.speed.get(),
                lang: Some(self.lang.get()),
                panels: self.panels.get(),
                lesson_mode: self.lesson_mode.get(),
                data: self.data.get(),
                pace_s: self.pace.get(),
                present: self.present.get(),
            },
        }
    }

    /// Whether `panel` is on the page now (tracked).
    pub fn shows(&self, panel: Panel) -> bool {
        self.panels.get().shown(panel, self.lesson_mode.get())
    }

    /// Switches the page's language: every text follows, the worker writes its messages in
    /// it, and the notice (written in the old language) goes.
    pub fn set_lang(&self, lang: Lang) {
        self.lang.set(lang);
        address::set_document_lang(lang);
        self.state.update(|s| {
            s.lang = lang;
            s.notice = None;
        });
        self.send(&ToWorker::SetLanguage { lang });
    }

    /// Shows `text` as an information notice.
    pub fn inform(&self, text: String) {
        self.state.update(|s| {
            s.notice = Some(Notice {
                severity: Severity::Info,
                text,
            });
        });
    }

    /// Sends a message to the worker, if one runs.
    pub fn send(&self, message: &ToWorker) {
        self.worker.with_value(|worker| {
            if let Some(worker) = worker {
                worker.send(message);
            }
        });
    }

    /// Reads an uploaded checkpoint and hands it to the worker, which checks it before it
    /// replaces anything. A file over the size limit is refused before it is read.
    pub fn load_checkpoint_file(&self, file: web_sys::File) {
        let size = file.size();
        if size > MAX_CHECKPOINT_BYTES as f64 {
            self.refuse(fill(
                self.texts().file_too_large,
                &[
                    ("size", &format!("{:.0}", size / 1_048_576.0)),
                    ("limit", &(MAX_CHECKPOINT_BYTES / 1_048_576)),
                ],
            ));
            return;
        }
        let ctx = *self;
        leptos::task::spawn_local(async move {
            match files::read(&file).await {
                Ok(bytes) => ctx.send(&ToWorker::LoadCheckpoint { bytes }),
                Err(why) => ctx.refuse(fill(ctx.texts().file_not_loaded, &[("why", &why)])),
            }
        });
    }

    /// Reads a class's own pictures (files, zips, or a folder's files) and hands them to the
    /// worker, which checks and decodes them. An upload over the limits is refused before a
    /// byte is read.
    pub fn load_pictures(&self, files: Vec<web_sys::File>) {
        let limits = gan_images::Limits::default();
        let t = self.texts();
        let total: f64 = files.iter().map(|f| f.size()).sum();
        if total > limits.max_total_bytes as f64 {
            self.refuse(fill(
                t.own_too_large,
                &[
                    (
                        "size",
                        &self.lang.get_untracked().number(total / 1_048_576.0, 1),
                    ),
                    ("max", &(limits.max_total_bytes >> 20)),
                ],
            ));
            return;
        }
        if files.len() > limits.max_pictures {
            self.refuse(fill(
                t.own_too_many,
                &[("count", &files.len()), ("max", &limits.max_pictures)],
            ));
            return;
        }
        self.inform(fill(t.own_reading, &[("count", &files.len())]));
        let ctx = *self;
        leptos::task::spawn_local(async move {
            let mut read = Vec::with_capacity(files.len());
            for file in files {
                // A folder's files carry their path inside it.
                let name = js_sys::Reflect::get(&file, &"webkitRelativePath".into())
                    .ok()
                    .and_then(|p| p.as_string())
                    .filter(|p| !p.is_empty())
                    .unwrap_or_else(|| file.name());
                match files::read(&file).await {
                    Ok(bytes) => read.push(PictureFile { name, bytes }),
                    Err(why) => {
                        ctx.refuse(fill(ctx.texts().file_not_loaded, &[("why", &why)]));
                        return;
                    }
                }
            }
            ctx.send(&ToWorker::UsePictures { files: read });
        });
    }

    /// Replaces the networks with the trained model the site ships (`data/pretrained/mlp.gan`,
    /// made by `gan-werkstatt train --weights-only`), so a lesson can start with good digits.
    pub fn load_pretrained(&self) {
        let ctx = *self;
        leptos::task::spawn_local(async move {
            match files::fetch(PRETRAINED_URL).await {
                Ok(bytes) => ctx.send(&ToWorker::LoadCheckpoint { bytes }),
                Err(why) => ctx.refuse(fill(ctx.texts().pretrained_failed, &[("why", &why)])),
            }
        });
    }

    /// Shows `text` as an error notice (a refused file or link value; nothing else changes).
    pub fn refuse(&self, text: String) {
        self.state.update(|s| {
            s.notice = Some(Notice {
                severity: Severity::Error,
                text,
            });
        });
    }

    /// Shows or hides the judge's labels on the grid.
    pub fn set_show_labels(&self, on: bool) {
        self.show_labels.set(on);
        self.send(&ToWorker::ShowVerdicts { on });
    }

    /// Starts a fresh worker (first start, retry, backend switch, after a crash) with the
    /// current settings. Training restarts from step 0; the settings are kept.
    pub fn restart(&self) {
        let config = self.state.with_untracked(|s| s.config.clone());
        // Drop the old worker first: it terminates, and its messages stop.
        self.worker.set_value(None);
        self.state.set(PageState {
            config,
            ..PageState::new(self.lang.get_untracked())
        });
        let generation = self.generation.get_value() + 1;
        self.generation.set_value(generation);
        let ctx = *self;
        let choice = self.backend_choice.get_untracked();
        leptos::task::spawn_local(async move {
            let on_cpu = match choice {
                BackendChoice::Cpu => true,
                BackendChoice::WebGpu => false,
                // The same test the trainer makes: only a hardware adapter is worth the larger
                // download; the CPU trainer says itself why it runs.
                BackendChoice::Auto => !matches!(
                    probe::adapter().await,
                    Ok(facts) if facts.software_reason().is_none()
                ),
            };
            let threads = if on_cpu {
                threads::cpu_threads(
                    ctx.threads_asked.get_value(),
                    probe::shared_memory(),
                    probe::cores(),
                    ctx.threads_refused.get_value(),
                )
                .unwrap_or(1)
            } else {
                1
            };
            ctx.threads.set_value(threads);
            let trainer = match (on_cpu, threads) {
                (false, _) => Trainer::WithWebGpu,
                (true, 1) => Trainer::CpuOnly,
                (true, _) => Trainer::CpuThreads,
            };
            if ctx.generation.get_value() != generation {
                return;
            }
            match WorkerHandle::spawn(trainer, move |message| ctx.receive(message)) {
                // Start follows when the worker says it is listening.
                Ok(worker) => ctx.worker.set_value(Some(worker)),
                Err(message) => ctx.state.update(|s| s.apply(FromWorker::Fatal { message })),
            }
        });
    }

    fn receive(&self, message: FromWorker) {
        let now_ms = window().performance().map_or(0.0, |p| p.now());
        let commands = self
            .bench
            .try_update(|bench| {
                bench
                    .as_mut()
                    .map(|b| b.observe(&message, now_ms))
                    .unwrap_or_default()
            })
            .unwrap_or_default();
        for command in &commands {
            self.send(command);
        }
        // A saved checkpoint goes to the browser's downloads.
        if let FromWorker::Checkpoint { step, bytes } = &message
            && let Err(why) = files::download(
                &format!("gan-werkstatt-step-{step}.gan"),
                bytes,
                "application/octet-stream",
            )
        {
            self.refuse(fill(
                self.texts().download_failed,
                &[("why", &for_people(&why))],
            ));
            return;
        }
        if message == FromWorker::Listening {
            let config = self.state.with_untracked(|s| s.config.clone());
            self.send(&ToWorker::Start {
                backend: self.backend_choice.get_untracked(),
                config,
                speed: self.speed.get_untracked(),
                lang: self.lang.get_untracked(),
                data: self.data.get_untracked(),
                threads: self.threads.get_value(),
                fail: self.fail.get_value(),
            });
            self.send(&ToWorker::SetPace {
                seconds: self.pace.get_untracked(),
            });
            if let Some(step) = self.diverge_at.get_value() {
                self.send(&ToWorker::DivergeAt { step });
            }
        }
        if let FromWorker::Grid { step, pixels, .. } = &message {
            self.timelapse.update(|t| t.record(*step, pixels));
        }
        // A new worker starts without labels: tell it what the page shows.
        if matches!(message, FromWorker::JudgeReady { .. }) && self.show_labels.get_untracked() {
            self.send(&ToWorker::ShowVerdicts { on: true });
        }
        // A browser that refuses the threads gets the single-threaded trainer, and the page
        // says why it is slower; the worker logged the browser's own words.
        if let FromWorker::ThreadsRefused { .. } = &message {
            self.threads_refused.set_value(true);
            self.restart();
            self.state.update(|s| s.apply(message));
            return;
        }
        // A WebGPU failure mid-training falls back to the CPU instead of leaving a dead page.
        if let FromWorker::Fatal { message } = &message {
            web_sys::console::error_1(&format!("gan-app: the trainer stopped: {message}").into());
            let on_gpu = self.state.with_untracked(|s| {
                s.backend
                    .as_ref()
                    .is_some_and(|b| b.kind == BackendKind::WebGpu)
            });
            if on_gpu {
                let text = fill(
                    self.texts().webgpu_stopped,
                    &[("why", &for_people(message))],
                );
                self.backend_choice.set(BackendChoice::Cpu);
                self.restart();
                self.state.update(|s| {
                    s.notice = Some(Notice {
                        severity: Severity::Error,
                        text,
                    });
                });
                return;
            }
        }
        self.state.update(|s| s.apply(message));
    }
}
