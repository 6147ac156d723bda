//! A tiny seeded random number generator that gives the same numbers everywhere.
//!
//! [`Rng`] is SplitMix64 (Steele, Lea and Flood, 2014): 64 bits of state, one addition
//! and a few multiply-xorshift steps per draw, good statistical quality for shuffling and
//! noise, and not cryptographic. Every operation is integer arithmetic or basic IEEE-754
//! arithmetic (`+ - * /` and `sqrt`, which are exactly rounded), with a hand-written
//! logarithm instead of the platform's `ln`, so a seed gives bit-identical `u64`, `f32`
//! and normal draws on native targets and on `wasm32` in the browser.

/// Seeded SplitMix64 generator with uniform and normal draws.
///
/// ```
/// use gan_data::Rng;
/// let mut a = Rng::new(7);
/// let mut b = Rng::new(7);
/// assert_eq!(a.next_u64(), b.next_u64());
/// let z: Vec<f32> = a.normal_vec(4); // e.g. a fixed noise vector
/// assert_eq!(z, b.normal_vec(4));
/// ```
#[derive(Debug, Clone)]
pub struct Rng {
    state: u64,
    /// The second value of the last polar Box–Muller pair, not yet handed out.
    spare_normal: Option<f32>,
}

impl Rng {
    /// A generator whose sequence is fixed by `seed` (any value, 0 included).
    #[must_use]
    pub const fn new(seed: u64) -> Self {
        Self {
            state: seed,
            spare_normal: None,
        }
    }

    /// The next 64 uniformly distributed bits.
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// The next 32 uniformly distributed bits (the high half of [`Rng::next_u64`]).
    pub fn next_u32(&mut self) -> u32 {
        (self.next_u64() >> 32) as u32
    }

    /// A uniform integer in `0..n`, without modulo bias (Lemire's multiply-and-reject).
    ///
    /// # Panics
    ///
    /// If `n` is 0.
    pub fn below(&mut self, n: u64) -> u64 {
        assert!(n > 0, "Rng::below(0): the range 0..0 is empty");
        let threshold = n.wrapping_neg() % n;
        loop {
            let m = u128::from(self.next_u64()) * u128::from(n);
            if (m as u64) >= threshold {
                return (m >> 64) as u64;
            }
        }
    }

    /// A uniform `f64` in `[0, 1)` with 53 random bits.
    pub fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// A uniform `f32` in `[0, 1)` with 24 random bits.
    pub fn next_f32(&mut self) -> f32 {
        (self.next_u64() >> 40) as f32 * (1.0 / (1u32 << 24) as f32)
    }

    /// A standard normal draw (mean 0, standard deviation 1).
    ///
    /// Uses Marsaglia's polar form of the Box–Muller transform: draw a point uniformly in
    /// the unit disc (rejecting the ~21% outside), then both coordinates scaled by
    /// `sqrt(-2 ln s / s)` are independent normals; the second is kept for the next call.
    pub fn next_normal(&mut self) -> f32 {
        if let Some(z) = self.spare_normal.take() {
            return z;
        }
        loop {
            let u = 2.0 * self.next_f64() - 1.0;
            let v = 2.0 * self.next_f64() - 1.0;
            let s = u * u + v * v;
            if s > 0.0 && s < 1.0 {
                let factor = (-2.0 * ln(s) / s).sqrt();
                self.spare_normal = Some((v * factor) as f32);
                return (u * factor) as f32;
            }
        }
    }

    /// `n` standard normal draws, e.g. a latent noise vector.
    pub fn normal_vec(&mut self, n: usize) -> Vec<f32> {
        (0..n).map(|_| self.next_normal()).collect()
    }

    /// Shuffles `items` in place (Fisher–Yates), every order equally likely.
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i as u64 + 1) as usize;
            items.swap(i, j);
        }
    }
}

