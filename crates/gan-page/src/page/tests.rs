//! The page's state folded from the worker's messages, message by message.

use super::*;
use crate::history::tests::stats;
use crate::verdict::Leader;
use gan_protocol::grid::DIGIT_PIXELS;

fn ready() -> PageState {
    let mut page = PageState::default();
    page.apply(FromWorker::Backend(BackendInfo {
        kind: BackendKind::Cpu,
        fallback_reason: Some(gan_protocol::adapter::Fallback::NoAdapter),
        threads: 1,
    }));
    page.apply(FromWorker::Ready {
        real_digits: (0..4 * DIGIT_PIXELS).map(|i| (i * 7 % 256) as u8).collect(),
        train_digits: 4,
        config: GanConfig::default(),
    });
    page
}

#[test]
fn loading_then_ready() {
    let mut page = PageState::default();
    assert!(!page.ready());
    page.apply(FromWorker::LoadProgress {
        loaded: 5,
        total: 10,
        what: "digits".into(),
    });
    assert_eq!(page.loading.fraction(), Some(0.5));
    page.apply(FromWorker::LoadFailed {
        message: "HTTP 404".into(),
    });
    assert_eq!(page.loading, Loading::Failed("HTTP 404".into()));
    assert!(!page.ready());
    assert!(ready().ready());
}

#[test]
fn phases_light_up_in_turn_and_d_is_frozen_in_4_and_5() {
    let mut page = ready();
    for phase in Phase::ALL {
        page.apply(FromWorker::PhaseDone { phase, step: 0 });
        let boxes = page.phase_boxes();
        let active: Vec<Phase> = boxes.iter().filter(|b| b.active).map(|b| b.phase).collect();
        assert_eq!(active, vec![phase]);
        assert_eq!(boxes.iter().filter(|b| b.done).count(), phase.number());
        assert_eq!(
            page.discriminator_frozen(),
            matches!(phase, Phase::FreezeDiscriminator | Phase::TrainGenerator),
            "{phase:?}"
        );
    }
}

#[test]
fn a_phase_shows_its_data_while_it_is_the_phase_on_screen() {
    let mut page = ready();
    page.apply(FromWorker::PhaseDone {
        phase: Phase::GenerateFakes,
        step: 0,
    });
    page.apply(FromWorker::Phase(PhaseView::Fakes {
        step: 1,
        pixels: vec![7; 784],
    }));
    assert!(matches!(
        page.phase_view_now(),
        Some(PhaseView::Fakes { .. })
    ));
    // Phase 2 ran but its data has not come yet: phase 1's strip no longer belongs on screen.
    page.apply(FromWorker::PhaseDone {
        phase: Phase::TrainDiscriminator,
        step: 0,
    });
    assert_eq!(page.phase_view_now(), None);
    // Continuous training races through every phase: an old view never shows again.
    page.apply(FromWorker::PhaseDone {
        phase: Phase::GenerateFakes,
        step: 5,
    });
    assert_eq!(page.phase_view_now(), None, "a view of step 1 at step 6");
    page.apply(FromWorker::WasReset);
    assert_eq!(page.phase_view, None);
}

#[test]
fn stats_feed_history_verdict_and_counter_and_reset_clears_them() {
    let mut page = ready();
    // Past the warm-up, a D that recognises 90 % of real digits and catches 95 % of fakes leads.
    for step in 1..=60 {
        let mut stats = stats(step, 0.5, 0.05);
        stats.d_accuracy_real = 0.9;
        page.apply(FromWorker::Stats {
            stats,
            steps_per_second: 12.0,
        });
    }
    assert_eq!(page.step, 60);
    assert_eq!(page.history.len(), 60);
    assert_eq!(page.verdict().leader, Leader::Detective);
    page.apply(FromWorker::WasReset);
    assert_eq!(page.step, 0);
    assert!(page.history.is_empty());
    assert_eq!(page.verdict().leader, Leader::NotStarted);
    assert!(page.notice.is_some());
}

#[test]
fn a_grid_of_one_repeated_digit_is_measured_as_collapsed() {
    let mut page = ready();
    let one: Vec<u8> = page.real_digits[..DIGIT_PIXELS].to_vec();
    page.apply(FromWorker::Grid {
        step: 1,
        pixels: one.repeat(4),
        verdicts: Vec::new(),
    });
    assert_eq!(page.diversity, Some(0.0));
    assert_eq!(page.grid.as_ref().map(|g| g.0), Some(1));
}

