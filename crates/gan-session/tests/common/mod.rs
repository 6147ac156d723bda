//! What the session's tests share: a clock the test moves, the MNIST sample, a small config, a
//! session ready to train, and readers of the messages it answers.

#![allow(dead_code, reason = "each test file uses a part of these helpers")]

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::task::{Context, Poll, Waker};

use burn::prelude::Device;
use gan_core::{Clock, GanConfig};
use gan_data::MnistSet;
use gan_protocol::grid::DIGIT_PIXELS;
use gan_protocol::{FromWorker, Speed};
use gan_session::TrainingSession;

/// burn seeds one random generator per backend, shared by every thread: the tests that build
/// networks take turns, so that "same seed, same networks" holds.
pub fn serial() -> MutexGuard<'static, ()> {
    static SERIAL: Mutex<()> = Mutex::new(());
    SERIAL.lock().unwrap_or_else(PoisonError::into_inner)
}

/// A clock the test moves by hand.
#[derive(Clone, Default)]
pub struct ManualClock(pub Arc<Mutex<f64>>);

impl ManualClock {
    pub fn advance(&self, ms: f64) {
        *self.0.lock().unwrap() += ms;
    }
}

impl Clock for ManualClock {
    fn now_ms(&self) -> f64 {
        *self.0.lock().unwrap()
    }
}

/// Runs a future that never waits: on the CPU backend every read is ready at once.
pub fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = std::pin::pin!(future);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(out) = future.as_mut().poll(&mut cx) {
            return out;
        }
    }
}

/// 200 random "digits": enough to batch, quick to train on.
pub fn data() -> MnistSet {
    let mut rng = gan_data::Rng::new(3);
    let images = (0..200 * DIGIT_PIXELS)
        .map(|_| rng.below(256) as u8)
        .collect();
    let labels = (0..200).map(|i| (i % 10) as u8).collect();
    MnistSet::new(images, labels).unwrap()
}

pub fn small_config() -> GanConfig {
    GanConfig {
        batch_size: 8,
        latent_dim: 8,
        ..GanConfig::default()
    }
}

pub fn session(speed: Speed) -> (TrainingSession, ManualClock) {
    let clock = ManualClock::default();
    let session = TrainingSession::new(
        small_config(),
        &Device::flex(),
        data(),
        speed,
        clock.clone(),
    )
    .unwrap();
    (session, clock)
}

pub fn grids(out: &[FromWorker]) -> Vec<&Vec<u8>> {
    out.iter()
        .filter_map(|m| match m {
            FromWorker::Grid { pixels, .. } => Some(pixels),
            _ => None,
        })
        .collect()
}

pub fn stats_steps(out: &[FromWorker]) -> Vec<u64> {
    out.iter()
        .filter_map(|m| match m {
            FromWorker::Stats { stats, .. } => Some(stats.step),
            _ => None,
        })
        .collect()
}
