//! The binary as a user runs it: files written, errors clear, nothing trained on bad input.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn cli(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gan-werkstatt"))
        .args(args)
        // The shipped data, wherever the test runs from.
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .env_remove("RUST_BACKTRACE")
        .output()
        .expect("the binary runs")
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("gan-cli-test-{}-{name}", std::process::id()));
    std::fs::remove_dir_all(&dir).ok();
    dir
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn is_png(path: &Path) -> bool {
    std::fs::read(path).is_ok_and(|b| b.starts_with(b"\x89PNG\r\n\x1a\n"))
}

#[test]
fn train_writes_grids_metrics_and_a_loadable_checkpoint() {
    let out = scratch("train");
    let out_s = out.to_str().unwrap();
    let run = cli(&[
        "train",
        "--steps",
        "4",
        "--batch-size",
        "8",
        "--grid-every",
        "2",
        "--log-every",
        "2",
        "--out",
        out_s,
    ]);
    assert!(run.status.success(), "{}", stderr(&run));
    for grid in ["grid-000000.png", "grid-000002.png", "grid-000004.png"] {
        assert!(is_png(&out.join(grid)), "{grid} missing or not a PNG");
    }
    let metrics = std::fs::read_to_string(out.join("metrics.jsonl")).unwrap();
    let lines: Vec<serde_json::Value> = metrics
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[1]["step"], 4);
    for key in [
        "d_loss_real",
        "d_loss_fake",
        "g_loss",
        "d_real",
        "d_fake",
        "d_accuracy_real",
    ] {
        assert!(
            lines[1][key].as_f64().is_some_and(f64::is_finite),
            "{key} in {}",
            lines[1]
        );
    }
    assert_eq!(lines[1]["timings"]["ms"].as_array().map(Vec::len), Some(6));
    assert_eq!(lines[1]["phases"][0], "generate_fakes");
    assert_eq!(lines[1]["phases"][5], "unfreeze_discriminator");
    let config: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("config.json")).unwrap()).unwrap();
    assert_eq!(config["batch_size"], 8);

    let png = out.join("sample.png");
    let sample = cli(&[
        "sample",
        "--checkpoint",
        out.join("checkpoint.gan").to_str().unwrap(),
        "--out",
        png.to_str().unwrap(),
    ]);
    assert!(sample.status.success(), "{}", stderr(&sample));
    assert!(is_png(&png));
    std::fs::remove_dir_all(&out).ok();
}

#[test]
fn an_unusable_out_folder_fails_before_training() {
    let blocker = scratch("blocker");
    std::fs::write(&blocker, b"a file, not a folder").unwrap();
    let out = blocker.join("run");
    let run = cli(&["train", "--steps", "100000", "--out", out.to_str().unwrap()]);
    assert!(!run.status.success());
    assert!(
        stderr(&run).contains("cannot create --out"),
        "{}",
        stderr(&run)
    );
    std::fs::remove_file(&blocker).ok();
}

#[test]
fn bad_arguments_get_clear_errors() {
    let cases: [(&[&str], &str); 4] = [
        (
            &["train", "--out", "x", "--model", "vae"],
            "possible values: mlp, dcgan",
        ),
        (
            &["train", "--out", "x", "--batch-size", "0"],
            "--batch-size",
        ),
        (
            &["train", "--out", "x", "--lr-g", "5"],
            "lr_generator must be between",
        ),
        (&["train"], "--out"),
    ];
    for (args, expected) in cases {
        let run = cli(args);
        assert!(!run.status.success(), "{args:?} succeeded");
        assert!(
            stderr(&run).contains(expected),
            "{args:?}: {}",
            stderr(&run)
        );
    }
}

