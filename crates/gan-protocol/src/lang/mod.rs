//! The page's two languages, English and German: which one to show, and every text in both.
//!
//! Texts live in one catalog ([`catalog`]) with the English and the German side by side, so
//! a text cannot exist in one language only: the compiler refuses a catalog entry without
//! both. Sentences with values are templates that name them in braces (`"step {step}"`),
//! filled by [`fill`]; a test checks that both languages name the same values.

mod catalog;
pub mod glossary;

pub use catalog::{DE, EN, Texts};
pub use glossary::Term;

use serde::{Deserialize, Serialize};

/// A language of the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    /// English, the default where the browser prefers neither.
    #[default]
    En,
    /// German.
    De,
}

impl Lang {
    /// Both languages, in the order the language menu lists them.
    pub const ALL: [Lang; 2] = [Lang::De, Lang::En];

    /// The code used in links and in the page's `lang` attribute.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::De => "de",
        }
    }

    /// The language's name in itself, as a language menu shows it.
    pub fn name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::De => "Deutsch",
        }
    }

    /// Reads a language tag ("de", "de-AT", "EN-us"); `None` for any other language.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Lang::En),
            "de" => Some(Lang::De),
            _ => None,
        }
    }

    /// The language for a browser that prefers `tags` in this order (`navigator.languages`):
    /// the first one the page speaks, else English.
    pub fn from_browser<S: AsRef<str>>(tags: &[S]) -> Lang {
        tags.iter()
            .find_map(|t| Lang::from_tag(t.as_ref()))
            .unwrap_or_default()
    }

    /// Every text of the page in this language.
    pub fn texts(self) -> &'static Texts {
        match self {
            Lang::En => &EN,
            Lang::De => &DE,
        }
    }

    /// `value` with `decimals` digits after the separator this language writes: "0.52" in
    /// English, "0,52" in German.
    pub fn number(self, value: f64, decimals: usize) -> String {
        let text = format!("{value:.decimals$}");
        match self {
            Lang::En => text,
            Lang::De => text.replace('.', ","),
        }
    }
}

