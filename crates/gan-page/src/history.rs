//! The loss and probability history behind the charts: raw and smoothed, with a bounded
//! number of points however long training runs.

use gan_core::StepStats;

/// The curves the page draws, in the order of [`HistoryPoint::raw`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Curve {
    /// D's loss on real digits.
    DLossReal,
    /// D's loss on fakes.
    DLossFake,
    /// G's loss.
    GLoss,
    /// D(x): D's mean probability "real" for real digits.
    DReal,
    /// D(G(z)): D's mean probability "real" for fakes.
    DFake,
}

impl Curve {
    /// All curves, in storage order.
    pub const ALL: [Curve; 5] = [
        Curve::DLossReal,
        Curve::DLossFake,
        Curve::GLoss,
        Curve::DReal,
        Curve::DFake,
    ];
    /// The curves of the loss chart.
    pub const LOSSES: [Curve; 3] = [Curve::DLossReal, Curve::DLossFake, Curve::GLoss];
    /// The curves of the probability chart.
    pub const PROBABILITIES: [Curve; 2] = [Curve::DReal, Curve::DFake];

    /// Position in [`HistoryPoint::raw`] and [`HistoryPoint::smooth`].
    pub fn index(self) -> usize {
        match self {
            Curve::DLossReal => 0,
            Curve::DLossFake => 1,
            Curve::GLoss => 2,
            Curve::DReal => 3,
            Curve::DFake => 4,
        }
    }

    /// The legend text.
    pub fn label(self, lang: gan_protocol::Lang) -> &'static str {
        let t = lang.texts();
        match self {
            Curve::DLossReal => t.curve_d_loss_real,
            Curve::DLossFake => t.curve_d_loss_fake,
            Curve::GLoss => t.curve_g_loss,
            Curve::DReal => t.curve_d_real,
            Curve::DFake => t.curve_d_fake,
        }
    }

    /// A CSS class name for the curve's colour.
    pub fn css_class(self) -> &'static str {
        match self {
            Curve::DLossReal => "curve-d-real",
            Curve::DLossFake => "curve-d-fake",
            Curve::GLoss => "curve-g",
            Curve::DReal => "curve-p-real",
            Curve::DFake => "curve-p-fake",
        }
    }

    fn value(self, stats: &StepStats) -> f32 {
        match self {
            Curve::DLossReal => stats.d_loss_real,
            Curve::DLossFake => stats.d_loss_fake,
            Curve::GLoss => stats.g_loss,
            Curve::DReal => stats.d_real,
            Curve::DFake => stats.d_fake,
        }
    }
}

/// One point of every curve.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct HistoryPoint {
    /// The training step (the last one, for a point that stands for several).
    pub step: u64,
    /// The measured values (the mean, for a point that stands for several steps).
    pub raw: [f32; 5],
    /// The exponential moving average of every measured value up to `step`.
    pub smooth: [f32; 5],
}

/// A bounded history: each point stands for `stride` steps (their mean); when the points fill
/// the capacity, neighbouring pairs merge and the stride doubles, so the whole run stays
/// visible at an even resolution and memory never grows.
#[derive(Debug, Clone, PartialEq)]
pub struct History {
    points: Vec<HistoryPoint>,
    capacity: usize,
    /// Steps per finished point.
    stride: usize,
    /// The steps gathered for the next point: count, sums, and the newest step.
    bucket: Option<Bucket>,
    /// Weight of the newest value in the moving average.
    alpha: f32,
    ema: Option<[f32; 5]>,
    last_step: Option<u64>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct Bucket {
    count: usize,
    sum: [f32; 5],
    step: u64,
    smooth: [f32; 5],
}

impl Bucket {
    fn point(&self) -> HistoryPoint {
        HistoryPoint {
            step: self.step,
            raw: self.sum.map(|s| s / self.count as f32),
            smooth: self.smooth,
        }
    }
}

impl History {
    /// Points kept by [`History::default`]: enough for a smooth line on a wide projector.
    pub const DEFAULT_CAPACITY: usize = 400;
    /// Smoothing of [`History::default`]: the average spans roughly the last 20 steps.
    pub const DEFAULT_ALPHA: f32 = 0.1;

    /// A history of at most `capacity` points (at least 4) with smoothing weight `alpha`
    /// (0 < alpha ≤ 1; 1 means no smoothing).
    pub fn new(capacity: usize, alpha: f32) -> Self {
        let capacity = capacity.max(4);
        Self {
            points: Vec::with_capacity(capacity),
            capacity,
            stride: 1,
            bucket: None,
            alpha: alpha.clamp(f32::EPSILON, 1.0),
            ema: None,
            last_step: None,
        }
    }

    /// Adds a step's statistics. A step at or before the last one is ignored (a repeated
    /// message); non-finite values are kept as they are and leave the average unchanged.
    pub fn push(&mut self, stats: &StepStats) {
        if self.last_step.is_some_and(|last| last >= stats.step) {
            return;
        }
        self.last_step = Some(stats.step);
        let raw = Curve::ALL.map(|c| c.value(stats));
        let smooth = match self.ema {
            None => raw,
            Some(prev) => std::array::from_fn(|i| {
                if raw[i].is_finite() {
                    prev[i] + self.alpha * (raw[i] - prev[i])
                } else {
                    prev[i]
                }
            }),
        };
        self.ema = Some(smooth);
        let bucket = self.bucket.get_or_insert(Bucket {
            count: 0,
            sum: [0.0; 5],
            step: stats.step,
            smooth,
        });
        bucket.count += 1;
        for (sum, value) in bucket.sum.iter_mut().zip(raw) {
            *sum += value;
        }
        bucket.step = stats.step;
        bucket.smooth = smooth;
        if bucket.count == self.stride {
            let point = bucket.point();
            self.bucket = None;
            // One slot stays free for the next partly filled point.
            if self.points.len() + 1 == self.capacity {
                self.halve();
            }
            self.points.push(point);
        }
    }

