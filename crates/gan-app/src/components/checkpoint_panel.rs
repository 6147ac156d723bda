//! Start from the site's trained model, save the model to a file, or load one: the worker
//! checks a file before it replaces anything.

use gan_data::Collection;
use gan_page::lesson::Panel;
use gan_protocol::ToWorker;
use leptos::prelude::*;

use crate::page::context::AppContext;
use crate::page::files;

/// "Start from a trained model", "Save model" and "Load model…".
#[component]
pub fn CheckpointPanel() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let state = ctx.state;
    let ready = Memo::new(move |_| state.with(|s| s.ready()));
    let on_load = move |ev: leptos::ev::Event| {
        if let Some(file) = files::picked(&ev).into_iter().next() {
            ctx.load_checkpoint_file(file);
        }
    };
    view! {
        <div class="checkpoint" role="group" aria-label=move || ctx.t().model_file_aria>
            <button
                data-testid="pretrained"
                disabled=move || !ready.get() || ctx.data.get() != Collection::Mnist
                on:click=move |_| ctx.load_pretrained()
                title=move || if ctx.data.get() == Collection::Mnist {
                    ctx.t().pretrained_title
                } else {
                    ctx.t().pretrained_digits_only
                }
            >
                {move || ctx.t().pretrained}
            </button>
            <Show when=move || ctx.shows(Panel::Files)>
            <button
                data-testid="save-checkpoint"
                disabled=move || !ready.get()
                on:click=move |_| ctx.send(&ToWorker::SaveCheckpoint)
                title=move || ctx.t().save_model_title
            >
                {move || ctx.t().save_model}
            </button>
            <label class="file-button" class:disabled=move || !ready.get()>
                {move || ctx.t().load_model}
                <input
                    type="file"
                    accept=".gan,application/octet-stream"
                    data-testid="load-checkpoint"
                    disabled=move || !ready.get()
                    on:change=on_load
                />
            </label>
            </Show>
        </div>
    }
}
