//! The trainer lends each network to its optimizer alone, so Adam updates the parameters in
//! place (gan-fast's `Sole`); the counter of copied parameters shows it.

use burn::prelude::*;
use gan_core::fast::copied_parameters;
use gan_core::{GanConfig, GanTrainer, IMAGE_PIXELS};

/// No parameter is copied while the trainer alone holds the networks; a parameter that
/// something else still holds (as a preview might) is updated into a copy, and the holder
/// keeps the old values.
#[test]
fn training_updates_parameters_in_place() {
    let config = GanConfig {
        batch_size: 4,
        // Batch norm's running statistics are shared by every clone of G; without it a clone's
        // images show exactly the parameters it holds.
        generator_batch_norm: false,
        ..GanConfig::default()
    };
    let device = Device::flex();
    let mut trainer = GanTrainer::new(config, &device).unwrap();
    let real = vec![0.5f32; 4 * IMAGE_PIXELS];
    let before = copied_parameters();
    for _ in 0..2 {
        trainer.step(&real).unwrap();
    }
    assert_eq!(copied_parameters(), before, "no parameter was copied");

    let held = trainer.gan().generator.clone();
    let old = trainer.sample(&vec![0.1; 100]).unwrap();
    trainer.step(&real).unwrap();
    assert!(
        copied_parameters() > before,
        "a held parameter is updated into a copy"
    );
    let held_images = held
        .valid()
        .forward(Tensor::<2>::full([1, 100], 0.1, &device));
    let held_images = held_images.into_data().try_to_vec::<f32>().unwrap();
    assert_eq!(held_images, old, "the held generator kept its values");
    assert_ne!(trainer.sample(&vec![0.1; 100]).unwrap(), old, "G trained");
}
