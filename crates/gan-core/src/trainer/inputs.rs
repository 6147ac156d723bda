//! What a training step takes (a batch of real images, their classes) and why it refuses.

use super::*;

/// Why the trainer refused to run.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum TrainError {
    /// A phase was asked for out of turn.
    #[error("phase {requested} cannot run now: phase {expected} is next", requested = .requested.number(), expected = .expected.number())]
    OutOfOrder {
        /// The phase that is due.
        expected: Phase,
        /// The phase that was asked for.
        requested: Phase,
    },
    /// The real batch has the wrong number of pixels.
    #[error("the real batch has {got} values; batch size {batch} needs {expected} (batch × 784)")]
    BadBatch {
        /// The configured batch size.
        batch: usize,
        /// The number of values needed.
        expected: usize,
        /// The number of values given.
        got: usize,
    },
    /// Phase 2 needs real images and none were given.
    #[error("phase 2 needs a batch of real images")]
    MissingRealBatch,
    /// A conditional GAN's phase 2 needs the real images' classes.
    #[error(
        "a conditional GAN needs the class of each real image ({expected} classes 0 to 9; got {got})"
    )]
    BadLabels {
        /// Classes needed: one per image.
        expected: usize,
        /// Classes given (or 0 when none were).
        got: usize,
    },
    /// Noise for sampling has the wrong length.
    #[error("noise has {got} values, not a multiple of the latent size {latent}")]
    BadNoise {
        /// The configured latent size.
        latent: usize,
        /// The number of values given.
        got: usize,
    },
    /// Values could not be read back from the device.
    #[error("could not read from the device: {0}")]
    Read(String),
    /// A hyperparameter out of range.
    #[error(transparent)]
    Config(#[from] ConfigError),
}

/// A batch of real images and, for a conditional GAN, their classes.
#[derive(Debug, Clone, Copy)]
pub struct Real<'a> {
    /// `batch × 784` values in [-1, 1], image after image.
    pub pixels: &'a [f32],
    /// One class 0..=9 per image; a conditional GAN needs them, an unconditional one ignores
    /// them.
    pub labels: Option<&'a [u8]>,
}

impl<'a> Real<'a> {
    /// Images with their classes.
    pub fn labelled(pixels: &'a [f32], labels: &'a [u8]) -> Self {
        Self {
            pixels,
            labels: Some(labels),
        }
    }
}

impl<'a> From<&'a [f32]> for Real<'a> {
    fn from(pixels: &'a [f32]) -> Self {
        Self {
            pixels,
            labels: None,
        }
    }
}

impl<'a> From<&'a Vec<f32>> for Real<'a> {
    fn from(pixels: &'a Vec<f32>) -> Self {
        Self::from(pixels.as_slice())
    }
}

/// One-hot rows for `classes` (each 0..=9; a larger one counts as 9): 10 values per class.
pub(super) fn one_hot_rows(classes: &[u8]) -> Vec<f32> {
    let mut rows = vec![0.0f32; classes.len() * CLASSES];
    for (row, &class) in classes.iter().enumerate() {
        rows[row * CLASSES + usize::from(class).min(CLASSES - 1)] = 1.0;
    }
    rows
}

/// One-hot rows `[count, 10]` for `classes` (each 0..=9), on `device`.
pub fn one_hot(classes: &[u8], device: &Device) -> Tensor<2> {
    Tensor::from_data(
        TensorData::new(one_hot_rows(classes), [classes.len(), CLASSES]),
        device,
    ) // [count, 10]
}
