//! Which digits a generator draws, as the judge sees them: the class histogram, its entropy
//! (the "diversity" figure) and the mode-collapse warning.

use crate::model::CLASSES;
use serde::{Deserialize, Serialize};

/// A class counts as present when it holds at least this share of the samples (a fifth of
/// the 10 % it would hold if all digits were equally common).
pub const PRESENT_SHARE: f64 = 0.02;
/// Entropy of ten equally common classes, in bits: log₂ 10.
pub const MAX_ENTROPY_BITS: f64 = std::f64::consts::LOG2_10;
/// Below this entropy (bits) the generator draws too few kinds of digit: real MNIST has
/// 3.32, a generator that only draws three digits equally often has 1.58.
pub const COLLAPSE_ENTROPY_BITS: f64 = 2.5;
/// A drop of the entropy by this much (bits) from its best value also warns: the generator
/// is losing digits it could already draw.
pub const COLLAPSE_DROP_BITS: f64 = 0.5;
/// The warning needs the judge to recognise the digits at least this well on average: the
/// first blobs of a learning forger fall into few classes too (in the e2e run at step 200:
/// 4 classes, judge 60 % sure), but they are not a collapse. From about step 500 on the judge is
/// 70 % sure or more (docs/benchmarks.md).
pub const COLLAPSE_MIN_CONFIDENCE: f64 = 0.7;

/// Counts of the judge's labels over a set of digits, with its confidence.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Coverage {
    /// Digits per class, 0 to 9.
    pub counts: [u32; CLASSES],
    /// Sum of the judge's top probability over all digits.
    pub confidence_sum: f64,
}

impl Coverage {
    /// Adds the judge's class probabilities for some digits (`[n × 10]`, row after row).
    pub fn add(&mut self, probabilities: &[f32]) {
        for row in probabilities.chunks_exact(CLASSES) {
            let (label, p) = top(row);
            self.counts[label] += 1;
            self.confidence_sum += f64::from(p);
        }
    }

    /// Digits counted.
    pub fn total(&self) -> u32 {
        self.counts.iter().sum()
    }

    /// Each class's share of the digits (all 0 for an empty set).
    pub fn shares(&self) -> [f64; CLASSES] {
        let total = f64::from(self.total().max(1));
        self.counts.map(|c| f64::from(c) / total)
    }

    /// Shannon entropy of the histogram in bits: 0 when every digit is the same class,
    /// [`MAX_ENTROPY_BITS`] when all ten are equally common.
    pub fn entropy_bits(&self) -> f64 {
        // 0 − Σ rather than −Σ: a single class gives +0, not −0.
        0.0 - self
            .shares()
            .iter()
            .filter(|&&p| p > 0.0)
            .map(|p| p * p.log2())
            .sum::<f64>()
    }

    /// Classes holding at least [`PRESENT_SHARE`] of the digits.
    pub fn classes_present(&self) -> usize {
        self.shares()
            .iter()
            .filter(|&&p| p >= PRESENT_SHARE)
            .count()
    }

    /// The judge's mean top probability: how sure it is, on average, of what it sees.
    pub fn mean_confidence(&self) -> f64 {
        match self.total() {
            0 => 0.0,
            n => self.confidence_sum / f64::from(n),
        }
    }
}

/// The judge's label for one digit and its probability.
pub fn top(probabilities: &[f32]) -> (usize, f32) {
    probabilities
        .iter()
        .copied()
        .enumerate()
        .fold((0, f32::NEG_INFINITY), |best, (i, p)| {
            if p > best.1 { (i, p) } else { best }
        })
}

/// Why the page warns of mode collapse.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum CollapseWarning {
    /// The generator draws few kinds of digit.
    LowDiversity {
        /// The entropy now, in bits.
        entropy_bits: f64,
        /// Classes present.
        classes: usize,
    },
    /// The generator draws fewer kinds of digit than it did.
    Dropped {
        /// The best entropy so far, in bits.
        best_bits: f64,
        /// The entropy now, in bits.
        entropy_bits: f64,
    },
}

/// Watches the entropy from one measurement to the next.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CollapseWatch {
    best_bits: Option<f64>,
}

