//! The `sources`, `contested` and `facts --merged` subcommands: across documents.

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use anyhow::Context;
use newsgraph::sources::{self as analysis, ListingFormat, SourceRules};
use newsgraph::store::KnowledgeStore;

/// `newsgraph sources [--format table|tsv] [--save]`.
pub fn sources(store: &KnowledgeStore, format: &str, save: bool) -> anyhow::Result<ExitCode> {
    let format = listing_format(format)?;
    let rules = rules()?;
    let result = analysis::analyse(store, &rules)?;
    let mut out = BufWriter::new(io::stdout().lock());
    analysis::write_sources(&result, format, &mut out)?;
    out.flush()?;
    if save {
        let n = analysis::save(store, &result)?;
        store.flush()?;
        eprintln!("saved {n} triples into <{}>", analysis::SOURCES_GRAPH);
    }
    Ok(ExitCode::SUCCESS)
}

/// `newsgraph facts --merged`.
pub fn merged_facts(store: &KnowledgeStore) -> anyhow::Result<ExitCode> {
    let result = analysis::analyse(store, &rules()?)?;
    let mut out = BufWriter::new(io::stdout().lock());
    analysis::write_merged_facts(&result, &mut out)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// `newsgraph contested [--format table|tsv] [--dates]`.
pub fn contested(store: &KnowledgeStore, format: &str, dates: bool) -> anyhow::Result<ExitCode> {
    let format = listing_format(format)?;
    let rules = rules()?;
    let result = analysis::analyse(store, &rules)?;
    let mut out = BufWriter::new(io::stdout().lock());
    if dates {
        analysis::write_date_conflicts(&result, format, &mut out)?;
    } else {
        analysis::write_contested(&result, &rules, format, &mut out)?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// After an ingest or a removal: recomputes the saved analysis, if any.
pub fn refresh(store: &KnowledgeStore) -> anyhow::Result<()> {
    if analysis::refresh_saved(store, &rules()?).context("updating the sources graph")? {
        store.flush()?;
    }
    Ok(())
}

fn rules() -> anyhow::Result<SourceRules> {
    SourceRules::builtin().context("loading the built-in lists in ontology/sources")
}

fn listing_format(name: &str) -> anyhow::Result<ListingFormat> {
    ListingFormat::parse(name).with_context(|| format!("unknown format `{name}`; use table or tsv"))
}
