//! Binary cross-entropy on logits, with a soft target, as the recipe's "real = 1, fake = 0".

use burn::prelude::*;

/// Mean binary cross-entropy between `sigmoid(logits)` and a constant `target` in [0, 1].
///
/// Written on logits as `max(x, 0) − x·t + ln(1 + e^−|x|)`, which equals
/// `−t·ln σ(x) − (1−t)·ln(1−σ(x))` but never takes the log of 0, however sure D is.
/// A constant target (rather than a tensor of labels) allows label smoothing.
pub fn bce_with_logits(logits: Tensor<2>, target: f64) -> Tensor<1> {
    let positive = logits.clone().clamp_min(0.0); // [batch, 1]
    let softplus_neg_abs = logits.clone().abs().neg().exp().log1p(); // [batch, 1]
    (positive - logits * target + softplus_neg_abs).mean() // [1]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn naive(logit: f64, target: f64) -> f64 {
        let p = 1.0 / (1.0 + (-logit).exp());
        -(target * p.ln() + (1.0 - target) * (1.0 - p).ln())
    }

    #[test]
    fn matches_the_textbook_formula() {
        let device = Device::flex();
        let logits = [-3.0f32, -0.5, 0.0, 0.7, 4.0];
        for target in [0.0, 0.9, 1.0] {
            let t = Tensor::<1>::from_floats(logits, &device).reshape([5, 1]);
            let got = f64::from(bce_with_logits(t, target).into_scalar::<f32>());
            let want = logits.iter().map(|&x| naive(x.into(), target)).sum::<f64>() / 5.0;
            assert!(
                (got - want).abs() < 1e-5,
                "target {target}: {got} vs {want}"
            );
        }
    }

    #[test]
    fn stays_finite_for_extreme_logits() {
        let device = Device::flex();
        let t = Tensor::<1>::from_floats([-200.0f32, 200.0], &device).reshape([2, 1]);
        let loss = bce_with_logits(t, 1.0).into_scalar::<f32>();
        // The −200 logit for a real image costs 200 nats; the mean is 100, and finite.
        assert!((loss - 100.0).abs() < 1e-3, "{loss}");
    }
}
