//! Reading a zip of pictures: the central directory says where each entry is and how large it
//! is; stored and deflated entries are read, each bounded before it is inflated. Folders,
//! macOS' `__MACOSX` copies and hidden files are passed over.

use std::io::Read;

use crate::picture::Refusal;

/// An entry's name and bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The path inside the zip.
    pub name: String,
    /// The unpacked bytes.
    pub bytes: Vec<u8>,
}

/// Entries looked at in one zip at most.
const MAX_ENTRIES: usize = 100_000;

/// Whether `bytes` start like a zip file.
pub fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06")
}

fn u16_at(bytes: &[u8], at: usize) -> Option<usize> {
    Some(usize::from(u16::from_le_bytes(
        bytes.get(at..at + 2)?.try_into().ok()?,
    )))
}

fn u32_at(bytes: &[u8], at: usize) -> Option<usize> {
    Some(u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?) as usize)
}

fn damaged(what: &str) -> Refusal {
    Refusal::ZipDamaged(what.into())
}

/// The entries of a zip: each an [`Entry`], or its name and why it was skipped. `Err` when the
/// zip's own structure is broken.
#[allow(
    clippy::type_complexity,
    reason = "a list of per-entry results, read once"
)]
pub fn entries(
    bytes: &[u8],
    max_entry_bytes: usize,
) -> Result<Vec<Result<Entry, (String, Refusal)>>, Refusal> {
    // The end record is in the last 22 bytes plus a comment of at most 65 535.
    let search_from = bytes.len().saturating_sub(22 + 65_535);
    let end = (search_from..bytes.len().saturating_sub(21))
        .rev()
        .find(|&at| bytes[at..].starts_with(b"PK\x05\x06"))
        .ok_or_else(|| damaged("no end of central directory: the file is cut short"))?;
    let count = u16_at(bytes, end + 10).ok_or_else(|| damaged("end record"))?;
    let mut at = u32_at(bytes, end + 16).ok_or_else(|| damaged("end record"))?;
    let mut out = Vec::new();
    for _ in 0..count.min(MAX_ENTRIES) {
        if !bytes
            .get(at..)
            .is_some_and(|b| b.starts_with(b"PK\x01\x02"))
        {
            return Err(damaged("central directory"));
        }
        let field =
            |offset: usize| u16_at(bytes, at + offset).ok_or_else(|| damaged("central directory"));
        let flags = field(8)?;
        let method = field(10)?;
        let packed = u32_at(bytes, at + 20).ok_or_else(|| damaged("central directory"))?;
        let size = u32_at(bytes, at + 24).ok_or_else(|| damaged("central directory"))?;
        let (name_len, extra_len, comment_len) = (field(28)?, field(30)?, field(32)?);
        let local = u32_at(bytes, at + 42).ok_or_else(|| damaged("central directory"))?;
        let name_bytes = bytes
            .get(at + 46..at + 46 + name_len)
            .ok_or_else(|| damaged("central directory"))?;
        let name = String::from_utf8_lossy(name_bytes).into_owned();
        at += 46 + name_len + extra_len + comment_len;
        let base = name.rsplit('/').next().unwrap_or(&name);
        if name.ends_with('/') || name.starts_with("__MACOSX/") || base.starts_with('.') {
            continue;
        }
        out.push(
            read_entry(
                bytes,
                &name,
                flags,
                method,
                packed,
                size,
                local,
                max_entry_bytes,
            )
            .map_err(|r| (name.clone(), r))
            .map(|bytes| Entry { name, bytes }),
        );
    }
    Ok(out)
}

