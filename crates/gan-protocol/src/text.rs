//! Small helpers for messages that quote what a user typed, a link carried or the browser
//! answered.

/// At most 40 characters of a value, with "…" when cut: a link or a pasted field can carry
/// megabytes, and a message must stay one readable line.
pub fn shorten(value: &str) -> String {
    let mut short: String = value.chars().take(40).collect();
    if short.len() < value.len() {
        short.push('…');
    }
    short
}

/// The most characters of a browser's error that a message quotes.
const MAX_ERROR_CHARS: usize = 160;

/// A browser's or the trainer's error as a page may show it: the first line only, without
/// `JsValue(…)` wrappers, stack frames (`name@url:line:col`, `[native code]`, the lines after the first) or
/// addresses, and at most 160 characters. The full text belongs in the console, not in front
/// of a class; what is left is the sentence the browser meant for people, if it wrote one.
pub fn for_people(raw: &str) -> String {
    let first_line = raw
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    let wrappers = first_line.matches("JsValue(").count();
    let mut words: Vec<&str> = Vec::new();
    for word in first_line.split_whitespace() {
        let word = word.trim_start_matches("JsValue(");
        // A stack frame ends the sentence: everything after it is more frames.
        if is_frame(word) {
            break;
        }
        if !word.is_empty() {
            words.push(word);
        }
    }
    let mut text = words.join(" ");
    // The closing parentheses of the wrappers that were taken off.
    for _ in 0..wrappers {
        if text.ends_with(')') && text.matches(')').count() > text.matches('(').count() {
            text.pop();
        }
    }
    let text = text.trim_end_matches([':', ' ']).to_string();
    let mut short: String = text.chars().take(MAX_ERROR_CHARS).collect();
    if short.len() < text.len() {
        short.push('…');
    }
    short
}

/// Whether a word is part of a stack trace or an address rather than of a sentence.
fn is_frame(word: &str) -> bool {
    word.contains('@')
        || word.contains("://")
        || word.contains("[native")
        || word.contains("wasm-function[")
        || word.ends_with(".js")
        || word.contains(".js:")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_browser_error_loses_its_wrapper_and_its_stack() {
        // WebKit's answer when the threaded trainer could not start, as the page showed it.
        let webkit = "the trainer could not start its 4 threads: JsValue(DataCloneError: The \
            object can not be cloned. postMessage@[native code] \
            @http://127.0.0.1:8080/snippets/wasm-bindgen-rayon-38edf6e439f6d70d/src/\
            workerHelpers.no-bundler.js:70:25)";
        assert_eq!(
            for_people(webkit),
            "the trainer could not start its 4 threads: DataCloneError: The object can not be \
             cloned."
        );
        let chromium = "JsValue(TypeError: Failed to fetch\n    at x (http://a/b.js:1:2))";
        assert_eq!(for_people(chromium), "TypeError: Failed to fetch");
        let firefox = "JsValue(Error: out of memory\nstart@http://a/b.js:3:4\n)";
        assert_eq!(for_people(firefox), "Error: out of memory");
    }

    #[test]
    fn plain_sentences_stay_as_they_are_within_the_limit() {
        assert_eq!(
            for_people("the GPU device was lost (reason: destroyed)"),
            "the GPU device was lost (reason: destroyed)"
        );
        assert_eq!(for_people(""), "");
        let long = for_people(&"word ".repeat(100));
        assert_eq!(long.chars().count(), MAX_ERROR_CHARS + 1);
        assert!(long.ends_with('…'));
        assert_eq!(for_people("it stopped at step 5"), "it stopped at step 5");
        for raw in ["JsValue(", ")))", "@", "JsValue(JsValue(x))", "a@b c"] {
            let text = for_people(raw);
            assert!(
                !text.contains("JsValue") && !text.contains('@'),
                "{raw}: {text}"
            );
        }
    }

    #[test]
    fn long_values_are_cut_at_a_character_boundary() {
        assert_eq!(shorten("0.5"), "0.5");
        let long = "ä".repeat(100);
        let short = shorten(&long);
        assert_eq!(short.chars().count(), 41);
        assert!(short.ends_with('…'));
    }
}
