//! The judge learns to read real digits: a short training on the shipped MNIST files must beat
//! chance by far, and its features must tell real digits from noise.

use burn::prelude::*;
use gan_data::{MnistSet, Split};
use gan_judge::model::PIXELS;
use gan_judge::train::{accuracy, reference_statistics};
use gan_judge::{JudgeConfig, JudgeTraining, QualityMeter, train_judge};
use std::path::PathBuf;

fn load(split: Split, limit: usize) -> MnistSet {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../www/data/mnist");
    let read = |name: &str| std::fs::read(dir.join(name)).expect("shipped MNIST file");
    let mut set = MnistSet::from_verified_gz(
        split,
        &read(split.images_file()),
        &read(split.labels_file()),
    )
    .expect("valid MNIST");
    set.truncate(limit);
    set
}

#[test]
fn a_short_training_reads_digits_and_real_digits_score_closer_than_noise() {
    let device = Device::flex();
    let train = load(Split::Train, 3200);
    let test = load(Split::Test, 1000);
    let training = JudgeTraining {
        epochs: 1,
        ..JudgeTraining::default()
    };
    let mut losses = Vec::new();
    let judge = train_judge(
        &JudgeConfig::new(),
        &training,
        &train,
        &device,
        |_, _, _, l| {
            losses.push(l);
        },
    )
    .unwrap();
    assert_eq!(losses.len(), 50);
    assert!(losses[49] < losses[0], "{losses:?}");
    let acc = accuracy(&judge, &test, &device).unwrap();
    // 50 steps on 3 200 digits: far above the 10 % of guessing, far below the shipped judge.
    assert!(acc > 0.8, "accuracy {acc}");

    let reference = reference_statistics(&judge, &test, &device)
        .unwrap()
        .unwrap();
    let score = |pixels: Vec<f32>| {
        let n = pixels.len() / PIXELS;
        let images = Tensor::<2>::from_data(TensorData::new(pixels, [n, PIXELS]), &device);
        let mut meter = QualityMeter::new(judge.feature_len());
        meter.add(&judge.judge(images).unwrap());
        meter.finish(0, &reference).frechet.unwrap()
    };
    let mut real = Vec::new();
    train.write_normalised(&(0..500).collect::<Vec<_>>(), &mut real);
    let mut rng = gan_data::Rng::new(5);
    let noise: Vec<f32> = (0..500 * PIXELS)
        .map(|_| rng.next_f32() * 2.0 - 1.0)
        .collect();
    let (real, noise) = (score(real), score(noise));
    assert!(real * 5.0 < noise, "real {real} vs noise {noise}");
}
