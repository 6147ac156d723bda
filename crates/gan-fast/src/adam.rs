//! Adam in one pass over each parameter: on the CPU's memory, and as one kernel on WebGPU.
//!
//! burn's Adam updates a parameter with 13 tensor operations (the two moments, the bias
//! correction, the division, the step), and on burn's CPU backend each one is a pass over the
//! parameter's memory: 13 passes over the MLP's two million parameters a step, which cost
//! 5–8 % of a native step (docs/benchmarks.md). [`FusedAdam`] does the same arithmetic in one loop
//! over the parameter, its gradient and both moments when the tensors are in host memory
//! (burn's Flex backend, whose tensors are read and rebuilt without copies); on a cubecl device
//! (WebGPU, with the `wgpu` feature) one kernel per parameter does the same arithmetic
//! ([`crate::kernels`]); any other case goes to burn's own Adam. On the CPU each value goes
//! through the same f32 operations in the same order as in burn's Adam, so both give the same
//! bits (the kernel agrees within f32 rounding), and the state is burn's [`AdamState`] on every
//! path, so checkpoints do not change.

use burn::backend::tensor::FloatTensor;
use burn::backend::{Dispatch, backend_extension};
use burn::optim::{Adam, AdamConfig, AdamState, AdaptiveMomentumState, LearningRate, Optimizer};
use burn::prelude::*;
use burn::tensor::DType;

/// Adam (no weight decay, no AMSGrad) with a fused update on the CPU backend.
#[derive(Clone)]
pub struct FusedAdam {
    beta_1: f32,
    beta_2: f32,
    epsilon: f32,
    /// burn's Adam with the same settings, for devices whose memory the CPU cannot touch.
    fallback: Adam,
}

impl FusedAdam {
    /// Adam with the decay rates of the two moments and the ε that keeps the division finite.
    pub fn new(beta_1: f32, beta_2: f32, epsilon: f32) -> Self {
        Self {
            beta_1,
            beta_2,
            epsilon,
            fallback: AdamConfig::new()
                .with_beta_1(beta_1)
                .with_beta_2(beta_2)
                .with_epsilon(epsilon)
                .build(),
        }
    }

    /// The update in one pass over each parameter, for tensors that [`fusable`] accepted on a
    /// device with an [`AdamBackend`]: one loop on the CPU ([`crate::host::adam`]), one kernel
    /// on a cubecl device ([`crate::kernels`]).
    fn step_fused<const D: usize>(
        &self,
        lr: LearningRate,
        tensor: Tensor<D>,
        grad: Tensor<D>,
        state: Option<AdamState<D>>,
    ) -> (Tensor<D>, AdamState<D>) {
        // Zero moments make the first update the same as burn's: β·0 + (1 − β)·g.
        let (time, moment_1, moment_2) = match state {
            Some(state) => (
                state.momentum.time + 1,
                state.momentum.moment_1,
                state.momentum.moment_2,
            ),
            None => (1, tensor.zeros_like(), tensor.zeros_like()),
        };
        let factors = self.factors(lr, time);
        let (tensor, moment_1, moment_2) = adam_update(tensor, grad, moment_1, moment_2, &factors);
        let momentum = AdaptiveMomentumState::new(time, moment_1, moment_2);
        (tensor, AdamState::new(momentum))
    }

    /// The numbers of one update at step `time` (from 1): burn's Adam's, computed once.
    fn factors(&self, lr: LearningRate, time: usize) -> AdamFactors {
        let time = i32::try_from(time).unwrap_or(i32::MAX);
        let bias_correction_2 = (1.0 - self.beta_2.powi(time)).sqrt();
        AdamFactors {
            beta_1: self.beta_1,
            keep_1: 1.0 - self.beta_1,
            beta_2: self.beta_2,
            keep_2: 1.0 - self.beta_2,
            step_factor: bias_correction_2 / (1.0 - self.beta_1.powi(time)),
            epsilon: self.epsilon * bias_correction_2,
            lr: lr as f32,
        }
    }
}

/// Backends that update a parameter with Adam in one pass: burn's CPU backend (host memory,
/// `host/adam.rs`) and, with the `wgpu` feature, cubecl devices (one kernel, `kernels/adam.rs`).
#[backend_extension(Flex, Cube: cfg(feature = "wgpu"))]
pub trait AdamBackend: burn::backend::Backend {
    /// The new parameter and moments for `grad`, each of the parameter's shape; `factors` in
    /// [`AdamFactors::to_array`]'s order.
    fn adam_update(
        param: FloatTensor<Self>,
        grad: FloatTensor<Self>,
        moment_1: FloatTensor<Self>,
        moment_2: FloatTensor<Self>,
        factors: [f32; 7],
    ) -> (FloatTensor<Self>, FloatTensor<Self>, FloatTensor<Self>);
}

