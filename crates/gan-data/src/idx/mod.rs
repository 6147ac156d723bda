//! IDX files (LeCun's MNIST format) and the gzip layer around them, parsed from bytes.
//!
//! An IDX file is a big-endian header followed by raw bytes:
//!
//! | file   | magic        | dimensions (u32 BE each)   | body                 |
//! |--------|--------------|----------------------------|----------------------|
//! | images | `0x00000803` | count, rows = 28, cols = 28 | count × 784 pixels   |
//! | labels | `0x00000801` | count                       | count labels, 0..=9 |
//!
//! Nothing here touches the file system: callers hand in bytes they fetched or read.

use std::borrow::Cow;
use std::io::Read;

use flate2::Crc;
use flate2::bufread::DeflateDecoder;

use crate::DataError;

/// Magic number of an IDX image file: unsigned bytes (`0x08`), three dimensions (`0x03`).
pub const IMAGE_MAGIC: u32 = 0x0000_0803;
/// Magic number of an IDX label file: unsigned bytes (`0x08`), one dimension (`0x01`).
pub const LABEL_MAGIC: u32 = 0x0000_0801;
/// Rows of an MNIST image.
pub const IMAGE_ROWS: usize = 28;
/// Columns of an MNIST image.
pub const IMAGE_COLS: usize = 28;
/// Pixels of an MNIST image (28 × 28), one byte each, row-major.
pub const IMAGE_PIXELS: usize = IMAGE_ROWS * IMAGE_COLS;
/// Number of classes: the digits 0..=9.
pub const NUM_CLASSES: usize = 10;
/// Header length of an IDX image file: magic and three dimensions.
pub const IMAGE_HEADER_LEN: usize = 16;
/// Header length of an IDX label file: magic and one dimension.
pub const LABEL_HEADER_LEN: usize = 8;
/// Default bound on what [`gunzip`] will produce: the size of the largest real file,
/// `train-images-idx3-ubyte` (16 + 60 000 × 784 bytes). Anything larger is refused.
pub const MAX_GUNZIP_BYTES: usize = IMAGE_HEADER_LEN + 60_000 * IMAGE_PIXELS;

const IMAGES: &str = "image file";
const LABELS: &str = "label file";
const GZIP: &str = "gzip stream";

/// The two bytes every gzip stream starts with.
pub const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];

fn be_u32(bytes: &[u8], at: usize) -> u32 {
    u32::from_be_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]])
}

fn le_u32(bytes: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]])
}

/// Checks the magic number and header length of an IDX file and returns the header.
fn header<'a>(
    idx: &'a [u8],
    what: &'static str,
    magic: u32,
    header_len: usize,
) -> Result<&'a [u8], DataError> {
    if idx.is_empty() {
        return Err(DataError::Empty { what });
    }
    if idx.len() < 4 {
        return Err(truncated(what, header_len as u64, idx.len()));
    }
    let found = be_u32(idx, 0);
    if found != magic {
        return Err(DataError::WrongMagic {
            what,
            expected: magic,
            found,
        });
    }
    if idx.len() < header_len {
        return Err(truncated(what, header_len as u64, idx.len()));
    }
    Ok(&idx[..header_len])
}

fn truncated(what: &'static str, expected: u64, actual: usize) -> DataError {
    DataError::Truncated {
        what,
        expected,
        actual: actual as u64,
    }
}

/// Checks that `idx` holds exactly `header_len + body_len` bytes and returns the body.
fn body<'a>(
    idx: &'a [u8],
    what: &'static str,
    header_len: usize,
    body_len: u64,
) -> Result<&'a [u8], DataError> {
    // u64 arithmetic: on wasm32 a bogus count × 784 could overflow usize.
    let expected = header_len as u64 + body_len;
    let actual = idx.len() as u64;
    if actual < expected {
        return Err(truncated(what, expected, idx.len()));
    }
    if actual > expected {
        return Err(DataError::TrailingBytes {
            what,
            expected,
            extra: actual - expected,
        });
    }
    Ok(&idx[header_len..])
}

