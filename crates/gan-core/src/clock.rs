//! Time, handed in by the caller: the core never asks the platform for a clock, because
//! `std::time::Instant` panics in a browser and a test wants a clock it controls.

/// A monotonic clock in milliseconds.
pub trait Clock: Send {
    /// Milliseconds since an arbitrary, fixed origin.
    fn now_ms(&self) -> f64;
}

/// A clock that always reads zero, for callers that do not care about phase timings.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoClock;

impl Clock for NoClock {
    fn now_ms(&self) -> f64 {
        0.0
    }
}

/// The native monotonic clock (`std::time::Instant`); not available in the browser.
#[cfg(not(target_family = "wasm"))]
#[derive(Debug, Clone, Copy)]
pub struct SystemClock {
    origin: std::time::Instant,
}

#[cfg(not(target_family = "wasm"))]
impl Default for SystemClock {
    fn default() -> Self {
        Self {
            origin: std::time::Instant::now(),
        }
    }
}

#[cfg(not(target_family = "wasm"))]
impl Clock for SystemClock {
    fn now_ms(&self) -> f64 {
        self.origin.elapsed().as_secs_f64() * 1000.0
    }
}
