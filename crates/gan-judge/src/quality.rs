//! The judge at work: what it says about a batch of images, and the quality report over a few
//! hundred generated digits (Fréchet distance to the real digits, class histogram).

use crate::coverage::{Coverage, top};
use crate::frechet::{FeatureSums, Gaussian, frechet_distance};
use crate::model::{CLASSES, Judge};
use burn::prelude::*;
use burn::tensor::activation::softmax;
use serde::{Deserialize, Serialize};

/// What the judge says about some images, read back from the device.
#[derive(Debug, Clone, PartialEq)]
pub struct Judgement {
    /// Class probabilities, `[n × 10]`.
    pub probabilities: Vec<f32>,
    /// Penultimate-layer features, `[n × features]`.
    pub features: Vec<f32>,
}

/// The judge's label for one digit.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct DigitVerdict {
    /// The digit it sees, 0 to 9.
    pub label: u8,
    /// Its probability for that digit, 0 to 1.
    pub confidence: f32,
}

impl Judgement {
    /// Number of images judged.
    pub fn len(&self) -> usize {
        self.probabilities.len() / CLASSES
    }

    /// Whether no image was judged.
    pub fn is_empty(&self) -> bool {
        self.probabilities.is_empty()
    }

    /// The label and confidence of each image.
    pub fn verdicts(&self) -> Vec<DigitVerdict> {
        self.probabilities
            .chunks_exact(CLASSES)
            .map(|row| {
                let (label, confidence) = top(row);
                DigitVerdict {
                    label: label as u8,
                    confidence,
                }
            })
            .collect()
    }
}

/// Why the judge could not judge.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("the judge could not read its result from the device: {0}")]
pub struct JudgeReadError(pub String);

impl Judge {
    /// Features and probabilities side by side, `[n, features + 10]`, so one read fetches both.
    fn judge_tensor(&self, images: Tensor<2>) -> Tensor<2> {
        let features = self.features(images); // [n, features]
        let probabilities = softmax(self.classify(features.clone()), 1); // [n, 10]
        Tensor::cat(vec![features, probabilities], 1) // [n, features + 10]
    }

    /// Judges images `[n, 784]` in [-1, 1], reading the result without blocking (WebGPU).
    pub async fn judge_async(&self, images: Tensor<2>) -> Result<Judgement, JudgeReadError> {
        let joined = self.judge_tensor(images);
        let width = joined.dims()[1];
        let data = joined
            .into_data_async()
            .await
            .map_err(|e| JudgeReadError(format!("{e:?}")))?;
        split(&data, width)
    }

    /// Judges images `[n, 784]` in [-1, 1]. Native only.
    #[cfg(not(target_family = "wasm"))]
    pub fn judge(&self, images: Tensor<2>) -> Result<Judgement, JudgeReadError> {
        let joined = self.judge_tensor(images);
        let width = joined.dims()[1];
        split(&joined.into_data(), width)
    }
}

fn split(data: &TensorData, width: usize) -> Result<Judgement, JudgeReadError> {
    let values = data
        .try_to_vec::<f32>()
        .map_err(|e| JudgeReadError(format!("{e:?}")))?;
    let dim = width - CLASSES;
    let mut out = Judgement {
        probabilities: Vec::with_capacity(values.len() / width * CLASSES),
        features: Vec::with_capacity(values.len() / width * dim),
    };
    for row in values.chunks_exact(width) {
        out.features.extend_from_slice(&row[..dim]);
        out.probabilities.extend_from_slice(&row[dim..]);
    }
    Ok(out)
}

/// The quality figures over a set of generated digits.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QualityReport {
    /// Training steps completed when the digits were drawn.
    pub step: u64,
    /// The judge's class histogram and confidence.
    pub coverage: Coverage,
    /// Squared Fréchet distance between the judge's features of these digits and of the real
    /// test digits; lower is better, real digits against real digits score about 1 or less.
    /// `None` when it cannot be computed (too few digits, non-finite features).
    pub frechet: Option<f64>,
    /// The longest time one chunk of the report held training up, in milliseconds, when the
    /// caller measured it.
    #[serde(default)]
    pub longest_chunk_ms: Option<f64>,
}

/// Collects judgements, possibly over several chunks, into a [`QualityReport`].
#[derive(Debug, Clone)]
pub struct QualityMeter {
    sums: FeatureSums,
    coverage: Coverage,
}

impl QualityMeter {
    /// An empty meter for features of length `dim`.
    pub fn new(dim: usize) -> Self {
        Self {
            sums: FeatureSums::new(dim),
            coverage: Coverage::default(),
        }
    }

    /// Digits judged so far.
    pub fn count(&self) -> usize {
        self.sums.count()
    }

    /// Adds a judgement.
    pub fn add(&mut self, judgement: &Judgement) {
        self.sums.add(&judgement.features);
        self.coverage.add(&judgement.probabilities);
    }

    /// The report, comparing the digits seen with `reference`.
    pub fn finish(&self, step: u64, reference: &Gaussian) -> QualityReport {
        let frechet = self
            .sums
            .finish()
            .and_then(|fakes| frechet_distance(&fakes, reference).ok());
        QualityReport {
            step,
            coverage: self.coverage.clone(),
            frechet,
            longest_chunk_ms: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{JudgeConfig, PIXELS};

    #[test]
    fn a_judgement_splits_features_from_probabilities() {
        let device = Device::flex();
        let judge = JudgeConfig::new().init(&device);
        let images = Tensor::<2>::zeros([4, PIXELS], &device);
        let j = judge.judge(images).unwrap();
        assert_eq!(j.len(), 4);
        assert_eq!(j.features.len(), 4 * 64);
        for row in j.probabilities.chunks(CLASSES) {
            assert!((row.iter().sum::<f32>() - 1.0).abs() < 1e-5);
        }
        // Four identical images get four identical verdicts.
        let v = j.verdicts();
        assert!(v.iter().all(|x| *x == v[0]));
    }

    #[test]
    fn the_meter_compares_with_the_reference() {
        let device = Device::flex();
        let judge = JudgeConfig::new().init(&device);
        let images = Tensor::<2>::random(
            [40, PIXELS],
            burn::tensor::Distribution::Uniform(-1.0, 1.0),
            &device,
        );
        let j = judge.judge(images).unwrap();
        let reference = Gaussian::fit(&j.features, 64).unwrap();
        let mut meter = QualityMeter::new(64);
        meter.add(&j);
        let report = meter.finish(7, &reference);
        assert_eq!(report.step, 7);
        assert_eq!(report.coverage.total(), 40);
        // The same digits as the reference: distance ≈ 0.
        assert!(report.frechet.unwrap() < 1e-6, "{:?}", report.frechet);
        assert_eq!(QualityMeter::new(64).finish(0, &reference).frechet, None);
    }
}
