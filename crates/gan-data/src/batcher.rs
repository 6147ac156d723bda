//! Seeded, reshuffling mini-batches over an [`MnistSet`].

use crate::{DataError, MnistSet, Rng};

/// One mini-batch: normalised pixels and the matching labels.
#[derive(Debug, Clone, PartialEq)]
pub struct Batch {
    /// `batch_size × 784` values in [-1, 1], image after image (a `[batch, 784]`
    /// row-major tensor); see [`crate::normalise`].
    pub pixels: Vec<f32>,
    /// `batch_size` labels, 0..=9.
    pub labels: Vec<u8>,
}

impl Batch {
    /// Number of images in the batch.
    #[must_use]
    pub fn len(&self) -> usize {
        self.labels.len()
    }

    /// Whether the batch holds no images.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
    }
}

/// Endless stream of shuffled index batches over `0..len`, fixed by a seed.
///
/// Each epoch is a fresh random permutation of `0..len`, and batches are cut from the
/// concatenation of the epochs. **The remainder wraps**: when `len` is not a multiple of
/// the batch size, the last batch of an epoch is topped up with the first indices of the
/// next epoch's permutation. So every batch is full-size, nothing is ever skipped, and
/// every index appears exactly once in each epoch. (The one batch that straddles two
/// epochs may therefore hold the same index twice, once from each.)
///
/// The sequence depends only on `len`, the batch size and the seed, and is the same on
/// every platform (see [`Rng`]).
///
/// ```
/// use gan_data::Batcher;
/// let mut batcher = Batcher::new(10, 4, 1).unwrap();
/// let mut seen = Vec::new();
/// while batcher.epoch() == 0 {
///     seen.extend(batcher.next_indices());
/// }
/// // 3 batches of 4 = 12 indices: one whole epoch, then 2 from the next one.
/// assert_eq!(seen.len(), 12);
/// let mut first_epoch = seen[..10].to_vec();
/// first_epoch.sort_unstable();
/// assert_eq!(first_epoch, (0..10).collect::<Vec<_>>());
/// ```
#[derive(Debug, Clone)]
pub struct Batcher {
    order: Vec<usize>,
    position: usize,
    batch_size: usize,
    epoch: u64,
    rng: Rng,
}

impl Batcher {
    /// A batcher over `len` items, `batch_size` per batch, shuffled from `seed`.
    ///
    /// # Errors
    ///
    /// [`DataError::InvalidBatchSize`] unless `1 <= batch_size <= len`.
    pub fn new(len: usize, batch_size: usize, seed: u64) -> Result<Self, DataError> {
        if batch_size == 0 || batch_size > len {
            return Err(DataError::InvalidBatchSize { batch_size, len });
        }
        let mut rng = Rng::new(seed);
        let mut order: Vec<usize> = (0..len).collect();
        rng.shuffle(&mut order);
        Ok(Self {
            order,
            position: 0,
            batch_size,
            epoch: 0,
            rng,
        })
    }

    /// A batcher over all items of `set`.
    ///
    /// # Errors
    ///
    /// As [`Batcher::new`].
    pub fn for_set(set: &MnistSet, batch_size: usize, seed: u64) -> Result<Self, DataError> {
        Self::new(set.len(), batch_size, seed)
    }

    /// Number of items batched over.
    #[must_use]
    pub fn item_count(&self) -> usize {
        self.order.len()
    }

    /// Items per batch.
    #[must_use]
    pub fn batch_size(&self) -> usize {
        self.batch_size
    }

    /// Completed epochs: 0 until the last index of the first permutation has been handed
    /// out, then 1, and so on.
    #[must_use]
    pub fn epoch(&self) -> u64 {
        self.epoch
    }

    /// How many indices of the current epoch have been handed out (`0..item_count()`).
    #[must_use]
    pub fn position_in_epoch(&self) -> usize {
        self.position
    }

    /// Batches per epoch, `item_count / batch_size`; fractional when the remainder wraps.
    #[must_use]
    pub fn batches_per_epoch(&self) -> f64 {
        self.order.len() as f64 / self.batch_size as f64
    }

    /// Writes the next `batch_size` indices into `out` (cleared first).
    pub fn next_indices_into(&mut self, out: &mut Vec<usize>) {
        out.clear();
        while out.len() < self.batch_size {
            let take = (self.batch_size - out.len()).min(self.order.len() - self.position);
            out.extend_from_slice(&self.order[self.position..self.position + take]);
            self.position += take;
            if self.position == self.order.len() {
                self.rng.shuffle(&mut self.order);
                self.position = 0;
                self.epoch += 1;
            }
        }
    }

    /// The next `batch_size` indices.
    pub fn next_indices(&mut self) -> Vec<usize> {
        let mut out = Vec::with_capacity(self.batch_size);
        self.next_indices_into(&mut out);
        out
    }

