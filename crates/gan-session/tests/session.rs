//! The worker's session driven natively, message by message, as the browser drives it.

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::task::{Context, Poll, Waker};

use burn::prelude::Device;
use gan_core::{Clock, GanConfig, ModelKind, Phase};
use gan_data::MnistSet;
use gan_session::grid::{DIGIT_PIXELS, GRID_DIGITS, STRIP_DIGITS};
use gan_session::{FromWorker, Next, Speed, ToWorker, TrainingSession};

/// burn seeds one random generator per backend, shared by every thread: the tests that build
/// networks take turns, so that "same seed, same networks" holds.
fn serial() -> MutexGuard<'static, ()> {
    static SERIAL: Mutex<()> = Mutex::new(());
    SERIAL.lock().unwrap_or_else(PoisonError::into_inner)
}

/// A clock the test moves by hand.
#[derive(Clone, Default)]
struct ManualClock(Arc<Mutex<f64>>);

impl ManualClock {
    fn advance(&self, ms: f64) {
        *self.0.lock().unwrap() += ms;
    }
}

impl Clock for ManualClock {
    fn now_ms(&self) -> f64 {
        *self.0.lock().unwrap()
    }
}

/// Runs a future that never waits: on the CPU backend every read is ready at once.
fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = std::pin::pin!(future);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(out) = future.as_mut().poll(&mut cx) {
            return out;
        }
    }
}

/// 200 random "digits": enough to batch, quick to train on.
fn data() -> MnistSet {
    let mut rng = gan_data::Rng::new(3);
    let images = (0..200 * DIGIT_PIXELS)
        .map(|_| rng.below(256) as u8)
        .collect();
    let labels = (0..200).map(|i| (i % 10) as u8).collect();
    MnistSet::new(images, labels).unwrap()
}

fn small_config() -> GanConfig {
    GanConfig {
        batch_size: 8,
        latent_dim: 8,
        ..GanConfig::default()
    }
}

fn session(speed: Speed) -> (TrainingSession, ManualClock) {
    let clock = ManualClock::default();
    let session = TrainingSession::new(
        small_config(),
        &Device::flex(),
        data(),
        speed,
        clock.clone(),
    )
    .unwrap();
    (session, clock)
}

fn grids(out: &[FromWorker]) -> Vec<&Vec<u8>> {
    out.iter()
        .filter_map(|m| match m {
            FromWorker::Grid { pixels, .. } => Some(pixels),
            _ => None,
        })
        .collect()
}

fn stats_steps(out: &[FromWorker]) -> Vec<u64> {
    out.iter()
        .filter_map(|m| match m {
            FromWorker::Stats { stats, .. } => Some(stats.step),
            _ => None,
        })
        .collect()
}

