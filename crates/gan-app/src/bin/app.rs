//! Placeholder of the classroom app: fetches the shipped test digits, verifies their checksums
//! with gan-data (the same code the native tests use) and draws a strip of real digits. The
//! Leptos app with live training replaces it.

use gan_data::{MnistSet, Split};
use js_sys::Uint8Array;
use wasm_bindgen::{Clamped, JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, ImageData, Response, Window};

/// Real digits drawn in the strip.
const STRIP: usize = 16;

fn main() {
    wasm_bindgen_futures::spawn_local(async {
        let message = match load_and_draw().await {
            Ok(count) => format!("{count} test digits loaded and their checksums verified."),
            Err(error) => format!("Could not load the digits: {error}. Reload the page to retry."),
        };
        set_status(&message);
    });
}

fn set_status(text: &str) {
    if let Some(status) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("status"))
    {
        status.set_text_content(Some(text));
    }
}

#[allow(
    clippy::needless_pass_by_value,
    reason = "a by-value signature lets it serve as `map_err(js_error)`"
)]
fn js_error(value: JsValue) -> String {
    value.as_string().unwrap_or_else(|| format!("{value:?}"))
}

/// Fetches a file relative to the page, so the site works under any sub-path.
async fn fetch_bytes(window: &Window, path: &str) -> Result<Vec<u8>, String> {
    let response: Response = JsFuture::from(window.fetch_with_str(path))
        .await
        .map_err(js_error)?
        .dyn_into()
        .map_err(js_error)?;
    if !response.ok() {
        return Err(format!("{path}: HTTP {}", response.status()));
    }
    let buffer = JsFuture::from(response.array_buffer().map_err(js_error)?)
        .await
        .map_err(js_error)?;
    Ok(Uint8Array::new(&buffer).to_vec())
}

async fn load_and_draw() -> Result<usize, String> {
    let window = web_sys::window().ok_or("no window")?;
    let split = Split::Test;
    let images = fetch_bytes(&window, &format!("data/mnist/{}", split.images_file())).await?;
    let labels = fetch_bytes(&window, &format!("data/mnist/{}", split.labels_file())).await?;
    let set = MnistSet::from_verified_gz(split, &images, &labels).map_err(|e| e.to_string())?;

    let canvas: HtmlCanvasElement = window
        .document()
        .and_then(|d| d.get_element_by_id("real-digits"))
        .ok_or("no canvas #real-digits")?
        .dyn_into()
        .map_err(|_| "#real-digits is not a canvas")?;
    let context: CanvasRenderingContext2d = canvas
        .get_context("2d")
        .map_err(js_error)?
        .ok_or("no 2d context")?
        .dyn_into()
        .map_err(|_| "not a 2d context")?;
    // One row of 28×28 digits, grey as RGBA; CSS scales the canvas up without smoothing.
    let width = 28 * STRIP;
    let mut rgba = vec![255u8; width * 28 * 4];
    for digit in 0..STRIP.min(set.len()) {
        for (p, &v) in set.image(digit).iter().enumerate() {
            let at = ((p / 28) * width + digit * 28 + p % 28) * 4;
            rgba[at..at + 3].fill(v);
        }
    }
    canvas.set_width(u32::try_from(width).unwrap_or(0));
    canvas.set_height(28);
    let image = ImageData::new_with_u8_clamped_array_and_sh(Clamped(&rgba), width as u32, 28)
        .map_err(js_error)?;
    context.put_image_data(&image, 0.0, 0.0).map_err(js_error)?;
    Ok(set.len())
}
