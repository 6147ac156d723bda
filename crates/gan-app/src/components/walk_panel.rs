//! The latent walk: two digits picked on the grid, the drawings on the way between their
//! noise vectors, and a slider to move along it.

use gan_protocol::fill;
use gan_protocol::walk::WALK_FRAMES;
use leptos::html::Canvas;
use leptos::prelude::*;

use super::pixels::draw_digits;
use crate::page::context::AppContext;

/// Drawings per row of the strip.
const STRIP_COLUMNS: usize = WALK_FRAMES / 2;

/// The walk panel: a hint until two digits are picked, then the walk.
#[component]
pub fn WalkPanel() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let state = ctx.state;
    let position = RwSignal::new(WALK_FRAMES / 2);
    let frame = NodeRef::<Canvas>::new();
    let strip = NodeRef::<Canvas>::new();
    let walk_step = Memo::new(move |_| state.with(|s| s.walk.as_ref().map(|w| w.0)));
    let ends = Memo::new(move |_| state.with(|s| s.walk_wanted));
    Effect::new(move |_| {
        let _ = walk_step.get();
        let at = position.get().min(WALK_FRAMES - 1);
        state.with(|s| {
            let Some((_, pixels)) = &s.walk else { return };
            if let Some(canvas) = strip.get() {
                draw_digits(&canvas, pixels, STRIP_COLUMNS, WALK_FRAMES / STRIP_COLUMNS);
            }
            if let (Some(canvas), Some(digit)) = (frame.get(), pixels.chunks_exact(784).nth(at)) {
                draw_digits(&canvas, digit, 1, 1);
            }
        });
    });
    let hint = move || {
        let t = ctx.t();
        state.with(|s| {
            if s.walk_picker.marked.is_some() {
                t.walk_hint_second
            } else {
                t.walk_hint
            }
        })
    };
    let caption = move || {
        let t = ctx.t();
        match (ends.get(), walk_step.get()) {
            (Some(ends), Some(step)) => fill(
                t.walk_caption,
                &[
                    ("from", &(ends.from + 1)),
                    ("to", &(ends.to + 1)),
                    ("step", &step),
                    ("frames", &WALK_FRAMES),
                ],
            ),
            _ => String::new(),
        }
    };
    view! {
        <section class="panel walk" data-testid="walk-panel" aria-label=move || ctx.t().walk_title>
            <h2>{move || ctx.t().walk_title}</h2>
            <p class="small" data-testid="walk-hint" hidden=move || ends.get().is_some()>{hint}</p>
            <div class="walk-view" hidden=move || walk_step.get().is_none()>
                <canvas
                    node_ref=frame
                    class="walk-frame"
                    data-testid="walk-frame"
                    width="28"
                    height="28"
                    role="img"
                    aria-label=move || ctx.t().walk_frame_aria
                ></canvas>
                <div class="walk-side">
                    <label class="walk-slider">
                        {move || ctx.t().walk_slider}
                        <input
                            type="range"
                            data-testid="walk-slider"
                            min="0"
                            max=(WALK_FRAMES - 1).to_string()
                            prop:value=move || position.get().to_string()
                            on:input=move |ev| {
                                if let Ok(at) = event_target_value(&ev).parse::<usize>() {
                                    position.set(at.min(WALK_FRAMES - 1));
                                }
                            }
                        />
                    </label>
                    <canvas
                        node_ref=strip
                        class="walk-strip"
                        data-testid="walk-strip"
                        data-step=move || walk_step.get().map(|s| s.to_string())
                        width=(STRIP_COLUMNS * 28).to_string()
                        height=(WALK_FRAMES / STRIP_COLUMNS * 28).to_string()
                        role="img"
                        aria-label=move || ctx.t().walk_strip_aria
                    ></canvas>
                    <p class="small" data-testid="walk-caption">{caption}</p>
                    <button
                        data-testid="walk-close"
                        on:click=move |_| {
                            let stop = state.try_update(|s| s.close_walk());
                            if let Some(stop) = stop {
                                ctx.send(&stop);
                            }
                        }
                    >
                        {move || ctx.t().walk_close}
                    </button>
                </div>
            </div>
        </section>
    }
}
