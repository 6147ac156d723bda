//! Every malformed IDX or gzip input is refused with its own reason; good ones parse.

use std::io::Write;

use flate2::Compression;
use flate2::write::GzEncoder;

use super::*;

/// A hand-built IDX image file: `count` images whose pixels are (image + pixel) % 256.
fn images_idx(count: u32) -> Vec<u8> {
    let mut idx = Vec::new();
    idx.extend_from_slice(&IMAGE_MAGIC.to_be_bytes());
    idx.extend_from_slice(&count.to_be_bytes());
    idx.extend_from_slice(&28u32.to_be_bytes());
    idx.extend_from_slice(&28u32.to_be_bytes());
    for image in 0..count as usize {
        idx.extend((0..IMAGE_PIXELS).map(|p| ((image * 7 + p) % 256) as u8));
    }
    idx
}

fn labels_idx(labels: &[u8]) -> Vec<u8> {
    let mut idx = Vec::new();
    idx.extend_from_slice(&LABEL_MAGIC.to_be_bytes());
    idx.extend_from_slice(&(labels.len() as u32).to_be_bytes());
    idx.extend_from_slice(labels);
    idx
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut enc = GzEncoder::new(Vec::new(), Compression::best());
    enc.write_all(data).unwrap();
    enc.finish().unwrap()
}

#[test]
fn images_round_trip() {
    let idx = images_idx(3);
    assert_eq!(idx.len(), 16 + 3 * 784);
    let pixels = parse_images(&idx).unwrap();
    assert_eq!(pixels.len(), 3 * 784);
    assert_eq!(pixels, &idx[16..]);
    assert_eq!(pixels[784 + 5], 12); // image 1, pixel 5: (7 + 5) % 256
}

#[test]
fn labels_round_trip() {
    let idx = labels_idx(&[0, 9, 4, 4]);
    assert_eq!(parse_labels(&idx).unwrap(), &[0, 9, 4, 4]);
    let empty = labels_idx(&[]);
    assert_eq!(parse_labels(&empty).unwrap(), &[] as &[u8]);
}

#[test]
fn empty_input() {
    assert_eq!(
        parse_images(&[]),
        Err(DataError::Empty { what: "image file" })
    );
    assert_eq!(
        parse_labels(&[]),
        Err(DataError::Empty { what: "label file" })
    );
    assert_eq!(
        gunzip(&[]),
        Err(DataError::Empty {
            what: "gzip stream"
        })
    );
}

#[test]
fn truncated_header() {
    let idx = images_idx(1);
    assert_eq!(
        parse_images(&idx[..10]),
        Err(DataError::Truncated {
            what: "image file",
            expected: 16,
            actual: 10
        })
    );
    assert_eq!(
        parse_images(&idx[..2]),
        Err(DataError::Truncated {
            what: "image file",
            expected: 16,
            actual: 2
        })
    );
    let labels = labels_idx(&[1, 2]);
    assert_eq!(
        parse_labels(&labels[..6]),
        Err(DataError::Truncated {
            what: "label file",
            expected: 8,
            actual: 6
        })
    );
}

#[test]
fn truncated_body() {
    let idx = images_idx(2);
    let err = parse_images(&idx[..idx.len() - 1]).unwrap_err();
    assert_eq!(
        err,
        DataError::Truncated {
            what: "image file",
            expected: 16 + 2 * 784,
            actual: 16 + 2 * 784 - 1
        }
    );
    assert_eq!(
        err.to_string(),
        "image file is truncated: expected 1584 bytes, got 1583"
    );
    let labels = labels_idx(&[1, 2, 3]);
    assert_eq!(
        parse_labels(&labels[..10]),
        Err(DataError::Truncated {
            what: "label file",
            expected: 11,
            actual: 10
        })
    );
}

#[test]
fn huge_count_is_truncation_not_overflow() {
    let mut idx = images_idx(0);
    idx[4..8].copy_from_slice(&u32::MAX.to_be_bytes());
    assert_eq!(
        parse_images(&idx),
        Err(DataError::Truncated {
            what: "image file",
            expected: 16 + u64::from(u32::MAX) * 784,
            actual: 16
        })
    );
}