/// Fills the `{name}` placeholders of `template` with `values`. A placeholder without a value
/// stays as it is, so a missing value shows on the page instead of vanishing.
pub fn fill(template: &str, values: &[(&str, &dyn std::fmt::Display)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match values.iter().find(|(n, _)| *n == name) {
                    Some((_, value)) => out.push_str(&value.to_string()),
                    None => out.push_str(&rest[open..open + close + 2]),
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// The placeholder names of a template, sorted, for the catalog's test.
pub fn placeholders(template: &str) -> Vec<&str> {
    let mut names: Vec<&str> = template
        .split('{')
        .skip(1)
        .filter_map(|part| part.split_once('}').map(|(name, _)| name))
        .collect();
    names.sort_unstable();
    names.dedup();
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_browser_picks_the_first_language_the_page_speaks() {
        assert_eq!(Lang::from_browser(&["de-DE", "en-US"]), Lang::De);
        assert_eq!(Lang::from_browser(&["fr-FR", "de-AT", "en"]), Lang::De);
        assert_eq!(Lang::from_browser(&["en-GB", "de"]), Lang::En);
        assert_eq!(Lang::from_browser(&["fr", "it"]), Lang::En);
        assert_eq!(Lang::from_browser::<&str>(&[]), Lang::En);
        assert_eq!(Lang::from_tag("DE_ch"), Some(Lang::De));
        assert_eq!(Lang::from_tag("deu"), None);
        assert_eq!(Lang::from_tag(""), None);
    }

    #[test]
    fn codes_round_trip() {
        for lang in Lang::ALL {
            assert_eq!(Lang::from_tag(lang.code()), Some(lang));
        }
    }

    #[test]
    fn templates_are_filled_and_a_missing_value_stays_visible() {
        let step = 12;
        assert_eq!(
            fill("step {step} of {n}", &[("step", &step)]),
            "step 12 of {n}"
        );
        assert_eq!(fill("{a}{a}", &[("a", &"x")]), "xx");
        assert_eq!(fill("no braces", &[]), "no braces");
        assert_eq!(fill("open { only", &[]), "open { only");
        assert_eq!(placeholders("{b} and {a}, {b}"), vec!["a", "b"]);
    }

    #[test]
    fn german_writes_a_decimal_comma() {
        assert_eq!(Lang::De.number(0.5234, 2), "0,52");
        assert_eq!(Lang::En.number(0.5234, 2), "0.52");
        assert_eq!(Lang::De.number(97.0, 0), "97");
    }

    /// Texts that are the same in both languages on purpose: names, symbols and loan words.
    const SAME_IN_BOTH: &[&str] = &[
        "pause",
        "backend_label",
        "dropout_label",
        "controls_aria",
        "fake_line",
        "histogram_bar",
        "export_aria",
        "fashion_class_2",
    ];

    #[test]
    fn every_text_exists_in_both_languages_with_the_same_values() {
        let (en, de) = (EN.entries(), DE.entries());
        assert_eq!(en.len(), de.len());
        assert!(en.len() > 100, "{} texts", en.len());
        for ((name, english), (_, german)) in en.iter().zip(&de) {
            assert!(!english.trim().is_empty(), "{name}: empty English");
            assert!(!german.trim().is_empty(), "{name}: empty German");
            assert_eq!(
                placeholders(english),
                placeholders(german),
                "{name}: the languages name different values"
            );
            if !SAME_IN_BOTH.contains(name) {
                assert_ne!(english, german, "{name}: not translated");
            }
        }
    }

    #[test]
    fn german_uses_german_quotation_marks() {
        for (name, german) in DE.entries() {
            assert!(!german.contains('"'), "{name}: \" in German text: {german}");
        }
    }

    /// Words the German texts no longer use, each with the one they use instead (the table at
    /// the top of the catalog): one word per concept, and "du" throughout.
    const GERMAN_AVOIDS: &[(&str, &str)] = &[
        ("Stapel", "Batch"),
        ("gesperrt", "eingefroren"),
        ("freigegeben", "aufgetaut"),
        ("entsperrt", "aufgetaut"),
        ("entfroren", "aufgetaut"),
        ("Checkpoint", "Modell, Modelldatei"),
        ("Label Smoothing", "Label-Smoothing"),
        ("Mode Collapse", "Mode-Collapse"),
        ("Service Worker", "Service-Worker"),
        ("Update", "Lernschritt"),
        ("im Mittel", "im Schnitt"),
        (" liest", "erkennt"),
        ("Seed", "Startwert"),
        (" Sie ", "du"),
        ("Ihnen", "dir"),
        (" Ihr ", "dein"),
        (" Ihre ", "deine"),
        (" eure", "deine"),
        (" euer", "dein"),
    ];

    /// Texts that may use an avoided word: the seed's label names the word the seed has in
    /// links and in the code.
    const GERMAN_MAY_SAY: &[(&str, &str)] = &[("seed_label", "Seed")];

    #[test]
    fn german_uses_one_word_per_concept_and_says_du() {
        for (name, german) in DE.entries() {
            let padded = format!(" {german} ");
            for (avoided, instead) in GERMAN_AVOIDS {
                if GERMAN_MAY_SAY.contains(&(name, *avoided)) {
                    continue;
                }
                assert!(
                    !padded.contains(avoided),
                    "{name}: {avoided:?} in German text (write {instead:?}): {german}"
                );
            }
        }
    }

    #[test]
    fn german_writes_decimal_commas() {
        for (name, german) in DE.entries() {
            let chars: Vec<char> = german.chars().collect();
            for w in chars.windows(3) {
                assert!(
                    !(w[0].is_ascii_digit() && w[1] == '.' && w[2].is_ascii_digit()),
                    "{name}: a decimal point in German text: {german}"
                );
            }
        }
    }
}
