//! The latent walk: pick two digits of the grid and watch one turn into the other, as the
//! generator draws the noise vectors on the way from the first's noise to the second's.
//!
//! The way is spherical (slerp), not a straight line: noise vectors of a 100-dimensional
//! standard normal all have about the same length (√100 = 10), and a straight line between
//! two of them passes through much shorter vectors (about 7 halfway), which the generator has
//! never seen; the digits halfway would fade to grey blobs.

use crate::grid::GRID_DIGITS;
use gan_core::CLASSES;

/// Frames of a walk, both ends included: enough for the slider to look continuous.
pub const WALK_FRAMES: usize = 32;

/// Two grid digits to walk between, by their place in the grid (0..64, row by row).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct WalkEnds {
    /// Where the walk starts.
    pub from: u8,
    /// Where it ends.
    pub to: u8,
}

impl WalkEnds {
    /// Both ends, if each is a place in the grid and they differ.
    pub fn new(from: usize, to: usize) -> Option<WalkEnds> {
        (from < GRID_DIGITS && to < GRID_DIGITS && from != to).then_some(WalkEnds {
            from: from as u8,
            to: to as u8,
        })
    }
}

/// The point a share `t` (0 to 1) of the way from `a` to `b` along the great circle, with the
/// length going linearly from `|a|` to `|b|`. Nearly parallel vectors are interpolated
/// linearly, where the two agree.
pub fn slerp(a: &[f32], b: &[f32], t: f32) -> Vec<f32> {
    let norm = |v: &[f32]| v.iter().map(|x| x * x).sum::<f32>().sqrt();
    let (na, nb) = (norm(a), norm(b));
    if na == 0.0 || nb == 0.0 {
        return a.iter().zip(b).map(|(x, y)| x + t * (y - x)).collect();
    }
    let cos = (a.iter().zip(b).map(|(x, y)| x * y).sum::<f32>() / (na * nb)).clamp(-1.0, 1.0);
    let angle = cos.acos();
    if angle.sin().abs() < 1e-4 {
        return a.iter().zip(b).map(|(x, y)| x + t * (y - x)).collect();
    }
    // Unit directions, turned together on the circle through both.
    let (wa, wb) = (
        ((1.0 - t) * angle).sin() / angle.sin(),
        (t * angle).sin() / angle.sin(),
    );
    let length = na + t * (nb - na);
    a.iter()
        .zip(b)
        .map(|(x, y)| length * (wa * x / na + wb * y / nb))
        .collect()
}

/// The walk's noise: [`WALK_FRAMES`] vectors from grid digit `ends.from` to `ends.to`, out of
/// the grid's noise (`64 × latent`).
pub fn walk_noise(grid_noise: &[f32], latent: usize, ends: WalkEnds) -> Vec<f32> {
    let vector = |i: u8| &grid_noise[usize::from(i) * latent..(usize::from(i) + 1) * latent];
    let (a, b) = (vector(ends.from), vector(ends.to));
    (0..WALK_FRAMES)
        .flat_map(|frame| slerp(a, b, frame as f32 / (WALK_FRAMES - 1) as f32))
        .collect() // [32 × latent]
}

/// The walk's class weights for a grid of `columns` (`32 × 10`): a conditional grid draws
/// class `i mod 10` at place `i`, so the walk blends the two ends' classes linearly. The
/// classic grid has ten columns never, and its unconditional G ignores the weights.
pub fn walk_classes(ends: WalkEnds, columns: usize) -> Vec<f32> {
    let class = |i: u8| usize::from(i) % columns.max(1) % CLASSES;
    let (from, to) = (class(ends.from), class(ends.to));
    (0..WALK_FRAMES)
        .flat_map(|frame| {
            let t = frame as f32 / (WALK_FRAMES - 1) as f32;
            let mut weights = [0.0f32; CLASSES];
            weights[from] += 1.0 - t;
            weights[to] += t;
            weights
        })
        .collect() // [32 × 10]
}

/// The page's half of picking: the first click marks a digit, the second picks the other end
/// (clicking the marked one again unmarks it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct WalkPicker {
    /// The digit marked by the first click.
    pub marked: Option<u8>,
}

