//! The CPU-only trainer: the same worker as `gan-worker`, built without wgpu, so a classroom
//! without a (hardware) WebGPU adapter downloads a fraction of the bytes.

fn main() {
    // Natively there is nothing to run: the app is for the browser.
    #[cfg(target_arch = "wasm32")]
    {
        gan_app::ctors::run_once();
        gan_app::worker::start();
    }
}
