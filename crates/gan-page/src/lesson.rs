//! A lesson in a link: the model, the hyperparameters, the seed, the speed, the language, the
//! panels shown and lesson mode live in the page's address, so a teacher can share a setup
//! with the class. [`Lesson::read`] takes the address apart (a bad value falls back to its
//! default, with a message); [`Lesson::pairs`] writes it back, naming only what differs from
//! the defaults, so that links stay short and a default that changes later still applies.

use gan_core::GanConfig;
use gan_data::Collection;

use crate::settings::{Field, parse_form};
use gan_protocol::lang::{Lang, fill};
use gan_protocol::protocol::Speed;
use gan_protocol::text::shorten;

/// A panel of the page that a lesson can hide.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Panel {
    /// "Discriminator vs Generator": the phases and the verdict.
    Scoreboard,
    /// The loss and probability charts.
    Charts,
    /// The judge's figures.
    Judge,
    /// The hyperparameter form (also hidden in lesson mode).
    Settings,
    /// Saving and loading model files (also hidden in lesson mode).
    Files,
}

impl Panel {
    /// Every panel, in page order.
    pub const ALL: [Panel; 5] = [
        Panel::Scoreboard,
        Panel::Charts,
        Panel::Judge,
        Panel::Settings,
        Panel::Files,
    ];

    /// The panel's name in links.
    pub fn id(self) -> &'static str {
        match self {
            Panel::Scoreboard => "scoreboard",
            Panel::Charts => "charts",
            Panel::Judge => "judge",
            Panel::Settings => "settings",
            Panel::Files => "files",
        }
    }

    /// The panel's name on the page.
    pub fn label(self, lang: Lang) -> &'static str {
        let t = lang.texts();
        match self {
            Panel::Scoreboard => t.panel_scoreboard,
            Panel::Charts => t.panel_charts,
            Panel::Judge => t.panel_judge,
            Panel::Settings => t.panel_settings,
            Panel::Files => t.panel_files,
        }
    }

    /// Whether lesson mode hides this panel whatever the list says: it holds advanced
    /// controls.
    pub fn advanced(self) -> bool {
        matches!(self, Panel::Settings | Panel::Files)
    }

    fn bit(self) -> u8 {
        1 << Panel::ALL.iter().position(|p| *p == self).unwrap_or(0)
    }
}

/// The set of panels shown. Default: all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Panels(u8);

impl Default for Panels {
    fn default() -> Self {
        Panel::ALL
            .iter()
            .fold(Panels(0), |set, p| set.with(*p, true))
    }
}

impl Panels {
    /// Whether `panel` is in the set.
    pub fn contains(self, panel: Panel) -> bool {
        self.0 & panel.bit() != 0
    }

    /// The set with `panel` in or out.
    pub fn with(self, panel: Panel, on: bool) -> Panels {
        if on {
            Panels(self.0 | panel.bit())
        } else {
            Panels(self.0 & !panel.bit())
        }
    }

    /// Whether the page shows `panel`: listed, and not an advanced one in lesson mode.
    pub fn shown(self, panel: Panel, lesson_mode: bool) -> bool {
        self.contains(panel) && !(lesson_mode && panel.advanced())
    }

    /// The panels' link names, comma-separated, in page order.
    pub fn ids(self) -> String {
        Panel::ALL
            .iter()
            .filter(|p| self.contains(**p))
            .map(|p| p.id())
            .collect::<Vec<_>>()
            .join(",")
    }
}

/// What a lesson link holds.
#[derive(Debug, Clone, PartialEq)]
pub struct Lesson {
    /// Model, hyperparameters and seed.
    pub config: GanConfig,
    /// The training speed.
    pub speed: Speed,
    /// The language the link asks for; `None` leaves it to the browser.
    pub lang: Option<Lang>,
    /// The panels shown.
    pub panels: Panels,
    /// Lesson mode: the advanced controls are hidden.
    pub lesson_mode: bool,
    /// The data set the forger learns to fake.
    pub data: Collection,
    /// Seconds slow motion shows each phase (one of [`Speed::PACES_S`]).
    pub pace_s: u32,
    /// Presenter mode: large text, the grid, the scoreboard and the diagram only.
    pub present: bool,
}

impl Default for Lesson {
    fn default() -> Self {
        Lesson {
            config: GanConfig::default(),
            speed: Speed::default(),
            lang: None,
            panels: Panels::default(),
            lesson_mode: false,
            data: Collection::default(),
            pace_s: Speed::DEFAULT_PACE_S,
            present: false,
        }
    }
}

