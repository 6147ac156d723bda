//! The page side: starting the Leptos app, the link to the worker and the shared context.

pub mod address;
pub mod bridge;
pub mod context;
pub mod files;
pub mod keys;

use crate::components::app::App;

/// Entry point of the `gan-app` binary.
pub fn start() {
    leptos::mount::mount_to_body(App);
}
