//! The scoreboard's judgement in plain words: who is winning the duel, why, and the classic
//! failures a teacher should point out.

use gan_core::StepStats;

use gan_protocol::lang::{Lang, fill};

/// Who leads the duel right now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Leader {
    /// No step has run yet.
    NotStarted,
    /// The detective (D) catches most forgeries.
    Detective,
    /// The forger (G) fools D with most of its fakes.
    Forger,
    /// Neither side dominates: where a GAN learns best.
    Balanced,
}

impl Leader {
    /// A CSS class for the scoreboard's colour.
    pub fn css_class(self) -> &'static str {
        match self {
            Leader::NotStarted => "lead-none",
            Leader::Detective => "lead-detective",
            Leader::Forger => "lead-forger",
            Leader::Balanced => "lead-balanced",
        }
    }
}

/// A classic way for GAN training to fail, with the evidence.
#[derive(Debug, Clone, PartialEq)]
pub enum Warning {
    /// D rejects (almost) every fake with (almost) certainty, so G's gradient vanishes.
    DetectiveWinsOutright {
        /// The smoothed D(G(z)).
        d_fake: f32,
    },
    /// G draws only a few shapes, whatever the noise.
    ModeCollapse {
        /// Variety of the grid's fakes relative to real digits (1 = as varied).
        diversity: f64,
    },
    /// A loss keeps growing far beyond its usual range.
    Diverging {
        /// The largest smoothed loss.
        loss: f32,
    },
    /// A loss is not a number: training cannot go on.
    NotANumber,
}

impl Warning {
    /// The warning in plain words, with what to try.
    pub fn message(&self, lang: Lang) -> String {
        let t = lang.texts();
        match self {
            Warning::DetectiveWinsOutright { d_fake } => fill(
                t.warn_outright,
                &[("d_fake", &lang.number(f64::from(*d_fake) * 100.0, 1))],
            ),
            Warning::ModeCollapse { diversity } => fill(
                t.warn_collapse,
                &[("diversity", &lang.number(diversity * 100.0, 0))],
            ),
            Warning::Diverging { loss } => fill(
                t.warn_diverging,
                &[("loss", &lang.number(f64::from(*loss), 1))],
            ),
            Warning::NotANumber => t.warn_nan.into(),
        }
    }
}

/// What the scoreboard says.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    /// Who leads.
    pub leader: Leader,
    /// One sentence: who is winning and why.
    pub headline: String,
    /// The classic failures visible now.
    pub warnings: Vec<Warning>,
}

/// Thresholds of the judgement, in one place.
mod thresholds {
    /// D catches at least this share of fakes: the detective leads.
    pub const DETECTIVE_LEADS: f32 = 0.8;
    /// D catches at most this share of fakes: the forger leads.
    pub const FORGER_LEADS: f32 = 0.35;
    /// Smoothed D(G(z)) below this, with nearly every fake caught: G's gradient vanishes.
    pub const VANISHING_D_FAKE: f32 = 0.02;
    /// Fakes caught for the outright win.
    pub const OUTRIGHT_CATCH: f32 = 0.99;
    /// Steps before the outright-win warning can fire (the start is chaotic).
    pub const SETTLE_STEPS: u64 = 100;
    /// Steps before the collapse warning can fire: early on, every fake is the same grey blob,
    /// which is not collapse but a forger that has not learned shapes yet.
    pub const COLLAPSE_SETTLE_STEPS: u64 = 1000;
    /// Grid variety below this share of real variety: mode collapse.
    pub const COLLAPSE_DIVERSITY: f64 = 0.4;
    /// A smoothed loss above this: diverging. A healthy GAN's losses stay below about 3.
    pub const DIVERGING_LOSS: f32 = 8.0;
}

/// Smoothed accuracies and probabilities over the recent steps.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Recent {
    /// Steps completed.
    pub step: u64,
    /// Share of fakes D calls fake.
    pub caught: f32,
    /// Share of real digits D calls real.
    pub recognised: f32,
    /// Mean D(x).
    pub d_real: f32,
    /// Mean D(G(z)).
    pub d_fake: f32,
    /// The largest of D's and G's losses.
    pub max_loss: f32,
    /// Whether any loss was not finite.
    pub saw_nan: bool,
}

impl Recent {
    /// Weight of the newest step in the moving averages.
    const ALPHA: f32 = 0.15;

    /// Folds in one step's statistics.
    pub fn update(&mut self, stats: &StepStats) {
        let first = self.step == 0;
        self.step = stats.step;
        if !stats.is_finite() {
            self.saw_nan = true;
            return;
        }
        let blend = |old: f32, new: f32| {
            if first {
                new
            } else {
                old + Self::ALPHA * (new - old)
            }
        };
        self.caught = blend(self.caught, stats.d_accuracy_fake);
        self.recognised = blend(self.recognised, stats.d_accuracy_real);
        self.d_real = blend(self.d_real, stats.d_real);
        self.d_fake = blend(self.d_fake, stats.d_fake);
        let loss = stats.g_loss.max(stats.d_loss_real).max(stats.d_loss_fake);
        self.max_loss = blend(self.max_loss, loss);
    }
}

/// A share 0..=1 as a whole percentage, "97 %", as the scoreboard and the verdict write it.
pub fn percent(share: f32) -> String {
    format!("{:.0} %", (share * 100.0).clamp(0.0, 100.0))
}

