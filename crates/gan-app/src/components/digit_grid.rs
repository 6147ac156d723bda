//! The live 8 × 8 grid: G's drawings from 64 fixed noise vectors, redrawn as it learns.

use gan_protocol::fill;
use gan_protocol::grid::GridShape;
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
    // 8 × 8, or one column per digit for a conditional GAN.
    let shape = Memo::new(move |_| state.with(|s| s.grid_shape()));
    Effect::new(move |_| {
        // Redraw whenever a new grid arrives (its step or its pixels change).
        let _ = grid_step.get();
        state.with(|s| {
            let GridShape { columns, rows } = shape.get();
            if let (Some(canvas), Some((_, pixels))) = (canvas.get(), s.grid.as_ref()) {
                // The canvas takes the shape first: drawing resizes nothing.
                canvas.set_width((columns * 28) as u32);
                canvas.set_height((rows * 28) as u32);
                draw_digits(&canvas, pixels, columns, rows);
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
    // A click picks an end of the latent walk: the digit under the pointer, wherever CSS
    // scaled the canvas to.
    let on_click = move |ev: leptos::ev::MouseEvent| {
        let Some(canvas) = canvas.get_untracked() else {
            return;
        };
        let (width, height) = (canvas.client_width(), canvas.client_height());
        if width <= 0 || height <= 0 {
            return;
        }
        let GridShape { columns, rows } = shape.get_untracked();
        let (columns, rows) = (columns as i32, rows as i32);
        let column = (ev.offset_x() * columns / width).clamp(0, columns - 1);
        let row = (ev.offset_y() * rows / height).clamp(0, rows - 1);
        let index = (row * columns + column) as usize;
        if let Some(message) = state.try_update(|s| s.pick_walk_end(index)).flatten() {
            ctx.send(&message);
        }
    };
    // Frames around the walk's ends (or the first pick), laid over the canvas.
    let marks = move || {
        state.with(|s| {
            let ends = match (s.walk_picker.marked, s.walk_wanted) {
                (Some(first), _) => vec![first],
                (None, Some(ends)) => vec![ends.from, ends.to],
                _ => Vec::new(),
            };
            let GridShape { columns, rows } = shape.get();
            let (across, down) = (100.0 / columns as f64, 100.0 / rows as f64);
            ends.into_iter()
                .map(|i| {
                    let (row, column) = (usize::from(i) / columns, usize::from(i) % columns);
                    view! {
                        <span
                            class="walk-mark"
                            data-testid="walk-mark"
                            style:left=format!("{:.3}%", column as f64 * across)
                            style:top=format!("{:.3}%", row as f64 * down)
                            style:width=format!("{across:.3}%")
                            style:height=format!("{down:.3}%")
                        ></span>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <figure class="digits fakes">
            <div class="grid-wrap">
                <canvas
                    node_ref=canvas
                    data-testid="digit-grid"
                    data-columns=move || shape.get().columns.to_string()
                    width="224"
                    height="224"
                    role="img"
                    aria-label=move || ctx.t().grid_aria
                    title=move || ctx.t().walk_hint
                    on:click=on_click
                ></canvas>
                <div class="walk-marks" aria-hidden="true">{marks}</div>
                <div
                    class="digit-labels"
                    data-testid="grid-labels"
                    data-count=move || state.with(|s| s.verdicts.len().to_string())
                    style:grid-template-columns=move || format!("repeat({}, 1fr)", shape.get().columns)
                    style:grid-template-rows=move || format!("repeat({}, 1fr)", shape.get().rows)
                    hidden=move || !labelled()
                    aria-hidden="true"
                >
                    {labels}
                </div>
            </div>
            <figcaption>
                {move || ctx.t().grid_caption}
                {move || grid_step.get().map(|step| fill(ctx.t().grid_step, &[("step", &step)]))}
            </figcaption>
        </figure>
    }
}
