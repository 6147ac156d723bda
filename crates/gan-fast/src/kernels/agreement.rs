//! How a kernel's result is held against the reference: every value within burn's
//! [`Tolerance`](burn::tensor::Tolerance) rule (`|x − y| < max(absolute, relative · max(|x|, |y|))`),
//! which the kernels' tests used before, with how close it came. Compiled without the `wgpu`
//! feature too, so its own tests run everywhere.

use burn::prelude::*;

/// One comparison of a kernel's result with the reference.
#[derive(Debug, Clone, PartialEq)]
pub struct KernelCheck {
    /// What was compared, in a few words.
    pub what: String,
    /// The largest difference from the reference as a share of the tolerance: below 1 passes;
    /// infinite where a value was not finite or the shapes differed.
    pub worst: f32,
}

impl KernelCheck {
    /// Whether every value was within the tolerance.
    pub fn passed(&self) -> bool {
        self.worst < 1.0
    }
}

/// `got` against `want`: the largest difference as a share of what burn's
/// `Tolerance::absolute(absolute).set_relative(relative)` allows for that pair of values.
pub fn compare(
    what: String,
    got: &TensorData,
    want: &TensorData,
    absolute: f32,
    relative: f32,
) -> KernelCheck {
    let worst = match (got.as_slice::<f32>(), want.as_slice::<f32>()) {
        (Ok(got_values), Ok(want_values))
            if got.shape() == want.shape() && got_values.len() == want_values.len() =>
        {
            got_values
                .iter()
                .zip(want_values)
                .map(|(g, w)| {
                    let allowed = absolute.max(relative * g.abs().max(w.abs()));
                    let share = (g - w).abs() / allowed;
                    if share.is_nan() { f32::INFINITY } else { share }
                })
                .fold(0.0, f32::max)
        }
        _ => f32::INFINITY,
    };
    KernelCheck { what, worst }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(values: Vec<f32>, shape: [usize; 2]) -> TensorData {
        TensorData::new(values, shape)
    }

    /// A check can fail: a value off by more than the tolerance, a NaN or another shape.
    #[test]
    fn fails_outside_the_tolerance() {
        let want = row(vec![1.0, 2.0], [1, 2]);
        let check = |got: TensorData| compare("t".into(), &got, &want, 1e-4, 1e-4);
        assert!(check(row(vec![1.0, 2.0001], [1, 2])).passed());
        assert_eq!(check(row(vec![1.0, 2.0], [1, 2])).worst, 0.0);
        assert!(!check(row(vec![1.0, 2.01], [1, 2])).passed());
        // Burn's rule takes the larger of the two bounds, not their sum: 2.5e-4 off a 2 is out.
        assert!(!check(row(vec![1.0, 2.00025], [1, 2])).passed());
        assert!(!check(row(vec![f32::NAN, 2.0], [1, 2])).passed());
        assert!(!check(row(vec![f32::INFINITY, 2.0], [1, 2])).passed());
        assert!(!check(row(vec![1.0, 2.0], [2, 1])).passed());
    }
}
