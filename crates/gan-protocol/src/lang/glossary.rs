//! The page's glossary: the words of the duel, each with an anchor on the page, its name and a
//! short definition in both languages, written for a class of 15-year-olds and true of this app
//! (its recipe, its defaults, its judge). [`Term::for_word`] finds the entry a word of the page
//! points to.

use super::Lang;

/// A term the page explains in its glossary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Term {
    /// G, the forger.
    Generator,
    /// D, the detective.
    Discriminator,
    /// z, the forger's input.
    NoiseVector,
    /// The numbers a network learns.
    Weight,
    /// How wrong a network was.
    Loss,
    /// Which way each weight must move.
    Gradient,
    /// The images of one step.
    Batch,
    /// How far each weight moves per step.
    LearningRate,
    /// D's target for real digits below 1.
    LabelSmoothing,
    /// Batch normalisation in G's hidden layers.
    BatchNorm,
    /// Neurons of D switched off at random while it trains.
    Dropout,
    /// G drawing only a few kinds of digit.
    ModeCollapse,
    /// D's verdict on real digits.
    DOfX,
    /// D's verdict on the forgeries.
    DOfGOfZ,
    /// The judge's distance between forgeries and real digits.
    FrechetDistance,
}

/// One glossary entry: its anchor, its name and definition in each language, and the other
/// words of the page that point to it.
struct Entry {
    id: &'static str,
    en: (&'static str, &'static str),
    de: (&'static str, &'static str),
    words: &'static [&'static str],
}

impl Term {
    /// Every term, in the order the glossary lists them.
    pub const ALL: [Term; 15] = [
        Term::Generator,
        Term::Discriminator,
        Term::NoiseVector,
        Term::Weight,
        Term::Loss,
        Term::Gradient,
        Term::Batch,
        Term::LearningRate,
        Term::LabelSmoothing,
        Term::BatchNorm,
        Term::Dropout,
        Term::ModeCollapse,
        Term::DOfX,
        Term::DOfGOfZ,
        Term::FrechetDistance,
    ];

