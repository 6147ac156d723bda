//! The threaded trainer's pool: rayon threads (module Web Workers sharing this worker's wasm
//! memory) on which the core's matrix products split. This worker only waits while the pool
//! multiplies, so the pool may have a thread on every core.

use gan_protocol::Breakdown;
use wasm_bindgen_futures::JsFuture;

/// Starts a pool of `threads` and waits until they run; `fail`: the link asked the pool to
/// fail on purpose (`?fail=threads`).
///
/// # Errors
/// The browser's answer, for the console, when it refuses the threads' workers (a browser
/// without `SharedArrayBuffer` cannot pass this worker's shared memory on to them:
/// `DataCloneError`).
pub async fn start(threads: usize, fail: Option<Breakdown>) -> Result<(), String> {
    if fail == Some(Breakdown::Threads) {
        return Err("the pool failed on purpose (?fail=threads)".into());
    }
    JsFuture::from(wasm_bindgen_rayon::init_thread_pool(threads))
        .await
        .map(drop)
        .map_err(|e| format!("the trainer could not start its {threads} threads: {e:?}"))
}
