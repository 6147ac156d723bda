//! The judge of GAN Werkstatt: an honest referee for the forgeries.
//!
//! A small CNN ([`Judge`]) learns to read MNIST digits (≥ 98.5 % on the test set). It then
//! judges what the generator draws:
//!
//! - [`coverage`]: which digits appear (class histogram), how varied they are (entropy of the
//!   histogram) and whether the generator collapses onto a few ([`CollapseWatch`]);
//! - [`frechet`]: the Fréchet distance between the judge's penultimate-layer features of
//!   generated and of real digits, an MNIST analogue of FID;
//! - [`quality`]: a judgement of a batch of images and the [`QualityReport`] over many;
//! - [`file`]: the judge as the site ships it, with the reference statistics of the real test
//!   digits and a checksum, refused with a clear error when damaged or mismatched;
//! - [`train`]: the judge's training loop and its test accuracy (used by the CLI).
//!
//! Backend-agnostic and free of web APIs, like gan-core: the app runs the same code in its
//! worker, the CLI natively.

pub mod coverage;
pub mod file;
pub mod frechet;
pub mod model;
pub mod quality;
pub mod train;

pub use coverage::{CollapseWarning, CollapseWatch, Coverage};
pub use file::{JudgeFile, JudgeFileError};
pub use frechet::{FeatureSums, Gaussian, frechet_distance};
pub use model::{Judge, JudgeConfig};
pub use quality::{DigitVerdict, Judgement, QualityMeter, QualityReport};
pub use train::{JudgeTraining, train_judge};
