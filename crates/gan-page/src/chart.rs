//! Chart geometry: data ranges, "nice" axis ticks and SVG paths, computed without a DOM so
//! the chart component only places what this module measured.

use crate::history::{Curve, History};

/// Size and margins of a chart in SVG user units.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Frame {
    /// Total width.
    pub width: f64,
    /// Total height.
    pub height: f64,
    /// Space left of the plot for the value labels.
    pub left: f64,
    /// Space below the plot for the step labels and the axis title.
    pub bottom: f64,
    /// Space above and right of the plot.
    pub pad: f64,
}

impl Default for Frame {
    fn default() -> Self {
        Self {
            width: 640.0,
            height: 260.0,
            left: 52.0,
            bottom: 44.0,
            pad: 10.0,
        }
    }
}

/// One axis tick: where it sits (in SVG units) and its label.
#[derive(Debug, Clone, PartialEq)]
pub struct Tick {
    /// Position along the axis in SVG units.
    pub at: f64,
    /// The label text.
    pub label: String,
}

/// The mapping from data to SVG coordinates for one chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Plot {
    frame: Frame,
    x: (f64, f64),
    y: (f64, f64),
}

impl Plot {
    /// A plot of steps `x` (first, last) against values `y` (low, high). Empty or reversed
    /// ranges are widened so that nothing divides by zero.
    pub fn new(frame: Frame, x: (f64, f64), y: (f64, f64)) -> Self {
        let widen = |(lo, hi): (f64, f64), by: f64| {
            if hi > lo && hi.is_finite() && lo.is_finite() {
                (lo, hi)
            } else if lo.is_finite() {
                (lo, lo + by)
            } else {
                (0.0, by)
            }
        };
        Self {
            frame,
            x: widen(x, 1.0),
            y: widen(y, 1.0),
        }
    }

    /// The frame this plot draws in.
    pub fn frame(&self) -> Frame {
        self.frame
    }

    /// Left edge of the plot area.
    pub fn x0(&self) -> f64 {
        self.frame.left
    }

    /// Right edge of the plot area.
    pub fn x1(&self) -> f64 {
        self.frame.width - self.frame.pad
    }

    /// Top edge of the plot area.
    pub fn y_top(&self) -> f64 {
        self.frame.pad
    }

    /// Bottom edge of the plot area.
    pub fn y_bottom(&self) -> f64 {
        self.frame.height - self.frame.bottom
    }

    /// SVG x of a step.
    pub fn sx(&self, step: f64) -> f64 {
        let (lo, hi) = self.x;
        self.x0() + (step - lo) / (hi - lo) * (self.x1() - self.x0())
    }

    /// SVG y of a value; values outside the range are clamped to the plot's edge.
    pub fn sy(&self, value: f64) -> f64 {
        let (lo, hi) = self.y;
        let t = ((value - lo) / (hi - lo)).clamp(0.0, 1.0);
        self.y_bottom() - t * (self.y_bottom() - self.y_top())
    }

    /// An SVG path (`M x y L x y …`) through the points, or an empty string for none.
    pub fn path(&self, points: &[(f64, f64)]) -> String {
        let mut d = String::with_capacity(points.len() * 16);
        for (i, &(step, value)) in points.iter().enumerate() {
            let cmd = if i == 0 { 'M' } else { 'L' };
            if !d.is_empty() {
                d.push(' ');
            }
            d.push_str(&format!("{cmd}{:.1} {:.1}", self.sx(step), self.sy(value)));
        }
        d
    }

    /// Step ticks along the bottom.
    pub fn x_ticks(&self, max_count: usize) -> Vec<Tick> {
        nice_ticks(self.x.0, self.x.1, max_count)
            .into_iter()
            .map(|v| Tick {
                at: self.sx(v),
                label: format_step(v),
            })
            .collect()
    }

    /// Value ticks along the left side.
    pub fn y_ticks(&self, max_count: usize) -> Vec<Tick> {
        nice_ticks(self.y.0, self.y.1, max_count)
            .into_iter()
            .map(|v| Tick {
                at: self.sy(v),
                label: format_value(v),
            })
            .collect()
    }
}

/// The step range to plot: from the first to the last step, at least 10 steps wide.
pub fn step_range(points: &[(f64, f64)]) -> (f64, f64) {
    let first = points.first().map_or(0.0, |p| p.0);
    let last = points.last().map_or(10.0, |p| p.0);
    (first.min(last), last.max(first + 10.0))
}

