//! "The judge": a classifier trained on real digits scores the forger. Shows whether it is
//! loaded, the label toggle, the class histogram with its diversity figure and the collapse
//! warning, and the Fréchet distance over time; each figure with one sentence for students.

use gan_judge::coverage::{MAX_ENTROPY_BITS, PRESENT_SHARE};
use gan_page::chart::Frame;
use gan_page::lesson::Panel;
use gan_page::quality::{FrechetChart, JudgeStatus};
use gan_protocol::fill;
use leptos::prelude::*;

use super::axes::axes;
use super::glossary::GlossaryLink;
use crate::page::context::AppContext;
use gan_protocol::lang::Term;

/// Size of the Fréchet chart: as wide as the loss charts, lower.
const FRAME: Frame = Frame {
    width: 640.0,
    height: 200.0,
    left: 52.0,
    bottom: 44.0,
    pad: 10.0,
};

/// The judge's panel.
#[component]
pub fn JudgePanel() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let state = ctx.state;
    let status = Memo::new(move |_| state.with(|s| s.judge.clone()));
    let status_id = move || match status.get() {
        JudgeStatus::Loading => "loading",
        JudgeStatus::Ready { .. } => "ready",
        JudgeStatus::Unavailable(_) => "unavailable",
    };
    let status_text = move || {
        let lang = ctx.lang.get();
        let t = lang.texts();
        match status.get() {
            JudgeStatus::Loading => t.judge_loading.to_string(),
            JudgeStatus::Ready { test_accuracy } => fill(
                t.judge_ready,
                &[(
                    "accuracy",
                    &lang.number(100.0 * f64::from(test_accuracy), 1),
                )],
            ),
            JudgeStatus::Unavailable(message) => fill(t.judge_unavailable, &[("why", &message)]),
        }
    };
    let ready = move || matches!(status.get(), JudgeStatus::Ready { .. });
    view! {
        <section
            class="panel judge"
            data-testid="judge-panel"
            data-judge=status_id
            data-chunk-ms=move || {
                state.with(|s| {
                    s.quality
                        .latest()
                        .and_then(|r| r.longest_chunk_ms)
                        .map_or(String::new(), |ms| format!("{ms:.0}"))
                })
            }
            aria-label=move || ctx.t().judge_title
            hidden=move || !ctx.shows(Panel::Judge)
        >
            <h2>{move || ctx.t().judge_title}</h2>
            <p class="caption" data-testid="judge-status">{status_text}</p>
            <label class="label-toggle" class:disabled=move || !ready()>
                <input
                    type="checkbox"
                    data-testid="label-toggle"
                    prop:disabled=move || !ready()
                    prop:checked=move || ctx.show_labels.get()
                    on:change=move |ev| ctx.set_show_labels(event_target_checked(&ev))
                />
                {move || ctx.t().label_toggle}
            </label>
            <p class="small" hidden=move || !ctx.show_labels.get()>{move || ctx.t().explain_labels}</p>
            <Show when=ready>
                <div class="judge-figures">
                    <Histogram />
                    <FrechetPlot />
                </div>
            </Show>
        </section>
    }
}

/// The class histogram, its diversity figure and the collapse warning.
#[component]
fn Histogram() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let state = ctx.state;
    let latest = Memo::new(move |_| state.with(|s| s.quality.latest().cloned()));
    let warning = Memo::new(move |_| state.with(|s| s.quality.warning_text(ctx.lang.get())));
    let summary = move || {
        let lang = ctx.lang.get();
        state.with(|s| {
            s.quality
                .summary(lang)
                .unwrap_or_else(|| lang.texts().waiting_for_forgeries.into())
        })
    };
    let bars = move || {
        latest.with(|report| {
            let shares = report.as_ref().map(|r| r.coverage.shares()).unwrap_or_default();
            let top = shares.iter().copied().fold(0.1, f64::max);
            shares
                .iter()
                .enumerate()
                .map(|(digit, &share)| {
                    // A CSSOM property, not a style attribute: the page's CSP allows no inline styles.
                    let height = format!("{:.1}%", 100.0 * share / top);
                    view! {
                        <li class:missing=share < PRESENT_SHARE title=fill(ctx.t().histogram_bar, &[("digit", &digit), ("share", &format!("{:.0}", 100.0 * share))])>
                            <span class="bar" style:height=height></span>
                            <span class="digit">{digit}</span>
                        </li>
                    }
                })
                .collect_view()
        })
    };
    let diversity = move || {
        let lang = ctx.lang.get();
        latest.with(|r| {
            r.as_ref().map_or("–".into(), |r| {
                fill(
                    lang.texts().diversity_bits,
                    &[
                        ("bits", &lang.number(r.coverage.entropy_bits(), 2)),
                        ("max", &lang.number(MAX_ENTROPY_BITS, 2)),
                    ],
                )
            })
        })
    };
    view! {
        <figure class="histogram">
            <figcaption>
                <span class="chart-title">{move || ctx.t().histogram_title}</span>
            </figcaption>
            <ol class="bars" data-testid="class-histogram" aria-label=move || ctx.t().histogram_aria>
                {bars}
            </ol>
            <p class="small">{move || ctx.t().explain_histogram}</p>
            <p class="diversity">
                {move || ctx.t().diversity_label} <strong data-testid="diversity">{diversity}</strong>
            </p>
            <p class="small">{move || ctx.t().explain_diversity}</p>
            <p class="collapse-warning" role="alert" data-testid="collapse-warning" hidden=move || warning.get().is_none()>
                {move || warning.get().unwrap_or_default()} <GlossaryLink term=Term::ModeCollapse />
            </p>
            <p class="small" data-testid="quality-summary">{summary}</p>
        </figure>
    }
}

/// The Fréchet distance over training steps, on a logarithmic axis.
#[component]
fn FrechetPlot() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let state = ctx.state;
    let chart = Memo::new(move |_| state.with(|s| FrechetChart::build(&s.quality, FRAME)));
    let latest = move || {
        let lang = ctx.lang.get();
        state.with(|s| {
            s.quality
                .latest()
                .and_then(|r| r.frechet)
                .map_or("–".into(), |f| lang.number(f, 1))
        })
    };
    view! {
        <figure class="chart frechet">
            <figcaption>
                <span class="chart-title">{move || ctx.t().frechet_title} <GlossaryLink term=Term::FrechetDistance /></span>
                <span>{move || ctx.t().frechet_now_label} <strong data-testid="frechet">{latest}</strong></span>
            </figcaption>
            <svg
                viewBox=format!("0 0 {} {}", FRAME.width, FRAME.height)
                data-testid="frechet-chart"
                data-points=move || chart.with(|c| c.reports.to_string())
                role="img"
                aria-label=move || ctx.t().frechet_aria
            >
                {move || {
                    chart
                        .with(|c| {
                            let dots = c
                                .dots
                                .iter()
                                .map(|&(x, y)| view! { <circle class="dot" cx=x cy=y r="3"></circle> })
                                .collect_view();
                            view! {
                                {axes(&c.plot, &c.x_ticks, &c.y_ticks, ctx.t().steps_axis, ctx.t().distance_axis)}
                                <path class="smooth frechet-line" d=c.path.clone()></path>
                                {dots}
                            }
                        })
                }}
            </svg>
            <p class="small">{move || ctx.t().explain_frechet}</p>
        </figure>
    }
}
