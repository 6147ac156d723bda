//! The messages survive the trip across the boundary, and their texts read well.

use super::*;
use gan_core::PhaseTimings;

fn round_trip<T: Serialize + for<'de> Deserialize<'de> + PartialEq + std::fmt::Debug>(value: &T) {
    let json = serde_json::to_string(value).expect("every message serializes");
    let back: T = serde_json::from_str(&json).expect("and deserializes");
    assert_eq!(&back, value, "{json}");
}

#[test]
fn every_message_survives_the_boundary() {
    let config = GanConfig::default();
    for message in [
        ToWorker::Start {
            backend: BackendChoice::WebGpu,
            config: config.clone(),
            speed: Speed::SlowMotion,
            lang: Lang::De,
            data: Collection::Fashion,
            threads: 4,
            fail: Some(Breakdown::Threads),
        },
        ToWorker::SetLanguage { lang: Lang::En },
        ToWorker::Walk {
            ends: WalkEnds::new(2, 40),
        },
        ToWorker::Walk { ends: None },
        ToWorker::Ask { digit: 7 },
        ToWorker::UsePictures {
            files: vec![PictureFile {
                name: "a.png".into(),
                bytes: vec![137, 80],
            }],
        },
        ToWorker::Train,
        ToWorker::Pause,
        ToWorker::Step,
        ToWorker::PhaseStep,
        ToWorker::SetPace { seconds: 4 },
        ToWorker::Quiz,
        ToWorker::Reset,
        ToWorker::Configure(config.clone()),
        ToWorker::SetSpeed {
            speed: Speed::Steps(7),
        },
        ToWorker::Benchmark { min_ms: 3000 },
        ToWorker::CheckKernels,
        ToWorker::ShowVerdicts { on: true },
        ToWorker::RestoreLastGood,
    ] {
        round_trip(&message);
    }
    let stats = StepStats {
        step: 3,
        d_loss_real: 0.5,
        d_loss_fake: 0.6,
        g_loss: 1.2,
        d_real: 0.7,
        d_fake: 0.3,
        d_accuracy_real: 0.8,
        d_accuracy_fake: 0.9,
        d_fake_before_g: 0.25,
        d_fake_after_g: Some(0.35),
        timings: PhaseTimings { ms: [1.0; 6] },
    };
    for message in [
        FromWorker::Listening,
        FromWorker::LoadProgress {
            loaded: 1,
            total: 2,
            what: "digits".into(),
        },
        FromWorker::LoadFailed {
            message: "404".into(),
        },
        FromWorker::Backend(BackendInfo {
            kind: BackendKind::Cpu,
            fallback_reason: Some(Fallback::Software {
                name: Some("swiftshader".into()),
            }),
            threads: 1,
        }),
        FromWorker::Ready {
            real_digits: vec![0, 255],
            train_digits: 60_000,
            config,
        },
        FromWorker::Running { running: true },
        FromWorker::PhaseDone {
            phase: Phase::TrainGenerator,
            step: 9,
        },
        FromWorker::Stats {
            stats,
            steps_per_second: 12.5,
        },
        FromWorker::Grid {
            step: 9,
            pixels: vec![1, 2, 3],
            verdicts: vec![DigitVerdict {
                label: 7,
                confidence: 0.75,
            }],
        },
        FromWorker::JudgeReady {
            test_accuracy: 0.99,
        },
        FromWorker::PicturesInUse {
            pictures: 80,
            real_digits: vec![1, 2],
            message: "80 of your pictures are in use".into(),
        },
        FromWorker::Answer {
            step: 3,
            digit: 7,
            pixels: vec![9; 3],
        },
        FromWorker::Quiz {
            step: 9,
            pixels: vec![1, 2],
            real: vec![true, false],
            d_says: vec![0.875, 0.25],
        },
        FromWorker::Phase(PhaseView::Fakes {
            step: 3,
            pixels: vec![0, 255],
        }),
        FromWorker::Phase(PhaseView::Discriminator {
            step: 3,
            real: vec![1],
            fakes: vec![2],
            real_before: vec![0.5],
            real_after: vec![0.75],
            fakes_before: vec![0.5],
            fakes_after: vec![0.25],
            loss_real: 0.7,
            loss_fake: 0.6,
        }),
        FromWorker::Phase(PhaseView::Generator {
            step: 3,
            before: vec![3],
            after: vec![4],
            d_before: vec![0.125],
            d_after: vec![0.25],
        }),
        FromWorker::Walk {
            step: 4,
            ends: WalkEnds { from: 1, to: 2 },
            pixels: vec![0, 255],
        },
        FromWorker::Diverged {
            step: 312,
            last_good_step: Some(300),
        },
        FromWorker::Restored { step: 300 },
        FromWorker::JudgeUnavailable {
            message: "damaged".into(),
        },
        FromWorker::Quality(QualityReport {
            step: 200,
            coverage: gan_judge::Coverage {
                counts: [5; 10],
                confidence_sum: 40.0,
            },
            frechet: Some(12.5),
            longest_chunk_ms: Some(21.0),
        }),
        FromWorker::Configured {
            config: GanConfig::default(),
            reset: true,
        },
        FromWorker::WasReset,
        FromWorker::Rejected {
            message: "no".into(),
        },
        FromWorker::Stopped {
            message: "NaN".into(),
        },
        FromWorker::Fatal {
            message: "lost".into(),
        },
        FromWorker::ThreadsRefused { threads: 4 },
        FromWorker::Benchmarked(BenchFigures {
            gemm: Some(GemmCeiling {
                step_gemm_flops: 1.2e9,
                round_ms: 60.0,
                rounds: 40,
            }),
            bare_steps_per_second: 12.0,
            bare_steps: 40,
            rule_of_thumb_flops: 1.376e9,
        }),
        FromWorker::KernelsChecked {
            checks: vec![KernelCheckLine {
                what: "product".into(),
                worst: Some(0.25),
                passed: true,
            }],
            error: None,
        },
    ] {
        round_trip(&message);
    }
}

#[test]
fn backend_choices_parse_from_their_ids() {
    for choice in BackendChoice::ALL {
        assert_eq!(choice.id().parse::<BackendChoice>(), Ok(choice));
    }
    let err = "gpu".parse::<BackendChoice>().unwrap_err();
    assert!(err.contains("\"gpu\""), "{err}");
}
