//! The diagram of the duel: noise, G, the fakes, the real digits, D and its verdict as boxes
//! and arrows. For each phase it says which path is lit, which network learns, whether D is
//! frozen, whether G and D are stacked, and which way the gradient flows; the view only draws.

use gan_core::Phase;

/// A box of the diagram.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Node {
    /// The noise vectors z.
    Noise,
    /// The generator.
    Generator,
    /// The fakes G draws.
    Fakes,
    /// Real digits from the data set.
    Real,
    /// The discriminator.
    Discriminator,
    /// D's verdict: its probability "real", 0 to 1.
    Verdict,
}

impl Node {
    /// Every box, in drawing order.
    pub const ALL: [Node; 6] = [
        Node::Noise,
        Node::Generator,
        Node::Fakes,
        Node::Real,
        Node::Discriminator,
        Node::Verdict,
    ];

    /// Its name in the page's markup (`data-node`) and styles.
    pub fn id(self) -> &'static str {
        match self {
            Node::Noise => "noise",
            Node::Generator => "generator",
            Node::Fakes => "fakes",
            Node::Real => "real",
            Node::Discriminator => "discriminator",
            Node::Verdict => "verdict",
        }
    }
}

/// An arrow of the diagram: data flowing forward.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edge {
    /// z → G.
    NoiseToGenerator,
    /// G → fakes.
    GeneratorToFakes,
    /// fakes → D.
    FakesToDiscriminator,
    /// real digits → D.
    RealToDiscriminator,
    /// D → verdict.
    DiscriminatorToVerdict,
}

impl Edge {
    /// Every arrow, in drawing order.
    pub const ALL: [Edge; 5] = [
        Edge::NoiseToGenerator,
        Edge::GeneratorToFakes,
        Edge::FakesToDiscriminator,
        Edge::RealToDiscriminator,
        Edge::DiscriminatorToVerdict,
    ];

    /// Its name in the page's markup (`data-edge`).
    pub fn id(self) -> &'static str {
        match self {
            Edge::NoiseToGenerator => "noise-g",
            Edge::GeneratorToFakes => "g-fakes",
            Edge::FakesToDiscriminator => "fakes-d",
            Edge::RealToDiscriminator => "real-d",
            Edge::DiscriminatorToVerdict => "d-verdict",
        }
    }
}

/// Where the gradient of a phase's loss flows, drawn as a backward arrow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gradient {
    /// Phase 2: from D's verdict into D, and no further (the fakes were detached from G).
    IntoDiscriminator,
    /// Phase 5: from the verdict back through the frozen D into G.
    ThroughFrozenDiscriminator,
}

/// The diagram as one phase shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagram {
    /// The boxes the phase uses.
    pub lit_nodes: Vec<Node>,
    /// The arrows data flows along in the phase.
    pub lit_edges: Vec<Edge>,
    /// The network whose weights the phase changes (it glows).
    pub learning: Option<Node>,
    /// D is frozen: greyed, with a lock.
    pub discriminator_frozen: bool,
    /// G and D are drawn as one stacked network z → D(G(z)).
    pub stacked: bool,
    /// The gradient's path, in the phases that compute one.
    pub gradient: Option<Gradient>,
}

impl Diagram {
    /// The diagram for the phase that ran last; `None` (nothing ran yet) lights nothing.
    pub fn for_phase(phase: Option<Phase>) -> Diagram {
        use Edge::*;
        use Node::*;
        let none = Diagram {
            lit_nodes: Vec::new(),
            lit_edges: Vec::new(),
            learning: None,
            discriminator_frozen: false,
            stacked: false,
            gradient: None,
        };
        let Some(phase) = phase else { return none };
        // The stack exists from phase 3 until phase 6 takes it apart; D is frozen in phases 4
        // and 5, as the scoreboard's boxes say (Phase::discriminator_frozen).
        let stacked = matches!(
            phase,
            Phase::StackNetworks | Phase::FreezeDiscriminator | Phase::TrainGenerator
        );
        let base = Diagram {
            stacked,
            discriminator_frozen: phase.discriminator_frozen(),
            ..none
        };
        match phase {
            Phase::GenerateFakes => Diagram {
                lit_nodes: vec![Noise, Generator, Fakes],
                lit_edges: vec![NoiseToGenerator, GeneratorToFakes],
                ..base
            },
            Phase::TrainDiscriminator => Diagram {
                lit_nodes: vec![Fakes, Real, Discriminator, Verdict],
                lit_edges: vec![
                    FakesToDiscriminator,
                    RealToDiscriminator,
                    DiscriminatorToVerdict,
                ],
                learning: Some(Discriminator),
                gradient: Some(Gradient::IntoDiscriminator),
                ..base
            },
            Phase::StackNetworks | Phase::TrainGenerator => {
                let training = phase == Phase::TrainGenerator;
                Diagram {
                    lit_nodes: vec![Noise, Generator, Fakes, Discriminator, Verdict],
                    lit_edges: vec![
                        NoiseToGenerator,
                        GeneratorToFakes,
                        FakesToDiscriminator,
                        DiscriminatorToVerdict,
                    ],
                    learning: training.then_some(Generator),
                    gradient: training.then_some(Gradient::ThroughFrozenDiscriminator),
                    ..base
                }
            }
            Phase::FreezeDiscriminator | Phase::UnfreezeDiscriminator => Diagram {
                lit_nodes: vec![Discriminator],
                ..base
            },
        }
    }

