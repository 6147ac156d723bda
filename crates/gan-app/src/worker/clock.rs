//! The worker's clock: `performance.now()`, since `std::time::Instant` panics in a browser.

use gan_core::Clock;
use wasm_bindgen::JsCast;
use web_sys::WorkerGlobalScope;

/// Milliseconds from `performance.now()` of the worker.
#[derive(Debug, Clone, Copy, Default)]
pub struct PerformanceClock;

impl Clock for PerformanceClock {
    fn now_ms(&self) -> f64 {
        js_sys::global()
            .dyn_into::<WorkerGlobalScope>()
            .ok()
            .and_then(|scope| scope.performance())
            .map_or_else(js_sys::Date::now, |p| p.now())
    }
}
