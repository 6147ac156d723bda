//! The trainer worker's side of GAN Werkstatt, without a browser: the worker holds one
//! [`TrainingSession`], hands it each message from the page ([`gan_protocol::ToWorker`]) and
//! posts back what it answers ([`gan_protocol::FromWorker`]). Tested natively.
//!
//! - [`session`]: the training session: steps, phases, drawings, checkpoints, uploads;
//! - [`judging`]: the judge in the worker (quality reports in chunks, grid labels);
//! - [`pictures`]: a class's own pictures as training data, in words.

pub mod judging;
pub mod pictures;
pub mod session;

pub use session::{Next, SessionError, TrainingSession};
