//! An MNIST split in memory: pixels and labels, checked, with normalisation to [-1, 1].

use crate::DataError;
use crate::checksum::{self, ShippedFile};
use crate::idx::{self, IMAGE_PIXELS, NUM_CLASSES};

/// Which data set: the handwritten digits, or Zalando's photos of clothes in the same format.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Collection {
    /// MNIST: 70 000 handwritten digits (`www/data/mnist/`).
    #[default]
    Mnist,
    /// Fashion-MNIST: 70 000 photos of clothes in ten classes (`www/data/fashion-mnist/`).
    Fashion,
}

impl Collection {
    /// Both, in the order a menu lists them.
    pub const ALL: [Collection; 2] = [Collection::Mnist, Collection::Fashion];

    /// The name in links and on the command line.
    #[must_use]
    pub const fn id(self) -> &'static str {
        match self {
            Collection::Mnist => "mnist",
            Collection::Fashion => "fashion",
        }
    }

    /// The collection called `id` ([`Collection::id`]).
    #[must_use]
    pub fn from_id(id: &str) -> Option<Collection> {
        Self::ALL.into_iter().find(|c| c.id() == id)
    }

    /// The folder under `www/data/` (and the site's `data/`) that ships it.
    #[must_use]
    pub const fn dir(self) -> &'static str {
        match self {
            Collection::Mnist => "mnist",
            Collection::Fashion => "fashion-mnist",
        }
    }

    /// The shipped image file of `split` with its checksums.
    #[must_use]
    pub const fn images(self, split: Split) -> ShippedFile {
        match (self, split) {
            (Collection::Mnist, _) => split.images(),
            (Collection::Fashion, Split::Train) => checksum::FASHION_TRAIN_IMAGES,
            (Collection::Fashion, Split::Test) => checksum::FASHION_TEST_IMAGES,
        }
    }

    /// The shipped label file of `split` with its checksums.
    #[must_use]
    pub const fn labels(self, split: Split) -> ShippedFile {
        match (self, split) {
            (Collection::Mnist, _) => split.labels(),
            (Collection::Fashion, Split::Train) => checksum::FASHION_TRAIN_LABELS,
            (Collection::Fashion, Split::Test) => checksum::FASHION_TEST_LABELS,
        }
    }
}

/// Which of the two MNIST splits; gives the shipped file names and expected sums.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Split {
    /// The 60 000 training digits (`train-*`).
    Train,
    /// The 10 000 test digits (`t10k-*`).
    Test,
}

impl Split {
    /// Both splits, training first.
    pub const ALL: [Split; 2] = [Split::Train, Split::Test];

    /// The shipped image file with its checksums.
    #[must_use]
    pub const fn images(self) -> ShippedFile {
        match self {
            Split::Train => checksum::TRAIN_IMAGES,
            Split::Test => checksum::TEST_IMAGES,
        }
    }

    /// The shipped label file with its checksums.
    #[must_use]
    pub const fn labels(self) -> ShippedFile {
        match self {
            Split::Train => checksum::TRAIN_LABELS,
            Split::Test => checksum::TEST_LABELS,
        }
    }

    /// File name of the images, e.g. `train-images-idx3-ubyte.gz`.
    #[must_use]
    pub const fn images_file(self) -> &'static str {
        self.images().name
    }

    /// File name of the labels, e.g. `train-labels-idx1-ubyte.gz`.
    #[must_use]
    pub const fn labels_file(self) -> &'static str {
        self.labels().name
    }

    /// Number of digits in the split: 60 000 or 10 000.
    #[must_use]
    pub const fn item_count(self) -> usize {
        match self {
            Split::Train => 60_000,
            Split::Test => 10_000,
        }
    }
}

/// Maps a pixel byte to [-1, 1]: `pixel as f32 / 127.5 - 1.0`.
///
/// 0 (background) becomes exactly -1.0 and 255 (full ink) exactly 1.0, matching a
/// generator whose last layer is `tanh`.
#[must_use]
pub fn normalise(pixel: u8) -> f32 {
    f32::from(pixel) / 127.5 - 1.0
}

/// Maps a value in [-1, 1] back to a pixel byte, the inverse of [`normalise`]:
/// `round((value + 1) · 127.5)`. Values outside [-1, 1] are clamped; NaN gives 0.
#[must_use]
pub fn denormalise(value: f32) -> u8 {
    // After the clamp the value is in 0.0..=255.0, so the cast is exact; NaN casts to 0.
    ((value.clamp(-1.0, 1.0) + 1.0) * 127.5).round() as u8
}

