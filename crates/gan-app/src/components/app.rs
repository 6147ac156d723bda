//! The root component: lays out the panels and starts the worker.

use gan_page::Curve;
use gan_page::chart::ValueAxis;
use gan_page::lesson::Panel;
use gan_protocol::lang::Term;
use leptos::prelude::*;

use super::ask_panel::AskPanel;
use super::backend_badge::BackendBadge;
use super::bench_panel::BenchPanel;
use super::chart::Chart;
use super::checkpoint_panel::CheckpointPanel;
use super::controls::Controls;
use super::data_select::DataSelect;
use super::digit_grid::DigitGrid;
use super::export_panel::ExportPanel;
use super::glossary::Glossary;
use super::intro::Intro;
use super::judge_panel::JudgePanel;
use super::lesson_bar::LessonBar;
use super::load_panel::LoadPanel;
use super::notice::NoticeLine;
use super::own_pictures::OwnPictures;
use super::quiz_panel::QuizPanel;
use super::real_strip::RealStrip;
use super::scoreboard::Scoreboard;
use super::settings_panel::SettingsPanel;
use super::walk_panel::WalkPanel;
use crate::page::context::AppContext;
use crate::page::keys;

/// The whole page.
#[component]
pub fn App() -> impl IntoView {
    let (ctx, problems) = AppContext::new();
    provide_context(ctx);
    keys::install(ctx);
    ctx.start(&problems);
    let state = ctx.state;
    view! {
        <main
            class="app"
            data-testid="app"
            class:present=move || ctx.present.get()
            data-ready=move || state.with(|s| s.ready()).to_string()
            data-backend=move || {
                state.with(|s| s.backend.as_ref().map_or("", |b| b.kind.id()).to_string())
            }
        >
            <Intro />
            <LessonBar />
            <BenchPanel />
            <LoadPanel />
            <div class="layout">
                <section class="panel stage" aria-label=move || ctx.t().stage_aria>
                    <div class="stage-row">
                        <DigitGrid />
                        <RealStrip />
                    </div>
                    <ExportPanel />
                </section>
                <Scoreboard />
                <section class="panel controls-panel" aria-label=move || ctx.t().controls_panel_aria>
                    <BackendBadge />
                    <DataSelect />
                    <OwnPictures />
                    <Controls />
                    <CheckpointPanel />
                    <NoticeLine />
                    <SettingsPanel />
                </section>
                <section
                    class="panel charts"
                    aria-label=move || ctx.t().charts_aria
                    hidden=move || !ctx.shows(Panel::Charts)
                >
                    <Chart
                        title=|t| t.losses_title
                        testid="loss-chart"
                        curves=&Curve::LOSSES
                        axis=ValueAxis::Loss { cap: 10.0 }
                        y_label=|t| t.loss_axis
                        term=Term::Loss
                    />
                    <Chart
                        title=|t| t.beliefs_title
                        testid="prob-chart"
                        curves=&Curve::PROBABILITIES
                        axis=ValueAxis::Probability
                        y_label=|t| t.probability_axis
                        term=Term::DOfGOfZ
                    />
                </section>
                <QuizPanel />
                <AskPanel />
                <WalkPanel />
                <JudgePanel />
                <Glossary />
            </div>
        </main>
    }
}
