//! The CPU backend's own operations: what burn's Flex backend runs as a chain of tensor
//! operations, done here in one pass over host memory.
//!
//! A native step of the MLP spent a third of its time outside the matrix products
//! (docs/benchmarks.md): every product's output was zeroed and then copied once more to realign it
//! (`FlexTensor::empty` builds its buffer from bytes, which `Bytes` copies into a 16-byte
//! aligned allocation), a layer's bias and LeakyReLU were five more passes, each with its own
//! allocation, their backward as many again, and Adam copied every parameter twice before
//! updating it. Here
//!
//! - [`dense`] is a whole layer, `act(x · W + b)`: the product adds into rows that already hold
//!   the bias, the activation runs over them once, and the backward computes the three gradients
//!   with two products and one pass, only those that are needed;
//! - [`adam`] updates a parameter and its moments in one loop, in place where nothing else holds
//!   them;
//! - [`matmul`] is a bare product the same way, the ceiling the speed benchmarks measure.
//!
//! Both work on burn's Flex tensors directly (a backend extension), so they run wherever the
//! trainer runs on the CPU: natively and in the browser's CPU worker. The model calls them
//! through [`crate::layer::dense`] and [`crate::adam::FusedAdam`], which keep burn's own
//! operations for every other device.

pub(crate) mod adam;
pub(crate) mod dense;
mod gemm;
pub(crate) mod matmul;

use burn::backend::flex::{FlexTensor, Layout};
use burn::prelude::*;
use burn::tensor::{Bytes, DType, Shape};
use gemm::Matrix;
use std::borrow::Cow;

/// Whether tensors of `device` (or of the device an autodiff device wraps) live in host
/// memory, on burn's Flex backend.
pub(crate) fn on_host(device: &Device) -> bool {
    use burn::backend::DispatchDevice;
    matches!(
        device.clone().inner().as_dispatch(),
        DispatchDevice::Flex(_)
    )
}

/// A contiguous f32 tensor of `shape` that owns `values`, without the realigning copy of
/// `FlexTensor::from_data` (an f32 buffer is aligned for f32 as it is).
fn tensor(values: Vec<f32>, shape: impl Into<Shape>) -> FlexTensor {
    let shape = shape.into();
    assert_eq!(values.len(), shape.num_elements(), "{shape:?}");
    FlexTensor::new(
        Bytes::from_elems(values),
        Layout::contiguous(shape),
        DType::F32,
    )
}

/// The tensor's values in row-major order: borrowed where they are stored that way, copied
/// where the tensor is a strided view.
fn values(tensor: &FlexTensor) -> Cow<'_, [f32]> {
    assert_eq!(tensor.dtype(), DType::F32, "an f32 tensor");
    match tensor.as_slice::<f32>() {
        Some(values) => Cow::Borrowed(values),
        None => Cow::Owned(
            tensor
                .to_contiguous()
                .as_slice::<f32>()
                .expect("a contiguous copy is one slice")
                .to_vec(),
        ),
    }
}

/// A 2-D f32 tensor as a matrix view of its storage, whatever its strides.
fn matrix(tensor: &FlexTensor) -> Matrix<'_> {
    assert_eq!(tensor.dtype(), DType::F32, "an f32 tensor");
    let layout = tensor.layout();
    let (shape, strides) = (layout.shape(), layout.strides());
    assert_eq!(shape.num_dims(), 2, "a matrix, not {shape:?}");
    Matrix::new(
        tensor.storage::<f32>(),
        layout.start_offset(),
        [shape[0], shape[1]],
        [strides[0], strides[1]],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_row_major_for_views_too() {
        let stored = tensor(vec![1.0, 2.0, 3.0, 4.0, 5.0, 6.0], [2, 3]); // [2, 3]
        assert!(matches!(values(&stored), Cow::Borrowed(_)));
        let transposed = stored.transpose(0, 1); // [3, 2], a strided view
        assert_eq!(*values(&transposed), [1.0, 4.0, 2.0, 5.0, 3.0, 6.0]);
        let view = matrix(&transposed);
        assert_eq!(view.shape(), [3, 2]);
    }
}
