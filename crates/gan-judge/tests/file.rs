//! The judge file: a round trip keeps every weight and statistic; every kind of bad file is
//! refused with the error that names it.

use burn::prelude::*;
use gan_judge::model::PIXELS;
use gan_judge::{Gaussian, JudgeConfig, JudgeFile, JudgeFileError};

fn sample_file(config: JudgeConfig) -> JudgeFile {
    let device = Device::flex();
    let dim = config.features;
    let mut cov = vec![0.0; dim * dim];
    for i in 0..dim {
        cov[i * dim + i] = 1.0 + i as f64 / 8.0;
    }
    JudgeFile {
        test_accuracy: 0.99,
        reference_digits: 10_000,
        reference: Gaussian {
            mean: (0..dim).map(|i| i as f64 * 0.25).collect(),
            cov,
        },
        judge: config.init(&device),
        config,
    }
}

fn logits(file: &JudgeFile) -> Vec<f32> {
    let device = Device::flex();
    let ramp: Vec<f32> = (0..2 * PIXELS)
        .map(|i| (i % 17) as f32 / 8.0 - 1.0)
        .collect();
    let images = Tensor::<2>::from_data(TensorData::new(ramp, [2, PIXELS]), &device);
    file.judge.forward(images).into_data().try_to_vec().unwrap()
}

#[test]
fn a_round_trip_keeps_the_judge_and_its_statistics() {
    let file = sample_file(JudgeConfig::new());
    let bytes = file.to_bytes().unwrap();
    assert!(bytes.len() < 1024 * 1024, "{} bytes", bytes.len());
    let back = JudgeFile::from_bytes(&bytes, &Device::flex()).unwrap();
    assert_eq!(back.config, file.config);
    assert_eq!(back.test_accuracy, 0.99);
    assert_eq!(back.reference_digits, 10_000);
    assert_eq!(back.reference, file.reference); // values are exact in f32
    assert_eq!(logits(&back), logits(&file));
}

#[test]
fn bad_files_are_refused_with_their_reason() {
    let device = Device::flex();
    let bytes = sample_file(JudgeConfig::new()).to_bytes().unwrap();
    let refused = |b: &[u8]| JudgeFile::from_bytes(b, &device).unwrap_err();

    assert_eq!(refused(b""), JudgeFileError::NotAJudge);
    assert_eq!(refused(b"<!DOCTYPE html><html>"), JudgeFileError::NotAJudge);
    assert_eq!(refused(&bytes[..12]), JudgeFileError::Truncated("checksum"));
    // Cut anywhere after the header: the checksum no longer matches.
    assert_eq!(refused(&bytes[..bytes.len() / 2]), JudgeFileError::Damaged);
    let mut flipped = bytes.clone();
    let middle = flipped.len() / 2;
    flipped[middle] ^= 0x40;
    assert_eq!(refused(&flipped), JudgeFileError::Damaged);
    let mut version = bytes.clone();
    version[8] = 9;
    assert_eq!(
        refused(&version),
        JudgeFileError::Version {
            found: 9,
            supported: 1
        }
    );
    let huge = vec![0u8; gan_judge::file::MAX_BYTES + 1];
    assert!(matches!(refused(&huge), JudgeFileError::TooLarge(_)));
}

#[test]
fn a_judge_of_another_shape_is_refused() {
    // A well-formed file whose header claims a different network than its weights hold.
    let device = Device::flex();
    let small = sample_file(JudgeConfig::new().with_channels1(8));
    let mut bytes = small.to_bytes().unwrap();
    let from = br#""channels1":8"#;
    let at = bytes
        .windows(from.len())
        .position(|w| w == from)
        .expect("the config is JSON in the header");
    bytes[at + from.len() - 1] = b'9';
    // Re-seal the checksum, as a careless tool would, so that the shape check is what refuses.
    let body = bytes.len() - 32;
    let digest = {
        use sha2::Digest;
        sha2::Sha256::digest(&bytes[..body])
    };
    bytes[body..].copy_from_slice(&digest);
    let err = JudgeFile::from_bytes(&bytes, &device).unwrap_err();
    assert!(matches!(err, JudgeFileError::Weights(_)), "{err:?}");
}
