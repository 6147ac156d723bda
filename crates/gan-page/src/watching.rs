//! What the page says about a phase's data ([`PhaseView`]): the figures under each digit
//! ("0.48 → 0.55") and one sentence on what the phase changed, worked out here so the view only
//! places them.

use gan_core::Phase;
use gan_protocol::PhaseView;
use gan_protocol::grid::DIGIT_PIXELS;
use gan_protocol::lang::Term;
use gan_protocol::lang::{Lang, fill};

/// A digit shown with D's probability "real" before and after the phase.
#[derive(Debug, Clone, PartialEq)]
pub struct Judged {
    /// 784 grey levels.
    pub pixels: Vec<u8>,
    /// D's probability "real" before the update.
    pub before: f32,
    /// After it.
    pub after: f32,
}

impl Judged {
    /// "0.48 → 0.55", in the language's numbers.
    pub fn change(&self, lang: Lang) -> String {
        format!(
            "{} → {}",
            lang.number(f64::from(self.before), 2),
            lang.number(f64::from(self.after), 2)
        )
    }

    /// Whether the update moved D's answer towards `target` (1 for a real digit, 0 for a fake).
    pub fn moved_towards(&self, target: f32) -> bool {
        (self.after - target).abs() < (self.before - target).abs()
    }
}

/// The digits of a strip with their verdicts before and after, digit by digit.
pub fn judged(pixels: &[u8], before: &[f32], after: &[f32]) -> Vec<Judged> {
    pixels
        .chunks_exact(DIGIT_PIXELS)
        .zip(before.iter().zip(after))
        .map(|(pixels, (&before, &after))| Judged {
            pixels: pixels.to_vec(),
            before,
            after,
        })
        .collect()
}

fn mean(values: &[f32]) -> f32 {
    if values.is_empty() {
        return f32::NAN;
    }
    values.iter().sum::<f32>() / values.len() as f32
}

/// "higher", "lower" or "unchanged": which way D's belief moved.
fn direction(before: f32, after: f32, lang: Lang) -> &'static str {
    let t = lang.texts();
    // Below half a hundredth the two figures read the same: the belief stayed.
    if (after - before).abs() < 0.005 {
        t.watch_stayed
    } else if after > before {
        t.watch_rose
    } else {
        t.watch_fell
    }
}

/// The sentence under a phase's data: what the phase did, with its figures. `batch` is the
/// batch size, for phase 1's "the first 8 of the 64 fakes".
pub fn summary(view: &PhaseView, batch: usize, lang: Lang) -> String {
    let t = lang.texts();
    let n = |v: f32| lang.number(f64::from(v), 2);
    match view {
        PhaseView::Fakes { pixels, .. } => fill(
            t.watch_fakes,
            &[("count", &(pixels.len() / DIGIT_PIXELS)), ("batch", &batch)],
        ),
        PhaseView::Discriminator {
            real_before,
            real_after,
            fakes_before,
            fakes_after,
            loss_real,
            loss_fake,
            ..
        } => {
            let (rb, ra) = (mean(real_before), mean(real_after));
            let (fb, fa) = (mean(fakes_before), mean(fakes_after));
            fill(
                t.watch_discriminator,
                &[
                    ("real_dir", &direction(rb, ra, lang)),
                    ("real_before", &n(rb)),
                    ("real_after", &n(ra)),
                    ("fake_dir", &direction(fb, fa, lang)),
                    ("fake_before", &n(fb)),
                    ("fake_after", &n(fa)),
                    ("loss_real", &n(*loss_real)),
                    ("loss_fake", &n(*loss_fake)),
                ],
            )
        }
        PhaseView::Generator {
            d_before, d_after, ..
        } => {
            let (before, after) = (mean(d_before), mean(d_after));
            let template = if after > before + 0.005 {
                t.watch_generator_fooled_more
            } else {
                t.watch_generator_not_yet
            };
            fill(
                template,
                &[
                    ("dir", &direction(before, after, lang)),
                    ("before", &n(before)),
                    ("after", &n(after)),
                ],
            )
        }
    }
}

