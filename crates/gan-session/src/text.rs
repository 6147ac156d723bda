//! Small helpers for messages that quote what a user typed or a link carried.

/// At most 40 characters of a value, with "…" when cut: a link or a pasted field can carry
/// megabytes, and a message must stay one readable line.
pub(crate) fn shorten(value: &str) -> String {
    let mut short: String = value.chars().take(40).collect();
    if short.len() < value.len() {
        short.push('…');
    }
    short
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_values_are_cut_at_a_character_boundary() {
        assert_eq!(shorten("0.5"), "0.5");
        let long = "ä".repeat(100);
        let short = shorten(&long);
        assert_eq!(short.chars().count(), 41);
        assert!(short.ends_with('…'));
    }
}