impl CollapseWatch {
    /// Takes a new histogram; returns the warning it deserves, if any.
    pub fn observe(&mut self, coverage: &Coverage) -> Option<CollapseWarning> {
        if coverage.total() == 0 {
            return None;
        }
        let entropy_bits = coverage.entropy_bits();
        // Only histograms of recognisable digits count, for the warning and for the best value.
        if coverage.mean_confidence() < COLLAPSE_MIN_CONFIDENCE {
            return None;
        }
        let best_bits = self.best_bits.map_or(entropy_bits, |b| b.max(entropy_bits));
        self.best_bits = Some(best_bits);
        if entropy_bits < COLLAPSE_ENTROPY_BITS {
            Some(CollapseWarning::LowDiversity {
                entropy_bits,
                classes: coverage.classes_present(),
            })
        } else if best_bits - entropy_bits >= COLLAPSE_DROP_BITS {
            Some(CollapseWarning::Dropped {
                best_bits,
                entropy_bits,
            })
        } else {
            None
        }
    }

    /// Forgets the history (new networks).
    pub fn reset(&mut self) {
        self.best_bits = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `n` digits of `class` with top probability `p` (the rest spread evenly).
    fn judged(class: usize, p: f32, n: usize) -> Vec<f32> {
        let rest = (1.0 - p) / 9.0;
        (0..n)
            .flat_map(|_| (0..CLASSES).map(move |c| if c == class { p } else { rest }))
            .collect()
    }

    #[test]
    fn ten_even_classes_have_full_entropy() {
        let mut c = Coverage::default();
        for class in 0..CLASSES {
            c.add(&judged(class, 0.9, 30));
        }
        assert_eq!(c.total(), 300);
        assert!((c.entropy_bits() - MAX_ENTROPY_BITS).abs() < 1e-12);
        assert_eq!(c.classes_present(), 10);
        assert!((c.mean_confidence() - 0.9).abs() < 1e-6);
        assert_eq!(CollapseWatch::default().observe(&c), None);
    }

    #[test]
    fn a_one_class_set_warns_of_collapse() {
        let mut c = Coverage::default();
        c.add(&judged(7, 0.98, 200));
        assert_eq!(c.entropy_bits(), 0.0);
        assert_eq!(c.classes_present(), 1);
        assert_eq!(c.counts[7], 200);
        let warning = CollapseWatch::default().observe(&c);
        assert!(
            matches!(
                warning,
                Some(CollapseWarning::LowDiversity { classes: 1, entropy_bits }) if entropy_bits == 0.0
            ),
            "{warning:?}"
        );
    }

    #[test]
    fn unrecognisable_blobs_do_not_warn() {
        let mut c = Coverage::default();
        c.add(&judged(8, 0.3, 200));
        assert_eq!(CollapseWatch::default().observe(&c), None);
        // Early shapes the judge half recognises (60 %, as at step 200): not yet a collapse.
        let mut early = Coverage::default();
        early.add(&judged(3, 0.6, 150));
        early.add(&judged(8, 0.6, 150));
        assert_eq!(CollapseWatch::default().observe(&early), None);
        // The same two classes drawn clearly: the forger sticks to them.
        let mut clear = Coverage::default();
        clear.add(&judged(3, 0.9, 150));
        clear.add(&judged(8, 0.9, 150));
        assert!(CollapseWatch::default().observe(&clear).is_some());
    }

    #[test]
    fn losing_digits_warns_after_a_drop() {
        let mut watch = CollapseWatch::default();
        let mut all = Coverage::default();
        for class in 0..CLASSES {
            all.add(&judged(class, 0.9, 20));
        }
        assert_eq!(watch.observe(&all), None);
        // Six classes equally: 2.58 bits, above the floor but 0.74 bits below the best.
        let mut six = Coverage::default();
        for class in 0..6 {
            six.add(&judged(class, 0.9, 20));
        }
        assert!(matches!(
            watch.observe(&six),
            Some(CollapseWarning::Dropped { .. })
        ));
        watch.reset();
        assert_eq!(watch.observe(&six), None);
    }

    #[test]
    fn two_classes_are_one_bit_and_the_top_is_found() {
        let mut c = Coverage::default();
        c.add(&judged(2, 0.8, 50));
        c.add(&judged(5, 0.8, 50));
        assert!((c.entropy_bits() - 1.0).abs() < 1e-12);
        assert_eq!(top(&[0.1, 0.7, 0.2]), (1, 0.7));
        assert_eq!(Coverage::default().mean_confidence(), 0.0);
    }
}
