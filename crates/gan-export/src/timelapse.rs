//! The digit grid recorded over training, written as an animated GIF.
//!
//! A lesson can train for an hour: the recorder keeps at most [`Timelapse::MAX_FRAMES`]
//! frames. When it is full it drops every other frame and records half as often from then on,
//! so the frames always span the whole run evenly, from the first step to the newest.

use gif::{DisposalMethod, Encoder, Frame, Repeat};

use crate::ExportError;
use crate::sheet::{DIGIT_PIXELS, Sheet};

/// One recorded grid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shot {
    /// The training step it shows.
    pub step: u64,
    /// The grid's digits, 784 grey bytes each.
    pub digits: Vec<u8>,
}

/// The recorder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timelapse {
    shots: Vec<Shot>,
    /// Steps between two recorded frames; doubles whenever the recorder thins out.
    every: u64,
}

impl Default for Timelapse {
    fn default() -> Self {
        Self {
            shots: Vec::new(),
            every: 1,
        }
    }
}

/// Rows of the progress bar under the digits, before scaling.
const BAR_ROWS: usize = 3;
/// Grey of the progress bar.
const BAR_GREY: u8 = 200;

impl Timelapse {
    /// The most frames kept (about 12 MB of grids at 64 digits).
    pub const MAX_FRAMES: usize = 240;

    /// Records the grid of `step` if it is due. A step before the newest frame means training
    /// started over (a reset, a loaded model): the recording starts over with it.
    pub fn record(&mut self, step: u64, digits: &[u8]) {
        if digits.len() < DIGIT_PIXELS {
            return;
        }
        match self.shots.last() {
            Some(last) if step < last.step => *self = Self::default(),
            Some(last) if step < last.step + self.every => return,
            _ => {}
        }
        if self.shots.len() == Self::MAX_FRAMES {
            // Keep every other frame (the first among them) and record half as often.
            let mut index = 0;
            self.shots.retain(|_| {
                index += 1;
                index % 2 == 1
            });
            self.every *= 2;
            if let Some(last) = self.shots.last()
                && step < last.step + self.every
            {
                return;
            }
        }
        self.shots.push(Shot {
            step,
            digits: digits.to_vec(),
        });
    }

    /// The recorded frames, oldest first.
    pub fn shots(&self) -> &[Shot] {
        &self.shots
    }

    /// Frames recorded.
    pub fn len(&self) -> usize {
        self.shots.len()
    }

    /// Whether nothing is recorded yet.
    pub fn is_empty(&self) -> bool {
        self.shots.is_empty()
    }

    /// Steps between two frames now.
    pub fn every(&self) -> u64 {
        self.every
    }

    /// The first and the newest recorded step.
    pub fn span(&self) -> Option<(u64, u64)> {
        Some((self.shots.first()?.step, self.shots.last()?.step))
    }

    /// The recording as an animated GIF that loops: each frame the grid in rows of `columns`
    /// scaled `scale` times, with a bar underneath that fills up from the first step to the
    /// newest; `frame_ms` per frame (GIF counts in 10 ms), the newest held for 2 s.
    pub fn gif(&self, columns: usize, scale: usize, frame_ms: u32) -> Result<Vec<u8>, ExportError> {
        let (first, newest) = self.span().ok_or(ExportError::Empty)?;
        let sheets: Vec<Sheet> = self
            .shots
            .iter()
            .map(|shot| {
                with_bar(
                    Sheet::tile(&shot.digits, columns, 1),
                    shot.step,
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
                frame.delay = if i + 1 == self.shots.len() {
                    200
                } else {
                    delay
                };
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
        let steps: Vec<u64> = lapse.shots().iter().map(|s| s.step).collect();
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
