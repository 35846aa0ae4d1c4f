//! Repository invariants checked as ordinary tests: every source file opens
//! with a `//!` module doc; clap, anyhow, rustyline and indicatif stay in the
//! binary; no `dbg!` or `todo!` is left behind; stages before `rdf` never use
//! the store.

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn sources() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let rel = p.strip_prefix(root).unwrap().to_string_lossy().into_owned();
            (rel, std::fs::read_to_string(&p).unwrap())
        })
        .collect()
}

#[test]
fn every_source_file_opens_with_a_module_doc() {
    let missing: Vec<String> = sources()
        .into_iter()
        .filter(|(_, text)| !text.trim_start().starts_with("//!"))
        .map(|(p, _)| p)
        .collect();
    assert!(
        missing.is_empty(),
        "files without a leading //! doc: {missing:?}"
    );
}

#[test]
fn terminal_and_cli_crates_stay_in_the_binary() {
    let mut offenders = Vec::new();
    for (path, text) in sources() {
        if path.starts_with("src/bin/") {
            continue;
        }
        for krate in ["clap", "anyhow", "rustyline", "indicatif"] {
            if text.lines().any(|l| {
                l.trim_start().starts_with(&format!("use {krate}"))
                    || l.contains(&format!("{krate}::"))
            }) {
                offenders.push(format!("{path} uses {krate}"));
            }
        }
    }
    assert!(offenders.is_empty(), "{offenders:?}");
}

#[test]
fn no_debugging_leftovers() {
    let mut offenders = Vec::new();
    for (path, text) in sources() {
        for needle in ["dbg!(", "todo!(", "unimplemented!("] {
            if text.contains(needle) {
                offenders.push(format!("{path}: {needle}"));
            }
        }
    }
    assert!(offenders.is_empty(), "{offenders:?}");
}

#[test]
fn extraction_stages_never_see_the_store_or_rdf() {
    let mut offenders = Vec::new();
    for (path, text) in sources() {
        let stage = [
            "src/text/",
            "src/mentions/",
            "src/facts/",
            "src/resources/",
            "src/pipeline.rs",
        ]
        .iter()
        .any(|prefix| path.starts_with(prefix));
        if !stage {
            continue;
        }
        for forbidden in ["crate::store", "crate::rdf", "crate::query", "oxigraph::"] {
            if text.contains(forbidden) {
                offenders.push(format!("{path} uses {forbidden}"));
            }
        }
    }
    assert!(offenders.is_empty(), "{offenders:?}");
}