/// One Adam update of `param` (plain, not autodiff, tensors on a device with an
/// [`AdamBackend`]).
fn adam_update<const D: usize>(
    param: Tensor<D>,
    grad: Tensor<D>,
    moment_1: Tensor<D>,
    moment_2: Tensor<D>,
    factors: &AdamFactors,
) -> (Tensor<D>, Tensor<D>, Tensor<D>) {
    let (param, moment_1, moment_2) = <Dispatch as AdamBackend>::adam_update(
        param.into_dispatch(),
        grad.into_dispatch(),
        moment_1.into_dispatch(),
        moment_2.into_dispatch(),
        factors.to_array(),
    );
    (
        Tensor::from_dispatch(param),
        Tensor::from_dispatch(moment_1),
        Tensor::from_dispatch(moment_2),
    )
}

/// The numbers one Adam update applies to every value, in the order burn's Adam uses them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct AdamFactors {
    /// Decay of the first moment.
    beta_1: f32,
    /// `1 − beta_1`: the gradient's share of the new first moment.
    keep_1: f32,
    /// Decay of the second moment.
    beta_2: f32,
    /// `1 − beta_2`.
    keep_2: f32,
    /// Both bias corrections folded into one factor of the first moment.
    step_factor: f32,
    /// ε, scaled by the second moment's bias correction.
    epsilon: f32,
    /// The learning rate.
    lr: f32,
}

impl AdamFactors {
    /// The new moments of one value (in place) and the step its parameter takes.
    #[inline]
    fn step(&self, grad: f32, moment_1: &mut f32, moment_2: &mut f32) -> f32 {
        *moment_1 = *moment_1 * self.beta_1 + grad * self.keep_1;
        *moment_2 = *moment_2 * self.beta_2 + grad * grad * self.keep_2;
        let step = *moment_1 * self.step_factor / (moment_2.sqrt() + self.epsilon);
        step * self.lr
    }

    /// The update in place: one pass over all four arrays, with burn's Adam's arithmetic per
    /// value.
    pub(crate) fn apply(
        &self,
        param: &mut [f32],
        grad: &[f32],
        moment_1: &mut [f32],
        moment_2: &mut [f32],
    ) {
        let n = param.len();
        let (grad, moment_1, moment_2) = same_length(n, grad, moment_1, moment_2);
        for i in 0..n {
            param[i] -= self.step(grad[i], &mut moment_1[i], &mut moment_2[i]);
        }
    }

    /// [`Self::apply`] for a parameter that must stay as it is: the updated values, new. Still
    /// one pass; the update is memory-bound, and this writes no more than the in-place one.
    pub(crate) fn apply_to_copy(
        &self,
        param: &[f32],
        grad: &[f32],
        moment_1: &mut [f32],
        moment_2: &mut [f32],
    ) -> Vec<f32> {
        let n = param.len();
        let (grad, moment_1, moment_2) = same_length(n, grad, moment_1, moment_2);
        let mut updated = Vec::with_capacity(n);
        updated.extend(
            (0..n).map(|i| param[i] - self.step(grad[i], &mut moment_1[i], &mut moment_2[i])),
        );
        updated
    }

    /// The factors in the order the kernels take them.
    pub(crate) fn to_array(self) -> [f32; 7] {
        [
            self.beta_1,
            self.keep_1,
            self.beta_2,
            self.keep_2,
            self.step_factor,
            self.epsilon,
            self.lr,
        ]
    }

    /// The factors from [`Self::to_array`]'s order.
    pub(crate) fn from_array(
        [beta_1, keep_1, beta_2, keep_2, step_factor, epsilon, lr]: [f32; 7],
    ) -> Self {
        Self {
            beta_1,
            keep_1,
            beta_2,
            keep_2,
            step_factor,
            epsilon,
            lr,
        }
    }
}

/// The three arrays cut to `n` values, checked to hold that many: indexing them up to `n`
/// then needs no bounds checks, so the loops above compile to vector instructions.
fn same_length<'a>(
    n: usize,
    grad: &'a [f32],
    moment_1: &'a mut [f32],
    moment_2: &'a mut [f32],
) -> (&'a [f32], &'a mut [f32], &'a mut [f32]) {
    assert!(
        grad.len() == n && moment_1.len() == n && moment_2.len() == n,
        "a gradient and moments of the parameter's shape"
    );
    (&grad[..n], &mut moment_1[..n], &mut moment_2[..n])
}