impl WalkPicker {
    /// Handles a click on grid digit `index`; returns the walk to draw when both ends are
    /// picked.
    pub fn click(&mut self, index: usize) -> Option<WalkEnds> {
        match self.marked {
            Some(first) if usize::from(first) == index => {
                self.marked = None;
                None
            }
            Some(first) => {
                self.marked = None;
                WalkEnds::new(usize::from(first), index)
            }
            None if index < GRID_DIGITS => {
                self.marked = Some(index as u8);
                None
            }
            None => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grid::grid_noise;

    fn norm(v: &[f32]) -> f32 {
        v.iter().map(|x| x * x).sum::<f32>().sqrt()
    }

    fn distance(a: &[f32], b: &[f32]) -> f32 {
        a.iter()
            .zip(b)
            .map(|(x, y)| (x - y).powi(2))
            .sum::<f32>()
            .sqrt()
    }

    #[test]
    fn the_walk_starts_and_ends_at_the_two_digits() {
        let noise = grid_noise(1, 100);
        let ends = WalkEnds::new(3, 60).unwrap();
        let walk = walk_noise(&noise, 100, ends);
        assert_eq!(walk.len(), WALK_FRAMES * 100);
        let close = |a: &[f32], b: &[f32]| distance(a, b) < 1e-4 * norm(b);
        assert!(close(&walk[..100], &noise[300..400]));
        assert!(close(&walk[(WALK_FRAMES - 1) * 100..], &noise[6000..6100]));
    }

    #[test]
    fn the_way_keeps_the_noise_length_and_moves_evenly() {
        let noise = grid_noise(7, 100);
        let walk = walk_noise(&noise, 100, WalkEnds::new(0, 1).unwrap());
        let frames: Vec<&[f32]> = walk.chunks_exact(100).collect();
        let (first, last) = (norm(frames[0]), norm(frames[WALK_FRAMES - 1]));
        for frame in &frames {
            let n = norm(frame);
            assert!(
                n >= first.min(last) * 0.999 && n <= first.max(last) * 1.001,
                "{n}"
            );
        }
        // A straight line would pass through a vector about 0.7 as long halfway.
        let middle = slerp(frames[0], frames[WALK_FRAMES - 1], 0.5);
        let straight: Vec<f32> = frames[0]
            .iter()
            .zip(frames[WALK_FRAMES - 1])
            .map(|(a, b)| (a + b) / 2.0)
            .collect();
        assert!(
            norm(&middle) > 1.25 * norm(&straight),
            "{} vs {}",
            norm(&middle),
            norm(&straight)
        );
        let steps: Vec<f32> = frames.windows(2).map(|w| distance(w[0], w[1])).collect();
        let (low, high) = steps
            .iter()
            .fold((f32::MAX, 0f32), |(l, h), &s| (l.min(s), h.max(s)));
        assert!(high / low < 1.1, "steps from {low} to {high}");
    }

    #[test]
    fn parallel_and_zero_vectors_fall_back_to_a_straight_line() {
        assert_eq!(slerp(&[1.0, 0.0], &[2.0, 0.0], 0.5), vec![1.5, 0.0]);
        assert_eq!(slerp(&[0.0, 0.0], &[2.0, 2.0], 0.25), vec![0.5, 0.5]);
        let opposite = slerp(&[1.0, 0.0], &[-1.0, 0.0], 0.5);
        assert!(opposite.iter().all(|x| x.is_finite()), "{opposite:?}");
    }

    #[test]
    fn two_clicks_pick_a_walk_and_a_second_click_on_the_same_digit_unmarks_it() {
        let mut picker = WalkPicker::default();
        assert_eq!(picker.click(5), None);
        assert_eq!(picker.marked, Some(5));
        assert_eq!(picker.click(5), None);
        assert_eq!(picker.marked, None);
        assert_eq!(picker.click(5), None);
        assert_eq!(picker.click(9), Some(WalkEnds { from: 5, to: 9 }));
        assert_eq!(picker.marked, None);
        assert_eq!(picker.click(64), None, "outside the grid");
        assert_eq!(WalkEnds::new(3, 3), None);
    }

    #[test]
    fn a_conditional_walk_blends_the_two_classes() {
        // Places 3 and 17 of a ten-column grid: a 3 and a 7.
        let classes = walk_classes(WalkEnds::new(3, 17).unwrap(), 10);
        assert_eq!(classes.len(), WALK_FRAMES * CLASSES);
        let frame = |f: usize| &classes[f * CLASSES..(f + 1) * CLASSES];
        assert_eq!(frame(0)[3], 1.0);
        assert_eq!(frame(WALK_FRAMES - 1)[7], 1.0);
        for f in 0..WALK_FRAMES {
            assert!((frame(f).iter().sum::<f32>() - 1.0).abs() < 1e-6);
        }
        assert!(frame(WALK_FRAMES / 2)[3] > 0.4 && frame(WALK_FRAMES / 2)[7] > 0.4);
    }
}
