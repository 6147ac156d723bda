//! The page's record of the judge: whether it is loaded, its reports over time, the
//! mode-collapse watch and its warning in words. The sentences that explain each figure to a
//! class are in the catalog ([`gan_protocol::lang::Texts`], `explain_*`).

use gan_judge::coverage::MAX_ENTROPY_BITS;
use gan_judge::{CollapseWarning, CollapseWatch, QualityReport};

use crate::chart::{Frame, Plot, Tick, step_range};
use gan_protocol::lang::{Lang, fill};
use gan_protocol::protocol::QUALITY_SAMPLES;

/// The most reports kept; the oldest go first (a 45-minute lesson at 20 steps/s makes about
/// 270, one per 200 steps).
pub const MAX_REPORTS: usize = 1000;

/// Where the judge stands, as the page knows it.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum JudgeStatus {
    /// Not heard of yet.
    #[default]
    Loading,
    /// Loaded; reports come every few hundred steps.
    Ready {
        /// Its accuracy on the MNIST test digits.
        test_accuracy: f32,
    },
    /// Missing or broken; training runs on without it.
    Unavailable(String),
}

/// The judge's reports over time and the collapse watch.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct QualityTrack {
    reports: Vec<QualityReport>,
    watch: CollapseWatch,
    warning: Option<CollapseWarning>,
}

impl QualityTrack {
    /// Adds a report and updates the warning.
    pub fn push(&mut self, report: QualityReport) {
        self.warning = self.watch.observe(&report.coverage);
        if self.reports.len() == MAX_REPORTS {
            self.reports.remove(0);
        }
        self.reports.push(report);
    }

    /// Forgets the reports after `step` (training went back to it).
    pub fn rewind(&mut self, step: u64) {
        self.reports.retain(|r| r.step <= step);
        self.warning = None;
    }

    /// Forgets everything (new networks).
    pub fn clear(&mut self) {
        *self = Self::default();
    }

    /// The newest report.
    pub fn latest(&self) -> Option<&QualityReport> {
        self.reports.last()
    }

    /// Every report kept, oldest first.
    pub fn reports(&self) -> &[QualityReport] {
        &self.reports
    }

    /// (step, Fréchet distance) of every report that has one.
    pub fn frechet_series(&self) -> Vec<(u64, f64)> {
        self.reports
            .iter()
            .filter_map(|r| r.frechet.map(|f| (r.step, f)))
            .collect()
    }

    /// The mode-collapse warning of the newest report, if it deserves one.
    pub fn warning(&self) -> Option<CollapseWarning> {
        self.warning
    }

    /// The warning in plain words.
    pub fn warning_text(&self, lang: Lang) -> Option<String> {
        let t = lang.texts();
        let max = lang.number(MAX_ENTROPY_BITS, 1);
        self.warning.map(|w| match w {
            CollapseWarning::LowDiversity {
                entropy_bits,
                classes,
            } => fill(
                if classes == 1 {
                    t.collapse_one_kind
                } else {
                    t.collapse_few_kinds
                },
                &[
                    ("classes", &classes),
                    ("bits", &lang.number(entropy_bits, 1)),
                    ("max", &max),
                ],
            ),
            CollapseWarning::Dropped {
                best_bits,
                entropy_bits,
            } => fill(
                t.collapse_dropped,
                &[
                    ("best", &lang.number(best_bits, 1)),
                    ("bits", &lang.number(entropy_bits, 1)),
                ],
            ),
        })
    }

    /// A short summary of the newest report for screen readers and the e2e test.
    pub fn summary(&self, lang: Lang) -> Option<String> {
        let r = self.latest()?;
        let t = lang.texts();
        Some(fill(
            t.quality_summary,
            &[
                ("step", &r.step),
                ("present", &r.coverage.classes_present()),
                ("bits", &lang.number(r.coverage.entropy_bits(), 2)),
                (
                    "frechet",
                    &r.frechet
                        .map_or(t.not_available.into(), |f| lang.number(f, 1)),
                ),
                (
                    "sure",
                    &lang.number(100.0 * r.coverage.mean_confidence(), 0),
                ),
                ("samples", &QUALITY_SAMPLES),
            ],
        ))
    }
}

/// The Fréchet chart's geometry: distances fall from thousands to tens, so the value axis is
/// logarithmic, with a tick at each power of ten.
#[derive(Debug, Clone, PartialEq)]
pub struct FrechetChart {
    /// The mapping (values are log₁₀ of the distance).
    pub plot: Plot,
    /// The line through the reports.
    pub path: String,
    /// How many reports the line goes through.
    pub reports: usize,
    /// Dots on the line: every report while there are few, then at most [`Self::MAX_DOTS`]
    /// evenly spread (the latest always among them), so that a long lesson does not add a
    /// page element per report.
    pub dots: Vec<(f64, f64)>,
    /// Step ticks.
    pub x_ticks: Vec<Tick>,
    /// Value ticks (10, 100, 1000, …).
    pub y_ticks: Vec<Tick>,
}

impl FrechetChart {
    /// The most dots the chart draws.
    pub const MAX_DOTS: usize = 40;