#[test]
fn webgpu_says_the_first_step_compiles_kernels_until_it_is_done() {
    let mut page = ready();
    assert_eq!(page.kernel_warmup_hint(), None, "not on the CPU");
    page.apply(FromWorker::Backend(BackendInfo {
        kind: BackendKind::WebGpu,
        fallback_reason: None,
        threads: 1,
    }));
    assert!(page.kernel_warmup_hint().unwrap().contains("first step"));
    page.apply(FromWorker::Stats {
        stats: stats(1, 0.7, 0.7),
        steps_per_second: 0.0,
    });
    assert_eq!(page.kernel_warmup_hint(), None);
}

#[test]
fn a_divergence_is_explained_and_a_restore_rewinds_the_charts() {
    let mut page = ready();
    for step in 1..=120 {
        page.apply(FromWorker::Stats {
            stats: stats(step, 0.5, 0.3),
            steps_per_second: 12.0,
        });
    }
    page.apply(FromWorker::Running { running: true });
    page.apply(FromWorker::Diverged {
        step: 121,
        last_good_step: Some(100),
    });
    assert!(!page.running);
    let text = page.divergence.unwrap().explanation(Lang::En);
    assert!(
        text.contains("step 121") && text.contains("Restore the networks of step 100"),
        "{text}"
    );
    assert_eq!(page.notice.as_ref().unwrap().severity, Severity::Error);
    page.apply(FromWorker::Restored { step: 100 });
    assert_eq!(page.divergence, None);
    assert_eq!(page.step, 100);
    assert!(page.history.points().iter().all(|p| p.step <= 100));
    // Training goes on from 101: the charts take it.
    page.apply(FromWorker::Stats {
        stats: stats(101, 0.5, 0.3),
        steps_per_second: 12.0,
    });
    assert_eq!(page.history.points().last().map(|p| p.step), Some(101));
    let none = Divergence {
        step: 3,
        last_good_step: None,
    };
    assert!(none.explanation(Lang::En).contains("Reset to start over"));
}

#[test]
fn errors_become_notices_and_fatal_stops() {
    let mut page = ready();
    page.apply(FromWorker::Running { running: true });
    page.apply(FromWorker::Rejected {
        message: "batch_size must be…".into(),
    });
    assert_eq!(page.notice.as_ref().unwrap().severity, Severity::Error);
    page.apply(FromWorker::Fatal {
        message: "device lost".into(),
    });
    assert!(!page.running && !page.ready());
}

#[test]
fn a_class_never_sees_the_browsers_raw_errors() {
    let mut page = ready();
    let raw = "the trainer could not start: JsValue(DataCloneError: The object can not be \
               cloned. postMessage@[native code]\n@http://x/workerHelpers.js:70:25)";
    page.apply(FromWorker::Fatal {
        message: raw.into(),
    });
    page.apply(FromWorker::Stopped {
        message: raw.into(),
    });
    for shown in [
        page.fatal.clone().unwrap(),
        page.notice.clone().unwrap().text,
    ] {
        assert!(shown.ends_with("DataCloneError: The object can not be cloned."));
        assert!(
            !shown.contains("JsValue") && !shown.contains('@'),
            "{shown}"
        );
    }
}

#[test]
fn refused_threads_are_explained_in_the_pages_language() {
    let mut page = PageState::new(Lang::De);
    page.apply(FromWorker::ThreadsRefused { threads: 4 });
    let notice = page.notice.expect("a notice");
    assert_eq!(notice.severity, Severity::Info);
    assert!(notice.text.contains("4 Threads"), "{}", notice.text);
    assert!(page.fatal.is_none());
}

#[test]
fn a_walk_is_picked_with_two_clicks_and_stale_drawings_are_dropped() {
    let mut page = PageState::default();
    assert_eq!(page.pick_walk_end(3), None);
    let ask = page
        .pick_walk_end(10)
        .expect("the second click asks for the walk");
    let ends = WalkEnds::new(3, 10).unwrap();
    assert_eq!(ask, ToWorker::Walk { ends: Some(ends) });
    page.apply(FromWorker::Walk {
        step: 5,
        ends: WalkEnds::new(1, 2).unwrap(),
        pixels: vec![1],
    });
    assert_eq!(page.walk, None, "a walk the page no longer wants");
    page.apply(FromWorker::Walk {
        step: 6,
        ends,
        pixels: vec![2],
    });
    assert_eq!(page.walk, Some((6, vec![2])));
    assert_eq!(page.close_walk(), ToWorker::Walk { ends: None });
    assert_eq!((page.walk_wanted, page.walk.clone()), (None, None));
}
