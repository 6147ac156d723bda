//! The live 8 × 8 grid: G's drawings from 64 fixed noise vectors, redrawn as it learns.

use gan_session::grid::GRID_SIDE;
use leptos::html::Canvas;
use leptos::prelude::*;

use super::pixels::draw_digits;
use crate::page::context::AppContext;

/// The generated digits.
#[component]
pub fn DigitGrid() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let state = ctx.state;
    let canvas = NodeRef::<Canvas>::new();
    let grid_step = Memo::new(move |_| state.with(|s| s.grid.as_ref().map(|g| g.0)));
    Effect::new(move |_| {
        // Redraw whenever a new grid arrives (its step or its pixels change).
        let _ = grid_step.get();
        state.with(|s| {
            if let (Some(canvas), Some((_, pixels))) = (canvas.get(), s.grid.as_ref()) {
                draw_digits(&canvas, pixels, GRID_SIDE, GRID_SIDE);
            }
        });
    });
    view! {
        <figure class="digits fakes">
            <canvas
                node_ref=canvas
                data-testid="digit-grid"
                width="224"
                height="224"
                role="img"
                aria-label="64 digits drawn by the generator from fixed noise"
            ></canvas>
            <figcaption>
                "The forger's 64 digits, always from the same 64 noise vectors"
                {move || grid_step.get().map(|step| format!(" (step {step})"))}
            </figcaption>
        </figure>
    }
}
