//! The matrix product for software adapters as a backend operation: it allocates the result and
//! launches the four-wide kernel ([`super::vector_tiles`]) where the shapes and layouts allow
//! it, else the scalar one ([`super::register_tiles`]). The two kernels know nothing of each
//! other; what they share (writing a block of results) is [`super::block`].

use super::backward::MatmulBackend;
use super::{register_tiles, vector_tiles};
use burn::backend::tensor::FloatTensor;
use burn::backend::{Dispatch, TensorMetadata};
use burn::prelude::*;
use burn_cubecl::{CubeBackend, tensor::CubeTensor};

/// `lhs · rhs` through the kernel, recorded for autodiff when the operands are tracked.
pub(super) fn matmul(lhs: Tensor<2>, rhs: Tensor<2>) -> Tensor<2> {
    Tensor::from_dispatch(<Dispatch as MatmulBackend>::register_tile_matmul(
        lhs.into_dispatch(),
        rhs.into_dispatch(),
    ))
}

impl MatmulBackend for CubeBackend {
    fn register_tile_matmul(lhs: FloatTensor<Self>, rhs: FloatTensor<Self>) -> FloatTensor<Self> {
        lhs.assert_is_on_same_device(&rhs);
        let (lhs_shape, rhs_shape) = (lhs.shape(), rhs.shape());
        assert!(
            lhs_shape.num_dims() == 2 && rhs_shape.num_dims() == 2 && lhs_shape[1] == rhs_shape[0],
            "register_tile_matmul multiplies [m, k] by [k, n], not {lhs_shape:?} by {rhs_shape:?}"
        );
        let (m, n) = (lhs_shape[0], rhs_shape[1]);
        let dtype = lhs.dtype;
        let buffer = lhs.client.empty(m * n * dtype.size());
        let output = CubeTensor::new_contiguous(
            lhs.client.clone(),
            lhs.device.clone(),
            [m, n].into(),
            buffer,
            dtype,
        );
        let k = lhs_shape[1];
        let layouts = vector_tiles::vector_layouts(
            [m, k, n],
            vector_tiles::layout_of(&lhs),
            vector_tiles::layout_of(&rhs),
        );
        match layouts {
            Some(layouts) => vector_tiles::launch(lhs, rhs, &output, [m, n], layouts),
            None => register_tiles::launch(lhs, rhs, &output, [m, n]),
        }
        output
    }
}
