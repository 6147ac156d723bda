//! MNIST for the GAN workshop: the IDX files parsed from bytes, checked, normalised to
//! [-1, 1] and cut into seeded, shuffled mini-batches.
//!
//! The crate does no I/O of its own (no file system, no network, no threads, no
//! printing), so the same code runs natively and in the browser on `wasm32`: the caller
//! fetches or reads the four `.gz` files shipped in `www/data/mnist/` and hands over the
//! bytes.
//!
//! - [`idx`]: the IDX format and the gzip layer ([`gunzip`], bounded against gzip bombs).
//! - [`checksum`]: SHA-256 of the shipped files, [`verify`].
//! - [`MnistSet`]: one split in memory, [`Split`] names the shipped files.
//! - [`Batcher`]: endless, reshuffled, seeded mini-batches of normalised pixels.
//! - [`Rng`]: a tiny seeded generator (uniform and normal) that gives the same numbers on
//!   every platform, for shuffling and for fixed noise vectors.
//!
//! Pixels are normalised with [`normalise`]: `pixel as f32 / 127.5 - 1.0`, so background
//! 0 becomes -1.0 and full ink 255 becomes 1.0.
//!
//! ```
//! use gan_data::{Batcher, MnistSet};
//!
//! // Two 28×28 images and their labels as IDX files (normally: fetched .gz bytes).
//! let mut images = Vec::new();
//! for v in [0x0803u32, 2, 28, 28] {
//!     images.extend_from_slice(&v.to_be_bytes());
//! }
//! images.extend(std::iter::repeat_n(255u8, 2 * 784));
//! let mut labels = Vec::new();
//! for v in [0x0801u32, 2] {
//!     labels.extend_from_slice(&v.to_be_bytes());
//! }
//! labels.extend([3, 7]);
//!
//! let set = MnistSet::from_idx_gz(&images, &labels)?; // gzip or plain IDX
//! assert_eq!(set.len(), 2);
//! assert_eq!(set.label(1), 7);
//!
//! let mut batcher = Batcher::for_set(&set, 2, 42)?;
//! let batch = batcher.next_batch(&set);
//! assert_eq!(batch.pixels.len(), 2 * 784);
//! assert!(batch.pixels.iter().all(|&v| v == 1.0));
//! # Ok::<(), gan_data::DataError>(())
//! ```

pub mod batcher;
pub mod checksum;
pub mod dataset;
pub mod error;
pub mod idx;
pub mod rng;

pub use batcher::{Batch, Batcher};
pub use checksum::{SHIPPED_FILES, ShippedFile, sha256_hex, verify};
pub use dataset::{Collection, MnistSet, Split, denormalise, normalise};
pub use error::DataError;
pub use idx::{
    IMAGE_COLS, IMAGE_PIXELS, IMAGE_ROWS, MAX_GUNZIP_BYTES, NUM_CLASSES, gunzip, maybe_gunzip,
    parse_images, parse_labels,
};
pub use rng::Rng;
