//! "Draw a 7": a conditional forger drawing the digit a student asks for. Shown only while
//! the model is conditional.

use gan_data::Collection;
use gan_protocol::ToWorker;
use gan_protocol::fill;
use gan_protocol::protocol::ASKED_DRAWINGS;
use leptos::html::Canvas;
use leptos::prelude::*;

use super::pixels::draw_digits;
use crate::page::context::AppContext;

/// The ask panel.
#[component]
pub fn AskPanel() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let state = ctx.state;
    let conditional = Memo::new(move |_| state.with(|s| s.config.conditional));
    let answer = Memo::new(move |_| state.with(|s| s.answer.as_ref().map(|a| (a.0, a.1))));
    let canvas = NodeRef::<Canvas>::new();
    Effect::new(move |_| {
        let _ = answer.get();
        state.with(|s| {
            if let (Some(canvas), Some((_, _, pixels))) = (canvas.get(), s.answer.as_ref()) {
                draw_digits(&canvas, pixels, ASKED_DRAWINGS, 1);
            }
        });
    });
    let ready = Memo::new(move |_| state.with(|s| s.ready()));
    // "Draw a 7", or on Fashion-MNIST "Draw: sneaker".
    let name = move |class: u8| match ctx.data.get() {
        Collection::Mnist => fill(ctx.t().ask_button, &[("digit", &class)]),
        Collection::Fashion => fill(
            ctx.t().ask_button_class,
            &[("class", &ctx.t().fashion_class(class))],
        ),
    };
    view! {
        <section
            class="panel ask"
            data-testid="ask-panel"
            hidden=move || !conditional.get()
            aria-label=move || ctx.t().ask_title
        >
            <h2>{move || ctx.t().ask_title}</h2>
            <p class="small">{move || ctx.t().ask_hint}</p>
            <div class="ask-buttons" role="group">
                {(0..10u8)
                    .map(|digit| {
                        view! {
                            <button
                                data-testid=format!("ask-{digit}")
                                disabled=move || !ready.get()
                                on:click=move |_| ctx.send(&ToWorker::Ask { digit })
                            >
                                {move || name(digit)}
                            </button>
                        }
                    })
                    .collect_view()}
            </div>
            <figure class="digits answer" hidden=move || answer.get().is_none()>
                <canvas
                    node_ref=canvas
                    data-testid="ask-answer"
                    data-digit=move || answer.get().map(|(_, digit)| digit.to_string())
                    data-step=move || answer.get().map(|(step, _)| step.to_string())
                    width=(ASKED_DRAWINGS * 28).to_string()
                    height="28"
                    role="img"
                    aria-label=move || ctx.t().ask_answer_aria
                ></canvas>
                <figcaption>
                    {move || {
                        answer
                            .get()
                            .map(|(step, digit)| {
                                let what = match ctx.data.get() {
                                    Collection::Mnist => digit.to_string(),
                                    Collection::Fashion => ctx.t().fashion_class(digit).to_string(),
                                };
                                fill(ctx.t().ask_answer, &[("digit", &what), ("step", &step)])
                            })
                    }}
                </figcaption>
            </figure>
        </section>
    }
}
