//! What a phase shows the class: the data of the phase that just ran, sent in phase-step mode
//! and slow motion only (continuous training sends none, so watching never slows it down).

use super::*;

/// Fakes of phase 1's batch shown in the strip.
pub const PHASE_FAKES: usize = 8;
/// Real digits, and as many fakes, whose verdicts phase 2 shows before and after D's update.
pub const JUDGED_EACH: usize = 4;
/// Fakes, drawn from the same noise before and after G's update, that phase 5 shows.
pub const GENERATOR_PAIRS: usize = 4;
/// Digits in a round of "You are the detective": half real, half forged.
pub const QUIZ_DIGITS: usize = 8;

/// The data of one phase, as the page shows it. Phases 3, 4 and 6 change no numbers and show
/// the diagram of the duel only, so they have none.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "phase")]
pub enum PhaseView {
    /// Phase 1: the first fakes of the batch G just made.
    Fakes {
        /// The step this phase belongs to (steps completed + 1).
        step: u64,
        /// [`PHASE_FAKES`] digits of grey levels.
        pixels: Vec<u8>,
    },
    /// Phase 2: D's probability "real" for a few real digits and a few of phase 1's fakes,
    /// before and after D's update, and D's loss on each half of the batch.
    Discriminator {
        /// The step this phase belongs to.
        step: u64,
        /// [`JUDGED_EACH`] real digits, grey levels.
        real: Vec<u8>,
        /// [`JUDGED_EACH`] fakes, grey levels.
        fakes: Vec<u8>,
        /// D(x) of each real digit before the update.
        real_before: Vec<f32>,
        /// D(x) of each real digit after it.
        real_after: Vec<f32>,
        /// D(G(z)) of each fake before the update.
        fakes_before: Vec<f32>,
        /// D(G(z)) of each fake after it.
        fakes_after: Vec<f32>,
        /// D's loss on the batch's real half (target 1, or less with label smoothing).
        loss_real: f32,
        /// D's loss on the fake half (target 0).
        loss_fake: f32,
    },
    /// Phase 5: fakes from the same noise before and after G's update, and what the frozen D
    /// says about each.
    Generator {
        /// The step this phase belongs to.
        step: u64,
        /// [`GENERATOR_PAIRS`] fakes before G's update, grey levels.
        before: Vec<u8>,
        /// The same noise's fakes after it.
        after: Vec<u8>,
        /// D(G(z)) of each before.
        d_before: Vec<f32>,
        /// D(G(z)) of each after.
        d_after: Vec<f32>,
    },
}

impl PhaseView {
    /// The phase it shows.
    pub fn phase(&self) -> Phase {
        match self {
            PhaseView::Fakes { .. } => Phase::GenerateFakes,
            PhaseView::Discriminator { .. } => Phase::TrainDiscriminator,
            PhaseView::Generator { .. } => Phase::TrainGenerator,
        }
    }

    /// The step it belongs to.
    pub fn step(&self) -> u64 {
        match self {
            PhaseView::Fakes { step, .. }
            | PhaseView::Discriminator { step, .. }
            | PhaseView::Generator { step, .. } => *step,
        }
    }
}
