//! The scoreboard's judgement in plain words: who is winning the duel, why, and the classic
//! failures a teacher should point out.

use gan_core::StepStats;

use gan_protocol::lang::{Lang, fill};

/// Who leads the duel right now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Leader {
    /// No step has run yet.
    NotStarted,
    /// The first steps: the figures do not mean anything yet.
    WarmingUp,
    /// The detective (D) sorts real and fake images clearly better than guessing.
    Detective,
    /// D sorts them worse than guessing: it takes the forgeries for the real thing.
    Forger,
    /// D sorts them about as well as guessing: the balance the duel aims for.
    Balanced,
}

impl Leader {
    /// A CSS class for the scoreboard's colour.
    pub fn css_class(self) -> &'static str {
        match self {
            Leader::NotStarted | Leader::WarmingUp => "lead-none",
            Leader::Detective => "lead-detective",
            Leader::Forger => "lead-forger",
            Leader::Balanced => "lead-balanced",
        }
    }
}

/// A classic way for GAN training to fail, with the evidence.
#[derive(Debug, Clone, PartialEq)]
pub enum Warning {
    /// D rejects (almost) every fake with (almost) certainty. G trains with the target "real"
    /// (the non-saturating loss), so its gradient does not vanish: its loss is high and its
    /// steps large, but "all fake" says little about what real digits look like.
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

/// What the page lets the class change, so that advice names only what it can reach.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Advice {
    /// The hyperparameters are on the page: advice may name a learning rate.
    Settings,
    /// Lesson mode or a hidden form: advice names only Reset, which is always there.
    ResetOnly,
}

