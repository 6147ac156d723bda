//! Loading the digits: a progress bar, and on failure what failed with a Retry button.

use gan_page::page::Loading;
use gan_protocol::fill;
use leptos::prelude::*;

use crate::page::context::AppContext;

/// Shown until the trainer is ready.
#[component]
pub fn LoadPanel() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let state = ctx.state;
    let loading = Memo::new(move |_| state.with(|s| s.loading.clone()));
    view! {
        <Show when=move || loading.get() != Loading::Done>
            <section class="panel load" aria-live="polite">
                {move || match loading.get() {
                    Loading::Failed(message) => view! {
                        <p class="load-error" data-testid="load-status" role="alert">
                            {move || ctx.t().load_failed} {message}
                        </p>
                        <button data-testid="retry" class="primary" on:click=move |_| ctx.restart()>
                            {move || ctx.t().retry}
                        </button>
                    }
                    .into_any(),
                    other => {
                        let fraction = other.fraction();
                        let lang = ctx.lang.get();
                        let t = lang.texts();
                        let mb = |bytes: u64| lang.number(bytes as f64 / 1e6, 1);
                        let text = match &other {
                            Loading::InProgress { loaded, total, what } if *total > 0 => fill(
                                t.load_of,
                                &[("what", what), ("loaded", &mb(*loaded)), ("total", &mb(*total))],
                            ),
                            Loading::InProgress { loaded, what, .. } => {
                                fill(t.load_so_far, &[("what", what), ("loaded", &mb(*loaded))])
                            }
                            _ => String::new(),
                        };
                        view! {
                            <progress
                                data-testid="load-progress"
                                max="1"
                                value=fraction.map(|f| f.to_string())
                                aria-label=t.loading_aria
                            ></progress>
                            <p data-testid="load-status">{text}</p>
                        }
                        .into_any()
                    }
                }}
            </section>
        </Show>
    }
}
