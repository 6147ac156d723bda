//! Loads the shipped training set (MNIST's digits or Fashion-MNIST's clothes) into the worker,
//! with progress, and checks it.

use gan_data::{Collection, MnistSet, ShippedFile, Split};
use gan_protocol::Texts;
use js_sys::{Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{ReadableStreamDefaultReader, Response, WorkerGlobalScope};

/// Where the data lies, relative to the worker script (which sits beside `index.html`), so
/// the site works under any sub-path: `data/<collection's folder>/`.
const DATA_DIR: &str = "data/";

fn js_error(value: &JsValue) -> String {
    value
        .as_string()
        .or_else(|| {
            value
                .dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
        })
        .unwrap_or_else(|| format!("{value:?}"))
}

/// Where the judge lies, relative to the worker script.
const JUDGE_URL: &str = "data/judge/judge.bin";

async fn open(
    scope: &WorkerGlobalScope,
    collection: Collection,
    file: ShippedFile,
) -> Result<Response, String> {
    open_url(
        scope,
        &format!("{DATA_DIR}{}/{}", collection.dir(), file.name),
    )
    .await
}

async fn open_url(scope: &WorkerGlobalScope, url: &str) -> Result<Response, String> {
    let response: Response = JsFuture::from(scope.fetch_with_str(url))
        .await
        .map_err(|e| format!("{url}: {} (is the site served over HTTP?)", js_error(&e)))?
        .dyn_into()
        .map_err(|_| format!("{url}: not a response"))?;
    if !response.ok() {
        return Err(format!(
            "{url}: HTTP {} {}",
            response.status(),
            response.status_text()
        ));
    }
    Ok(response)
}

fn content_length(response: &Response) -> u64 {
    response
        .headers()
        .get("content-length")
        .ok()
        .flatten()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

/// Reads a body chunk by chunk, reporting `(bytes so far)` after each.
async fn read_body(
    response: &Response,
    name: &str,
    mut progress: impl FnMut(u64),
) -> Result<Vec<u8>, String> {
    let body = response
        .body()
        .ok_or_else(|| format!("{name}: empty response"))?;
    let reader: ReadableStreamDefaultReader = body
        .get_reader()
        .dyn_into()
        .map_err(|_| format!("{name}: cannot read the response"))?;
    let mut bytes = Vec::new();
    let mut reported = 0;
    loop {
        let chunk = JsFuture::from(reader.read())
            .await
            .map_err(|e| format!("{name}: download broke off ({})", js_error(&e)))?;
        let done = Reflect::get(&chunk, &JsValue::from_str("done"))
            .ok()
            .and_then(|d| d.as_bool())
            .unwrap_or(true);
        if done {
            return Ok(bytes);
        }
        let value = Reflect::get(&chunk, &JsValue::from_str("value"))
            .map_err(|_| format!("{name}: unreadable chunk"))?;
        bytes.extend(Uint8Array::new(&value).to_vec());
        // Every 256 kB is smooth enough for a progress bar and spares the page re-renders.
        if bytes.len() - reported >= 256 * 1024 {
            reported = bytes.len();
            progress(bytes.len() as u64);
        }
    }
}

/// Downloads and verifies the 60 000 training digits. `progress(loaded, total, what)` is called
/// as bytes arrive; `total` is 0 when the server does not send lengths.
pub async fn load_training_digits(
    scope: &WorkerGlobalScope,
    collection: Collection,
    t: &Texts,
    mut progress: impl FnMut(u64, u64, &str),
) -> Result<MnistSet, String> {
    let split = Split::Train;
    let files = [collection.images(split), collection.labels(split)];
    // Open both first: their lengths give one total for the progress bar.
    let images = open(scope, collection, files[0]).await?;
    let labels = open(scope, collection, files[1]).await?;
    let total = content_length(&images) + content_length(&labels);
    let what = match collection {
        Collection::Mnist => t.loading_count,
        Collection::Fashion => t.loading_fashion,
    };
    let image_bytes = read_body(&images, files[0].name, |n| progress(n, total, what)).await?;
    let done = image_bytes.len() as u64;
    let label_bytes =
        read_body(&labels, files[1].name, |n| progress(done + n, total, what)).await?;
    progress(total.max(done), total, t.checking_digits);
    MnistSet::from_verified_gz_in(collection, split, &image_bytes, &label_bytes)
        .map_err(|e| format!("the downloaded digits are damaged: {e}"))
}

/// Downloads the judge's file (checked by whoever parses it). Small enough to read whole,
/// without progress.
pub async fn load_judge(scope: &WorkerGlobalScope) -> Result<Vec<u8>, String> {
    let response = open_url(scope, JUDGE_URL).await?;
    let buffer = response
        .array_buffer()
        .map_err(|e| format!("{JUDGE_URL}: {}", js_error(&e)))?;
    let buffer = JsFuture::from(buffer)
        .await
        .map_err(|e| format!("{JUDGE_URL}: download broke off ({})", js_error(&e)))?;
    Ok(Uint8Array::new(&buffer).to_vec())
}
