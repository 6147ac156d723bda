//! A few hundred steps on real digits move the duel the way a GAN should.

use burn::prelude::*;
use gan_core::{GanConfig, GanTrainer, StepStats};
use gan_data::{Batcher, MnistSet, Rng, Split};

fn train_set() -> MnistSet {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../www/data/mnist/");
    let read = |name: &str| std::fs::read(format!("{dir}{name}")).expect("shipped MNIST file");
    let split = Split::Train;
    MnistSet::from_verified_gz(
        split,
        &read(split.images_file()),
        &read(split.labels_file()),
    )
    .expect("shipped MNIST parses")
}

/// Mean pixel of the middle 12×12 and of the outer 4-pixel ring of every image.
fn center_and_border(pixels: &[f32]) -> (f32, f32) {
    let (mut center, mut border) = (Vec::new(), Vec::new());
    for image in pixels.chunks_exact(784) {
        for (i, &v) in image.iter().enumerate() {
            let (x, y) = (i % 28, i / 28);
            if !(4..24).contains(&x) || !(4..24).contains(&y) {
                border.push(v);
            } else if (8..20).contains(&x) && (8..20).contains(&y) {
                center.push(v);
            }
        }
    }
    (mean(center.into_iter()), mean(border.into_iter()))
}

fn mean(values: impl Iterator<Item = f32>) -> f32 {
    let (sum, n) = values.fold((0.0, 0), |(s, n), v| (s + v, n + 1));
    sum / n as f32
}

#[test]
fn three_hundred_steps_teach_both_networks() {
    let set = train_set();
    // The seed's plain recipe: Adam 2e-4 and hard labels, so D(x) aims at 1 exactly.
    let config = GanConfig {
        lr_generator: 2e-4,
        lr_discriminator: 2e-4,
        label_smoothing: 0.0,
        ..GanConfig::default()
    };
    let mut trainer = GanTrainer::new(config.clone(), &Device::flex()).unwrap();
    let mut batcher = Batcher::for_set(&set, config.batch_size, config.seed).unwrap();
    let noise = Rng::new(99).normal_vec(64 * config.latent_dim);

    let (real_center, real_border) = center_and_border(&batcher.next_batch(&set).pixels);
    let contrast_before = {
        let (c, b) = center_and_border(&trainer.sample(&noise).unwrap());
        c - b
    };

    let stats: Vec<StepStats> = (0..300)
        .map(|_| {
            let batch = batcher.next_batch(&set);
            trainer.step(&batch.pixels).unwrap().read().unwrap()
        })
        .collect();
    assert!(
        stats.iter().all(StepStats::is_finite),
        "a loss became NaN or infinite"
    );

    let avg = |f: fn(&StepStats) -> f32| mean(stats.iter().map(f));

    // At the start D knows nothing: its loss is about ln 2.
    assert!(
        (stats[0].d_loss() - std::f32::consts::LN_2).abs() < 0.15,
        "first D loss {} is not ≈ ln 2",
        stats[0].d_loss()
    );
    // D learns to tell real from fake: over the run it rates real digits higher than fakes.
    let (d_real, d_fake) = (avg(|s| s.d_real), avg(|s| s.d_fake));
    assert!(d_real > d_fake + 0.03, "D(x) {d_real} vs D(G(z)) {d_fake}");
    // Each of D's updates (phase 2) lowers its verdict on fakes (measured again in phase 5,
    // before G moves) ...
    let d_fake_after_d = avg(|s| s.d_fake_before_g);
    assert!(
        d_fake_after_d < d_fake - 0.02,
        "D's updates do not catch fakes better: D(G(z)) {d_fake} → {d_fake_after_d}"
    );
    // ... and each of G's updates (phase 5) raises it again: the duel.
    let d_fake_after_g = avg(|s| s.d_fake_after_g.unwrap_or(f32::NAN));
    assert!(
        d_fake_after_g > d_fake_after_d + 0.02,
        "G's updates do not fool D more: D(G(z)) {d_fake_after_d} → {d_fake_after_g}"
    );
    // And G's images take the shape of digits: a dark border around a brighter middle, as in
    // real MNIST, where a fresh G draws the same grey everywhere.
    let (center, border) = center_and_border(&trainer.sample(&noise).unwrap());
    assert!(
        contrast_before.abs() < 0.1,
        "a fresh G already has structure: {contrast_before}"
    );
    assert!(
        center - border > 0.1 * (real_center - real_border) + contrast_before.abs(),
        "G's digits have no dark border yet: middle {center}, border {border}"
    );
}