#[allow(
    clippy::too_many_arguments,
    reason = "the fields of one directory record"
)]
fn read_entry(
    zip: &[u8],
    name: &str,
    flags: usize,
    method: usize,
    packed: usize,
    size: usize,
    local: usize,
    max: usize,
) -> Result<Vec<u8>, Refusal> {
    if flags & 1 != 0 {
        return Err(Refusal::ZipUnsupported(format!("{name} is encrypted")));
    }
    if size > max {
        return Err(Refusal::TooLarge { bytes: size, max });
    }
    if !zip
        .get(local..)
        .is_some_and(|b| b.starts_with(b"PK\x03\x04"))
    {
        return Err(damaged("local header"));
    }
    let start = local
        + 30
        + u16_at(zip, local + 26).ok_or_else(|| damaged("local header"))?
        + u16_at(zip, local + 28).ok_or_else(|| damaged("local header"))?;
    let data = zip
        .get(start..start.saturating_add(packed))
        .ok_or_else(|| damaged("an entry runs past the end"))?;
    match method {
        0 => Ok(data.to_vec()),
        8 => {
            let mut out = Vec::with_capacity(size.min(max));
            // One byte more than allowed tells a lying size field from an honest one.
            flate2::read::DeflateDecoder::new(data)
                .take(max as u64 + 1)
                .read_to_end(&mut out)
                .map_err(|e| Refusal::Damaged(e.to_string()))?;
            if out.len() > max {
                return Err(Refusal::TooLarge {
                    bytes: out.len(),
                    max,
                });
            }
            Ok(out)
        }
        other => Err(Refusal::ZipUnsupported(format!(
            "{name} is packed with method {other} (only stored and deflated entries open)"
        ))),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::io::Write;

    /// A zip of `files`, each stored or (for names ending `.z`) deflated, as `zip` writes it.
    pub(crate) fn stored_zip(files: &[(&str, &[u8])]) -> Vec<u8> {
        let mut zip = Vec::new();
        let mut directory = Vec::new();
        for (name, content) in files {
            let (method, data) = if name.ends_with(".z") {
                let mut encoder =
                    flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
                encoder.write_all(content).unwrap();
                (8u16, encoder.finish().unwrap())
            } else {
                (0u16, content.to_vec())
            };
            let offset = zip.len() as u32;
            let header = |sig: &[u8], central: bool| {
                let mut h = sig.to_vec();
                if central {
                    h.extend(20u16.to_le_bytes());
                }
                h.extend(20u16.to_le_bytes());
                h.extend(0u16.to_le_bytes()); // flags
                h.extend(method.to_le_bytes());
                h.extend([0u8; 4]); // time, date
                h.extend(0u32.to_le_bytes()); // crc (not checked here)
                h.extend((data.len() as u32).to_le_bytes());
                h.extend((content.len() as u32).to_le_bytes());
                h.extend((name.len() as u16).to_le_bytes());
                h.extend(0u16.to_le_bytes()); // extra
                if central {
                    h.extend([0u8; 6]); // comment length, disk, internal attributes
                    h.extend([0u8; 4]); // external attributes
                    h.extend(offset.to_le_bytes());
                }
                h.extend(name.as_bytes());
                h
            };
            zip.extend(header(b"PK\x03\x04", false));
            zip.extend(&data);
            directory.extend(header(b"PK\x01\x02", true));
        }
        let start = zip.len() as u32;
        zip.extend(&directory);
        zip.extend(b"PK\x05\x06");
        zip.extend([0u8; 4]);
        zip.extend((files.len() as u16).to_le_bytes());
        zip.extend((files.len() as u16).to_le_bytes());
        zip.extend((directory.len() as u32).to_le_bytes());
        zip.extend(start.to_le_bytes());
        zip.extend(0u16.to_le_bytes());
        zip
    }

    #[test]
    fn stored_and_deflated_entries_open_and_folders_and_hidden_files_are_passed_over() {
        let zip = stored_zip(&[
            ("pics/", b""),
            ("pics/a.png", b"first"),
            ("pics/b.z", b"second, deflated second, deflated"),
            ("__MACOSX/pics/._a.png", b"resource fork"),
            ("pics/.DS_Store", b"finder"),
        ]);
        assert!(is_zip(&zip));
        let found: Vec<Entry> = entries(&zip, 1000)
            .unwrap()
            .into_iter()
            .map(Result::unwrap)
            .collect();
        assert_eq!(found.len(), 2);
        assert_eq!(
            found[0],
            Entry {
                name: "pics/a.png".into(),
                bytes: b"first".to_vec()
            }
        );
        assert_eq!(found[1].bytes, b"second, deflated second, deflated");
    }

    #[test]
    fn broken_and_oversized_zips_are_refused_with_the_reason() {
        let zip = stored_zip(&[("a.png", b"0123456789"), ("b.z", &[7u8; 5000])]);
        assert!(matches!(
            entries(&zip[..zip.len() - 30], 1000),
            Err(Refusal::ZipDamaged(_))
        ));
        let found = entries(&zip, 100).unwrap();
        assert!(found[0].is_ok());
        assert!(
            matches!(&found[1], Err((name, Refusal::TooLarge { bytes: 5000, max: 100 })) if name == "b.z")
        );
        // A size field that lies is caught while inflating, one byte past the limit.
        let mut lying = zip.clone();
        let dir = lying.windows(4).rposition(|w| w == b"PK\x01\x02").unwrap();
        lying[dir + 24..dir + 28].copy_from_slice(&50u32.to_le_bytes());
        assert!(matches!(
            &entries(&lying, 100).unwrap()[1],
            Err((_, Refusal::TooLarge { bytes: 101, .. }))
        ));
        let mut encrypted = zip.clone();
        let first = encrypted
            .windows(4)
            .position(|w| w == b"PK\x01\x02")
            .unwrap();
        encrypted[first + 8] = 1;
        assert!(matches!(
            &entries(&encrypted, 1000).unwrap()[0],
            Err((_, Refusal::ZipUnsupported(_)))
        ));
        assert!(matches!(
            entries(b"PK\x03\x04 not really", 1000),
            Err(Refusal::ZipDamaged(_))
        ));
    }
}
