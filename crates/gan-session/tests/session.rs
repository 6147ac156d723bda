//! The worker's session driven natively, message by message, as the browser drives it: steps,
//! phases, continuous training, slow motion, settings and reset.

mod common;

use common::*;
use gan_core::{GanConfig, ModelKind, Phase};
use gan_protocol::grid::{DIGIT_PIXELS, GRID_DIGITS, STRIP_DIGITS};
use gan_protocol::protocol::{GENERATOR_PAIRS, JUDGED_EACH, PHASE_FAKES, QUIZ_DIGITS};
use gan_protocol::{FromWorker, PhaseView, Speed, ToWorker};
use gan_session::Next;

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
    let (mut session, clock) = session(Speed::SlowMotion);
    block_on(session.tick());
    session.handle(ToWorker::Train);
    // Train shows the first phase at once.
    assert_eq!(session.next(), Next::TickNow);
    let out = block_on(session.tick());
    assert!(matches!(
        out.as_slice(),
        [
            FromWorker::PhaseDone {
                phase: Phase::GenerateFakes,
                step: 0
            },
            FromWorker::Phase(PhaseView::Fakes { step: 1, .. })
        ]
    ));
    assert_eq!(
        session.next(),
        Next::TickAfterMs(Speed::DEFAULT_PACE_S * 1000)
    );
    // Other work wakes the session before the pace is over (a round of the game here): it runs
    // no phase then, and the wait is what is left of the pace.
    clock.advance(1000.0);
    session.handle(ToWorker::Quiz);
    let early = block_on(session.tick());
    assert!(
        !early
            .iter()
            .any(|m| matches!(m, FromWorker::PhaseDone { .. })),
        "{early:?}"
    );
    assert_eq!(
        session.next(),
        Next::TickAfterMs(Speed::DEFAULT_PACE_S * 1000 - 1000)
    );
    clock.advance(f64::from(Speed::DEFAULT_PACE_S * 1000 - 1000));
    assert_eq!(session.next(), Next::TickNow);
    let out = block_on(session.tick());
    assert!(out.iter().any(|m| matches!(
        m,
        FromWorker::PhaseDone {
            phase: Phase::TrainDiscriminator,
            ..
        }
    )));
    // The teacher sets the pace; a value out of range is clamped, not refused.
    for (seconds, ms) in [(5, 5000), (0, 1000), (600, 10_000)] {
        session.handle(ToWorker::SetPace { seconds });
        session.handle(ToWorker::PhaseStep);
        session.handle(ToWorker::Train);
        block_on(session.tick());
        assert_eq!(session.next(), Next::TickAfterMs(ms), "{seconds} s");
    }
}

/// The phase views of one whole step, stepped phase by phase, in phase order.
fn views_of_one_step() -> Vec<(Phase, Option<PhaseView>)> {
    let (mut session, _) = session(Speed::default());
    block_on(session.tick());
    let mut seen = Vec::new();
    for _ in 0..6 {
        session.handle(ToWorker::PhaseStep);
        let out = block_on(session.tick());
        let phase = out.iter().find_map(|m| match m {
            FromWorker::PhaseDone { phase, .. } => Some(*phase),
            _ => None,
        });
        let view = out.iter().find_map(|m| match m {
            FromWorker::Phase(view) => Some(view.clone()),
            _ => None,
        });
        seen.push((phase.expect("every phase reports"), view));
    }
    seen
}

#[test]
fn phases_one_two_and_five_show_their_data_and_the_others_none() {
    let _serial = serial();
    let views = views_of_one_step();
    for (phase, view) in &views {
        match view {
            Some(view) => {
                assert_eq!(view.phase(), *phase);
                assert_eq!(view.step(), 1, "the step the phase belongs to");
            }
            None => assert!(
                matches!(
                    phase,
                    Phase::StackNetworks
                        | Phase::FreezeDiscriminator
                        | Phase::UnfreezeDiscriminator
                ),
                "{phase:?} must show its data"
            ),
        }
    }
    let Some(PhaseView::Fakes { pixels, .. }) = &views[0].1 else {
        panic!("phase 1: {:?}", views[0].1)
    };
    assert_eq!(pixels.len(), PHASE_FAKES * DIGIT_PIXELS);
    assert!(
        pixels.iter().any(|&p| p != pixels[0]),
        "a strip of drawings, not a blank"
    );
}

