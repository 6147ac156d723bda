//! Writes a square grid of generated digits as a greyscale PNG, as the app draws it.

use anyhow::Context;
use gan_core::IMAGE_SIDE;
use gan_data::denormalise;
use std::path::Path;

/// A gap of this many dark pixels separates the digits.
const GAP: usize = 2;

/// Lays out `pixels` (`n × 784` values in [-1, 1]) as a `cols`-wide grid of 8-bit grey.
/// Returns the image's width, height and bytes.
pub fn layout(pixels: &[f32], cols: usize) -> (usize, usize, Vec<u8>) {
    let count = pixels.len() / (IMAGE_SIDE * IMAGE_SIDE);
    let rows = count.div_ceil(cols.max(1));
    let cell = IMAGE_SIDE + GAP;
    let (width, height) = (cols * cell + GAP, rows * cell + GAP);
    let mut out = vec![0u8; width * height];
    for (i, image) in pixels.chunks_exact(IMAGE_SIDE * IMAGE_SIDE).enumerate() {
        let (ox, oy) = (GAP + (i % cols) * cell, GAP + (i / cols) * cell);
        for (p, &v) in image.iter().enumerate() {
            out[(oy + p / IMAGE_SIDE) * width + ox + p % IMAGE_SIDE] = denormalise(v);
        }
    }
    (width, height, out)
}

/// Writes the grid of `pixels` to `path`, scaled up `scale` times (nearest neighbour: crisp).
pub fn write_png(path: &Path, pixels: &[f32], cols: usize, scale: usize) -> anyhow::Result<()> {
    let (w, h, grey) = layout(pixels, cols);
    let scale = scale.max(1);
    let (sw, sh) = (w * scale, h * scale);
    let mut scaled = vec![0u8; sw * sh];
    for y in 0..sh {
        for x in 0..sw {
            scaled[y * sw + x] = grey[(y / scale) * w + x / scale];
        }
    }
    let file =
        std::fs::File::create(path).with_context(|| format!("cannot create {}", path.display()))?;
    let mut encoder = png::Encoder::new(
        std::io::BufWriter::new(file),
        u32::try_from(sw)?,
        u32::try_from(sh)?,
    );
    encoder.set_color(png::ColorType::Grayscale);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header()?;
    writer.write_image_data(&scaled)?;
    writer.finish()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_each_digit_in_its_cell() {
        // Two images: all white, all black; one column, so the second is below the first.
        let mut pixels = vec![1.0f32; 784];
        pixels.extend(vec![-1.0f32; 784]);
        let (w, h, grey) = layout(&pixels, 1);
        assert_eq!((w, h), (28 + 2 * GAP, 2 * (28 + GAP) + GAP));
        assert_eq!(grey[GAP * w + GAP], 255, "first digit's top-left pixel");
        assert_eq!(
            grey[(GAP + 27) * w + GAP + 27],
            255,
            "first digit's bottom-right pixel"
        );
        assert_eq!(grey[0], 0, "the gap is dark");
        assert_eq!(grey[(2 * GAP + 28) * w + GAP], 0, "second digit is black");
    }
}
