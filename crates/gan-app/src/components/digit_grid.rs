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
    // The judge's reading of each digit, laid over the canvas when the page asked for it.
    let labels = move || {
        state.with(|s| {
            s.verdicts
                .iter()
                .map(|v| {
                    let sure = v.confidence >= 0.8;
                    view! {
                        <span class="digit-label" class:unsure=!sure>
                            {format!("{} {:.0}%", v.label, 100.0 * v.confidence)}
                        </span>
                    }
                })
                .collect_view()
        })
    };
    let labelled = move || state.with(|s| !s.verdicts.is_empty());
    view! {
        <figure class="digits fakes">
            <div class="grid-wrap">
                <canvas
                    node_ref=canvas
                    data-testid="digit-grid"
                    width="224"
                    height="224"
                    role="img"
                    aria-label="64 digits drawn by the generator from fixed noise"
                ></canvas>
                <div
                    class="digit-labels"
                    data-testid="grid-labels"
                    data-count=move || state.with(|s| s.verdicts.len().to_string())
                    hidden=move || !labelled()
                    aria-hidden="true"
                >
                    {labels}
                </div>
            </div>
            <figcaption>
                "The forger's 64 digits, always from the same 64 noise vectors"
                {move || grid_step.get().map(|step| format!(" (step {step})"))}
            </figcaption>
        </figure>
    }
}
