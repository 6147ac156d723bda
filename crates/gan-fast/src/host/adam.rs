//! Adam's update of one parameter on host memory: one loop over the parameter, its gradient
//! and both moments, writing the moments in place and the parameter in place too where
//! nothing else holds it (else into a new buffer, read from the old one: still one pass).

use super::{tensor, values};
use crate::adam::{AdamBackend, AdamFactors};
use burn::backend::flex::{Flex, FlexTensor};
use burn::backend::tensor::FloatTensor;
use std::cell::Cell;

thread_local! {
    /// Parameters this thread updated into new memory because another handle held them.
    static COPIES: Cell<usize> = const { Cell::new(0) };
}

/// How many parameters Adam has updated on this thread into new memory instead of in place,
/// because something besides the optimizer still held them. A trainer that lends its networks
/// to the optimizer alone ([`crate::Sole`]) keeps this at zero; its tests check that.
pub fn copied_parameters() -> usize {
    COPIES.with(Cell::get)
}

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
            apply(factors, exclusive(&mut param), &grad, first, second);
            param
        } else {
            COPIES.with(|copies| copies.set(copies.get() + 1));
            let old = values(&param);
            tensor(factors.apply_to_copy(&old, &grad, first, second), shape)
        };
        (param, moment_1, moment_2)
    }
}

/// [`AdamFactors::apply`] on this thread, or with the `threads` feature in one band per thread
/// of the rayon pool for a large parameter: the update is elementwise, so the bands give the
/// same values, and memory-bound, so a second core's bandwidth shortens it.
fn apply(
    factors: AdamFactors,
    param: &mut [f32],
    grad: &[f32],
    moment_1: &mut [f32],
    moment_2: &mut [f32],
) {
    #[cfg(feature = "threads")]
    {
        use rayon::prelude::*;
        /// Below this many values one thread is quicker than handing bands over.
        const MIN_SPLIT: usize = 1 << 16;
        let threads = rayon::current_num_threads();
        let same = [grad.len(), moment_1.len(), moment_2.len()] == [param.len(); 3];
        if threads > 1 && param.len() >= MIN_SPLIT && same {
            let band = param.len().div_ceil(threads);
            param
                .par_chunks_mut(band)
                .zip(grad.par_chunks(band))
                .zip(moment_1.par_chunks_mut(band))
                .zip(moment_2.par_chunks_mut(band))
                .for_each(|(((param, grad), first), second)| {
                    factors.apply(param, grad, first, second);
                });
            return;
        }
    }
    factors.apply(param, grad, moment_1, moment_2);
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

#[cfg(all(test, feature = "threads"))]
mod tests {
    use super::*;

    /// The bands give exactly the values of one pass over the whole parameter.
    #[test]
    fn banded_updates_equal_one_pass() {
        let n = (1 << 16) + 123;
        let wave = |scale: f32| {
            (0..n)
                .map(|i| (i as f32 * 0.37).sin() * scale)
                .collect::<Vec<_>>()
        };
        let factors = AdamFactors::from_array([0.5, 0.5, 0.999, 0.001, 2e-4, 1e-8, 1.0]);
        let (grad, start) = (wave(0.1), wave(1.0));
        let (mut whole, mut first_whole, mut second_whole) =
            (start.clone(), wave(0.01), wave(0.001));
        let (mut banded, mut first_banded, mut second_banded) =
            (start, first_whole.clone(), second_whole.clone());
        second_whole.iter_mut().for_each(|v| *v = v.abs());
        second_banded.iter_mut().for_each(|v| *v = v.abs());
        factors.apply(&mut whole, &grad, &mut first_whole, &mut second_whole);
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(3)
            .build()
            .unwrap();
        pool.install(|| {
            apply(
                factors,
                &mut banded,
                &grad,
                &mut first_banded,
                &mut second_banded,
            );
        });
        assert_eq!(whole, banded);
        assert_eq!((first_whole, second_whole), (first_banded, second_banded));
        assert_ne!(banded, wave(1.0), "the update changed the parameter");
    }
}
