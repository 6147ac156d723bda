//! `gan-csp [PAGE]`: seals PAGE in place (default: `$TRUNK_STAGING_DIR/index.html`, the page
//! Trunk has just built, when run as its post_build hook), then names the build: a digest of
//! the site's files, written over `__GAN_BUILD__` in its page and service worker.

use std::path::PathBuf;
use std::process::ExitCode;

#[expect(
    clippy::print_stderr,
    reason = "the tool's report, on stderr beside Trunk's log"
)]
fn main() -> ExitCode {
    let page = match std::env::args_os().nth(1) {
        Some(path) => PathBuf::from(path),
        None => match std::env::var_os("TRUNK_STAGING_DIR") {
            Some(dir) => PathBuf::from(dir).join("index.html"),
            None => {
                eprintln!("usage: gan-csp PAGE (or run it as Trunk's post_build hook)");
                return ExitCode::from(2);
            }
        },
    };
    match seal_file(&page) {
        Ok(count) => eprintln!(
            "gan-csp: sealed {} with {count} inline script hash(es)",
            page.display()
        ),
        Err(message) => {
            eprintln!("gan-csp: {}: {message}", page.display());
            return ExitCode::FAILURE;
        }
    }
    // Then name the build: the page and the service worker carry the name of these files.
    let site = page.parent().unwrap_or(std::path::Path::new("."));
    match gan_csp::build::stamp_dir(site) {
        Ok((name, stamped)) => {
            eprintln!("gan-csp: build {name} written into {stamped} file(s)");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("gan-csp: naming the build: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Seals the page at `path` in place; returns how many inline scripts it hashed.
fn seal_file(path: &std::path::Path) -> Result<usize, String> {
    let page = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    let sealed = gan_csp::seal(&page).map_err(|e| e.to_string())?;
    std::fs::write(path, sealed.page).map_err(|e| e.to_string())?;
    Ok(sealed.hashes)
}
