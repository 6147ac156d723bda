//! "Your own pictures…" and "A folder of pictures…": a class's drawings as training data. The
//! worker checks and decodes them; a refused upload changes nothing.

use leptos::prelude::*;

use crate::page::context::AppContext;
use crate::page::files;

/// The two upload buttons.
#[component]
pub fn OwnPictures() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let ready = Memo::new(move |_| ctx.state.with(|s| s.ready()));
    let on_pick = move |ev: leptos::ev::Event| {
        let files = files::picked(&ev);
        if !files.is_empty() {
            ctx.load_pictures(files);
        }
    };
    view! {
        <div class="own" role="group" hidden=move || ctx.lesson_mode.get() title=move || ctx.t().own_title>
            <label class="file-button" class:disabled=move || !ready.get()>
                {move || ctx.t().own_pictures}
                <input
                    type="file"
                    multiple
                    accept="image/png,image/jpeg,image/gif,image/bmp,image/webp,.zip,application/zip"
                    data-testid="own-pictures"
                    disabled=move || !ready.get()
                    on:change=on_pick
                />
            </label>
            <label class="file-button" class:disabled=move || !ready.get()>
                {move || ctx.t().own_folder}
                <input
                    type="file"
                    multiple
                    prop:webkitdirectory=true
                    data-testid="own-folder"
                    disabled=move || !ready.get()
                    on:change=on_pick
                />
            </label>
        </div>
    }
}
