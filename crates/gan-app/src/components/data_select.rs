//! The training data: MNIST's handwritten digits or Fashion-MNIST's photos of clothes. A
//! switch restarts the trainer with the other set, from step 0.

use gan_data::Collection;
use gan_protocol::fill;
use leptos::prelude::*;

use crate::page::context::AppContext;

/// The data menu.
#[component]
pub fn DataSelect() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let own = Memo::new(move |_| ctx.state.with(|s| s.own_pictures));
    let on_change = move |ev| {
        // Back to a shipped set (from it, or from own pictures): a fresh trainer loads it.
        if let Some(data) = Collection::from_id(&event_target_value(&ev))
            && (data != ctx.data.get_untracked() || own.get_untracked().is_some())
        {
            ctx.data.set(data);
            ctx.restart();
        }
    };
    view! {
        <label class="data" hidden=move || ctx.lesson_mode.get() title=move || ctx.t().data_title>
            {move || ctx.t().data_label}
            <select data-testid="data-select" on:change=on_change>
                {Collection::ALL
                    .into_iter()
                    .map(|data| {
                        view! {
                            <option
                                value=data.id()
                                selected=move || own.get().is_none() && ctx.data.get() == data
                            >
                                {move || match data {
                                    Collection::Mnist => ctx.t().data_mnist,
                                    Collection::Fashion => ctx.t().data_fashion,
                                }}
                            </option>
                        }
                    })
                    .collect_view()}
                {move || {
                    own.get()
                        .map(|count| {
                            view! {
                                <option value="own" selected>
                                    {fill(ctx.t().own_option, &[("count", &count)])}
                                </option>
                            }
                        })
                }}
            </select>
        </label>
    }
}
