//! The real files in `www/data/mnist/`: they parse, match their checksums and look like
//! MNIST. Reading files is the test's job; the library only ever sees bytes.

use std::path::PathBuf;

use gan_data::{
    Batcher, DataError, IMAGE_PIXELS, MnistSet, SHIPPED_FILES, Split, checksum, gunzip,
    parse_images, parse_labels, sha256_hex, verify,
};

fn data_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../www/data/mnist")
}

fn read(name: &str) -> Vec<u8> {
    let path = data_dir().join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()))
}

fn load(split: Split) -> MnistSet {
    MnistSet::from_verified_gz(
        split,
        &read(split.images_file()),
        &read(split.labels_file()),
    )
    .unwrap()
}

#[test]
fn sha256sums_file_matches_the_constants() {
    let sums = String::from_utf8(read("SHA256SUMS")).unwrap();
    let lines: Vec<(&str, &str)> = sums
        .lines()
        .map(|line| {
            line.split_once("  ")
                .expect("sha256sum format: '<hex>  <name>'")
        })
        .collect();
    let expected: Vec<(&str, &str)> = SHIPPED_FILES
        .iter()
        .map(|f| (f.gz_sha256, f.name))
        .collect();
    assert_eq!(lines, expected);
}

#[test]
fn every_file_matches_its_checksums() {
    for file in SHIPPED_FILES {
        let gz = read(file.name);
        assert_eq!(sha256_hex(&gz), file.gz_sha256, "{}", file.name);
        verify(file.name, &gz).unwrap();
        let raw = gunzip(&gz).unwrap();
        assert_eq!(sha256_hex(&raw), file.idx_sha256, "{}", file.name);
        // Bytes a browser already decompressed pass too.
        verify(file.name, &raw).unwrap();
    }
}

#[test]
fn largest_file_fits_the_gunzip_bound_exactly() {
    let raw = gunzip(&read(Split::Train.images_file())).unwrap();
    assert_eq!(raw.len(), gan_data::MAX_GUNZIP_BYTES);
    assert_eq!(raw.len(), 47_040_016);
    assert_eq!(parse_images(&raw).unwrap().len(), 60_000 * IMAGE_PIXELS);
    let labels = gunzip(&read(Split::Train.labels_file())).unwrap();
    assert_eq!(parse_labels(&labels).unwrap().len(), 60_000);
}

#[test]
fn train_split_looks_like_mnist() {
    let set = load(Split::Train);
    assert_eq!(set.len(), 60_000);
    assert_eq!(set.images().len(), 60_000 * 784);
    assert_eq!(
        set.label_counts(),
        [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949]
    );
    // The first training digits of MNIST are 5, 0, 4, 1, 9, 2, 1, 3, 1, 4.
    assert_eq!(&set.labels()[..10], &[5, 0, 4, 1, 9, 2, 1, 3, 1, 4]);
    // Images have a blank border and full-ink strokes.
    let first = set.image(0);
    assert!(first[..28].iter().all(|&p| p == 0), "top row is background");
    assert_eq!(first.iter().copied().max(), Some(255));
    let ink = set.images().iter().filter(|&&p| p > 0).count() as f64 / set.images().len() as f64;
    assert!((0.15..0.22).contains(&ink), "inked fraction {ink}");
}

#[test]
fn test_split_looks_like_mnist() {
    let set = load(Split::Test);
    assert_eq!(set.len(), 10_000);
    assert_eq!(
        set.label_counts(),
        [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]
    );
    // The first test digits are 7, 2, 1, 0, 4, 1, 4, 9, 5, 9.
    assert_eq!(&set.labels()[..10], &[7, 2, 1, 0, 4, 1, 4, 9, 5, 9]);
}

#[test]
fn swapped_splits_fail_the_checksum() {
    let err = MnistSet::from_verified_gz(
        Split::Train,
        &read(Split::Test.images_file()),
        &read(Split::Test.labels_file()),
    )
    .unwrap_err();
    assert!(
        matches!(&err, DataError::ChecksumMismatch { name, .. } if name == "train-labels-idx1-ubyte.gz"),
        "{err}"
    );
    // A single flipped bit in a shipped file is caught too.
    let mut labels = read(checksum::TEST_LABELS.name);
    let mid = labels.len() / 2;
    labels[mid] ^= 1;
    assert!(matches!(
        verify(checksum::TEST_LABELS.name, &labels),
        Err(DataError::ChecksumMismatch { .. })
    ));
}

#[test]
fn batches_over_the_test_split() {
    let set = load(Split::Test);
    let mut batcher = Batcher::for_set(&set, 64, 2024).unwrap();
    let mut seen = vec![0u32; set.len()];
    while batcher.epoch() == 0 {
        let batch = batcher.next_batch(&set);
        assert_eq!(batch.pixels.len(), 64 * 784);
        assert!(batch.pixels.iter().all(|v| (-1.0..=1.0).contains(v)));
        assert!(batch.pixels.contains(&-1.0) && batch.pixels.contains(&1.0));
    }
    // Replaying the same seed gives the same first epoch, covering each index once.
    let mut replay = Batcher::for_set(&set, 64, 2024).unwrap();
    for _ in 0..set.len().div_ceil(64) {
        for i in replay.next_indices() {
            seen[i] += 1;
        }
    }
    // 157 batches of 64 = 10 048 indices: every index once, plus 48 from epoch two.
    assert_eq!(seen.iter().map(|&c| c as usize).sum::<usize>(), 157 * 64);
    assert!(seen.iter().all(|&c| (1..=2).contains(&c)));
    assert_eq!(seen.iter().filter(|&&c| c == 2).count(), 48);
}

fn fashion(name: &str) -> Vec<u8> {
    let path = data_dir().join("../fashion-mnist").join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()))
}

#[test]
fn fashion_mnist_ships_with_its_sums_and_is_told_apart_from_mnist() {
    use gan_data::Collection;
    use gan_data::checksum::FASHION_FILES;
    let sums = String::from_utf8(fashion("SHA256SUMS")).unwrap();
    let listed: Vec<(String, String)> = sums
        .lines()
        .map(|l| {
            let (sum, name) = l.split_once("  ").unwrap();
            (sum.to_owned(), name.to_owned())
        })
        .collect();
    let expected: Vec<(String, String)> = FASHION_FILES
        .iter()
        .map(|f| (f.gz_sha256.to_owned(), f.name.to_owned()))
        .collect();
    assert_eq!(listed, expected);
    let split = Split::Train;
    let (images, labels) = (fashion(split.images_file()), fashion(split.labels_file()));
    let set = MnistSet::from_verified_gz_in(Collection::Fashion, split, &images, &labels).unwrap();
    assert_eq!(set.len(), 60_000);
    // Ten classes, 6 000 photos each.
    let mut counts = [0usize; 10];
    for &label in set.labels() {
        counts[usize::from(label)] += 1;
    }
    assert_eq!(counts, [6_000; 10]);
    // Clothes are not digits: the files of one set are refused as the other.
    assert!(matches!(
        MnistSet::from_verified_gz(split, &images, &labels),
        Err(DataError::ChecksumMismatch { .. })
    ));
    assert!(matches!(
        MnistSet::from_verified_gz_in(
            Collection::Fashion,
            split,
            &read(split.images_file()),
            &read(split.labels_file())
        ),
        Err(DataError::ChecksumMismatch { .. })
    ));
    assert_eq!(Collection::from_id("fashion"), Some(Collection::Fashion));
    assert_eq!(Collection::from_id("cifar"), None);
}