#[test]
fn ready_brings_real_digits_and_the_first_grid_comes_unasked() {
    let _serial = serial();
    let (mut session, _) = session(Speed::default());
    match session.ready_message() {
        FromWorker::Ready {
            real_digits,
            train_digits,
            ..
        } => {
            assert_eq!(real_digits.len(), STRIP_DIGITS * DIGIT_PIXELS);
            assert_eq!(train_digits, 200);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(session.next(), Next::TickNow);
    let out = block_on(session.tick());
    let grid = grids(&out);
    assert_eq!(grid.len(), 1);
    assert_eq!(grid[0].len(), GRID_DIGITS * DIGIT_PIXELS);
    assert_eq!(session.next(), Next::WaitForMessage);
}

#[test]
fn phase_step_walks_through_the_six_phases_in_order() {
    let _serial = serial();
    let (mut session, _) = session(Speed::default());
    block_on(session.tick());
    let mut seen = Vec::new();
    for _ in 0..6 {
        session.handle(ToWorker::PhaseStep);
        let out = block_on(session.tick());
        for message in &out {
            if let FromWorker::PhaseDone { phase, .. } = message {
                seen.push(*phase);
            }
        }
        assert_eq!(
            session.next(),
            Next::WaitForMessage,
            "one phase per request"
        );
        if seen.len() < 6 {
            assert!(stats_steps(&out).is_empty(), "no stats before phase 6");
        } else {
            assert_eq!(stats_steps(&out), vec![1]);
            assert_eq!(grids(&out).len(), 1, "a finished step redraws the grid");
        }
    }
    assert_eq!(seen, Phase::ALL.to_vec());
    assert_eq!(session.steps(), 1);
}

#[test]
fn step_finishes_a_half_run_step() {
    let _serial = serial();
    let (mut session, _) = session(Speed::default());
    session.handle(ToWorker::PhaseStep);
    block_on(session.tick());
    session.handle(ToWorker::PhaseStep);
    block_on(session.tick());
    assert_eq!(session.next_phase(), Phase::StackNetworks);
    session.handle(ToWorker::Step);
    let out = block_on(session.tick());
    assert_eq!(stats_steps(&out), vec![1]);
    assert_eq!(session.next_phase(), Phase::GenerateFakes);
}

#[test]
fn train_runs_steps_until_pause_and_redraws_the_grid_on_time() {
    let _serial = serial();
    let (mut session, clock) = session(Speed::Steps(3));
    block_on(session.tick());
    let out = session.handle(ToWorker::Train);
    assert_eq!(out, vec![FromWorker::Running { running: true }]);
    let mut grid_count = 0;
    for _ in 0..4 {
        assert_eq!(session.next(), Next::TickNow);
        clock.advance(150.0);
        let out = block_on(session.tick());
        grid_count += grids(&out).len();
    }
    assert_eq!(session.steps(), 12, "3 steps per tick");
    // 600 ms of training with a 400 ms grid interval: one redraw.
    assert_eq!(grid_count, 1);
    let out = session.handle(ToWorker::Pause);
    assert_eq!(out, vec![FromWorker::Running { running: false }]);
    assert_eq!(session.next(), Next::WaitForMessage);
    let before = session.steps();
    let out = block_on(session.tick());
    assert!(out.is_empty());
    assert_eq!(session.steps(), before, "a paused session does not train");
}

#[test]
fn where_a_step_outlasts_the_grid_interval_the_grid_waits_for_its_steps() {
    let _serial = serial();
    let (mut session, clock) = session(Speed::Steps(3));
    // As on WebGPU: one step per tick, each longer than the 400 ms interval.
    session.set_max_steps_per_tick(1);
    session.set_grid_min_steps(3);
    block_on(session.tick()); // the first grid
    session.handle(ToWorker::Train);
    let mut drawn_at = Vec::new();
    for _ in 0..9 {
        clock.advance(700.0);
        let out = block_on(session.tick());
        for m in &out {
            if let FromWorker::Grid { step, .. } = m {
                drawn_at.push(*step);
            }
        }
    }
    assert_eq!(session.steps(), 9);
    assert_eq!(drawn_at, [3, 6, 9], "every third step, not every tick");
    // A single step still shows its grid at once.
    session.handle(ToWorker::Step);
    let out = block_on(session.tick());
    assert_eq!(grids(&out).len(), 1);
}

/// Trains six steps one per tick, as on WebGPU, then pauses; the statistics reported.
fn six_steps_one_per_tick(behind: bool) -> Vec<gan_core::StepStats> {
    let (mut session, _clock) = session(Speed::Steps(3));
    session.set_max_steps_per_tick(1);
    session.set_read_behind(behind);
    let stats_in = |out: Vec<FromWorker>| -> Vec<gan_core::StepStats> {
        out.into_iter()
            .filter_map(|m| match m {
                FromWorker::Stats { stats, .. } => Some(stats),
                _ => None,
            })
            .collect()
    };
    let mut reported = stats_in(block_on(session.receive(ToWorker::Train)));
    for tick in 1..=6 {
        let before = reported.len();
        reported.extend(stats_in(block_on(session.tick())));
        // Reading behind, the first tick only queues step 1 and each later one reports the
        // step before; otherwise each tick reports its own step.
        let want: Vec<u64> = if behind {
            (1..tick).last().into_iter().collect()
        } else {
            vec![tick]
        };
        let got: Vec<u64> = reported[before..].iter().map(|s| s.step).collect();
        assert_eq!(got, want, "tick {tick}");
        assert_eq!(session.has_step_in_flight(), behind);
    }
    // Pausing reads the step still in flight before anything else happens.
    reported.extend(stats_in(block_on(session.receive(ToWorker::Pause))));
    assert!(!session.has_step_in_flight());
    assert_eq!(session.steps(), 6);
    assert_eq!(session.next(), Next::WaitForMessage);
    reported
}

#[test]
fn reading_behind_reports_every_step_once_in_order_with_the_same_figures() {
    let _serial = serial();
    let prompt = six_steps_one_per_tick(false);
    let behind = six_steps_one_per_tick(true);
    assert_eq!(prompt.len(), 6);
    assert_eq!(behind, prompt, "the same steps, with the same figures");
}

#[test]
fn slow_motion_runs_one_phase_per_tick_with_a_pause() {
    let _serial = serial();
    let (mut session, _) = session(Speed::SlowMotion);
    block_on(session.tick());
    session.handle(ToWorker::Train);
    assert_eq!(
        session.next(),
        Next::TickAfterMs(Speed::SLOW_MOTION_PAUSE_MS)
    );
    let out = block_on(session.tick());
    assert!(matches!(
        out.as_slice(),
        [FromWorker::PhaseDone {
            phase: Phase::GenerateFakes,
            step: 0
        }]
    ));
}

#[test]
fn live_settings_keep_training_new_shapes_reset() {
    let _serial = serial();
    let (mut session, _) = session(Speed::default());
    session.handle(ToWorker::Step);
    block_on(session.tick());
    assert_eq!(session.steps(), 1);

    let live = GanConfig {
        lr_generator: 1e-4,
        batch_size: 4,
        ..small_config()
    };
    let out = session.handle(ToWorker::Configure(live.clone()));
    assert_eq!(
        out,
        vec![FromWorker::Configured {
            config: live,
            reset: false
        }]
    );
    session.handle(ToWorker::Step);
    block_on(session.tick());
    assert_eq!(session.steps(), 2, "a smaller batch trains on");

    let fresh = GanConfig {
        model: ModelKind::Dcgan,
        latent_dim: 4,
        ..small_config()
    };
    let out = session.handle(ToWorker::Configure(fresh));
    assert!(matches!(
        out.as_slice(),
        [FromWorker::Configured { reset: true, .. }]
    ));
    assert_eq!(session.steps(), 0);
    // The grid noise follows the new latent size: drawing it must not fail.
    let out = block_on(session.tick());
    assert_eq!(grids(&out).len(), 1);
}

#[test]
fn out_of_range_settings_are_rejected_and_change_nothing() {
    let _serial = serial();
    let (mut session, _) = session(Speed::default());
    let bad = GanConfig {
        lr_discriminator: 5.0,
        ..small_config()
    };
    let out = session.handle(ToWorker::Configure(bad));
    match out.as_slice() {
        [FromWorker::Rejected { message }] => assert!(message.contains("lr_discriminator")),
        other => panic!("{other:?}"),
    }
    let too_big = GanConfig {
        batch_size: 1000,
        ..small_config()
    };
    assert!(matches!(
        session.handle(ToWorker::Configure(too_big)).as_slice(),
        [FromWorker::Rejected { .. }]
    ));
    assert_eq!(session.config(), &small_config());
}

#[test]
fn reset_starts_over_and_redraws_the_same_first_grid() {
    let _serial = serial();
    let (mut session, _) = session(Speed::default());
    let first = block_on(session.tick());
    session.handle(ToWorker::Step);
    block_on(session.tick());
    let out = session.handle(ToWorker::Reset);
    assert_eq!(out, vec![FromWorker::WasReset]);
    assert_eq!(session.steps(), 0);
    let again = block_on(session.tick());
    // Compared as a flag: a failure should not print 50 000 pixels.
    let same = grids(&first) == grids(&again);
    assert!(same, "same seed, same networks, same grid");
}

/// A clock that moves 1 ms each time it is read, so time-bounded loops end.
#[derive(Clone, Default)]
struct TickingClock(Arc<Mutex<f64>>);

impl Clock for TickingClock {
    fn now_ms(&self) -> f64 {
        let mut now = self.0.lock().unwrap();
        *now += 1.0;
        *now
    }
}

#[test]
fn a_benchmark_measures_the_products_and_the_bare_loop_then_starts_over() {
    let _serial = serial();
    let mut session = TrainingSession::new(
        small_config(),
        &Device::flex(),
        data(),
        Speed::default(),
        TickingClock::default(),
    )
    .unwrap();
    block_on(session.tick()); // the first grid
    session.handle(ToWorker::Step);
    block_on(session.tick());
    assert_eq!(session.steps(), 1);

    assert!(
        session
            .handle(ToWorker::Benchmark { min_ms: 40 })
            .is_empty()
    );
    assert_eq!(session.next(), Next::TickNow);
    let out = block_on(session.tick());
    let figures = out
        .iter()
        .find_map(|m| match m {
            FromWorker::Benchmarked(f) => Some(f.clone()),
            _ => None,
        })
        .expect("the benchmark answers");
    let gemm = figures.gemm.expect("the MLP is all matrix products");
    assert!(gemm.rounds >= 3, "{gemm:?}");
    assert!(
        gemm.round_ms > 0.0 && gemm.step_gemm_flops > 0.0,
        "{gemm:?}"
    );
    // The ticking clock makes time proportional to clock reads: several steps, a finite rate.
    assert!(figures.bare_steps >= 2, "{figures:?}");
    assert!(figures.bare_steps_per_second.is_finite() && figures.bare_steps_per_second > 0.0);
    assert!(figures.rule_of_thumb_flops > gemm.step_gemm_flops * 0.8);
    // Afterwards the networks start over, and the page hears it.
    assert!(out.contains(&FromWorker::WasReset), "{out:?}");
    assert_eq!(session.steps(), 0);
    assert!(!session.is_running());
}

#[test]
fn a_benchmark_of_the_dcgan_has_no_gemm_ceiling() {
    let _serial = serial();
    let config = GanConfig {
        model: ModelKind::Dcgan,
        ..small_config()
    };
    let mut session = TrainingSession::new(
        config,
        &Device::flex(),
        data(),
        Speed::default(),
        TickingClock::default(),
    )
    .unwrap();
    session.handle(ToWorker::Benchmark { min_ms: 5 });
    let out = block_on(session.tick());
    let figures = out.iter().find_map(|m| match m {
        FromWorker::Benchmarked(f) => Some(f.clone()),
        _ => None,
    });
    let figures = figures.expect("the benchmark answers");
    assert!(figures.gemm.is_none());
    assert!(figures.bare_steps >= 1);
}

/// The judge the site ships.
fn shipped_judge() -> Vec<u8> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../www/data/judge/judge.bin"
    );
    std::fs::read(path).expect("www/data/judge/judge.bin is shipped (gan-werkstatt train-judge)")
}

