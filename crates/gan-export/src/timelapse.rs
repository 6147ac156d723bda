//! The digit grid recorded over training, written as an animated GIF.
//!
//! A lesson can train for an hour: the recorder keeps at most [`Timelapse::MAX_FRAMES`]
//! frames. When it is full it drops every other frame and records half as often from then on,
//! so the frames always span the whole run evenly, from the first step to the newest.

use gif::{DisposalMethod, Encoder, Frame, Repeat};

use crate::ExportError;
use crate::sheet::{DIGIT_PIXELS, Sheet};

/// The recorder. Its frames live in one buffer, reserved in full at the first frame, so the
/// page's memory takes its whole budget at once and then stays flat while training runs for
/// an hour (a soak test holds it to that).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Timelapse {
    /// The recorded steps, oldest first.
    steps: Vec<u64>,
    /// Their grids, one after another, `frame_len` bytes each.
    pixels: Vec<u8>,
    /// Bytes of one grid; a grid of another size starts the recording over.
    frame_len: usize,
    /// Steps between two recorded frames; doubles whenever the recorder thins out.
    every: u64,
}

/// Rows of the progress bar under the digits, before scaling.
const BAR_ROWS: usize = 3;
/// Grey of the progress bar.
const BAR_GREY: u8 = 200;

impl Timelapse {
    /// The most frames kept (about 12 MB of grids at 64 digits).
    pub const MAX_FRAMES: usize = 240;

    /// Records the grid of `step` if it is due. A step before the newest frame means training
    /// started over (a reset, a loaded model), and a grid of another size another model: the
    /// recording starts over with it.
    pub fn record(&mut self, step: u64, digits: &[u8]) {
        if digits.len() < DIGIT_PIXELS {
            return;
        }
        let restart =
            self.frame_len != digits.len() || self.steps.last().is_some_and(|&last| step < last);
        if restart {
            self.steps.clear();
            self.pixels.clear();
            self.frame_len = digits.len();
            self.every = 1;
            self.steps.reserve_exact(Self::MAX_FRAMES);
            self.pixels.reserve_exact(Self::MAX_FRAMES * digits.len());
        }
        if let Some(&last) = self.steps.last()
            && step < last + self.every
        {
            return;
        }
        if self.steps.len() == Self::MAX_FRAMES {
            // Keep every other frame (the first among them), in place, and record half as often.
            let kept = Self::MAX_FRAMES.div_ceil(2);
            for i in 0..kept {
                self.steps[i] = self.steps[2 * i];
                let from = 2 * i * self.frame_len;
                self.pixels
                    .copy_within(from..from + self.frame_len, i * self.frame_len);
            }
            self.steps.truncate(kept);
            self.pixels.truncate(kept * self.frame_len);
            self.every *= 2;
            if let Some(&last) = self.steps.last()
                && step < last + self.every
            {
                return;
            }
        }
        self.steps.push(step);
        self.pixels.extend_from_slice(digits);
    }

    /// The recorded steps, oldest first.
    pub fn steps(&self) -> &[u64] {
        &self.steps
    }

    /// The grid of frame `index`, oldest first.
    pub fn frame(&self, index: usize) -> &[u8] {
        &self.pixels[index * self.frame_len..(index + 1) * self.frame_len]
    }

    /// Frames recorded.
    pub fn len(&self) -> usize {
        self.steps.len()
    }

    /// Whether nothing is recorded yet.
    pub fn is_empty(&self) -> bool {
        self.steps.is_empty()
    }

    /// Steps between two frames now.
    pub fn every(&self) -> u64 {
        self.every
    }

    /// Bytes the recorder holds for frames (its whole budget once the first frame came).
    pub fn reserved_bytes(&self) -> usize {
        self.pixels.capacity()
    }

    /// The first and the newest recorded step.
    pub fn span(&self) -> Option<(u64, u64)> {
        Some((*self.steps.first()?, *self.steps.last()?))
    }

    /// The recording as an animated GIF that loops: each frame the grid in rows of `columns`
    /// scaled `scale` times, with a bar underneath that fills up from the first step to the
    /// newest; `frame_ms` per frame (GIF counts in 10 ms), the newest held for 2 s.
    pub fn gif(&self, columns: usize, scale: usize, frame_ms: u32) -> Result<Vec<u8>, ExportError> {
        let (first, newest) = self.span().ok_or(ExportError::Empty)?;
        let sheets: Vec<Sheet> = (0..self.len())
            .map(|i| {
                with_bar(
                    Sheet::tile(self.frame(i), columns, 1),
                    self.steps[i],
                    first,
                    newest,
                )
                .scaled(scale)
            })
            .collect();
        let (width, height) = (sheets[0].width, sheets[0].height);
        let too_large = || ExportError::TooLarge { width, height };
        let (w16, h16) = (
            u16::try_from(width).map_err(|_| too_large())?,
            u16::try_from(height).map_err(|_| too_large())?,
        );
        let palette: Vec<u8> = (0..=255u8).flat_map(|g| [g, g, g]).collect();
        let mut bytes = Vec::new();
        {
            let mut encoder = Encoder::new(&mut bytes, w16, h16, &palette)?;
            encoder.set_repeat(Repeat::Infinite)?;
            let delay = u16::try_from(frame_ms.div_ceil(10)).unwrap_or(u16::MAX);
            for (i, sheet) in sheets.into_iter().enumerate() {
                // A grid of another shape (a new noise size does not change it, but be safe)
                // cannot share the animation's canvas.
                if (sheet.width, sheet.height) != (width, height) {
                    continue;
                }
                let mut frame = Frame::from_indexed_pixels(w16, h16, sheet.grey, None);
                frame.delay = if i + 1 == self.len() { 200 } else { delay };
                frame.dispose = DisposalMethod::Keep;
                encoder.write_frame(&frame)?;
            }
        }
        Ok(bytes)
    }
}

