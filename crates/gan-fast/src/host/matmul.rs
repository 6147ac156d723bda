//! A bare matrix product on host memory, as the dense layers run theirs: the speed ceiling the
//! benchmarks compare a CPU step with ([`crate::speed::GemmBench`]).

use super::gemm;
use super::{matrix, tensor};
use burn::backend::flex::Flex;
use burn::backend::tensor::FloatTensor;
use burn::backend::{Dispatch, backend_extension};
use burn::prelude::*;

/// Backends that multiply two plain matrices on host memory.
#[backend_extension(Flex)]
pub trait HostMatmulBackend: burn::backend::Backend {
    /// `[m, k] · [k, n]` → `[m, n]`.
    fn host_matmul(lhs: FloatTensor<Self>, rhs: FloatTensor<Self>) -> FloatTensor<Self>;
}

/// `lhs · rhs` for plain (not autodiff) f32 tensors on the CPU backend; either may be a
/// transposed view.
pub(crate) fn matmul(lhs: Tensor<2>, rhs: Tensor<2>) -> Tensor<2> {
    Tensor::from_dispatch(<Dispatch as HostMatmulBackend>::host_matmul(
        lhs.into_dispatch(),
        rhs.into_dispatch(),
    ))
}

impl HostMatmulBackend for Flex {
    fn host_matmul(lhs: FloatTensor<Self>, rhs: FloatTensor<Self>) -> FloatTensor<Self> {
        let (lhs, rhs) = (matrix(&lhs), matrix(&rhs));
        let shape = [lhs.shape()[0], rhs.shape()[1]];
        tensor(gemm::product(lhs, rhs), shape) // [m, n]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use burn::tensor::{Distribution, Tolerance};

    #[test]
    fn equals_burns_product_for_every_layout() {
        let device = Device::flex();
        device.seed(5);
        let a = Tensor::<2>::random([6, 9], Distribution::Normal(0.0, 1.0), &device);
        let b = Tensor::<2>::random([9, 4], Distribution::Normal(0.0, 1.0), &device);
        let (at, bt) = (a.clone().transpose(), b.clone().transpose()); // stored [9, 6], [4, 9]
        let (at, bt) = (
            Tensor::<2>::from_data(at.into_data(), &device).transpose(),
            Tensor::<2>::from_data(bt.into_data(), &device).transpose(),
        ); // the same matrices as strided views
        let burns = a.clone().matmul(b.clone()).into_data();
        for (lhs, rhs) in [
            (a.clone(), b.clone()),
            (at.clone(), b),
            (a, bt.clone()),
            (at, bt),
        ] {
            matmul(lhs, rhs)
                .into_data()
                .assert_approx_eq::<f32>(&burns, Tolerance::absolute(1e-5));
        }
    }
}
