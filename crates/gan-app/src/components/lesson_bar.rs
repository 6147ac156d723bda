//! The lesson bar: the language, lesson mode, the panels shown and the link that restores all
//! of it. The address bar always holds the same link, so copying it works too.

use gan_page::lesson::Panel;
use gan_protocol::Lang;
use leptos::prelude::*;

use crate::page::address;
use crate::page::context::AppContext;

/// The lesson bar.
#[component]
pub fn LessonBar() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    // The link as the address bar holds it; it follows every change of the lesson.
    let link = Memo::new(move |_| {
        let query = ctx.link().to_query();
        let href = address::href();
        let base = href
            .split(['?', '#'])
            .next()
            .unwrap_or_default()
            .to_string();
        format!("{base}{query}")
    });
    let copy = move |_| {
        let text = link.get_untracked();
        leptos::task::spawn_local(async move {
            match address::copy(&text).await {
                Ok(()) => ctx.inform(ctx.texts().link_copied.into()),
                Err(()) => ctx.refuse(ctx.texts().copy_failed.into()),
            }
        });
    };
    let panel_toggle = move |panel: Panel| {
        view! {
            <label class="panel-toggle">
                <input
                    type="checkbox"
                    data-testid=format!("panel-{}", panel.id())
                    prop:checked=move || ctx.panels.get().contains(panel)
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        ctx.panels.update(|p| *p = p.with(panel, on));
                    }
                />
                {move || panel.label(ctx.lang.get())}
            </label>
        }
    };
    view! {
        <nav class="lesson" aria-label=move || ctx.t().lesson_aria data-testid="lesson-bar">
            <label>
                {move || ctx.t().language_label}
                <select
                    data-testid="language"
                    on:change=move |ev| {
                        if let Some(lang) = Lang::from_tag(&event_target_value(&ev)) {
                            ctx.set_lang(lang);
                        }
                    }
                >
                    {Lang::ALL
                        .into_iter()
                        .map(|lang| {
                            view! {
                                <option value=lang.code() selected=move || ctx.lang.get() == lang>
                                    {lang.name()}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </label>
            <label title=move || ctx.t().lesson_mode_title>
                <input
                    type="checkbox"
                    data-testid="lesson-mode"
                    prop:checked=move || ctx.lesson_mode.get()
                    on:change=move |ev| ctx.lesson_mode.set(event_target_checked(&ev))
                />
                {move || ctx.t().lesson_mode}
            </label>
            <label class="present-toggle" title=move || ctx.t().present_title>
                <input
                    type="checkbox"
                    data-testid="present"
                    prop:checked=move || ctx.present.get()
                    on:change=move |ev| ctx.present.set(event_target_checked(&ev))
                />
                {move || ctx.t().present_on}
            </label>
            <span class="panels" hidden=move || ctx.lesson_mode.get()>
                {move || ctx.t().panels_label}
                {Panel::ALL.into_iter().map(panel_toggle).collect_view()}
            </span>
            <span class="share" title=move || ctx.t().share_title>
                {move || ctx.t().share_label}
                <input
                    type="text"
                    readonly
                    aria-label=move || ctx.t().share_label
                    data-testid="share-link"
                    prop:value=move || link.get()
                    on:focus=move |ev| {
                        use wasm_bindgen::JsCast;
                        if let Some(input) = ev
                            .target()
                            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
                        {
                            input.select();
                        }
                    }
                />
                <button data-testid="copy-link" on:click=copy>
                    {move || ctx.t().copy_link}
                </button>
            </span>
        </nav>
    }
}
