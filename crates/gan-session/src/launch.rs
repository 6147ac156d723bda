//! What the page's address asks for: `?backend=auto|webgpu|cpu`, `?bench=1`, and `?diverge=N`
//! (a demonstration: training diverges at step N on purpose, so a class sees how the app
//! catches a NaN and recovers).
//!
//! A link may carry anything, so unknown keys are ignored and a bad value falls back to the
//! default with a message for the page to show.

use crate::protocol::BackendChoice;
use crate::text::shorten;

/// Launch options read from the query string.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LaunchOptions {
    /// The backend to start with.
    pub backend: BackendChoice,
    /// Run the speed benchmark ([`crate::bench::BenchRun`]) as soon as the trainer is ready.
    pub bench: bool,
    /// Make step N diverge once ([`crate::protocol::ToWorker::DivergeAt`]).
    pub diverge_at: Option<u64>,
}

/// The latest step `?diverge=` may name.
pub const MAX_DIVERGE_STEP: u64 = 1_000_000;

impl LaunchOptions {
    /// Reads `query` (with or without its leading `?`). Returns the options and one message
    /// per value that was refused.
    pub fn from_query(query: &str) -> (Self, Vec<String>) {
        let mut options = Self::default();
        let mut problems = Vec::new();
        for pair in query.trim_start_matches('?').split('&') {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            match key {
                "backend" => match value.parse() {
                    Ok(choice) => options.backend = choice,
                    Err(message) => problems.push(format!("{message}; using auto")),
                },
                "diverge" => match value.parse::<u64>() {
                    Ok(step) if (1..=MAX_DIVERGE_STEP).contains(&step) => {
                        options.diverge_at = Some(step);
                    }
                    _ => problems.push(format!(
                        "diverge={} is not a step from 1 to {MAX_DIVERGE_STEP}; training runs \
                         normally",
                        shorten(value)
                    )),
                },
                "bench" => match value {
                    "1" | "true" | "" => options.bench = true,
                    "0" | "false" => options.bench = false,
                    _ => problems.push(format!(
                        "bench={} is not 1 or 0; the benchmark does not run",
                        shorten(value)
                    )),
                },
                _ => {}
            }
        }
        (options, problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_backend_and_bench() {
        let (o, problems) = LaunchOptions::from_query("?backend=webgpu&bench=1");
        assert_eq!(o.backend, BackendChoice::WebGpu);
        assert!(o.bench);
        assert!(problems.is_empty());
        let (o, _) = LaunchOptions::from_query("backend=cpu");
        assert_eq!(o.backend, BackendChoice::Cpu);
        assert!(!o.bench);
        assert_eq!(
            LaunchOptions::from_query(""),
            (LaunchOptions::default(), vec![])
        );
    }

    #[test]
    fn a_link_can_ask_for_a_divergence_and_only_a_sane_one() {
        let (o, problems) = LaunchOptions::from_query("?diverge=150");
        assert_eq!(o.diverge_at, Some(150));
        assert!(problems.is_empty());
        for bad in [
            "0",
            "-3",
            "1.5",
            "NaN",
            "",
            "1000001",
            "99999999999999999999999",
            "x",
        ] {
            let (o, problems) = LaunchOptions::from_query(&format!("diverge={bad}"));
            assert_eq!(o.diverge_at, None, "{bad}");
            assert_eq!(problems.len(), 1, "{bad}");
            assert!(problems[0].starts_with("diverge="), "{}", problems[0]);
        }
    }

    #[test]
    fn bad_values_fall_back_with_a_message() {
        let long = "x".repeat(10_000);
        let (o, problems) =
            LaunchOptions::from_query(&format!("backend=quantum&bench={long}&other=1&&="));
        assert_eq!(o, LaunchOptions::default());
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems[0].contains("\"quantum\""), "{}", problems[0]);
        assert!(problems[1].len() < 120, "{}", problems[1]);
        // Found by the fuzzer: a long backend value was quoted whole.
        let (_, problems) =
            LaunchOptions::from_query(&format!("backend={}", "\u{fffd}".repeat(200)));
        assert!(problems[0].len() < 200, "{} bytes", problems[0].len());
    }
}