#[test]
fn wrong_magic() {
    // A label file given as images, and the other way round.
    let labels = labels_idx(&[1; 20]);
    let err = parse_images(&labels).unwrap_err();
    assert_eq!(
        err,
        DataError::WrongMagic {
            what: "image file",
            expected: 0x803,
            found: 0x801
        }
    );
    assert_eq!(
        err.to_string(),
        "image file: wrong magic number: expected 0x00000803, found 0x00000801"
    );
    assert_eq!(
        parse_labels(&images_idx(1)),
        Err(DataError::WrongMagic {
            what: "label file",
            expected: 0x801,
            found: 0x803
        })
    );
    // Gzip bytes where IDX was expected.
    let gz = gzip(&images_idx(1));
    assert!(matches!(
        parse_images(&gz),
        Err(DataError::WrongMagic { found, .. }) if found >> 16 == 0x1f8b
    ));
}

#[test]
fn wrong_image_size() {
    let mut idx = images_idx(1);
    idx[8..12].copy_from_slice(&32u32.to_be_bytes());
    let err = parse_images(&idx).unwrap_err();
    assert_eq!(err, DataError::WrongImageSize { rows: 32, cols: 28 });
    assert_eq!(
        err.to_string(),
        "image file: images must be 28×28 pixels, found 32×28"
    );
}

#[test]
fn label_out_of_range() {
    let idx = labels_idx(&[3, 9, 10, 200]);
    let err = parse_labels(&idx).unwrap_err();
    assert_eq!(
        err,
        DataError::LabelOutOfRange {
            index: 2,
            label: 10
        }
    );
    assert!(err.to_string().contains("label 10 at index 2"));
}

#[test]
fn trailing_bytes() {
    let mut idx = images_idx(1);
    idx.extend_from_slice(&[0, 0, 0]);
    assert_eq!(
        parse_images(&idx),
        Err(DataError::TrailingBytes {
            what: "image file",
            expected: 800,
            extra: 3
        })
    );
    let mut labels = labels_idx(&[5]);
    labels.push(5);
    assert_eq!(
        parse_labels(&labels),
        Err(DataError::TrailingBytes {
            what: "label file",
            expected: 9,
            extra: 1
        })
    );
}

#[test]
fn gunzip_round_trip() {
    let idx = images_idx(5);
    let gz = gzip(&idx);
    assert!(is_gzip(&gz));
    assert!(gz.len() < idx.len());
    assert_eq!(gunzip(&gz).unwrap(), idx);
    assert_eq!(maybe_gunzip(&gz).unwrap().as_ref(), idx.as_slice());
    assert!(matches!(maybe_gunzip(&idx).unwrap(), Cow::Borrowed(b) if b == idx.as_slice()));
    // Empty payload.
    assert_eq!(gunzip(&gzip(&[])).unwrap(), Vec::<u8>::new());
}

#[test]
fn gunzip_optional_header_fields() {
    let data = b"hello IDX".repeat(50);
    let mut enc = flate2::GzBuilder::new()
        .filename("train-images-idx3-ubyte")
        .comment("a comment")
        .extra(vec![1, 2, 3, 4])
        .mtime(1_234_567)
        .write(Vec::new(), Compression::default());
    enc.write_all(&data).unwrap();
    let gz = enc.finish().unwrap();
    assert_eq!(gunzip(&gz).unwrap(), data);

    // Add a correct header CRC by hand (FHCRC) to a plain header.
    let plain = gzip(&data);
    let mut with_hcrc = plain[..10].to_vec();
    with_hcrc[3] |= 0x02;
    let mut crc = Crc::new();
    crc.update(&with_hcrc);
    with_hcrc.extend_from_slice(&(crc.sum() as u16).to_le_bytes());
    with_hcrc.extend_from_slice(&plain[10..]);
    assert_eq!(gunzip(&with_hcrc).unwrap(), data);
    // ... and a wrong one.
    with_hcrc[10] ^= 0xff;
    assert!(matches!(
        gunzip(&with_hcrc),
        Err(DataError::CorruptGzip { reason }) if reason.contains("header CRC-16")
    ));
}

#[test]
fn gunzip_not_gzip() {
    let err = gunzip(&images_idx(1)).unwrap_err();
    assert_eq!(
        err.to_string(),
        "corrupt gzip stream: not gzip data: starts with 0x00 0x00 instead of 0x1f 0x8b"
    );
    let mut gz = gzip(b"abc");
    gz[2] = 7;
    assert!(matches!(
        gunzip(&gz),
        Err(DataError::CorruptGzip { reason }) if reason.contains("method 7")
    ));
    let mut gz = gzip(b"abc");
    gz[3] = 0x80;
    assert!(matches!(
        gunzip(&gz),
        Err(DataError::CorruptGzip { reason }) if reason.contains("reserved")
    ));
}