    /// The next batch of `set`: pixels normalised to [-1, 1] and labels.
    ///
    /// # Panics
    ///
    /// If `set` holds fewer items than this batcher was made for.
    pub fn next_batch(&mut self, set: &MnistSet) -> Batch {
        assert!(
            set.len() >= self.order.len(),
            "batcher over {} items used with a set of {}",
            self.order.len(),
            set.len()
        );
        let indices = self.next_indices();
        let mut pixels = Vec::new();
        set.write_normalised(&indices, &mut pixels);
        let labels = indices.iter().map(|&i| set.label(i)).collect();
        Batch { pixels, labels }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::idx::IMAGE_PIXELS;

    fn tiny(n: usize) -> MnistSet {
        // Image i is filled with byte (i * 37) % 256; label i % 10.
        let images = (0..n)
            .flat_map(|i| std::iter::repeat_n((i * 37 % 256) as u8, IMAGE_PIXELS))
            .collect();
        let labels = (0..n).map(|i| (i % 10) as u8).collect();
        MnistSet::new(images, labels).unwrap()
    }

    fn stream(len: usize, batch: usize, seed: u64, batches: usize) -> Vec<Vec<usize>> {
        let mut b = Batcher::new(len, batch, seed).unwrap();
        (0..batches).map(|_| b.next_indices()).collect()
    }

    #[test]
    fn rejects_bad_batch_sizes() {
        assert_eq!(
            Batcher::new(10, 0, 1).unwrap_err(),
            DataError::InvalidBatchSize {
                batch_size: 0,
                len: 10
            }
        );
        assert!(Batcher::new(10, 11, 1).is_err());
        assert!(Batcher::new(0, 1, 1).is_err());
        assert!(Batcher::new(10, 10, 1).is_ok());
    }

    #[test]
    fn same_seed_same_batches() {
        assert_eq!(stream(100, 7, 5, 40), stream(100, 7, 5, 40));
    }

    #[test]
    fn different_seeds_different_order() {
        let a = stream(100, 10, 1, 10);
        let b = stream(100, 10, 2, 10);
        assert_ne!(a, b);
        // Not just a rotation: most positions differ.
        let same = a
            .concat()
            .iter()
            .zip(b.concat())
            .filter(|(x, y)| **x == *y)
            .count();
        assert!(same < 10, "{same} of 100 positions agree");
    }

    #[test]
    fn shuffled_not_identity_and_reshuffled_each_epoch() {
        let flat = stream(50, 10, 3, 10).concat();
        let first: Vec<usize> = flat[..50].to_vec();
        let second: Vec<usize> = flat[50..100].to_vec();
        assert_ne!(first, (0..50).collect::<Vec<_>>());
        assert_ne!(first, second);
    }

    #[test]
    fn each_index_once_per_epoch_with_wrapping_remainder() {
        for (len, batch) in [(10usize, 3usize), (10, 5), (97, 8), (64, 64), (7, 1)] {
            let epochs = 5;
            let batches = (len * epochs).div_ceil(batch) + 1;
            let mut b = Batcher::new(len, batch, 77).unwrap();
            let mut flat = Vec::new();
            for k in 0..batches {
                let idx = b.next_indices();
                assert_eq!(idx.len(), batch, "batch {k} short");
                flat.extend(idx);
                assert_eq!(b.epoch(), (flat.len() / len) as u64);
                assert_eq!(b.position_in_epoch(), flat.len() % len);
            }
            for e in 0..epochs {
                let mut epoch: Vec<usize> = flat[e * len..(e + 1) * len].to_vec();
                epoch.sort_unstable();
                assert_eq!(
                    epoch,
                    (0..len).collect::<Vec<_>>(),
                    "len {len} batch {batch} epoch {e}"
                );
            }
        }
    }

    #[test]
    fn epoch_counter_for_exact_division() {
        let mut b = Batcher::new(12, 4, 0).unwrap();
        assert_eq!(b.batches_per_epoch(), 3.0);
        for _ in 0..3 {
            assert_eq!(b.epoch(), 0);
            b.next_indices();
        }
        assert_eq!(b.epoch(), 1);
        assert_eq!(b.position_in_epoch(), 0);
    }

    #[test]
    fn batches_carry_matching_pixels_and_labels() {
        let set = tiny(30);
        let mut b = Batcher::for_set(&set, 8, 9).unwrap();
        let mut replay = Batcher::for_set(&set, 8, 9).unwrap();
        for _ in 0..10 {
            let batch = b.next_batch(&set);
            let indices = replay.next_indices();
            assert_eq!(batch.len(), 8);
            assert_eq!(batch.pixels.len(), 8 * IMAGE_PIXELS);
            assert!(batch.pixels.iter().all(|v| (-1.0..=1.0).contains(v)));
            for (k, &i) in indices.iter().enumerate() {
                assert_eq!(batch.labels[k], (i % 10) as u8);
                let expected = crate::normalise((i * 37 % 256) as u8);
                assert!(
                    batch.pixels[k * IMAGE_PIXELS..(k + 1) * IMAGE_PIXELS]
                        .iter()
                        .all(|&v| v == expected)
                );
            }
        }
    }

    #[test]
    #[should_panic(expected = "batcher over 30 items used with a set of 20")]
    fn next_batch_checks_the_set() {
        let mut b = Batcher::new(30, 4, 0).unwrap();
        b.next_batch(&tiny(20));
    }
}
