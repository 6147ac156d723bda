//! Keyboard shortcuts for a teacher at the projector: Space trains or pauses, S steps,
//! P (or →, or Page Down: what a presenter's clicker sends) runs one phase, R resets. Ignored
//! while typing in a form field.

use gan_protocol::ToWorker;
use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, KeyboardEvent};

use super::context::AppContext;

/// The message a key sends, if it is a shortcut.
pub fn shortcut(key: &str, running: bool) -> Option<ToWorker> {
    match key {
        " " => Some(if running {
            ToWorker::Pause
        } else {
            ToWorker::Train
        }),
        "s" | "S" => Some(ToWorker::Step),
        "p" | "P" | "ArrowRight" | "PageDown" => Some(ToWorker::PhaseStep),
        "r" | "R" => Some(ToWorker::Reset),
        _ => None,
    }
}

/// Whether the key belongs to the focused element: any key in a form field, and on a button
/// the keys that press it. A clicker's Page Down still advances after a click on Train.
fn typing(event: &KeyboardEvent) -> bool {
    let key = event.key();
    event
        .target()
        .and_then(|t| t.dyn_into::<Element>().ok())
        .is_some_and(|el| match el.tag_name().as_str() {
            "INPUT" | "SELECT" | "TEXTAREA" => true,
            "BUTTON" => matches!(key.as_str(), " " | "Enter"),
            _ => false,
        })
}

/// Installs the shortcuts for the life of the page.
pub fn install(ctx: AppContext) {
    let handle = window_event_listener(ev::keydown, move |event: KeyboardEvent| {
        if typing(&event) || event.ctrl_key() || event.meta_key() || event.alt_key() {
            return;
        }
        let (ready, running) = ctx.state.with_untracked(|s| (s.ready(), s.running));
        if !ready {
            return;
        }
        if let Some(message) = shortcut(&event.key(), running) {
            event.prevent_default();
            ctx.send(&message);
        }
    });
    // The page never unmounts the app; the listener stays for its lifetime.
    std::mem::forget(handle);
}
