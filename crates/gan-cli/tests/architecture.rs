//! ARCHITECTURE.md's crate graph is the workspace's: the list of each crate's workspace
//! dependencies in its `crate-graph` block equals what `cargo metadata` reports, and every crate
//! under `crates/` has its own paragraph. (It lives with the CLI, the workspace's native binary,
//! because it runs `cargo`.)

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;

type Graph = BTreeMap<String, BTreeSet<String>>;

fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

/// Each workspace member and its normal (not dev, not build) dependencies among the members.
fn cargo_graph() -> Graph {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let output = Command::new(cargo)
        .args([
            "metadata",
            "--format-version",
            "1",
            "--no-deps",
            "--offline",
        ])
        .current_dir(root())
        .output()
        .expect("cargo metadata runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let metadata: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let packages = metadata["packages"].as_array().unwrap();
    let members: BTreeSet<String> = packages
        .iter()
        .map(|p| p["name"].as_str().unwrap().to_owned())
        .collect();
    packages
        .iter()
        .map(|p| {
            let deps = p["dependencies"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|d| d["kind"].is_null())
                .map(|d| d["name"].as_str().unwrap().to_owned())
                .filter(|name| members.contains(name))
                .collect();
            (p["name"].as_str().unwrap().to_owned(), deps)
        })
        .collect()
}

/// The `crate -> deps` lines of the block after `<!-- crate-graph`.
fn documented_graph(architecture: &str) -> Graph {
    let start = architecture
        .find("<!-- crate-graph")
        .expect("ARCHITECTURE.md has a crate-graph block");
    let block = &architecture[start..];
    let open = block.find("```text\n").expect("the graph is a text block") + "```text\n".len();
    let close = open + block[open..].find("```").expect("the block ends");
    block[open..close]
        .lines()
        .map(|line| {
            let (name, deps) = line.split_once("->").expect("each line is `crate -> deps`");
            let deps = deps.split_whitespace().map(str::to_owned).collect();
            (name.trim().to_owned(), deps)
        })
        .collect()
}

#[test]
fn the_documented_crate_graph_is_cargos() {
    let architecture = std::fs::read_to_string(root().join("ARCHITECTURE.md")).unwrap();
    assert_eq!(documented_graph(&architecture), cargo_graph());
}

#[test]
fn every_crate_has_its_paragraph() {
    let architecture = std::fs::read_to_string(root().join("ARCHITECTURE.md")).unwrap();
    for entry in std::fs::read_dir(root().join("crates")).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        let heading = format!("\n## crates/{name}\n");
        assert!(
            architecture.contains(&heading),
            "ARCHITECTURE.md has no `## crates/{name}`"
        );
    }
}

/// The check can fail: a graph missing an edge, or with one too many, differs from cargo's.
#[test]
fn a_wrong_graph_is_told_apart() {
    let graph = cargo_graph();
    let mut missing = graph.clone();
    missing.get_mut("gan-core").unwrap().clear();
    assert_ne!(missing, graph);
    let mut extra = graph.clone();
    extra
        .get_mut("gan-page")
        .unwrap()
        .insert("gan-session".into());
    assert_ne!(
        extra, graph,
        "the page must not depend on the worker's crate"
    );
}
