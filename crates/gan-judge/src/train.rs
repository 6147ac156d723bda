//! Training the judge: a short, explicit loop of mini-batch Adam on cross-entropy, and the two
//! measurements the judge file carries (test accuracy, reference feature statistics).

use crate::model::{CLASSES, Judge, JudgeConfig, PIXELS};
use burn::optim::{AdamConfig, GradientsParams};
use burn::prelude::*;
use burn::tensor::activation::log_softmax;
use gan_data::{Batcher, DataError, MnistSet};

/// How the judge is trained.
#[derive(Debug, Clone, PartialEq)]
pub struct JudgeTraining {
    /// Passes over the training digits.
    pub epochs: usize,
    /// Digits per step.
    pub batch_size: usize,
    /// Adam's learning rate in the first epoch; it halves after each epoch.
    pub learning_rate: f64,
    /// Seed of the initial weights and of the batch order.
    pub seed: u64,
}

impl Default for JudgeTraining {
    fn default() -> Self {
        Self {
            epochs: 4,
            batch_size: 64,
            learning_rate: 2e-3,
            seed: 1,
        }
    }
}

/// Mean cross-entropy of `logits` `[batch, 10]` against `labels`.
fn cross_entropy(logits: Tensor<2>, labels: &[u8], device: &Device) -> Tensor<1> {
    let batch = labels.len();
    let mut one_hot = vec![0.0f32; batch * CLASSES];
    for (row, &label) in labels.iter().enumerate() {
        one_hot[row * CLASSES + usize::from(label)] = 1.0;
    }
    let one_hot = Tensor::<2>::from_data(TensorData::new(one_hot, [batch, CLASSES]), device); // [batch, 10]
    let log_p = log_softmax(logits, 1); // [batch, 10]
    (log_p * one_hot).sum_dim(1).mean().neg() // [1]
}

/// Trains a fresh judge on `train`. `progress` hears (epoch, batch, batches per epoch, mean
/// loss of the epoch so far) after every step, for a progress bar.
pub fn train_judge(
    config: &JudgeConfig,
    training: &JudgeTraining,
    train: &MnistSet,
    device: &Device,
    mut progress: impl FnMut(usize, usize, usize, f32),
) -> Result<Judge, DataError> {
    let train_device = device.clone().autodiff();
    train_device.seed(training.seed);
    let mut judge = config.init(&train_device);
    let mut optim = AdamConfig::new().init();
    let mut batcher = Batcher::for_set(train, training.batch_size, training.seed)?;
    let per_epoch = train.len() / training.batch_size;
    let mut lr = training.learning_rate;
    for epoch in 0..training.epochs {
        let mut loss_sum = 0.0f32;
        for b in 0..per_epoch {
            let batch = batcher.next_batch(train);
            let images = Tensor::<2>::from_data(
                TensorData::new(batch.pixels, [batch.labels.len(), PIXELS]),
                &train_device,
            ); // [batch, 784]
            let loss = cross_entropy(judge.forward(images), &batch.labels, &train_device); // [1]
            let grads = GradientsParams::from_grads(loss.backward(), &judge);
            judge = optim.step(lr, judge, grads);
            // Reading the loss every step costs little next to a CNN step on the CPU.
            loss_sum += loss.into_scalar::<f32>();
            progress(epoch, b + 1, per_epoch, loss_sum / (b + 1) as f32);
        }
        lr *= 0.5;
    }
    Ok(judge.valid())
}

/// Runs `judge` over all digits of `set` in chunks; calls `each` with the normalised chunk's
/// features `[n × features]` and probabilities `[n × 10]`. Native only.
#[cfg(not(target_family = "wasm"))]
fn over_set(
    judge: &Judge,
    set: &MnistSet,
    device: &Device,
    mut each: impl FnMut(std::ops::Range<usize>, &crate::quality::Judgement),
) -> Result<(), crate::quality::JudgeReadError> {
    const CHUNK: usize = 500;
    let mut pixels = Vec::with_capacity(CHUNK * PIXELS);
    for start in (0..set.len()).step_by(CHUNK) {
        let range = start..(start + CHUNK).min(set.len());
        let indices: Vec<usize> = range.clone().collect();
        pixels.clear();
        set.write_normalised(&indices, &mut pixels);
        let images = Tensor::<2>::from_data(
            TensorData::new(pixels.clone(), [indices.len(), PIXELS]),
            device,
        ); // [chunk, 784]
        each(range, &judge.judge(images)?);
    }
    Ok(())
}

/// The share of `set`'s digits the judge labels correctly. Native only.
#[cfg(not(target_family = "wasm"))]
pub fn accuracy(
    judge: &Judge,
    set: &MnistSet,
    device: &Device,
) -> Result<f32, crate::quality::JudgeReadError> {
    let mut correct = 0usize;
    over_set(judge, set, device, |range, j| {
        correct += j
            .verdicts()
            .iter()
            .zip(range)
            .filter(|(v, i)| v.label == set.label(*i))
            .count();
    })?;
    Ok(correct as f32 / set.len().max(1) as f32)
}

/// The Gaussian of the judge's features over all digits of `set`: the reference of the
/// Fréchet distance. Native only.
#[cfg(not(target_family = "wasm"))]
pub fn reference_statistics(
    judge: &Judge,
    set: &MnistSet,
    device: &Device,
) -> Result<Option<crate::frechet::Gaussian>, crate::quality::JudgeReadError> {
    let mut sums = crate::frechet::FeatureSums::new(judge.feature_len());
    over_set(judge, set, device, |_, j| sums.add(&j.features))?;
    Ok(sums.finish())
}
