//! The page title and the two-sentence introduction.

use leptos::prelude::*;

/// Title and what a GAN is, in two sentences.
#[component]
pub fn Intro() -> impl IntoView {
    view! {
        <header class="intro">
            <h1>"GAN Werkstatt"</h1>
            <p>
                "A generative adversarial network is a duel between two neural networks: a forger "
                "(the generator G) turns random noise into images, and a detective (the "
                "discriminator D) learns to tell them from real handwritten digits. "
                "Each learns from the other's mistakes, until the forgeries look real: press "
                <kbd>"Train"</kbd> " and watch it happen in your browser."
            </p>
        </header>
    }
}
