//! One line of feedback: settings applied, a reset, or what went wrong and what to do.

use gan_page::page::Severity;
use leptos::prelude::*;

use crate::page::context::AppContext;

/// The latest notice, and a restart button when the trainer died.
#[component]
pub fn NoticeLine() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let state = ctx.state;
    view! {
        <div class="notices" aria-live="polite">
            {move || {
                state
                    .with(|s| s.notice.clone())
                    .map(|notice| {
                        let class = match notice.severity {
                            Severity::Info => "notice info",
                            Severity::Error => "notice error",
                        };
                        view! { <p class=class data-testid="notice">{notice.text}</p> }
                    })
            }}
            {move || {
                state
                    .with(|s| s.fatal.clone())
                    .map(|message| {
                        view! {
                            <p class="notice error" role="alert" data-testid="fatal">
                                {move || ctx.t().trainer_stopped} {message}
                            </p>
                            <button on:click=move |_| ctx.restart()>{move || ctx.t().restart_trainer}</button>
                        }
                    })
            }}
        </div>
    }
}