impl Warning {
    /// The warning in plain words, with what to try among what `advice` allows.
    pub fn message(&self, lang: Lang, advice: Advice) -> String {
        let t = lang.texts();
        // Each warning's tip for a class that sees the form, and whether Reset alone helps
        // (it does not against an outright win: a fresh start meets the same settings).
        let (what, settings_tip, reset_helps) = match self {
            Warning::DetectiveWinsOutright { d_fake } => (
                fill(
                    t.warn_outright,
                    &[("d_fake", &lang.number(f64::from(*d_fake) * 100.0, 1))],
                ),
                t.advice_outright,
                false,
            ),
            Warning::ModeCollapse { diversity } => (
                fill(
                    t.warn_collapse,
                    &[("diversity", &lang.number(diversity * 100.0, 0))],
                ),
                t.advice_collapse,
                true,
            ),
            Warning::Diverging { loss } => (
                fill(
                    t.warn_diverging,
                    &[("loss", &lang.number(f64::from(*loss), 1))],
                ),
                t.advice_diverging,
                true,
            ),
            Warning::NotANumber => (t.warn_nan.to_string(), t.advice_nan, true),
        };
        let tip = match advice {
            Advice::Settings => Some(settings_tip),
            Advice::ResetOnly => reset_helps.then_some(t.advice_reset),
        };
        match tip {
            Some(tip) => format!("{what} {tip}"),
            None => what,
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

/// Thresholds of the judgement, in one place, each with its reason.
pub mod thresholds {
    /// Steps before any verdict: the first steps swing wildly (both networks start from noise
    /// and the moving averages start from one step), so "who leads" would flip every step.
    pub const WARMUP_STEPS: u64 = 50;
    /// How far D's accuracy on real and fake images together may be from 50 % for a close
    /// duel. At the duel's balance D cannot tell real from fake and sorts half the images right,
    /// as guessing does; one batch of 64 + 64 images already scatters by ±4 points around
    /// that, so ±10 points is "about as good as guessing", and more is a real lead.
    pub const BALANCE_BAND: f32 = 0.10;
    /// Smoothed D(G(z)) below this, with nearly every fake caught: D wins outright.
    pub const OUTRIGHT_D_FAKE: f32 = 0.02;
    /// Fakes caught for the outright win.
    pub const OUTRIGHT_CATCH: f32 = 0.99;
    /// Steps before the outright-win warning can fire (the start is chaotic).
    pub const SETTLE_STEPS: u64 = 100;
    /// Steps before the collapse warning can fire: early on, every fake is the same grey blob,
    /// which is not collapse but a forger that has not learned shapes yet.
    pub const COLLAPSE_SETTLE_STEPS: u64 = 1000;
    /// Grid variety below this share of real variety: mode collapse.
    pub const COLLAPSE_DIVERSITY: f64 = 0.4;
    /// D's smoothed loss above this: diverging. D's loss is large only when it is confidently
    /// wrong about its own training images, which a healthy run never is (a winning D has a
    /// small loss; a losing one stays near ln 2 ≈ 0.7 on each half).
    pub const DIVERGING_D_LOSS: f32 = 8.0;
    /// G's smoothed loss above this while D is not winning outright: diverging. When D simply
    /// wins, G's loss −ln D(G(z)) reaches ≈ 8 (D(G(z)) ≈ 0.0003) without anything broken, so
    /// a large G loss counts only while D is not catching nearly everything.
    pub const DIVERGING_G_LOSS: f32 = 8.0;
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
    /// D's loss, the larger of its two halves.
    pub d_loss: f32,
    /// G's loss.
    pub g_loss: f32,
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
        self.d_loss = blend(self.d_loss, stats.d_loss_real.max(stats.d_loss_fake));
        self.g_loss = blend(self.g_loss, stats.g_loss);
    }

    /// D's accuracy on a batch of as many real as fake images: the share it sorts right.
    pub fn accuracy(&self) -> f32 {
        (self.caught + self.recognised) / 2.0
    }
}

/// A share 0..=1 as a whole percentage, "97 %", as the scoreboard and the verdict write it.
pub fn percent(share: f32) -> String {
    format!("{:.0} %", (share * 100.0).clamp(0.0, 100.0))
}

/// What the scoreboard's figures mean, in words: the two big percentages add up to 100 %, and
/// with label smoothing `smoothing` D's target for real digits is `1 − smoothing`, so D(x)
/// settles below 1 even when D is sure.
pub fn duel_note(smoothing: f64, lang: Lang) -> String {
    let t = lang.texts();
    if smoothing > 0.0 {
        fill(
            t.duel_note,
            &[
                ("smoothing", &lang.number(smoothing, 2)),
                ("target", &lang.number(1.0 - smoothing, 2)),
            ],
        )
    } else {
        t.duel_note_plain.into()
    }
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
    let mut warnings = Vec::new();
    if recent.saw_nan {
        warnings.push(Warning::NotANumber);
    }
    if recent.step < WARMUP_STEPS {
        let headline = fill(
            t.verdict_warming_up,
            &[
                ("warmup", &WARMUP_STEPS.to_string()),
                ("step", &recent.step.to_string()),
            ],
        );
        return Verdict {
            leader: Leader::WarmingUp,
            headline,
            warnings,
        };
    }
    // Who leads comes from both halves of D's lesson: a D that calls everything fake catches
    // every forgery and is still no better than a coin.
    let accuracy = recent.accuracy();
    let (accuracy_text, caught, recognised, fooled) = (
        percent(accuracy),
        percent(recent.caught),
        percent(recent.recognised),
        percent(1.0 - recent.caught),
    );
    let figures: [(&str, &dyn std::fmt::Display); 4] = [
        ("accuracy", &accuracy_text),
        ("caught", &caught),
        ("recognised", &recognised),
        ("fooled", &fooled),
    ];
    let (leader, template) = if accuracy > 0.5 + BALANCE_BAND {
        (Leader::Detective, t.verdict_detective)
    } else if accuracy < 0.5 - BALANCE_BAND {
        (Leader::Forger, t.verdict_forger)
    } else {
        (Leader::Balanced, t.verdict_balanced)
    };
    let headline = fill(template, &figures);
    let outright = recent.caught >= OUTRIGHT_CATCH && recent.d_fake < OUTRIGHT_D_FAKE;
    if recent.step >= SETTLE_STEPS && outright {
        warnings.push(Warning::DetectiveWinsOutright {
            d_fake: recent.d_fake,
        });
    }
    let shapes_learned = recent.step >= COLLAPSE_SETTLE_STEPS;
    if let Some(diversity) = diversity.filter(|&d| shapes_learned && d < COLLAPSE_DIVERSITY) {
        warnings.push(Warning::ModeCollapse { diversity });
    }
    let g_runs_away = recent.g_loss > DIVERGING_G_LOSS && !outright;
    if recent.d_loss > DIVERGING_D_LOSS || g_runs_away {
        warnings.push(Warning::Diverging {
            loss: recent.d_loss.max(recent.g_loss),
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
    use thresholds::*;

    fn after(steps: u64, make: impl Fn(u64) -> StepStats) -> Recent {
        let mut recent = Recent::default();
        for step in 1..=steps {
            recent.update(&make(step));
        }
        recent
    }

    /// A step with these accuracies on fakes and on real digits, D(x) and D(G(z)), and losses.
    fn step_with(step: u64, caught: f32, recognised: f32, d_fake: f32) -> StepStats {
        let mut st = stats(step, 0.7, 0.5);
        st.d_accuracy_fake = caught;
        st.d_accuracy_real = recognised;
        st.d_fake = d_fake;
        st
    }

    #[test]
    fn before_any_step_nobody_leads() {
        let verdict = judge(&Recent::default(), None, Lang::En);
        assert_eq!(verdict.leader, Leader::NotStarted);
        assert!(verdict.warnings.is_empty());
    }

    /// No verdict before the figures mean something: the warm-up says so, with its length.
    #[test]
    fn the_first_steps_are_a_warm_up_said_as_such() {
        let verdict = judge(
            &after(WARMUP_STEPS - 1, |s| step_with(s, 1.0, 0.0, 0.01)),
            None,
            Lang::En,
        );
        assert_eq!(verdict.leader, Leader::WarmingUp);
        assert!(
            verdict.headline.contains("warming up"),
            "{}",
            verdict.headline
        );
        assert!(verdict.headline.contains(&WARMUP_STEPS.to_string()));
        let verdict = judge(
            &after(WARMUP_STEPS, |s| step_with(s, 1.0, 1.0, 0.01)),
            None,
            Lang::En,
        );
        assert_eq!(verdict.leader, Leader::Detective);
    }

    /// The case a new user met at step ≈ 1040: 93 % of fakes caught but only 46 % of real
    /// digits recognised: 69.5 % sorted right, a lead (here 94 % and 46 %: 70 %), and the
    /// headline says both halves.
    #[test]
    fn the_leader_comes_from_real_and_fake_images_together() {
        let verdict = judge(
            &after(100, |s| step_with(s, 0.94, 0.46, 0.2)),
            None,
            Lang::En,
        );
        assert_eq!(verdict.leader, Leader::Detective);
        for figure in ["70 %", "94 %", "46 %"] {
            assert!(
                verdict.headline.contains(figure),
                "{figure}: {}",
                verdict.headline
            );
        }
        // A D that calls everything fake catches every forgery and is no better than a coin.
        let verdict = judge(&after(100, |s| step_with(s, 1.0, 0.0, 0.1)), None, Lang::En);
        assert_eq!(verdict.leader, Leader::Balanced, "{}", verdict.headline);
    }

    /// Balance is a narrow band around 50 % sorted right; outside it, a side leads.
    #[test]
    fn a_close_duel_only_inside_the_band() {
        let leader = |caught: f32, recognised: f32| {
            judge(
                &after(100, |s| step_with(s, caught, recognised, 0.5)),
                None,
                Lang::En,
            )
            .leader
        };
        assert_eq!(leader(0.55, 0.55), Leader::Balanced);
        assert_eq!(leader(0.5, 0.5), Leader::Balanced);
        assert_eq!(leader(0.62, 0.62), Leader::Detective);
        assert_eq!(leader(0.35, 0.35), Leader::Forger);
        let forger = judge(&after(100, |s| step_with(s, 0.2, 0.5, 0.7)), None, Lang::En);
        assert_eq!(forger.leader, Leader::Forger);
        assert!(
            forger.headline.contains("80 %"),
            "fooled: {}",
            forger.headline
        );
    }

    /// G trains with the target "real", so an outright win must not claim a vanishing
    /// gradient; and it comes only after the start.
    #[test]
    fn outright_win_warns_only_after_the_start_and_tells_what_happens() {
        let crushing = |s| {
            let mut st = stats(s, 0.01, 0.005);
            st.d_accuracy_fake = 1.0;
            st.g_loss = 8.1;
            st
        };
        assert!(
            judge(&after(50, crushing), None, Lang::En)
                .warnings
                .is_empty()
        );
        let verdict = judge(&after(150, crushing), None, Lang::En);
        assert!(
            matches!(
                verdict.warnings.as_slice(),
                [Warning::DetectiveWinsOutright { .. }]
            ),
            "D simply wins: no divergence warning beside it: {:?}",
            verdict.warnings
        );
        let message = verdict.warnings[0].message(Lang::En, Advice::Settings);
        assert!(!message.contains("vanish"), "{message}");
        assert!(message.contains("strong push"), "{message}");
        assert!(message.contains("learning rate for D"), "{message}");
    }

    /// In lesson mode the hyperparameters are hidden: no advice names a learning rate.
    #[test]
    fn advice_fits_what_the_class_can_reach() {
        let warnings = [
            Warning::DetectiveWinsOutright { d_fake: 0.001 },
            Warning::ModeCollapse { diversity: 0.2 },
            Warning::Diverging { loss: 30.0 },
            Warning::NotANumber,
        ];
        for lang in [Lang::En, Lang::De] {
            for warning in &warnings {
                let lesson = warning.message(lang, Advice::ResetOnly);
                assert!(
                    !lesson.contains("learning rate") && !lesson.contains("Lernrate"),
                    "{lesson}"
                );
                let settings = warning.message(lang, Advice::Settings);
                assert!(
                    settings.contains("learning rate") || settings.contains("Lernrate"),
                    "{settings}"
                );
            }
        }
        let reset = Warning::NotANumber.message(Lang::En, Advice::ResetOnly);
        assert!(reset.contains("Reset"), "{reset}");
    }

    /// Divergence: D confidently wrong, or G's loss running away while D is not simply winning.
    #[test]
    fn divergence_is_told_apart_from_a_winning_detective() {
        let mut recent = after(200, |s| stats(s, 0.7, 0.5));
        recent.g_loss = 9.0;
        recent.caught = 0.6;
        assert!(matches!(
            judge(&recent, None, Lang::En).warnings.as_slice(),
            [Warning::Diverging { .. }]
        ));
        let mut recent = after(200, |s| stats(s, 0.7, 0.5));
        recent.d_loss = 12.0;
        assert!(matches!(
            judge(&recent, None, Lang::En).warnings.as_slice(),
            [Warning::Diverging { .. }]
        ));
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
        assert!(
            verdict.warnings[0]
                .message(Lang::En, Advice::Settings)
                .contains("10 %")
        );

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

    /// The note under the cards says the percentages add up and where D(x) aims.
    #[test]
    fn the_note_explains_the_figures_and_label_smoothing() {
        let note = duel_note(0.1, Lang::En);
        assert!(note.contains("100 %") && note.contains("0.90"), "{note}");
        assert!(duel_note(0.1, Lang::De).contains("0,90"));
        assert!(!duel_note(0.0, Lang::En).contains("label smoothing"));
    }
}
