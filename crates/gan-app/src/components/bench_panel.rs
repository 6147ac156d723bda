//! The speed benchmark's panel, shown only with `?bench=1`: what is being measured, and the
//! result as JSON for the bench driver (`data-testid="bench-result"`).

use gan_session::bench::BenchState;
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

fn summary(report: &gan_session::bench::BenchReport) -> String {
    match &report.state {
        BenchState::Waiting => "Waiting for the trainer…".into(),
        BenchState::Calibrating => {
            "Measuring the backend alone (bare matrix products, bare training loop)…".into()
        }
        BenchState::WarmingUp => "Training: warm-up steps…".into(),
        BenchState::Measuring => format!(
            "Training with the page updating: window {} of {}…",
            report.windows.len() + 1,
            report.plan.windows
        ),
        BenchState::Done => format!(
            "Done: {:.2} steps/s (median of {} windows).",
            report.median_steps_per_second.unwrap_or(f64::NAN),
            report.windows.len()
        ),
        BenchState::Failed { message } => format!("The benchmark stopped: {message}"),
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
                <section class="panel bench" aria-label="Speed benchmark">
                    <h2>"Speed benchmark"</h2>
                    <p data-testid="bench-summary">{summary(&report)}</p>
                    <pre data-testid="bench-result" data-state=state_id(&report.state)>
                        {json}
                    </pre>
                </section>
            }
        })
    }
}
