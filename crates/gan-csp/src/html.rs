//! Just enough HTML to find inline scripts: Trunk writes well-formed tags, and the text of a
//! `<script>` element runs raw up to the first `</script>`.

use crate::SealError;

/// A `<script>` element without a `src` attribute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InlineScript<'a> {
    /// Byte offset of its `<script`.
    pub at: usize,
    /// Its text, exactly as the browser hashes it.
    pub text: &'a str,
}

/// Every inline script of `page`, in order.
pub fn inline_scripts(page: &str) -> Result<Vec<InlineScript<'_>>, SealError> {
    // ASCII lowercasing keeps byte offsets, so positions found in `lower` index `page`.
    let lower = page.to_ascii_lowercase();
    let mut scripts = Vec::new();
    let mut from = 0;
    while let Some(found) = lower[from..].find("<script") {
        let at = from + found;
        let after_name = at + "<script".len();
        // `<scripts>` or `<script-x>` are other elements.
        if !lower[after_name..].starts_with(|c: char| c == '>' || c.is_ascii_whitespace()) {
            from = after_name;
            continue;
        }
        let open_end = lower[after_name..]
            .find('>')
            .map(|i| after_name + i + 1)
            .ok_or(SealError::Unclosed(at))?;
        let close = lower[open_end..]
            .find("</script")
            .map(|i| open_end + i)
            .ok_or(SealError::Unclosed(at))?;
        if !has_src(&lower[after_name..open_end - 1]) {
            scripts.push(InlineScript {
                at,
                text: &page[open_end..close],
            });
        }
        from = close + "</script".len();
    }
    Ok(scripts)
}

/// Whether a start tag's attributes (lowercase) include `src`.
fn has_src(attributes: &str) -> bool {
    attributes
        .split(|c: char| c.is_ascii_whitespace() || c == '/')
        .any(|token| token == "src" || token.starts_with("src="))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_inline_scripts_by_their_exact_text() {
        let page = "<p><script-like>no</script-like><Script type='module'> a </script >\
                    <script src='x.js'></script><script\n>b</script>";
        let found = inline_scripts(page).unwrap();
        let texts: Vec<&str> = found.iter().map(|s| s.text).collect();
        assert_eq!(texts, [" a ", "b"]);
        assert_eq!(&page[found[0].at..found[0].at + 7], "<Script");
    }

    #[test]
    fn a_data_src_attribute_is_not_src() {
        let found = inline_scripts("<script data-src=\"x\">y</script>").unwrap();
        assert_eq!(found.len(), 1);
    }
}
