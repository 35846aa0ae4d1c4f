//! The scale tooling: the corpus generator, determinism across thread
//! counts, and the bench command's report (its shape, not its speed).

use std::path::Path;
use std::process::{Command, Output, Stdio};

use crate::support::Workspace;

/// Runs `newsgraph ARGS` with extra environment variables.
fn run_env(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_newsgraph"));
    command
        .args(args)
        .env_remove("NEWSGRAPH_STORE")
        .env_remove("NEWSGRAPH_ENDPOINT")
        .env_remove("RAYON_NUM_THREADS")
        .stdin(Stdio::null());
    for (key, value) in env {
        command.env(key, value);
    }
    let output = command.output().expect("run newsgraph");
    assert!(
        output.status.success(),
        "newsgraph {} failed\n--- stderr:\n{}",
        args.join(" "),
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

/// All files under `dir` as (relative path, bytes), sorted.
fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(current) = stack.pop() {
        for entry in std::fs::read_dir(&current).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                out.push((rel, std::fs::read(&path).unwrap()));
            }
        }
    }
    out.sort();
    out
}

fn generate(ws: &Workspace, name: &str, extra: &[&str]) -> String {
    let dir = ws.path(name).to_string_lossy().into_owned();
    let mut args = vec!["generate", "-o", dir.as_str()];
    args.extend_from_slice(extra);
    run_env(&args, &[]);
    dir
}

#[test]
fn generate_is_deterministic_per_seed() {
    let ws = Workspace::new();
    let a = generate(&ws, "a", &["--articles", "30", "--seed", "9"]);
    let b = generate(&ws, "b", &["--articles", "30", "--seed", "9"]);
    let c = generate(&ws, "c", &["--articles", "30", "--seed", "10"]);
    let (a, b, c) = (
        files(Path::new(&a)),
        files(Path::new(&b)),
        files(Path::new(&c)),
    );
    assert_eq!(a.len(), 30);
    assert!(a == b, "same seed, different corpus");
    assert!(a != c, "different seeds, same corpus");
}

#[test]
fn generate_by_size_reaches_the_size() {
    let ws = Workspace::new();
    let dir = generate(&ws, "sized", &["--megabytes", "0.2"]);
    let total: usize = files(Path::new(&dir)).iter().map(|(_, b)| b.len()).sum();
    assert!((200_000..220_000).contains(&total), "{total} bytes");
}

#[test]
fn generated_articles_all_ingest() {
    let ws = Workspace::new();
    let dir = generate(&ws, "corpus", &["--articles", "40", "--seed", "2"]);
    ws.run(&["ingest", &dir])
        .success()
        .stderr_has("ingested 40 documents (0 unchanged, 0 failed)");
    let docs = ws.run(&["documents"]).success().stdout();
    assert_eq!(docs.lines().count(), 41, "{docs}");
    // Boilerplate never becomes a sentence.
    let text = ws
        .run(&["query", "SELECT ?t WHERE { ?d ng:body ?t }"])
        .success()
        .stdout();
    for chrome in ["\"1. HOME\"", "\"Share\"", "min read", "https://images."] {
        assert!(!text.contains(chrome), "{chrome} kept as text");
    }
}

#[test]
fn extract_output_does_not_depend_on_the_thread_count() {
    let ws = Workspace::new();
    let dir = generate(&ws, "corpus", &["--articles", "150", "--seed", "4"]);
    let one = run_env(&["extract", &dir], &[("RAYON_NUM_THREADS", "1")]).stdout;
    let two = run_env(&["--threads", "2", "extract", &dir], &[]).stdout;
    let four = run_env(&["--threads", "4", "extract", &dir], &[]).stdout;
    assert!(one.len() > 100_000, "{} bytes of N-Quads", one.len());
    assert!(one == two, "1 thread and 2 threads differ");
    assert!(one == four, "1 thread and 4 threads differ");
}

