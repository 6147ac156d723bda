//! The threaded trainer's pool: rayon threads (module Web Workers sharing this worker's wasm
//! memory) on which the core's matrix products split. This worker only waits while the pool
//! multiplies, so the pool may have a thread on every core.

use wasm_bindgen_futures::JsFuture;

/// Starts a pool of `threads` and waits until they run.
///
/// # Errors
/// A message for the page when the browser refuses the threads' workers.
pub async fn start(threads: usize) -> Result<(), String> {
    JsFuture::from(wasm_bindgen_rayon::init_thread_pool(threads))
        .await
        .map(drop)
        .map_err(|e| format!("the trainer could not start its {threads} threads: {e:?}"))
}
