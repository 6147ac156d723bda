//! The CPU trainer on several cores: the same worker as `gan-worker-cpu`, built with wasm
//! threads, whose matrix products split over a rayon pool of Web Workers. The page starts it
//! only where the browser gives shared memory (a cross-origin-isolated page).

fn main() {
    // Natively there is nothing to run: the app is for the browser.
    #[cfg(target_arch = "wasm32")]
    {
        gan_app::ctors::run_once();
        gan_app::worker::start();
    }
}
