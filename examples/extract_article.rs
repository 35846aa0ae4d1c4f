//! Library use without a store: extract the scored facts of some articles.
//!
//! ```text
//! cargo run --example extract_article -- article.txt other.md > facts.tsv
//! ```
//!
//! Each file goes through [`newsgraph::pipeline::process`]; one shared
//! [`EntityIndex`] resolves entities across the files, in the order given.
//! Prints `relation subject object doc evidence` (names for entities,
//! labels for things; only the five scored relations).

use std::collections::HashMap;
use std::path::Path;
use std::process::ExitCode;

use newsgraph::facts::{Argument, Relation};
use newsgraph::mentions::EntityIndex;
use newsgraph::pipeline;
use newsgraph::resources::Resources;

fn main() -> ExitCode {
    let mut paths: Vec<String> = std::env::args().skip(1).collect();
    // `--mentions` prints each sentence's mentions instead (for tuning rules).
    let show_mentions = paths.first().is_some_and(|p| p == "--mentions");
    if show_mentions {
        paths.remove(0);
    }
    if paths.is_empty() {
        eprintln!("usage: extract_article FILE...");
        return ExitCode::from(2);
    }
    let resources = match Resources::builtin() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let mut index = EntityIndex::new(&resources);
    println!("relation\tsubject\tobject\tdoc\tevidence");
    let mut status = ExitCode::SUCCESS;
    for path in &paths {
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("error: {path}: {e}");
                status = ExitCode::from(1);
                continue;
            }
        };
        let processed = match pipeline::process(path, &bytes, &resources) {
            Ok(p) => p,
            Err(e) => {
                eprintln!("error: {e}");
                status = ExitCode::from(1);
                continue;
            }
        };
        if show_mentions {
            let analysis = newsgraph::mentions::analyse(&processed.document, &resources);
            for s in &analysis.sentences {
                println!("# {}", s.text);
                for i in &s.items {
                    let surface =
                        &s.text[s.tokens[i.start].span.start..s.tokens[i.end - 1].span.end];
                    println!(
                        "  {surface} -> {} {:?} party={:?} place={} modifier={} {:?}",
                        i.entity, i.kind, i.party, i.place, i.modifier, i.source
                    );
                }
            }
            continue;
        }
        let extraction = index.merge(processed.extraction);
        let names: HashMap<&str, &str> = extraction
            .entities
            .iter()
            .map(|e| (e.key.as_str(), e.name.as_str()))
            .collect();
        let name = |key: &str| names.get(key).copied().unwrap_or(key).to_string();
        let doc = Path::new(path)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        for fact in &extraction.facts {
            if !Relation::SCORED.contains(&fact.relation) {
                continue;
            }
            let object = match &fact.object {
                Argument::Entity(k) => name(k),
                Argument::Thing(t) => t.label.clone(),
            };
            let evidence = processed
                .document
                .sentences
                .get(fact.provenance.sentence_idx)
                .map(|s| s.text.replace('\t', " "))
                .unwrap_or_default();
            println!(
                "{}\t{}\t{}\t{}\t{}",
                fact.relation.name(),
                name(&fact.subject),
                object,
                doc,
                evidence
            );
        }
    }
    status
}
