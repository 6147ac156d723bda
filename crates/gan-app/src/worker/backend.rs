//! The one place in the app that names a concrete backend: burn-wgpu on the browser's WebGPU
//! when it gives a hardware adapter (or when asked for WebGPU), otherwise burn's Flex CPU
//! backend compiled to WebAssembly.

use burn::prelude::Device;
use gan_session::adapter::AdapterFacts;
use gan_session::{BackendChoice, BackendInfo, BackendKind};
use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// The device for `choice`, and what runs. Never fails: without WebGPU it falls back to the
/// CPU and says why; "auto" also takes the CPU over a software adapter, and says so.
pub async fn choose(choice: BackendChoice) -> (Device, BackendInfo) {
    if choice == BackendChoice::Cpu {
        return (Device::flex(), cpu(None));
    }
    let facts = match adapter().await {
        Ok(facts) => facts,
        Err(reason) => return (Device::flex(), cpu(Some(reason))),
    };
    if choice == BackendChoice::Auto
        && let Some(reason) = facts.software_reason()
    {
        return (Device::flex(), cpu(Some(reason)));
    }
    match Device::wgpu_options().init_async().await {
        Ok(device) => (
            device,
            BackendInfo {
                kind: BackendKind::WebGpu,
                fallback_reason: None,
            },
        ),
        Err(e) => (
            Device::flex(),
            cpu(Some(format!("WebGPU did not start ({e})"))),
        ),
    }
}

fn cpu(fallback_reason: Option<String>) -> BackendInfo {
    BackendInfo {
        kind: BackendKind::Cpu,
        fallback_reason,
    }
}

fn get(object: &JsValue, key: &str) -> Option<JsValue> {
    Reflect::get(object, &JsValue::from_str(key))
        .ok()
        .filter(|v| !v.is_undefined() && !v.is_null())
}

/// Asks the browser for an adapter first: burn's own error for a missing adapter is less
/// clear, `navigator.gpu` is missing altogether in browsers without WebGPU, and only the
/// adapter tells whether it is a software one.
async fn adapter() -> Result<AdapterFacts, String> {
    let navigator = get(&js_sys::global(), "navigator").ok_or("no navigator in this worker")?;
    let gpu = get(&navigator, "gpu").ok_or("this browser has no WebGPU")?;
    let request: Function = get(&gpu, "requestAdapter")
        .and_then(|f| f.dyn_into().ok())
        .ok_or("this browser has no WebGPU")?;
    let failed = |_| "requesting a WebGPU adapter failed".to_string();
    let promise: Promise = request
        .call0(&gpu)
        .map_err(failed)?
        .dyn_into()
        .map_err(failed)?;
    let adapter = JsFuture::from(promise).await.map_err(failed)?;
    if adapter.is_null() || adapter.is_undefined() {
        return Err("no WebGPU adapter".into());
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
