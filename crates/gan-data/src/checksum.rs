//! SHA-256 checksums of the shipped MNIST files, and checking bytes against them.
//!
//! The `.gz` sums are copied from `www/data/mnist/SHA256SUMS` (a test keeps them in step).
//! The sums of the uncompressed IDX files are the widely published ones of the original
//! MNIST files; they let [`verify`] accept bytes that a web server already decompressed
//! (`Content-Encoding: gzip`).

use sha2::{Digest, Sha256};

use crate::DataError;

/// One of the four shipped files, with its expected checksums.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ShippedFile {
    /// File name in `www/data/mnist/`, e.g. `train-images-idx3-ubyte.gz`.
    pub name: &'static str,
    /// Lowercase hex SHA-256 of the `.gz` file as shipped.
    pub gz_sha256: &'static str,
    /// Lowercase hex SHA-256 of the decompressed IDX bytes.
    pub idx_sha256: &'static str,
}

/// `train-images-idx3-ubyte.gz`: 60 000 training images.
pub const TRAIN_IMAGES: ShippedFile = ShippedFile {
    name: "train-images-idx3-ubyte.gz",
    gz_sha256: "5e6eefb4633e29be3f14a09b82db05d789b279c44e8de71597ad1dc51a00e541",
    idx_sha256: "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
};

/// `train-labels-idx1-ubyte.gz`: 60 000 training labels.
pub const TRAIN_LABELS: ShippedFile = ShippedFile {
    name: "train-labels-idx1-ubyte.gz",
    gz_sha256: "a21affcd4852a62b2601411b8253369275270e1372f664360e28a807751f8d9c",
    idx_sha256: "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
};

/// `t10k-images-idx3-ubyte.gz`: 10 000 test images.
pub const TEST_IMAGES: ShippedFile = ShippedFile {
    name: "t10k-images-idx3-ubyte.gz",
    gz_sha256: "cd58fbf5ce834415eba6e65e368cb0ed839a5e478861daf08571448712b05a09",
    idx_sha256: "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
};

/// `t10k-labels-idx1-ubyte.gz`: 10 000 test labels.
pub const TEST_LABELS: ShippedFile = ShippedFile {
    name: "t10k-labels-idx1-ubyte.gz",
    gz_sha256: "ae18e77e031ccde52407f794d123116439864147d33ac992975f85dd4dc42af6",
    idx_sha256: "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2",
};

/// Fashion-MNIST's `train-images-idx3-ubyte.gz`: 60 000 training photos of clothes.
pub const FASHION_TRAIN_IMAGES: ShippedFile = ShippedFile {
    name: "train-images-idx3-ubyte.gz",
    gz_sha256: "b0564c3eedabfbf835052cff8503ea422014ce006caf5b757f851416ee8300c7",
    idx_sha256: "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888",
};

/// Fashion-MNIST's `train-labels-idx1-ubyte.gz`: their 60 000 classes.
pub const FASHION_TRAIN_LABELS: ShippedFile = ShippedFile {
    name: "train-labels-idx1-ubyte.gz",
    gz_sha256: "0ae29f65d86684f32d1b9c85147786c547b9c6aebcaf235f0400a0cce308b056",
    idx_sha256: "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9",
};

/// Fashion-MNIST's `t10k-images-idx3-ubyte.gz`: 10 000 test photos.
pub const FASHION_TEST_IMAGES: ShippedFile = ShippedFile {
    name: "t10k-images-idx3-ubyte.gz",
    gz_sha256: "cc1d090a38ace84dfa1aa66e3ada7c336ef481a96936906477e6dd344da56eaa",
    idx_sha256: "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b",
};

/// Fashion-MNIST's `t10k-labels-idx1-ubyte.gz`: their 10 000 classes.
pub const FASHION_TEST_LABELS: ShippedFile = ShippedFile {
    name: "t10k-labels-idx1-ubyte.gz",
    gz_sha256: "8d3605d196f4be44669e46906da9733c8131fef761fdbfec72c424d5222f1a05",
    idx_sha256: "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34",
};

/// Fashion-MNIST's four files, in the order of its `SHA256SUMS`.
pub const FASHION_FILES: [ShippedFile; 4] = [
    FASHION_TRAIN_IMAGES,
    FASHION_TRAIN_LABELS,
    FASHION_TEST_IMAGES,
    FASHION_TEST_LABELS,
];

/// All four shipped files, in the order of `SHA256SUMS`.
pub const SHIPPED_FILES: [ShippedFile; 4] = [TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS];

