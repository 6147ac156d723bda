//! The frame every chart shares: value gridlines with their labels, the two axis lines, the
//! step ticks and the axis titles. Charts draw their lines on top.

use gan_page::chart::{Plot, Tick};
use leptos::prelude::*;

/// Axes for `plot`, with `x_label` under the step axis and `y_label` along the value axis.
pub fn axes(
    plot: &Plot,
    x_ticks: &[Tick],
    y_ticks: &[Tick],
    x_label: &str,
    y_label: &str,
) -> impl IntoView + use<> {
    let (x0, x1, top, bottom) = (plot.x0(), plot.x1(), plot.y_top(), plot.y_bottom());
    let height = plot.frame().height;
    let ys = y_ticks
        .iter()
        .map(|t| {
            view! {
                <line class="gridline" x1=x0 x2=x1 y1=t.at y2=t.at></line>
                <text class="tick y" x=x0 - 6.0 y=t.at + 4.0>{t.label.clone()}</text>
            }
        })
        .collect_view();
    let xs = x_ticks
        .iter()
        .map(|t| {
            view! {
                <line class="tickmark" x1=t.at x2=t.at y1=bottom y2=bottom + 5.0></line>
                <text class="tick x" x=t.at y=bottom + 19.0>{t.label.clone()}</text>
            }
        })
        .collect_view();
    let middle = (top + bottom) / 2.0;
    view! {
        {ys}
        <line class="axis" x1=x0 x2=x1 y1=bottom y2=bottom></line>
        <line class="axis" x1=x0 x2=x0 y1=top y2=bottom></line>
        {xs}
        <text class="axis-title" x=(x0 + x1) / 2.0 y=height - 6.0>{x_label.to_string()}</text>
        <text class="axis-title y" x=14.0 y=middle transform=format!("rotate(-90 14 {middle})")>
            {y_label.to_string()}
        </text>
    }
}
