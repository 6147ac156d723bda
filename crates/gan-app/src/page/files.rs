//! Files in and out of the page: a download the browser saves, and an uploaded file's bytes.

use gan_protocol::text::for_people;
use js_sys::{Array, Uint8Array};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, BlobPropertyBag, File, HtmlAnchorElement, Response, Url};

/// Hands `bytes` to the browser as a download named `name`, of media type `mime`.
pub fn download(name: &str, bytes: &[u8], mime: &str) -> Result<(), String> {
    let parts = Array::of1(&Uint8Array::from(bytes));
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let blob =
        Blob::new_with_u8_array_sequence_and_options(&parts, &options).map_err(|e| said(&e))?;
    let url = Url::create_object_url_with_blob(&blob).map_err(|e| said(&e))?;
    let anchor: HtmlAnchorElement = leptos::prelude::document()
        .create_element("a")
        .map_err(|e| said(&e))?
        .unchecked_into();
    anchor.set_href(&url);
    anchor.set_download(name);
    anchor.click();
    // The click has started the download; the URL only held the blob for it.
    Url::revoke_object_url(&url).map_err(|e| said(&e))
}

/// The files the user just picked in the `<input type="file">` that `event` came from. The
/// input is cleared, so that picking the same files again is a new pick.
pub fn picked(event: &web_sys::Event) -> Vec<File> {
    let Some(input) = event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
    else {
        return Vec::new();
    };
    let files = input
        .files()
        .map(|list| (0..list.length()).filter_map(|i| list.get(i)).collect())
        .unwrap_or_default();
    input.set_value("");
    files
}

/// The whole content of an uploaded file.
pub async fn read(file: &File) -> Result<Vec<u8>, String> {
    let buffer = JsFuture::from(file.array_buffer())
        .await
        .map_err(|e| format!("the file could not be read ({})", said(&e)))?;
    Ok(Uint8Array::new(&buffer).to_vec())
}

/// The bytes the site serves at `url` (relative to the page).
pub async fn fetch(url: &str) -> Result<Vec<u8>, String> {
    let window = web_sys::window().ok_or("no window")?;
    let response: Response = JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(|e| format!("the request failed ({})", said(&e)))?
        .unchecked_into();
    if !response.ok() {
        return Err(format!("the site answered {}", response.status()));
    }
    let body = response.array_buffer().map_err(|e| said(&e))?;
    let buffer = JsFuture::from(body)
        .await
        .map_err(|e| format!("the download broke off ({})", said(&e)))?;
    Ok(Uint8Array::new(&buffer).to_vec())
}

/// What the browser said, as a page may show it ([`for_people`]); its whole text goes to the
/// console.
fn said(error: &wasm_bindgen::JsValue) -> String {
    web_sys::console::error_2(&"gan-app: the browser said".into(), error);
    for_people(&format!("{error:?}"))
}
