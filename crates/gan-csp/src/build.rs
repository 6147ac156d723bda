//! The build's name: a digest of every file of the built site, written where the site left
//! [`BUILD_MARKER`] (the service worker's cache name, the page's `<meta name="gan-build">`).
//! A new deployment has a new name, so browsers install its service worker, which drops the
//! older deployment's cache, and the page can tell its visitors that it is new.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

/// Where the build's name goes.
pub const BUILD_MARKER: &str = "__GAN_BUILD__";

/// The name of a site made of `files` (path relative to the site, contents): 16 hex digits of
/// a SHA-256 over the paths and contents, in path order, so the same files always give the
/// same name, and any change of a byte or a path a new one.
pub fn build_name(files: &[(String, Vec<u8>)]) -> String {
    let mut sorted: Vec<&(String, Vec<u8>)> = files.iter().collect();
    sorted.sort_by(|a, b| a.0.cmp(&b.0));
    let mut hash = Sha256::new();
    for (path, bytes) in sorted {
        // Lengths first, so that no two different lists hash the same bytes.
        hash.update((path.len() as u64).to_le_bytes());
        hash.update(path.as_bytes());
        hash.update((bytes.len() as u64).to_le_bytes());
        hash.update(bytes);
    }
    hash.finalize()[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Names the site in `dir` and writes the name over [`BUILD_MARKER`] in its `.html` and `.js`
/// files. Returns the name and how many files carried the marker.
///
/// # Errors
/// A file that cannot be read or written, with its path.
pub fn stamp_dir(dir: &Path) -> Result<(String, usize), String> {
    let mut paths = Vec::new();
    collect(dir, &mut paths)?;
    let mut files = Vec::with_capacity(paths.len());
    for path in &paths {
        let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let relative = path
            .strip_prefix(dir)
            .unwrap_or(path)
            .to_string_lossy()
            .into_owned();
        files.push((relative, bytes));
    }
    let name = build_name(&files);
    let mut stamped = 0;
    for (path, (_, bytes)) in paths.iter().zip(&files) {
        let text_file = path.extension().is_some_and(|e| e == "html" || e == "js");
        let Ok(text) = std::str::from_utf8(bytes) else {
            continue;
        };
        if text_file && text.contains(BUILD_MARKER) {
            std::fs::write(path, text.replace(BUILD_MARKER, &name))
                .map_err(|e| format!("{}: {e}", path.display()))?;
            stamped += 1;
        }
    }
    Ok((name, stamped))
}

fn collect(dir: &Path, into: &mut Vec<PathBuf>) -> Result<(), String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for entry in entries {
        let path = entry.map_err(|e| format!("{}: {e}", dir.display()))?.path();
        if path.is_dir() {
            collect(&path, into)?;
        } else {
            into.push(path);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(files: &[(&str, &str)]) -> Vec<(String, Vec<u8>)> {
        files
            .iter()
            .map(|(p, c)| ((*p).to_string(), c.as_bytes().to_vec()))
            .collect()
    }

    #[test]
    fn the_name_follows_every_byte_and_path_but_not_the_order() {
        let a = site(&[("index.html", "<p>"), ("data/x.bin", "123")]);
        let name = build_name(&a);
        assert_eq!(name.len(), 16);
        assert!(name.chars().all(|c| c.is_ascii_hexdigit()));
        let reordered = site(&[("data/x.bin", "123"), ("index.html", "<p>")]);
        assert_eq!(build_name(&reordered), name);
        for changed in [
            site(&[("index.html", "<p>"), ("data/x.bin", "124")]),
            site(&[("index.html", "<p>"), ("data/y.bin", "123")]),
            site(&[("index.html", "<p>")]),
            // The same bytes split differently between path and contents.
            site(&[("index.html", "<p>"), ("data/x.bin1", "23")]),
        ] {
            assert_ne!(build_name(&changed), name, "{changed:?}");
        }
    }

    #[test]
    fn stamping_writes_the_name_where_the_marker_was() {
        let dir = std::env::temp_dir().join(format!("gan-csp-stamp-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("data")).unwrap();
        let page = format!("<meta name=\"gan-build\" content=\"{BUILD_MARKER}\">");
        let worker = format!("const BUILD = '{BUILD_MARKER}';");
        std::fs::write(dir.join("index.html"), &page).unwrap();
        std::fs::write(dir.join("isolate-sw.js"), &worker).unwrap();
        std::fs::write(dir.join("data/x.bin"), BUILD_MARKER).unwrap();
        let (name, stamped) = stamp_dir(&dir).unwrap();
        assert_eq!(stamped, 2, "only the page and the script, not the data");
        let page = std::fs::read_to_string(dir.join("index.html")).unwrap();
        assert_eq!(
            page,
            format!("<meta name=\"gan-build\" content=\"{name}\">")
        );
        let data = std::fs::read_to_string(dir.join("data/x.bin")).unwrap();
        assert_eq!(data, BUILD_MARKER);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
