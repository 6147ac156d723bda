//! The Fréchet distance between two Gaussians, fitted to feature vectors: the figure behind FID
//! (Heusel et al., 2017), here on the judge's penultimate layer instead of Inception's.
//!
//! d² = |μ₁ − μ₂|² + tr(Σ₁) + tr(Σ₂) − 2·tr((Σ₁ Σ₂)^½)
//!
//! Plain `f64` arithmetic and a Jacobi eigensolver, no linear algebra crate: the matrices are
//! 64×64, and the same code runs natively and in the browser.

/// Running sums of feature vectors, so a set can be fed in chunks (as the app does, between
/// training steps).
#[derive(Debug, Clone, PartialEq)]
pub struct FeatureSums {
    dim: usize,
    count: usize,
    sum: Vec<f64>,   // [dim]
    outer: Vec<f64>, // [dim × dim], Σ x xᵀ
}

impl FeatureSums {
    /// Empty sums for vectors of length `dim`.
    pub fn new(dim: usize) -> Self {
        Self {
            dim,
            count: 0,
            sum: vec![0.0; dim],
            outer: vec![0.0; dim * dim],
        }
    }

    /// Vectors added so far.
    pub fn count(&self) -> usize {
        self.count
    }

    /// Adds the vectors of `features` (`[n × dim]`, row after row); a trailing partial row is
    /// ignored.
    pub fn add(&mut self, features: &[f32]) {
        let d = self.dim;
        if d == 0 {
            return;
        }
        for row in features.chunks_exact(d) {
            for (i, &xi) in row.iter().enumerate() {
                let xi = f64::from(xi);
                self.sum[i] += xi;
                let line = &mut self.outer[i * d..(i + 1) * d];
                // Only the upper triangle; `finish` mirrors it.
                for (o, &xj) in line[i..].iter_mut().zip(&row[i..]) {
                    *o += xi * f64::from(xj);
                }
            }
            self.count += 1;
        }
    }

    /// The mean and the (unbiased) covariance; `None` for fewer than two vectors.
    pub fn finish(&self) -> Option<Gaussian> {
        let (d, n) = (self.dim, self.count);
        if n < 2 {
            return None;
        }
        let mean: Vec<f64> = self.sum.iter().map(|s| s / n as f64).collect();
        let mut cov = vec![0.0; d * d];
        for i in 0..d {
            for j in i..d {
                let c = (self.outer[i * d + j] - n as f64 * mean[i] * mean[j]) / (n - 1) as f64;
                cov[i * d + j] = c;
                cov[j * d + i] = c;
            }
        }
        Some(Gaussian { mean, cov })
    }
}

/// A Gaussian fitted to feature vectors.
#[derive(Debug, Clone, PartialEq)]
pub struct Gaussian {
    /// The mean, `[dim]`.
    pub mean: Vec<f64>,
    /// The covariance, `[dim × dim]`, row-major and symmetric.
    pub cov: Vec<f64>,
}

impl Gaussian {
    /// Fits a Gaussian to `features` (`[n × dim]`); `None` for fewer than two vectors.
    pub fn fit(features: &[f32], dim: usize) -> Option<Self> {
        let mut sums = FeatureSums::new(dim);
        sums.add(features);
        sums.finish()
    }

    /// Length of the feature vectors.
    pub fn dim(&self) -> usize {
        self.mean.len()
    }
}

/// Why two Gaussians cannot be compared.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum FrechetError {
    /// The two have different feature lengths, or a malformed covariance.
    #[error("feature lengths differ: {0} and {1}")]
    Dimensions(usize, usize),
    /// A mean or covariance holds NaN or infinity.
    #[error("the statistics are not finite numbers")]
    NotFinite,
}