/// The value range for losses: from 0 to a round number above the largest value, capped so
/// that one runaway spike does not flatten every other curve (it is clamped to the edge).
pub fn loss_range(values: impl IntoIterator<Item = f64>, cap: f64) -> (f64, f64) {
    let max = values
        .into_iter()
        .filter(|v| v.is_finite())
        .fold(0.0_f64, f64::max)
        .min(cap);
    (0.0, nice_ceiling(max.max(1.0)))
}

/// The smallest of 1, 2, 2.5 or 5 × 10ⁿ that is at least `value` (for `value` > 0).
pub fn nice_ceiling(value: f64) -> f64 {
    let magnitude = 10f64.powf(value.log10().floor());
    [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .map(|m| m * magnitude)
        .find(|&c| c >= value * (1.0 - 1e-9))
        .unwrap_or(10.0 * magnitude)
}

/// Round tick values from `lo` to `hi`, at most `max_count` of them (at least 2 are asked for).
pub fn nice_ticks(lo: f64, hi: f64, max_count: usize) -> Vec<f64> {
    // Written so that NaN bounds, which compare false with everything, take this branch.
    if hi.partial_cmp(&lo) != Some(std::cmp::Ordering::Greater)
        || !lo.is_finite()
        || !hi.is_finite()
    {
        return vec![lo];
    }
    let max_count = max_count.max(2);
    let rough = (hi - lo) / (max_count - 1) as f64;
    let mut spacing = nice_ceiling(rough);
    loop {
        let first = (lo / spacing).ceil();
        let last = (hi / spacing).floor();
        let count = (last - first) as usize + 1;
        if count <= max_count {
            return (0..count)
                .map(|i| (first + i as f64) * spacing)
                // Round away float noise such as 0.6000000000000001.
                .map(|v| (v * 1e9).round() / 1e9)
                .collect();
        }
        spacing = nice_ceiling(spacing * 1.01);
    }
}

/// A step label: 1500 → "1.5k", 20000 → "20k", 800 → "800".
pub fn format_step(step: f64) -> String {
    if step.abs() >= 1000.0 {
        let k = step / 1000.0;
        if (k - k.round()).abs() < 1e-9 {
            format!("{}k", k.round())
        } else {
            format!("{k:.1}k")
        }
    } else {
        format!("{}", step.round())
    }
}

/// A value label with no more digits than a tick needs: 0.25, 1, 2.5.
pub fn format_value(value: f64) -> String {
    let text = format!("{value:.2}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".into()
    } else {
        text.into()
    }
}

/// One curve ready to draw: its raw and smoothed paths.
#[derive(Debug, Clone, PartialEq)]
pub struct CurvePaths {
    /// Which curve.
    pub curve: Curve,
    /// Path through the measured values.
    pub raw: String,
    /// Path through the moving average.
    pub smooth: String,
}

/// Everything a chart component draws, measured from a [`History`].
#[derive(Debug, Clone, PartialEq)]
pub struct ChartDrawing {
    /// The mapping from data to SVG units.
    pub plot: Plot,
    /// One entry per curve, in the order asked for.
    pub curves: Vec<CurvePaths>,
    /// Step ticks.
    pub x_ticks: Vec<Tick>,
    /// Value ticks.
    pub y_ticks: Vec<Tick>,
    /// Points in the history (the same for every curve).
    pub points: usize,
}

/// How the value axis is scaled.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ValueAxis {
    /// From 0 to a round number above the data, capped at the given value.
    Loss {
        /// The highest the axis goes; larger values sit on the top edge.
        cap: f64,
    },
    /// Fixed from 0 to 1.
    Probability,
}

