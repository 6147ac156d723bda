//! What a link or the settings form carries: the page's query string, and text for every
//! form field. Either is accepted within the limits or refused with a short message.
#![no_main]

use gan_core::GanConfig;
use gan_session::launch::LaunchOptions;
use gan_session::settings::{Field, parse_form};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let text = String::from_utf8_lossy(bytes);
    let (_, problems) = LaunchOptions::from_query(&text);
    for problem in &problems {
        assert!(
            problem.len() < 300,
            "a link's message grew to {} bytes",
            problem.len()
        );
    }
    let base = GanConfig::default();
    for field in Field::ALL {
        match parse_form(&base, &[(field, text.to_string())]) {
            Ok(config) => assert!(config.validate().is_ok(), "{field:?} let {text:?} through"),
            Err(errors) => assert!(errors.len() == 1 && errors[0].message.len() < 300),
        }
    }
});
