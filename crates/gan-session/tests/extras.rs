//! The worker's session beyond training: the speed benchmark, the judge, the latent walk, the
//! conditional GAN's answers and a class's own pictures.

mod common;

use std::sync::{Arc, Mutex};

use burn::prelude::Device;
use common::*;
use gan_core::{Clock, GanConfig, ModelKind};
use gan_protocol::grid::{DIGIT_PIXELS, GRID_DIGITS};
use gan_protocol::{FromWorker, Speed, ToWorker};
use gan_session::{Next, TrainingSession};

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
    use gan_protocol::walk::{WALK_FRAMES, WalkEnds};
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
    use gan_protocol::grid::GridShape;
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
    use gan_protocol::protocol::PictureFile;
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
