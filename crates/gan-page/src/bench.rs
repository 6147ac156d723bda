//! The page's speed benchmark (`?bench=1`): measures the app as users get it.
//!
//! [`BenchRun`] watches the worker's messages. When the trainer is ready it asks the worker to
//! measure the backend alone ([`ToWorker::Benchmark`]: bare matrix products, bare training
//! loop), then starts training with the normal page (charts, grid, scoreboard), skips a
//! warm-up and times a few windows of steps on the page's clock, as the TF.js peer does:
//! each window lasts at least [`BenchPlan::min_steps`] steps and [`BenchPlan::min_ms`], or
//! [`BenchPlan::max_ms`] at most.

use serde::{Deserialize, Serialize};

use gan_protocol::protocol::{BackendInfo, BenchFigures, FromWorker, ToWorker};

/// How the benchmark measures; the defaults are the peer's.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct BenchPlan {
    /// Milliseconds the worker spends on each of its own measurements.
    pub calibrate_ms: u32,
    /// Steps trained before the first window opens.
    pub warmup_steps: u64,
    /// A window closes after at least this many steps…
    pub min_steps: u64,
    /// …and at least this many milliseconds,
    pub min_ms: f64,
    /// or after this many milliseconds whatever the steps (a slow backend).
    pub max_ms: f64,
    /// Windows to measure.
    pub windows: usize,
}

impl Default for BenchPlan {
    fn default() -> Self {
        Self {
            calibrate_ms: 3000,
            warmup_steps: 5,
            min_steps: 30,
            min_ms: 3000.0,
            max_ms: 20_000.0,
            windows: 3,
        }
    }
}

/// One timed window of the app's training.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct BenchWindow {
    /// Steps completed in the window.
    pub steps: u64,
    /// Its length in seconds.
    pub seconds: f64,
    /// `steps / seconds`.
    pub steps_per_second: f64,
}

/// Where the benchmark stands.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "state")]
pub enum BenchState {
    /// Waiting for the trainer to be ready.
    Waiting,
    /// The worker measures the backend alone.
    Calibrating,
    /// Training, before the first window.
    WarmingUp,
    /// Training, timing windows.
    Measuring,
    /// All windows measured; training paused.
    Done,
    /// The run ended early.
    Failed {
        /// Why, in words.
        message: String,
    },
}

/// The benchmark's result, as the page shows it and the bench driver reads it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BenchReport {
    /// Where the run stands; the figures are final when it is `done`.
    pub state: BenchState,
    /// The backend measured.
    pub backend: Option<BackendInfo>,
    /// The plan.
    pub plan: BenchPlan,
    /// The worker's own measurements.
    pub figures: Option<BenchFigures>,
    /// The app's windows.
    pub windows: Vec<BenchWindow>,
    /// Median steps/s of the windows.
    pub median_steps_per_second: Option<f64>,
    /// GFLOP/s of the median by the peer's rule of thumb (comparable with the peer's table).
    pub median_gflops: Option<f64>,
    /// The share of the bare matrix products' ceiling the app reaches (MLP only).
    pub gemm_efficiency: Option<f64>,
    /// The share of step time the app loses to everything around the bare loop:
    /// `1 − app / bare`.
    pub app_overhead: Option<f64>,
}

/// The page's benchmark run. Feed it every worker message; send what it returns.
#[derive(Debug, Clone)]
pub struct BenchRun {
    plan: BenchPlan,
    state: BenchState,
    backend: Option<BackendInfo>,
    figures: Option<BenchFigures>,
    /// Page time and step count where the open window began.
    window_start: Option<(f64, u64)>,
    windows: Vec<BenchWindow>,
}

impl BenchRun {
    /// A run that starts when the trainer says it is ready.
    pub fn new(plan: BenchPlan) -> Self {
        Self {
            plan,
            state: BenchState::Waiting,
            backend: None,
            figures: None,
            window_start: None,
            windows: Vec::new(),
        }
    }

    /// Where the run stands.
    pub fn state(&self) -> &BenchState {
        &self.state
    }

