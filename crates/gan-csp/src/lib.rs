//! The site's Content-Security-Policy, sealed after Trunk has written the page.
//!
//! `index.html` carries the policy in a `<meta http-equiv="Content-Security-Policy">` tag with
//! the marker [`HASHES_MARKER`] where the inline scripts' hashes belong. Trunk writes those
//! scripts itself (the module that starts the wasm app, and under `trunk serve` the reload
//! script), and their text depends on the public URL, so the hashes can only be computed once
//! the page is built: [`seal`] does that, and refuses a policy that would let scripts through
//! by other means (`'unsafe-eval'`, `'unsafe-inline'`, a policy after the first script).

pub mod build;
mod html;

use base64::Engine as _;
use sha2::{Digest, Sha256};

pub use html::{InlineScript, inline_scripts};

/// Where the inline scripts' hashes go in the policy of `index.html`.
pub const HASHES_MARKER: &str = "INLINE-SCRIPT-HASHES";

/// Why a page could not be sealed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SealError {
    /// No policy meta tag with the marker, or more than one.
    #[error(
        "expected exactly one Content-Security-Policy meta tag holding {HASHES_MARKER}, found {0}"
    )]
    Marker(usize),
    /// The policy comes after a script, which would run unchecked.
    #[error("the Content-Security-Policy meta tag must come before the first script")]
    TooLate,
    /// The policy allows what it must not.
    #[error("the Content-Security-Policy must not contain {0}")]
    Forbidden(&'static str),
    /// A `<script>` without its end tag.
    #[error("a <script> at byte {0} has no </script>")]
    Unclosed(usize),
}

/// Tokens a policy of this site must never hold: wasm needs only `'wasm-unsafe-eval'`, and
/// inline scripts are allowed by their hashes.
const FORBIDDEN: [&str; 3] = ["'unsafe-eval'", "'unsafe-inline'", "'unsafe-hashes'"];

/// A sealed page, and how many inline scripts' hashes its policy now lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sealed {
    /// The page with the hashes in its policy.
    pub page: String,
    /// How many hashes went in.
    pub hashes: usize,
}

/// The CSP source expression for a script's text: `'sha256-<base64>'`.
pub fn script_hash(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

/// Replaces the marker in the page's policy with the hashes of all its inline scripts (with
/// nothing when there are none), after checking the policy.
pub fn seal(page: &str) -> Result<Sealed, SealError> {
    let markers: Vec<usize> = page.match_indices(HASHES_MARKER).map(|(i, _)| i).collect();
    let [at] = markers[..] else {
        return Err(SealError::Marker(markers.len()));
    };
    let scripts = inline_scripts(page)?;
    let first_script = page.to_ascii_lowercase().find("<script");
    if first_script.is_some_and(|first| first < at) {
        return Err(SealError::TooLate);
    }
    let policy = policy_around(page, at);
    if let Some(bad) = FORBIDDEN.into_iter().find(|bad| policy.contains(bad)) {
        return Err(SealError::Forbidden(bad));
    }
    let hashes: Vec<String> = scripts.iter().map(|s| script_hash(s.text)).collect();
    Ok(Sealed {
        page: format!(
            "{}{}{}",
            &page[..at],
            hashes.join(" "),
            &page[at + HASHES_MARKER.len()..]
        ),
        hashes: hashes.len(),
    })
}

/// The attribute value that holds the marker at `at`: from the quote before it to the one
/// after it.
fn policy_around(page: &str, at: usize) -> &str {
    let start = page[..at].rfind('"').map_or(0, |i| i + 1);
    let end = page[at..].find('"').map_or(page.len(), |i| at + i);
    &page[start..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = r#"<!doctype html><html><head><meta charset="utf-8" />
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self' 'wasm-unsafe-eval' INLINE-SCRIPT-HASHES" />
"#;

    #[test]
    fn hash_matches_the_csp_spec_example() {
        // The hash a browser computes for <script>alert('Hello, world.');</script>, as given in
        // the CSP Level 3 specification's example.
        assert_eq!(
            script_hash("alert('Hello, world.');"),
            "'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='"
        );
    }

    #[test]
    fn seals_every_inline_script_and_skips_external_ones() {
        let page = format!(
            "{HEAD}<script type=\"module\">\nimport init from '/a.js';\n</script>\
             <script src=\"/b.js\"></script></head><body><SCRIPT>x()</SCRIPT></body></html>"
        );
        let Sealed {
            page: sealed,
            hashes,
        } = seal(&page).unwrap();
        assert_eq!(hashes, 2);
        let one = script_hash("\nimport init from '/a.js';\n");
        let two = script_hash("x()");
        assert!(
            sealed.contains(&format!("'wasm-unsafe-eval' {one} {two}\"")),
            "{sealed}"
        );
        assert!(!sealed.contains(HASHES_MARKER));
        assert_eq!(inline_scripts(&sealed).unwrap().len(), 2);
    }

    #[test]
    fn refuses_pages_it_cannot_seal_safely() {
        let script = "<script>go()</script>";
        assert_eq!(seal("<html></html>"), Err(SealError::Marker(0)));
        assert_eq!(seal(&format!("{HEAD}{HEAD}")), Err(SealError::Marker(2)));
        assert_eq!(
            seal(&format!("<html>{script}{}", &HEAD[15..])),
            Err(SealError::TooLate)
        );
        let eval = HEAD.replace("'self'", "'self' 'unsafe-eval'");
        assert_eq!(seal(&eval), Err(SealError::Forbidden("'unsafe-eval'")));
        let inline = HEAD.replace("'self'", "'unsafe-inline'");
        assert_eq!(seal(&inline), Err(SealError::Forbidden("'unsafe-inline'")));
        assert_eq!(
            seal(&format!("{HEAD}<script>never closed")),
            Err(SealError::Unclosed(HEAD.len()))
        );
    }
}