/// Parses an (already decompressed) IDX image file and returns its pixels: count × 784
/// bytes, image after image, each row-major, 0 = background, 255 = full ink.
///
/// The number of images is `pixels.len() / IMAGE_PIXELS`.
///
/// # Errors
///
/// [`DataError::Empty`], [`DataError::Truncated`] (header or body),
/// [`DataError::WrongMagic`], [`DataError::WrongImageSize`] (not 28×28) or
/// [`DataError::TrailingBytes`].
pub fn parse_images(idx: &[u8]) -> Result<&[u8], DataError> {
    let head = header(idx, IMAGES, IMAGE_MAGIC, IMAGE_HEADER_LEN)?;
    let count = be_u32(head, 4);
    let rows = be_u32(head, 8);
    let cols = be_u32(head, 12);
    if rows as usize != IMAGE_ROWS || cols as usize != IMAGE_COLS {
        return Err(DataError::WrongImageSize { rows, cols });
    }
    body(
        idx,
        IMAGES,
        IMAGE_HEADER_LEN,
        u64::from(count) * IMAGE_PIXELS as u64,
    )
}

/// Parses an (already decompressed) IDX label file and returns its labels, one byte
/// each, all checked to be digits 0..=9.
///
/// # Errors
///
/// [`DataError::Empty`], [`DataError::Truncated`] (header or body),
/// [`DataError::WrongMagic`], [`DataError::TrailingBytes`] or
/// [`DataError::LabelOutOfRange`].
pub fn parse_labels(idx: &[u8]) -> Result<&[u8], DataError> {
    let head = header(idx, LABELS, LABEL_MAGIC, LABEL_HEADER_LEN)?;
    let count = be_u32(head, 4);
    let labels = body(idx, LABELS, LABEL_HEADER_LEN, u64::from(count))?;
    check_labels(labels)?;
    Ok(labels)
}

/// Checks that every label is a digit 0..=9.
pub(crate) fn check_labels(labels: &[u8]) -> Result<(), DataError> {
    match labels
        .iter()
        .position(|&label| usize::from(label) >= NUM_CLASSES)
    {
        Some(index) => Err(DataError::LabelOutOfRange {
            index,
            label: labels[index],
        }),
        None => Ok(()),
    }
}

/// Whether `bytes` start like a gzip stream (`1f 8b`).
#[must_use]
pub fn is_gzip(bytes: &[u8]) -> bool {
    bytes.starts_with(&GZIP_MAGIC)
}

/// Decompresses a single-member gzip stream (RFC 1952), refusing output larger than
/// [`MAX_GUNZIP_BYTES`]. See [`gunzip_with_limit`].
///
/// # Errors
///
/// As [`gunzip_with_limit`].
pub fn gunzip(gz: &[u8]) -> Result<Vec<u8>, DataError> {
    gunzip_with_limit(gz, MAX_GUNZIP_BYTES)
}

/// Returns `bytes` decompressed if they are gzip ([`is_gzip`]), or unchanged otherwise.
///
/// Useful for data fetched over HTTP: a server that labels `.gz` files with
/// `Content-Encoding: gzip` makes the browser hand over the IDX bytes already
/// decompressed.
///
/// # Errors
///
/// As [`gunzip`], for gzip input; never for other input.
pub fn maybe_gunzip(bytes: &[u8]) -> Result<Cow<'_, [u8]>, DataError> {
    if is_gzip(bytes) {
        gunzip(bytes).map(Cow::Owned)
    } else {
        Ok(Cow::Borrowed(bytes))
    }
}

