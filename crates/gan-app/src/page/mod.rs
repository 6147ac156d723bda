//! The page side: starting the Leptos app, the link to the worker and the shared context.

pub mod address;
pub mod bridge;
pub mod context;
pub mod files;
pub mod isolation;
pub mod keys;

use crate::components::app::App;

/// Entry point of the `gan-app` binary: the page starts once it is cross-origin isolated
/// where it can be (the threaded CPU trainer needs that), or knows it cannot be.
pub fn start() {
    // Not Leptos's spawner: it starts with the mount.
    wasm_bindgen_futures::spawn_local(async {
        if !isolation::isolate_or_reload().await {
            leptos::mount::mount_to_body(App);
        }
    });
}
