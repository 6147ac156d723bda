//! The MNIST files as the app fetches them: gzip, then IDX images and labels. Any bytes must
//! give a dataset or an error, never a panic, a hang or an allocation beyond the limit.
#![no_main]

use gan_data::{MnistSet, idx};
use libfuzzer_sys::fuzz_target;

/// The gunzip limit here: large enough for a valid small file, small enough to stay fast.
const LIMIT: usize = 1 << 20;

fuzz_target!(|bytes: &[u8]| {
    let _ = idx::parse_images(bytes);
    let _ = idx::parse_labels(bytes);
    if let Ok(plain) = idx::gunzip_with_limit(bytes, LIMIT) {
        assert!(plain.len() <= LIMIT);
        let _ = idx::parse_images(&plain);
    }
    // The first byte splits the input into an images file and a labels file.
    if let Some((&cut, rest)) = bytes.split_first() {
        let cut = usize::from(cut).min(rest.len());
        let (images, labels) = rest.split_at(rest.len() - cut);
        if let Ok(data) = MnistSet::from_idx(images, labels) {
            assert_eq!(data.images().len(), data.len() * idx::IMAGE_PIXELS);
        }
    }
});
