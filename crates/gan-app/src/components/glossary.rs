//! The glossary: every word of the duel with a short definition in the page's language, each
//! with its own anchor, and the small "?" links that lead to it from where the word appears.

use gan_protocol::lang::Term;
use leptos::prelude::*;

use crate::page::context::AppContext;

/// A "?" beside a word of the page, leading to its glossary entry.
#[component]
pub fn GlossaryLink(
    /// The entry it leads to.
    term: Term,
) -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    view! {
        <a
            class="term-link"
            href=format!("#{}", term.id())
            data-term=term.id()
            title=move || term.name(ctx.lang.get())
            aria-label=move || format!("{}: {}", ctx.t().glossary_title, term.name(ctx.lang.get()))
        >
            "?"
        </a>
    }
}

/// The glossary panel.
#[component]
pub fn Glossary() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    view! {
        <section class="panel glossary" id="glossary" data-testid="glossary" aria-label=move || ctx.t().glossary_title>
            <h2>{move || ctx.t().glossary_open}</h2>
            <dl>
                {Term::ALL
                    .into_iter()
                    .map(|term| {
                        view! {
                            <dt id=term.id()>{move || term.name(ctx.lang.get())}</dt>
                            <dd>{move || term.definition(ctx.lang.get())}</dd>
                        }
                    })
                    .collect_view()}
            </dl>
        </section>
    }
}