#[test]
fn a_corrupt_checkpoint_is_refused_with_the_reason() {
    let dir = scratch("corrupt");
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.gan");
    std::fs::write(&bad, b"not a checkpoint").unwrap();
    let run = cli(&[
        "sample",
        "--checkpoint",
        bad.to_str().unwrap(),
        "--out",
        dir.join("x.png").to_str().unwrap(),
    ]);
    assert!(!run.status.success());
    assert!(
        stderr(&run).contains("not a GAN Werkstatt checkpoint"),
        "{}",
        stderr(&run)
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn bench_reports_steps_per_second_and_the_gemm_ceiling() {
    let run = cli(&[
        "bench",
        "--steps",
        "3",
        "--warmup",
        "1",
        "--runs",
        "1",
        "--batch-size",
        "8",
    ]);
    assert!(run.status.success(), "{}", stderr(&run));
    let out = String::from_utf8_lossy(&run.stdout);
    assert!(out.contains("probe after G's update: off"), "{out}");
    assert!(out.contains("median"), "{out}");
    // The ceiling line names the bare products' speed and the share training reaches.
    let ceiling = out
        .lines()
        .find(|l| l.starts_with("the step's matrix products alone"))
        .unwrap_or_else(|| panic!("no ceiling line in {out}"));
    assert!(
        ceiling.contains("GFLOP/s") && ceiling.contains('%'),
        "{ceiling}"
    );
    // The DCGAN is not only matrix products: no ceiling, no made-up figure.
    let run = cli(&[
        "bench",
        "--model",
        "dcgan",
        "--steps",
        "1",
        "--warmup",
        "0",
        "--runs",
        "1",
        "--batch-size",
        "4",
    ]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(!String::from_utf8_lossy(&run.stdout).contains("matrix products alone"));
}

#[test]
fn train_judge_refuses_a_weak_judge_and_quality_scores_with_a_written_one() {
    let dir = scratch("judge");
    let judge = dir.join("judge.bin");
    let judge_s = judge.to_str().unwrap();
    // 10 steps on 640 digits cannot reach 99.9 %: refused, nothing written.
    let weak = cli(&[
        "train-judge",
        "--limit",
        "640",
        "--epochs",
        "1",
        "--min-accuracy",
        "0.999",
        "--out",
        judge_s,
    ]);
    assert!(!weak.status.success());
    let err = stderr(&weak);
    assert!(err.contains("below --min-accuracy"), "{err}");
    assert!(!judge.exists(), "a refused judge must not be written");

    let written = cli(&[
        "train-judge",
        "--limit",
        "640",
        "--epochs",
        "1",
        "--min-accuracy",
        "0",
        "--out",
        judge_s,
    ]);
    assert!(written.status.success(), "{}", stderr(&written));
    let out = String::from_utf8_lossy(&written.stdout);
    assert!(out.contains("test accuracy:"), "{out}");

    let table = dir.join("quality.md");
    let run = cli(&[
        "quality",
        "--models",
        "mlp",
        "--seeds",
        "1",
        "--at",
        "2,4",
        "--samples",
        "40",
        "--batch-size",
        "8",
        "--judge",
        judge_s,
        "--out",
        table.to_str().unwrap(),
    ]);
    assert!(run.status.success(), "{}", stderr(&run));
    let md = std::fs::read_to_string(&table).unwrap();
    assert!(md.contains("| mlp step |"), "{md}");
    assert!(md.lines().any(|l| l.starts_with("| 4 |")), "{md}");
    let rows = std::fs::read_to_string(table.with_extension("jsonl")).unwrap();
    assert_eq!(rows.lines().count(), 2);

    // A damaged judge is refused with its path and reason.
    let mut bytes = std::fs::read(&judge).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 1;
    std::fs::write(&judge, bytes).unwrap();
    let refused = cli(&["quality", "--judge", judge_s, "--at", "2"]);
    assert!(!refused.status.success());
    let err = stderr(&refused);
    assert!(
        err.contains("not a usable judge") && err.contains("damaged"),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_conditional_model_draws_one_column_per_digit_and_is_asked_for_a_seven() {
    let out = scratch("conditional");
    let out_s = out.to_str().unwrap();
    let run = cli(&[
        "train",
        "--conditional",
        "--steps",
        "2",
        "--batch-size",
        "8",
        "--out",
        out_s,
    ]);
    assert!(run.status.success(), "{}", stderr(&run));
    // Ten columns of 28 + 2 pixels and a gap, six rows, scaled twice.
    let grid = std::fs::read(out.join("grid-000000.png")).unwrap();
    let size = |at: usize| u32::from_be_bytes(grid[at..at + 4].try_into().unwrap());
    assert_eq!((size(16), size(20)), ((10 * 30 + 2) * 2, (6 * 30 + 2) * 2));
    let checkpoint = out.join("checkpoint.gan");
    let seven = out.join("seven.png");
    let asked = cli(&[
        "sample",
        "--checkpoint",
        checkpoint.to_str().unwrap(),
        "--digit",
        "7",
        "--out",
        seven.to_str().unwrap(),
    ]);
    assert!(asked.status.success(), "{}", stderr(&asked));
    assert!(is_png(&seven));
    assert!(
        String::from_utf8_lossy(&asked.stdout).contains("the judge reads a 7 in"),
        "{}",
        String::from_utf8_lossy(&asked.stdout)
    );
    // An unconditional model cannot be asked for a digit.
    let plain = scratch("plain");
    let run = cli(&[
        "train",
        "--steps",
        "1",
        "--batch-size",
        "8",
        "--out",
        plain.to_str().unwrap(),
    ]);
    assert!(run.status.success(), "{}", stderr(&run));
    let refused = cli(&[
        "sample",
        "--checkpoint",
        plain.join("checkpoint.gan").to_str().unwrap(),
        "--digit",
        "7",
        "--out",
        seven.to_str().unwrap(),
    ]);
    assert!(!refused.status.success());
    assert!(
        stderr(&refused).contains("--digit needs a conditional model"),
        "{}",
        stderr(&refused)
    );
    std::fs::remove_dir_all(&out).ok();
    std::fs::remove_dir_all(&plain).ok();
}
