//! Adam's update of one parameter on host memory: one loop over the parameter, its gradient
//! and both moments, writing the moments in place and the parameter in place too where
//! nothing else holds it (else into a new buffer, read from the old one: still one pass).

use super::{tensor, values};
use crate::adam::{AdamBackend, AdamFactors};
use burn::backend::flex::{Flex, FlexTensor};
use burn::backend::tensor::FloatTensor;

impl AdamBackend for Flex {
    fn adam_update(
        param: FloatTensor<Self>,
        grad: FloatTensor<Self>,
        moment_1: FloatTensor<Self>,
        moment_2: FloatTensor<Self>,
        factors: [f32; 7],
    ) -> (FloatTensor<Self>, FloatTensor<Self>, FloatTensor<Self>) {
        let factors = AdamFactors::from_array(factors);
        let shape = param.layout().shape().clone();
        let grad = values(&grad);
        let (mut moment_1, mut moment_2) = (writable(moment_1), writable(moment_2));
        // `apply` and `apply_to_copy` check that all four hold the parameter's count of values.
        let (first, second) = (exclusive(&mut moment_1), exclusive(&mut moment_2));
        let param = if is_writable(&param) {
            let mut param = param;
            factors.apply(exclusive(&mut param), &grad, first, second);
            param
        } else {
            let old = values(&param);
            tensor(factors.apply_to_copy(&old, &grad, first, second), shape)
        };
        (param, moment_1, moment_2)
    }
}

/// Whether the tensor owns its buffer alone and fills it exactly, row-major: then it can be
/// updated in place.
fn is_writable(tensor: &FlexTensor) -> bool {
    let elements = tensor.layout().num_elements();
    tensor.is_unique()
        && tensor.layout().contiguous_offsets() == Some((0, elements))
        && tensor.bytes().len() == elements * size_of::<f32>()
}

/// The tensor itself where it [`is_writable`], else a row-major copy of its values.
fn writable(tensor: FlexTensor) -> FlexTensor {
    if is_writable(&tensor) {
        tensor
    } else {
        let shape = tensor.layout().shape().clone();
        super::tensor(values(&tensor).into_owned(), shape)
    }
}

/// The values of a tensor that [`is_writable`], to update in place.
fn exclusive(tensor: &mut FlexTensor) -> &mut [f32] {
    tensor
        .try_storage_mut::<f32>()
        .expect("a tensor that owns its values alone")
}
