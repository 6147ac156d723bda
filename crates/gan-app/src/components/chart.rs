//! A line chart of the training history: raw values thin, smoothed values bold, the step axis
//! labelled; the geometry comes from `gan_page::chart`.

use gan_page::Curve;
use gan_page::chart::{ChartDrawing, Frame, ValueAxis};
use gan_protocol::lang::Term;
use gan_protocol::{Texts, fill};
use leptos::prelude::*;

use super::axes::axes;
use super::glossary::GlossaryLink;
use crate::page::context::AppContext;

/// One chart of some of the history's curves.
#[component]
pub fn Chart(
    /// The heading, in the page's language.
    title: fn(&Texts) -> &'static str,
    /// The `data-testid` of the SVG.
    testid: &'static str,
    /// The curves to draw.
    curves: &'static [Curve],
    /// How the value axis is scaled.
    axis: ValueAxis,
    /// The value axis' title, in the page's language.
    y_label: fn(&Texts) -> &'static str,
    /// The glossary entry of what the chart shows.
    term: Term,
) -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let state = ctx.state;
    let show_raw = RwSignal::new(true);
    let frame = Frame::default();
    let drawing =
        Memo::new(move |_| state.with(|s| ChartDrawing::build(&s.history, curves, axis, frame)));
    let view_box = format!("0 0 {} {}", frame.width, frame.height);
    view! {
        <figure class="chart">
            <figcaption>
                <span class="chart-title">{move || title(ctx.t())} <GlossaryLink term=term /></span>
                <ul class="legend">
                    {curves
                        .iter()
                        .map(|c| view! { <li class=c.css_class()>{move || c.label(ctx.lang.get())}</li> })
                        .collect_view()}
                </ul>
                <label class="raw-toggle">
                    <input
                        type="checkbox"
                        prop:checked=move || show_raw.get()
                        on:change=move |ev| show_raw.set(event_target_checked(&ev))
                    />
                    {move || ctx.t().raw_values}
                </label>
            </figcaption>
            <svg
                viewBox=view_box
                data-testid=testid
                data-points=move || drawing.with(|d| d.points.to_string())
                role="img"
                aria-label=move || fill(ctx.t().chart_aria, &[("title", &title(ctx.t()))])
            >
                {move || {
                    drawing
                        .with(|d| {
                            let lines = d
                                .curves
                                .iter()
                                .map(|c| {
                                    let raw = show_raw.get().then(|| {
                                        view! { <path class=format!("raw {}", c.curve.css_class()) d=c.raw.clone()></path> }
                                    });
                                    view! {
                                        {raw}
                                        <path class=format!("smooth {}", c.curve.css_class()) d=c.smooth.clone()></path>
                                    }
                                })
                                .collect_view();
                            view! {
                                {axes(&d.plot, &d.x_ticks, &d.y_ticks, ctx.t().steps_axis, y_label(ctx.t()))}
                                {lines}
                            }
                        })
                }}
            </svg>
        </figure>
    }
}
