//! The fixed noise behind the live digit grid, and pixels in the form the page draws.

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
}
