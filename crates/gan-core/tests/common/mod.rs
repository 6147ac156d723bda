//! Helpers shared by the integration tests.
#![allow(dead_code)] // Each test file uses a different subset.

use burn::module::{Module, ModuleVisitor, Param};
use burn::prelude::*;

/// Every float parameter of a module, as raw bits, so that "unchanged" means bit-identical.
pub fn parameter_bits<M: Module>(module: &M) -> Vec<Vec<u32>> {
    struct Collect(Vec<Vec<u32>>);
    impl ModuleVisitor for Collect {
        fn visit_float<const D: usize>(&mut self, param: &Param<Tensor<D>>) {
            let values = param
                .val()
                .into_data()
                .try_to_vec::<f32>()
                .expect("f32 parameters");
            self.0.push(values.into_iter().map(f32::to_bits).collect());
        }
    }
    let mut collect = Collect(Vec::new());
    module.visit(&mut collect);
    collect.0
}

/// Whether every float parameter of a module requires a gradient (`Some(true)`), none does
/// (`Some(false)`), or they differ (`None`).
pub fn require_grad<M: Module>(module: &M) -> Option<bool> {
    struct Flags(Vec<bool>);
    impl ModuleVisitor for Flags {
        fn visit_float<const D: usize>(&mut self, param: &Param<Tensor<D>>) {
            self.0.push(param.val().is_require_grad());
        }
    }
    let mut flags = Flags(Vec::new());
    module.visit(&mut flags);
    let first = *flags.0.first()?;
    flags.0.iter().all(|&f| f == first).then_some(first)
}

/// A deterministic stand-in for real digits: a bright square on a dark background.
pub fn square_batch(batch: usize) -> Vec<f32> {
    let mut pixels = vec![-1.0f32; batch * 784];
    for image in 0..batch {
        for y in 8..20 {
            for x in 8..20 {
                pixels[image * 784 + y * 28 + x] = 1.0;
            }
        }
    }
    pixels
}