    /// Its anchor id on the page, e.g. "term-generator" (ASCII, unique).
    pub fn id(self) -> &'static str {
        self.entry().id
    }

    /// Its name in `lang`.
    pub fn name(self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.entry().en.0,
            Lang::De => self.entry().de.0,
        }
    }

    /// Two or three sentences for a class of 15-year-olds, in `lang`.
    pub fn definition(self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.entry().en.1,
            Lang::De => self.entry().de.1,
        }
    }

    /// The term whose glossary entry a word of the page points to: its name in either
    /// language ("Learning rate", "Lernrate"), with or without the part in brackets, or
    /// another word the page uses for it ("D(G(z))", "label smoothing", "Batchgröße").
    /// Case, hyphens and surrounding punctuation do not matter. `None` for any other text,
    /// the bare letters "G", "D" and "z" included: they are too common to link.
    pub fn for_word(word: &str) -> Option<Term> {
        let wanted = normalise(word);
        if wanted.is_empty() {
            return None;
        }
        Term::ALL.into_iter().find(|term| {
            let entry = term.entry();
            [entry.en.0, entry.de.0]
                .into_iter()
                .flat_map(|name| [name, name.split(" (").next().unwrap_or(name)])
                .chain(entry.words.iter().copied())
                .any(|candidate| normalise(candidate) == wanted)
        })
    }

    fn entry(self) -> &'static Entry {
        match self {
            Term::Generator => &Entry {
                id: "term-generator",
                en: (
                    "Generator (forger)",
                    "The forger G: a neural network that turns a noise vector into an image of 28 × 28 pixels. It never sees a real digit: it learns only from D's verdicts on its forgeries, in phase 5, through the stacked network.",
                ),
                de: (
                    "Generator (Fälscher)",
                    "Der Fälscher G ist ein neuronales Netz, das aus einem Rauschvektor ein Bild mit 28 × 28 Pixeln macht. Eine echte Ziffer bekommt er nie zu sehen: Er lernt nur aus den Urteilen von D über seine Fälschungen, und zwar in Phase 5 über das Gesamtnetz.",
                ),
                words: &[
                    "generator",
                    "generators",
                    "forger",
                    "Generatoren",
                    "Fälscher",
                    "Fälschers",
                ],
            },
            Term::Discriminator => &Entry {
                id: "term-discriminator",
                en: (
                    "Discriminator (detective)",
                    "The detective D: a neural network that looks at an image and gives the probability that it is a real digit, not a forgery. In phase 2 it learns from real digits and G's forgeries; in phases 4 and 5 it is frozen and only judges.",
                ),
                de: (
                    "Diskriminator (Detektiv)",
                    "Der Detektiv D ist ein neuronales Netz, das sich ein Bild ansieht und angibt, wie wahrscheinlich es eine echte Ziffer und keine Fälschung ist. In Phase 2 lernt D an echten Ziffern und an den Fälschungen von G; in den Phasen 4 und 5 ist D eingefroren und urteilt nur.",
                ),
                words: &[
                    "discriminator",
                    "detective",
                    "Diskriminatoren",
                    "Detektiv",
                    "Detektivs",
                ],
            },
            Term::NoiseVector => &Entry {
                id: "term-noise-vector",
                en: (
                    "Noise vector",
                    "The forger's input z: a list of random numbers (100 by default, the noise size), drawn from a normal distribution. Each noise vector gives a different image; the grid always uses the same 64, so that you can watch the same digits change while G learns.",
                ),
                de: (
                    "Rauschvektor",
                    "Die Eingabe z des Fälschers: eine Liste von Zufallszahlen (standardmäßig 100, das ist die Rauschgröße), gezogen aus einer Normalverteilung. Jeder Rauschvektor ergibt ein anderes Bild; das Raster nimmt immer dieselben 64, damit du zusehen kannst, wie sich dieselben Ziffern verändern, während G lernt.",
                ),
                words: &[
                    "noise vectors",
                    "noise",
                    "noise size",
                    "latent dimension",
                    "Rauschvektoren",
                    "Rauschen",
                    "Rauschgröße",
                    "latente Dimension",
                ],
            },
            Term::Weight => &Entry {
                id: "term-weight",
                en: (
                    "Weights",
                    "The numbers inside a network that decide what it computes: G and D each have hundreds of thousands of them. Training means changing the weights a little, step by step, so that the loss gets smaller; frozen weights stay as they are.",
                ),
                de: (
                    "Gewichte",
                    "Die Zahlen in einem Netz, die bestimmen, was es ausrechnet: G und D haben jeweils Hunderttausende davon. Trainieren heißt, die Gewichte Schritt für Schritt ein wenig zu verändern, damit der Verlust kleiner wird; eingefrorene Gewichte bleiben, wie sie sind.",
                ),
                words: &["weight", "Gewicht"],
            },
            Term::Loss => &Entry {
                id: "term-loss",
                en: (
                    "Loss",
                    "A number that says how wrong a network was on a batch: the smaller, the better. D's loss is the binary cross-entropy of its verdicts against the targets \"real\" and \"fake\". G's loss is the non-saturating loss, the cross-entropy of D's verdicts on the forgeries against the target \"real\", so it is high as long as D sees through the forgeries.",
                ),
                de: (
                    "Verlust",
                    "Eine Zahl, die sagt, wie sehr ein Netz bei einem Batch danebenlag: je kleiner, desto besser. Der Verlust von D ist die binäre Kreuzentropie seiner Urteile gegenüber den Zielen „echt“ und „gefälscht“. Der Verlust von G ist der nicht sättigende Verlust, die Kreuzentropie der Urteile von D über die Fälschungen gegenüber dem Ziel „echt“: Er bleibt groß, solange D die Fälschungen durchschaut.",
                ),
                words: &["losses", "G loss", "D loss", "Verluste"],
            },
            Term::Gradient => &Entry {
                id: "term-gradient",
                en: (
                    "Gradient",
                    "For every weight, how strongly and in which direction the loss changes when that weight changes a little. The optimizer (Adam) moves each weight against its gradient, so that the loss gets smaller; in phase 5 the gradient flows back through the frozen D into G, and only G's weights change.",
                ),
                de: (
                    "Gradient",
                    "Der Gradient gibt für jedes Gewicht an, wie stark und in welche Richtung sich der Verlust ändert, wenn sich dieses Gewicht ein klein wenig ändert. Der Optimierer (Adam) verschiebt jedes Gewicht gegen seinen Gradienten, damit der Verlust kleiner wird; in Phase 5 fließt der Gradient durch den eingefrorenen D bis in G zurück, und nur die Gewichte von G ändern sich.",
                ),
                words: &["gradients", "Gradienten"],
            },
            Term::Batch => &Entry {
                id: "term-batch",
                en: (
                    "Batch",
                    "The group of images a network learns from in one step: 64 real digits by default, and as many forgeries from G. The loss is the average over the whole batch, so one odd image cannot pull the weights too far; you set the batch size among the hyperparameters.",
                ),
                de: (
                    "Batch",
                    "Die Gruppe von Bildern, aus der ein Netz in einem Schritt lernt: standardmäßig 64 echte Ziffern und genauso viele Fälschungen von G. Der Verlust ist der Mittelwert über den ganzen Batch, deshalb kann ein einzelnes ausgefallenes Bild die Gewichte nicht zu weit verziehen; die Batchgröße stellst du bei den Hyperparametern ein.",
                ),
                words: &["batches", "batch size", "Batches", "Batchgröße"],
            },
            Term::LearningRate => &Entry {
                id: "term-learning-rate",
                en: (
                    "Learning rate",
                    "How far the optimizer moves each weight in one training step; G and D each have their own (0.0005 by default). Too high, and training swings wildly or breaks (a loss becomes NaN); too low, and the network learns very slowly.",
                ),
                de: (
                    "Lernrate",
                    "Wie weit der Optimierer jedes Gewicht in einem Trainingsschritt verschiebt; G und D haben jeweils ihre eigene (standardmäßig 0,0005). Ist sie zu hoch, schwankt das Training wild oder entgleist (ein Verlust wird NaN); ist sie zu niedrig, lernt das Netz sehr langsam.",
                ),
                words: &["learning rates", "Lernraten"],
            },
            Term::LabelSmoothing => &Entry {
                id: "term-label-smoothing",
                en: (
                    "Label smoothing",
                    "D's target for real digits is a little below 1: with label smoothing 0.1, D aims for 0.9, not 1 (forgeries keep the target 0). This keeps D from becoming too sure of itself, so that G still gets a useful gradient; 0 switches it off.",
                ),
                de: (
                    "Label-Smoothing",
                    "Das Ziel von D für echte Ziffern liegt etwas unter 1: Bei Label-Smoothing 0,1 zielt D auf 0,9 statt auf 1 (Fälschungen behalten das Ziel 0). So wird D nicht zu selbstsicher, und G bekommt weiter einen brauchbaren Gradienten; 0 schaltet es aus.",
                ),
                words: &[],
            },
            Term::BatchNorm => &Entry {
                id: "term-batch-norm",
                en: (
                    "Batch norm",
                    "Batch normalisation rescales the numbers inside a layer over each batch to a mean of 0 and a spread of 1, before the network scales them again as it has learned. In this app you can switch it on for G's hidden layers (MLP): training runs more steadily, and all ten digits appear sooner.",
                ),
                de: (
                    "Batch-Normalisierung",
                    "Die Batch-Normalisierung bringt die Zahlen in einer Schicht über jeden Batch auf einen Mittelwert von 0 und eine Streuung von 1, bevor das Netz sie wieder so skaliert, wie es gelernt hat. In dieser App kannst du sie für die verborgenen Schichten von G (MLP) einschalten: Das Training läuft ruhiger, und alle zehn Ziffern tauchen früher auf.",
                ),
                words: &["batch normalisation", "batch normalization", "Batchnorm"],
            },
            Term::Dropout => &Entry {
                id: "term-dropout",
                en: (
                    "Dropout",
                    "While D trains, dropout switches off a random share of its neurons in every step (the dropout rate, 0 by default). D then cannot rely on a few details, so it does not learn the real digits by heart and beat G too easily; the option exists for the MLP.",
                ),
                de: (
                    "Dropout",
                    "Während D trainiert, schaltet Dropout in jedem Schritt einen zufälligen Anteil seiner Neuronen ab (die Dropout-Rate, standardmäßig 0). Dann kann sich D nicht auf einzelne Details verlassen, lernt die echten Ziffern nicht auswendig und schlägt G nicht so leicht; die Option gibt es beim MLP.",
                ),
                words: &["dropout rate", "Dropout-Rate"],
            },
            Term::ModeCollapse => &Entry {
                id: "term-mode-collapse",
                en: (
                    "Mode collapse",
                    "G draws only a few kinds of digit, because it found forgeries that fool D and keeps repeating them. On the page the grid then shows the same digit again and again, and the judge's count of digits present and its diversity fall.",
                ),
                de: (
                    "Mode-Collapse",
                    "G zeichnet nur noch wenige Ziffernarten, weil er Fälschungen gefunden hat, die D täuschen, und sie immer wieder verwendet. Auf der Seite zeigt das Raster dann immer wieder dieselbe Ziffer, und beim Gutachter sinken die Zahl der vorhandenen Ziffern und die Vielfalt.",
                ),
                words: &[],
            },
            Term::DOfX => &Entry {
                id: "term-d-of-x",
                en: (
                    "D(x)",
                    "The probability D gives a real digit x of being real, averaged over a batch. Without label smoothing D aims for 1; with label smoothing 0.1 it aims for 0.9, not 1.",
                ),
                de: (
                    "D(x)",
                    "Die Wahrscheinlichkeit, mit der D eine echte Ziffer x für echt hält, im Schnitt über einen Batch. Ohne Label-Smoothing zielt D auf 1, mit Label-Smoothing 0,1 auf 0,9.",
                ),
                words: &[],
            },
            Term::DOfGOfZ => &Entry {
                id: "term-d-of-g-of-z",
                en: (
                    "D(G(z))",
                    "The probability D gives a forgery G(z) of being real, averaged over a batch. D wants it near 0, the forger near 1; in a balanced duel D can hardly tell forgeries from real digits, and D(G(z)) comes close to D(x).",
                ),
                de: (
                    "D(G(z))",
                    "Die Wahrscheinlichkeit, mit der D eine Fälschung G(z) für echt hält, im Schnitt über einen Batch. D will diesen Wert nahe 0 haben, der Fälscher nahe 1; in einem ausgeglichenen Duell kann D Fälschungen kaum noch von echten Ziffern unterscheiden, und D(G(z)) kommt nahe an D(x) heran.",
                ),
                words: &[],
            },
            Term::FrechetDistance => &Entry {
                id: "term-frechet-distance",
                en: (
                    "Fréchet distance",
                    "How far the forgeries are from real digits, as the judge network sees them: the app compares the features that the judge's second-to-last layer finds in fresh forgeries with those it finds in real digits. Lower is better; 0 would mean that to the judge the forgeries look just like real digits.",
                ),
                de: (
                    "Fréchet-Distanz",
                    "Wie weit die Fälschungen von echten Ziffern entfernt sind, so wie das Gutachter-Netz sie sieht: Die App vergleicht die Merkmale, die die vorletzte Schicht des Gutachters in frischen Fälschungen findet, mit denen, die sie in echten Ziffern findet. Je kleiner, desto besser; 0 hieße, dass die Fälschungen für den Gutachter genau wie echte Ziffern aussehen.",
                ),
                words: &["Frechet distance", "Frechet-Distanz", "FID"],
            },
        }
    }
}

