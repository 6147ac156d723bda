//! "The judge": a classifier trained on real digits scores the forger. Shows whether it is
//! loaded, the label toggle, the class histogram with its diversity figure and the collapse
//! warning, and the Fréchet distance over time; each figure with one sentence for students.

use gan_judge::coverage::{MAX_ENTROPY_BITS, PRESENT_SHARE};
use gan_session::chart::Frame;
use gan_session::quality::{FrechetChart, JudgeStatus, explain};
use leptos::prelude::*;

use super::axes::axes;
use crate::page::context::AppContext;

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
    let status_text = move || match status.get() {
        JudgeStatus::Loading => "The judge is loading…".to_string(),
        JudgeStatus::Ready { test_accuracy } => format!(
            "A classifier trained on real handwriting ({:.1} % right on 10 000 test digits) \
             scores the forger every 200 steps.",
            100.0 * test_accuracy
        ),
        JudgeStatus::Unavailable(message) => {
            format!("No judge this time: {message}. Training runs on without its figures.")
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
            aria-label="The judge"
        >
            <h2>"The judge"</h2>
            <p class="caption" data-testid="judge-status">{status_text}</p>
            <label class="label-toggle" class:disabled=move || !ready()>
                <input
                    type="checkbox"
                    data-testid="label-toggle"
                    prop:disabled=move || !ready()
                    prop:checked=move || ctx.show_labels.get()
                    on:change=move |ev| ctx.set_show_labels(event_target_checked(&ev))
                />
                " Show the judge's reading of each digit"
            </label>
            <p class="small" hidden=move || !ctx.show_labels.get()>{explain::LABELS}</p>
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
    let warning = Memo::new(move |_| state.with(|s| s.quality.warning_text()));
    let summary = move || {
        state.with(|s| {
            s.quality
                .summary()
                .unwrap_or_else(|| "waiting for the first 500 forgeries".into())
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
                        <li class:missing=share < PRESENT_SHARE title=format!("{digit}: {:.0} %", 100.0 * share)>
                            <span class="bar" style:height=height></span>
                            <span class="digit">{digit}</span>
                        </li>
                    }
                })
                .collect_view()
        })
    };
    let diversity = move || {
        latest.with(|r| {
            r.as_ref().map_or("–".into(), |r| {
                format!(
                    "{:.2} of {MAX_ENTROPY_BITS:.2} bits",
                    r.coverage.entropy_bits()
                )
            })
        })
    };
    view! {
        <figure class="histogram">
            <figcaption>
                <span class="chart-title">"Which digits the forger draws"</span>
            </figcaption>
            <ol class="bars" data-testid="class-histogram" aria-label="Share of each digit among 500 fresh forgeries">
                {bars}
            </ol>
            <p class="small">{explain::HISTOGRAM}</p>
            <p class="diversity">
                "Diversity: " <strong data-testid="diversity">{diversity}</strong>
            </p>
            <p class="small">{explain::DIVERSITY}</p>
            <p class="collapse-warning" role="alert" data-testid="collapse-warning" hidden=move || warning.get().is_none()>
                {move || warning.get().unwrap_or_default()}
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
        state.with(|s| {
            s.quality
                .latest()
                .and_then(|r| r.frechet)
                .map_or("–".into(), |f| format!("{f:.1}"))
        })
    };
    view! {
        <figure class="chart frechet">
            <figcaption>
                <span class="chart-title">"How far from real digits"</span>
                <span>"Fréchet distance now: " <strong data-testid="frechet">{latest}</strong></span>
            </figcaption>
            <svg
                viewBox=format!("0 0 {} {}", FRAME.width, FRAME.height)
                data-testid="frechet-chart"
                data-points=move || chart.with(|c| c.reports.to_string())
                role="img"
                aria-label="Fréchet distance between forgeries and real digits over training steps"
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
                                {axes(&c.plot, &c.x_ticks, &c.y_ticks, "distance")}
                                <path class="smooth frechet-line" d=c.path.clone()></path>
                                {dots}
                            }
                        })
                }}
            </svg>
            <p class="small">{explain::FRECHET}</p>
        </figure>
    }
}