/// Lowercase hex SHA-256 of `bytes` (64 characters, as `sha256sum` prints it).
#[must_use]
pub fn sha256_hex(bytes: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let digest = Sha256::digest(bytes);
    let mut hex = String::with_capacity(64);
    for byte in digest {
        hex.push(char::from(HEX[usize::from(byte >> 4)]));
        hex.push(char::from(HEX[usize::from(byte & 0x0f)]));
    }
    hex
}

/// The shipped file called `name`. A leading path or URL (`data/mnist/…`) is ignored, and
/// the name may be given without `.gz`.
#[must_use]
pub fn shipped_file(name: &str) -> Option<ShippedFile> {
    let base = name.rsplit('/').next().unwrap_or(name);
    SHIPPED_FILES
        .into_iter()
        .find(|f| f.name == base || f.name.strip_suffix(".gz") == Some(base))
}

/// Checks `bytes` against the expected SHA-256 of the shipped file `name`.
///
/// Gzip bytes (starting `1f 8b`) are compared with the `.gz` sum; anything else with the
/// sum of the decompressed IDX file, so that bytes a browser already decompressed pass
/// too. `name` is looked up as in [`shipped_file`].
///
/// # Errors
///
/// [`DataError::UnknownFile`] if `name` is none of the four files,
/// [`DataError::ChecksumMismatch`] if the digest differs.
pub fn verify(name: &str, bytes: &[u8]) -> Result<(), DataError> {
    let file = shipped_file(name).ok_or_else(|| DataError::UnknownFile {
        name: name.to_owned(),
    })?;
    verify_file(file, bytes)
}

/// Checks `bytes` against the expected SHA-256 of `file`, gzip or decompressed (see
/// [`verify`]).
///
/// # Errors
///
/// [`DataError::ChecksumMismatch`] if the digest differs.
pub fn verify_file(file: ShippedFile, bytes: &[u8]) -> Result<(), DataError> {
    let (shown, expected) = if crate::idx::is_gzip(bytes) {
        (file.name, file.gz_sha256)
    } else {
        (file.name.trim_end_matches(".gz"), file.idx_sha256)
    };
    let actual = sha256_hex(bytes);
    if actual == expected {
        Ok(())
    } else {
        Err(DataError::ChecksumMismatch {
            name: shown.to_owned(),
            expected,
            actual,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_digests() {
        // FIPS 180-2 test vectors.
        assert_eq!(
            sha256_hex(b""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn constants_are_lowercase_hex_and_distinct() {
        let mut all = Vec::new();
        for f in SHIPPED_FILES {
            for sum in [f.gz_sha256, f.idx_sha256] {
                assert_eq!(sum.len(), 64, "{}", f.name);
                assert!(
                    sum.bytes()
                        .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
                );
                all.push(sum);
            }
        }
        all.sort_unstable();
        all.dedup();
        assert_eq!(all.len(), 8);
    }

    #[test]
    fn lookup_by_name() {
        assert_eq!(
            shipped_file("train-images-idx3-ubyte.gz"),
            Some(TRAIN_IMAGES)
        );
        assert_eq!(
            shipped_file("https://example.org/data/mnist/t10k-labels-idx1-ubyte.gz"),
            Some(TEST_LABELS)
        );
        assert_eq!(shipped_file("t10k-images-idx3-ubyte"), Some(TEST_IMAGES));
        assert_eq!(shipped_file("train-images.gz"), None);
    }

    #[test]
    fn checksum_mismatch() {
        let err = verify("train-labels-idx1-ubyte.gz", &[0x1f, 0x8b, 0, 0]).unwrap_err();
        assert_eq!(
            err,
            DataError::ChecksumMismatch {
                name: "train-labels-idx1-ubyte.gz".into(),
                expected: TRAIN_LABELS.gz_sha256,
                actual: sha256_hex(&[0x1f, 0x8b, 0, 0]),
            }
        );
        assert!(err.to_string().starts_with(
            "checksum mismatch for train-labels-idx1-ubyte.gz: expected sha256 a21affcd"
        ));
        // Non-gzip bytes are checked against the IDX sum.
        assert_eq!(
            verify("train-labels-idx1-ubyte.gz", b"IDX?"),
            Err(DataError::ChecksumMismatch {
                name: "train-labels-idx1-ubyte".into(),
                expected: TRAIN_LABELS.idx_sha256,
                actual: sha256_hex(b"IDX?"),
            })
        );
    }

    #[test]
    fn unknown_file() {
        assert_eq!(
            verify("cifar.bin", b""),
            Err(DataError::UnknownFile {
                name: "cifar.bin".into()
            })
        );
    }
}