/// Natural logarithm of a positive, normal `x`, from basic arithmetic only.
///
/// The platform `ln` may differ between native libm and the `wasm32` one in the last bit;
/// this one is the same everywhere. Write `x = 2^e · m` with `m` in `[√½, √2)`; then
/// `ln x = e ln 2 + 2 atanh(t)` with `t = (m − 1)/(m + 1)`, `|t| < 0.172`, and the atanh
/// series to `t^23` is accurate to about 1e-17.
fn ln(x: f64) -> f64 {
    debug_assert!(x.is_normal() && x > 0.0, "ln({x})");
    let bits = x.to_bits();
    let mut exponent = ((bits >> 52) & 0x7ff) as i32 - 1023;
    let mut m = f64::from_bits((bits & 0x000f_ffff_ffff_ffff) | (1023 << 52));
    if m > std::f64::consts::SQRT_2 {
        m *= 0.5;
        exponent += 1;
    }
    let t = (m - 1.0) / (m + 1.0);
    let t2 = t * t;
    // 1 + t²/3 + t⁴/5 + … + t²²/23, by Horner.
    let mut series = 1.0 / 23.0;
    for k in (0..11).rev() {
        series = series * t2 + 1.0 / f64::from(2 * k + 1);
    }
    f64::from(exponent) * std::f64::consts::LN_2 + 2.0 * t * series
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_sequence_different_seed_different() {
        let a: Vec<u64> = {
            let mut r = Rng::new(42);
            (0..100).map(|_| r.next_u64()).collect()
        };
        let b: Vec<u64> = {
            let mut r = Rng::new(42);
            (0..100).map(|_| r.next_u64()).collect()
        };
        let c: Vec<u64> = {
            let mut r = Rng::new(43);
            (0..100).map(|_| r.next_u64()).collect()
        };
        assert_eq!(a, b);
        assert!(a.iter().zip(&c).all(|(x, y)| x != y));
    }

    #[test]
    fn splitmix64_reference_values() {
        // Reference output of Vigna's splitmix64.c seeded with 1234567.
        let mut r = Rng::new(1_234_567);
        assert_eq!(r.next_u64(), 6_457_827_717_110_365_317);
        assert_eq!(r.next_u64(), 3_203_168_211_198_807_973);
        assert_eq!(r.next_u64(), 9_817_491_932_198_370_423);
    }

    #[test]
    fn uniform_floats_in_range_with_right_mean() {
        let mut r = Rng::new(1);
        let n = 100_000;
        let mut sum = 0.0f64;
        for _ in 0..n {
            let x = r.next_f32();
            assert!((0.0..1.0).contains(&x), "{x}");
            sum += f64::from(x);
            let y = r.next_f64();
            assert!((0.0..1.0).contains(&y), "{y}");
        }
        let mean = sum / f64::from(n);
        assert!((mean - 0.5).abs() < 0.005, "mean {mean}");
    }

    #[test]
    fn below_is_in_range_and_roughly_uniform() {
        let mut r = Rng::new(9);
        let mut counts = [0u32; 7];
        for _ in 0..70_000 {
            counts[r.below(7) as usize] += 1;
        }
        for c in counts {
            assert!((9_500..10_500).contains(&c), "{counts:?}");
        }
        assert_eq!(Rng::new(3).below(1), 0);
    }

    #[test]
    fn normal_has_mean_0_std_1() {
        let mut r = Rng::new(2024);
        let n = 100_000;
        let draws = r.normal_vec(n);
        let mean = draws.iter().map(|&z| f64::from(z)).sum::<f64>() / n as f64;
        let var = draws
            .iter()
            .map(|&z| (f64::from(z) - mean).powi(2))
            .sum::<f64>()
            / (n - 1) as f64;
        let std = var.sqrt();
        // Standard errors: mean 0.0032, std 0.0022.
        assert!(mean.abs() < 0.015, "mean {mean}");
        assert!((std - 1.0).abs() < 0.01, "std {std}");
        // Shape, not only moments: P(|Z| < 1) = 0.6827, P(|Z| < 2) = 0.9545.
        let within = |k: f32| draws.iter().filter(|z| z.abs() < k).count() as f64 / n as f64;
        assert!((within(1.0) - 0.6827).abs() < 0.006, "{}", within(1.0));
        assert!((within(2.0) - 0.9545).abs() < 0.004, "{}", within(2.0));
        assert!(draws.iter().all(|z| z.is_finite()));
    }

    #[test]
    fn portable_ln_matches_std() {
        let mut r = Rng::new(5);
        let mut values = vec![1.0, 0.5, 2.0, std::f64::consts::E, 1e-300, 1e300, 0.999_999];
        values.extend((0..10_000).map(|_| r.next_f64() + 1e-12));
        values.extend((0..1_000).map(|_| (r.next_f64() * 1e6) + 1e-12));
        for x in values {
            let (ours, std) = (ln(x), x.ln());
            let tolerance = 4.0 * f64::EPSILON * std.abs().max(1.0);
            assert!((ours - std).abs() <= tolerance, "ln({x}): {ours} vs {std}");
        }
        assert_eq!(ln(1.0), 0.0);
    }

    #[test]
    fn shuffle_is_a_permutation() {
        let mut items: Vec<u32> = (0..1000).collect();
        Rng::new(11).shuffle(&mut items);
        assert_ne!(items, (0..1000).collect::<Vec<_>>());
        items.sort_unstable();
        assert_eq!(items, (0..1000).collect::<Vec<_>>());
    }
}