impl ChartDrawing {
    /// Measures `curves` of `history` for a chart in `frame`.
    pub fn build(history: &History, curves: &[Curve], axis: ValueAxis, frame: Frame) -> Self {
        let raw: Vec<Vec<(f64, f64)>> = curves.iter().map(|&c| history.series(c, false)).collect();
        let smooth: Vec<Vec<(f64, f64)>> =
            curves.iter().map(|&c| history.series(c, true)).collect();
        let all_steps: Vec<(f64, f64)> = history
            .points()
            .iter()
            .map(|p| (p.step as f64, 0.0))
            .collect();
        let y = match axis {
            ValueAxis::Loss { cap } => {
                loss_range(smooth.iter().chain(raw.iter()).flatten().map(|p| p.1), cap)
            }
            ValueAxis::Probability => (0.0, 1.0),
        };
        let plot = Plot::new(frame, step_range(&all_steps), y);
        let curves = curves
            .iter()
            .zip(raw.iter().zip(smooth.iter()))
            .map(|(&curve, (raw, smooth))| CurvePaths {
                curve,
                raw: plot.path(raw),
                smooth: plot.path(smooth),
            })
            .collect();
        Self {
            x_ticks: plot.x_ticks(6),
            y_ticks: plot.y_ticks(5),
            plot,
            curves,
            points: history.len(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_drawing_has_one_path_pair_per_curve_and_counts_points() {
        let mut history = History::default();
        for step in 1..=50 {
            history.push(&crate::history::tests::stats(
                step,
                0.5 + step as f32 / 100.0,
                0.4,
            ));
        }
        let drawing = ChartDrawing::build(
            &history,
            &Curve::LOSSES,
            ValueAxis::Loss { cap: 10.0 },
            Frame::default(),
        );
        assert_eq!(drawing.points, 50);
        assert_eq!(drawing.curves.len(), 3);
        assert!(
            drawing
                .curves
                .iter()
                .all(|c| c.raw.matches('L').count() == 49)
        );
        // Losses reach 1.0: the axis goes to 1, labelled with round ticks from 0.
        assert_eq!(drawing.y_ticks.first().map(|t| t.label.as_str()), Some("0"));
        assert_eq!(drawing.y_ticks.last().map(|t| t.label.as_str()), Some("1"));
        assert!(drawing.x_ticks.len() >= 3);
        let empty = ChartDrawing::build(
            &History::default(),
            &Curve::PROBABILITIES,
            ValueAxis::Probability,
            Frame::default(),
        );
        assert_eq!(empty.points, 0);
        assert!(empty.curves.iter().all(|c| c.raw.is_empty()));
    }

    #[test]
    fn nice_ticks_are_round_and_inside_the_range() {
        assert_eq!(nice_ticks(0.0, 1.0, 6), vec![0.0, 0.2, 0.4, 0.6, 0.8, 1.0]);
        assert_eq!(
            nice_ticks(0.0, 1000.0, 5),
            vec![0.0, 250.0, 500.0, 750.0, 1000.0]
        );
        let ticks = nice_ticks(13.0, 4321.0, 6);
        assert!(ticks.len() <= 6 && ticks.len() >= 3, "{ticks:?}");
        assert!(
            ticks.iter().all(|&t| (13.0..=4321.0).contains(&t)),
            "{ticks:?}"
        );
    }

    #[test]
    fn nice_ceiling_rounds_up_to_1_2_25_5() {
        assert_eq!(nice_ceiling(0.7), 1.0);
        assert_eq!(nice_ceiling(1.3), 2.0);
        assert_eq!(nice_ceiling(2.2), 2.5);
        assert_eq!(nice_ceiling(3.0), 5.0);
        assert_eq!(nice_ceiling(7.0), 10.0);
        assert_eq!(nice_ceiling(10.0), 10.0);
    }

    #[test]
    fn loss_range_ignores_nan_and_caps_spikes() {
        assert_eq!(loss_range([0.3, f64::NAN, 0.8], 10.0), (0.0, 1.0));
        assert_eq!(loss_range([0.3, 1.7], 10.0), (0.0, 2.0));
        assert_eq!(loss_range([0.3, 500.0], 10.0), (0.0, 10.0));
    }

    #[test]
    fn paths_map_data_corners_to_plot_corners() {
        let plot = Plot::new(Frame::default(), (0.0, 100.0), (0.0, 1.0));
        let d = plot.path(&[(0.0, 0.0), (100.0, 1.0)]);
        let f = Frame::default();
        let expected = format!(
            "M{:.1} {:.1} L{:.1} {:.1}",
            f.left,
            f.height - f.bottom,
            f.width - f.pad,
            f.pad
        );
        assert_eq!(d, expected);
        assert_eq!(plot.path(&[]), "");
        // Out-of-range values stay on the plot's edge.
        assert_eq!(plot.sy(7.0), plot.y_top());
    }

    #[test]
    fn degenerate_ranges_do_not_divide_by_zero() {
        let plot = Plot::new(Frame::default(), (5.0, 5.0), (f64::NAN, f64::NAN));
        assert!(plot.sx(5.0).is_finite());
        assert!(plot.sy(0.5).is_finite());
        assert_eq!(step_range(&[]), (0.0, 10.0));
        assert_eq!(step_range(&[(40.0, 1.0)]), (40.0, 50.0));
    }

    #[test]
    fn labels_are_short() {
        assert_eq!(format_step(1500.0), "1.5k");
        assert_eq!(format_step(20000.0), "20k");
        assert_eq!(format_step(800.0), "800");
        assert_eq!(format_value(0.25), "0.25");
        assert_eq!(format_value(1.0), "1");
        assert_eq!(format_value(2.5), "2.5");
    }
}
