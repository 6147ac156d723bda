//! Loading the digits: a progress bar, and on failure what failed with a Retry button.

use gan_session::page::Loading;
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
                            "Could not load the digits: " {message}
                        </p>
                        <button data-testid="retry" class="primary" on:click=move |_| ctx.restart()>
                            "Retry"
                        </button>
                    }
                    .into_any(),
                    other => {
                        let fraction = other.fraction();
                        let text = match &other {
                            Loading::InProgress { loaded, total, what } if *total > 0 => format!(
                                "{what}: {:.1} of {:.1} MB",
                                *loaded as f64 / 1e6,
                                *total as f64 / 1e6
                            ),
                            Loading::InProgress { loaded, what, .. } => {
                                format!("{what}: {:.1} MB", *loaded as f64 / 1e6)
                            }
                            _ => String::new(),
                        };
                        view! {
                            <progress
                                data-testid="load-progress"
                                max="1"
                                value=fraction.map(|f| f.to_string())
                                aria-label="Loading the digits"
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