/// `sheet` with a progress bar underneath: full width at `newest`, empty at `first`.
fn with_bar(mut sheet: Sheet, step: u64, first: u64, newest: u64) -> Sheet {
    let share = if newest > first {
        (step - first) as f64 / (newest - first) as f64
    } else {
        1.0
    };
    let filled = (share * sheet.width as f64).round() as usize;
    for row in 0..BAR_ROWS {
        let line = (0..sheet.width).map(|x| {
            if x < filled && row + 1 < BAR_ROWS {
                BAR_GREY
            } else {
                0
            }
        });
        sheet.grey.extend(line);
    }
    sheet.height += BAR_ROWS;
    sheet
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid(level: u8) -> Vec<u8> {
        vec![level; 4 * DIGIT_PIXELS]
    }

    #[test]
    fn records_every_grid_until_full_then_thins_evenly() {
        let mut lapse = Timelapse::default();
        for step in 0..Timelapse::MAX_FRAMES as u64 {
            lapse.record(step, &grid(1));
        }
        assert_eq!(lapse.len(), Timelapse::MAX_FRAMES);
        // The next one thins: half the frames, every second step, and it is recorded.
        lapse.record(Timelapse::MAX_FRAMES as u64, &grid(2));
        assert_eq!(lapse.len(), Timelapse::MAX_FRAMES / 2 + 1);
        assert_eq!(lapse.every(), 2);
        for step in Timelapse::MAX_FRAMES as u64 + 1..100_000 {
            lapse.record(step, &grid(3));
        }
        assert!(lapse.len() <= Timelapse::MAX_FRAMES);
        assert!(lapse.len() > Timelapse::MAX_FRAMES / 2, "{}", lapse.len());
        let steps = lapse.steps().to_vec();
        assert_eq!(steps[0], 0, "the first step stays");
        assert!(
            *steps.last().unwrap() > 99_000,
            "the newest is recent: {steps:?}"
        );
        // Evenly spread: no gap more than twice the recording interval.
        let widest = steps.windows(2).map(|w| w[1] - w[0]).max().unwrap();
        assert!(
            widest <= 2 * lapse.every(),
            "{widest} vs every {}",
            lapse.every()
        );
    }

    #[test]
    fn a_step_back_starts_over_and_a_short_grid_is_ignored() {
        let mut lapse = Timelapse::default();
        lapse.record(10, &grid(1));
        lapse.record(20, &grid(1));
        lapse.record(3, &grid(1));
        assert_eq!(lapse.span(), Some((3, 3)));
        lapse.record(4, &[0; 10]);
        assert_eq!(lapse.len(), 1);
        // A grid of another size (a conditional model's 60 digits) starts over too.
        lapse.record(5, &vec![9; 60 * DIGIT_PIXELS]);
        assert_eq!((lapse.span(), lapse.frame(0)[0]), (Some((5, 5)), 9));
    }

    #[test]
    fn the_whole_budget_is_reserved_at_the_first_frame_and_never_grows() {
        let mut lapse = Timelapse::default();
        lapse.record(0, &grid(1));
        let budget = lapse.reserved_bytes();
        assert!(budget >= Timelapse::MAX_FRAMES * grid(1).len());
        for step in 1..10_000 {
            lapse.record(step, &grid((step % 200) as u8));
        }
        assert_eq!(lapse.reserved_bytes(), budget);
        // Thinning kept the frames with their own pixels.
        let last = lapse.len() - 1;
        assert_eq!(lapse.frame(last)[0], (lapse.steps()[last] % 200) as u8);
        assert_eq!(lapse.frame(1)[0], (lapse.steps()[1] % 200) as u8);
    }

    #[test]
    fn the_gif_has_every_frame_and_the_grids_pixels() {
        let mut lapse = Timelapse::default();
        assert!(matches!(lapse.gif(2, 1, 100), Err(ExportError::Empty)));
        for (step, level) in [(0, 10u8), (50, 120), (100, 250)] {
            lapse.record(step, &grid(level));
        }
        let bytes = lapse.gif(2, 2, 120).unwrap();
        assert_eq!(&bytes[..6], b"GIF89a");
        let mut options = gif::DecodeOptions::new();
        options.set_color_output(gif::ColorOutput::Indexed);
        let mut decoder = options.read_info(std::io::Cursor::new(bytes)).unwrap();
        let (width, height) = (decoder.width() as usize, decoder.height() as usize);
        assert_eq!(width, (2 * 30 + 2) * 2);
        assert_eq!(height, (2 * 30 + 2 + BAR_ROWS) * 2);
        let mut frames = Vec::new();
        while let Some(frame) = decoder.read_next_frame().unwrap() {
            frames.push((frame.delay, frame.buffer.to_vec()));
        }
        assert_eq!(frames.len(), 3);
        assert_eq!(frames[0].0, 12);
        assert_eq!(frames[2].0, 200, "the newest frame is held");
        // A digit's pixel (the palette index is the grey level), then the bar's fill.
        let digit_pixel = (2 * 2) * width + 2 * 2;
        let levels: Vec<u8> = frames.iter().map(|(_, f)| f[digit_pixel]).collect();
        assert_eq!(levels, vec![10, 120, 250]);
        let bar_row = (2 * 30 + 2) * 2 * width;
        let filled: Vec<usize> = frames
            .iter()
            .map(|(_, f)| {
                f[bar_row..bar_row + width]
                    .iter()
                    .filter(|&&g| g == BAR_GREY)
                    .count()
            })
            .collect();
        assert_eq!(filled, vec![0, width / 2, width]);
    }
}
