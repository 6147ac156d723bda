//! What one training step costs, and the speed limit of the backend's matrix products.
//!
//! A step of the MLP GAN is almost all matrix products (GEMMs). [`step_gemms`] lists exactly
//! the products the six phases run; [`GemmBench`] runs that list alone on a device, so that
//! "bare GEMMs of the same shapes" gives the ceiling a training step can reach on that backend.
//! The ratio of a step's time to that ceiling says how much time goes elsewhere (elementwise
//! ops, the optimizer, autodiff bookkeeping, the app around the loop).

use burn::prelude::*;
use burn::tensor::Distribution;

/// One matrix product `[m, k] × [k, n]`, with either operand stored transposed, as autodiff
/// runs it for a layer's backward pass.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Gemm {
    /// Rows of the result.
    pub m: usize,
    /// The shared dimension.
    pub k: usize,
    /// Columns of the result.
    pub n: usize,
    /// The left operand is stored `[k, m]` and used transposed (a weight gradient `xᵀ·dy`).
    pub lhs_transposed: bool,
    /// The right operand is stored `[n, k]` and used transposed (an input gradient `dy·Wᵀ`).
    pub rhs_transposed: bool,
}

impl Gemm {
    /// Multiply-adds count twice: `2·m·k·n`.
    pub fn flops(&self) -> f64 {
        2.0 * self.m as f64 * self.k as f64 * self.n as f64
    }
}

/// A layer's `(inputs, outputs)`.
type Layer = (usize, usize);

/// The layers of a chain of fully connected layers with these widths, input first.
fn chain(widths: &[usize]) -> Vec<Layer> {
    widths.windows(2).map(|w| (w[0], w[1])).collect()
}

fn forward(layers: &[Layer], batch: usize, out: &mut Vec<Gemm>) {
    for &(i, o) in layers {
        out.push(Gemm {
            m: batch,
            k: i,
            n: o,
            lhs_transposed: false,
            rhs_transposed: false,
        });
    }
}

/// Backward through `layers`: weight gradients when `weights`, input gradients for every
/// layer but the first unless `into_input` (the gradient must flow on into G).
fn backward(layers: &[Layer], batch: usize, weights: bool, into_input: bool, out: &mut Vec<Gemm>) {
    for (index, &(i, o)) in layers.iter().enumerate() {
        if weights {
            // dW = xᵀ · dy: [i, batch] × [batch, o]
            out.push(Gemm {
                m: i,
                k: batch,
                n: o,
                lhs_transposed: true,
                rhs_transposed: false,
            });
        }
        if index > 0 || into_input {
            // dx = dy · Wᵀ: [batch, o] × [o, i]
            out.push(Gemm {
                m: batch,
                k: o,
                n: i,
                lhs_transposed: false,
                rhs_transposed: true,
            });
        }
    }
}

/// The matrix products of one training step of an MLP GAN, phase by phase: G and D as chains
/// of fully connected layers with these widths (input first, output last), `batch` noise
/// vectors and as many real images a step.
pub fn mlp_step_gemms(batch: usize, generator: &[usize], discriminator: &[usize]) -> Vec<Gemm> {
    let (g, d) = (chain(generator), chain(discriminator));
    let mut out = Vec::new();
    // Phase 1: G's forward pass on fresh noise.
    forward(&g, batch, &mut out);
    // Phase 2: D on real and fake together, forward and backward; the images need no gradient.
    forward(&d, 2 * batch, &mut out);
    backward(&d, 2 * batch, true, false, &mut out);
    // Phase 5: the stack forward; backward through frozen D (input gradients only) into G.
    forward(&g, batch, &mut out);
    forward(&d, batch, &mut out);
    backward(&d, batch, false, true, &mut out);
    backward(&g, batch, true, false, &mut out);
    out
}

/// The total of [`Gemm::flops`] over a list.
pub fn total_flops(gemms: &[Gemm]) -> f64 {
    gemms.iter().map(Gemm::flops).sum()
}

/// FLOPs of a step by the rule of thumb the TF.js peer benchmark uses (2 per parameter and
/// sample forward, 6 forward and backward): `2·Pg·B + 6·Pd·2B + 6·(Pg+Pd)·B`. It counts a few
/// products the trainer skips (gradients of frozen weights and of the inputs), so it is a
/// little higher than [`mlp_step_gemms`]' exact count.
pub fn rule_of_thumb_flops(params_g: usize, params_d: usize, batch: usize) -> f64 {
    let (pg, pd, b) = (params_g as f64, params_d as f64, batch as f64);
    2.0 * pg * b + 6.0 * pd * 2.0 * b + 6.0 * (pg + pd) * b
}

/// Operands for a list of GEMMs, made once, so that a round measures only the products.
#[derive(Debug)]
pub struct GemmBench {
    operands: Vec<(Tensor<2>, Tensor<2>, Gemm)>,
}

impl GemmBench {
    /// Random operands for every product of `gemms` on `device` (no autodiff).
    pub fn new(gemms: &[Gemm], device: &Device) -> Self {
        let normal = Distribution::Normal(0.0, 1.0);
        let operands = gemms
            .iter()
            .map(|&g| {
                let lhs_shape = if g.lhs_transposed {
                    [g.k, g.m]
                } else {
                    [g.m, g.k]
                };
                let rhs_shape = if g.rhs_transposed {
                    [g.n, g.k]
                } else {
                    [g.k, g.n]
                };
                let lhs = Tensor::<2>::random(lhs_shape, normal, device);
                let rhs = Tensor::<2>::random(rhs_shape, normal, device);
                (lhs, rhs, g)
            })
            .collect();
        Self { operands }
    }