#[test]
fn the_judge_reports_in_chunks_labels_the_grid_and_starts_over_on_reset() {
    let _serial = serial();
    let (mut session, _clock) = session(Speed::Steps(1));
    let ready = session.install_judge(&shipped_judge());
    assert!(
        matches!(ready, FromWorker::JudgeReady { test_accuracy } if test_accuracy >= 0.985),
        "{ready:?}"
    );
    // Paused at step 0: the first report is due, one chunk per tick, then nothing is due.
    let chunks = gan_session::judging::QUALITY_SAMPLES / gan_session::judging::QUALITY_CHUNK;
    let mut reports = Vec::new();
    for _ in 0..chunks {
        assert_eq!(session.next(), Next::TickNow);
        for m in block_on(session.tick()) {
            if let FromWorker::Quality(r) = m {
                reports.push(r);
            }
        }
    }
    assert_eq!(reports.len(), 1, "one report after {chunks} chunks");
    let report = &reports[0];
    assert_eq!(report.step, 0);
    assert_eq!(
        report.coverage.total() as usize,
        gan_session::judging::QUALITY_SAMPLES
    );
    // Untrained networks draw noise: far from real digits.
    assert!(
        report.frechet.is_some_and(|f| f > 100.0),
        "{:?}",
        report.frechet
    );
    assert_eq!(session.next(), Next::WaitForMessage);

    // Labels on: the next grid carries one verdict per digit; off: none.
    session.handle(ToWorker::ShowVerdicts { on: true });
    let out = block_on(session.tick());
    let verdicts = out
        .iter()
        .find_map(|m| match m {
            FromWorker::Grid { verdicts, .. } => Some(verdicts.clone()),
            _ => None,
        })
        .expect("a grid");
    assert_eq!(verdicts.len(), GRID_DIGITS);
    assert!(
        verdicts
            .iter()
            .all(|v| v.label < 10 && (0.0..=1.0).contains(&v.confidence))
    );
    session.handle(ToWorker::ShowVerdicts { on: false });
    let out = block_on(session.tick());
    assert!(
        out.iter()
            .any(|m| matches!(m, FromWorker::Grid { verdicts, .. } if verdicts.is_empty()))
    );

    // A reset makes the step-0 report due again.
    session.handle(ToWorker::Reset);
    assert_eq!(session.next(), Next::TickNow);
    let mut again = 0;
    for _ in 0..chunks {
        again += block_on(session.tick())
            .iter()
            .filter(|m| matches!(m, FromWorker::Quality(_)))
            .count();
    }
    assert_eq!(again, 1);
}

