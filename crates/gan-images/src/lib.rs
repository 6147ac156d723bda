//! A class's own pictures as training data.
//!
//! A teacher picks a folder of pictures or a zip of them in the browser; the worker hands the
//! files' bytes to [`read_upload`], which:
//!
//! - opens zip files ([`zip`]: stored and deflated entries, each bounded before it is
//!   inflated);
//! - decodes PNG, JPEG, GIF, BMP and WebP ([`picture`]), refusing pictures over the pixel
//!   limit before decoding them;
//! - crops each to a centred square, makes it grey with light ink on a dark ground (as MNIST
//!   is: a photo of dark ink on white paper is inverted) and shrinks it to 28 × 28;
//! - keeps within [`Limits`] and reports every file it skipped, with the reason.
//!
//! No files, no browser: bytes in, 784 grey bytes per picture out.

pub mod picture;
pub mod zip;

use picture::Refusal;

/// The bounds an upload must keep. The defaults hold a class's drawings easily and keep the
/// browser tab far from its memory limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Pictures used at most; more are an error (not silently dropped).
    pub max_pictures: usize,
    /// Bytes of one file (a picture or a zip) at most.
    pub max_file_bytes: usize,
    /// Bytes of all files together (zips unpacked) at most.
    pub max_total_bytes: usize,
    /// Pixels of one decoded picture at most.
    pub max_pixels: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_pictures: 10_000,
            max_file_bytes: 16 << 20,
            max_total_bytes: 256 << 20,
            max_pixels: 4096 * 4096,
        }
    }
}

/// A file of the upload: its name (for messages) and bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Upload {
    /// The file's name, with its folder if it came from a folder or a zip.
    pub name: String,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

/// The pictures that made it, and those that did not.
#[derive(Debug, Clone, PartialEq)]
pub struct OwnSet {
    /// 784 grey bytes per picture (0 = dark ground, 255 = full ink), picture after picture.
    pub digits: Vec<u8>,
    /// Every skipped file with its reason, in upload order.
    pub skipped: Vec<(String, Refusal)>,
}

impl OwnSet {
    /// Pictures in the set.
    pub fn len(&self) -> usize {
        self.digits.len() / picture::PIXELS
    }

    /// Whether no picture made it.
    pub fn is_empty(&self) -> bool {
        self.digits.is_empty()
    }
}

/// Why an upload as a whole was refused; nothing of it is used.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum UploadError {
    /// No file was a usable picture.
    #[error("none of the {files} files is a usable picture")]
    NoPictures {
        /// Files looked at (zips unpacked).
        files: usize,
        /// Why each was skipped.
        skipped: Vec<(String, Refusal)>,
    },
    /// More pictures than the limit.
    #[error("{count} pictures are more than the limit of {max}")]
    TooMany {
        /// Pictures found.
        count: usize,
        /// The limit.
        max: usize,
    },
    /// More bytes than the limit.
    #[error("{bytes} bytes are more than the limit of {max}")]
    TooLarge {
        /// Bytes found so far.
        bytes: usize,
        /// The limit.
        max: usize,
    },
}

/// Turns an upload into a training set within `limits` (see the crate's documentation).
pub fn read_upload(files: Vec<Upload>, limits: Limits) -> Result<OwnSet, UploadError> {
    let mut entries = Vec::new();
    let mut skipped = Vec::new();
    let mut total = 0usize;
    for file in files {
        if file.bytes.len() > limits.max_file_bytes {
            skipped.push((
                file.name,
                Refusal::TooLarge {
                    bytes: file.bytes.len(),
                    max: limits.max_file_bytes,
                },
            ));
            continue;
        }
        if zip::is_zip(&file.bytes) {
            match zip::entries(&file.bytes, limits.max_file_bytes) {
                Ok(found) => {
                    for entry in found {
                        match entry {
                            Ok(e) => entries.push(Upload {
                                name: format!("{}/{}", file.name, e.name),
                                bytes: e.bytes,
                            }),
                            Err((name, refusal)) => {
                                skipped.push((format!("{}/{name}", file.name), refusal));
                            }
                        }
                    }
                }
                Err(refusal) => skipped.push((file.name, refusal)),
            }
        } else {
            entries.push(file);
        }
    }
    let files_seen = entries.len() + skipped.len();
    let mut digits = Vec::new();
    let mut used = 0usize;
    for entry in entries {
        total += entry.bytes.len();
        if total > limits.max_total_bytes {
            return Err(UploadError::TooLarge {
                bytes: total,
                max: limits.max_total_bytes,
            });
        }
        match picture::to_digit(&entry.bytes, limits.max_pixels) {
            Ok(digit) => {
                used += 1;
                if used > limits.max_pictures {
                    return Err(UploadError::TooMany {
                        count: used,
                        max: limits.max_pictures,
                    });
                }
                digits.extend_from_slice(&digit);
            }
            Err(refusal) => skipped.push((entry.name, refusal)),
        }
    }
    if digits.is_empty() {
        return Err(UploadError::NoPictures {
            files: files_seen,
            skipped,
        });
    }
    Ok(OwnSet { digits, skipped })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::picture::tests::png_of;

    fn upload(name: &str, bytes: Vec<u8>) -> Upload {
        Upload {
            name: name.into(),
            bytes,
        }
    }

    #[test]
    fn pictures_and_zipped_pictures_become_digits_and_the_rest_is_reported() {
        let picture = png_of(40, 40, |x, _| if x < 20 { 0 } else { 255 });
        let zipped = zip::tests::stored_zip(&[("a.png", &picture), ("notes.txt", b"hello")]);
        let set = read_upload(
            vec![
                upload("one.png", picture.clone()),
                upload("class.zip", zipped),
                upload("broken.png", picture[..30].to_vec()),
            ],
            Limits::default(),
        )
        .unwrap();
        assert_eq!(set.len(), 2);
        let names: Vec<&str> = set.skipped.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, vec!["class.zip/notes.txt", "broken.png"]);
        assert!(matches!(set.skipped[0].1, Refusal::NotAPicture));
        assert!(matches!(set.skipped[1].1, Refusal::Damaged(_)));
    }

    #[test]
    fn limits_refuse_too_many_too_large_and_nothing_usable() {
        let picture = png_of(8, 8, |x, y| ((x + y) * 16) as u8);
        let three: Vec<Upload> = (0..3)
            .map(|i| upload(&format!("{i}.png"), picture.clone()))
            .collect();
        let tight = Limits {
            max_pictures: 2,
            ..Limits::default()
        };
        assert_eq!(
            read_upload(three.clone(), tight),
            Err(UploadError::TooMany { count: 3, max: 2 })
        );
        let small = Limits {
            max_total_bytes: picture.len() * 2,
            ..Limits::default()
        };
        assert!(matches!(
            read_upload(three, small),
            Err(UploadError::TooLarge { .. })
        ));
        let huge = Limits {
            max_file_bytes: 10,
            ..Limits::default()
        };
        match read_upload(vec![upload("big.png", picture)], huge) {
            Err(UploadError::NoPictures { files: 1, skipped }) => {
                assert!(matches!(skipped[0].1, Refusal::TooLarge { .. }));
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            read_upload(Vec::new(), Limits::default()),
            Err(UploadError::NoPictures { files: 0, .. })
        ));
    }
}
