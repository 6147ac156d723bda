//! The optimizer state inside a checkpoint: burn's own record bytes. The seal only proves a
//! file is undamaged, not that its maker meant well, so these bytes are fuzzed on their own:
//! any bytes must restore the optimizers or be refused, never panic.
#![no_main]

use std::sync::Mutex;
use std::sync::OnceLock;

use burn::tensor::Device;
use gan_core::{GanConfig, GanTrainer, OptimizerState};
use libfuzzer_sys::fuzz_target;

/// One trainer for all inputs: building the networks per input would dominate the run.
fn trainer() -> &'static Mutex<GanTrainer> {
    static TRAINER: OnceLock<Mutex<GanTrainer>> = OnceLock::new();
    TRAINER.get_or_init(|| {
        let config = GanConfig {
            batch_size: 4,
            ..GanConfig::default()
        };
        Mutex::new(GanTrainer::new(config, &Device::flex()).expect("the default config is valid"))
    })
}

fuzz_target!(|bytes: &[u8]| {
    let state = OptimizerState {
        generator: bytes.to_vec(),
        discriminator: bytes.to_vec(),
    };
    if let Ok(mut trainer) = trainer().lock() {
        let _ = trainer.load_optimizers(&state);
    }
});