/// Decompresses a single-member gzip stream (RFC 1952) held in memory.
///
/// The header (with any optional extra field, name, comment and header CRC) is parsed
/// here, the deflate body is inflated by `flate2`, and the trailer's CRC-32 and length
/// are checked. At most `limit` bytes are produced: a stream that would inflate to more
/// is refused before more memory is spent, which keeps a gzip bomb harmless.
///
/// # Errors
///
/// [`DataError::Empty`]; [`DataError::Truncated`] if the header or trailer is cut off;
/// [`DataError::CorruptGzip`] for a wrong magic number, an unknown method, reserved
/// flags, a bad header CRC, or a deflate stream that is broken or incomplete;
/// [`DataError::TooLarge`]; [`DataError::GzipCrcMismatch`];
/// [`DataError::GzipLengthMismatch`]; [`DataError::TrailingBytes`] if anything follows the
/// trailer (including a second gzip member).
pub fn gunzip_with_limit(gz: &[u8], limit: usize) -> Result<Vec<u8>, DataError> {
    let start = gzip_header_len(gz)?;
    let deflate = &gz[start..];

    // The trailer's ISIZE (length mod 2^32) is a good capacity hint for real files.
    let hint = if gz.len() >= start + 8 {
        le_u32(gz, gz.len() - 4) as usize
    } else {
        0
    };
    let mut out = Vec::with_capacity(hint.min(limit));

    let mut decoder = DeflateDecoder::new(deflate);
    let cap = u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1);
    let read = (&mut decoder).take(cap).read_to_end(&mut out);
    if out.len() > limit {
        return Err(DataError::TooLarge { limit });
    }
    if let Err(err) = read {
        let reason = if err.kind() == std::io::ErrorKind::UnexpectedEof {
            format!(
                "the deflate stream is incomplete: input ends after {} bytes (truncated download?)",
                gz.len()
            )
        } else {
            format!(
                "deflate decompression failed after {} output bytes: {err}",
                out.len()
            )
        };
        return Err(DataError::CorruptGzip { reason });
    }
    let consumed = usize::try_from(decoder.total_in()).unwrap_or(usize::MAX);
    let trailer_at = start.saturating_add(consumed);
    let expected_len = trailer_at as u64 + 8;
    if (gz.len() as u64) < expected_len {
        return Err(truncated(GZIP, expected_len, gz.len()));
    }
    if (gz.len() as u64) > expected_len {
        return Err(DataError::TrailingBytes {
            what: GZIP,
            expected: expected_len,
            extra: gz.len() as u64 - expected_len,
        });
    }

    let mut crc = Crc::new();
    crc.update(&out);
    let expected_crc = le_u32(gz, trailer_at);
    if crc.sum() != expected_crc {
        return Err(DataError::GzipCrcMismatch {
            expected: expected_crc,
            actual: crc.sum(),
        });
    }
    let expected_size = le_u32(gz, trailer_at + 4);
    // ISIZE is the length modulo 2^32, so truncating here is the definition.
    if expected_size != out.len() as u32 {
        return Err(DataError::GzipLengthMismatch {
            expected: expected_size,
            actual: out.len() as u64,
        });
    }
    Ok(out)
}

/// Parses the gzip member header and returns its length (where the deflate data starts).
fn gzip_header_len(gz: &[u8]) -> Result<usize, DataError> {
    const FHCRC: u8 = 0x02;
    const FEXTRA: u8 = 0x04;
    const FNAME: u8 = 0x08;
    const FCOMMENT: u8 = 0x10;
    const RESERVED: u8 = 0xe0;
    // A complete member needs at least the 10-byte header and the 8-byte trailer.
    const MIN_LEN: usize = 18;

    if gz.is_empty() {
        return Err(DataError::Empty { what: GZIP });
    }
    if !is_gzip(gz) {
        let shown: Vec<String> = gz.iter().take(2).map(|b| format!("{b:#04x}")).collect();
        return Err(DataError::CorruptGzip {
            reason: format!(
                "not gzip data: starts with {} instead of 0x1f 0x8b",
                shown.join(" ")
            ),
        });
    }
    if gz.len() < 10 {
        return Err(truncated(GZIP, MIN_LEN as u64, gz.len()));
    }
    if gz[2] != 8 {
        return Err(DataError::CorruptGzip {
            reason: format!(
                "unsupported compression method {} (only 8, deflate, exists)",
                gz[2]
            ),
        });
    }
    let flags = gz[3];
    if flags & RESERVED != 0 {
        return Err(DataError::CorruptGzip {
            reason: format!("reserved header flag bits are set ({flags:#04x})"),
        });
    }
    let mut at = 10;
    let need = |at: usize| {
        if gz.len() < at {
            Err(truncated(GZIP, at as u64, gz.len()))
        } else {
            Ok(())
        }
    };
    if flags & FEXTRA != 0 {
        need(at + 2)?;
        let xlen = usize::from(u16::from_le_bytes([gz[at], gz[at + 1]]));
        at += 2 + xlen;
        need(at)?;
    }
    for flag in [FNAME, FCOMMENT] {
        if flags & flag != 0 {
            match gz[at..].iter().position(|&b| b == 0) {
                Some(nul) => at += nul + 1,
                None => return Err(truncated(GZIP, gz.len() as u64 + 1, gz.len())),
            }
        }
    }
    if flags & FHCRC != 0 {
        need(at + 2)?;
        let mut crc = Crc::new();
        crc.update(&gz[..at]);
        let stored = u16::from_le_bytes([gz[at], gz[at + 1]]);
        // The header CRC is the low 16 bits of the CRC-32 of the header.
        let actual = crc.sum() as u16;
        if stored != actual {
            return Err(DataError::CorruptGzip {
                reason: format!(
                    "header CRC-16 mismatch (stored {stored:#06x}, computed {actual:#06x})"
                ),
            });
        }
        at += 2;
    }
    Ok(at)
}

#[cfg(test)]
mod tests;
