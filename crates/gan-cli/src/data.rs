//! Reads the shipped MNIST files from disk; parsing and checking live in gan-data.

use anyhow::Context;
use gan_data::{MnistSet, Split};
use std::path::Path;

/// Loads one split from `dir`, checking the SHA-256 sums of the shipped files.
pub fn load(dir: &Path, split: Split) -> anyhow::Result<MnistSet> {
    let read = |name: &str| {
        let path = dir.join(name);
        std::fs::read(&path).with_context(|| {
            format!(
                "cannot read {} (run from the repository root, or pass --data)",
                path.display()
            )
        })
    };
    let images = read(split.images_file())?;
    let labels = read(split.labels_file())?;
    MnistSet::from_verified_gz(split, &images, &labels)
        .with_context(|| format!("MNIST data in {} is not usable", dir.display()))
}