    /// Whether `node` is lit.
    pub fn lit(&self, node: Node) -> bool {
        self.lit_nodes.contains(&node)
    }

    /// Whether `edge` is lit.
    pub fn edge_lit(&self, edge: Edge) -> bool {
        self.lit_edges.contains(&edge)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_network_a_phase_trains_glows() {
        let learning: Vec<Option<Node>> = Phase::ALL
            .iter()
            .map(|p| Diagram::for_phase(Some(*p)).learning)
            .collect();
        assert_eq!(
            learning,
            vec![
                None,
                Some(Node::Discriminator),
                None,
                None,
                Some(Node::Generator),
                None
            ]
        );
    }

    #[test]
    fn d_is_locked_in_phases_four_and_five_only() {
        for phase in Phase::ALL {
            let frozen = Diagram::for_phase(Some(phase)).discriminator_frozen;
            assert_eq!(
                frozen,
                matches!(phase, Phase::FreezeDiscriminator | Phase::TrainGenerator),
                "{phase:?}"
            );
        }
        // The network that learns is never the frozen one.
        for phase in Phase::ALL {
            let d = Diagram::for_phase(Some(phase));
            assert!(!(d.discriminator_frozen && d.learning == Some(Node::Discriminator)));
        }
    }

    #[test]
    fn the_gradient_reaches_d_in_phase_two_and_g_through_frozen_d_in_phase_five() {
        let two = Diagram::for_phase(Some(Phase::TrainDiscriminator));
        assert_eq!(two.gradient, Some(Gradient::IntoDiscriminator));
        assert!(two.lit(Node::Real) && !two.lit(Node::Generator));
        let five = Diagram::for_phase(Some(Phase::TrainGenerator));
        assert_eq!(five.gradient, Some(Gradient::ThroughFrozenDiscriminator));
        assert!(five.discriminator_frozen && five.stacked);
        assert!(!five.lit(Node::Real), "phase 5 sees no real digit");
        let others: Vec<Phase> = Phase::ALL
            .into_iter()
            .filter(|p| Diagram::for_phase(Some(*p)).gradient.is_some())
            .collect();
        assert_eq!(
            others,
            vec![Phase::TrainDiscriminator, Phase::TrainGenerator]
        );
    }

    #[test]
    fn the_stack_stands_from_phase_three_to_five_and_nothing_is_lit_before_a_phase() {
        let stacked: Vec<usize> = Phase::ALL
            .into_iter()
            .filter(|p| Diagram::for_phase(Some(*p)).stacked)
            .map(Phase::number)
            .collect();
        assert_eq!(stacked, vec![3, 4, 5]);
        let idle = Diagram::for_phase(None);
        assert!(idle.lit_nodes.is_empty() && idle.lit_edges.is_empty());
        // Every lit arrow joins two lit boxes.
        for phase in Phase::ALL {
            let d = Diagram::for_phase(Some(phase));
            for edge in &d.lit_edges {
                let (from, to) = match edge {
                    Edge::NoiseToGenerator => (Node::Noise, Node::Generator),
                    Edge::GeneratorToFakes => (Node::Generator, Node::Fakes),
                    Edge::FakesToDiscriminator => (Node::Fakes, Node::Discriminator),
                    Edge::RealToDiscriminator => (Node::Real, Node::Discriminator),
                    Edge::DiscriminatorToVerdict => (Node::Discriminator, Node::Verdict),
                };
                assert!(d.lit(from) && d.lit(to), "{phase:?}: {edge:?}");
            }
        }
    }
}
