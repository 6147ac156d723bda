//! Real digits beside the grid, for comparison.

use gan_data::Collection;
use gan_protocol::grid::{GRID_SIDE, STRIP_DIGITS};
use leptos::html::Canvas;
use leptos::prelude::*;

use super::pixels::draw_digits;
use crate::page::context::AppContext;

/// Columns of real digits: as tall as the grid.
const COLUMNS: usize = STRIP_DIGITS / GRID_SIDE;

/// The real digits.
#[component]
pub fn RealStrip() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let state = ctx.state;
    let canvas = NodeRef::<Canvas>::new();
    let count = Memo::new(move |_| state.with(|s| s.real_digits.len()));
    Effect::new(move |_| {
        let _ = count.get();
        state.with(|s| {
            if let Some(canvas) = canvas.get() {
                draw_digits(&canvas, &s.real_digits, COLUMNS, GRID_SIDE);
            }
        });
    });
    view! {
        <figure class="digits reals">
            <canvas
                node_ref=canvas
                data-testid="real-digits"
                width=(COLUMNS * 28).to_string()
                height=(GRID_SIDE * 28).to_string()
                role="img"
                aria-label=move || match ctx.data.get() {
                    Collection::Mnist => ctx.t().real_aria,
                    Collection::Fashion => ctx.t().real_aria_fashion,
                }
            ></canvas>
            <figcaption>
                {move || match ctx.data.get() {
                    Collection::Mnist => ctx.t().real_caption,
                    Collection::Fashion => ctx.t().real_caption_fashion,
                }}
            </figcaption>
        </figure>
    }
}
