//! The classroom app of GAN Werkstatt, in three WebAssembly binaries built from this crate:
//!
//! - `gan-app` runs the page: a Leptos (client-side rendered) view of [`gan_page::PageState`],
//!   with the controls, the live digit grid, the charts and the scoreboard ([`page`],
//!   [`components`]);
//! - `gan-worker` (feature `webgpu`) and `gan-worker-cpu` (CPU only, a fraction of the size)
//!   run the trainer in a Web Worker, so training never blocks the page: it loads the digits,
//!   picks WebGPU or the CPU ([`worker::backend`], the one place that names a concrete backend)
//!   and drives a [`gan_session::TrainingSession`] ([`worker`]). The page asks the browser
//!   about its adapter ([`probe`]) and starts the CPU trainer unless WebGPU will run.
//!
//! The two talk through the typed messages of [`gan_protocol::protocol`].

#![cfg(target_arch = "wasm32")]

pub mod components;
pub mod ctors;
pub mod page;
pub mod probe;
pub mod worker;
