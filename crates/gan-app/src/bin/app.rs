//! The page: mounts the Leptos app and starts the trainer worker.

fn main() {
    // Natively there is nothing to run: the app is for the browser.
    #[cfg(target_arch = "wasm32")]
    {
        gan_app::ctors::run_once();
        gan_app::page::start();
    }
}