#[test]
fn bench_reports_every_phase() {
    let ws = Workspace::new();
    let keep = ws.path("bench").to_string_lossy().into_owned();
    let out = run_env(
        &["bench", "--articles", "30", "--no-python", "--keep", &keep],
        &[],
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    for row in [
        "extraction alone",
        "ingest into a fresh store",
        "extract → N-Quads file",
        "load N-Quads",
        "sentences/s",
        "quads/s",
        "peak RSS MB",
        "machine: ",
    ] {
        assert!(stdout.contains(row), "bench output lacks {row:?}\n{stdout}");
    }
    assert!(stdout.contains("30 documents"), "{stdout}");
    // The kept N-Quads load into a store with the same documents.
    ws.run(&["load", &format!("{keep}/corpus.nq")]).success();
    let docs = ws.run(&["documents"]).success().stdout();
    assert_eq!(docs.lines().count(), 31, "{docs}");
}

#[test]
fn bulk_loaded_ingest_gives_the_same_store_as_one_transaction_per_document() {
    let per_document = Workspace::new();
    let bulk = Workspace::new();
    let dir = generate(&bulk, "corpus", &["--articles", "60", "--seed", "5"]);
    // The same article twice in one run, and a file that cannot be decoded.
    let first = files(Path::new(&dir)).remove(0);
    std::fs::write(Path::new(&dir).join("copy.txt"), &first.1).unwrap();
    std::fs::write(Path::new(&dir).join("broken.txt"), b"caf\xe9 \xff\xfe").unwrap();

    per_document
        .run(&["ingest", &dir])
        .status(1)
        .stderr_has("ingested 60 documents (1 unchanged, 1 failed)");
    let summary = bulk
        .run(&["ingest", "--bulk-above", "0", &dir])
        .status(1)
        .stderr_has("ingested 60 documents (1 unchanged, 1 failed)")
        .stderr_has("(bulk load)")
        .stderr();
    assert!(summary.contains("broken.txt"), "{summary}");

    for query in [
        vec!["stats"],
        vec!["facts"],
        vec!["export", "--format", "nq"],
    ] {
        let a = per_document.run(&query).success().stdout();
        let b = bulk.run(&query).success().stdout();
        let (mut a, mut b): (Vec<&str>, Vec<&str>) = (a.lines().collect(), b.lines().collect());
        a.sort_unstable();
        b.sort_unstable();
        assert!(a.len() > 4, "{query:?}: {} lines", a.len());
        assert!(
            a == b,
            "{query:?} differs between bulk and per-document ingest"
        );
    }
    // A second bulk run finds every document already there.
    bulk.run(&["ingest", "--bulk-above", "0", &dir])
        .status(1)
        .stderr_has("ingested 0 documents (61 unchanged, 1 failed)");
}

/// The `key=value` pairs a `bench-phase` child prints.
fn phase_values(args: &[&str]) -> std::collections::HashMap<String, String> {
    let out = run_env(args, &[]).stdout;
    String::from_utf8_lossy(&out)
        .split_whitespace()
        .filter_map(|pair| pair.split_once('='))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

#[test]
fn extraction_memory_does_not_grow_with_the_corpus() {
    let ws = Workspace::new();
    let small = generate(&ws, "small", &["--articles", "600", "--seed", "3"]);
    let large = generate(&ws, "large", &["--articles", "6000", "--seed", "3"]);
    let peak = |dir: &str| {
        let values = phase_values(&["bench-phase", "extract-only", dir]);
        let peak: f64 = values["peak"].parse().expect("a peak in bytes");
        (values["documents"].clone(), peak / 1e6)
    };
    let (small_docs, small_peak) = peak(&small);
    let (large_docs, large_peak) = peak(&large);
    assert_eq!((small_docs.as_str(), large_docs.as_str()), ("600", "6000"));
    // Ten times the articles: the peak stays within a quarter (plus the
    // allocator's slack) of the small run's, because only two batches of
    // documents and the entity index are ever held.
    assert!(
        large_peak <= small_peak * 1.25 + 16.0,
        "peak {large_peak:.0} MB for 6000 articles against {small_peak:.0} MB for 600"
    );
}