    /// Merges neighbouring pairs and doubles the stride.
    fn halve(&mut self) {
        self.points = self
            .points
            .chunks(2)
            .map(|pair| match pair {
                [a, b] => HistoryPoint {
                    step: b.step,
                    raw: std::array::from_fn(|i| (a.raw[i] + b.raw[i]) / 2.0),
                    smooth: b.smooth,
                },
                [a] => *a,
                _ => unreachable!("chunks(2) yields one or two points"),
            })
            .collect();
        self.stride *= 2;
    }

    /// Forgets the steps after `step` (training went back to it): the next step pushed is
    /// `step + 1`, and the average continues from the last point kept.
    pub fn rewind(&mut self, step: u64) {
        self.points.retain(|p| p.step <= step);
        if self.bucket.is_some_and(|b| b.step > step) {
            self.bucket = None;
        }
        let last = self
            .bucket
            .map(|b| b.point())
            .or(self.points.last().copied());
        self.last_step = last.map(|p| p.step);
        self.ema = last.map(|p| p.smooth);
    }

    /// Forgets everything (after a reset).
    pub fn clear(&mut self) {
        *self = Self::new(self.capacity, self.alpha);
    }

    /// The points, oldest first; the newest may stand for fewer steps than the others.
    pub fn points(&self) -> Vec<HistoryPoint> {
        let mut points = self.points.clone();
        points.extend(self.bucket.map(|b| b.point()));
        points
    }

    /// Number of points held.
    pub fn len(&self) -> usize {
        self.points.len() + usize::from(self.bucket.is_some())
    }

    /// Whether no step has been recorded.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The most points this history holds.
    pub fn capacity(&self) -> usize {
        self.capacity
    }

    /// The newest smoothed values, if any.
    pub fn latest_smooth(&self) -> Option<[f32; 5]> {
        self.ema
    }

    /// `(step, value)` pairs of one curve, raw or smoothed, skipping non-finite values.
    pub fn series(&self, curve: Curve, smoothed: bool) -> Vec<(f64, f64)> {
        let i = curve.index();
        self.points()
            .iter()
            .map(|p| (p.step, if smoothed { p.smooth[i] } else { p.raw[i] }))
            .filter(|(_, v)| v.is_finite())
            .map(|(s, v)| (s as f64, f64::from(v)))
            .collect()
    }
}

impl Default for History {
    fn default() -> Self {
        Self::new(Self::DEFAULT_CAPACITY, Self::DEFAULT_ALPHA)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use gan_core::PhaseTimings;

    /// Statistics with every loss equal to `loss` and D(x) = D(G(z)) = `p`.
    pub(crate) fn stats(step: u64, loss: f32, p: f32) -> StepStats {
        StepStats {
            step,
            d_loss_real: loss,
            d_loss_fake: loss,
            g_loss: loss,
            d_real: p,
            d_fake: p,
            d_accuracy_real: p,
            d_accuracy_fake: 1.0 - p,
            d_fake_before_g: p,
            d_fake_after_g: None,
            timings: PhaseTimings::default(),
        }
    }

    #[test]
    fn stays_bounded_and_keeps_the_whole_run() {
        let mut history = History::new(10, 1.0);
        for step in 1..=1000 {
            history.push(&stats(step, step as f32, 0.5));
            assert!(
                history.len() <= 10,
                "{} points at step {step}",
                history.len()
            );
        }
        assert_eq!(history.points().last().map(|p| p.step), Some(1000));
        // After many halvings the first point still stands for the start of the run.
        let points = history.points();
        assert!(
            points[0].step <= 128,
            "first point is step {}",
            points[0].step
        );
        // Even coverage: no gap between points is more than twice another.
        let gaps: Vec<u64> = points.windows(2).map(|w| w[1].step - w[0].step).collect();
        let (min, max) = (gaps.iter().min().unwrap(), gaps.iter().max().unwrap());
        assert!(max <= &(min * 2), "{gaps:?}");
        // Merged points are means of the steps they stand for, so values keep rising.
        let g = history.series(Curve::GLoss, false);
        assert!(g.windows(2).all(|w| w[0].1 < w[1].1), "{g:?}");
    }

    #[test]
    fn smoothing_follows_slowly_and_raw_is_kept() {
        let mut history = History::new(100, 0.5);
        history.push(&stats(1, 0.0, 0.5));
        history.push(&stats(2, 4.0, 0.5));
        let last = history.points()[1];
        assert_eq!(history.points().len(), 2);
        assert_eq!(last.raw[Curve::GLoss.index()], 4.0);
        assert_eq!(last.smooth[Curve::GLoss.index()], 2.0);
    }

    #[test]
    fn nan_is_skipped_in_series_and_average() {
        let mut history = History::new(100, 0.5);
        history.push(&stats(1, 1.0, 0.5));
        history.push(&stats(2, f32::NAN, 0.5));
        assert_eq!(history.series(Curve::DLossFake, false).len(), 1);
        assert_eq!(
            history.latest_smooth().unwrap()[Curve::DLossFake.index()],
            1.0
        );
    }

    #[test]
    fn repeated_or_old_steps_are_ignored_and_clear_forgets() {
        let mut history = History::default();
        history.push(&stats(5, 1.0, 0.5));
        history.push(&stats(5, 2.0, 0.5));
        history.push(&stats(3, 2.0, 0.5));
        assert_eq!(history.len(), 1);
        history.clear();
        assert!(history.is_empty());
        history.push(&stats(1, 1.0, 0.5));
        assert_eq!(history.len(), 1);
    }
}
