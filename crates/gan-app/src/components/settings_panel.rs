//! Hyperparameters: model, learning rates, batch size, noise size, label smoothing, the MLP's
//! batch norm and dropout. Ranges
//! are enforced with a message per field; the panel says before applying whether a change
//! applies live or restarts training.

use gan_page::lesson::Panel;
use gan_page::settings::{Change, Field, change, parse_form};
use gan_protocol::ToWorker;
use leptos::prelude::*;

use super::glossary::GlossaryLink;
use crate::page::context::AppContext;

fn field_id(field: Field) -> &'static str {
    match field {
        Field::Model => "setting-model",
        Field::LrGenerator => "setting-lr-g",
        Field::LrDiscriminator => "setting-lr-d",
        Field::BatchSize => "setting-batch",
        Field::LatentDim => "setting-latent",
        Field::LabelSmoothing => "setting-smoothing",
        Field::GeneratorNorm => "setting-g-norm",
        Field::Dropout => "setting-dropout",
        Field::Conditional => "setting-conditional",
    }
}

/// The settings form.
#[component]
pub fn SettingsPanel() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let state = ctx.state;
    let config = Memo::new(move |_| state.with(|s| s.config.clone()));
    let texts = RwSignal::new(Field::ALL.map(|f| f.value_in(&config.get_untracked())));
    // The form follows the config in use whenever the worker confirms a new one.
    Effect::new(move |_| {
        let config = config.get();
        texts.set(Field::ALL.map(|f| f.value_in(&config)));
    });
    let parsed = Memo::new(move |_| {
        let fields: Vec<(Field, String)> = Field::ALL.iter().copied().zip(texts.get()).collect();
        parse_form(&config.get(), &fields, ctx.lang.get())
    });
    let error_of = move |field: Field| {
        parsed.with(|p| match p {
            Err(errors) => errors
                .iter()
                .find(|e| e.field == field)
                .map(|e| e.message.clone()),
            Ok(_) => None,
        })
    };
    let pending_change = Memo::new(move |_| match parsed.get() {
        Ok(next) => Some(change(&config.get(), &next)),
        Err(_) => None,
    });
    let apply = move |_| {
        if let Ok(next) = parsed.get_untracked() {
            ctx.send(&ToWorker::Configure(next));
        }
    };
    let input = move |index: usize, field: Field| {
        let id = field_id(field);
        let control = if let Some(choices) = field.choices() {
            view! {
                <select
                    id=id
                    data-testid=id
                    on:change=move |ev| texts.update(|t| t[index] = event_target_value(&ev))
                >
                    {choices
                        .iter()
                        .map(|&m| {
                            view! {
                                <option value=m selected=move || texts.with(|t| t[index] == m)>
                                    {move || match (field, m) {
                                        (Field::Model, _) => m.to_uppercase(),
                                        (_, "on") => ctx.t().on.to_string(),
                                        (_, "off") => ctx.t().off.to_string(),
                                        _ => m.to_string(),
                                    }}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            }
            .into_any()
        } else {
            view! {
                <input
                    id=id
                    data-testid=id
                    type="text"
                    inputmode="decimal"
                    autocomplete="off"
                    aria-invalid=move || error_of(field).is_some().to_string()
                    prop:value=move || texts.with(|t| t[index].clone())
                    on:input=move |ev| texts.update(|t| t[index] = event_target_value(&ev))
                />
            }
            .into_any()
        };
        view! {
            <div class="field" class:invalid=move || error_of(field).is_some()>
                <label for=id>
                    {move || field.label(ctx.lang.get())}
                    {field.needs_reset().then_some(" ⟲")}
                </label>
                {field.term().map(|term| view! { <GlossaryLink term=term /> })}
                {control}
                <span class="hint">{move || field.range_hint(ctx.lang.get())}</span>
                {move || error_of(field).map(|m| view! { <span class="error" role="alert">{m}</span> })}
            </div>
        }
    };
    view! {
        <details class="settings" open hidden=move || !ctx.shows(Panel::Settings)>
            <summary>{move || ctx.t().settings_title}</summary>
            <form on:submit=move |ev| {
                ev.prevent_default();
                apply(());
            }>
                {Field::ALL.iter().enumerate().map(|(i, &f)| input(i, f)).collect_view()}
                <p class="change" data-testid="settings-change">
                    {move || match pending_change.get() {
                        Some(c) => c.message(ctx.lang.get()),
                        None => ctx.t().fix_fields,
                    }}
                </p>
                <button
                    type="submit"
                    data-testid="apply-settings"
                    disabled=move || !matches!(pending_change.get(), Some(Change::Live | Change::Reset)) || !state.with(|s| s.ready())
                >
                    {move || ctx.t().apply}
                </button>
                <p class="hint">{move || ctx.t().reset_marker_hint}</p>
            </form>
        </details>
    }
}
