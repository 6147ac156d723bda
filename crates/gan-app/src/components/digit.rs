//! One 28 × 28 digit in its own small canvas, scaled by CSS without smoothing.

use leptos::html::Canvas;
use leptos::prelude::*;

use super::pixels::draw_digits;

/// One digit: `pixels` holds its 784 grey levels.
#[component]
pub fn Digit(
    /// The digit's 784 grey levels.
    pixels: Vec<u8>,
) -> impl IntoView {
    let canvas = NodeRef::<Canvas>::new();
    Effect::new(move |_| {
        if let Some(canvas) = canvas.get() {
            draw_digits(&canvas, &pixels, 1, 1);
        }
    });
    view! { <canvas node_ref=canvas class="digit" width="28" height="28" aria-hidden="true"></canvas> }
}
