//! Train / Pause, Step, Phase step, Reset and the speed: what a teacher drives the lesson with.

use gan_session::{Speed, ToWorker};
use leptos::prelude::*;

use crate::page::context::AppContext;

/// The speeds on offer, with their labels.
const SPEEDS: [(Speed, &str); 5] = [
    (Speed::SlowMotion, "Slow motion: one phase at a time"),
    (Speed::Steps(1), "1 step per update"),
    (Speed::Steps(5), "5 steps per update"),
    (Speed::Steps(20), "20 steps per update"),
    (Speed::Steps(50), "50 steps per update (fastest)"),
];

fn speed_value(speed: Speed) -> String {
    match speed {
        Speed::SlowMotion => "slow".into(),
        Speed::Steps(n) => n.to_string(),
    }
}

/// The training controls.
#[component]
pub fn Controls() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let state = ctx.state;
    let ready = Memo::new(move |_| state.with(|s| s.ready()));
    let running = Memo::new(move |_| state.with(|s| s.running));
    let next_phase = Memo::new(move |_| {
        state.with(|s| {
            s.last_phase
                .map_or(gan_core::Phase::GenerateFakes, |p| p.next())
        })
    });
    let on_speed = move |ev| {
        let value = event_target_value(&ev);
        let speed = SPEEDS
            .iter()
            .map(|(s, _)| *s)
            .find(|s| speed_value(*s) == value)
            .unwrap_or_default();
        ctx.speed.set(speed);
        ctx.send(&ToWorker::SetSpeed { speed });
    };
    view! {
        <div class="controls" role="group" aria-label="Training">
            <button
                class="primary"
                data-testid="train"
                aria-pressed=move || running.get().to_string()
                disabled=move || !ready.get()
                title="Space"
                on:click=move |_| {
                    ctx.send(&if running.get_untracked() { ToWorker::Pause } else { ToWorker::Train });
                }
            >
                {move || if running.get() { "Pause" } else { "Train" }}
            </button>
            <button
                data-testid="step"
                disabled=move || !ready.get()
                title="S: one whole training step"
                on:click=move |_| ctx.send(&ToWorker::Step)
            >
                "Step"
            </button>
            <button
                data-testid="phase-step"
                disabled=move || !ready.get()
                title="P: run the next phase only"
                on:click=move |_| ctx.send(&ToWorker::PhaseStep)
            >
                {move || format!("Phase step ({})", next_phase.get().number())}
            </button>
            <button
                data-testid="reset"
                disabled=move || !ready.get()
                title="R: fresh networks, step 0"
                on:click=move |_| ctx.send(&ToWorker::Reset)
            >
                "Reset"
            </button>
            <label class="speed">
                "Speed "
                <select data-testid="speed" on:change=on_speed>
                    {SPEEDS
                        .into_iter()
                        .map(|(speed, label)| {
                            view! {
                                <option
                                    value=speed_value(speed)
                                    selected=move || ctx.speed.get() == speed
                                >
                                    {label}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </label>
            {move || {
                state
                    .with(|s| s.kernel_warmup_hint())
                    .map(|hint| view! { <p class="hint" data-testid="gpu-warmup">{hint}</p> })
            }}
        </div>
    }
}
