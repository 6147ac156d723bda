//! What the phase that just ran did, with its own data: phase 1's fresh fakes; phase 2's real
//! digits and fakes with D's verdict before → after its update; phase 5's fakes from the same
//! noise before and after G's update, with the frozen D's verdicts. The figures and the
//! sentence come from `gan_page::watching`.

use gan_page::watching::{Judged, judged, summary};
use gan_protocol::PhaseView;
use gan_protocol::grid::DIGIT_PIXELS;
use leptos::prelude::*;

use super::digit::Digit;
use crate::page::context::AppContext;

/// A row of digits, each with D's verdict under it: before → after, or (`change` false) the
/// verdict before alone.
fn judged_row(
    caption: &'static str,
    digits: Vec<Judged>,
    target: f32,
    change: bool,
    testid: &'static str,
) -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    view! {
        <figure class="judged" data-testid=testid>
            <figcaption>{caption}</figcaption>
            <ol>
                {digits
                    .into_iter()
                    .map(|d| {
                        let lang = ctx.lang.get_untracked();
                        let towards = change && d.moved_towards(target);
                        let figure = if change {
                            d.change(lang)
                        } else {
                            lang.number(f64::from(d.before), 2)
                        };
                        view! {
                            <li class:towards=towards>
                                <Digit pixels=d.pixels />
                                <span class="change">{figure}</span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        </figure>
    }
}

/// The phase's data.
#[component]
pub fn PhaseData() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let state = ctx.state;
    let view_now = Memo::new(move |_| state.with(|s| s.phase_view_now().cloned()));
    let body = move || {
        let view = view_now.get()?;
        let lang = ctx.lang.get();
        let t = lang.texts();
        let batch = state.with_untracked(|s| s.config.batch_size);
        let text = summary(&view, batch, lang);
        let data = match view {
            PhaseView::Fakes { pixels, .. } => view! {
                <ol class="strip" data-testid="phase-fakes">
                    {pixels
                        .chunks_exact(DIGIT_PIXELS)
                        .map(|d| view! { <li><Digit pixels=d.to_vec() /></li> })
                        .collect_view()}
                </ol>
            }
            .into_any(),
            PhaseView::Discriminator {
                real,
                fakes,
                real_before,
                real_after,
                fakes_before,
                fakes_after,
                ..
            } => view! {
                <div class="pair">
                    {judged_row(t.watch_real_caption, judged(&real, &real_before, &real_after), 1.0, true, "phase-real")}
                    {judged_row(t.watch_fakes_caption, judged(&fakes, &fakes_before, &fakes_after), 0.0, true, "phase-judged-fakes")}
                </div>
            }
            .into_any(),
            PhaseView::Generator {
                before,
                after,
                d_before,
                d_after,
                ..
            } => {
                view! {
                    <div class="pair">
                        {judged_row(t.watch_before_caption, judged(&before, &d_before, &d_before), 1.0, false, "phase-before")}
                        {judged_row(t.watch_after_caption, judged(&after, &d_before, &d_after), 1.0, true, "phase-after")}
                    </div>
                }
                .into_any()
            }
        };
        Some(view! {
            <div class="phase-data-body">
                {data}
                <p class="phase-summary" data-testid="phase-summary">{text}</p>
            </div>
        })
    };
    view! {
        <section
            class="phase-data"
            data-testid="phase-data"
            aria-label=move || ctx.t().watch_aria
            aria-live="polite"
            hidden=move || view_now.with(Option::is_none)
        >
            {body}
        </section>
    }
}