/// The glossary's words a phase's explanation uses, for the links under it.
pub fn phase_terms(phase: Phase) -> &'static [Term] {
    match phase {
        Phase::GenerateFakes => &[Term::Generator, Term::NoiseVector, Term::Batch],
        Phase::TrainDiscriminator => &[Term::Discriminator, Term::Loss, Term::Weight, Term::DOfX],
        Phase::StackNetworks => &[Term::Generator, Term::Discriminator, Term::DOfGOfZ],
        Phase::FreezeDiscriminator => &[Term::Weight, Term::Gradient],
        Phase::TrainGenerator => &[
            Term::Gradient,
            Term::Loss,
            Term::LearningRate,
            Term::DOfGOfZ,
        ],
        Phase::UnfreezeDiscriminator => &[Term::Weight, Term::Batch],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn digits(count: usize) -> Vec<u8> {
        (0..count * DIGIT_PIXELS).map(|i| (i % 251) as u8).collect()
    }

    #[test]
    fn each_digit_keeps_its_own_figures() {
        let list = judged(&digits(2), &[0.25, 0.5], &[0.75, 0.3]);
        assert_eq!(list.len(), 2);
        assert_eq!(list[1].pixels, digits(2)[DIGIT_PIXELS..].to_vec());
        assert_eq!(list[0].change(Lang::En), "0.25 → 0.75");
        assert_eq!(list[1].change(Lang::De), "0,50 → 0,30");
        assert!(list[0].moved_towards(1.0) && !list[0].moved_towards(0.0));
        assert!(list[1].moved_towards(0.0));
    }

    fn discriminator(real: (f32, f32), fake: (f32, f32)) -> PhaseView {
        PhaseView::Discriminator {
            step: 7,
            real: digits(2),
            fakes: digits(2),
            real_before: vec![real.0; 2],
            real_after: vec![real.1; 2],
            fakes_before: vec![fake.0; 2],
            fakes_after: vec![fake.1; 2],
            loss_real: 0.61,
            loss_fake: 0.72,
        }
    }

    #[test]
    fn phase_two_says_which_way_each_half_moved_with_its_loss() {
        let text = summary(&discriminator((0.4, 0.6), (0.5, 0.3)), 64, Lang::En);
        assert!(text.contains("0.40 → 0.60 (higher)"), "{text}");
        assert!(text.contains("0.50 → 0.30 (lower)"), "{text}");
        assert!(text.contains("0.61") && text.contains("0.72"), "{text}");
        let still = summary(&discriminator((0.4, 0.402), (0.5, 0.3)), 64, Lang::De);
        assert!(still.contains("(unverändert)"), "{still}");
        assert!(still.contains("0,40"), "{still}");
    }

    #[test]
    fn phase_five_says_whether_g_fools_the_frozen_d_more() {
        let view = |before: f32, after: f32| PhaseView::Generator {
            step: 3,
            before: digits(1),
            after: digits(1),
            d_before: vec![before],
            d_after: vec![after],
        };
        let more = summary(&view(0.2, 0.3), 64, Lang::En);
        let not_yet = summary(&view(0.3, 0.3), 64, Lang::En);
        assert_ne!(more, not_yet);
        assert!(more.contains("0.20") && more.contains("0.30"), "{more}");
    }

    #[test]
    fn the_six_phases_link_every_word_of_the_recipe_once_per_phase() {
        let mut linked = Vec::new();
        for phase in Phase::ALL {
            let terms = phase_terms(phase);
            assert!(!terms.is_empty(), "{phase:?}");
            for (i, term) in terms.iter().enumerate() {
                assert!(!terms[..i].contains(term), "{phase:?} lists {term:?} twice");
            }
            linked.extend_from_slice(terms);
        }
        // The words the six explanations and the scoreboard use; the rest (label smoothing,
        // batch norm, dropout, mode collapse, Fréchet distance) are linked where the form, the
        // judge and the warnings name them.
        for term in [
            Term::Generator,
            Term::Discriminator,
            Term::NoiseVector,
            Term::Weight,
            Term::Loss,
            Term::Gradient,
            Term::Batch,
            Term::LearningRate,
            Term::DOfX,
            Term::DOfGOfZ,
        ] {
            assert!(linked.contains(&term), "no phase links {term:?}");
        }
    }

    #[test]
    fn phase_one_names_the_strip_and_the_batch() {
        let view = PhaseView::Fakes {
            step: 1,
            pixels: digits(8),
        };
        let text = summary(&view, 64, Lang::En);
        assert!(text.contains('8') && text.contains("64"), "{text}");
    }
}
