//! A sheet as a greyscale PNG.

use crate::{ExportError, Sheet};

/// The PNG file of `sheet`: 8-bit grey, no metadata.
pub fn png(sheet: &Sheet) -> Result<Vec<u8>, ExportError> {
    if sheet.width == 0 || sheet.height == 0 {
        return Err(ExportError::Empty);
    }
    let too_large = || ExportError::TooLarge {
        width: sheet.width,
        height: sheet.height,
    };
    let width = u32::try_from(sheet.width).map_err(|_| too_large())?;
    let height = u32::try_from(sheet.height).map_err(|_| too_large())?;
    let mut bytes = Vec::new();
    let mut encoder = ::png::Encoder::new(&mut bytes, width, height);
    encoder.set_color(::png::ColorType::Grayscale);
    encoder.set_depth(::png::BitDepth::Eight);
    let mut writer = encoder.write_header()?;
    writer.write_image_data(&sheet.grey)?;
    writer.finish()?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sheet::DIGIT_PIXELS;

    #[test]
    fn the_png_decodes_to_the_same_pixels() {
        let digits: Vec<u8> = (0..3 * DIGIT_PIXELS).map(|i| (i % 251) as u8).collect();
        let sheet = Sheet::tile(&digits, 2, 2);
        let bytes = png(&sheet).unwrap();
        assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
        let decoder = ::png::Decoder::new(std::io::Cursor::new(bytes));
        let mut reader = decoder.read_info().unwrap();
        let mut out = vec![0; reader.output_buffer_size().unwrap()];
        let info = reader.next_frame(&mut out).unwrap();
        assert_eq!(
            (info.width as usize, info.height as usize),
            (sheet.width, sheet.height)
        );
        assert_eq!(info.color_type, ::png::ColorType::Grayscale);
        assert_eq!(&out[..info.buffer_size()], &sheet.grey[..]);
    }

    #[test]
    fn an_empty_sheet_is_refused() {
        let empty = Sheet {
            width: 0,
            height: 0,
            grey: Vec::new(),
        };
        assert!(matches!(png(&empty), Err(ExportError::Empty)));
    }
}