/// A word as [`Term::for_word`] compares it: trimmed of spaces and punctuation around it (not
/// of brackets, which "D(x)" needs), lower case, hyphens read as spaces, single spaces.
fn normalise(word: &str) -> String {
    let trimmed = word.trim_matches(|c: char| {
        c.is_whitespace()
            || matches!(
                c,
                '.' | ',' | ':' | ';' | '!' | '?' | '"' | '„' | '“' | '\''
            )
    });
    trimmed
        .to_lowercase()
        .replace('-', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::{DE, EN};
    use std::collections::HashSet;

    #[test]
    fn every_term_is_listed_once() {
        let listed: HashSet<Term> = Term::ALL.into_iter().collect();
        assert_eq!(listed.len(), Term::ALL.len());
    }

    #[test]
    fn ids_are_unique_ascii_anchors() {
        let mut seen = HashSet::new();
        for term in Term::ALL {
            let id = term.id();
            assert!(id.starts_with("term-"), "{term:?}: {id}");
            assert!(
                id.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "{term:?}: {id} is no plain ASCII anchor"
            );
            assert!(seen.insert(id), "{term:?}: {id} twice");
        }
    }

    #[test]
    fn every_term_has_a_name_and_a_definition_in_both_languages() {
        for term in Term::ALL {
            for lang in Lang::ALL {
                assert!(
                    !term.name(lang).trim().is_empty(),
                    "{term:?}: no name in {lang:?}"
                );
                assert!(
                    !term.definition(lang).trim().is_empty(),
                    "{term:?}: no definition in {lang:?}"
                );
            }
            assert_ne!(
                term.definition(Lang::En),
                term.definition(Lang::De),
                "{term:?}: not translated"
            );
        }
    }

    /// Sentence ends: a full stop at the end, or one before a space and a capital letter.
    fn sentences(text: &str) -> usize {
        let chars: Vec<char> = text.trim().chars().collect();
        chars
            .iter()
            .enumerate()
            .filter(|&(i, &c)| {
                c == '.'
                    && (i + 1 == chars.len()
                        || (chars.get(i + 1) == Some(&' ')
                            && chars.get(i + 2).is_some_and(|c| c.is_uppercase())))
            })
            .count()
    }

    #[test]
    fn definitions_are_two_or_three_sentences() {
        for term in Term::ALL {
            for lang in Lang::ALL {
                let text = term.definition(lang);
                let n = sentences(text);
                assert!(
                    (2..=3).contains(&n),
                    "{term:?} in {lang:?}: {n} sentences: {text}"
                );
            }
        }
        assert_eq!(sentences("One. Two 0.9 here. Three."), 3);
    }

    /// The German texts of the glossary.
    fn german() -> impl Iterator<Item = (Term, &'static str)> {
        Term::ALL
            .into_iter()
            .flat_map(|t| [(t, t.name(Lang::De)), (t, t.definition(Lang::De))])
    }

    #[test]
    fn german_says_du_not_sie() {
        for (term, text) in german() {
            let padded = format!(" {text} ");
            for formal in [" Sie ", "Ihnen", "Ihr ", "Ihre ", "Ihren "] {
                assert!(!padded.contains(formal), "{term:?}: {formal:?} in {text}");
            }
        }
    }

    #[test]
    fn german_writes_german_quotation_marks_and_decimal_commas() {
        for (term, text) in german() {
            assert!(!text.contains('"'), "{term:?}: \" in {text}");
            let chars: Vec<char> = text.chars().collect();
            for w in chars.windows(3) {
                assert!(
                    !(w[0].is_ascii_digit() && w[1] == '.' && w[2].is_ascii_digit()),
                    "{term:?}: a decimal point in {text}"
                );
            }
        }
    }

    #[test]
    fn every_term_is_found_by_its_name_in_both_languages() {
        for term in Term::ALL {
            for lang in Lang::ALL {
                let name = term.name(lang);
                assert_eq!(Term::for_word(name), Some(term), "{lang:?} name {name:?}");
                let short = name.split(" (").next().unwrap();
                assert_eq!(Term::for_word(short), Some(term), "{lang:?} name {short:?}");
            }
        }
    }

    #[test]
    fn no_word_points_to_two_terms() {
        for term in Term::ALL {
            for word in term.entry().words {
                assert_eq!(Term::for_word(word), Some(term), "{word:?}");
            }
        }
    }

    #[test]
    fn the_words_of_the_page_point_to_their_terms() {
        for (word, term) in [
            ("D(G(z))", Term::DOfGOfZ),
            ("D(x)", Term::DOfX),
            ("learning rate", Term::LearningRate),
            ("Lernrate", Term::LearningRate),
            ("Lernraten", Term::LearningRate),
            ("label smoothing", Term::LabelSmoothing),
            ("Label Smoothing", Term::LabelSmoothing),
            ("Batch", Term::Batch),
            ("Batchgröße", Term::Batch),
            ("batch norm", Term::BatchNorm),
            ("Batch-Normalisierung", Term::BatchNorm),
            ("Mode Collapse:", Term::ModeCollapse),
            ("Fälscher", Term::Generator),
            ("Detektiv", Term::Discriminator),
            ("Rauschvektoren", Term::NoiseVector),
            ("Fréchet-Distanz", Term::FrechetDistance),
            ("Fréchet distance", Term::FrechetDistance),
            ("„Gewichte“", Term::Weight),
        ] {
            assert_eq!(Term::for_word(word), Some(term), "{word:?}");
        }
        for other in [
            "", "  ", "D", "G", "z", "banana", "Duell", "D(G(x))", "learning",
        ] {
            assert_eq!(Term::for_word(other), None, "{other:?}");
        }
    }

    #[test]
    fn the_glossary_names_terms_as_the_page_does() {
        for (lang, texts) in [(Lang::En, &EN), (Lang::De, &DE)] {
            let page: String = texts
                .entries()
                .iter()
                .map(|(_, text)| text.to_lowercase())
                .collect::<Vec<_>>()
                .join("\n");
            for term in Term::ALL {
                let name = term.name(lang).split(" (").next().unwrap().to_lowercase();
                assert!(
                    page.contains(&name),
                    "{term:?}: no {lang:?} text of the page says {name:?}"
                );
            }
        }
    }
}
