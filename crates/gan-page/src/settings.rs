//! The hyperparameter form: text fields in, a validated [`GanConfig`] or clear messages out.

use gan_core::config::limits;
use gan_core::{GanConfig, ModelKind};

use gan_protocol::lang::{Lang, fill};
use gan_protocol::text::shorten;

/// A form field, for messages and for the page to mark the right input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// The model family.
    Model,
    /// G's learning rate.
    LrGenerator,
    /// D's learning rate.
    LrDiscriminator,
    /// Images per step (real and fake each).
    BatchSize,
    /// Length of the noise vector z.
    LatentDim,
    /// Label smoothing of D's "real" target.
    LabelSmoothing,
    /// Batch normalisation in the MLP generator.
    GeneratorNorm,
    /// Dropout in the MLP discriminator.
    Dropout,
    /// A conditional GAN: G and D also receive the digit's class.
    Conditional,
}

impl Field {
    /// Every field, in form order.
    pub const ALL: [Field; 9] = [
        Field::Model,
        Field::LrGenerator,
        Field::LrDiscriminator,
        Field::BatchSize,
        Field::LatentDim,
        Field::LabelSmoothing,
        Field::GeneratorNorm,
        Field::Dropout,
        Field::Conditional,
    ];

    /// The values a field offers as a menu, or `None` for a text field.
    pub fn choices(self) -> Option<&'static [&'static str]> {
        match self {
            Field::Model => Some(&["mlp", "dcgan"]),
            Field::GeneratorNorm | Field::Conditional => Some(&["on", "off"]),
            _ => None,
        }
    }

    /// The glossary entry that explains what the field sets, if there is one.
    pub fn term(self) -> Option<gan_protocol::lang::Term> {
        use gan_protocol::lang::Term;
        match self {
            Field::LrGenerator | Field::LrDiscriminator => Some(Term::LearningRate),
            Field::BatchSize => Some(Term::Batch),
            Field::LatentDim => Some(Term::NoiseVector),
            Field::LabelSmoothing => Some(Term::LabelSmoothing),
            Field::GeneratorNorm => Some(Term::BatchNorm),
            Field::Dropout => Some(Term::Dropout),
            Field::Model | Field::Conditional => None,
        }
    }

    /// The label on the form.
    pub fn label(self, lang: Lang) -> &'static str {
        let t = lang.texts();
        match self {
            Field::Model => t.model_label,
            Field::LrGenerator => t.lr_g_label,
            Field::LrDiscriminator => t.lr_d_label,
            Field::BatchSize => t.batch_label,
            Field::LatentDim => t.latent_label,
            Field::LabelSmoothing => t.smoothing_label,
            Field::GeneratorNorm => t.norm_label,
            Field::Dropout => t.dropout_label,
            Field::Conditional => t.conditional_label,
        }
    }

    /// The allowed range as text for the form's hint, e.g. "1 to 1024".
    pub fn range_hint(self, lang: Lang) -> String {
        let t = lang.texts();
        // Limits print as Rust writes them ("0.000001"); German swaps the decimal point.
        let range = |min: &dyn ToString, max: &dyn ToString| {
            let local = |v: &dyn ToString| match lang {
                Lang::En => v.to_string(),
                Lang::De => v.to_string().replace('.', ","),
            };
            fill(t.range_hint, &[("min", &local(min)), ("max", &local(max))])
        };
        match self {
            Field::Model => t.model_hint.into(),
            Field::LrGenerator | Field::LrDiscriminator => {
                range(&limits::LEARNING_RATE.0, &limits::LEARNING_RATE.1)
            }
            Field::BatchSize => range(&limits::BATCH_SIZE.0, &limits::BATCH_SIZE.1),
            Field::LatentDim => range(&limits::LATENT_DIM.0, &limits::LATENT_DIM.1),
            Field::LabelSmoothing => range(&limits::LABEL_SMOOTHING.0, &limits::LABEL_SMOOTHING.1),
            Field::GeneratorNorm | Field::Conditional => t.on_off_hint.into(),
            Field::Dropout => range(&limits::DROPOUT.0, &limits::DROPOUT.1),
        }
    }

    /// Whether changing this field needs fresh networks.
    pub fn needs_reset(self) -> bool {
        matches!(
            self,
            Field::Model
                | Field::LatentDim
                | Field::GeneratorNorm
                | Field::Dropout
                | Field::Conditional
        )
    }

    /// The field's current value in `config`, as the form shows it.
    pub fn value_in(self, config: &GanConfig) -> String {
        match self {
            Field::Model => config.model.as_str().into(),
            Field::LrGenerator => config.lr_generator.to_string(),
            Field::LrDiscriminator => config.lr_discriminator.to_string(),
            Field::BatchSize => config.batch_size.to_string(),
            Field::LatentDim => config.latent_dim.to_string(),
            Field::LabelSmoothing => config.label_smoothing.to_string(),
            Field::GeneratorNorm => if config.generator_batch_norm {
                "on"
            } else {
                "off"
            }
            .into(),
            Field::Dropout => config.dropout.to_string(),
            Field::Conditional => if config.conditional { "on" } else { "off" }.into(),
        }
    }
}