/// The link name of each field of the hyperparameter form.
fn field_key(field: Field) -> &'static str {
    match field {
        Field::Model => "model",
        Field::LrGenerator => "lr_g",
        Field::LrDiscriminator => "lr_d",
        Field::BatchSize => "batch",
        Field::LatentDim => "latent",
        Field::LabelSmoothing => "smoothing",
        Field::GeneratorNorm => "g_norm",
        Field::Dropout => "dropout",
        Field::Conditional => "conditional",
    }
}

/// The keys [`Lesson::read`] knows; anything else in a link is left to others or ignored.
pub const KEYS: [&str; 17] = [
    "model",
    "lr_g",
    "lr_d",
    "batch",
    "latent",
    "smoothing",
    "g_norm",
    "dropout",
    "conditional",
    "seed",
    "speed",
    "lang",
    "panels",
    "lesson",
    "data",
    "pace",
    "present",
];

impl Lesson {
    /// Reads the lesson from a link's `(key, value)` pairs (decoded). `browser` is the
    /// language the browser prefers, for the messages when the link names none. Returns the
    /// lesson and one message per refused value; each refused value keeps its default.
    pub fn read(pairs: &[(String, String)], browser: Lang) -> (Lesson, Vec<String>) {
        let mut lesson = Lesson::default();
        let mut problems = Vec::new();
        let value_of = |key: &str| pairs.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v);
        // The language first: the other messages are written in it.
        if let Some(value) = value_of("lang") {
            lesson.lang = Lang::from_tag(value);
        }
        let lang = lesson.lang.unwrap_or(browser);
        let t = lang.texts();
        let bad_value = |key: &str, got: &str, allowed: &str, default: &str| {
            fill(
                t.link_bad_value,
                &[
                    ("key", &key),
                    ("got", &shorten(got)),
                    ("allowed", &allowed),
                    ("default", &default),
                ],
            )
        };
        if let Some(value) = value_of("lang")
            && lesson.lang.is_none()
        {
            problems.push(bad_value("lang", value, "de, en", browser.code()));
        }
        let defaults = GanConfig::default();
        for field in Field::ALL {
            let key = field_key(field);
            let Some(value) = value_of(key) else { continue };
            match parse_form(&lesson.config, &[(field, value.clone())], lang) {
                Ok(config) => lesson.config = config,
                Err(errors) => problems.push(fill(
                    t.link_bad_setting,
                    &[
                        ("key", &key),
                        ("why", &errors[0].message),
                        ("default", &field.value_in(&defaults)),
                    ],
                )),
            }
        }
        if let Some(value) = value_of("seed") {
            match value.trim().parse::<u64>() {
                Ok(seed) => lesson.config.seed = seed,
                Err(_) => problems.push(bad_value(
                    "seed",
                    value,
                    &format!("0 – {}", u64::MAX),
                    &defaults.seed.to_string(),
                )),
            }
        }
        if let Some(value) = value_of("speed") {
            match Speed::from_id(value.trim()) {
                Some(speed) => lesson.speed = speed,
                None => {
                    let offered: Vec<String> = Speed::OFFERED.iter().map(|s| s.id()).collect();
                    problems.push(bad_value(
                        "speed",
                        value,
                        &offered.join(", "),
                        &Speed::default().id(),
                    ));
                }
            }
        }
        if let Some(value) = value_of("panels") {
            let named: Vec<Panel> = value
                .split(',')
                .filter_map(|id| Panel::ALL.into_iter().find(|p| p.id() == id.trim()))
                .collect();
            let unknown = value
                .split(',')
                .any(|id| !id.trim().is_empty() && !Panel::ALL.iter().any(|p| p.id() == id.trim()));
            if named.is_empty() && !value.trim().is_empty() || unknown {
                problems.push(fill(t.link_unknown_panel, &[("got", &shorten(value))]));
            }
            if !named.is_empty() || value.trim().is_empty() {
                lesson.panels = named
                    .into_iter()
                    .fold(Panels(0), |set, p| set.with(p, true));
            }
        }
        if let Some(value) = value_of("data") {
            match Collection::from_id(value.trim()) {
                Some(data) => lesson.data = data,
                None => problems.push(bad_value("data", value, "mnist, fashion", "mnist")),
            }
        }
        if let Some(value) = value_of("pace") {
            match value.trim().parse::<u32>() {
                Ok(seconds) if Speed::PACES_S.contains(&seconds) => lesson.pace_s = seconds,
                _ => {
                    let offered: Vec<String> = Speed::PACES_S.iter().map(u32::to_string).collect();
                    problems.push(bad_value(
                        "pace",
                        value,
                        &offered.join(", "),
                        &Speed::DEFAULT_PACE_S.to_string(),
                    ));
                }
            }
        }
        if let Some(value) = value_of("present") {
            match value.as_str() {
                "1" | "true" | "" => lesson.present = true,
                "0" | "false" => lesson.present = false,
                _ => problems.push(bad_value("present", value, "1, 0", "0")),
            }
        }
        if let Some(value) = value_of("lesson") {
            match value.as_str() {
                "1" | "true" | "" => lesson.lesson_mode = true,
                "0" | "false" => lesson.lesson_mode = false,
                _ => problems.push(bad_value("lesson", value, "1, 0", "0")),
            }
        }
        (lesson, problems)
    }

    /// The lesson as link pairs: only what differs from the defaults.
    pub fn pairs(&self) -> Vec<(&'static str, String)> {
        let defaults = GanConfig::default();
        let mut pairs = Vec::new();
        for field in Field::ALL {
            let value = field.value_in(&self.config);
            if value != field.value_in(&defaults) {
                pairs.push((field_key(field), value));
            }
        }
        if self.config.seed != defaults.seed {
            pairs.push(("seed", self.config.seed.to_string()));
        }
        if self.speed != Speed::default() {
            pairs.push(("speed", self.speed.id()));
        }
        if let Some(lang) = self.lang {
            pairs.push(("lang", lang.code().to_string()));
        }
        if self.panels != Panels::default() {
            pairs.push(("panels", self.panels.ids()));
        }
        if self.lesson_mode {
            pairs.push(("lesson", "1".into()));
        }
        if self.data != Collection::default() {
            pairs.push(("data", self.data.id().to_string()));
        }
        if self.pace_s != Speed::DEFAULT_PACE_S {
            pairs.push(("pace", self.pace_s.to_string()));
        }
        if self.present {
            pairs.push(("present", "1".into()));
        }
        pairs
    }

    /// Whether the page shows `panel` now (see [`Panels::shown`]).
    pub fn shows(&self, panel: Panel) -> bool {
        self.panels.shown(panel, self.lesson_mode)
    }
}

