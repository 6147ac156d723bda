//! The fixed noise behind the live digit grid, and pixels in the form the page draws.

use gan_core::{CLASSES, GanConfig};
use gan_data::{Rng, denormalise};

/// Digits in the live grid: 8 × 8.
pub const GRID_DIGITS: usize = 64;
/// Digits per row (and column) of the live grid.
pub const GRID_SIDE: usize = 8;
/// Real digits sent to the page for the comparison strip (3 columns of 8).
pub const STRIP_DIGITS: usize = 24;
/// Pixels in one 28 × 28 digit.
pub const DIGIT_PIXELS: usize = 784;

/// Keeps the grid's noise apart from the trainer's stream for the same seed ("grid" in ASCII).
const GRID_NOISE_STREAM: u64 = 0x6772_6964;

/// The grid's noise: [`GRID_DIGITS`] vectors of `latent_dim` standard normal values.
///
/// The same seed always gives the same vectors, so a class watches the same 64 "seeds" turn
/// from noise into digits, and the CLI's PNG grids show the same ones.
pub fn grid_noise(seed: u64, latent_dim: usize) -> Vec<f32> {
    Rng::new(seed ^ GRID_NOISE_STREAM).normal_vec(GRID_DIGITS * latent_dim) // [64 × latent]
}

/// How the live grid is laid out: 8 × 8, or for a conditional GAN one column per digit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GridShape {
    /// Digits per row.
    pub columns: usize,
    /// Rows.
    pub rows: usize,
}

impl GridShape {
    /// The classic grid: 64 noise vectors.
    pub const PLAIN: GridShape = GridShape {
        columns: GRID_SIDE,
        rows: GRID_SIDE,
    };
    /// A conditional GAN's grid: ten columns, one per digit 0–9, and six rows, each row one
    /// noise vector drawn as every digit (its "handwriting").
    pub const CONDITIONAL: GridShape = GridShape {
        columns: CLASSES,
        rows: 6,
    };

    /// The grid for `config`.
    pub fn of(config: &GanConfig) -> GridShape {
        if config.conditional {
            Self::CONDITIONAL
        } else {
            Self::PLAIN
        }
    }

    /// Digits in the grid.
    pub fn digits(self) -> usize {
        self.columns * self.rows
    }
}

/// The grid's noise for `config`: [`grid_noise`] for the classic grid; for a conditional GAN
/// one vector per row, repeated in each of its ten columns (the trainer draws class `i mod 10`
/// for the `i`-th vector).
pub fn grid_noise_for(config: &GanConfig) -> Vec<f32> {
    let noise = grid_noise(config.seed, config.latent_dim);
    if !config.conditional {
        return noise; // [64 × latent]
    }
    let latent = config.latent_dim;
    let shape = GridShape::CONDITIONAL;
    (0..shape.digits())
        .flat_map(|i| {
            noise[(i / shape.columns) * latent..(i / shape.columns + 1) * latent].to_vec()
        })
        .collect() // [60 × latent]
}

/// Generator output in [-1, 1] as grey levels 0..=255 (NaN becomes black).
pub fn to_grey(values: &[f32]) -> Vec<u8> {
    values.iter().map(|&v| denormalise(v)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grid_noise_is_fixed_per_seed_and_differs_between_seeds() {
        let a = grid_noise(7, 10);
        assert_eq!(a.len(), GRID_DIGITS * 10);
        assert_eq!(a, grid_noise(7, 10));
        assert_ne!(a, grid_noise(8, 10));
    }

    #[test]
    fn grey_levels_span_black_to_white() {
        assert_eq!(to_grey(&[-1.0, 1.0]), vec![0, 255]);
        let mid = to_grey(&[0.0])[0];
        assert!((127..=128).contains(&mid), "{mid}");
    }

    #[test]
    fn a_conditional_grid_repeats_each_rows_noise_in_its_ten_columns() {
        let config = GanConfig {
            conditional: true,
            latent_dim: 3,
            ..GanConfig::default()
        };
        let noise = grid_noise_for(&config);
        assert_eq!(noise.len(), 60 * 3);
        let vector = |i: usize| &noise[i * 3..i * 3 + 3];
        assert_eq!(vector(0), vector(9));
        assert_eq!(vector(10), vector(19));
        assert_ne!(vector(9), vector(10));
        assert_eq!(GridShape::of(&config).digits(), 60);
        assert_eq!(grid_noise_for(&GanConfig::default()).len(), 64 * 100);
    }
}