#[test]
fn a_broken_judge_is_refused_and_training_goes_on_without_it() {
    let _serial = serial();
    let (mut session, _clock) = session(Speed::Steps(1));
    let mut bytes = shipped_judge();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 1;
    let answer = session.install_judge(&bytes);
    assert!(
        matches!(&answer, FromWorker::JudgeUnavailable { message } if message.contains("damaged")),
        "{answer:?}"
    );
    assert!(!session.has_judge());
    let html = session.install_judge(b"<!doctype html><title>404</title>");
    assert!(
        matches!(&html, FromWorker::JudgeUnavailable { message } if message.contains("not a judge file")),
        "{html:?}"
    );
    session.handle(ToWorker::ShowVerdicts { on: true });
    session.handle(ToWorker::Step);
    let out = block_on(session.tick());
    assert!(out.iter().any(|m| matches!(m, FromWorker::Stats { .. })));
    assert!(
        out.iter()
            .any(|m| matches!(m, FromWorker::Grid { verdicts, .. } if verdicts.is_empty()))
    );
    assert!(!out.iter().any(|m| matches!(m, FromWorker::Quality(_))));
}

#[test]
fn a_latent_walk_is_drawn_with_the_grid_from_one_digit_to_the_other() {
    use gan_session::walk::{WALK_FRAMES, WalkEnds};
    let _serial = serial();
    let (mut session, _) = session(Speed::default());
    let ends = WalkEnds::new(5, 42).unwrap();
    assert!(
        session
            .handle(ToWorker::Walk { ends: Some(ends) })
            .is_empty()
    );
    let out = block_on(session.tick());
    let grid = grids(&out)[0].clone();
    let walk = out
        .iter()
        .find_map(|m| match m {
            FromWorker::Walk {
                ends: drawn,
                pixels,
                ..
            } if *drawn == ends => Some(pixels.clone()),
            _ => None,
        })
        .expect("the walk comes with the grid");
    assert_eq!(walk.len(), WALK_FRAMES * DIGIT_PIXELS);
    let digit = |pixels: &[u8], i: usize| pixels[i * DIGIT_PIXELS..(i + 1) * DIGIT_PIXELS].to_vec();
    // Its ends are the grid's digits (grey levels may differ by rounding only).
    let near = |a: Vec<u8>, b: Vec<u8>| a.iter().zip(&b).all(|(x, y)| x.abs_diff(*y) <= 1);
    assert!(near(digit(&walk, 0), digit(&grid, 5)));
    assert!(near(digit(&walk, WALK_FRAMES - 1), digit(&grid, 42)));
    assert!(!near(digit(&walk, WALK_FRAMES / 2), digit(&grid, 5)));
    // Stopping it: the next grid comes alone.
    session.handle(ToWorker::Walk { ends: None });
    let out = block_on(session.tick());
    assert_eq!(grids(&out).len(), 1);
    assert!(!out.iter().any(|m| matches!(m, FromWorker::Walk { .. })));
}