/// The squared Fréchet distance between `a` and `b` (what FID reports).
pub fn frechet_distance(a: &Gaussian, b: &Gaussian) -> Result<f64, FrechetError> {
    let d = a.dim();
    if b.dim() != d || a.cov.len() != d * d || b.cov.len() != d * d {
        return Err(FrechetError::Dimensions(d, b.dim()));
    }
    let finite = |v: &[f64]| v.iter().all(|x| x.is_finite());
    if !(finite(&a.mean) && finite(&b.mean) && finite(&a.cov) && finite(&b.cov)) {
        return Err(FrechetError::NotFinite);
    }
    let mean_term: f64 = a
        .mean
        .iter()
        .zip(&b.mean)
        .map(|(x, y)| (x - y).powi(2))
        .sum();
    let trace = |m: &[f64]| (0..d).map(|i| m[i * d + i]).sum::<f64>();
    // tr((Σa Σb)^½) = tr((Sa Σb Sa)^½) with Sa = Σa^½; the inner product is symmetric, so a
    // symmetric eigensolver suffices, and its eigenvalues are ≥ 0 up to rounding.
    let sqrt_a = psd_sqrt(&a.cov, d);
    let inner = matmul(&matmul(&sqrt_a, &b.cov, d), &sqrt_a, d);
    let cross: f64 = symmetric_eigenvalues(&inner, d)
        .into_iter()
        .map(|l| l.max(0.0).sqrt())
        .sum();
    // Rounding can push a distance of zero a hair below it.
    Ok((mean_term + trace(&a.cov) + trace(&b.cov) - 2.0 * cross).max(0.0))
}

fn matmul(a: &[f64], b: &[f64], d: usize) -> Vec<f64> {
    let mut out = vec![0.0; d * d];
    for i in 0..d {
        for k in 0..d {
            let aik = a[i * d + k];
            if aik == 0.0 {
                continue;
            }
            for j in 0..d {
                out[i * d + j] += aik * b[k * d + j];
            }
        }
    }
    out
}

/// The square root of a symmetric positive semi-definite matrix (negative eigenvalues from
/// rounding count as 0).
fn psd_sqrt(m: &[f64], d: usize) -> Vec<f64> {
    let (values, vectors) = symmetric_eigen(m, d);
    let mut out = vec![0.0; d * d];
    for (k, &l) in values.iter().enumerate() {
        let s = l.max(0.0).sqrt();
        if s == 0.0 {
            continue;
        }
        for i in 0..d {
            let vik = vectors[i * d + k] * s;
            for j in 0..d {
                out[i * d + j] += vik * vectors[j * d + k];
            }
        }
    }
    out
}

fn symmetric_eigenvalues(m: &[f64], d: usize) -> Vec<f64> {
    symmetric_eigen(m, d).0
}

/// Eigenvalues and eigenvectors (columns of the returned row-major matrix) of a symmetric
/// matrix, by cyclic Jacobi rotations: slow for big matrices, exact enough and short for 64×64.
fn symmetric_eigen(m: &[f64], d: usize) -> (Vec<f64>, Vec<f64>) {
    let mut a = m.to_vec();
    let mut v = vec![0.0; d * d];
    for i in 0..d {
        v[i * d + i] = 1.0;
    }
    let scale: f64 = a
        .iter()
        .map(|x| x * x)
        .sum::<f64>()
        .sqrt()
        .max(f64::MIN_POSITIVE);
    for _sweep in 0..100 {
        let off: f64 = (0..d)
            .flat_map(|i| (0..d).filter(move |&j| j != i).map(move |j| (i, j)))
            .map(|(i, j)| a[i * d + j].powi(2))
            .sum::<f64>()
            .sqrt();
        if off <= 1e-14 * scale {
            break;
        }
        for p in 0..d {
            for q in p + 1..d {
                let apq = a[p * d + q];
                if apq.abs() <= f64::MIN_POSITIVE {
                    continue;
                }
                let theta = (a[q * d + q] - a[p * d + p]) / (2.0 * apq);
                let t = theta.signum() / (theta.abs() + (theta * theta + 1.0).sqrt());
                let t = if theta == 0.0 { 1.0 } else { t };
                let c = 1.0 / (t * t + 1.0).sqrt();
                let s = t * c;
                for k in 0..d {
                    let (akp, akq) = (a[k * d + p], a[k * d + q]);
                    a[k * d + p] = c * akp - s * akq;
                    a[k * d + q] = s * akp + c * akq;
                }
                for k in 0..d {
                    let (apk, aqk) = (a[p * d + k], a[q * d + k]);
                    a[p * d + k] = c * apk - s * aqk;
                    a[q * d + k] = s * apk + c * aqk;
                }
                for k in 0..d {
                    let (vkp, vkq) = (v[k * d + p], v[k * d + q]);
                    v[k * d + p] = c * vkp - s * vkq;
                    v[k * d + q] = s * vkp + c * vkq;
                }
            }
        }
    }
    ((0..d).map(|i| a[i * d + i]).collect(), v)
}

#[cfg(test)]
mod tests {
    use super::*;
    use gan_data::Rng;

