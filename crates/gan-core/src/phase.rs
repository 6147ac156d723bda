//! The six phases of one training step, named as the seed names them.

use serde::{Deserialize, Serialize};

/// One phase of a training step. A step runs all six, in this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// (1) G makes a batch of fakes.
    GenerateFakes,
    /// (2) D trains on as many real as fake images (real = 1, fake = 0).
    TrainDiscriminator,
    /// (3) D and G are stacked into one network z → D(G(z)).
    StackNetworks,
    /// (4) D's weights are frozen.
    FreezeDiscriminator,
    /// (5) The stack trains on noise with target "real" (1), so only G learns.
    TrainGenerator,
    /// (6) D is unfrozen, and the loop starts again.
    UnfreezeDiscriminator,
}

impl Phase {
    /// All phases in the order a step runs them.
    pub const ALL: [Phase; 6] = [
        Phase::GenerateFakes,
        Phase::TrainDiscriminator,
        Phase::StackNetworks,
        Phase::FreezeDiscriminator,
        Phase::TrainGenerator,
        Phase::UnfreezeDiscriminator,
    ];

    /// The phase's number in the recipe, 1 to 6.
    pub fn number(self) -> usize {
        self.index() + 1
    }

    /// The phase's position in [`Phase::ALL`], 0 to 5.
    pub fn index(self) -> usize {
        match self {
            Phase::GenerateFakes => 0,
            Phase::TrainDiscriminator => 1,
            Phase::StackNetworks => 2,
            Phase::FreezeDiscriminator => 3,
            Phase::TrainGenerator => 4,
            Phase::UnfreezeDiscriminator => 5,
        }
    }

    /// The phase after this one; after phase 6 comes phase 1 of the next step.
    pub fn next(self) -> Phase {
        Phase::ALL[(self.index() + 1) % Phase::ALL.len()]
    }

    /// Whether D is frozen while this phase runs (phases 4 and 5).
    pub fn discriminator_frozen(self) -> bool {
        matches!(self, Phase::FreezeDiscriminator | Phase::TrainGenerator)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn six_phases_in_order_and_cycle() {
        let numbers: Vec<usize> = Phase::ALL.iter().map(|p| p.number()).collect();
        assert_eq!(numbers, vec![1, 2, 3, 4, 5, 6]);
        let mut p = Phase::GenerateFakes;
        for expected in Phase::ALL.iter().skip(1) {
            p = p.next();
            assert_eq!(p, *expected);
        }
        assert_eq!(p.next(), Phase::GenerateFakes);
    }

    #[test]
    fn phases_serialise_as_snake_case_names() {
        let names = serde_json::to_string(&Phase::ALL).unwrap();
        assert!(
            names.starts_with(r#"["generate_fakes","train_discriminator","#),
            "{names}"
        );
    }

    #[test]
    fn only_phases_four_and_five_show_d_frozen() {
        let frozen: Vec<usize> = Phase::ALL
            .iter()
            .filter(|p| p.discriminator_frozen())
            .map(|p| p.number())
            .collect();
        assert_eq!(frozen, vec![4, 5]);
    }
}
