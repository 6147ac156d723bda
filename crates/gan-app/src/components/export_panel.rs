//! Pictures to take home: the grid as a PNG now, and the timelapse of the grid over training
//! as an animated GIF. Both are encoded by `gan-export` in the page.

use gan_export::{Sheet, Timelapse};
use gan_protocol::fill;
use leptos::prelude::*;

use crate::page::context::AppContext;
use crate::page::files;

/// Each digit pixel becomes this many pixels across, so the pictures stay crisp when shown big.
const SCALE: usize = 4;
/// Timelapse frames play at this pace.
const FRAME_MS: u32 = 120;

/// The export buttons.
#[component]
pub fn ExportPanel() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let state = ctx.state;
    let has_grid = Memo::new(move |_| state.with(|s| s.grid.is_some()));
    let recorded = Memo::new(move |_| ctx.timelapse.with(|t| (t.len(), t.span())));
    let save = move |name: String, bytes: Result<Vec<u8>, gan_export::ExportError>, mime: &str| {
        let result = bytes
            .map_err(|e| e.to_string())
            .and_then(|bytes| files::download(&name, &bytes, mime));
        if let Err(why) = result {
            ctx.refuse(fill(ctx.texts().export_failed, &[("why", &why)]));
        }
    };
    let save_png = move |_| {
        let Some((step, bytes)) = state.with_untracked(|s| {
            let columns = s.grid_shape().columns;
            s.grid.as_ref().map(|(step, pixels)| {
                (*step, gan_export::png(&Sheet::tile(pixels, columns, SCALE)))
            })
        }) else {
            return;
        };
        save(format!("gan-werkstatt-step-{step}.png"), bytes, "image/png");
    };
    let save_gif = move |_| {
        let columns = state.with_untracked(|s| s.grid_shape().columns);
        let (span, bytes) = ctx
            .timelapse
            .with_untracked(|t: &Timelapse| (t.span(), t.gif(columns, SCALE / 2, FRAME_MS)));
        let (first, last) = span.unwrap_or_default();
        save(
            format!("gan-werkstatt-steps-{first}-{last}.gif"),
            bytes,
            "image/gif",
        );
    };
    view! {
        <div class="export" role="group" aria-label=move || ctx.t().export_aria>
            <button
                data-testid="save-png"
                disabled=move || !has_grid.get()
                title=move || ctx.t().save_png_title
                on:click=save_png
            >
                {move || ctx.t().save_png}
            </button>
            <button
                data-testid="save-gif"
                disabled=move || recorded.get().0 == 0
                title=move || ctx.t().save_gif_title
                on:click=save_gif
            >
                {move || ctx.t().save_gif}
            </button>
            <span
                class="small"
                data-testid="timelapse-frames"
                data-frames=move || recorded.get().0.to_string()
            >
                {move || match recorded.get() {
                    (frames, Some((first, last))) => fill(
                        ctx.t().timelapse_frames,
                        &[("frames", &frames), ("first", &first), ("last", &last)],
                    ),
                    _ => ctx.t().timelapse_empty.to_string(),
                }}
            </span>
        </div>
    }
}