    /// Lays out the track's Fréchet distances in `frame`.
    pub fn build(track: &QualityTrack, frame: Frame) -> Self {
        let points: Vec<(f64, f64)> = track
            .frechet_series()
            .into_iter()
            .map(|(step, f)| (step as f64, f.max(0.1).log10()))
            .collect();
        let lo = points.iter().map(|p| p.1).fold(f64::INFINITY, f64::min);
        let hi = points.iter().map(|p| p.1).fold(f64::NEG_INFINITY, f64::max);
        let (lo, hi) = if points.is_empty() {
            (1.0, 3.0)
        } else {
            (lo.floor(), hi.ceil().max(lo.floor() + 1.0))
        };
        let plot = Plot::new(frame, step_range(&points), (lo, hi));
        let y_ticks = (lo as i32..=hi as i32)
            .map(|k| Tick {
                at: plot.sy(f64::from(k)),
                label: format!("{}", 10f64.powi(k)),
            })
            .collect();
        let stride = points.len().div_ceil(Self::MAX_DOTS).max(1);
        let last = points.len().saturating_sub(1);
        Self {
            path: plot.path(&points),
            reports: points.len(),
            dots: points
                .iter()
                .enumerate()
                .filter(|(i, _)| (last - i).is_multiple_of(stride))
                .map(|(_, &(x, y))| (plot.sx(x), plot.sy(y)))
                .collect(),
            x_ticks: plot.x_ticks(6),
            y_ticks,
            plot,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use gan_judge::Coverage;

    fn report(
        step: u64,
        counts: [u32; 10],
        confidence: f64,
        frechet: Option<f64>,
    ) -> QualityReport {
        let total: u32 = counts.iter().sum();
        QualityReport {
            step,
            coverage: Coverage {
                counts,
                confidence_sum: confidence * f64::from(total),
            },
            frechet,
            longest_chunk_ms: None,
        }
    }

    #[test]
    fn reports_build_a_series_and_a_one_class_set_warns() {
        let mut track = QualityTrack::default();
        track.push(report(0, [50; 10], 0.3, Some(900.0)));
        assert_eq!(track.warning(), None, "noise is not a collapse");
        track.push(report(200, [50; 10], 0.95, Some(40.0)));
        assert_eq!(track.warning(), None);
        let mut one = [0; 10];
        one[1] = 500;
        track.push(report(400, one, 0.97, None));
        let text = track
            .warning_text(Lang::En)
            .expect("one digit only must warn");
        assert!(text.contains("only one kind of digit"), "{text}");
        let german = track.warning_text(Lang::De).unwrap();
        assert!(
            german.contains("nur noch eine Ziffernart (Vielfalt 0,0 von 3,3 Bit)"),
            "{german}"
        );
        assert_eq!(track.frechet_series(), vec![(0, 900.0), (200, 40.0)]);
        assert!(track.summary(Lang::En).unwrap().contains("1 of 10 digits"));
        track.clear();
        assert_eq!(track.latest(), None);
        assert_eq!(track.warning(), None);
    }

    #[test]
    fn the_frechet_chart_is_logarithmic() {
        let mut track = QualityTrack::default();
        for (step, f) in [(0, 1500.0), (200, 150.0), (400, 15.0)] {
            track.push(report(step, [5; 10], 0.9, Some(f)));
        }
        let chart = FrechetChart::build(&track, Frame::default());
        let labels: Vec<&str> = chart.y_ticks.iter().map(|t| t.label.as_str()).collect();
        assert_eq!(labels, ["10", "100", "1000", "10000"]);
        // Equal ratios are equal distances on the page.
        let ys: Vec<f64> = chart.dots.iter().map(|d| d.1).collect();
        assert!(((ys[1] - ys[0]) - (ys[2] - ys[1])).abs() < 1e-9, "{ys:?}");
        assert!(ys[2] > ys[0], "lower distances sit lower");
        assert!(
            FrechetChart::build(&QualityTrack::default(), Frame::default())
                .path
                .is_empty()
        );
    }

    #[test]
    fn a_long_lesson_draws_a_bounded_number_of_dots() {
        let mut track = QualityTrack::default();
        for i in 0..MAX_REPORTS as u64 {
            track.push(report(200 * i, [5; 10], 0.9, Some(1000.0 / (i + 1) as f64)));
            let chart = FrechetChart::build(&track, Frame::default());
            let n = i as usize + 1;
            assert_eq!(chart.reports, n);
            let dots = chart.dots.len();
            assert!(dots <= FrechetChart::MAX_DOTS, "{n} reports: {dots} dots");
            // Every report while they are few, and never thinner than half the bound.
            assert!(
                dots == n || dots >= FrechetChart::MAX_DOTS / 2,
                "{n} reports: {dots} dots"
            );
            // The latest report always has its dot.
            let latest = chart.plot.sx(200.0 * i as f64);
            assert!((chart.dots.last().unwrap().0 - latest).abs() < 1e-9);
        }
    }

    #[test]
    fn the_record_is_bounded() {
        let mut track = QualityTrack::default();
        for step in 0..(MAX_REPORTS as u64 + 10) {
            track.push(report(step, [1; 10], 0.9, Some(1.0)));
        }
        assert_eq!(track.reports().len(), MAX_REPORTS);
        assert_eq!(track.reports()[0].step, 10);
    }
}