    /// Takes in a worker message received at `now_ms` (the page's clock) and returns the
    /// messages to send to the worker.
    pub fn observe(&mut self, message: &FromWorker, now_ms: f64) -> Vec<ToWorker> {
        match (message, &self.state) {
            (FromWorker::Backend(info), _) => {
                self.backend = Some(info.clone());
                vec![]
            }
            (FromWorker::Ready { .. }, BenchState::Waiting) => {
                self.state = BenchState::Calibrating;
                vec![ToWorker::Benchmark {
                    min_ms: self.plan.calibrate_ms,
                }]
            }
            (FromWorker::Benchmarked(figures), BenchState::Calibrating) => {
                self.figures = Some(figures.clone());
                self.state = BenchState::WarmingUp;
                vec![ToWorker::Train]
            }
            (FromWorker::Stats { stats, .. }, BenchState::WarmingUp) => {
                if stats.step >= self.plan.warmup_steps {
                    self.window_start = Some((now_ms, stats.step));
                    self.state = BenchState::Measuring;
                }
                vec![]
            }
            (FromWorker::Stats { stats, .. }, BenchState::Measuring) => {
                self.measure(now_ms, stats.step)
            }
            (
                FromWorker::Stopped { message }
                | FromWorker::Fatal { message }
                | FromWorker::LoadFailed { message },
                BenchState::Waiting
                | BenchState::Calibrating
                | BenchState::WarmingUp
                | BenchState::Measuring,
            ) => {
                self.state = BenchState::Failed {
                    message: message.clone(),
                };
                vec![]
            }
            _ => vec![],
        }
    }

    fn measure(&mut self, now_ms: f64, step: u64) -> Vec<ToWorker> {
        let Some((t0, s0)) = self.window_start else {
            return vec![];
        };
        let (steps, ms) = (step.saturating_sub(s0), now_ms - t0);
        let long_enough = steps >= self.plan.min_steps && ms >= self.plan.min_ms;
        if steps == 0 || !(long_enough || ms >= self.plan.max_ms) {
            return vec![];
        }
        let seconds = ms / 1000.0;
        self.windows.push(BenchWindow {
            steps,
            seconds,
            steps_per_second: steps as f64 / seconds,
        });
        self.window_start = Some((now_ms, step));
        if self.windows.len() < self.plan.windows {
            return vec![];
        }
        self.state = BenchState::Done;
        vec![ToWorker::Pause]
    }

