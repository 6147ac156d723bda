//! Whether the site changed since this browser's last visit. Each build carries its name (a
//! digest of its files, in `<meta name="gan-build">`); the page keeps the name it last ran in
//! the browser's storage and says so when a new deployment has arrived, which the site's
//! service worker fetches on the next load (and then drops the old one's cache).

/// The placeholder a build that was not named carries (a page opened from the sources).
pub const UNNAMED: &str = "__GAN_BUILD__";

/// Whether `current` is a new deployment for a browser that last ran `previous`: only when
/// both are real names and differ. A first visit, or a build without a name, is not news.
pub fn is_new(previous: Option<&str>, current: &str) -> bool {
    let named = |name: &str| !name.is_empty() && name != UNNAMED;
    previous.is_some_and(|previous| named(previous) && named(current) && previous != current)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_change_between_two_named_builds_is_news() {
        assert!(is_new(Some("0a1b2c3d4e5f6071"), "1111111111111111"));
        assert!(!is_new(Some("0a1b2c3d4e5f6071"), "0a1b2c3d4e5f6071"));
        assert!(!is_new(None, "0a1b2c3d4e5f6071"), "a first visit");
        assert!(!is_new(Some(UNNAMED), "0a1b2c3d4e5f6071"));
        assert!(!is_new(Some("0a1b2c3d4e5f6071"), UNNAMED));
        assert!(!is_new(Some(""), "0a1b2c3d4e5f6071"));
    }
}