/// Whether `device` runs [`AdamBackend`]: burn's CPU backend always, a cubecl device with the
/// `wgpu` feature.
fn has_adam_backend(device: &Device) -> bool {
    #[cfg(feature = "wgpu")]
    if crate::kernels::on_cube(device) {
        return true;
    }
    crate::host::on_host(device)
}

/// Whether a fused update applies to the values: f32 values of the parameter's shape in all
/// four tensors, no AMSGrad. Anything else goes to burn's Adam (which also says what is wrong).
fn fusable<const D: usize>(
    tensor: &Tensor<D>,
    grad: &Tensor<D>,
    state: Option<&AdamState<D>>,
) -> bool {
    let shape = tensor.shape();
    let plain = |t: &Tensor<D>| t.dtype() == DType::F32 && t.shape() == shape;
    plain(tensor)
        && plain(grad)
        && state.is_none_or(|s| {
            s.momentum.max_moment_2.is_none()
                && plain(&s.momentum.moment_1)
                && plain(&s.momentum.moment_2)
        })
}

impl Optimizer for FusedAdam {
    type State<const D: usize> = AdamState<D>;

    fn step<const D: usize>(
        &self,
        lr: LearningRate,
        tensor: Tensor<D>,
        grad: Tensor<D>,
        state: Option<Self::State<D>>,
    ) -> (Tensor<D>, Option<Self::State<D>>) {
        if fusable(&tensor, &grad, state.as_ref()) && has_adam_backend(&tensor.device()) {
            let (tensor, state) = self.step_fused(lr, tensor, grad, state);
            return (tensor, Some(state));
        }
        self.fallback.step(lr, tensor, grad, state)
    }

    fn to_device<const D: usize>(state: Self::State<D>, device: &Device) -> Self::State<D> {
        <Adam as Optimizer>::to_device(state, device)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use burn::tensor::Distribution;

    fn random(shape: [usize; 2], seed: u64) -> Tensor<2> {
        let device = Device::flex();
        device.seed(seed);
        Tensor::random(shape, Distribution::Normal(0.0, 1.0), &device)
    }

    /// The fused optimizer and burn's own, with the same decay rates.
    fn both(beta_1: f32, beta_2: f32) -> (FusedAdam, Adam) {
        let burns = AdamConfig::new()
            .with_beta_1(beta_1)
            .with_beta_2(beta_2)
            .with_epsilon(1e-8)
            .build();
        (FusedAdam::new(beta_1, beta_2, 1e-8), burns)
    }

    fn values(tensor: Tensor<2>) -> Vec<f32> {
        tensor.into_data().try_to_vec::<f32>().unwrap()
    }

    /// Five steps of both optimizers from the same start, on changing gradients: the same bits.
    #[test]
    fn gives_burns_adam_bit_for_bit() {
        let (fused, burns) = both(0.5, 0.999);
        let start = random([33, 17], 1);
        assert!(
            crate::host::on_host(&start.device()),
            "the test must take the fused path"
        );
        let (mut ours, mut theirs) = (start.clone(), start.clone());
        let (mut our_state, mut their_state) = (None, None);
        for step in 0..5 {
            let grad = random([33, 17], 10 + step);
            (ours, our_state) = fused.step(2e-3, ours, grad.clone(), our_state);
            (theirs, their_state) = burns.step(2e-3, theirs, grad, their_state);
        }
        let (ours, theirs) = (values(ours), values(theirs));
        assert_ne!(ours, values(start), "the parameters must have moved");
        let differing = ours
            .iter()
            .zip(&theirs)
            .filter(|(a, b)| a.to_bits() != b.to_bits())
            .count();
        assert_eq!(differing, 0, "{differing} of {} values differ", ours.len());
        let (ours, theirs) = (our_state.unwrap(), their_state.unwrap());
        assert_eq!(ours.momentum.time, 5);
        assert_eq!(ours.momentum.time, theirs.momentum.time);
        assert_eq!(
            values(ours.momentum.moment_2),
            values(theirs.momentum.moment_2)
        );
    }

    /// A state saved by burn's Adam (a checkpoint) carries on in the fused one.
    #[test]
    fn continues_from_burns_state() {
        let (fused, burns) = both(0.9, 0.99);
        let start = random([8, 8], 3);
        let grad = random([8, 8], 4);
        let (after_one, state) = burns.step(1e-2, start, grad.clone(), None);
        let (ours, _) = fused.step(1e-2, after_one.clone(), grad.clone(), state.clone());
        let (theirs, _) = burns.step(1e-2, after_one, grad, state);
        assert_eq!(values(ours), values(theirs));
    }
}
