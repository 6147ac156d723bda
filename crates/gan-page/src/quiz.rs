//! "You are the detective": a game for the class. The worker draws a round of real digits and
//! forgeries at the current step; the class marks each one real or fake, then sees its score
//! beside D's on the same digits. Early forgeries are easy to spot, later ones are not: the
//! class feels the forger improve.

use gan_protocol::FromWorker;
use gan_protocol::grid::DIGIT_PIXELS;
use gan_protocol::lang::{Lang, fill};

/// One digit of a round.
#[derive(Debug, Clone, PartialEq)]
pub struct QuizDigit {
    /// 784 grey levels.
    pub pixels: Vec<u8>,
    /// Whether it is a real digit.
    pub real: bool,
    /// D's probability "real".
    pub d_says: f32,
    /// The class's mark: `Some(true)` for "real", `Some(false)` for "fake".
    pub marked: Option<bool>,
}

impl QuizDigit {
    /// Whether D got it right: it calls a digit real above one half.
    pub fn d_right(&self) -> bool {
        (self.d_says > 0.5) == self.real
    }

    /// Whether the class got it right (false while unmarked).
    pub fn class_right(&self) -> bool {
        self.marked == Some(self.real)
    }
}

/// A round of the game.
#[derive(Debug, Clone, PartialEq)]
pub struct Quiz {
    /// The step its forgeries were drawn at.
    pub step: u64,
    /// Its digits, in the order shown.
    pub digits: Vec<QuizDigit>,
}

impl Quiz {
    /// The round in a [`FromWorker::Quiz`] message; `None` for any other message or a round
    /// whose lists do not match.
    pub fn from_message(message: &FromWorker) -> Option<Quiz> {
        let FromWorker::Quiz {
            step,
            pixels,
            real,
            d_says,
        } = message
        else {
            return None;
        };
        let count = pixels.len() / DIGIT_PIXELS;
        if count == 0 || real.len() != count || d_says.len() != count {
            return None;
        }
        Some(Quiz {
            step: *step,
            digits: pixels
                .chunks_exact(DIGIT_PIXELS)
                .zip(real.iter().zip(d_says))
                .map(|(pixels, (&real, &d_says))| QuizDigit {
                    pixels: pixels.to_vec(),
                    real,
                    d_says,
                    marked: None,
                })
                .collect(),
        })
    }

    /// Marks digit `index` as real or fake; a mark can change until every digit is marked.
    pub fn mark(&mut self, index: usize, real: bool) {
        if self.finished() {
            return;
        }
        if let Some(digit) = self.digits.get_mut(index) {
            digit.marked = Some(real);
        }
    }

    /// Whether every digit is marked: the answers show.
    pub fn finished(&self) -> bool {
        self.digits.iter().all(|d| d.marked.is_some())
    }

    /// (the class's right answers, D's right answers, digits).
    pub fn score(&self) -> (usize, usize, usize) {
        let class = self.digits.iter().filter(|d| d.class_right()).count();
        let d = self.digits.iter().filter(|d| d.d_right()).count();
        (class, d, self.digits.len())
    }

    /// The score in words, once the round is finished: who did better, and what that says.
    pub fn result(&self, lang: Lang) -> Option<String> {
        if !self.finished() {
            return None;
        }
        let t = lang.texts();
        let (class, d, total) = self.score();
        let verdict = match class.cmp(&d) {
            std::cmp::Ordering::Greater => t.quiz_class_wins,
            std::cmp::Ordering::Less => t.quiz_d_wins,
            std::cmp::Ordering::Equal => t.quiz_tie,
        };
        Some(format!(
            "{} {verdict}",
            fill(
                t.quiz_score,
                &[
                    ("class", &class),
                    ("d", &d),
                    ("total", &total),
                    ("step", &self.step)
                ]
            )
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round(real: &[bool], d_says: &[f32]) -> Quiz {
        Quiz::from_message(&FromWorker::Quiz {
            step: 40,
            pixels: vec![0; real.len() * DIGIT_PIXELS],
            real: real.to_vec(),
            d_says: d_says.to_vec(),
        })
        .unwrap()
    }

    #[test]
    fn a_round_scores_the_class_against_d_on_the_same_digits() {
        let mut quiz = round(&[true, false, true, false], &[0.9, 0.2, 0.4, 0.7]);
        assert_eq!(quiz.score(), (0, 2, 4), "D: right on the first two only");
        assert_eq!(quiz.result(Lang::En), None, "no answers before every mark");
        for (i, mark) in [true, false, true, true].into_iter().enumerate() {
            quiz.mark(i, mark);
        }
        assert!(quiz.finished());
        assert_eq!(quiz.score(), (3, 2, 4));
        let text = quiz.result(Lang::En).unwrap();
        assert!(
            text.contains('3') && text.contains('2') && text.contains("40"),
            "{text}"
        );
        assert!(text.contains(Lang::En.texts().quiz_class_wins), "{text}");
    }

    #[test]
    fn marks_stay_once_the_round_is_over_and_bad_indices_change_nothing() {
        let mut quiz = round(&[true, false], &[0.6, 0.6]);
        quiz.mark(7, true);
        assert!(!quiz.finished());
        quiz.mark(0, false);
        quiz.mark(0, true);
        quiz.mark(1, true);
        assert!(quiz.finished());
        quiz.mark(1, false);
        assert_eq!(
            quiz.digits[1].marked,
            Some(true),
            "the answers are out: no second try"
        );
        assert_eq!(quiz.score(), (1, 1, 2));
        assert!(
            quiz.result(Lang::De)
                .unwrap()
                .contains(Lang::De.texts().quiz_tie)
        );
    }

    #[test]
    fn a_broken_round_is_refused() {
        let broken = FromWorker::Quiz {
            step: 1,
            pixels: vec![0; 2 * DIGIT_PIXELS],
            real: vec![true],
            d_says: vec![0.5, 0.5],
        };
        assert_eq!(Quiz::from_message(&broken), None);
        assert_eq!(Quiz::from_message(&FromWorker::WasReset), None);
    }
}
