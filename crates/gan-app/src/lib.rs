//! The classroom app of GAN Werkstatt, in two WebAssembly binaries built from this crate:
//!
//! - `gan-app` runs the page: a Leptos (client-side rendered) view of [`gan_session::PageState`],
//!   with the controls, the live digit grid, the charts and the scoreboard ([`page`],
//!   [`components`]);
//! - `gan-worker` runs the trainer in a Web Worker, so training never blocks the page: it
//!   loads the digits, picks WebGPU or the CPU ([`worker::backend`], the one place that names a
//!   concrete backend) and drives a [`gan_session::TrainingSession`] ([`worker`]).
//!
//! The two talk through the typed messages of [`gan_session::protocol`].

#![cfg(target_arch = "wasm32")]

pub mod components;
pub mod ctors;
pub mod page;
pub mod worker;
