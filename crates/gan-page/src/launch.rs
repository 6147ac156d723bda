//! What the page's address asks for: `?backend=auto|webgpu|cpu`, `?threads=N` (the CPU
//! trainer's threads; 1 for the single-threaded one), `?bench=1`, `?diverge=N`
//! (a demonstration: training diverges at step N on purpose, so a class sees how the app
//! catches a NaN and recovers), `?fail=webgpu|threads` (an optional part fails to start on
//! purpose, [`gan_protocol::protocol::Breakdown`], so the fallback can be shown and tested), and a
//! lesson ([`crate::lesson`]: settings, language, panels).
//!
//! A link may carry anything, so unknown keys are ignored and a bad value falls back to the
//! default with a message for the page to show.

use crate::lesson::{Lesson, query_pairs, to_query};
use crate::threads::MAX_THREADS;
use gan_protocol::lang::{Lang, fill};
use gan_protocol::protocol::{BackendChoice, Breakdown};
use gan_protocol::text::shorten;

/// Launch options read from the query string.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LaunchOptions {
    /// The backend to start with.
    pub backend: BackendChoice,
    /// The CPU trainer's threads, where the link names them ([`crate::threads::cpu_threads`]).
    pub threads: Option<usize>,
    /// Run the speed benchmark ([`crate::bench::BenchRun`]) as soon as the trainer is ready.
    pub bench: bool,
    /// Make step N diverge once ([`gan_protocol::protocol::ToWorker::DivergeAt`]).
    pub diverge_at: Option<u64>,
    /// An optional part to fail on purpose.
    pub fail: Option<Breakdown>,
    /// The lesson the link holds.
    pub lesson: Lesson,
}

/// The latest step `?diverge=` may name.
pub const MAX_DIVERGE_STEP: u64 = 1_000_000;

impl LaunchOptions {
    /// Reads `query` (with or without its leading `?`); `browser` is the language the
    /// browser prefers. Returns the options and one message per value that was refused,
    /// written in the link's language, else the browser's.
    pub fn from_query(query: &str, browser: Lang) -> (Self, Vec<String>) {
        let pairs = query_pairs(query);
        let (lesson, mut problems) = Lesson::read(&pairs, browser);
        let t = lesson.lang.unwrap_or(browser).texts();
        let mut options = Self {
            lesson,
            ..Self::default()
        };
        for (key, value) in &pairs {
            let got = shorten(value);
            match key.as_str() {
                "backend" => match value.parse() {
                    Ok(choice) => options.backend = choice,
                    Err(_) => problems.push(fill(t.link_backend, &[("got", &got)])),
                },
                "threads" => match value.parse::<usize>() {
                    Ok(n) if (1..=MAX_THREADS).contains(&n) => options.threads = Some(n),
                    _ => problems.push(fill(
                        t.link_threads,
                        &[("got", &got), ("max", &MAX_THREADS)],
                    )),
                },
                "diverge" => match value.parse::<u64>() {
                    Ok(step) if (1..=MAX_DIVERGE_STEP).contains(&step) => {
                        options.diverge_at = Some(step);
                    }
                    _ => problems.push(fill(
                        t.link_diverge,
                        &[("got", &got), ("max", &MAX_DIVERGE_STEP)],
                    )),
                },
                "fail" => match value.parse() {
                    Ok(part) => options.fail = Some(part),
                    Err(()) => problems.push(fill(t.link_fail, &[("got", &got)])),
                },
                "bench" => match value.as_str() {
                    "1" | "true" | "" => options.bench = true,
                    "0" | "false" => options.bench = false,
                    _ => problems.push(fill(t.link_bench, &[("got", &got)])),
                },
                _ => {}
            }
        }
        (options, problems)
    }

    /// The language the page starts in: the link's, else the browser's.
    pub fn lang(&self, browser: Lang) -> Lang {
        self.lesson.lang.unwrap_or(browser)
    }