#[test]
fn phase_two_shows_d_learning_real_from_fake() {
    let _serial = serial();
    let views = views_of_one_step();
    let Some(PhaseView::Discriminator {
        real,
        fakes,
        real_before,
        real_after,
        fakes_before,
        fakes_after,
        loss_real,
        loss_fake,
        ..
    }) = &views[1].1
    else {
        panic!("phase 2: {:?}", views[1].1)
    };
    assert_eq!(real.len(), JUDGED_EACH * DIGIT_PIXELS);
    assert_eq!(fakes.len(), JUDGED_EACH * DIGIT_PIXELS);
    for list in [real_before, real_after, fakes_before, fakes_after] {
        assert_eq!(list.len(), JUDGED_EACH);
        assert!(list.iter().all(|p| (0.0..=1.0).contains(p)), "{list:?}");
    }
    assert!(loss_real.is_finite() && loss_fake.is_finite());
    // D's update moves its verdicts towards the targets: real up, fakes down.
    let mean = |v: &[f32]| v.iter().sum::<f32>() / v.len() as f32;
    assert!(
        mean(real_after) > mean(real_before),
        "{real_before:?} → {real_after:?}"
    );
    assert!(
        mean(fakes_after) < mean(fakes_before),
        "{fakes_before:?} → {fakes_after:?}"
    );
}

#[test]
fn phase_five_shows_g_fooling_the_frozen_d_better() {
    let _serial = serial();
    let views = views_of_one_step();
    let Some(PhaseView::Generator {
        before,
        after,
        d_before,
        d_after,
        ..
    }) = &views[4].1
    else {
        panic!("phase 5: {:?}", views[4].1)
    };
    assert_eq!(before.len(), GENERATOR_PAIRS * DIGIT_PIXELS);
    assert_eq!(after.len(), GENERATOR_PAIRS * DIGIT_PIXELS);
    assert_ne!(before, after, "G's update changes its drawings");
    let mean = |v: &[f32]| v.iter().sum::<f32>() / v.len() as f32;
    assert!(mean(d_after) > mean(d_before), "{d_before:?} → {d_after:?}");
}

#[test]
fn continuous_training_sends_no_phase_views() {
    let _serial = serial();
    let (mut session, _) = session(Speed::Steps(3));
    block_on(session.tick());
    session.handle(ToWorker::Train);
    let out = block_on(session.tick());
    assert!(!stats_steps(&out).is_empty(), "it trained");
    assert!(
        !out.iter().any(|m| matches!(m, FromWorker::Phase(_))),
        "watching is for phase steps and slow motion only"
    );
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

#[test]
fn a_detective_round_mixes_real_and_forged_digits_without_pausing_training() {
    let _serial = serial();
    let (mut session, _) = session(Speed::Steps(2));
    block_on(session.tick());
    session.handle(ToWorker::Train);
    session.handle(ToWorker::Quiz);
    let out = block_on(session.tick());
    assert!(!stats_steps(&out).is_empty(), "training went on");
    assert!(session.is_running(), "a round does not pause training");
    let Some(FromWorker::Quiz {
        pixels,
        real,
        d_says,
        ..
    }) = out.iter().find(|m| matches!(m, FromWorker::Quiz { .. }))
    else {
        panic!("no round in {out:?}")
    };
    assert_eq!(pixels.len(), QUIZ_DIGITS * DIGIT_PIXELS);
    assert_eq!(real.iter().filter(|r| **r).count(), QUIZ_DIGITS / 2);
    assert!(d_says.iter().all(|p| (0.0..=1.0).contains(p)), "{d_says:?}");
    // The digits marked real are digits of the training set, and the forged ones are not.
    let set = data();
    let in_set = |digit: &[u8]| (0..set.len()).any(|i| set.image(i) == digit);
    for (digit, is_real) in pixels.chunks_exact(DIGIT_PIXELS).zip(real) {
        assert_eq!(in_set(digit), *is_real);
    }
    // The next round draws other digits, in another order.
    session.handle(ToWorker::Quiz);
    let again = block_on(session.tick());
    let next = again.iter().find_map(|m| match m {
        FromWorker::Quiz { pixels, .. } => Some(pixels.clone()),
        _ => None,
    });
    assert_ne!(next.as_ref(), Some(pixels));
}
