//! Pictures of the forger's digits to take home, from grey bytes (0 = black, 255 = white,
//! 784 per digit) to file bytes:
//!
//! - [`sheet`]: digits tiled into one image with dark gaps, scaled up crisply;
//! - [`png_file`]: that image as a PNG;
//! - [`timelapse`]: the grid recorded over training (bounded, evenly thinned) and written as
//!   an animated GIF with a progress bar under the digits.
//!
//! No files, no browser: the app hands the bytes to the browser's downloads, the CLI writes
//! them to disk, and the tests decode them again.

pub mod png_file;
pub mod sheet;
pub mod timelapse;

pub use png_file::png;
pub use sheet::Sheet;
pub use timelapse::Timelapse;

/// Why a picture could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// There is nothing to draw yet.
    #[error("there is nothing to export yet")]
    Empty,
    /// The image would be larger than the format allows.
    #[error("the image is too large ({width} × {height} pixels)")]
    TooLarge {
        /// Width in pixels.
        width: usize,
        /// Height in pixels.
        height: usize,
    },
    /// The PNG encoder failed.
    #[error("PNG: {0}")]
    Png(#[from] ::png::EncodingError),
    /// The GIF encoder failed.
    #[error("GIF: {0}")]
    Gif(#[from] ::gif::EncodingError),
}
