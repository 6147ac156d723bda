//! What a class watches between two phases (`trainer/watch.rs`): the fakes phase 1 leaves for
//! phase 2, D's verdicts and D's loss on each half, and that looking changes nothing.

use std::sync::{Mutex, MutexGuard, PoisonError};

use burn::prelude::*;
use gan_core::{GanConfig, GanTrainer, IMAGE_PIXELS};

/// burn seeds one random generator per backend, shared by every thread: the tests that build
/// networks take turns, so that "same seed, same networks" holds.
fn serial() -> MutexGuard<'static, ()> {
    static SERIAL: Mutex<()> = Mutex::new(());
    SERIAL.lock().unwrap_or_else(PoisonError::into_inner)
}

fn trainer() -> GanTrainer {
    let config = GanConfig {
        batch_size: 8,
        ..GanConfig::default()
    };
    GanTrainer::new(config, &Device::default()).unwrap()
}

fn values(t: Tensor<2>) -> Vec<f32> {
    t.into_data().try_to_vec::<f32>().unwrap()
}

#[test]
fn fakes_are_in_hand_between_phase_one_and_two_only() {
    let _serial = serial();
    let mut trainer = trainer();
    let real = vec![0.0f32; 8 * IMAGE_PIXELS];
    assert!(trainer.fakes_in_hand(4).is_none(), "before phase 1");
    trainer.run_next_phase(Some(&real[..])).unwrap();
    let (fakes, classes) = trainer.fakes_in_hand(4).expect("after phase 1");
    assert_eq!(fakes.dims(), [4, IMAGE_PIXELS]);
    assert!(classes.is_none(), "the default GAN is not conditional");
    trainer.run_next_phase(Some(&real[..])).unwrap();
    assert!(trainer.fakes_in_hand(4).is_none(), "phase 2 used them");
}

#[test]
fn judging_is_a_probability_and_repeatable() {
    let _serial = serial();
    let mut trainer = trainer();
    let real = vec![0.0f32; 8 * IMAGE_PIXELS];
    trainer.run_next_phase(Some(&real[..])).unwrap();
    let (fakes, _) = trainer.fakes_in_hand(3).unwrap();
    let first = values(trainer.judge_images(fakes.clone(), None));
    let again = values(trainer.judge_images(fakes, None));
    assert_eq!(first.len(), 3);
    assert!(first.iter().all(|p| (0.0..=1.0).contains(p)), "{first:?}");
    assert_eq!(first, again, "looking must not change D");
}

#[test]
fn looking_leaves_the_recipe_as_it_was() {
    let _serial = serial();
    // Two trainers from the same seed: one is watched after every phase, one is not. Their
    // steps must give the same figures.
    let real: Vec<f32> = (0..8 * IMAGE_PIXELS)
        .map(|i| ((i % 13) as f32 / 6.0) - 1.0)
        .collect();
    // The device's random numbers are seeded when a trainer is built, so the two run one
    // after the other.
    let mut watched = trainer();
    let mut readout = None;
    while readout.is_none() {
        if let Some((fakes, classes)) = watched.fakes_in_hand(2) {
            let _ = watched.judge_images(fakes, classes);
        }
        let _ = watched.discriminator_losses();
        readout = watched.run_next_phase(Some(&real[..])).unwrap();
    }
    let watched = readout.unwrap().read().unwrap();
    let mut plain = trainer();
    let plain = plain.step(&real[..]).unwrap().read().unwrap();
    assert_eq!(watched, plain);
}

#[test]
fn phase_two_leaves_the_loss_of_each_half() {
    let _serial = serial();
    let mut trainer = trainer();
    let real = vec![0.5f32; 8 * IMAGE_PIXELS];
    trainer.run_next_phase(Some(&real[..])).unwrap();
    assert!(trainer.discriminator_losses().is_none(), "before phase 2");
    trainer.run_next_phase(Some(&real[..])).unwrap();
    let losses = trainer
        .discriminator_losses()
        .unwrap()
        .into_data()
        .try_to_vec::<f32>()
        .unwrap();
    assert_eq!(losses.len(), 2);
    assert!(
        losses.iter().all(|l| l.is_finite() && *l > 0.0),
        "{losses:?}"
    );
}