/// One MNIST split in memory: `len()` images of 28×28 bytes and their labels.
///
/// Invariants, checked by every constructor: `images().len() == len() * 784` and every
/// label is 0..=9.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MnistSet {
    images: Vec<u8>,
    labels: Vec<u8>,
}

impl MnistSet {
    /// Builds a set from raw pixels (`N × 784` bytes, image after image, row-major) and
    /// `N` labels.
    ///
    /// # Errors
    ///
    /// [`DataError::TrailingBytes`] if the pixel count is not a multiple of 784,
    /// [`DataError::CountMismatch`] if there are not as many labels as images,
    /// [`DataError::LabelOutOfRange`] for a label above 9.
    pub fn new(images: Vec<u8>, labels: Vec<u8>) -> Result<Self, DataError> {
        let extra = images.len() % IMAGE_PIXELS;
        if extra != 0 {
            return Err(DataError::TrailingBytes {
                what: "pixel data (not a whole number of 28×28 images)",
                expected: (images.len() - extra) as u64,
                extra: extra as u64,
            });
        }
        let count = images.len() / IMAGE_PIXELS;
        if count != labels.len() {
            return Err(DataError::CountMismatch {
                images: count,
                labels: labels.len(),
            });
        }
        idx::check_labels(&labels)?;
        Ok(Self { images, labels })
    }

    /// Builds a set from an uncompressed IDX image file and IDX label file.
    ///
    /// # Errors
    ///
    /// Any error of [`idx::parse_images`] and [`idx::parse_labels`], and
    /// [`DataError::CountMismatch`].
    pub fn from_idx(images_idx: &[u8], labels_idx: &[u8]) -> Result<Self, DataError> {
        let images = idx::parse_images(images_idx)?;
        let labels = idx::parse_labels(labels_idx)?;
        Self::new(images.to_vec(), labels.to_vec())
    }

    /// Builds a set from the gzip-compressed IDX files (`*-idx3-ubyte.gz`,
    /// `*-idx1-ubyte.gz`), as fetched. Input that is not gzip is taken as already
    /// decompressed IDX (see [`idx::maybe_gunzip`]).
    ///
    /// # Errors
    ///
    /// Any error of [`idx::gunzip`], [`idx::parse_images`], [`idx::parse_labels`], and
    /// [`DataError::CountMismatch`].
    pub fn from_idx_gz(images_gz: &[u8], labels_gz: &[u8]) -> Result<Self, DataError> {
        let labels = idx::maybe_gunzip(labels_gz)?;
        let labels = idx::parse_labels(&labels)?.to_vec();
        let images = match idx::maybe_gunzip(images_gz)? {
            std::borrow::Cow::Owned(mut raw) => {
                // Drop the header in place rather than copy 47 MB of pixels.
                let header = raw.len() - idx::parse_images(&raw)?.len();
                raw.drain(..header);
                raw
            }
            std::borrow::Cow::Borrowed(raw) => idx::parse_images(raw)?.to_vec(),
        };
        Self::new(images, labels)
    }

    /// As [`MnistSet::from_idx_gz`], after checking both inputs against the SHA-256 sums
    /// of the shipped files of `split` (see [`checksum::verify`]).
    ///
    /// # Errors
    ///
    /// [`DataError::ChecksumMismatch`] first, then as [`MnistSet::from_idx_gz`].
    pub fn from_verified_gz(
        split: Split,
        images_gz: &[u8],
        labels_gz: &[u8],
    ) -> Result<Self, DataError> {
        Self::from_verified_gz_in(Collection::Mnist, split, images_gz, labels_gz)
    }

    /// Parses the shipped files of `split` of `collection` after checking their checksums: a
    /// Fashion-MNIST file passed as MNIST (or the other way round) is refused.
    ///
    /// # Errors
    ///
    /// [`DataError::ChecksumMismatch`] for a file that is not the shipped one, or any parse
    /// error.
    pub fn from_verified_gz_in(
        collection: Collection,
        split: Split,
        images_gz: &[u8],
        labels_gz: &[u8],
    ) -> Result<Self, DataError> {
        checksum::verify_file(collection.labels(split), labels_gz)?;
        checksum::verify_file(collection.images(split), images_gz)?;
        Self::from_idx_gz(images_gz, labels_gz)
    }

    /// Number of images (and labels).
    #[must_use]
    pub fn len(&self) -> usize {
        self.labels.len()
    }

