//! What a link or the settings form carries: the page's query string, and text for every
//! form field. Either is accepted within the limits or refused with a short message, in both
//! languages; whatever a link restores writes itself back as a link that restores the same.
#![no_main]

use gan_core::GanConfig;
use gan_protocol::Lang;
use gan_page::launch::LaunchOptions;
use gan_page::settings::{Field, parse_form};
use libfuzzer_sys::fuzz_target;

/// Messages quote at most 40 characters of what they refuse: a bound in bytes holds.
const MAX_MESSAGE_BYTES: usize = 400;

fuzz_target!(|bytes: &[u8]| {
    let text = String::from_utf8_lossy(bytes);
    for lang in Lang::ALL {
        let (options, problems) = LaunchOptions::from_query(&text, lang);
        for problem in &problems {
            assert!(
                problem.len() < MAX_MESSAGE_BYTES,
                "a link's message grew to {} bytes",
                problem.len()
            );
        }
        assert!(options.lesson.config.validate().is_ok(), "{text:?}");
        let (again, problems) = LaunchOptions::from_query(&options.to_query(), lang);
        assert!(problems.is_empty(), "{text:?} wrote back {problems:?}");
        assert_eq!(again, options, "{text:?}");
        let base = GanConfig::default();
        for field in Field::ALL {
            match parse_form(&base, &[(field, text.to_string())], lang) {
                Ok(config) => assert!(config.validate().is_ok(), "{field:?} let {text:?} through"),
                Err(errors) => {
                    assert!(errors.len() == 1 && errors[0].message.len() < MAX_MESSAGE_BYTES)
                }
            }
        }
    }
});
