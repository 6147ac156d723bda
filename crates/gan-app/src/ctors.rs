//! Static constructors, run once.
//!
//! burn's WebGPU compiler (cubecl) registers its WGSL operations with `inventory`, i.e. with
//! static constructors. In a wasm binary whose code never calls `__wasm_call_ctors`, the
//! linker treats the module as a "command" and runs every constructor again at the start of
//! *every* exported function, so every callback from JavaScript into Rust (each message, each
//! timer) re-registers everything: measured in headless Chromium, the page's main thread was
//! blocked for 32 s in one task. Calling the constructors once from `main` tells the linker
//! that we run them ourselves, and it stops wrapping the exports.

#![allow(
    unsafe_code,
    reason = "the linker's constructor entry point has no safe wrapper; this module is the only \
              unsafe code in the workspace"
)]

unsafe extern "C" {
    /// Emitted by wasm-ld: runs the module's static constructors.
    fn __wasm_call_ctors();
}

/// Runs the static constructors. Call exactly once, first thing in `main`.
pub fn run_once() {
    // SAFETY: `__wasm_call_ctors` takes no arguments and only runs the constructors the linker
    // collected; `main` calls this once before any other Rust code runs.
    unsafe { __wasm_call_ctors() }
}
