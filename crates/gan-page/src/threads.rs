//! How many threads the CPU trainer runs on. Its matrix products split over a pool of Web
//! Workers that share the trainer's memory; the browser gives shared memory only to a
//! cross-origin-isolated page, so elsewhere the single-threaded trainer runs.

/// The most threads the pool starts: each one costs a worker and its memory, and at batch 64
/// the step's products stop gaining long before (docs/benchmarks.md, "Many cores").
pub const MAX_THREADS: usize = 8;

/// Why the CPU trainer runs on one thread.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OneThread {
    /// The page is not cross-origin isolated: no shared memory for threads.
    NotIsolated,
    /// The browser reports one core.
    OneCore,
    /// The link asked for one thread (`?threads=1`).
    Asked,
    /// The browser refused to start the threads (it could not pass the trainer's shared memory
    /// to them), so the page fell back to one.
    Refused,
}

/// The CPU trainer's threads: what the link asked for (`?threads=N`), else one per core the
/// browser reports, within [`MAX_THREADS`]; one (and why) where threads cannot run or would
/// not help, or where the browser already `refused` them on this page.
pub fn cpu_threads(
    asked: Option<usize>,
    isolated: bool,
    cores: usize,
    refused: bool,
) -> Result<usize, OneThread> {
    match asked {
        Some(1) => Err(OneThread::Asked),
        _ if refused => Err(OneThread::Refused),
        _ if !isolated => Err(OneThread::NotIsolated),
        Some(n) => Ok(n.min(MAX_THREADS)),
        None if cores <= 1 => Err(OneThread::OneCore),
        None => Ok(cores.min(MAX_THREADS)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_per_core_where_the_page_is_isolated() {
        assert_eq!(cpu_threads(None, true, 4, false), Ok(4));
        assert_eq!(cpu_threads(None, true, 2, false), Ok(2));
        assert_eq!(cpu_threads(None, true, 64, false), Ok(MAX_THREADS));
        assert_eq!(cpu_threads(None, true, 1, false), Err(OneThread::OneCore));
        assert_eq!(cpu_threads(None, true, 0, false), Err(OneThread::OneCore));
    }

    #[test]
    fn one_where_shared_memory_is_missing_whatever_was_asked() {
        assert_eq!(
            cpu_threads(None, false, 8, false),
            Err(OneThread::NotIsolated)
        );
        assert_eq!(
            cpu_threads(Some(4), false, 8, false),
            Err(OneThread::NotIsolated)
        );
    }

    #[test]
    fn once_refused_one_thread_whatever_else_holds() {
        assert_eq!(cpu_threads(None, true, 8, true), Err(OneThread::Refused));
        assert_eq!(cpu_threads(Some(4), true, 8, true), Err(OneThread::Refused));
        assert_eq!(cpu_threads(Some(1), true, 8, true), Err(OneThread::Asked));
    }

    #[test]
    fn a_link_chooses_within_the_limit() {
        assert_eq!(cpu_threads(Some(1), true, 8, false), Err(OneThread::Asked));
        assert_eq!(cpu_threads(Some(3), true, 2, false), Ok(3));
        assert_eq!(cpu_threads(Some(100), true, 2, false), Ok(MAX_THREADS));
    }
}
