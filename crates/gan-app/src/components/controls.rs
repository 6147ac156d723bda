//! Train / Pause, Step, Phase step, Reset, the speed and slow motion's pace: what a teacher
//! drives the lesson with.

use gan_protocol::{Speed, ToWorker, fill};
use leptos::prelude::*;

use crate::page::context::AppContext;

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
        let speed = Speed::from_id(&event_target_value(&ev)).unwrap_or_default();
        ctx.speed.set(speed);
        ctx.send(&ToWorker::SetSpeed { speed });
    };
    let on_pace = move |ev| {
        let seconds = event_target_value(&ev)
            .parse()
            .unwrap_or(Speed::DEFAULT_PACE_S);
        ctx.pace.set(seconds);
        ctx.send(&ToWorker::SetPace { seconds });
    };
    view! {
        <div class="controls" role="group" aria-label=move || ctx.t().controls_aria>
            <button
                class="primary"
                data-testid="train"
                aria-pressed=move || running.get().to_string()
                disabled=move || !ready.get()
                title=move || ctx.t().key_train
                on:click=move |_| {
                    ctx.send(&if running.get_untracked() { ToWorker::Pause } else { ToWorker::Train });
                }
            >
                {move || if running.get() { ctx.t().pause } else { ctx.t().train }}
            </button>
            <button
                data-testid="step"
                disabled=move || !ready.get()
                title=move || ctx.t().key_step
                on:click=move |_| ctx.send(&ToWorker::Step)
            >
                {move || ctx.t().step}
            </button>
            <button
                data-testid="phase-step"
                disabled=move || !ready.get()
                title=move || ctx.t().key_phase
                on:click=move |_| ctx.send(&ToWorker::PhaseStep)
            >
                {move || fill(ctx.t().phase_step, &[("phase", &next_phase.get().number())])}
            </button>
            <button
                data-testid="reset"
                disabled=move || !ready.get()
                title=move || ctx.t().key_reset
                on:click=move |_| ctx.send(&ToWorker::Reset)
            >
                {move || ctx.t().reset}
            </button>
            <label class="speed">
                {move || ctx.t().speed_label}
                <select data-testid="speed" on:change=on_speed>
                    {Speed::OFFERED
                        .into_iter()
                        .map(|speed| {
                            view! {
                                <option
                                    value=speed.id()
                                    selected=move || ctx.speed.get() == speed
                                >
                                    {move || speed.label(ctx.lang.get())}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </label>
            // How long slow motion shows each phase: long enough to read its explanation aloud.
            <label class="pace" hidden=move || ctx.speed.get() != Speed::SlowMotion>
                {move || ctx.t().pace_label}
                <select data-testid="pace" on:change=on_pace>
                    {Speed::PACES_S
                        .into_iter()
                        .map(|seconds| {
                            view! {
                                <option value=seconds.to_string() selected=move || ctx.pace.get() == seconds>
                                    {move || fill(ctx.t().pace_seconds, &[("seconds", &seconds)])}
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
