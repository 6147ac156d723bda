//! "You are the detective": the class marks a round of real digits and forgeries real or
//! fake, by touch or keyboard, and then sees its score beside D's. Training goes on meanwhile;
//! the round's logic lives in `gan_page::quiz`.

use gan_protocol::{ToWorker, fill};
use leptos::prelude::*;

use super::digit::Digit;
use crate::page::context::AppContext;

/// The game's panel.
#[component]
pub fn QuizPanel() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let state = ctx.state;
    let ready = Memo::new(move |_| state.with(|s| s.ready()));
    let quiz = Memo::new(move |_| state.with(|s| s.quiz.clone()));
    let mark = move |index: usize, real: bool| {
        state.update(|s| {
            if let Some(quiz) = s.quiz.as_mut() {
                quiz.mark(index, real);
            }
        });
    };
    let digits = move || {
        let quiz = quiz.get()?;
        let finished = quiz.finished();
        let lang = ctx.lang.get();
        let t = lang.texts();
        Some(
            quiz.digits
                .into_iter()
                .enumerate()
                .map(|(i, digit)| {
                    let truth = if digit.real { t.quiz_real } else { t.quiz_fake };
                    let answer = finished.then(|| {
                        fill(t.quiz_truth, &[("truth", &truth), ("d", &lang.number(f64::from(digit.d_says), 2))])
                    });
                    let choice = move |real: bool, label: &'static str| {
                        view! {
                            <button
                                class="mark"
                                data-testid=format!("quiz-{i}-{}", if real { "real" } else { "fake" })
                                aria-pressed=(digit.marked == Some(real)).to_string()
                                disabled=finished
                                on:click=move |_| mark(i, real)
                            >
                                {label}
                            </button>
                        }
                    };
                    view! {
                        <li
                            class="quiz-digit"
                            class:right=finished && digit.class_right()
                            class:wrong=finished && !digit.class_right()
                            role="group"
                            aria-label=fill(t.quiz_digit_aria, &[("n", &(i + 1))])
                        >
                            <Digit pixels=digit.pixels.clone() />
                            <span class="marks">{choice(true, t.quiz_real)} {choice(false, t.quiz_fake)}</span>
                            {answer.map(|a| view! { <span class="truth">{a}</span> })}
                        </li>
                    }
                })
                .collect_view(),
        )
    };
    view! {
        <section class="panel quiz" data-testid="quiz-panel" aria-label=move || ctx.t().quiz_title>
            <h2>{move || ctx.t().quiz_title}</h2>
            <p class="small">{move || ctx.t().quiz_intro}</p>
            <button
                data-testid="quiz-new"
                disabled=move || !ready.get()
                on:click=move |_| ctx.send(&ToWorker::Quiz)
            >
                {move || ctx.t().quiz_new}
            </button>
            <ol class="quiz-digits">{digits}</ol>
            <p class="quiz-result" data-testid="quiz-result" aria-live="polite">
                {move || quiz.get().and_then(|q| q.result(ctx.lang.get()))}
            </p>
        </section>
    }
}
