//! The six phases, run one by one: what each may change, and what it must leave alone.

mod common;

use burn::prelude::*;
use common::{parameter_bits, require_grad, square_batch};
use gan_core::{GanConfig, GanTrainer, ModelKind, Phase, TrainError};

fn trainer(model: ModelKind) -> GanTrainer {
    let config = GanConfig {
        model,
        batch_size: 8,
        ..GanConfig::default()
    };
    GanTrainer::new(config, &Device::flex()).expect("valid config")
}

fn phase_two_trains_only_d(model: ModelKind) {
    let mut t = trainer(model);
    let real = square_batch(8);
    t.generate_fakes().unwrap();
    let g_before = parameter_bits(&t.gan().generator);
    let d_before = parameter_bits(&t.gan().discriminator);

    t.train_discriminator(&real).unwrap();

    assert_eq!(
        parameter_bits(&t.gan().generator),
        g_before,
        "phase 2 changed G"
    );
    let d_after = parameter_bits(&t.gan().discriminator);
    assert_eq!(d_after.len(), d_before.len());
    for (i, (a, b)) in d_after.iter().zip(&d_before).enumerate() {
        assert_ne!(a, b, "phase 2 left D's parameter tensor {i} unchanged");
    }
}

fn phase_five_trains_only_g(model: ModelKind) {
    let mut t = trainer(model);
    let real = square_batch(8);
    for _ in 0..4 {
        t.run_next_phase(Some(&real)).unwrap();
    }
    assert_eq!(t.next_phase(), Phase::TrainGenerator);
    assert_eq!(
        require_grad(&t.gan().discriminator),
        Some(false),
        "D not frozen in phase 4"
    );
    let g_before = parameter_bits(&t.gan().generator);
    let d_before = parameter_bits(&t.gan().discriminator);

    t.train_generator().unwrap();

    assert_eq!(
        parameter_bits(&t.gan().discriminator),
        d_before,
        "phase 5 changed D"
    );
    let g_after = parameter_bits(&t.gan().generator);
    let changed = g_after
        .iter()
        .zip(&g_before)
        .filter(|(a, b)| a != b)
        .count();
    // Batch norm's running statistics are not trained, so count the trained tensors only:
    // every weight and bias of G must move.
    assert!(
        changed >= g_before.len() / 2,
        "phase 5 changed only {changed} of G's tensors"
    );

    t.unfreeze_discriminator().unwrap();
    assert_eq!(
        require_grad(&t.gan().discriminator),
        Some(true),
        "D still frozen after phase 6"
    );
}

#[test]
fn mlp_phase_two_trains_only_the_discriminator() {
    phase_two_trains_only_d(ModelKind::Mlp);
}

#[test]
fn dcgan_phase_two_trains_only_the_discriminator() {
    phase_two_trains_only_d(ModelKind::Dcgan);
}

#[test]
fn mlp_phase_five_trains_only_the_generator() {
    phase_five_trains_only_g(ModelKind::Mlp);
}

#[test]
fn dcgan_phase_five_trains_only_the_generator() {
    phase_five_trains_only_g(ModelKind::Dcgan);
}

#[test]
fn phases_run_in_order_and_a_step_reports_every_statistic() {
    let mut t = trainer(ModelKind::Mlp);
    let real = square_batch(8);
    assert_eq!(
        t.train_generator(),
        Err(TrainError::OutOfOrder {
            expected: Phase::GenerateFakes,
            requested: Phase::TrainGenerator
        })
    );
    t.generate_fakes().unwrap();
    assert!(matches!(
        t.run_next_phase(None::<gan_core::Real<'_>>),
        Err(TrainError::MissingRealBatch)
    ));
    assert!(matches!(
        t.train_discriminator(&real[..100]),
        Err(TrainError::BadBatch { got: 100, .. })
    ));

    let mut seen = vec![Phase::GenerateFakes];
    let readout = loop {
        seen.push(t.next_phase());
        if let Some(readout) = t.run_next_phase(Some(&real)).unwrap() {
            break readout;
        }
    };
    assert_eq!(seen, Phase::ALL.to_vec());
    assert_eq!(t.next_phase(), Phase::GenerateFakes);
    let stats = readout.read().unwrap();
    assert_eq!(stats.step, 1);
    assert!(stats.is_finite(), "{stats:?}");
    for p in [stats.d_real, stats.d_fake, stats.d_fake_before_g] {
        assert!((0.0..=1.0).contains(&p), "{stats:?}");
    }
    for a in [stats.d_accuracy_real, stats.d_accuracy_fake] {
        // Accuracies over 8 images are multiples of 1/8.
        assert!((a * 8.0 - (a * 8.0).round()).abs() < 1e-5, "{stats:?}");
    }
    // A fresh D cannot tell anything apart yet: its losses are near ln 2.
    assert!(
        (stats.d_loss_real - std::f32::consts::LN_2).abs() < 0.3,
        "{stats:?}"
    );
    assert!(stats.d_fake_after_g.is_some());

    let second = t.step(&real).unwrap().read().unwrap();
    assert_eq!(second.step, 2);
}

#[test]
fn sampling_is_deterministic_for_fixed_noise() {
    let mut t = trainer(ModelKind::Dcgan);
    let noise: Vec<f32> = (0..3 * 100)
        .map(|i| ((i * 37 % 101) as f32 / 50.0) - 1.0)
        .collect();
    let a = t.sample(&noise).unwrap();
    assert_eq!(a.len(), 3 * 784);
    assert_eq!(
        t.sample(&noise).unwrap(),
        a,
        "same noise, same network, other image"
    );
    t.step(&square_batch(8)).unwrap();
    assert_ne!(
        t.sample(&noise).unwrap(),
        a,
        "a training step left the samples unchanged"
    );
    assert!(matches!(
        t.sample(&noise[..150]),
        Err(TrainError::BadNoise { .. })
    ));
}

#[test]
fn a_config_change_applies_live_or_resets() {
    let mut t = trainer(ModelKind::Mlp);
    t.step(&square_batch(8)).unwrap();
    let live = GanConfig {
        lr_generator: 1e-3,
        ..t.config().clone()
    };
    assert_eq!(t.set_config(live), Ok(false));
    assert_eq!(t.steps(), 1);
    let other = GanConfig {
        model: ModelKind::Dcgan,
        ..t.config().clone()
    };
    assert_eq!(t.set_config(other), Ok(true));
    assert_eq!(t.steps(), 0);
    let bad = GanConfig {
        batch_size: 0,
        ..t.config().clone()
    };
    assert!(matches!(t.set_config(bad), Err(TrainError::Config(_))));
    assert_eq!(
        t.config().model,
        ModelKind::Dcgan,
        "a refused config changed the trainer"
    );
}

#[test]
fn a_new_batch_size_mid_step_restarts_the_step_with_d_unfrozen() {
    let mut t = trainer(ModelKind::Mlp);
    for _ in 0..4 {
        t.run_next_phase(Some(&square_batch(8))).unwrap();
    }
    assert_eq!(require_grad(&t.gan().discriminator), Some(false));
    let smaller = GanConfig {
        batch_size: 4,
        ..t.config().clone()
    };
    assert_eq!(t.set_config(smaller), Ok(false));
    assert_eq!(t.next_phase(), Phase::GenerateFakes);
    assert_eq!(require_grad(&t.gan().discriminator), Some(true));
    let stats = t.step(&square_batch(4)).unwrap().read().unwrap();
    assert!(stats.is_finite());
}
