//! Whether "auto" should train on the browser's WebGPU adapter or on the CPU.
//!
//! A software WebGPU adapter (SwiftShader in Chromium, llvmpipe/lavapipe through Vulkan, WARP
//! on Windows) runs compute shaders on the CPU through a general-purpose shader compiler: on a
//! 2-core machine it trains this GAN about 10× slower than burn's CPU backend in wasm. The
//! browser says so through `GPUAdapterInfo.isFallbackAdapter` (older Chromium:
//! `GPUAdapter.isFallbackAdapter`); some builds leave it false for SwiftShader, so the
//! adapter's names are checked too.

use serde::{Deserialize, Serialize};

use crate::lang::{Lang, fill};

/// Why the trainer runs on the CPU although WebGPU was possible or asked for. Sent as a
/// reason, not as words, so the page can say it in whatever language it shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "why")]
pub enum Fallback {
    /// The browser has no `navigator.gpu`.
    NoWebGpu,
    /// The browser has WebGPU but offers no adapter.
    NoAdapter,
    /// Asking for an adapter failed.
    RequestFailed,
    /// "auto" chose the CPU over a software adapter.
    Software {
        /// The software rasterizer's name, when the adapter gave one.
        name: Option<String>,
    },
    /// burn-wgpu could not start on the adapter.
    WebGpuFailed {
        /// The error, as burn words it.
        error: String,
    },
    /// This trainer binary has no WebGPU (the CPU-only one).
    BuiltWithout,
}

impl Fallback {
    /// The reason in plain words, in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        let t = lang.texts();
        match self {
            Fallback::NoWebGpu => t.no_webgpu.into(),
            Fallback::NoAdapter => t.no_webgpu_adapter.into(),
            Fallback::RequestFailed => t.webgpu_request_failed.into(),
            Fallback::Software { name } => {
                let which = match name {
                    Some(name) => fill(t.software_adapter_named, &[("name", name)]),
                    None => t.software_adapter.to_string(),
                };
                fill(t.software_reason, &[("which", &which)])
            }
            Fallback::WebGpuFailed { error } => fill(t.webgpu_failed, &[("why", error)]),
            Fallback::BuiltWithout => t.built_without_webgpu.into(),
        }
    }
}

/// What the browser tells about its adapter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AdapterFacts {
    /// `isFallbackAdapter`, where the browser has it.
    pub is_fallback: Option<bool>,
    /// `vendor`, `architecture`, `device` and `description` of `GPUAdapterInfo`, joined.
    pub names: String,
}

/// Names of software rasterizers that browsers expose as WebGPU adapters.
const SOFTWARE_NAMES: [&str; 5] = [
    "swiftshader",
    "llvmpipe",
    "lavapipe",
    "softpipe",
    "microsoft basic render",
];

impl AdapterFacts {
    /// Why "auto" should not use this adapter, or `None` when it is a hardware adapter.
    pub fn software_reason(&self) -> Option<Fallback> {
        let names = self.names.to_lowercase();
        let named = SOFTWARE_NAMES.iter().find(|n| names.contains(*n));
        if self.is_fallback != Some(true) && named.is_none() {
            return None;
        }
        Some(Fallback::Software {
            name: named.map(|n| (*n).to_string()),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fallback_flag_or_a_software_name_means_cpu() {
        let swiftshader = AdapterFacts {
            is_fallback: Some(true),
            names: "google swiftshader".into(),
        };
        let reason = swiftshader.software_reason().unwrap().text(Lang::En);
        assert!(reason.contains("swiftshader"), "{reason}");
        let german = swiftshader.software_reason().unwrap().text(Lang::De);
        assert!(
            german.contains("Software-Adapter (swiftshader)"),
            "{german}"
        );
        // A build that leaves the flag false is still caught by the name.
        let unflagged = AdapterFacts {
            is_fallback: Some(false),
            names: "Google SwiftShader Subzero".into(),
        };
        assert!(unflagged.software_reason().is_some());
        let flag_only = AdapterFacts {
            is_fallback: Some(true),
            names: String::new(),
        };
        assert!(
            flag_only
                .software_reason()
                .unwrap()
                .text(Lang::En)
                .contains("fallback")
        );
    }

    #[test]
    fn a_hardware_adapter_is_used() {
        for names in ["nvidia ampere", "intel gen-12lp", "apple metal-3", ""] {
            let facts = AdapterFacts {
                is_fallback: None,
                names: names.into(),
            };
            assert_eq!(facts.software_reason(), None, "{names}");
        }
    }
}