    /// The options as a query string (with its `?`, empty for the defaults), for the address
    /// bar: what the page shows now can be shared by copying the address.
    pub fn to_query(&self) -> String {
        let mut pairs = Vec::new();
        if self.backend != BackendChoice::Auto {
            pairs.push(("backend", self.backend.id().to_string()));
        }
        if let Some(threads) = self.threads {
            pairs.push(("threads", threads.to_string()));
        }
        if self.bench {
            pairs.push(("bench", "1".to_string()));
        }
        if let Some(step) = self.diverge_at {
            pairs.push(("diverge", step.to_string()));
        }
        if let Some(part) = self.fail {
            pairs.push(("fail", part.id().to_string()));
        }
        pairs.extend(self.lesson.pairs());
        to_query(&pairs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_backend_and_bench() {
        let (o, problems) = LaunchOptions::from_query("?backend=webgpu&bench=1", Lang::En);
        assert_eq!(o.backend, BackendChoice::WebGpu);
        assert!(o.bench);
        assert!(problems.is_empty());
        let (o, _) = LaunchOptions::from_query("backend=cpu", Lang::En);
        assert_eq!(o.backend, BackendChoice::Cpu);
        assert!(!o.bench);
        assert_eq!(
            LaunchOptions::from_query("", Lang::En),
            (LaunchOptions::default(), vec![])
        );
    }

    #[test]
    fn a_link_can_name_the_threads_within_the_limit() {
        let (o, problems) = LaunchOptions::from_query("?threads=1", Lang::En);
        assert_eq!((o.threads, problems.len()), (Some(1), 0));
        assert_eq!(o.to_query(), "?threads=1");
        let (o, _) = LaunchOptions::from_query("threads=8", Lang::En);
        assert_eq!(o.threads, Some(MAX_THREADS));
        for bad in ["0", "9", "-1", "two", ""] {
            let (o, problems) = LaunchOptions::from_query(&format!("threads={bad}"), Lang::En);
            assert_eq!(o.threads, None, "{bad}");
            assert_eq!(problems.len(), 1, "{bad}");
            assert!(problems[0].contains("threads="), "{}", problems[0]);
        }
    }

    #[test]
    fn a_link_can_ask_for_a_divergence_and_only_a_sane_one() {
        let (o, problems) = LaunchOptions::from_query("?diverge=150", Lang::En);
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
            let (o, problems) = LaunchOptions::from_query(&format!("diverge={bad}"), Lang::En);
            assert_eq!(o.diverge_at, None, "{bad}");
            assert_eq!(problems.len(), 1, "{bad}");
            assert!(problems[0].starts_with("diverge="), "{}", problems[0]);
        }
    }

    #[test]
    fn a_link_can_break_an_optional_part_on_purpose() {
        for part in Breakdown::ALL {
            let (o, problems) = LaunchOptions::from_query(&format!("fail={}", part.id()), Lang::En);
            assert_eq!((o.fail, problems.len()), (Some(part), 0));
        }
        let (o, problems) = LaunchOptions::from_query("fail=everything", Lang::De);
        assert_eq!(o.fail, None);
        assert!(
            problems[0].starts_with("fail=everything ist"),
            "{problems:?}"
        );
    }

    #[test]
    fn bad_values_fall_back_with_a_message() {
        let long = "x".repeat(10_000);
        let (o, problems) = LaunchOptions::from_query(
            &format!("backend=quantum&bench={long}&other=1&&="),
            Lang::En,
        );
        assert_eq!(o, LaunchOptions::default());
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems[0].contains("backend=quantum"), "{}", problems[0]);
        assert!(problems[1].len() < 120, "{}", problems[1]);
        // Found by the fuzzer: a long backend value was quoted whole.
        let (_, problems) =
            LaunchOptions::from_query(&format!("backend={}", "\u{fffd}".repeat(200)), Lang::En);
        assert!(problems[0].len() < 200, "{} bytes", problems[0].len());
    }

    #[test]
    fn the_address_bar_gets_back_what_the_link_said() {
        for query in [
            "",
            "?backend=cpu",
            "?diverge=150&lang=de",
            "?backend=webgpu&fail=webgpu",
            "?fail=threads",
            "?backend=webgpu&bench=1&model=dcgan&seed=7&speed=slow&panels=charts&lesson=1",
        ] {
            let (options, problems) = LaunchOptions::from_query(query, Lang::En);
            assert!(problems.is_empty(), "{query}: {problems:?}");
            assert_eq!(options.to_query(), query);
            assert_eq!(
                LaunchOptions::from_query(&options.to_query(), Lang::De).0,
                options
            );
        }
    }
}
