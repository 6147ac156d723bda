//! The trainer worker: started by the page as a module Web Worker.

fn main() {
    // Natively there is nothing to run: the app is for the browser.
    #[cfg(target_arch = "wasm32")]
    {
        gan_app::ctors::run_once();
        gan_app::worker::start();
    }
}