    /// Whether the set holds no images.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
    }

    /// The 784 pixel bytes of image `i`, row-major.
    ///
    /// # Panics
    ///
    /// If `i >= self.len()`.
    #[must_use]
    pub fn image(&self, i: usize) -> &[u8] {
        assert!(i < self.len(), "image {i} of a set of {}", self.len());
        &self.images[i * IMAGE_PIXELS..(i + 1) * IMAGE_PIXELS]
    }

    /// The label (digit 0..=9) of image `i`.
    ///
    /// # Panics
    ///
    /// If `i >= self.len()`.
    #[must_use]
    pub fn label(&self, i: usize) -> u8 {
        self.labels[i]
    }

    /// All pixels, `len() × 784` bytes.
    #[must_use]
    pub fn images(&self) -> &[u8] {
        &self.images
    }

    /// All labels.
    #[must_use]
    pub fn labels(&self) -> &[u8] {
        &self.labels
    }

    /// How many images there are of each digit.
    #[must_use]
    pub fn label_counts(&self) -> [usize; NUM_CLASSES] {
        let mut counts = [0; NUM_CLASSES];
        for &label in &self.labels {
            counts[usize::from(label)] += 1;
        }
        counts
    }

    /// Keeps only the first `n` images (all if there are fewer), e.g. for a quick run.
    pub fn truncate(&mut self, n: usize) {
        self.labels.truncate(n);
        self.images.truncate(self.labels.len() * IMAGE_PIXELS);
    }

    /// Image `i` normalised to [-1, 1] (784 values, see [`normalise`]).
    ///
    /// # Panics
    ///
    /// If `i >= self.len()`.
    #[must_use]
    pub fn normalised_image(&self, i: usize) -> Vec<f32> {
        self.image(i).iter().map(|&p| normalise(p)).collect()
    }

    /// Writes the images at `indices`, normalised to [-1, 1] (see [`normalise`]), into
    /// `out`: it is cleared and then holds `indices.len() × 784` values, image after image
    /// (a `[batch, 784]` row-major tensor). Reusing `out` avoids an allocation per batch.
    ///
    /// # Panics
    ///
    /// If an index is `>= self.len()`.
    pub fn write_normalised(&self, indices: &[usize], out: &mut Vec<f32>) {
        out.clear();
        out.reserve(indices.len() * IMAGE_PIXELS);
        for &i in indices {
            out.extend(self.image(i).iter().map(|&p| normalise(p)));
        }
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use flate2::Compression;
    use flate2::write::GzEncoder;

    use super::*;

    fn tiny(n: usize) -> MnistSet {
        let images = (0..n * IMAGE_PIXELS).map(|p| (p % 256) as u8).collect();
        let labels = (0..n).map(|i| (i % 10) as u8).collect();
        MnistSet::new(images, labels).unwrap()
    }

    fn idx_pair(set: &MnistSet) -> (Vec<u8>, Vec<u8>) {
        let n = set.len() as u32;
        let mut images = [0x803u32, n, 28, 28]
            .iter()
            .flat_map(|v| v.to_be_bytes())
            .collect::<Vec<u8>>();
        images.extend_from_slice(set.images());
        let mut labels = [0x801u32, n]
            .iter()
            .flat_map(|v| v.to_be_bytes())
            .collect::<Vec<u8>>();
        labels.extend_from_slice(set.labels());
        (images, labels)
    }

    fn gzip(data: &[u8]) -> Vec<u8> {
        let mut enc = GzEncoder::new(Vec::new(), Compression::fast());
        enc.write_all(data).unwrap();
        enc.finish().unwrap()
    }

    #[test]
    fn normalise_endpoints_and_inverse() {
        assert_eq!(normalise(0), -1.0);
        assert_eq!(normalise(255), 1.0);
        assert!(normalise(127) < 0.0 && normalise(128) > 0.0);
        for p in 0..=255u8 {
            let v = normalise(p);
            assert!((-1.0..=1.0).contains(&v));
            assert_eq!(denormalise(v), p);
        }
        assert_eq!(denormalise(-7.0), 0);
        assert_eq!(denormalise(3.0), 255);
        assert_eq!(denormalise(f32::NAN), 0);
    }

    #[test]
    fn accessors() {
        let set = tiny(3);
        assert_eq!(set.len(), 3);
        assert!(!set.is_empty());
        assert_eq!(set.image(1).len(), 784);
        assert_eq!(set.image(1)[0], (784 % 256) as u8);
        assert_eq!(set.label(2), 2);
        assert_eq!(set.label_counts(), [1, 1, 1, 0, 0, 0, 0, 0, 0, 0]);
    }

    #[test]
    #[should_panic(expected = "image 3 of a set of 3")]
    fn image_out_of_range_panics() {
        let _ = tiny(3).image(3);
    }

    #[test]
    fn idx_round_trip_plain_and_gz() {
        let set = tiny(4);
        let (images, labels) = idx_pair(&set);
        assert_eq!(MnistSet::from_idx(&images, &labels).unwrap(), set);
        assert_eq!(
            MnistSet::from_idx_gz(&gzip(&images), &gzip(&labels)).unwrap(),
            set
        );
        // Already-decompressed bytes are accepted too.
        assert_eq!(MnistSet::from_idx_gz(&images, &labels).unwrap(), set);
    }

    #[test]
    fn count_mismatch() {
        let (images, _) = idx_pair(&tiny(4));
        let (_, labels) = idx_pair(&tiny(3));
        let err = MnistSet::from_idx(&images, &labels).unwrap_err();
        assert_eq!(
            err,
            DataError::CountMismatch {
                images: 4,
                labels: 3
            }
        );
        assert_eq!(err.to_string(), "count mismatch: 4 images but 3 labels");
        assert_eq!(
            MnistSet::from_idx_gz(&gzip(&images), &gzip(&labels)).unwrap_err(),
            err
        );
        assert_eq!(
            MnistSet::new(vec![0; 784 * 2], vec![1]),
            Err(DataError::CountMismatch {
                images: 2,
                labels: 1
            })
        );
    }

    #[test]
    fn new_checks_shape_and_labels() {
        assert!(matches!(
            MnistSet::new(vec![0; 785], vec![1]),
            Err(DataError::TrailingBytes {
                expected: 784,
                extra: 1,
                ..
            })
        ));
        assert_eq!(
            MnistSet::new(vec![0; 784], vec![12]),
            Err(DataError::LabelOutOfRange {
                index: 0,
                label: 12
            })
        );
    }

    #[test]
    fn corrupt_gz_input_is_reported() {
        let (images, labels) = idx_pair(&tiny(2));
        let mut bad = gzip(&images);
        let n = bad.len();
        bad[n - 6] ^= 0x40; // inside the CRC
        assert!(matches!(
            MnistSet::from_idx_gz(&bad, &gzip(&labels)),
            Err(DataError::GzipCrcMismatch { .. })
        ));
    }

    #[test]
    fn verified_constructor_rejects_other_bytes() {
        let (images, labels) = idx_pair(&tiny(2));
        let err =
            MnistSet::from_verified_gz(Split::Test, &gzip(&images), &gzip(&labels)).unwrap_err();
        assert!(
            matches!(&err, DataError::ChecksumMismatch { name, .. } if name == "t10k-labels-idx1-ubyte.gz"),
            "{err}"
        );
    }

    #[test]
    fn write_normalised_batch() {
        let set = tiny(5);
        let mut out = vec![9.0; 3];
        set.write_normalised(&[4, 0], &mut out);
        assert_eq!(out.len(), 2 * 784);
        assert_eq!(out[..784], set.normalised_image(4)[..]);
        assert_eq!(out[784..], set.normalised_image(0)[..]);
        assert_eq!(out[784], -1.0); // image 0, pixel 0 is byte 0
        assert!(out.iter().all(|v| (-1.0..=1.0).contains(v)));
    }

    #[test]
    fn truncate_keeps_a_prefix() {
        let mut set = tiny(5);
        let first = set.image(1).to_vec();
        set.truncate(2);
        assert_eq!(set.len(), 2);
        assert_eq!(set.images().len(), 2 * 784);
        assert_eq!(set.image(1), &first[..]);
        set.truncate(10);
        assert_eq!(set.len(), 2);
    }

    #[test]
    fn split_names() {
        assert_eq!(Split::Train.images_file(), "train-images-idx3-ubyte.gz");
        assert_eq!(Split::Train.labels_file(), "train-labels-idx1-ubyte.gz");
        assert_eq!(Split::Test.images_file(), "t10k-images-idx3-ubyte.gz");
        assert_eq!(Split::Test.labels_file(), "t10k-labels-idx1-ubyte.gz");
        assert_eq!(Split::Train.item_count() + Split::Test.item_count(), 70_000);
    }
}
