//! The speed machinery under GAN Werkstatt's GAN: what makes a step fast, kept apart from the
//! GAN a student reads (gan-core), which names this crate in one place (`gan_core::fast`).
//!
//! Everything here computes what burn's ordinary operations compute, faster on the backends a
//! classroom has, and a test beside each shows the agreement:
//!
//! - [`layer`]: a fully connected layer with its activation; on burn's CPU backend one fused
//!   operation with its own backward ([`host`]'s `dense`), elsewhere burn's `Linear` and
//!   [`activation`]'s functions (same values as burn's; tests: `matches_burns_linear`,
//!   `values_and_gradients_match_burns_operations`);
//! - [`activation`]: LeakyReLU and tanh written from the operations the CPU backend runs
//!   fastest (within 2e-7 of burn's);
//! - [`adam`]: Adam in one pass over each parameter, bit for bit burn's Adam on the CPU
//!   (`gives_burns_adam_bit_for_bit`), one kernel per parameter on WebGPU (within f32 rounding:
//!   [`kernels::check`]);
//! - [`sole`]: lending a network to its optimizer alone, so Adam updates it in place;
//! - [`kernels`]: the WebGPU kernels (Adam; a matrix product for software adapters);
//! - [`speed`]: the matrix products of a step and the ceiling they set, for the benchmarks.

pub mod activation;
pub mod adam;
mod host;
pub mod kernels;
pub mod layer;
pub mod sole;
pub mod speed;

pub use adam::FusedAdam;
pub use host::adam::copied_parameters;
pub use layer::Activation;
pub use sole::Sole;
