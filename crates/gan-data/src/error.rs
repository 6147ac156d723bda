//! The one error type of this crate.

use thiserror::Error;

/// Everything that can be wrong with MNIST bytes, a gzip stream or a batching request.
///
/// `what` fields name the input in words ("image file", "label file", "gzip stream") so
/// that the message alone says which file is at fault.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum DataError {
    /// The input has no bytes at all (e.g. a failed download saved as an empty file).
    #[error("{what} is empty (0 bytes)")]
    Empty {
        /// Which input.
        what: &'static str,
    },

    /// The input ends before its header or body is complete.
    #[error("{what} is truncated: expected {expected} bytes, got {actual}")]
    Truncated {
        /// Which input.
        what: &'static str,
        /// Bytes the header says there should be (at least).
        expected: u64,
        /// Bytes actually present.
        actual: u64,
    },

    /// The input continues after the last byte its header accounts for.
    #[error("{what} has {extra} trailing bytes after the expected {expected} bytes")]
    TrailingBytes {
        /// Which input.
        what: &'static str,
        /// Bytes the header accounts for.
        expected: u64,
        /// Bytes beyond that.
        extra: u64,
    },

    /// The IDX magic number is not the one for this kind of file.
    #[error("{what}: wrong magic number: expected {expected:#010x}, found {found:#010x}")]
    WrongMagic {
        /// Which input.
        what: &'static str,
        /// `0x00000803` for images, `0x00000801` for labels.
        expected: u32,
        /// What the first four bytes say.
        found: u32,
    },

    /// The images are not 28×28 pixels.
    #[error("image file: images must be 28×28 pixels, found {rows}×{cols}")]
    WrongImageSize {
        /// Rows according to the header.
        rows: u32,
        /// Columns according to the header.
        cols: u32,
    },

    /// The image and label files hold different numbers of items.
    #[error("count mismatch: {images} images but {labels} labels")]
    CountMismatch {
        /// Items in the image file.
        images: usize,
        /// Items in the label file.
        labels: usize,
    },

    /// A label is not a digit 0..=9.
    #[error("label file: label {label} at index {index} is out of range (digits are 0..=9)")]
    LabelOutOfRange {
        /// Position of the bad label.
        index: usize,
        /// Its value.
        label: u8,
    },

    /// The gzip stream could not be decoded: bad header, unsupported method, or a broken
    /// deflate stream.
    #[error("corrupt gzip stream: {reason}")]
    CorruptGzip {
        /// What exactly failed.
        reason: String,
    },

    /// The gzip trailer's CRC-32 does not match the decompressed data.
    #[error(
        "corrupt gzip stream: CRC-32 mismatch (trailer says {expected:#010x}, data gives {actual:#010x})"
    )]
    GzipCrcMismatch {
        /// CRC-32 stored in the trailer.
        expected: u32,
        /// CRC-32 of the decompressed bytes.
        actual: u32,
    },

    /// The gzip trailer's length does not match the decompressed data.
    #[error(
        "corrupt gzip stream: length mismatch (trailer says {expected} bytes mod 2^32, data has {actual})"
    )]
    GzipLengthMismatch {
        /// ISIZE stored in the trailer (length modulo 2^32).
        expected: u32,
        /// Length of the decompressed bytes.
        actual: u64,
    },

    /// Decompressing would produce more bytes than allowed (a gzip bomb, or the wrong file).
    #[error("gzip stream decompresses to more than the limit of {limit} bytes")]
    TooLarge {
        /// The limit in bytes.
        limit: usize,
    },

    /// A file's SHA-256 differs from the one shipped with this crate.
    #[error("checksum mismatch for {name}: expected sha256 {expected}, got {actual}")]
    ChecksumMismatch {
        /// File name checked.
        name: String,
        /// Expected lowercase hex digest.
        expected: &'static str,
        /// Actual lowercase hex digest.
        actual: String,
    },

    /// No expected checksum is known for this file name.
    #[error("no expected checksum for file {name:?} (known: the four MNIST .gz files)")]
    UnknownFile {
        /// The file name asked about.
        name: String,
    },

    /// A batch size that cannot work for this many items.
    #[error("invalid batch size {batch_size} for {len} items (needs 1 ≤ batch size ≤ items)")]
    InvalidBatchSize {
        /// Requested batch size.
        batch_size: usize,
        /// Number of items to batch.
        len: usize,
    },
}
