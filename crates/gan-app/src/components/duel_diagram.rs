//! The diagram of the duel: noise → G → fakes → D ← real digits, D → verdict. The phase
//! that ran last lights its path, the network that learns glows, a frozen D is greyed and
//! locked, and the gradient is drawn backwards (into D in phase 2, through frozen D into G in
//! phase 5). A click on it runs the next phase. What is lit comes from `gan_page::diagram`.

use gan_page::diagram::{Diagram, Edge, Gradient, Node};
use gan_protocol::ToWorker;
use leptos::prelude::*;

use crate::page::context::AppContext;

/// A box's place in the drawing (x, y, width, height) in the view box's units.
fn frame(node: Node) -> (f64, f64, f64, f64) {
    match node {
        Node::Noise => (8.0, 44.0, 118.0, 62.0),
        Node::Generator => (176.0, 44.0, 118.0, 62.0),
        Node::Fakes => (344.0, 44.0, 130.0, 62.0),
        Node::Real => (344.0, 186.0, 130.0, 62.0),
        Node::Discriminator => (524.0, 110.0, 118.0, 62.0),
        Node::Verdict => (682.0, 110.0, 110.0, 62.0),
    }
}

/// An arrow's path between two boxes.
fn path(edge: Edge) -> &'static str {
    match edge {
        Edge::NoiseToGenerator => "M126 75 H172",
        Edge::GeneratorToFakes => "M294 75 H340",
        Edge::FakesToDiscriminator => "M474 75 C500 75 500 130 520 132",
        Edge::RealToDiscriminator => "M474 217 C500 217 500 152 520 150",
        Edge::DiscriminatorToVerdict => "M642 141 H678",
    }
}

/// The backward arrow of a gradient, and where its label goes.
fn gradient_path(gradient: Gradient) -> (&'static str, f64, f64) {
    match gradient {
        // From the verdict's loss back into D, underneath, beside the "learns" under D.
        Gradient::IntoDiscriminator => ("M737 176 C737 226 646 226 634 178", 690.0, 246.0),
        // From the verdict back over the frozen D and the fakes into G, above the boxes.
        Gradient::ThroughFrozenDiscriminator => ("M737 108 V22 H235 V40", 480.0, 16.0),
    }
}

/// The diagram.
#[component]
pub fn DuelDiagram() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let state = ctx.state;
    let diagram = Memo::new(move |_| state.with(|s| Diagram::for_phase(s.last_phase)));
    let ready = Memo::new(move |_| state.with(|s| s.ready()));
    let label = move |node: Node| {
        let t = ctx.t();
        match node {
            Node::Noise => ("z", t.diagram_noise),
            Node::Generator => ("G", t.diagram_forger),
            Node::Fakes => ("G(z)", t.diagram_fakes),
            Node::Real => ("x", t.diagram_real),
            Node::Discriminator => ("D", t.diagram_detective),
            Node::Verdict => ("D(·)", t.diagram_verdict),
        }
    };
    let boxes = move || {
        Node::ALL
            .into_iter()
            .map(|node| {
                let (x, y, w, h) = frame(node);
                let is_d = node == Node::Discriminator;
                view! {
                    <g
                        class="node"
                        data-node=node.id()
                        class:lit=move || diagram.with(|d| d.lit(node))
                        class:learning=move || diagram.with(|d| d.learning == Some(node))
                        class:frozen=move || is_d && diagram.with(|d| d.discriminator_frozen)
                    >
                        <rect x=x y=y width=w height=h rx="10"></rect>
                        <text class="name" x=x + w / 2.0 y=y + 28.0>{move || label(node).0}</text>
                        <text class="sub" x=x + w / 2.0 y=y + 52.0>{move || label(node).1}</text>
                        <text
                            class="learns"
                            x=x + w / 2.0
                            y=y + h + 20.0
                            hidden=move || diagram.with(|d| d.learning != Some(node))
                        >
                            {move || ctx.t().diagram_learns}
                        </text>
                    </g>
                }
            })
            .collect_view()
    };
    let arrows = Edge::ALL
        .into_iter()
        .map(|edge| {
            view! {
                <path
                    class="edge"
                    data-edge=edge.id()
                    class:lit=move || diagram.with(|d| d.edge_lit(edge))
                    d=path(edge)
                    marker-end="url(#arrow)"
                ></path>
            }
        })
        .collect_view();
    let gradient = move || {
        diagram.with(|d| d.gradient).map(|g| {
            let (d, x, y) = gradient_path(g);
            view! {
                <g class="gradient" data-gradient=format!("{g:?}")>
                    <path d=d marker-end="url(#back)"></path>
                    <text x=x y=y>{move || ctx.t().diagram_gradient}</text>
                </g>
            }
        })
    };
    view! {
        <figure class="diagram" data-testid="duel-diagram">
            <svg
                viewBox="0 0 800 256"
                role="img"
                aria-label=move || ctx.t().diagram_aria
                data-stacked=move || diagram.with(|d| d.stacked).to_string()
                data-frozen=move || diagram.with(|d| d.discriminator_frozen).to_string()
                class:ready=move || ready.get()
                // The class advances at its own pace: a click on the diagram runs the next phase.
                on:click=move |_| {
                    if ready.get_untracked() {
                        ctx.send(&ToWorker::PhaseStep);
                    }
                }
            >
                <defs>
                    <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                        <path d="M0 0 L10 5 L0 10 z"></path>
                    </marker>
                    <marker id="back" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                        <path d="M0 0 L10 5 L0 10 z"></path>
                    </marker>
                </defs>
                <g class="stack" hidden=move || !diagram.with(|d| d.stacked)>
                    <rect x="2" y="34" width="796" height="144" rx="14"></rect>
                    <text x="14" y="200">{move || ctx.t().diagram_stack}</text>
                </g>
                {arrows}
                {boxes}
                <g class="d-lock" hidden=move || !diagram.with(|d| d.discriminator_frozen) data-testid="diagram-lock">
                    <path d="M616 104 v-7 a7 7 0 0 1 14 0 v7"></path>
                    <rect x="612" y="104" width="22" height="16" rx="3"></rect>
                </g>
                {gradient}
            </svg>
            <figcaption class="hint">{move || ctx.t().diagram_next}</figcaption>
        </figure>
    }
}