/// A field whose text is not an allowed value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// The field.
    pub field: Field,
    /// What is wrong and what is allowed, in words.
    pub message: String,
}

fn out_of_range(field: Field, text: &str, lang: Lang) -> FieldError {
    FieldError {
        field,
        message: fill(
            lang.texts().field_out_of_range,
            &[
                ("field", &field.label(lang)),
                ("range", &field.range_hint(lang)),
                ("got", &shorten(text.trim())),
            ],
        ),
    }
}

/// Reads an on/off field, in either language ("on"/"an", "off"/"aus").
fn switch(text: &str) -> Option<bool> {
    match text.trim().to_ascii_lowercase().as_str() {
        "on" | "an" => Some(true),
        "off" | "aus" => Some(false),
        _ => None,
    }
}

/// Parses a number in `min..=max`. A decimal comma is read as a point, as German writes it.
fn parse_in<T>(field: Field, text: &str, (min, max): (T, T), lang: Lang) -> Result<T, FieldError>
where
    T: std::str::FromStr + PartialOrd + Copy,
{
    match text.trim().replace(',', ".").parse::<T>() {
        // Written so that NaN, which compares false with everything, is refused.
        Ok(v) if v >= min && v <= max => Ok(v),
        _ => Err(out_of_range(field, text, lang)),
    }
}

/// Parses the form's text fields on top of `base` (which supplies the fields the form does not
/// show: seed, betas, LeakyReLU slope). Returns every field that is wrong, not only the first,
/// with messages in `lang`.
pub fn parse_form(
    base: &GanConfig,
    fields: &[(Field, String)],
    lang: Lang,
) -> Result<GanConfig, Vec<FieldError>> {
    let t = lang.texts();
    let mut config = base.clone();
    let mut errors = Vec::new();
    for (field, text) in fields {
        let result = match field {
            Field::Model => match text.trim().to_ascii_lowercase().as_str() {
                "mlp" => Ok(ModelKind::Mlp),
                "dcgan" => Ok(ModelKind::Dcgan),
                _ => Err(FieldError {
                    field: Field::Model,
                    message: fill(t.model_invalid, &[("got", &shorten(text.trim()))]),
                }),
            }
            .map(|model| config.model = model),
            Field::LrGenerator => {
                parse_in(*field, text, limits::LEARNING_RATE, lang).map(|v| config.lr_generator = v)
            }
            Field::LrDiscriminator => parse_in(*field, text, limits::LEARNING_RATE, lang)
                .map(|v| config.lr_discriminator = v),
            Field::BatchSize => {
                parse_in(*field, text, limits::BATCH_SIZE, lang).map(|v| config.batch_size = v)
            }
            Field::LatentDim => {
                parse_in(*field, text, limits::LATENT_DIM, lang).map(|v| config.latent_dim = v)
            }
            Field::LabelSmoothing => parse_in(*field, text, limits::LABEL_SMOOTHING, lang)
                .map(|v| config.label_smoothing = v),
            Field::GeneratorNorm => switch(text)
                .ok_or_else(|| FieldError {
                    field: Field::GeneratorNorm,
                    message: fill(t.norm_invalid, &[("got", &shorten(text.trim()))]),
                })
                .map(|on| config.generator_batch_norm = on),
            Field::Dropout => {
                parse_in(*field, text, limits::DROPOUT, lang).map(|v| config.dropout = v)
            }
            Field::Conditional => switch(text)
                .ok_or_else(|| FieldError {
                    field: Field::Conditional,
                    message: fill(
                        t.field_out_of_range,
                        &[
                            ("field", &Field::Conditional.label(lang)),
                            ("range", &t.on_off_hint),
                            ("got", &shorten(text.trim())),
                        ],
                    ),
                })
                .map(|on| config.conditional = on),
        };
        if let Err(e) = result {
            errors.push(e);
        }
    }
    if errors.is_empty() {
        // The form's checks mirror `limits`; validate() is the single source of truth.
        config.validate().map_err(|e| {
            vec![FieldError {
                field: Field::Model,
                message: e.to_string(),
            }]
        })?;
        Ok(config)
    } else {
        Err(errors)
    }
}

/// What applying a new config will do, for the form's message before the user applies it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// Nothing differs.
    None,
    /// Applies live, training goes on.
    Live,
    /// Needs fresh networks: training restarts from step 0.
    Reset,
}

impl Change {
    /// The form's message for this change.
    pub fn message(self, lang: Lang) -> &'static str {
        let t = lang.texts();
        match self {
            Change::None => t.change_none,
            Change::Live => t.change_live,
            Change::Reset => t.change_reset,
        }
    }
}