/// Splits a query string (with or without its `?`) into decoded `(key, value)` pairs: `+` is
/// a space and `%XX` a byte; a broken escape stays as it is.
pub fn query_pairs(query: &str) -> Vec<(String, String)> {
    query
        .trim_start_matches('?')
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            (decode(key), decode(value))
        })
        .collect()
}

fn decode(text: &str) -> String {
    let hex = |b: u8| (b as char).to_digit(16);
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match (
            bytes[i],
            bytes.get(i + 1).copied().and_then(hex),
            bytes.get(i + 2).copied().and_then(hex),
        ) {
            (b'%', Some(high), Some(low)) => {
                out.push((high * 16 + low) as u8);
                i += 3;
            }
            (b'+', _, _) => {
                out.push(b' ');
                i += 1;
            }
            (byte, _, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Joins pairs into a query string with its `?` (empty when there are none), escaping what a
/// query value cannot hold.
pub fn to_query(pairs: &[(&str, String)]) -> String {
    if pairs.is_empty() {
        return String::new();
    }
    let encode = |text: &str| {
        text.bytes()
            .map(|b| match b {
                b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b',' | b'~' => {
                    (b as char).to_string()
                }
                _ => format!("%{b:02X}"),
            })
            .collect::<String>()
    };
    let joined: Vec<String> = pairs
        .iter()
        .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
        .collect();
    format!("?{}", joined.join("&"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use gan_core::ModelKind;

    fn read(query: &str) -> (Lesson, Vec<String>) {
        Lesson::read(&query_pairs(query), Lang::En)
    }

    #[test]
    fn a_plain_link_is_the_default_lesson_and_writes_no_pairs() {
        assert_eq!(read(""), (Lesson::default(), vec![]));
        assert_eq!(read("?backend=cpu&other=1"), (Lesson::default(), vec![]));
        assert!(Lesson::default().pairs().is_empty());
        assert_eq!(to_query(&[]), "");
    }

    #[test]
    fn a_full_lesson_survives_the_link() {
        let lesson = Lesson {
            config: GanConfig {
                model: ModelKind::Dcgan,
                lr_generator: 0.001,
                lr_discriminator: 0.00025,
                batch_size: 32,
                latent_dim: 64,
                label_smoothing: 0.0,
                generator_batch_norm: false,
                dropout: 0.3,
                seed: 12345678901234,
                ..GanConfig::default()
            },
            speed: Speed::SlowMotion,
            lang: Some(Lang::De),
            panels: Panels::default()
                .with(Panel::Judge, false)
                .with(Panel::Files, false),
            lesson_mode: true,
            data: Collection::Fashion,
            pace_s: 6,
            present: true,
        };
        let query = to_query(&lesson.pairs());
        assert!(
            query.contains("model=dcgan") && query.contains("panels=scoreboard,charts,settings"),
            "{query}"
        );
        let (back, problems) = read(&query);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(back, lesson);
        // Every offered speed and both languages, one at a time.
        for speed in Speed::OFFERED {
            for lang in Lang::ALL {
                let lesson = Lesson {
                    speed,
                    lang: Some(lang),
                    ..Lesson::default()
                };
                assert_eq!(read(&to_query(&lesson.pairs())).0, lesson);
            }
        }
    }

    #[test]
    fn escaped_values_are_decoded() {
        let (lesson, problems) = read("?panels=charts%2Cjudge&lr_g=1e-3&model=%44CGAN");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(lesson.config.model, ModelKind::Dcgan);
        assert_eq!(lesson.config.lr_generator, 0.001);
        assert!(lesson.panels.contains(Panel::Judge) && !lesson.panels.contains(Panel::Scoreboard));
        assert_eq!(decode("%zz%4"), "%zz%4");
        assert_eq!(decode("a+b%C3%A4"), "a bä");
        assert_eq!(decode("%FF"), "\u{fffd}");
    }

    #[test]
    fn hostile_values_fall_back_one_by_one_with_a_message_each() {
        let long = "9".repeat(5000);
        let query = format!(
            "?model=resnet&lr_g=NaN&lr_d=1e9&batch={long}&latent=-1&smoothing=inf&g_norm=maybe\
             &dropout=2&seed=-5&speed=fast&lang=xx&panels=<script>&lesson=yes&data=cifar\
             &pace=700&present=big"
        );
        let (lesson, problems) = read(&query);
        assert_eq!(lesson.config, GanConfig::default());
        assert_eq!(lesson.speed, Speed::default());
        assert_eq!(lesson.lang, None);
        assert_eq!(lesson.panels, Panels::default());
        assert!(!lesson.lesson_mode);
        assert_eq!(
            (lesson.pace_s, lesson.present),
            (Speed::DEFAULT_PACE_S, false)
        );
        assert_eq!(problems.len(), 16, "{problems:#?}");
        for problem in &problems {
            assert!(problem.len() < 300, "{} bytes: {problem}", problem.len());
        }
        assert!(
            problems.iter().any(|p| p.starts_with("lr_g: ")),
            "{problems:#?}"
        );
        assert!(problems.iter().any(|p| p.contains("speed=fast")));
        // A good value next to bad ones still applies.
        let (lesson, problems) = read("?batch=16&speed=0");
        assert_eq!(lesson.config.batch_size, 16);
        assert_eq!(problems.len(), 1);
    }

    #[test]
    fn the_messages_speak_the_links_language_or_the_browsers() {
        let (_, problems) = read("?lang=de&speed=fast");
        assert!(problems[0].contains("ist nicht erlaubt"), "{problems:?}");
        let (_, problems) = Lesson::read(&query_pairs("?speed=fast"), Lang::De);
        assert!(problems[0].contains("ist nicht erlaubt"), "{problems:?}");
        let (lesson, problems) = read("?lang=de-AT");
        assert_eq!((lesson.lang, problems.len()), (Some(Lang::De), 0));
    }

    #[test]
    fn lesson_mode_hides_the_advanced_panels_only() {
        let lesson = Lesson {
            lesson_mode: true,
            ..Lesson::default()
        };
        let shown: Vec<Panel> = Panel::ALL
            .into_iter()
            .filter(|p| lesson.shows(*p))
            .collect();
        assert_eq!(shown, vec![Panel::Scoreboard, Panel::Charts, Panel::Judge]);
        let (lesson, problems) = read("?panels=");
        assert_eq!((lesson.panels, problems.len()), (Panels(0), 0));
        assert!(Panel::ALL.iter().all(|p| !lesson.shows(*p)));
    }
}
