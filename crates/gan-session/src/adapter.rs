//! Whether "auto" should train on the browser's WebGPU adapter or on the CPU.
//!
//! A software WebGPU adapter (SwiftShader in Chromium, llvmpipe/lavapipe through Vulkan, WARP
//! on Windows) runs compute shaders on the CPU through a general-purpose shader compiler: on a
//! 2-core machine it trains this GAN about 100× slower than burn's CPU backend in wasm. The
//! browser says so through `GPUAdapterInfo.isFallbackAdapter` (older Chromium:
//! `GPUAdapter.isFallbackAdapter`); some builds leave it false for SwiftShader, so the
//! adapter's names are checked too.

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
    pub fn software_reason(&self) -> Option<String> {
        let names = self.names.to_lowercase();
        let named = SOFTWARE_NAMES.iter().find(|n| names.contains(*n));
        if self.is_fallback != Some(true) && named.is_none() {
            return None;
        }
        let which = match named {
            Some(name) => format!("a software adapter ({name})"),
            None => "a software (fallback) adapter".to_string(),
        };
        Some(format!(
            "WebGPU here is {which}, about 100× slower than the CPU; choose WebGPU to use it anyway"
        ))
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
        let reason = swiftshader.software_reason().unwrap();
        assert!(reason.contains("swiftshader"), "{reason}");
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
        assert!(flag_only.software_reason().unwrap().contains("fallback"));
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
