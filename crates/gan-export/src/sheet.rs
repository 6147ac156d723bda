//! Digits tiled into one grey image, as the app and the CLI show them.

/// Side of one digit in pixels.
pub const DIGIT_SIDE: usize = 28;
/// Pixels of one digit.
pub const DIGIT_PIXELS: usize = DIGIT_SIDE * DIGIT_SIDE;
/// Dark pixels between two digits (and around the sheet), before scaling.
pub const GAP: usize = 2;

/// A grey image: one byte per pixel, row by row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sheet {
    /// Width in pixels.
    pub width: usize,
    /// Height in pixels.
    pub height: usize,
    /// `width × height` grey levels.
    pub grey: Vec<u8>,
}

impl Sheet {
    /// Tiles `digits` (784 grey bytes each; a short last digit is ignored) into rows of
    /// `columns`, with [`GAP`] dark pixels between them, each pixel scaled to `scale × scale`
    /// (nearest neighbour, so the digits stay crisp on a projector).
    pub fn tile(digits: &[u8], columns: usize, scale: usize) -> Sheet {
        let columns = columns.max(1);
        let scale = scale.max(1);
        let count = digits.len() / DIGIT_PIXELS;
        let rows = count.div_ceil(columns);
        let cell = DIGIT_SIDE + GAP;
        let (width, height) = (columns * cell + GAP, rows * cell + GAP);
        let mut grey = vec![0u8; width * height];
        for (i, digit) in digits.chunks_exact(DIGIT_PIXELS).enumerate() {
            let (left, top) = (GAP + (i % columns) * cell, GAP + (i / columns) * cell);
            for (row, line) in digit.chunks_exact(DIGIT_SIDE).enumerate() {
                let at = (top + row) * width + left;
                grey[at..at + DIGIT_SIDE].copy_from_slice(line);
            }
        }
        Sheet {
            width,
            height,
            grey,
        }
        .scaled(scale)
    }

    /// The sheet with each pixel repeated `scale × scale` times.
    pub fn scaled(self, scale: usize) -> Sheet {
        if scale <= 1 {
            return self;
        }
        let (width, height) = (self.width * scale, self.height * scale);
        let mut grey = Vec::with_capacity(width * height);
        for line in self.grey.chunks_exact(self.width.max(1)) {
            let wide: Vec<u8> = line
                .iter()
                .flat_map(|&g| std::iter::repeat_n(g, scale))
                .collect();
            for _ in 0..scale {
                grey.extend_from_slice(&wide);
            }
        }
        Sheet {
            width,
            height,
            grey,
        }
    }

    /// The grey level at (`x`, `y`).
    pub fn at(&self, x: usize, y: usize) -> u8 {
        self.grey[y * self.width + x]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_each_digit_in_its_cell_with_dark_gaps() {
        // Two digits, all white then all black; one column: the second is below the first.
        let mut digits = vec![255u8; DIGIT_PIXELS];
        digits.extend(vec![0u8; DIGIT_PIXELS]);
        let sheet = Sheet::tile(&digits, 1, 1);
        assert_eq!(
            (sheet.width, sheet.height),
            (28 + 2 * GAP, 2 * (28 + GAP) + GAP)
        );
        assert_eq!(sheet.at(GAP, GAP), 255, "first digit's top-left pixel");
        assert_eq!(sheet.at(GAP + 27, GAP + 27), 255, "its bottom-right pixel");
        assert_eq!(sheet.at(0, 0), 0, "the gap is dark");
        assert_eq!(sheet.at(GAP, 2 * GAP + 28), 0, "the second digit is black");
    }

    #[test]
    fn a_digit_keeps_its_orientation_and_scales_crisply() {
        // A digit with only its top-right pixel lit.
        let mut digit = vec![0u8; DIGIT_PIXELS];
        digit[27] = 200;
        let sheet = Sheet::tile(&digit, 8, 3);
        assert_eq!((sheet.width, sheet.height), ((8 * 30 + 2) * 3, 32 * 3));
        let (x, y) = ((GAP + 27) * 3, GAP * 3);
        for (dx, dy) in [(0, 0), (2, 0), (0, 2), (2, 2)] {
            assert_eq!(sheet.at(x + dx, y + dy), 200);
        }
        assert_eq!(sheet.at(x - 1, y), 0);
        assert_eq!(sheet.at(x, y + 3), 0);
    }

    #[test]
    fn no_digits_make_an_empty_row() {
        let sheet = Sheet::tile(&[1, 2, 3], 8, 2);
        assert_eq!(sheet.height, GAP * 2);
        assert!(sheet.grey.iter().all(|&g| g == 0));
    }
}
