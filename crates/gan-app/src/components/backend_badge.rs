//! Which backend trains, why (for the CPU fallback), and a switch.

use gan_protocol::{BackendChoice, fill};
use leptos::prelude::*;

use crate::page::context::AppContext;

/// The badge and the backend switch.
#[component]
pub fn BackendBadge() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let state = ctx.state;
    let backend = Memo::new(move |_| state.with(|s| s.backend.clone()));
    let text = move || match backend.get() {
        None => ctx.t().backend_starting.to_string(),
        Some(info) => {
            let mut text = info.kind.label().to_string();
            if info.threads > 1 {
                text += " · ";
                text += &fill(ctx.t().backend_threads, &[("threads", &info.threads)]);
            }
            if let Some(reason) = info.fallback_reason {
                text += " · ";
                text += &reason.text(ctx.lang.get());
            }
            text
        }
    };
    let on_change = move |ev| {
        let choice = event_target_value(&ev).parse().unwrap_or_default();
        ctx.backend_choice.set(choice);
        ctx.restart();
    };
    view! {
        <div class="backend" hidden=move || ctx.lesson_mode.get()>
            <span
                class="badge"
                class:badge-gpu=move || backend.get().is_some_and(|b| b.fallback_reason.is_none() && b.kind.id() == "webgpu")
                data-testid="backend-badge"
                data-backend=move || backend.get().map_or("", |b| b.kind.id()).to_string()
                data-threads=move || backend.get().map_or(0, |b| b.threads).to_string()
                title=move || ctx.t().backend_title
            >
                {text}
            </span>
            <label>
                {move || ctx.t().backend_label}
                <select data-testid="backend-select" on:change=on_change>
                    {[
                        (BackendChoice::Auto, None),
                        (BackendChoice::WebGpu, Some("WebGPU")),
                        (BackendChoice::Cpu, Some("CPU")),
                    ]
                        .into_iter()
                        .map(|(choice, label)| {
                            view! {
                                <option
                                    value=choice.id()
                                    selected=move || ctx.backend_choice.get() == choice
                                >
                                    {move || label.unwrap_or(ctx.t().backend_auto)}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </label>
        </div>
    }
}
