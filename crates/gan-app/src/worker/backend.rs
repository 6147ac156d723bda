//! The one place in the app that names a concrete backend: burn-wgpu on the browser's WebGPU
//! when it gives an adapter, otherwise burn's Flex CPU backend compiled to WebAssembly.

use burn::prelude::Device;
use gan_session::{BackendChoice, BackendInfo, BackendKind};
use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// The device for `choice`, and what runs. Never fails: without WebGPU it falls back to the
/// CPU and says why.
pub async fn choose(choice: BackendChoice) -> (Device, BackendInfo) {
    if choice == BackendChoice::Cpu {
        return (Device::flex(), cpu(None));
    }
    match webgpu().await {
        Ok(device) => (
            device,
            BackendInfo {
                kind: BackendKind::WebGpu,
                fallback_reason: None,
            },
        ),
        Err(reason) => (Device::flex(), cpu(Some(reason))),
    }
}

fn cpu(fallback_reason: Option<String>) -> BackendInfo {
    BackendInfo {
        kind: BackendKind::Cpu,
        fallback_reason,
    }
}

/// Asks the browser for an adapter first: burn's own error for a missing adapter is less
/// clear, and `navigator.gpu` is missing altogether in browsers without WebGPU.
async fn webgpu() -> Result<Device, String> {
    let navigator = Reflect::get(&js_sys::global(), &JsValue::from_str("navigator"))
        .map_err(|_| "no navigator in this worker".to_string())?;
    let gpu = Reflect::get(&navigator, &JsValue::from_str("gpu")).unwrap_or(JsValue::UNDEFINED);
    if gpu.is_undefined() || gpu.is_null() {
        return Err("this browser has no WebGPU".into());
    }
    let request: Function = Reflect::get(&gpu, &JsValue::from_str("requestAdapter"))
        .ok()
        .and_then(|f| f.dyn_into().ok())
        .ok_or("this browser has no WebGPU")?;
    let promise: Promise = request
        .call0(&gpu)
        .map_err(|_| "requesting a WebGPU adapter failed".to_string())?
        .dyn_into()
        .map_err(|_| "requesting a WebGPU adapter failed".to_string())?;
    let adapter = JsFuture::from(promise)
        .await
        .map_err(|_| "requesting a WebGPU adapter failed".to_string())?;
    if adapter.is_null() || adapter.is_undefined() {
        return Err("no WebGPU adapter".into());
    }
    Device::wgpu_options()
        .init_async()
        .await
        .map_err(|e| format!("WebGPU did not start ({e})"))
}