#[test]
fn gunzip_crc_mismatch() {
    let data = images_idx(2);
    let mut gz = gzip(&data);
    let n = gz.len();
    let mut crc = Crc::new();
    crc.update(&data);
    assert_eq!(le_u32(&gz, n - 8), crc.sum());
    gz[n - 8] ^= 0x01;
    assert_eq!(
        gunzip(&gz),
        Err(DataError::GzipCrcMismatch {
            expected: crc.sum() ^ 1,
            actual: crc.sum()
        })
    );
}

#[test]
fn gunzip_length_mismatch() {
    let data = images_idx(2);
    let mut gz = gzip(&data);
    let n = gz.len();
    gz[n - 1] ^= 0x80;
    assert_eq!(
        gunzip(&gz),
        Err(DataError::GzipLengthMismatch {
            expected: data.len() as u32 ^ 0x8000_0000,
            actual: data.len() as u64
        })
    );
}

#[test]
fn gunzip_flipped_deflate_byte_is_always_detected() {
    let data = images_idx(3);
    let gz = gzip(&data);
    let body = 10..gz.len() - 8;
    let mut kinds = [0usize; 3];
    for at in body {
        let mut bad = gz.clone();
        bad[at] ^= 0x10;
        match gunzip(&bad) {
            Err(DataError::CorruptGzip { .. }) => kinds[0] += 1,
            Err(DataError::GzipCrcMismatch { .. }) => kinds[1] += 1,
            Err(DataError::GzipLengthMismatch { .. }) => kinds[2] += 1,
            // A flip can also move the end of the deflate stream.
            Err(DataError::Truncated { .. } | DataError::TrailingBytes { .. }) => {}
            other => panic!("flip at {at} not detected: {other:?}"),
        }
    }
    // Both the inflater and the CRC do real work here.
    assert!(kinds[0] > 0, "{kinds:?}");
    assert!(kinds[1] > 0, "{kinds:?}");
}

#[test]
fn gunzip_truncated() {
    let data = images_idx(2);
    let gz = gzip(&data);
    // Cut inside the trailer.
    assert_eq!(
        gunzip(&gz[..gz.len() - 3]),
        Err(DataError::Truncated {
            what: "gzip stream",
            expected: gz.len() as u64,
            actual: gz.len() as u64 - 3
        })
    );
    // Cut inside the deflate stream.
    let err = gunzip(&gz[..gz.len() / 2]).unwrap_err();
    assert!(
        matches!(&err, DataError::CorruptGzip { reason } if reason.contains("incomplete")),
        "{err}"
    );
    // Cut inside the header.
    assert_eq!(
        gunzip(&gz[..5]),
        Err(DataError::Truncated {
            what: "gzip stream",
            expected: 18,
            actual: 5
        })
    );
}

#[test]
fn gunzip_trailing_bytes() {
    let mut gz = gzip(b"some data");
    let n = gz.len() as u64;
    gz.extend_from_slice(b"junk");
    assert_eq!(
        gunzip(&gz),
        Err(DataError::TrailingBytes {
            what: "gzip stream",
            expected: n,
            extra: 4
        })
    );
}

#[test]
fn gunzip_refuses_bombs() {
    let zeros = vec![0u8; 1 << 20];
    let gz = gzip(&zeros);
    assert!(gz.len() < 2048, "{}", gz.len());
    assert_eq!(
        gunzip_with_limit(&gz, (1 << 20) - 1),
        Err(DataError::TooLarge {
            limit: (1 << 20) - 1
        })
    );
    assert_eq!(gunzip_with_limit(&gz, 1 << 20).unwrap(), zeros);
    // A lying ISIZE does not make us allocate more than the limit.
    let mut lying = gz.clone();
    let n = lying.len();
    lying[n - 4..].copy_from_slice(&u32::MAX.to_le_bytes());
    assert!(matches!(
        gunzip_with_limit(&lying, 1 << 20),
        Err(DataError::GzipLengthMismatch { .. })
    ));
}
