//! The page's address and the browser's languages, through plain JavaScript properties: the
//! address bar follows the lesson (`history.replaceState`), so that copying it shares the
//! lesson, and the browser's preferred languages pick the page's default language.

use gan_protocol::Lang;
use js_sys::{Array, Function, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

fn property(target: &JsValue, name: &str) -> Option<JsValue> {
    Reflect::get(target, &JsValue::from_str(name))
        .ok()
        .filter(|v| !v.is_undefined() && !v.is_null())
}

fn window() -> JsValue {
    leptos::prelude::window().into()
}

/// `navigator.languages` (or `navigator.language`), most preferred first.
pub fn browser_languages() -> Vec<String> {
    let Some(navigator) = property(&window(), "navigator") else {
        return Vec::new();
    };
    if let Some(list) = property(&navigator, "languages").and_then(|l| l.dyn_into::<Array>().ok()) {
        return list.iter().filter_map(|v| v.as_string()).collect();
    }
    property(&navigator, "language")
        .and_then(|l| l.as_string())
        .into_iter()
        .collect()
}

/// Replaces the address bar's query with `query` (with its `?`, or empty), keeping the path,
/// without a new history entry or a reload.
pub fn replace_query(query: &str) {
    let location = leptos::prelude::window().location();
    let path = location.pathname().unwrap_or_default();
    let hash = location.hash().unwrap_or_default();
    let url = format!("{path}{query}{hash}");
    if location.search().unwrap_or_default() == query {
        return;
    }
    let Some(history) = property(&window(), "history") else {
        return;
    };
    if let Some(replace) =
        property(&history, "replaceState").and_then(|f| f.dyn_into::<Function>().ok())
    {
        let _ = replace.call3(
            &history,
            &JsValue::NULL,
            &JsValue::from_str(""),
            &url.into(),
        );
    }
}

/// The page's full address now.
pub fn href() -> String {
    leptos::prelude::window()
        .location()
        .href()
        .unwrap_or_default()
}

/// Puts `text` on the clipboard; `Err` where the browser refuses (no permission, no
/// clipboard API, not a secure context).
pub async fn copy(text: &str) -> Result<(), ()> {
    let navigator = property(&window(), "navigator").ok_or(())?;
    let clipboard = property(&navigator, "clipboard").ok_or(())?;
    let write = property(&clipboard, "writeText")
        .and_then(|f| f.dyn_into::<Function>().ok())
        .ok_or(())?;
    let promise = write
        .call1(&clipboard, &JsValue::from_str(text))
        .map_err(|_| ())?;
    JsFuture::from(js_sys::Promise::from(promise))
        .await
        .map(|_| ())
        .map_err(|_| ())
}

/// Sets the `lang` attribute of the page, so screen readers and hyphenation follow it.
pub fn set_document_lang(lang: Lang) {
    let document = leptos::prelude::document();
    if let Some(root) = document.document_element() {
        let _ = root.set_attribute("lang", lang.code());
    }
    // The tab's and the bookmark's name follow the page's language too.
    document.set_title(lang.texts().page_title);
}

/// Where the page keeps the name of the build it last ran in this browser.
const BUILD_KEY: &str = "gan-werkstatt-build";

/// Whether this page is a new deployment since this browser's last visit
/// ([`gan_page::deployment::is_new`]); remembers this one's name for the next visit.
pub fn new_deployment() -> bool {
    let document = leptos::prelude::document();
    let Some(current) = document
        .query_selector("meta[name=\"gan-build\"]")
        .ok()
        .flatten()
        .and_then(|meta| meta.get_attribute("content"))
    else {
        return false;
    };
    // Private modes and locked-down browsers may have no storage: then nothing is news.
    let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) else {
        return false;
    };
    let previous = storage.get_item(BUILD_KEY).ok().flatten();
    let _ = storage.set_item(BUILD_KEY, &current);
    gan_page::deployment::is_new(previous.as_deref(), &current)
}