#[test]
fn a_conditional_session_draws_ten_columns_and_answers_draw_a_seven() {
    use gan_session::grid::GridShape;
    use gan_session::session::ASKED_DRAWINGS;
    let _serial = serial();
    let (mut session, _) = session(Speed::default());
    // Unconditional: asking for a digit is refused with a reason.
    let refused = session.handle(ToWorker::Ask { digit: 7 });
    assert!(
        matches!(&refused[..], [FromWorker::Rejected { message }] if message.contains("conditional")),
        "{refused:?}"
    );
    let config = GanConfig {
        conditional: true,
        ..small_config()
    };
    let out = session.handle(ToWorker::Configure(config));
    assert!(
        matches!(&out[..], [FromWorker::Configured { reset: true, .. }]),
        "{out:?}"
    );
    assert!(session.handle(ToWorker::Ask { digit: 7 }).is_empty());
    assert!(session.handle(ToWorker::Step).is_empty());
    let out = block_on(session.tick());
    assert_eq!(stats_steps(&out), vec![1], "a conditional step trains");
    assert_eq!(
        grids(&out)[0].len(),
        GridShape::CONDITIONAL.digits() * DIGIT_PIXELS
    );
    let answer = out
        .iter()
        .find_map(|m| match m {
            FromWorker::Answer { digit, pixels, .. } => Some((*digit, pixels.len())),
            _ => None,
        })
        .expect("the answer comes with the tick");
    assert_eq!(answer, (7, ASKED_DRAWINGS * DIGIT_PIXELS));
    // An out-of-range digit is refused, not drawn.
    assert!(matches!(
        &session.handle(ToWorker::Ask { digit: 10 })[..],
        [FromWorker::Rejected { .. }]
    ));
}

