//! The register-tile product as a burn backend extension, and its backward for autodiff.
//!
//! burn routes an extension call by the tensors' backend: a tensor under autodiff reaches the
//! `Autodiff` implementation below, which runs the product on the wrapped backend and records
//! how to differentiate it; the wrapped cubecl backend runs the kernel ([`super::register_tiles`]).
//! The gradients are products too, so the backward multiplies with the same kernel, by
//! transposed views (the kernel reads any strides, so nothing is copied).

use burn::backend::autodiff::{
    Autodiff, NodeId,
    checkpoint::{base::Checkpointer, strategy::CheckpointStrategy},
    grads::Gradients,
    ops::{Backward, Ops, OpsKind},
};
use burn::backend::{backend_extension, tensor::FloatTensor};

/// Backends that multiply with the register-tile kernel.
#[backend_extension(Autodiff, Cube)]
pub trait MatmulBackend: burn::backend::Backend {
    /// `[m, k] · [k, n]` → `[m, n]`.
    fn register_tile_matmul(lhs: FloatTensor<Self>, rhs: FloatTensor<Self>) -> FloatTensor<Self>;
}

/// d(lhs · rhs): `grad · rhsᵀ` for lhs, `lhsᵀ · grad` for rhs.
#[derive(Debug)]
struct MatmulBackward;

impl<B: MatmulBackend> Backward<B, 2> for MatmulBackward {
    /// Each operand's checkpoint, kept only when the other one needs a gradient.
    type State = (Option<NodeId>, Option<NodeId>);

    fn backward(
        self,
        ops: Ops<Self::State, 2>,
        grads: &mut Gradients,
        checkpointer: &mut Checkpointer,
    ) {
        let [node_lhs, node_rhs] = ops.parents;
        let grad = grads.consume::<B>(&ops.node); // [m, n]
        let (lhs_state, rhs_state) = ops.state;
        if let (Some(node), Some(rhs)) = (node_lhs, rhs_state) {
            let rhs: FloatTensor<B> = checkpointer.retrieve_node_output(rhs); // [k, n]
            let rhs_t = B::float_transpose(rhs); // [n, k]
            grads.register::<B>(node.id, B::register_tile_matmul(grad.clone(), rhs_t)); // [m, k]
        }
        if let (Some(node), Some(lhs)) = (node_rhs, lhs_state) {
            let lhs: FloatTensor<B> = checkpointer.retrieve_node_output(lhs); // [m, k]
            let lhs_t = B::float_transpose(lhs); // [k, m]
            grads.register::<B>(node.id, B::register_tile_matmul(lhs_t, grad)); // [k, n]
        }
    }
}

impl<B: MatmulBackend, C: CheckpointStrategy> MatmulBackend for Autodiff<B, C> {
    fn register_tile_matmul(lhs: FloatTensor<Self>, rhs: FloatTensor<Self>) -> FloatTensor<Self> {
        let (lhs_tracked, rhs_tracked) = (lhs.is_tracked(), rhs.is_tracked());
        match MatmulBackward
            .prepare::<C>([lhs.node(), rhs.node()])
            // A product is worth keeping rather than recomputing under checkpointing.
            .compute_bound()
            .stateful()
        {
            OpsKind::Tracked(mut prep) => {
                // lhs's gradient needs rhs, and rhs's gradient needs lhs.
                let lhs_state = rhs_tracked.then(|| prep.checkpoint(&lhs));
                let rhs_state = lhs_tracked.then(|| prep.checkpoint(&rhs));
                let output = B::register_tile_matmul(lhs.into_primitive(), rhs.into_primitive());
                prep.finish((lhs_state, rhs_state), output)
            }
            OpsKind::UnTracked(prep) => prep.finish(B::register_tile_matmul(
                lhs.into_primitive(),
                rhs.into_primitive(),
            )),
        }
    }
}
