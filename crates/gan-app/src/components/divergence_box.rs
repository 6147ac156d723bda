//! When a loss becomes NaN: what happened in plain words, and the two ways on (restore the last
//! good networks, or reset). Shown on the scoreboard until one of them is taken.

use gan_protocol::{ToWorker, fill};
use leptos::prelude::*;

use crate::page::context::AppContext;

/// The divergence box; empty while training is healthy.
#[component]
pub fn DivergenceBox() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let divergence = Memo::new(move |_| ctx.state.with(|s| s.divergence));
    move || {
        divergence.get().map(|d| {
            let restore = d.last_good_step.map(|good| {
                view! {
                    <button
                        class="primary"
                        data-testid="restore-last-good"
                        on:click=move |_| ctx.send(&ToWorker::RestoreLastGood)
                    >
                        {move || fill(ctx.t().restore_step, &[("step", &good)])}
                    </button>
                }
            });
            view! {
                <div class="divergence" role="alert" data-testid="divergence" data-step=d.step.to_string()>
                    <p>{move || d.explanation(ctx.lang.get())}</p>
                    {restore}
                    <button data-testid="divergence-reset" on:click=move |_| ctx.send(&ToWorker::Reset)>
                        {move || ctx.t().reset}
                    </button>
                </div>
            }
        })
    }
}
