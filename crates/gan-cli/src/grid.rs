//! Writes a square grid of generated digits as a greyscale PNG, as the app exports it.

use anyhow::Context;
use gan_export::Sheet;
use gan_protocol::grid::to_grey;
use std::path::Path;

/// Writes `pixels` (`n × 784` values in [-1, 1]) to `path` as a `cols`-wide grid, scaled up
/// `scale` times (nearest neighbour: crisp).
pub fn write_png(path: &Path, pixels: &[f32], cols: usize, scale: usize) -> anyhow::Result<()> {
    let sheet = Sheet::tile(&to_grey(pixels), cols, scale);
    let bytes = gan_export::png(&sheet)?;
    std::fs::write(path, bytes).with_context(|| format!("cannot write {}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_written_file_is_the_grid_as_a_png() {
        let dir = std::env::temp_dir().join(format!("gan-cli-grid-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("grid.png");
        // Two digits: white, black.
        let mut pixels = vec![1.0f32; 784];
        pixels.extend(vec![-1.0f32; 784]);
        write_png(&path, &pixels, 2, 1).unwrap();
        let bytes = std::fs::read(&path).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
        // The IHDR chunk's width and height: two cells of 28 + 2 and one more gap.
        let width = u32::from_be_bytes(bytes[16..20].try_into().unwrap());
        let height = u32::from_be_bytes(bytes[20..24].try_into().unwrap());
        assert_eq!((width, height), (2 * 30 + 2, 30 + 2));
    }
}
