//! Checkpoints: a round trip keeps the networks exactly; every kind of bad file is refused.

mod common;

use burn::prelude::*;
use common::{parameter_bits, square_batch};
use gan_core::checkpoint::{FORMAT_VERSION, MAX_BYTES};
use gan_core::{Checkpoint, CheckpointError, GanConfig, GanTrainer, ModelKind};
use sha2::{Digest, Sha256};
use std::sync::{Mutex, MutexGuard};

/// The Flex device's random generator is one for the whole process, and the test harness runs
/// tests on parallel threads: a test that seeds it and expects the same draws twice must not
/// have another test draw in between. Every test here holds this lock.
static RNG: Mutex<()> = Mutex::new(());

fn rng() -> MutexGuard<'static, ()> {
    RNG.lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn trained(model: ModelKind) -> (GanTrainer, Vec<u8>) {
    let config = GanConfig {
        model,
        batch_size: 4,
        ..GanConfig::default()
    };
    let mut t = GanTrainer::new(config.clone(), &Device::flex()).unwrap();
    for _ in 0..2 {
        t.step(&square_batch(4)).unwrap();
    }
    let bytes = Checkpoint {
        config,
        steps: t.steps(),
        gan: t.gan().clone(),
        optimizers: Some(t.optimizer_state().unwrap()),
    }
    .to_bytes()
    .unwrap();
    (t, bytes)
}

fn round_trip(model: ModelKind) {
    let (t, bytes) = trained(model);
    let loaded = Checkpoint::from_bytes(&bytes, &Device::flex()).unwrap();
    assert_eq!(loaded.steps, 2);
    assert_eq!(&loaded.config, t.config());
    assert_eq!(
        parameter_bits(&loaded.gan.generator),
        parameter_bits(&t.gan().generator)
    );
    assert_eq!(
        parameter_bits(&loaded.gan.discriminator),
        parameter_bits(&t.gan().discriminator)
    );

    // Training continues from the loaded networks, on the autodiff device.
    let mut resumed = GanTrainer::new(loaded.config.clone(), &Device::flex()).unwrap();
    resumed.load(loaded.gan, loaded.steps);
    let before = parameter_bits(&resumed.gan().generator);
    let stats = resumed.step(&square_batch(4)).unwrap().read().unwrap();
    assert_eq!(stats.step, 3);
    assert_ne!(
        parameter_bits(&resumed.gan().generator),
        before,
        "G did not train after loading"
    );
}

/// Training resumed from a checkpoint with its optimizers takes exactly the step the original
/// trainer takes; with fresh optimizers (what version 1 did) it takes another.
#[test]
fn optimizer_state_resumes_training_exactly() {
    let _rng = rng();
    let (mut original, bytes) = trained(ModelKind::Mlp);
    let loaded = Checkpoint::from_bytes(&bytes, &Device::flex()).unwrap();
    let state = loaded
        .optimizers
        .clone()
        .expect("the checkpoint holds optimizer state");
    let mut resumed = GanTrainer::new(loaded.config.clone(), &Device::flex()).unwrap();
    resumed.load(loaded.gan.clone(), loaded.steps);
    resumed.load_optimizers(&state).unwrap();
    let mut forgetful = GanTrainer::new(loaded.config.clone(), &Device::flex()).unwrap();
    forgetful.load(loaded.gan, loaded.steps);

    let step = |t: &mut GanTrainer| {
        // The same noise for each: the step draws z from the device's generator.
        Device::flex().seed(7);
        t.step(&square_batch(4)).unwrap();
        parameter_bits(&t.gan().generator)
    };
    let expected = step(&mut original);
    assert_eq!(
        step(&mut resumed),
        expected,
        "resumed training took another step"
    );
    assert_ne!(
        step(&mut forgetful),
        expected,
        "fresh optimizers should differ"
    );
}

#[test]
fn a_garbled_optimizer_state_is_refused() {
    let _rng = rng();
    let (mut t, _) = trained(ModelKind::Mlp);
    let mut state = t.optimizer_state().unwrap();
    state.generator.truncate(state.generator.len() / 3);
    assert!(matches!(
        t.load_optimizers(&state),
        Err(CheckpointError::Optimizer(_))
    ));
}

#[test]
fn mlp_round_trip_and_resume() {
    let _rng = rng();
    round_trip(ModelKind::Mlp);
}

#[test]
fn dcgan_round_trip_and_resume() {
    let _rng = rng();
    round_trip(ModelKind::Dcgan);
}

/// The config JSON inside a checkpoint (after magic, version and its `u32` length).
fn config_of(checkpoint: &[u8]) -> &str {
    let len = u32::from_le_bytes(checkpoint[12..16].try_into().unwrap()) as usize;
    std::str::from_utf8(&checkpoint[16..16 + len]).unwrap()
}

/// The checkpoint with its config JSON replaced, everything else kept, sealed again (as a
/// hostile file would be: the seal catches damage, not intent).
fn with_config(checkpoint: &[u8], json: &str) -> Vec<u8> {
    let old_len = config_of(checkpoint).len();
    let mut out = checkpoint[..12].to_vec();
    out.extend_from_slice(&(json.len() as u32).to_le_bytes());
    out.extend_from_slice(json.as_bytes());
    out.extend_from_slice(&checkpoint[16 + old_len..checkpoint.len() - 32]);
    let seal = Sha256::digest(&out);
    out.extend_from_slice(&seal);
    out
}

#[test]
fn bad_files_are_refused_with_the_reason() {
    let _rng = rng();
    let (_, good) = trained(ModelKind::Dcgan);
    let device = Device::flex();
    let err = |bytes: &[u8]| Checkpoint::from_bytes(bytes, &device).unwrap_err();

    assert_eq!(
        err(b"PK\x03\x04 a zip file"),
        CheckpointError::NotACheckpoint
    );
    assert_eq!(err(b""), CheckpointError::NotACheckpoint);

    let mut other_version = good.clone();
    other_version[8..12].copy_from_slice(&(FORMAT_VERSION + 1).to_le_bytes());
    assert!(matches!(
        err(&other_version),
        CheckpointError::Version { .. }
    ));

    for cut in [10, 20, good.len() / 2, good.len() - 1] {
        assert!(
            matches!(err(&good[..cut]), CheckpointError::Truncated(_)),
            "cut at {cut}: {:?}",
            err(&good[..cut])
        );
    }

    // One flipped bit anywhere in the weights: the seal no longer matches.
    let mut flipped = good.clone();
    let middle = flipped.len() / 2;
    flipped[middle] ^= 0x10;
    assert_eq!(err(&flipped), CheckpointError::Damaged);

    let mut trailing = good.clone();
    trailing.extend_from_slice(b"junk");
    assert_eq!(err(&trailing), CheckpointError::TrailingBytes(4));

    assert!(matches!(
        err(&vec![0u8; MAX_BYTES + 1]),
        CheckpointError::TooLarge(_)
    ));

    // The same weights declared as the other model: the shapes do not fit.
    let json = config_of(&good);
    let swapped = json.replace("\"dcgan\"", "\"mlp\"");
    assert_ne!(swapped, json);
    let wrong_model = with_config(&good, &swapped);
    assert!(
        matches!(err(&wrong_model), CheckpointError::Weights(_)),
        "{:?}",
        err(&wrong_model)
    );

    // A hostile config inside an otherwise well-formed file.
    let hostile = json.replace("\"batch_size\": 4", "\"batch_size\": 0");
    assert_ne!(hostile, json);
    let bad_config = with_config(&good, &hostile);
    assert!(matches!(err(&bad_config), CheckpointError::Config(_)));
}
