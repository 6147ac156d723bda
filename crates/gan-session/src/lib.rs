//! The classroom session of GAN Werkstatt, without a browser.
//!
//! The app runs in two places: the page (Leptos, main thread) and the trainer (a Web Worker).
//! Everything they decide lives here as plain Rust, tested natively:
//!
//! - [`protocol`]: the typed messages between page and worker;
//! - [`session`]: the worker's training session, which answers those messages;
//! - [`page`]: the page's state, folded from the worker's messages;
//! - [`history`], [`chart`], [`verdict`], [`diversity`], [`settings`]: the page's state and
//!   logic behind the charts, the scoreboard and the hyperparameter form;
//! - [`grid`]: the fixed noise of the live digit grid;
//! - [`judging`]: the judge in the worker (quality reports in chunks, grid labels);
//! - [`quality`]: the page's record of the judge's reports and its mode-collapse watch;
//! - [`adapter`]: whether "auto" trains on the browser's WebGPU adapter or on the CPU;
//! - [`lang`]: the page's languages and every text in English and German;
//! - [`lesson`]: a lesson in a link (settings, language, panels, lesson mode);
//! - [`launch`]: the options a link carries (backend, benchmark);
//! - [`pictures`]: a class's own pictures as training data, in words;
//! - [`walk`]: the latent walk between two grid digits;
//! - [`bench`]: the page's speed benchmark, which measures the app as users get it.

pub mod adapter;
pub mod bench;
pub mod chart;
pub mod deployment;
pub mod diversity;
pub mod grid;
pub mod history;
pub mod judging;
pub mod lang;
pub mod launch;
pub mod lesson;
pub mod page;
pub mod pictures;
pub mod protocol;
pub mod quality;
pub mod session;
pub mod settings;
pub mod text;
pub mod threads;
pub mod verdict;
pub mod walk;

pub use history::{Curve, History};
pub use lang::{Lang, Texts, fill};
pub use page::PageState;
pub use protocol::{
    BackendChoice, BackendInfo, BackendKind, BenchFigures, Breakdown, FromWorker, KernelCheckLine,
    Speed, ToWorker,
};
pub use session::{Next, SessionError, TrainingSession};
