//! Drawing grey 28 × 28 digits into a canvas, tile by tile, at one canvas pixel per digit
//! pixel: CSS scales the canvas by whole numbers with `image-rendering: pixelated`, so the
//! digits stay crisp on a projector.

use gan_protocol::grid::DIGIT_PIXELS;
use wasm_bindgen::{Clamped, JsCast};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, ImageData};

/// Side of one digit in pixels.
const SIDE: usize = 28;

/// RGBA bytes for `columns × rows` digits laid out row by row; missing digits stay dark.
pub fn tile_rgba(digits: &[u8], columns: usize, rows: usize) -> Vec<u8> {
    let width = columns * SIDE;
    let mut rgba = vec![0u8; width * rows * SIDE * 4];
    for (index, digit) in digits
        .chunks_exact(DIGIT_PIXELS)
        .take(columns * rows)
        .enumerate()
    {
        let (row, column) = (index / columns, index % columns);
        for (p, &grey) in digit.iter().enumerate() {
            let (y, x) = (row * SIDE + p / SIDE, column * SIDE + p % SIDE);
            let at = (y * width + x) * 4;
            rgba[at..at + 4].copy_from_slice(&[grey, grey, grey, 255]);
        }
    }
    rgba
}

/// Draws the digits into `canvas` (which must be `columns·28 × rows·28` pixels).
pub fn draw_digits(canvas: &HtmlCanvasElement, digits: &[u8], columns: usize, rows: usize) {
    let Some(context) = canvas
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into::<CanvasRenderingContext2d>().ok())
    else {
        return;
    };
    let rgba = tile_rgba(digits, columns, rows);
    let (width, height) = ((columns * SIDE) as u32, (rows * SIDE) as u32);
    if let Ok(image) = ImageData::new_with_u8_clamped_array_and_sh(Clamped(&rgba), width, height) {
        // put_image_data fails only for a detached canvas; the next draw tries again.
        let _ = context.put_image_data(&image, 0.0, 0.0);
    }
}
