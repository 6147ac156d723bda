//! A conditional GAN learns to draw the class it is asked for.

use burn::prelude::*;
use gan_core::{CLASSES, GanConfig, GanTrainer, Real, TrainError};
use gan_data::Rng;
use std::sync::{Mutex, MutexGuard, PoisonError};

/// burn's random generator is shared by the whole process: a test that seeds it must not see
/// another test's draws in between.
fn serial() -> MutexGuard<'static, ()> {
    static SERIAL: Mutex<()> = Mutex::new(());
    SERIAL.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Rows of the 28×28 image that light up for class `k`: a bar of two rows, one per class.
fn bar_rows(class: usize) -> std::ops::Range<usize> {
    4 + 2 * class..6 + 2 * class
}

/// A batch where each image is a bright bar on black, at its class's rows, with some noise.
fn bars(classes: &[u8], rng: &mut Rng) -> Vec<f32> {
    let mut pixels = Vec::with_capacity(classes.len() * 784);
    for &class in classes {
        for i in 0..784 {
            let lit =
                bar_rows(usize::from(class)).contains(&(i / 28)) && (4..24).contains(&(i % 28));
            pixels.push(if lit { 1.0 } else { -1.0 } + 0.1 * rng.next_normal());
        }
    }
    pixels
}

/// The class whose bar rows are brightest in the mean of `images`.
fn brightest_bar(images: &[f32]) -> usize {
    let count = images.len() / 784;
    (0..CLASSES)
        .max_by(|&a, &b| {
            let mean = |class: usize| {
                images
                    .chunks_exact(784)
                    .flat_map(|img| {
                        bar_rows(class).flat_map(move |row| img[row * 28 + 4..row * 28 + 24].iter())
                    })
                    .sum::<f32>()
                    / (count * 40) as f32
            };
            mean(a).total_cmp(&mean(b))
        })
        .unwrap()
}

/// 1000 steps on bars, one position per class (about 50 s in a debug build).
#[test]
fn asked_for_a_class_g_draws_that_class() {
    let _serial = serial();
    let config = GanConfig {
        conditional: true,
        batch_size: 32,
        latent_dim: 8,
        lr_generator: 1e-3,
        lr_discriminator: 1e-3,
        ..GanConfig::default()
    };
    let device = Device::flex();
    let mut trainer = GanTrainer::new(config.clone(), &device).unwrap();
    let mut rng = Rng::new(5);
    for _ in 0..1000 {
        let classes: Vec<u8> = (0..config.batch_size)
            .map(|_| rng.below(10) as u8)
            .collect();
        let pixels = bars(&classes, &mut rng);
        let stats = trainer
            .step(Real::labelled(&pixels, &classes))
            .unwrap()
            .read()
            .unwrap();
        assert!(stats.is_finite(), "{stats:?}");
    }
    let noise = Rng::new(9).normal_vec(16 * config.latent_dim);
    let drawn: Vec<usize> = (0..CLASSES as u8)
        .map(|class| {
            let images = trainer
                .generate_classes(&noise, &[class; 16])
                .unwrap()
                .into_data()
                .try_to_vec::<f32>()
                .unwrap();
            brightest_bar(&images)
        })
        .collect();
    // A G that ignored the class would draw the same bar for every class (one right, a mean
    // miss of about 3 bars); one that draws at random misses by 3.3 on average.
    let right = drawn.iter().enumerate().filter(|(k, d)| k == *d).count();
    let miss = drawn
        .iter()
        .enumerate()
        .map(|(k, d)| k.abs_diff(*d))
        .sum::<usize>() as f32
        / 10.0;
    assert!(
        right >= 4 && miss <= 2.0,
        "asked for 0..9, G drew bars of {drawn:?} ({right} right, off by {miss} on average)"
    );
}

#[test]
fn a_conditional_gan_refuses_real_images_without_classes() {
    let config = GanConfig {
        conditional: true,
        batch_size: 4,
        ..GanConfig::default()
    };
    let _serial = serial();
    let mut trainer = GanTrainer::new(config, &Device::flex()).unwrap();
    let pixels = vec![0.0; 4 * 784];
    assert!(matches!(
        trainer.step(&pixels),
        Err(TrainError::BadLabels {
            expected: 4,
            got: 0
        })
    ));
    assert!(matches!(
        trainer.step(Real::labelled(&pixels, &[1, 2, 3, 10])),
        Err(TrainError::BadLabels { .. })
    ));
    // Generating asks for classes too: one per noise vector.
    let noise = vec![0.0; 2 * 100];
    assert!(trainer.generate_classes(&noise, &[3, 4]).is_ok());
    assert!(matches!(
        trainer.generate_soft(&noise, &[0.0; 10]),
        Err(TrainError::BadLabels {
            expected: 2,
            got: 1
        })
    ));
}
