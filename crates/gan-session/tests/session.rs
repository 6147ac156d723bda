//! The worker's session driven natively, message by message, as the browser drives it: steps,
//! phases, continuous training, slow motion, settings and reset.

mod common;

use common::*;
use gan_core::{GanConfig, ModelKind, Phase};
use gan_protocol::grid::{DIGIT_PIXELS, GRID_DIGITS, STRIP_DIGITS};
use gan_protocol::{FromWorker, Speed, ToWorker};
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
