//! One picture: decoded within a pixel limit, cropped to a centred square, grey with light ink
//! on a dark ground, 28 × 28.

use std::io::Cursor;

use image::imageops::{FilterType, resize};
use image::{ImageError, ImageReader};

/// Side of a training picture, as MNIST's.
pub const SIDE: u32 = 28;
/// Grey bytes of a training picture.
pub const PIXELS: usize = (SIDE * SIDE) as usize;

/// Why a file was skipped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// Not a PNG, JPEG, GIF, BMP or WebP file.
    NotAPicture,
    /// A picture file the decoder could not read; the decoder's words.
    Damaged(String),
    /// The file is larger than the limit.
    TooLarge {
        /// Its bytes.
        bytes: usize,
        /// The limit.
        max: usize,
    },
    /// The picture has more pixels than the limit.
    TooManyPixels {
        /// The limit.
        max: u64,
    },
    /// One flat colour: nothing to learn from.
    Blank,
    /// A zip whose structure is broken; what is wrong.
    ZipDamaged(String),
    /// A zip entry this reader cannot open (encrypted, or packed by another method).
    ZipUnsupported(String),
}

/// The 28 × 28 training picture of an image file (see the module's documentation).
pub fn to_digit(bytes: &[u8], max_pixels: u64) -> Result<[u8; PIXELS], Refusal> {
    let mut reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| Refusal::Damaged(e.to_string()))?;
    if reader.format().is_none() {
        return Err(Refusal::NotAPicture);
    }
    // The header says the size: a huge picture is refused before it is decoded.
    let mut limits = image::Limits::default();
    limits.max_alloc = Some(max_pixels.saturating_mul(4));
    reader.limits(limits.clone());
    let (width, height) = reader
        .into_dimensions()
        .map_err(|e| refusal_of(&e, max_pixels))?;
    if u64::from(width) * u64::from(height) > max_pixels {
        return Err(Refusal::TooManyPixels { max: max_pixels });
    }
    let mut reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| Refusal::Damaged(e.to_string()))?;
    reader.limits(limits);
    let grey = reader
        .decode()
        .map_err(|e| refusal_of(&e, max_pixels))?
        .into_luma8(); // [height, width]
    let side = width.min(height);
    let square =
        image::imageops::crop_imm(&grey, (width - side) / 2, (height - side) / 2, side, side)
            .to_image(); // [side, side]
    let small = resize(&square, SIDE, SIDE, FilterType::Triangle); // [28, 28]
    shape_like_mnist(small.as_raw())
}

fn refusal_of(error: &ImageError, max_pixels: u64) -> Refusal {
    match error {
        ImageError::Limits(_) => Refusal::TooManyPixels { max: max_pixels },
        ImageError::Unsupported(_) => Refusal::NotAPicture,
        other => Refusal::Damaged(other.to_string()),
    }
}

/// Light ink on a dark ground, stretched to the full range: a ground lighter than the middle
/// (dark ink on paper) is inverted.
fn shape_like_mnist(grey: &[u8]) -> Result<[u8; PIXELS], Refusal> {
    let side = SIDE as usize;
    let (mut border, mut border_n, mut middle, mut middle_n) = (0u32, 0u32, 0u32, 0u32);
    for (i, &g) in grey.iter().enumerate() {
        let (x, y) = (i % side, i / side);
        if x < 3 || y < 3 || x >= side - 3 || y >= side - 3 {
            border += u32::from(g);
            border_n += 1;
        } else if (9..19).contains(&x) && (9..19).contains(&y) {
            middle += u32::from(g);
            middle_n += 1;
        }
    }
    let invert = border * middle_n > middle * border_n;
    let (low, high) = grey
        .iter()
        .fold((u8::MAX, u8::MIN), |(l, h), &g| (l.min(g), h.max(g)));
    if high - low < 8 {
        return Err(Refusal::Blank);
    }
    let mut out = [0u8; PIXELS];
    for (o, &g) in out.iter_mut().zip(grey) {
        let stretched = (u32::from(g - low) * 255 / u32::from(high - low)) as u8;
        *o = if invert { 255 - stretched } else { stretched };
    }
    Ok(out)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A greyscale PNG of `width × height` with `grey(x, y)`.
    pub(crate) fn png_of(width: u32, height: u32, grey: impl Fn(u32, u32) -> u8) -> Vec<u8> {
        let mut bytes = Vec::new();
        let mut encoder = png::Encoder::new(&mut bytes, width, height);
        encoder.set_color(png::ColorType::Grayscale);
        let mut writer = encoder.write_header().unwrap();
        let data: Vec<u8> = (0..height)
            .flat_map(|y| (0..width).map(move |x| (x, y)))
            .map(|(x, y)| grey(x, y))
            .collect();
        writer.write_image_data(&data).unwrap();
        writer.finish().unwrap();
        bytes
    }

    #[test]
    fn dark_ink_on_paper_becomes_light_ink_on_dark() {
        // A black plus on white paper, 100 × 60: cropped to the middle 60 × 60.
        let paper = png_of(100, 60, |x, y| {
            if (45..55).contains(&x) && (10..50).contains(&y)
                || (30..70).contains(&x) && (25..35).contains(&y)
            {
                0
            } else {
                250
            }
        });
        let digit = to_digit(&paper, 1 << 20).unwrap();
        let at = |x: usize, y: usize| digit[y * 28 + x];
        assert_eq!(at(0, 0), 0, "the paper is the dark ground");
        assert!(at(14, 14) > 200, "the ink is light: {}", at(14, 14));
        assert_eq!(digit.iter().max(), Some(&255));
    }

    #[test]
    fn light_ink_on_dark_stays_and_odd_files_are_refused() {
        let chalk = png_of(28, 28, |x, y| {
            if (10..18).contains(&x) && (4..24).contains(&y) {
                200
            } else {
                20
            }
        });
        let digit = to_digit(&chalk, 1 << 20).unwrap();
        assert!(digit[14 * 28 + 14] > 200 && digit[0] == 0);
        assert_eq!(
            to_digit(b"just some text", 1 << 20),
            Err(Refusal::NotAPicture)
        );
        assert!(matches!(
            to_digit(&chalk[..40], 1 << 20),
            Err(Refusal::Damaged(_))
        ));
        assert_eq!(
            to_digit(&png_of(9, 9, |_, _| 77), 1 << 20),
            Err(Refusal::Blank)
        );
        assert_eq!(
            to_digit(&png_of(64, 64, |x, _| x as u8), 1000),
            Err(Refusal::TooManyPixels { max: 1000 })
        );
    }
}
