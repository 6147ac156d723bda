//! The page title, the two-sentence introduction and the way to the teacher's material.

use leptos::prelude::*;

use crate::page::context::AppContext;

/// Title and what a GAN is, in two sentences.
#[component]
pub fn Intro() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    view! {
        <header class="intro">
            <h1>"GAN Werkstatt"</h1>
            <p data-testid="intro">
                {move || ctx.t().intro_before_key}
                <kbd>{move || ctx.t().train}</kbd>
                {move || ctx.t().intro_after_key}
                " "
                // The material ships with the site, one folder per language (www/teacher/).
                <a data-testid="teacher-material" href=move || format!("teacher/{}/", ctx.lang.get().code())>
                    {move || ctx.t().teacher_material}
                </a>
            </p>
        </header>
    }
}