/// How going from `current` to `next` applies.
pub fn change(current: &GanConfig, next: &GanConfig) -> Change {
    if current == next {
        Change::None
    } else if current.needs_new_model(next) {
        Change::Reset
    } else {
        Change::Live
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(pairs: &[(Field, &str)]) -> Vec<(Field, String)> {
        pairs.iter().map(|(f, t)| (*f, (*t).to_string())).collect()
    }

    #[test]
    fn every_field_round_trips_through_the_form() {
        let base = GanConfig::default();
        let fields: Vec<(Field, String)> =
            Field::ALL.iter().map(|f| (*f, f.value_in(&base))).collect();
        assert_eq!(parse_form(&base, &fields, Lang::En), Ok(base));
    }

    #[test]
    fn good_values_apply() {
        let config = parse_form(
            &GanConfig::default(),
            &form(&[
                (Field::Model, " DCGAN "),
                (Field::LrGenerator, "0.001"),
                (Field::BatchSize, "32"),
                (Field::LatentDim, "64"),
                (Field::LabelSmoothing, "0"),
                (Field::GeneratorNorm, "off"),
                (Field::Dropout, "0.25"),
            ]),
            Lang::En,
        )
        .unwrap();
        assert!(!config.generator_batch_norm);
        assert_eq!(config.dropout, 0.25);
        assert_eq!(config.model, ModelKind::Dcgan);
        assert_eq!(config.lr_generator, 0.001);
        assert_eq!(config.batch_size, 32);
        assert_eq!(config.latent_dim, 64);
        assert_eq!(config.label_smoothing, 0.0);
    }

    #[test]
    fn every_bad_field_gets_its_own_message() {
        let errors = parse_form(
            &GanConfig::default(),
            &form(&[
                (Field::Model, "resnet"),
                (Field::LrGenerator, "0.5"),
                (Field::LrDiscriminator, "NaN"),
                (Field::BatchSize, "0"),
                (Field::LatentDim, "abc"),
                (Field::LabelSmoothing, "-0.1"),
                (Field::GeneratorNorm, "maybe"),
                (Field::Dropout, "0.95"),
                (Field::Conditional, "yes"),
            ]),
            Lang::En,
        )
        .unwrap_err();
        let fields: Vec<Field> = errors.iter().map(|e| e.field).collect();
        assert_eq!(fields, Field::ALL.to_vec());
        assert!(
            errors[1].message.contains("from 0.000001 to 0.1"),
            "{}",
            errors[1].message
        );
        assert!(
            errors[3].message.contains("(got \"0\")"),
            "{}",
            errors[3].message
        );
    }

    #[test]
    fn hostile_values_are_refused_field_by_field_with_a_short_message() {
        let huge = "9".repeat(10_000);
        let hostile = [
            "",
            " ",
            "-1",
            "-0.5",
            "NaN",
            "nan",
            "inf",
            "-inf",
            "1e999",
            "99999999999999999999999",
            "0x10",
            "1,5",
            "1.5.5",
            "abc",
            "true",
            "💥",
            "1; drop",
            "\0",
            &huge,
        ];
        let base = GanConfig::default();
        for field in Field::ALL {
            for value in hostile {
                let result = parse_form(&base, &form(&[(field, value)]), Lang::En);
                let Err(errors) = result else {
                    panic!("{field:?} accepted {value:?}: {result:?}");
                };
                assert_eq!(errors.len(), 1, "{field:?} {value:?}: {errors:?}");
                assert_eq!(errors[0].field, field);
                assert!(
                    errors[0].message.len() < 200,
                    "{field:?}: {} bytes of message",
                    errors[0].message.len()
                );
                assert!(
                    errors[0]
                        .message
                        .starts_with(field.label(Lang::En).split(' ').next().unwrap())
                );
            }
        }
    }

    #[test]
    fn german_messages_and_a_decimal_comma() {
        let config = parse_form(
            &GanConfig::default(),
            &form(&[(Field::LrGenerator, "0,001"), (Field::GeneratorNorm, "aus")]),
            Lang::De,
        )
        .unwrap();
        assert_eq!(config.lr_generator, 0.001);
        assert!(!config.generator_batch_norm);
        let errors = parse_form(
            &GanConfig::default(),
            &form(&[(Field::BatchSize, "0")]),
            Lang::De,
        )
        .unwrap_err();
        assert_eq!(
            errors[0].message,
            "Batchgröße muss eine Zahl von 1 bis 1024 sein (eingegeben: „0“)."
        );
        assert_eq!(Field::LrGenerator.range_hint(Lang::De), "0,000001 bis 0,1");
    }

    #[test]
    fn model_and_noise_size_need_a_reset_rates_apply_live() {
        let base = GanConfig::default();
        let live = GanConfig {
            lr_discriminator: 1e-4,
            batch_size: 16,
            ..base.clone()
        };
        let fresh = GanConfig {
            latent_dim: 10,
            ..base.clone()
        };
        assert_eq!(change(&base, &base), Change::None);
        assert_eq!(change(&base, &live), Change::Live);
        assert_eq!(change(&base, &fresh), Change::Reset);
        assert!(Field::LatentDim.needs_reset() && !Field::BatchSize.needs_reset());
    }
}