    /// The figures so far.
    pub fn report(&self) -> BenchReport {
        let rates: Vec<f64> = self.windows.iter().map(|w| w.steps_per_second).collect();
        let median = (!rates.is_empty()).then(|| gan_fast::speed::median(&rates));
        let figures = self.figures.as_ref();
        BenchReport {
            state: self.state.clone(),
            backend: self.backend.clone(),
            plan: self.plan,
            figures: self.figures.clone(),
            windows: self.windows.clone(),
            median_steps_per_second: median,
            median_gflops: median
                .zip(figures)
                .map(|(m, f)| m * f.rule_of_thumb_flops / 1e9),
            gemm_efficiency: median
                .zip(figures.and_then(|f| f.gemm))
                .map(|(m, g)| g.efficiency(m)),
            app_overhead: median
                .zip(figures)
                .filter(|(_, f)| f.bare_steps_per_second > 0.0)
                .map(|(m, f)| 1.0 - m / f.bare_steps_per_second),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use gan_core::{GanConfig, PhaseTimings, StepStats};
    use gan_fast::speed::GemmCeiling;
    use gan_protocol::protocol::BackendKind;

    fn stats(step: u64) -> FromWorker {
        FromWorker::Stats {
            stats: StepStats {
                step,
                d_loss_real: 0.6,
                d_loss_fake: 0.6,
                g_loss: 0.8,
                d_real: 0.6,
                d_fake: 0.4,
                d_accuracy_real: 0.7,
                d_accuracy_fake: 0.7,
                d_fake_before_g: 0.4,
                d_fake_after_g: None,
                timings: PhaseTimings::default(),
            },
            steps_per_second: 0.0,
        }
    }

    fn figures() -> BenchFigures {
        BenchFigures {
            gemm: Some(GemmCeiling {
                step_gemm_flops: 1.2e9,
                round_ms: 50.0, // at most 20 steps/s
                rounds: 60,
            }),
            bare_steps_per_second: 16.0,
            bare_steps: 48,
            rule_of_thumb_flops: 1.376e9,
        }
    }

    fn ready() -> FromWorker {
        FromWorker::Ready {
            real_digits: vec![],
            train_digits: 60_000,
            config: GanConfig::default(),
        }
    }

    #[test]
    fn calibrates_warms_up_times_three_windows_and_pauses() {
        let mut run = BenchRun::new(BenchPlan::default());
        let cpu = BackendInfo {
            kind: BackendKind::Cpu,
            fallback_reason: None,
            threads: 1,
        };
        assert!(
            run.observe(&FromWorker::Backend(cpu.clone()), 0.0)
                .is_empty()
        );
        assert_eq!(
            run.observe(&ready(), 10.0),
            vec![ToWorker::Benchmark { min_ms: 3000 }]
        );
        assert_eq!(
            run.observe(&FromWorker::Benchmarked(figures()), 6000.0),
            vec![ToWorker::Train]
        );
        // Warm-up: steps 1..4 are not timed; step 5 opens the first window.
        for step in 1..=4 {
            run.observe(&stats(step), 6000.0 + step as f64 * 100.0);
            assert_eq!(run.state(), &BenchState::WarmingUp);
        }
        run.observe(&stats(5), 6500.0);
        assert_eq!(run.state(), &BenchState::Measuring);
        // 12.5 steps/s: five steps per message every 400 ms.
        let mut sent = Vec::new();
        let (mut t, mut step) = (6500.0, 5);
        while run.state() == &BenchState::Measuring {
            t += 400.0;
            step += 5;
            sent.extend(run.observe(&stats(step), t));
            assert!(t < 60_000.0, "the run never ends");
        }
        assert_eq!(run.state(), &BenchState::Done);
        assert_eq!(sent, vec![ToWorker::Pause]);
        let report = run.report();
        assert_eq!(report.windows.len(), 3);
        for w in &report.windows {
            // A window needs ≥ 30 steps and ≥ 3 s: 40 steps in 3.2 s.
            assert_eq!(w.steps, 40);
            assert!((w.seconds - 3.2).abs() < 1e-9);
        }
        let median = report.median_steps_per_second.unwrap();
        assert!((median - 12.5).abs() < 1e-9);
        assert!((report.median_gflops.unwrap() - 12.5 * 1.376).abs() < 1e-9);
        assert!((report.gemm_efficiency.unwrap() - 12.5 / 20.0).abs() < 1e-9);
        assert!((report.app_overhead.unwrap() - (1.0 - 12.5 / 16.0)).abs() < 1e-9);
        assert_eq!(report.backend, Some(cpu));
        // Later messages change nothing.
        assert!(run.observe(&stats(500), 90_000.0).is_empty());
        assert_eq!(run.report().windows.len(), 3);
    }

    #[test]
    fn a_slow_backend_closes_windows_after_the_longest_time() {
        let mut run = BenchRun::new(BenchPlan::default());
        run.observe(&ready(), 0.0);
        run.observe(&FromWorker::Benchmarked(figures()), 0.0);
        run.observe(&stats(5), 0.0);
        // One step every 15 s: a window closes after 20 s with whatever it has.
        assert!(run.observe(&stats(6), 15_000.0).is_empty());
        run.observe(&stats(7), 30_000.0);
        let report = run.report();
        assert_eq!(report.windows.len(), 1);
        assert_eq!(report.windows[0].steps, 2);
        assert_eq!(report.state, BenchState::Measuring);
    }

    #[test]
    fn a_failure_ends_the_run_with_its_reason() {
        let mut run = BenchRun::new(BenchPlan::default());
        run.observe(&ready(), 0.0);
        run.observe(
            &FromWorker::Fatal {
                message: "device lost".into(),
            },
            1.0,
        );
        assert_eq!(
            run.state(),
            &BenchState::Failed {
                message: "device lost".into()
            }
        );
        assert!(run.report().median_steps_per_second.is_none());
        // The figures only start with the worker's answer, and only once.
        let mut run = BenchRun::new(BenchPlan::default());
        assert!(
            run.observe(&FromWorker::Benchmarked(figures()), 0.0)
                .is_empty()
        );
        assert_eq!(run.state(), &BenchState::Waiting);
    }

    #[test]
    fn the_report_serializes_for_the_driver() {
        let run = BenchRun::new(BenchPlan::default());
        let json = serde_json::to_string(&run.report()).unwrap();
        assert!(json.contains("\"state\":{\"state\":\"waiting\"}"), "{json}");
    }
}
