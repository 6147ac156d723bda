//! Asks the browser about its WebGPU adapter, without starting WebGPU: the page uses it to pick
//! the trainer binary, the workers to say why they train on the CPU. Plain JavaScript calls, so
//! the page and the CPU-only trainer carry no GPU code for it.

use gan_protocol::adapter::{AdapterFacts, Fallback};
use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// `object[key]`, unless it is missing, undefined or null.
pub(crate) fn get(object: &JsValue, key: &str) -> Option<JsValue> {
    Reflect::get(object, &JsValue::from_str(key))
        .ok()
        .filter(|v| !v.is_undefined() && !v.is_null())
}

/// What the browser says about its default adapter, or why there is none. burn's own error
/// for a missing adapter is less clear, `navigator.gpu` is missing altogether in browsers
/// without WebGPU, and only the adapter tells whether it is a software one.
pub async fn adapter() -> Result<AdapterFacts, Fallback> {
    let navigator = get(&js_sys::global(), "navigator").ok_or(Fallback::NoWebGpu)?;
    let gpu = get(&navigator, "gpu").ok_or(Fallback::NoWebGpu)?;
    let request: Function = get(&gpu, "requestAdapter")
        .and_then(|f| f.dyn_into().ok())
        .ok_or(Fallback::NoWebGpu)?;
    let failed = |_| Fallback::RequestFailed;
    let promise: Promise = request
        .call0(&gpu)
        .map_err(failed)?
        .dyn_into()
        .map_err(failed)?;
    let adapter = JsFuture::from(promise).await.map_err(failed)?;
    if adapter.is_null() || adapter.is_undefined() {
        return Err(Fallback::NoAdapter);
    }
    let info = get(&adapter, "info");
    let flag = |object: &JsValue| get(object, "isFallbackAdapter").and_then(|v| v.as_bool());
    let names = info.as_ref().map_or_else(String::new, |info| {
        ["vendor", "architecture", "device", "description"]
            .into_iter()
            .filter_map(|key| get(info, key).and_then(|v| v.as_string()))
            .collect::<Vec<_>>()
            .join(" ")
    });
    Ok(AdapterFacts {
        is_fallback: info.as_ref().and_then(flag).or_else(|| flag(&adapter)),
        names,
    })
}

/// Whether this page (or worker) is cross-origin isolated, the condition for the shared
/// memory that wasm threads need.
pub fn cross_origin_isolated() -> bool {
    get(&js_sys::global(), "crossOriginIsolated").is_some_and(|v| v.is_truthy())
}

/// Whether wasm threads can share memory here: the page is cross-origin isolated *and* the
/// browser has `SharedArrayBuffer`. WebKitGTK 2.50 reports `crossOriginIsolated` but has no
/// `SharedArrayBuffer`, and refuses to post a shared `WebAssembly.Memory` to any worker
/// (`DataCloneError`), so the threaded trainer could never start there.
pub fn shared_memory() -> bool {
    cross_origin_isolated() && get(&js_sys::global(), "SharedArrayBuffer").is_some()
}

/// The logical processors the browser reports (`navigator.hardwareConcurrency`), at least 1.
pub fn cores() -> usize {
    get(&js_sys::global(), "navigator")
        .and_then(|navigator| get(&navigator, "hardwareConcurrency"))
        .and_then(|n| n.as_f64())
        .filter(|n| n.is_finite() && *n >= 1.0)
        // A whole number in practice; the cast saturates anything absurd.
        .map_or(1, |n| n as usize)
}