    fn diagonal(mean: &[f64], var: &[f64]) -> Gaussian {
        let d = mean.len();
        let mut cov = vec![0.0; d * d];
        for (i, v) in var.iter().enumerate() {
            cov[i * d + i] = *v;
        }
        Gaussian {
            mean: mean.to_vec(),
            cov,
        }
    }

    #[test]
    fn diagonal_gaussians_have_their_closed_form_distance() {
        // For diagonal covariances d² = Σ (μa−μb)² + Σ (√σa² − √σb²)².
        let a = diagonal(&[0.0, 1.0, 2.0], &[1.0, 4.0, 9.0]);
        let b = diagonal(&[1.0, 1.0, 0.0], &[4.0, 4.0, 1.0]);
        let want = (1.0 + 0.0 + 4.0) + (1.0 + 0.0 + 4.0);
        let got = frechet_distance(&a, &b).unwrap();
        assert!((got - want).abs() < 1e-9, "{got} vs {want}");
        // Symmetric.
        assert!((frechet_distance(&b, &a).unwrap() - want).abs() < 1e-9);
    }

    #[test]
    fn a_rotated_covariance_gives_the_known_distance() {
        // Σa = diag(4, 1); Σb = the same ellipse turned by 90° = diag(1, 4). d² = 2·(2−1)² = 2,
        // and the full (non-diagonal) path must find it when both are written in a turned basis.
        let turn = |m: [f64; 4]| {
            let (c, s) = (0.6f64, 0.8f64); // a rotation by ≈ 53°
            let r = [c, -s, s, c];
            let rt = [c, s, -s, c];
            matmul(&matmul(&r, &m, 2), &rt, 2)
        };
        let a = Gaussian {
            mean: vec![0.0, 0.0],
            cov: turn([4.0, 0.0, 0.0, 1.0]),
        };
        let b = Gaussian {
            mean: vec![0.0, 0.0],
            cov: turn([1.0, 0.0, 0.0, 4.0]),
        };
        let got = frechet_distance(&a, &b).unwrap();
        assert!((got - 2.0).abs() < 1e-9, "{got}");
    }

    #[test]
    fn samples_of_one_distribution_are_close_and_a_shift_shows() {
        let dim = 8;
        let mut rng = Rng::new(7);
        let draw = |rng: &mut Rng, shift: f32, n: usize| -> Vec<f32> {
            (0..n * dim).map(|_| rng.next_normal() + shift).collect()
        };
        let a = Gaussian::fit(&draw(&mut rng, 0.0, 4000), dim).unwrap();
        let b = Gaussian::fit(&draw(&mut rng, 0.0, 4000), dim).unwrap();
        let c = Gaussian::fit(&draw(&mut rng, 1.0, 4000), dim).unwrap();
        let same = frechet_distance(&a, &b).unwrap();
        let shifted = frechet_distance(&a, &c).unwrap();
        // Two samples of N(0, I): only sampling noise. Shifted by 1 in 8 dimensions: d² ≈ 8.
        assert!(same < 0.05, "{same}");
        assert!((shifted - 8.0).abs() < 0.5, "{shifted}");
    }

    #[test]
    fn identical_sets_are_zero_apart_and_chunks_add_up() {
        let dim = 5;
        let mut rng = Rng::new(3);
        let features: Vec<f32> = (0..300 * dim).map(|_| rng.next_normal() * 2.0).collect();
        let whole = Gaussian::fit(&features, dim).unwrap();
        let mut sums = FeatureSums::new(dim);
        for chunk in features.chunks(100 * dim) {
            sums.add(chunk);
        }
        assert_eq!(sums.count(), 300);
        let chunked = sums.finish().unwrap();
        assert!(frechet_distance(&whole, &chunked).unwrap() < 1e-9);
        assert!(frechet_distance(&whole, &whole).unwrap() < 1e-9);
    }

    #[test]
    fn mismatched_or_broken_statistics_are_refused() {
        let a = diagonal(&[0.0, 0.0], &[1.0, 1.0]);
        let b = diagonal(&[0.0, 0.0, 0.0], &[1.0, 1.0, 1.0]);
        assert_eq!(
            frechet_distance(&a, &b),
            Err(FrechetError::Dimensions(2, 3))
        );
        let nan = diagonal(&[f64::NAN, 0.0], &[1.0, 1.0]);
        assert_eq!(frechet_distance(&a, &nan), Err(FrechetError::NotFinite));
        assert_eq!(Gaussian::fit(&[1.0, 2.0], 2), None);
    }
}
