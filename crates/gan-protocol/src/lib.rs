//! What both sides of GAN Werkstatt's app share: the page (Leptos, main thread) and the trainer
//! (a Web Worker) speak through these types, in these words.
//!
//! - [`protocol`]: the typed messages between page and worker, and the numbers both count on;
//! - [`lang`]: the page's languages and every text in English and German;
//! - [`text`]: messages that quote what a user typed or the browser answered, cut to a sentence;
//! - [`grid`]: the fixed noise of the live digit grid, and pixels as the page draws them;
//! - [`walk`]: the latent walk between two grid digits (the page picks, the worker draws);
//! - [`adapter`]: whether "auto" trains on the browser's WebGPU adapter, and why not.

pub mod adapter;
pub mod grid;
pub mod lang;
pub mod protocol;
pub mod text;
pub mod walk;

pub use lang::{Lang, Texts, fill};
pub use protocol::{
    BackendChoice, BackendInfo, BackendKind, BenchFigures, Breakdown, FromWorker, KernelCheckLine,
    PhaseView, Speed, ToWorker,
};
