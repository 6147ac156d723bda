//! The session's failure paths: NaN losses, restores, late reads and checkpoints.

use super::*;
use gan_core::clock::NoClock;
use gan_protocol::grid::grid_noise;

fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = std::pin::pin!(future);
    let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
    loop {
        if let std::task::Poll::Ready(out) = future.as_mut().poll(&mut cx) {
            return out;
        }
    }
}

fn tiny_session() -> TrainingSession {
    let images = (0..64 * DIGIT_PIXELS).map(|i| (i % 251) as u8).collect();
    let labels = (0..64).map(|i| (i % 10) as u8).collect();
    let data = MnistSet::new(images, labels).unwrap();
    let config = GanConfig {
        batch_size: 4,
        latent_dim: 4,
        ..GanConfig::default()
    };
    TrainingSession::new(config, &Device::flex(), data, Speed::Steps(50), NoClock).unwrap()
}

/// Poisons the current step's real batch: D learns NaN weights in phase 2, and every loss
/// after it is NaN.
fn poison_next_step(session: &mut TrainingSession) {
    session.handle(ToWorker::PhaseStep);
    block_on(session.tick());
    session.real.fill(f32::NAN);
}

fn diverged(out: &[FromWorker]) -> Option<(u64, Option<u64>)> {
    out.iter().find_map(|m| match m {
        FromWorker::Diverged {
            step,
            last_good_step,
        } => Some((*step, *last_good_step)),
        _ => None,
    })
}

#[test]
fn a_nan_loss_pauses_training_within_its_step() {
    let mut session = tiny_session();
    poison_next_step(&mut session);
    session.handle(ToWorker::Train);
    let out = block_on(session.tick());
    // Caught in the step it appeared in, although a tick may run 50 steps.
    assert_eq!(diverged(&out), Some((1, None)));
    assert_eq!(session.steps(), 1);
    assert!(out.contains(&FromWorker::Running { running: false }));
    assert!(!session.is_running());
    assert_eq!(session.next(), Next::WaitForMessage);
    // Nothing good was kept yet: restoring is refused, and Reset trains on.
    let refused = session.handle(ToWorker::RestoreLastGood);
    assert!(
        matches!(&refused[..], [FromWorker::Rejected { message }] if message.contains("Reset"))
    );
    session.handle(ToWorker::Reset);
    session.handle(ToWorker::Step);
    let out = block_on(session.tick());
    assert!(
        out.iter()
            .any(|m| matches!(m, FromWorker::Stats { stats, .. } if stats.is_finite()))
    );
}

#[test]
fn restore_brings_back_the_last_good_networks() {
    let mut session = tiny_session();
    session.handle(ToWorker::Train);
    while session.steps() < 120 {
        block_on(session.tick());
    }
    session.handle(ToWorker::Pause);
    let kept = session.last_good.clone().expect("a snapshot at step 100");
    assert_eq!(kept.step, 100);

    poison_next_step(&mut session);
    session.handle(ToWorker::Step);
    let out = block_on(session.tick());
    let (step, last_good) = diverged(&out).expect("the poisoned step diverges");
    assert_eq!(last_good, Some(100));
    assert!(step > 100);
    // The broken networks are not kept as good.
    assert_eq!(session.last_good.as_ref().map(|g| g.step), Some(100));

    let out = session.handle(ToWorker::RestoreLastGood);
    assert!(out.contains(&FromWorker::Restored { step: 100 }), "{out:?}");
    assert_eq!(session.steps(), 100);
    let noise = grid_noise(1, 4);
    let now = session.trainer.sample(&noise).unwrap();
    let then = {
        let mut t = GanTrainer::new(session.config().clone(), &Device::flex()).unwrap();
        t.load(kept.gan.clone(), kept.step);
        t.sample(&noise).unwrap()
    };
    assert_eq!(
        now, then,
        "the restored generator draws as it did at step 100"
    );
    assert!(now.iter().all(|v| v.is_finite()));
    session.handle(ToWorker::Step);
    let out = block_on(session.tick());
    assert!(out.iter().any(
        |m| matches!(m, FromWorker::Stats { stats, .. } if stats.is_finite() && stats.step == 101)
    ));
}

#[test]
fn a_demonstration_breaks_its_step_once_and_restore_trains_past_it() {
    let mut session = tiny_session();
    session.handle(ToWorker::DivergeAt { step: 103 });
    session.handle(ToWorker::Train);
    let mut seen = None;
    for _ in 0..20 {
        let out = block_on(session.tick());
        if let Some(d) = diverged(&out) {
            seen = Some(d);
            break;
        }
    }
    // Steps 1 to 102 train finite, step 103 diverges, and step 100 was kept.
    assert_eq!(seen, Some((103, Some(100))));
    assert!(!session.is_running());
    let out = session.handle(ToWorker::RestoreLastGood);
    assert!(out.contains(&FromWorker::Restored { step: 100 }), "{out:?}");
    // The demonstration is spent: the same steps now train finite.
    session.handle(ToWorker::Train);
    while session.steps() < 110 {
        let out = block_on(session.tick());
        assert_eq!(diverged(&out), None, "at step {}", session.steps());
    }
}

/// The statistics a batch of messages reports.
fn stats_in(out: &[FromWorker]) -> Vec<StepStats> {
    out.iter()
        .filter_map(|m| match m {
            FromWorker::Stats { stats, .. } => Some(stats.clone()),
            _ => None,
        })
        .collect()
}

/// A session that trains one step per tick, as on WebGPU, reading one step behind or not.
fn one_step_per_tick(behind: bool) -> TrainingSession {
    let mut session = tiny_session();
    session.set_max_steps_per_tick(1);
    session.set_read_behind(behind);
    session
}