/// Judges the duel from the recent statistics and, when known, the grid's variety; the
/// headline is written in `lang`.
pub fn judge(recent: &Recent, diversity: Option<f64>, lang: Lang) -> Verdict {
    use thresholds::*;
    let t = lang.texts();
    if recent.step == 0 {
        return Verdict {
            leader: Leader::NotStarted,
            headline: t.verdict_not_started.into(),
            warnings: Vec::new(),
        };
    }
    let (leader, headline) = if recent.caught >= DETECTIVE_LEADS {
        (
            Leader::Detective,
            fill(t.verdict_detective, &[("caught", &percent(recent.caught))]),
        )
    } else if recent.caught <= FORGER_LEADS {
        (
            Leader::Forger,
            fill(
                t.verdict_forger,
                &[("fooled", &percent(1.0 - recent.caught))],
            ),
        )
    } else {
        (
            Leader::Balanced,
            fill(
                t.verdict_balanced,
                &[
                    ("caught", &percent(recent.caught)),
                    ("recognised", &percent(recent.recognised)),
                ],
            ),
        )
    };
    let mut warnings = Vec::new();
    if recent.saw_nan {
        warnings.push(Warning::NotANumber);
    }
    let settled = recent.step >= SETTLE_STEPS;
    if settled && recent.caught >= OUTRIGHT_CATCH && recent.d_fake < VANISHING_D_FAKE {
        warnings.push(Warning::DetectiveWinsOutright {
            d_fake: recent.d_fake,
        });
    }
    let shapes_learned = recent.step >= COLLAPSE_SETTLE_STEPS;
    if let Some(diversity) = diversity.filter(|&d| shapes_learned && d < COLLAPSE_DIVERSITY) {
        warnings.push(Warning::ModeCollapse { diversity });
    }
    if recent.max_loss > DIVERGING_LOSS {
        warnings.push(Warning::Diverging {
            loss: recent.max_loss,
        });
    }
    Verdict {
        leader,
        headline,
        warnings,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::tests::stats;

    fn after(steps: u64, make: impl Fn(u64) -> StepStats) -> Recent {
        let mut recent = Recent::default();
        for step in 1..=steps {
            recent.update(&make(step));
        }
        recent
    }

    #[test]
    fn before_any_step_nobody_leads() {
        let verdict = judge(&Recent::default(), None, Lang::En);
        assert_eq!(verdict.leader, Leader::NotStarted);
        assert!(verdict.warnings.is_empty());
    }

    #[test]
    fn a_detective_that_catches_most_fakes_leads_and_says_how_many() {
        // p = 0.03: D(x) = 0.03 and 97 % of fakes caught in the test helper.
        let verdict = judge(&after(20, |s| stats(s, 0.5, 0.03)), None, Lang::En);
        assert_eq!(verdict.leader, Leader::Detective);
        assert!(verdict.headline.contains("97 %"), "{}", verdict.headline);
        assert!(verdict.headline.contains("forger is still learning"));
    }

    #[test]
    fn a_forger_that_fools_d_leads() {
        let verdict = judge(&after(20, |s| stats(s, 0.5, 0.9)), None, Lang::En);
        assert_eq!(verdict.leader, Leader::Forger);
        assert!(verdict.headline.contains("90 %"), "{}", verdict.headline);
    }

    #[test]
    fn an_even_duel_is_balanced() {
        let verdict = judge(&after(20, |s| stats(s, 0.7, 0.5)), Some(0.9), Lang::En);
        assert_eq!(verdict.leader, Leader::Balanced);
        assert!(verdict.warnings.is_empty(), "{:?}", verdict.warnings);
    }

    #[test]
    fn outright_win_warns_only_after_the_start() {
        let crushing = |s| {
            let mut st = stats(s, 0.01, 0.005);
            st.d_accuracy_fake = 1.0;
            st
        };
        assert!(
            judge(&after(50, crushing), None, Lang::En)
                .warnings
                .is_empty()
        );
        let verdict = judge(&after(150, crushing), None, Lang::En);
        assert!(matches!(
            verdict.warnings.as_slice(),
            [Warning::DetectiveWinsOutright { .. }]
        ));
        assert!(
            verdict.warnings[0]
                .message(Lang::En)
                .contains("gradient vanishes")
        );
    }

    #[test]
    fn collapse_divergence_and_nan_are_reported() {
        // Early blobs all look alike: that is not collapse yet.
        let early = judge(&after(200, |s| stats(s, 0.7, 0.5)), Some(0.1), Lang::En);
        assert!(early.warnings.is_empty(), "{:?}", early.warnings);
        let verdict = judge(&after(1200, |s| stats(s, 0.7, 0.5)), Some(0.1), Lang::En);
        assert!(matches!(
            verdict.warnings.as_slice(),
            [Warning::ModeCollapse { .. }]
        ));
        assert!(verdict.warnings[0].message(Lang::En).contains("10 %"));

        let verdict = judge(&after(200, |s| stats(s, 20.0, 0.5)), None, Lang::En);
        assert!(matches!(
            verdict.warnings.as_slice(),
            [Warning::Diverging { .. }]
        ));

        let mut recent = after(10, |s| stats(s, 0.7, 0.5));
        recent.update(&stats(11, f32::NAN, 0.5));
        assert!(
            judge(&recent, None, Lang::En)
                .warnings
                .contains(&Warning::NotANumber)
        );
    }
}
