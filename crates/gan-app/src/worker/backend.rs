//! The one place in the app that names a concrete backend: burn-wgpu on the browser's WebGPU
//! when it gives a hardware adapter (or when asked for WebGPU), otherwise burn's Flex CPU
//! backend compiled to WebAssembly. The `gan-worker-cpu` binary is built without the `webgpu`
//! feature and always trains on the CPU; the page starts it whenever WebGPU would not run.

use burn::prelude::Device;
use gan_protocol::adapter::Fallback;
use gan_protocol::{BackendChoice, BackendInfo, BackendKind, Breakdown, FromWorker};

use crate::probe;

/// The device for `choice`, and what runs. Never fails: without WebGPU it falls back to the
/// CPU and says why; "auto" also takes the CPU over a software adapter, and says so. Where the
/// adapter is there but its device does not start (or `fail` asks for that), this trainer
/// goes on on the CPU, single-threaded, and says why.
pub async fn choose(choice: BackendChoice, fail: Option<Breakdown>) -> (Device, BackendInfo) {
    if choice == BackendChoice::Cpu {
        return (Device::flex(), cpu(None));
    }
    let facts = match probe::adapter().await {
        Ok(facts) => facts,
        Err(reason) => return (Device::flex(), cpu(Some(reason))),
    };
    let software = facts.software_reason();
    if choice == BackendChoice::Auto
        && let Some(reason) = software
    {
        return (Device::flex(), cpu(Some(reason)));
    }
    if fail == Some(Breakdown::WebGpu) {
        return (
            Device::flex(),
            cpu(Some(Fallback::WebGpuFailed {
                error: "failed on purpose: fail=webgpu".into(),
            })),
        );
    }
    webgpu(software.is_some()).await
}

fn cpu(fallback_reason: Option<Fallback>) -> BackendInfo {
    BackendInfo {
        kind: BackendKind::Cpu,
        fallback_reason,
        threads: 1,
    }
}

/// WebGPU on the browser's adapter; `software`: the adapter is the CPU running shaders, so the
/// core multiplies with its own kernel for such adapters (≈ 5× burn's there, docs/benchmarks.md).
#[cfg(feature = "webgpu")]
async fn webgpu(software: bool) -> (Device, BackendInfo) {
    match Device::wgpu_options().init_async().await {
        Ok(device) => {
            gan_fast::kernels::use_register_tiles(software);
            (
                device,
                BackendInfo {
                    kind: BackendKind::WebGpu,
                    fallback_reason: None,
                    threads: 1,
                },
            )
        }
        Err(e) => {
            let error = e.to_string();
            web_sys::console::error_1(&format!("gan-worker: WebGPU did not start: {error}").into());
            (
                Device::flex(),
                cpu(Some(Fallback::WebGpuFailed {
                    error: gan_protocol::text::for_people(&error),
                })),
            )
        }
    }
}

#[cfg(not(feature = "webgpu"))]
async fn webgpu(_software: bool) -> (Device, BackendInfo) {
    (Device::flex(), cpu(Some(Fallback::BuiltWithout)))
}

/// Checks the core's WebGPU kernels against burn's results on this browser's adapter (the
/// answer to `ToWorker::CheckKernels`), with the kernel each adapter would train with.
#[cfg(feature = "webgpu")]
pub async fn check_kernels() -> FromWorker {
    let device = match Device::wgpu_options().init_async().await {
        Ok(device) => device,
        Err(e) => return kernels_not_checked(format!("no WebGPU device: {e}")),
    };
    match gan_fast::kernels::check::check_kernels(&device).await {
        Ok(checks) => FromWorker::KernelsChecked {
            checks: checks
                .into_iter()
                .map(|check| gan_protocol::KernelCheckLine {
                    passed: check.passed(),
                    worst: check.worst.is_finite().then_some(check.worst),
                    what: check.what,
                })
                .collect(),
            error: None,
        },
        Err(e) => kernels_not_checked(e),
    }
}

/// Without WebGPU there are no kernels to check.
#[cfg(not(feature = "webgpu"))]
pub async fn check_kernels() -> FromWorker {
    kernels_not_checked("this trainer is built without WebGPU".into())
}

fn kernels_not_checked(error: String) -> FromWorker {
    FromWorker::KernelsChecked {
        checks: Vec::new(),
        error: Some(error),
    }
}
