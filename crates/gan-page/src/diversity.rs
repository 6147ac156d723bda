//! How varied a set of digits is: the classic sign of mode collapse is a generator whose 64
//! grid digits look alike, while real digits differ a lot from each other.

use gan_protocol::grid::DIGIT_PIXELS;

/// Mean distance between all pairs of digits (grey bytes, 784 per digit), scaled so that a
/// black digit and a white digit are 1 apart. `None` for fewer than two digits.
pub fn spread(pixels: &[u8]) -> Option<f64> {
    let digits: Vec<&[u8]> = pixels.chunks_exact(DIGIT_PIXELS).collect();
    if digits.len() < 2 {
        return None;
    }
    let full = 255.0 * (DIGIT_PIXELS as f64).sqrt();
    let mut sum = 0.0;
    let mut pairs = 0usize;
    for (i, a) in digits.iter().enumerate() {
        for b in &digits[i + 1..] {
            let squared: f64 = a
                .iter()
                .zip(b.iter())
                .map(|(&x, &y)| {
                    let d = f64::from(x) - f64::from(y);
                    d * d
                })
                .sum();
            sum += squared.sqrt() / full;
            pairs += 1;
        }
    }
    Some(sum / pairs as f64)
}

/// The fakes' spread as a share of the real digits' spread: about 1 for a healthy generator,
/// near 0 when it draws one shape for every noise vector.
pub fn diversity_ratio(fakes: &[u8], reals: &[u8]) -> Option<f64> {
    let real = spread(reals)?;
    if real <= 0.0 {
        return None;
    }
    Some(spread(fakes)? / real)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn digit(fill: impl Fn(usize) -> u8) -> Vec<u8> {
        (0..DIGIT_PIXELS).map(fill).collect()
    }

    #[test]
    fn identical_digits_have_no_spread() {
        let one = digit(|p| (p % 7 * 30) as u8);
        let many: Vec<u8> = one.iter().copied().cycle().take(DIGIT_PIXELS * 5).collect();
        assert_eq!(spread(&many), Some(0.0));
    }

    #[test]
    fn black_and_white_are_one_apart() {
        let mut pixels = digit(|_| 0);
        pixels.extend(digit(|_| 255));
        assert!((spread(&pixels).unwrap() - 1.0).abs() < 1e-9);
        assert_eq!(spread(&pixels[..DIGIT_PIXELS]), None);
    }

    #[test]
    fn a_collapsed_generator_scores_far_below_varied_digits() {
        // "Real": four different strokes. "Fake": the same stroke four times, with a little noise.
        let reals: Vec<u8> = (0..4)
            .flat_map(|k| digit(move |p| if p % 4 == k { 255 } else { 0 }))
            .collect();
        let fakes: Vec<u8> = (0..4)
            .flat_map(|k| digit(move |p| if p % 4 == 0 { 250 - k as u8 } else { k as u8 }))
            .collect();
        let ratio = diversity_ratio(&fakes, &reals).unwrap();
        assert!(ratio < 0.1, "{ratio}");
        assert!((diversity_ratio(&reals, &reals).unwrap() - 1.0).abs() < 1e-9);
    }
}
