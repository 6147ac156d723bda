//! "Discriminator vs Generator": the six phases as boxes with the running one highlighted,
//! D shown frozen in phases 4–5, the score in plain words and the classic failures.

use gan_core::Phase;
use gan_page::lesson::Panel;
use gan_page::verdict::{Advice, percent};
use gan_page::watching::phase_terms;
use gan_protocol::fill;
use gan_protocol::lang::Term;
use leptos::prelude::*;

use super::divergence_box::DivergenceBox;
use super::duel_diagram::DuelDiagram;
use super::glossary::GlossaryLink;
use super::phase_data::PhaseData;
use crate::page::context::AppContext;

/// The scoreboard.
#[component]
pub fn Scoreboard() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let state = ctx.state;
    let boxes = Memo::new(move |_| state.with(|s| s.phase_boxes()));
    let frozen = Memo::new(move |_| state.with(|s| s.discriminator_frozen()));
    let active = Memo::new(move |_| state.with(|s| s.last_phase.map_or(0, Phase::number)));
    let verdict = Memo::new(move |_| state.with(|s| s.verdict()));
    // What a screen reader hears: the verdict when the lead changes hands, not its figures on
    // every step (the visible headline carries those).
    let leader = Memo::new(move |_| verdict.with(|v| v.leader));
    // A language switch rewrites it too, once (the state's language: the verdict follows it).
    let verdict_lang = Memo::new(move |_| state.with(|s| s.lang));
    let announcement = move || {
        // Read, not only tracked: a memo that was never read is never computed, and so never
        // learns that its sources changed.
        let _ = (leader.get(), verdict_lang.get());
        verdict.with_untracked(|v| v.headline.clone())
    };
    let step = Memo::new(move |_| state.with(|s| s.step));
    // Advice names a learning rate only where the class can see the form that sets it.
    let advice = move || {
        if ctx.shows(Panel::Settings) {
            Advice::Settings
        } else {
            Advice::ResetOnly
        }
    };
    let note = Memo::new(move |_| state.with(|s| s.duel_note()));
    // The figures are smoothed over the recent steps, as the verdict is: one step's accuracy
    // jumps between 0 and 100 % when D(G(z)) hovers around 0.5.
    let recent = Memo::new(move |_| state.with(|s| (s.step > 0).then_some(s.recent)));
    // Fast training runs every phase many times a second: the boxes light up in turn.
    let cycling = Memo::new(move |_| {
        state.with(|s| s.running) && ctx.speed.get() != gan_protocol::Speed::SlowMotion
    });
    let explanation = move || {
        let lang = ctx.lang.get();
        let t = lang.texts();
        state.with(|s| match (s.last_phase, s.running) {
            (_, true) if cycling.get() => fill(
                t.phases_cycling,
                &[("rate", &lang.number(f64::from(s.steps_per_second), 1))],
            ),
            (Some(phase), _) => format!(
                "{}. {}: {}",
                phase.number(),
                t.phase_title(phase),
                t.phase_explanation(phase)
            ),
            (None, _) => t.phases_idle.into(),
        })
    };
    view! {
        <section
            class="panel scoreboard"
            hidden=move || !ctx.shows(Panel::Scoreboard)
            data-testid="scoreboard"
            data-active-phase=move || active.get().to_string()
            aria-label=move || ctx.t().scoreboard_title
        >
            <h2>{move || ctx.t().scoreboard_title}</h2>
            <div class="duel">
                <div class="player detective" class:frozen=move || frozen.get()>
                    <span class="role">{move || ctx.t().detective_role} <GlossaryLink term=Term::Discriminator /></span>
                    <span class="lock" aria-hidden=move || (!frozen.get()).to_string()>
                        {move || ctx.t().frozen}
                    </span>
                    <span class="figure">
                        {move || recent.get().map_or("–".into(), |r| percent(r.caught))}
                    </span>
                    <span class="caption">{move || ctx.t().caught_caption}</span>
                    <span class="small">
                        {move || recent.get().map_or(String::new(), |r| {
                            let lang = ctx.lang.get();
                            fill(lang.texts().recognised_line, &[
                                ("recognised", &percent(r.recognised)),
                                ("d_real", &lang.number(f64::from(r.d_real), 2)),
                            ])
                        })}
                    </span>
                </div>
                <div class="round">
                    <span class="caption">{move || ctx.t().step_caption}</span>
                    <span class="figure" data-testid="step-counter" data-step=move || step.get().to_string()>
                        {move || step.get()}
                    </span>
                    <span class="small">
                        {move || state.with(|s| if s.running && s.steps_per_second > 0.0 {
                            let lang = ctx.lang.get();
                            fill(lang.texts().steps_per_second, &[("rate", &lang.number(f64::from(s.steps_per_second), 1))])
                        } else {
                            String::new()
                        })}
                    </span>
                </div>
                <div class="player forger">
                    <span class="role">{move || ctx.t().forger_role} <GlossaryLink term=Term::Generator /></span>
                    <span class="figure">
                        {move || recent.get().map_or("–".into(), |r| percent(1.0 - r.caught))}
                    </span>
                    <span class="caption">{move || ctx.t().fooled_caption}</span>
                    <span class="small">
                        {move || recent.get().map_or(String::new(), |r| {
                            let lang = ctx.lang.get();
                            fill(lang.texts().fake_line, &[("d_fake", &lang.number(f64::from(r.d_fake), 2))])
                        })}
                    </span>
                </div>
            </div>
            <p class="duel-note" data-testid="duel-note">{move || note.get()}</p>
            <ol class="phases" class:cycling=move || cycling.get()>
                {move || {
                    boxes
                        .get()
                        .into_iter()
                        .map(|b| {
                            let number = b.phase.number();
                            view! {
                                <li
                                    data-testid="phase-box"
                                    data-phase=number.to_string()
                                    data-active=b.active.to_string()
                                    class:active=b.active
                                    class:done=b.done
                                    class:d-frozen=b.phase.discriminator_frozen()
                                    data-frozen-tag=move || ctx.t().d_frozen_tag
                                    aria-current=if b.active { Some("step") } else { None }
                                >
                                    <span class="num">{number}</span>
                                    <span class="title">{move || ctx.t().phase_title(b.phase)}</span>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ol>
            <DuelDiagram />
            // Read out phase by phase when stepping; silent while the phases race by.
            <p
                class="explanation"
                data-testid="phase-explanation"
                aria-live=move || if cycling.get() { "off" } else { "polite" }
            >
                {explanation}
            </p>
            <p class="phase-terms" hidden=move || state.with(|s| s.last_phase.is_none()) || cycling.get()>
                {move || {
                    state
                        .with(|s| s.last_phase)
                        .map(|phase| {
                            phase_terms(phase)
                                .iter()
                                .map(|term| {
                                    let term = *term;
                                    view! {
                                        <a class="term" href=format!("#{}", term.id())>
                                            {move || term.name(ctx.lang.get())}
                                        </a>
                                    }
                                })
                                .collect_view()
                        })
                }}
            </p>
            <PhaseData />
            <DivergenceBox />
            <p class=move || format!("verdict {}", verdict.get().leader.css_class()) data-testid="verdict">
                {move || verdict.get().headline}
            </p>
            <p class="sr-only" aria-live="polite" data-testid="verdict-announce">
                {announcement}
            </p>
            <ul class="warnings" data-testid="warnings">
                {move || {
                    verdict
                        .get()
                        .warnings
                        .iter()
                        .map(|w| view! { <li role="alert">{w.message(ctx.lang.get(), advice())}</li> })
                        .collect_view()
                }}
            </ul>
        </section>
    }
}