/// A grey PNG of a dark ring on light paper, `i` varying its radius.
fn ring_png(i: usize) -> Vec<u8> {
    let mut bytes = Vec::new();
    let mut encoder = png::Encoder::new(&mut bytes, 32, 32);
    encoder.set_color(png::ColorType::Grayscale);
    let mut writer = encoder.write_header().unwrap();
    let r = 7.0 + (i % 5) as f32;
    let data: Vec<u8> = (0..32 * 32)
        .map(|p| {
            let (x, y) = ((p % 32) as f32 - 16.0, (p / 32) as f32 - 16.0);
            if ((x * x + y * y).sqrt() - r).abs() < 2.0 {
                10
            } else {
                240
            }
        })
        .collect();
    writer.write_image_data(&data).unwrap();
    writer.finish().unwrap();
    bytes
}

#[test]
fn own_pictures_become_the_training_set_and_bad_uploads_change_nothing() {
    use gan_session::protocol::PictureFile;
    let _serial = serial();
    let (mut session, _) = session(Speed::default());
    let file = |name: &str, bytes: Vec<u8>| PictureFile {
        name: name.into(),
        bytes,
    };
    // Nothing usable: refused with the reason.
    let out = session.handle(ToWorker::UsePictures {
        files: vec![file("notes.txt", b"no pictures".to_vec())],
    });
    assert!(
        matches!(&out[..], [FromWorker::Rejected { message }] if message.contains("usable picture") && message.contains("notes.txt")),
        "{out:?}"
    );
    // Fewer than a batch (8 here): refused with the number needed.
    let few: Vec<PictureFile> = (0..3)
        .map(|i| file(&format!("{i}.png"), ring_png(i)))
        .collect();
    let out = session.handle(ToWorker::UsePictures { files: few });
    assert!(
        matches!(&out[..], [FromWorker::Rejected { message }] if message.contains("at least 8")),
        "{out:?}"
    );
    // Enough: fresh networks on the rings, the skipped file named, the judge off.
    let mut files: Vec<PictureFile> = (0..12)
        .map(|i| file(&format!("{i}.png"), ring_png(i)))
        .collect();
    files.push(file("readme.md", b"# rings".to_vec()));
    let out = session.handle(ToWorker::UsePictures { files });
    match &out[..] {
        [
            FromWorker::PicturesInUse {
                pictures,
                real_digits,
                message,
            },
            FromWorker::JudgeUnavailable { .. },
        ] => {
            assert_eq!(*pictures, 12);
            assert_eq!(real_digits.len(), 12 * DIGIT_PIXELS);
            assert!(message.contains("readme.md"), "{message}");
            // Light ring on a dark ground, as MNIST's digits are.
            assert_eq!(real_digits[0], 0);
        }
        other => panic!("{other:?}"),
    }
    assert!(session.handle(ToWorker::Step).is_empty());
    let out = block_on(session.tick());
    assert_eq!(stats_steps(&out), vec![1], "training runs on the rings");
}
