//! A class's own pictures in the session: the upload's messages in the page's language. The
//! pictures themselves are read by `gan-images`.

use gan_images::UploadError;
use gan_images::picture::Refusal;

use gan_protocol::lang::{Lang, fill};

/// Megabytes, with one decimal, for messages.
fn megabytes(bytes: usize, lang: Lang) -> String {
    lang.number(bytes as f64 / 1_048_576.0, 1)
}

/// Why a file was skipped, in words.
pub fn refusal_text(refusal: &Refusal, lang: Lang) -> String {
    let t = lang.texts();
    match refusal {
        Refusal::NotAPicture => t.refusal_not_a_picture.into(),
        Refusal::Damaged(why) => fill(t.refusal_damaged, &[("why", why)]),
        Refusal::TooLarge { bytes, max } => fill(
            t.refusal_too_large,
            &[
                ("size", &megabytes(*bytes, lang)),
                ("max", &megabytes(*max, lang)),
            ],
        ),
        Refusal::TooManyPixels { max } => fill(
            t.refusal_too_many_pixels,
            &[("max", &lang.number(*max as f64 / 1e6, 1))],
        ),
        Refusal::Blank => t.refusal_blank.into(),
        Refusal::ZipDamaged(why) => fill(t.refusal_zip_damaged, &[("why", why)]),
        Refusal::ZipUnsupported(why) => fill(t.refusal_zip_unsupported, &[("why", why)]),
    }
}

/// The first skipped file and why, shortened for a one-line notice.
pub fn first_skipped(skipped: &[(String, Refusal)], lang: Lang) -> String {
    skipped.first().map_or_else(String::new, |(name, refusal)| {
        format!(
            "{} ({})",
            gan_protocol::text::shorten(name),
            refusal_text(refusal, lang)
        )
    })
}

/// Why an upload was refused as a whole, in words.
pub fn upload_error_text(error: &UploadError, lang: Lang) -> String {
    let t = lang.texts();
    match error {
        UploadError::NoPictures { files, skipped } => fill(
            t.own_none,
            &[("files", files), ("first", &first_skipped(skipped, lang))],
        ),
        UploadError::TooMany { count, max } => {
            fill(t.own_too_many, &[("count", count), ("max", max)])
        }
        UploadError::TooLarge { bytes, max } => fill(
            t.own_too_large,
            &[
                ("size", &megabytes(*bytes, lang)),
                ("max", &megabytes(*max, lang)),
            ],
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_refusal_is_worded_in_both_languages() {
        let refusals = [
            Refusal::NotAPicture,
            Refusal::Damaged("bad CRC".into()),
            Refusal::TooLarge {
                bytes: 20 << 20,
                max: 16 << 20,
            },
            Refusal::TooManyPixels { max: 16_777_216 },
            Refusal::Blank,
            Refusal::ZipDamaged("central directory".into()),
            Refusal::ZipUnsupported("a.png is encrypted".into()),
        ];
        for refusal in &refusals {
            let (en, de) = (
                refusal_text(refusal, Lang::En),
                refusal_text(refusal, Lang::De),
            );
            assert!(!en.is_empty() && en != de, "{refusal:?}: {en} / {de}");
            assert!(!en.contains('{') && !de.contains('{'), "{en} / {de}");
        }
        assert_eq!(
            refusal_text(&refusals[2], Lang::De),
            "20,0 MB, mehr als 16,0 MB"
        );
        let none = UploadError::NoPictures {
            files: 2,
            skipped: vec![("notes.txt".into(), Refusal::NotAPicture)],
        };
        assert_eq!(
            upload_error_text(&none, Lang::En),
            "None of the 2 files is a usable picture (notes.txt (not a PNG, JPEG, GIF, BMP or \
             WebP picture)). Nothing changed."
        );
    }
}