    /// Runs every product once and returns one number that depends on all of them; reading it
    /// waits for the whole round, also on a backend that queues work.
    pub fn round(&self) -> Tensor<1> {
        let sums: Vec<Tensor<1>> = self
            .operands
            .iter()
            .map(|(lhs, rhs, g)| {
                let lhs = if g.lhs_transposed {
                    lhs.clone().transpose()
                } else {
                    lhs.clone()
                }; // [m, k]
                let rhs = if g.rhs_transposed {
                    rhs.clone().transpose()
                } else {
                    rhs.clone()
                }; // [k, n]
                // On the CPU the products the dense layers run (no zeroed, realigned output);
                // elsewhere the core's product for the device.
                let product = if crate::host::on_host(&lhs.device()) {
                    crate::host::matmul::matmul(lhs, rhs)
                } else {
                    crate::kernels::matmul(lhs, rhs)
                }; // [m, n]
                // One element of the product keeps the read tiny but depends on the product.
                product.slice([0..1, 0..1]).reshape([1]) // [1]
            })
            .collect();
        Tensor::cat(sums, 0).sum() // [1]
    }

    /// The FLOPs of one round.
    pub fn flops(&self) -> f64 {
        self.operands.iter().map(|(_, _, g)| g.flops()).sum()
    }
}

/// How fast the GEMMs of one step run, bare and inside training.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct GemmCeiling {
    /// FLOPs of the matrix products of one step ([`step_gemms`]).
    pub step_gemm_flops: f64,
    /// Milliseconds one round of those products takes alone (the median of the rounds).
    pub round_ms: f64,
    /// Rounds measured.
    pub rounds: u32,
}

impl GemmCeiling {
    /// GFLOP/s of the bare products.
    pub fn gflops(&self) -> f64 {
        self.step_gemm_flops / self.round_ms / 1e6
    }

    /// The most steps per second the GEMMs alone allow.
    pub fn max_steps_per_second(&self) -> f64 {
        1000.0 / self.round_ms
    }

    /// The share of the ceiling that `steps_per_second` reaches: 1 means every millisecond of
    /// a step goes to matrix products running as fast as they run alone.
    pub fn efficiency(&self, steps_per_second: f64) -> f64 {
        steps_per_second / self.max_steps_per_second()
    }
}

/// The median of `values` (`NaN` for none).
pub fn median(values: &[f64]) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    sorted.get(sorted.len() / 2).copied().unwrap_or(f64::NAN)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Forward products, weight gradients and the rule of thumb, counted for a small MLP.
    #[test]
    fn the_gemm_list_counts_each_phase() {
        let (g, d) = ([3, 5, 8], [8, 4, 1]);
        let batch = 2;
        let gemms = mlp_step_gemms(batch, &g, &d);
        let b = batch as f64;
        let weights = |w: &[usize]| chain(w).iter().map(|(i, o)| i * o).sum::<usize>() as f64;
        let (wg, wd) = (weights(&g), weights(&d));
        // Forward products: G twice at batch B, D at 2B and at B: 2 flops per weight and sample.
        let forward: f64 = gemms
            .iter()
            .filter(|g| !g.lhs_transposed && !g.rhs_transposed)
            .map(Gemm::flops)
            .sum();
        assert_eq!(forward, 2.0 * wg * b * 2.0 + 2.0 * wd * (2.0 * b + b));
        // Weight gradients: D at 2B (phase 2) and G at B (phase 5); D's are frozen in phase 5.
        let weight_grads: f64 = gemms
            .iter()
            .filter(|g| g.lhs_transposed)
            .map(Gemm::flops)
            .sum();
        assert_eq!(weight_grads, 2.0 * wd * 2.0 * b + 2.0 * wg * b);
    }

    #[test]
    fn a_round_computes_every_product() {
        let device = Device::flex();
        let gemms = [
            Gemm {
                m: 3,
                k: 4,
                n: 5,
                lhs_transposed: true,
                rhs_transposed: false,
            },
            Gemm {
                m: 2,
                k: 6,
                n: 3,
                lhs_transposed: false,
                rhs_transposed: true,
            },
        ];
        let bench = GemmBench::new(&gemms, &device);
        assert_eq!(bench.flops(), 2.0 * (60.0 + 36.0));
        let mut want = 0.0f32;
        for (lhs, rhs, g) in &bench.operands {
            let l = lhs.clone().into_data().try_to_vec::<f32>().unwrap();
            let r = rhs.clone().into_data().try_to_vec::<f32>().unwrap();
            // Element [0, 0] of the product, by hand, with the stored layouts.
            let at_l = |j: usize| if g.lhs_transposed { l[j * g.m] } else { l[j] };
            let at_r = |j: usize| if g.rhs_transposed { r[j] } else { r[j * g.n] };
            want += (0..g.k).map(|j| at_l(j) * at_r(j)).sum::<f32>();
        }
        let got = bench.round().into_scalar::<f32>();
        assert!((got - want).abs() < 1e-3, "{got} vs {want}");
    }

    #[test]
    fn efficiency_is_the_share_of_the_ceiling() {
        let ceiling = GemmCeiling {
            step_gemm_flops: 1.2e9,
            round_ms: 50.0,
            rounds: 10,
        };
        assert!((ceiling.gflops() - 24.0).abs() < 1e-9);
        assert!((ceiling.max_steps_per_second() - 20.0).abs() < 1e-9);
        assert!((ceiling.efficiency(15.0) - 0.75).abs() < 1e-9);
        assert_eq!(median(&[3.0, 1.0, 2.0]), 2.0);
        assert!(median(&[]).is_nan());
    }
}
