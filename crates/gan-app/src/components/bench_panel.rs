//! The speed benchmark's panel, shown only with `?bench=1`: what is being measured, and the
//! result as JSON for the bench driver (`data-testid="bench-result"`).

use gan_page::bench::BenchState;
use gan_protocol::{Lang, fill};
use leptos::prelude::*;

use crate::page::context::AppContext;

fn state_id(state: &BenchState) -> &'static str {
    match state {
        BenchState::Waiting => "waiting",
        BenchState::Calibrating => "calibrating",
        BenchState::WarmingUp => "warming_up",
        BenchState::Measuring => "measuring",
        BenchState::Done => "done",
        BenchState::Failed { .. } => "failed",
    }
}

fn summary(report: &gan_page::bench::BenchReport, lang: Lang) -> String {
    let t = lang.texts();
    match &report.state {
        BenchState::Waiting => t.bench_waiting.into(),
        BenchState::Calibrating => t.bench_calibrating.into(),
        BenchState::WarmingUp => t.bench_warming_up.into(),
        BenchState::Measuring => fill(
            t.bench_measuring,
            &[
                ("window", &(report.windows.len() + 1)),
                ("windows", &report.plan.windows),
            ],
        ),
        BenchState::Done => fill(
            t.bench_done,
            &[
                (
                    "rate",
                    &lang.number(report.median_steps_per_second.unwrap_or(f64::NAN), 2),
                ),
                ("windows", &report.windows.len()),
            ],
        ),
        BenchState::Failed { message } => fill(t.bench_failed, &[("why", message)]),
    }
}

/// The benchmark panel; empty unless the page runs a benchmark.
#[component]
pub fn BenchPanel() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let report = Memo::new(move |_| ctx.bench.with(|b| b.as_ref().map(|b| b.report())));
    move || {
        report.get().map(|report| {
            let json = serde_json::to_string_pretty(&report).unwrap_or_default();
            view! {
                <section class="panel bench" aria-label=move || ctx.t().bench_title>
                    <h2>{move || ctx.t().bench_title}</h2>
                    <p data-testid="bench-summary">{summary(&report, ctx.lang.get())}</p>
                    <pre data-testid="bench-result" data-state=state_id(&report.state)>
                        {json}
                    </pre>
                </section>
            }
        })
    }
}