#[test]
fn reading_behind_a_nan_stops_training_and_the_step_after_it_is_never_reported() {
    let mut session = one_step_per_tick(true);
    block_on(session.receive(ToWorker::DivergeAt { step: 3 }));
    block_on(session.receive(ToWorker::Train));
    let mut reported = Vec::new();
    let mut seen = None;
    for _ in 0..10 {
        let out = block_on(session.tick());
        reported.extend(stats_in(&out).iter().map(|s| s.step));
        if let Some(d) = diverged(&out) {
            seen = Some(d);
            break;
        }
    }
    assert_eq!(seen, Some((3, None)));
    assert_eq!(reported, [1, 2, 3]);
    // Step 4 ran on the NaNs before step 3 was read; it is dropped, not reported.
    assert_eq!(session.steps(), 4);
    assert!(!session.has_step_in_flight() && !session.is_running());
    assert_eq!(session.next(), Next::WaitForMessage);
    let out = block_on(session.receive(ToWorker::Reset));
    assert!(stats_in(&out).is_empty());
    assert_eq!(session.steps(), 0);
}

#[test]
fn a_single_step_while_reading_behind_reports_the_late_step_first() {
    let mut session = one_step_per_tick(true);
    block_on(session.receive(ToWorker::Train));
    block_on(session.tick());
    block_on(session.tick()); // step 2 queued, step 1 reported
    let out = block_on(session.receive(ToWorker::Step));
    assert_eq!(
        stats_in(&out).iter().map(|s| s.step).collect::<Vec<_>>(),
        [2]
    );
    // The single step is read at once: it is not continuous training.
    let out = block_on(session.tick());
    assert_eq!(
        stats_in(&out).iter().map(|s| s.step).collect::<Vec<_>>(),
        [3]
    );
    assert!(!session.has_step_in_flight());
}

fn checkpoint_of(out: &[FromWorker]) -> Option<(u64, Vec<u8>)> {
    out.iter().find_map(|m| match m {
        FromWorker::Checkpoint { step, bytes } => Some((*step, bytes.clone())),
        _ => None,
    })
}

fn run_steps(session: &mut TrainingSession, n: u64) {
    for _ in 0..n {
        session.handle(ToWorker::Step);
        block_on(session.tick());
    }
}

#[test]
fn a_saved_checkpoint_loads_back_and_training_goes_on_from_it() {
    let mut session = tiny_session();
    run_steps(&mut session, 5);
    let (step, bytes) =
        checkpoint_of(&session.handle(ToWorker::SaveCheckpoint)).expect("the CPU backend saves");
    assert_eq!(step, 5);
    run_steps(&mut session, 3);
    assert_eq!(session.steps(), 8);

    let out = session.handle(ToWorker::LoadCheckpoint { bytes });
    assert!(
        out.iter().any(|m| matches!(
            m,
            FromWorker::CheckpointLoaded {
                step: 5,
                with_optimizers: true,
                ..
            }
        )),
        "{out:?}"
    );
    assert_eq!(session.steps(), 5);
    session.handle(ToWorker::Step);
    let out = block_on(session.tick());
    assert!(
        out.iter().any(
            |m| matches!(m, FromWorker::Stats { stats, .. } if stats.step == 6 && stats.is_finite())
        ),
        "{out:?}"
    );
}

#[test]
fn a_bad_checkpoint_is_refused_and_changes_nothing() {
    let mut session = tiny_session();
    run_steps(&mut session, 2);
    let (_, good) = checkpoint_of(&session.handle(ToWorker::SaveCheckpoint)).unwrap();
    run_steps(&mut session, 1);
    let before = parameter_bits(&session.trainer.gan().generator);
    let cases: [(&[u8], &str); 4] = [
        (b"", "not a GAN Werkstatt checkpoint"),
        (b"PK\x03\x04 a zip", "not a GAN Werkstatt checkpoint"),
        (&good[..good.len() / 2], "truncated"),
        (&good[..good.len() - 1], "truncated"),
    ];
    for (bytes, reason) in cases {
        let out = session.handle(ToWorker::LoadCheckpoint {
            bytes: bytes.to_vec(),
        });
        let message = out
            .iter()
            .find_map(|m| match m {
                FromWorker::Rejected { message } => Some(message.clone()),
                _ => None,
            })
            .unwrap_or_else(|| panic!("not refused: {out:?}"));
        assert!(message.contains(reason), "{message}");
        assert!(message.contains("unchanged"), "{message}");
        assert_eq!(session.steps(), 3);
        assert_eq!(parameter_bits(&session.trainer.gan().generator), before);
    }
}

#[test]
fn saving_on_webgpu_is_refused_with_a_reason() {
    let mut session = tiny_session();
    session.set_blocking_reads(false);
    let out = session.handle(ToWorker::SaveCheckpoint);
    assert!(
        matches!(&out[..], [FromWorker::Rejected { message }] if message.contains("CPU backend")),
        "{out:?}"
    );
}

/// Every weight of a module as bits, to compare networks exactly.
fn parameter_bits(module: &impl Module) -> Vec<u32> {
    struct Bits(Vec<u32>);
    impl burn::module::ModuleVisitor for Bits {
        fn visit_float<const D: usize>(
            &mut self,
            param: &burn::module::Param<burn::tensor::Tensor<D>>,
        ) {
            let values = param
                .val()
                .into_data()
                .try_to_vec::<f32>()
                .expect("f32 weights");
            self.0.extend(values.into_iter().map(f32::to_bits));
        }
    }
    let mut bits = Bits(Vec::new());
    module.visit(&mut bits);
    bits.0
}
