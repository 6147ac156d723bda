//! The page's side of GAN Werkstatt, without a browser: everything the page decides lives here
//! as plain Rust, so the Leptos views stay thin and the logic is tested natively.
//!
//! - [`page`]: the page's state, folded from the worker's messages;
//! - [`history`], [`chart`]: the loss and probability history and the charts' geometry;
//! - [`verdict`]: the scoreboard's judgement in plain words;
//! - [`diagram`], [`watching`]: the diagram of the duel and what each phase's data says;
//! - [`quality`], [`diversity`]: the judge's record and the mode-collapse watch;
//! - [`quiz`]: "You are the detective", the class's game against D;
//! - [`settings`]: the hyperparameter form;
//! - [`lesson`], [`launch`], [`threads`]: what a link asks for (a lesson, a backend, threads);
//! - [`deployment`]: whether a new version of the site arrived since the last visit;
//! - [`bench`]: the page's speed benchmark, which measures the app as users get it.

pub mod bench;
pub mod chart;
pub mod deployment;
pub mod diagram;
pub mod diversity;
pub mod history;
pub mod launch;
pub mod lesson;
pub mod page;
pub mod quality;
pub mod quiz;
pub mod settings;
pub mod threads;
pub mod verdict;
pub mod watching;

pub use history::{Curve, History};
pub use page::PageState;
