//! Consumers of the store, across documents: rewrite clusters, corroboration, contested claims.
//!
//! A story reaches the store through many outlets, many of which copy one
//! another. This module reads the documents (their sentences) and the
//! per-document facts back from the store and works out:
//! - which documents are rewrites of one another ([`cluster`], on top of the
//!   near-duplicate measure in [`similarity`]);
//! - which facts are one fact stated by several sources, and how many of
//!   those sources are independent ([`merge`]);
//! - which places are claimed by one party and disputed by another, and
//!   where sources disagree on a date.
//!
//! Entry point: [`analyse`] returns an [`Analysis`]; the `write_*` functions
//! print it; [`save`] writes it into the store as the derived graph
//! [`SOURCES_GRAPH`] (clusters, `prov:wasDerivedFrom` between documents,
//! merged facts), and [`refresh_saved`] keeps that graph current.
//!
//! Everything is computed on demand from the documents in the store, sorted
//! by content id, so results never depend on ingest order or on which
//! process ingested what. It never changes a document's own graph.

pub mod cluster;
pub mod merge;
mod rdf;
pub mod similarity;

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;

use jiff::civil::Date;
use oxigraph::model::Term;

use crate::data_file::Table;
use crate::error::{Error, Result};
use crate::sources::cluster::{ClusterConfig, Clustering, SourceDocument, cluster_documents};
use crate::sources::merge::{ContestedPlace, FactRecord, MergedFact, Stance};
use crate::store::{KnowledgeStore, QueryOutcome};
use crate::text::Published;

pub use rdf::{SOURCES_GRAPH, analysis_quads};

/// The lists the source analysis uses, from `ontology/sources/`.
#[derive(Debug, Clone)]
pub struct SourceRules {
    /// Function words left out when comparing documents.
    pub stop_words: BTreeSet<String>,
    /// Lower-case substrings of the names of independent monitors.
    pub monitor_patterns: Vec<String>,
}

impl SourceRules {
    /// The lists compiled into the binary.
    pub fn builtin() -> Result<Self> {
        let stop = Table::parse(
            "ontology/sources/stopwords.tsv",
            include_str!("../../ontology/sources/stopwords.tsv"),
            &["word"],
        )?;
        let monitors = Table::parse(
            "ontology/sources/monitors.tsv",
            include_str!("../../ontology/sources/monitors.tsv"),
            &["pattern"],
        )?;
        Ok(SourceRules {
            stop_words: stop
                .rows()
                .iter()
                .map(|r| stop.get(r, "word").to_lowercase())
                .collect(),
            monitor_patterns: monitors
                .rows()
                .iter()
                .map(|r| monitors.get(r, "pattern").to_lowercase())
                .filter(|p| !p.is_empty())
                .collect(),
        })
    }

    /// True when any of `labels` names an independent monitor.
    pub fn is_monitor<'a>(&self, labels: impl IntoIterator<Item = &'a str>) -> bool {
        labels.into_iter().any(|label| {
            let label = label.to_lowercase();
            self.monitor_patterns
                .iter()
                .any(|p| label.contains(p.as_str()))
        })
    }
}

/// Everything the source analysis found in a store.
#[derive(Debug, Clone)]
pub struct Analysis {
    /// Documents and their rewrite clusters.
    pub clustering: Clustering,
    /// Facts merged across documents, with their sources.
    pub merged: Vec<MergedFact>,
    /// Every label (canonical and alternative) of every labelled resource; canonical first.
    pub labels: BTreeMap<String, Vec<String>>,
}

impl Analysis {
    /// The canonical label of `iri`, or its last path segment.
    pub fn label<'a>(&'a self, iri: &'a str) -> &'a str {
        self.labels
            .get(iri)
            .and_then(|l| l.first())
            .map(String::as_str)
            .unwrap_or_else(|| iri.rsplit(['/', '#']).next().unwrap_or(iri))
    }

    /// Contested places, with monitors recognised by `rules`.
    pub fn contested(&self, rules: &SourceRules) -> Vec<ContestedPlace<'_>> {
        let is_monitor = |iri: &str| {
            rules.is_monitor(
                self.labels
                    .get(iri)
                    .into_iter()
                    .flatten()
                    .map(String::as_str),
            )
        };
        merge::contested(&self.merged, &is_monitor)
    }
}

/// Reads documents and facts from `store` and analyses them.
pub fn analyse(store: &KnowledgeStore, rules: &SourceRules) -> Result<Analysis> {
    let documents = load_documents(store)?;
    let clustering = cluster_documents(&documents, &rules.stop_words, &ClusterConfig::default());
    let published: BTreeMap<&str, Option<Date>> = documents
        .iter()
        .map(|d| (d.id.as_str(), d.published.map(|p| p.date())))
        .collect();
    let mut records = load_facts(store)?;
    for record in &mut records {
        record.published = published.get(record.doc_id.as_str()).copied().flatten();
    }
    let merged = merge::merge_facts(&records, &clustering);
    Ok(Analysis {
        clustering,
        merged,
        labels: load_labels(store)?,
    })
}

/// Writes the analysis into the store's derived graph [`SOURCES_GRAPH`], replacing it.
pub fn save(store: &KnowledgeStore, analysis: &Analysis) -> Result<usize> {
    let quads = analysis_quads(analysis);
    store.replace_graph(SOURCES_GRAPH, &quads)?;
    Ok(quads.len())
}

/// Recomputes and rewrites the derived graph when it was saved before
/// (after an ingest or a removal); returns whether it did.
pub fn refresh_saved(store: &KnowledgeStore, rules: &SourceRules) -> Result<bool> {
    if !store.contains_graph(SOURCES_GRAPH)? {
        return Ok(false);
    }
    let analysis = analyse(store, rules)?;
    save(store, &analysis)?;
    Ok(true)
}

/// Output layout of the `sources` and `contested` listings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListingFormat {
    /// Aligned columns for reading.
    Table,
    /// Tab-separated values with a header line.
    Tsv,
}

impl ListingFormat {
    /// Parses `table` or `tsv`.
    pub fn parse(name: &str) -> Option<Self> {
        match name.to_ascii_lowercase().as_str() {
            "table" => Some(ListingFormat::Table),
            "tsv" => Some(ListingFormat::Tsv),
            _ => None,
        }
    }
}

/// `newsgraph sources`: one line per document with its cluster and similarity.
/// TSV header: `doc cluster similarity`.
pub fn write_sources(
    analysis: &Analysis,
    format: ListingFormat,
    out: &mut dyn Write,
) -> Result<()> {
    let c = &analysis.clustering;
    let mut order: Vec<usize> = (0..c.documents.len()).collect();
    order.sort_by(|&a, &b| c.documents[a].name.cmp(&c.documents[b].name));
    let mut rows = vec![match format {
        ListingFormat::Tsv => vec!["doc".into(), "cluster".into(), "similarity".into()],
        ListingFormat::Table => [
            "doc",
            "cluster",
            "similarity",
            "members",
            "original",
            "nearest",
        ]
        .map(String::from)
        .to_vec(),
    }];
    for idx in order {
        let d = &c.documents[idx];
        let cluster = &c.clusters[d.cluster];
        let similarity = d.similarity.map(|s| format!("{s:.2}")).unwrap_or_default();
        let mut row = vec![d.name.clone(), cluster.id.clone(), similarity];
        if format == ListingFormat::Table {
            row.push(cluster.members.len().to_string());
            row.push(match cluster.original {
                Some(o) if o == idx => "yes".into(),
                Some(o) => c.documents[o].name.clone(),
                None => String::new(),
            });
            row.push(
                d.nearest
                    .map(|(n, s)| format!("{} ({s:.2})", c.documents[n].name))
                    .unwrap_or_default(),
            );
        }
        rows.push(row);
    }
    write_rows(&rows, format, out)?;
    if format == ListingFormat::Table {
        let groups = c.clusters.iter().filter(|cl| cl.members.len() > 1).count();
        writeln!(
            out,
            "{} documents, {} independent origins, {} rewrite cluster{}",
            c.documents.len(),
            c.clusters.len(),
            groups,
            if groups == 1 { "" } else { "s" }
        )
        .map_err(io)?;
    }
    Ok(())
}

/// The five relations `facts --merged` lists.
const SCORED: [&str; 5] = [
    "met",
    "proposed",
    "rejected",
    "claims_control",
    "disputes_control",
];

/// `newsgraph facts --merged`: one line per fact, TSV with header
/// `relation subject object sources independent_sources docs`.
pub fn write_merged_facts(analysis: &Analysis, out: &mut dyn Write) -> Result<usize> {
    let mut rows: Vec<Vec<String>> = analysis
        .merged
        .iter()
        .filter(|m| SCORED.contains(&m.relation.as_str()))
        .map(|m| {
            let (mut s, mut o) = (analysis.label(&m.subject), analysis.label(&m.object));
            if m.relation == "met" && o < s {
                std::mem::swap(&mut s, &mut o);
            }
            vec![
                m.relation.clone(),
                s.to_string(),
                o.to_string(),
                m.documents.to_string(),
                m.independent.to_string(),
                m.document_names().join(","),
            ]
        })
        .collect();
    rows.sort();
    let n = rows.len();
    rows.insert(
        0,
        [
            "relation",
            "subject",
            "object",
            "sources",
            "independent_sources",
            "docs",
        ]
        .map(String::from)
        .to_vec(),
    );
    write_rows(&rows, ListingFormat::Tsv, out)?;
    Ok(n)
}

/// `newsgraph contested`: places with a claim and a dispute; who claims, who
/// disputes, which side independent monitors take, with sources and dates.
/// TSV header: `place stance party monitor sources independent_sources docs dates`.
pub fn write_contested(
    analysis: &Analysis,
    rules: &SourceRules,
    format: ListingFormat,
    out: &mut dyn Write,
) -> Result<usize> {
    let places = analysis.contested(rules);
    if format == ListingFormat::Table {
        for place in &places {
            writeln!(out, "{}", analysis.label(&place.place)).map_err(io)?;
            for p in &place.positions {
                writeln!(
                    out,
                    "  {:<9} {:<36} {} source{} ({} independent): {}{}",
                    p.stance.name(),
                    format!(
                        "{}{}",
                        analysis.label(&p.fact.subject),
                        if p.monitor { " [monitor]" } else { "" }
                    ),
                    p.fact.documents,
                    if p.fact.documents == 1 { "" } else { "s" },
                    p.fact.independent,
                    source_list(p.fact),
                    dates_note(p.fact),
                )
                .map_err(io)?;
            }
            let side = match place.monitors_side_with() {
                Some(Stance::Claims) => "independent monitors side with the claim",
                Some(Stance::Disputes) => "independent monitors side with the dispute",
                None if place.positions.iter().any(|p| p.monitor) => {
                    "independent monitors are split"
                }
                None => "no independent monitor quoted",
            };
            writeln!(out, "  => {side}").map_err(io)?;
        }
        writeln!(
            out,
            "{} contested place{}",
            places.len(),
            if places.len() == 1 { "" } else { "s" }
        )
        .map_err(io)?;
        return Ok(places.len());
    }
    let mut rows = vec![
        [
            "place",
            "stance",
            "party",
            "monitor",
            "sources",
            "independent_sources",
            "docs",
            "dates",
        ]
        .map(String::from)
        .to_vec(),
    ];
    for place in &places {
        for p in &place.positions {
            rows.push(vec![
                analysis.label(&place.place).to_string(),
                p.stance.name().to_string(),
                analysis.label(&p.fact.subject).to_string(),
                if p.monitor { "yes" } else { "no" }.to_string(),
                p.fact.documents.to_string(),
                p.fact.independent.to_string(),
                p.fact.document_names().join(","),
                source_dates(p.fact).join(","),
            ]);
        }
    }
    write_rows(&rows, ListingFormat::Tsv, out)?;
    Ok(places.len())
}

/// `newsgraph contested --dates`: facts whose sources give different days,
/// one line per day; `note` flags a date phrase whose weekday is not its
/// date's. TSV header: `relation subject object date docs date_text note`.
pub fn write_date_conflicts(
    analysis: &Analysis,
    format: ListingFormat,
    out: &mut dyn Write,
) -> Result<usize> {
    let conflicts = merge::date_conflicts(&analysis.merged);
    let mut rows = vec![
        [
            "relation",
            "subject",
            "object",
            "date",
            "docs",
            "date_text",
            "note",
        ]
        .map(String::from)
        .to_vec(),
    ];
    for m in &conflicts {
        for date in m.dates() {
            let sources: Vec<&FactRecord> =
                m.sources.iter().filter(|s| s.date == Some(date)).collect();
            let docs: BTreeSet<&str> = sources.iter().map(|s| s.doc_name.as_str()).collect();
            let texts: BTreeSet<&str> = sources
                .iter()
                .filter_map(|s| s.date_text.as_deref())
                .collect();
            let notes: BTreeSet<String> = sources
                .iter()
                .filter_map(|s| merge::weekday_note(s).map(|n| format!("{}: {n}", s.doc_name)))
                .collect();
            rows.push(vec![
                m.relation.clone(),
                analysis.label(&m.subject).to_string(),
                analysis.label(&m.object).to_string(),
                date.to_string(),
                docs.into_iter().collect::<Vec<_>>().join(","),
                texts.into_iter().collect::<Vec<_>>().join(" | "),
                notes.into_iter().collect::<Vec<_>>().join("; "),
            ]);
        }
    }
    write_rows(&rows, format, out)?;
    if format == ListingFormat::Table {
        writeln!(
            out,
            "{} fact{} with conflicting dates",
            conflicts.len(),
            if conflicts.len() == 1 { "" } else { "s" }
        )
        .map_err(io)?;
    }
    Ok(conflicts.len())
}

/// The documents of a merged fact, comma-separated, for the table view.
fn source_list(fact: &MergedFact) -> String {
    fact.document_names().join(", ")
}

fn dates_note(fact: &MergedFact) -> String {
    let dates = source_dates(fact);
    if dates.is_empty() {
        String::new()
    } else {
        format!(" — {}", dates.join(", "))
    }
}

/// Distinct days of the sources: the event's resolved day, else the document's publication day (marked `published`).
fn source_dates(fact: &MergedFact) -> Vec<String> {
    let dates: BTreeSet<String> = fact
        .sources
        .iter()
        .filter_map(|s| match (s.date, s.published) {
            (Some(d), _) => Some(d.to_string()),
            (None, Some(p)) => Some(format!("{p} (published)")),
            (None, None) => None,
        })
        .collect();
    dates.into_iter().collect()
}

fn write_rows(rows: &[Vec<String>], format: ListingFormat, out: &mut dyn Write) -> Result<()> {
    match format {
        ListingFormat::Tsv => {
            for row in rows {
                let cells: Vec<String> = row
                    .iter()
                    .map(|c| c.replace(['\t', '\n', '\r'], " "))
                    .collect();
                writeln!(out, "{}", cells.join("\t")).map_err(io)?;
            }
        }
        ListingFormat::Table => {
            let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
            let widths: Vec<usize> = (0..columns)
                .map(|i| {
                    rows.iter()
                        .filter_map(|r| r.get(i))
                        .map(|c| c.chars().count())
                        .max()
                        .unwrap_or(0)
                })
                .collect();
            for row in rows {
                let mut line = String::new();
                for (i, cell) in row.iter().enumerate() {
                    if i + 1 < row.len() {
                        line.push_str(&format!("{cell:<w$}  ", w = widths[i]));
                    } else {
                        line.push_str(cell);
                    }
                }
                writeln!(out, "{}", line.trim_end()).map_err(io)?;
            }
        }
    }
    Ok(())
}

fn io(e: std::io::Error) -> Error {
    Error::io("<output>", e)
}

fn select(store: &KnowledgeStore, sparql: &str) -> Result<Vec<Vec<Option<Term>>>> {
    match store.query(sparql)? {
        QueryOutcome::Solutions { rows, .. } => Ok(rows),
        _ => Err(Error::Query("expected a SELECT query".into())),
    }
}

/// The plain value of a term: an IRI's text or a literal's lexical form.
fn value(cell: &Option<Term>) -> Option<String> {
    match cell.as_ref()? {
        Term::NamedNode(n) => Some(n.as_str().to_string()),
        Term::Literal(l) => Some(l.value().to_string()),
        other => Some(other.to_string()),
    }
}

fn day(cell: &Option<Term>) -> Option<Date> {
    value(cell)?.get(..10)?.parse().ok()
}

/// Every document with its sentences (read from its `ng:body`), as stored.
pub fn load_documents(store: &KnowledgeStore) -> Result<Vec<SourceDocument>> {
    let docs = select(
        store,
        "SELECT ?id ?name ?published WHERE { GRAPH ?g { ?d a ng:Document ; ng:contentHash ?id ; ng:fileName ?name . \
         OPTIONAL { ?d ng:published ?published } } }",
    )?;
    let mut documents: BTreeMap<String, SourceDocument> = BTreeMap::new();
    for row in &docs {
        let Some(id) = value(&row[0]) else { continue };
        documents.insert(
            id.clone(),
            SourceDocument {
                id,
                name: value(&row[1]).unwrap_or_default(),
                published: value(&row[2]).and_then(|p| Published::parse(&p)),
                sentences: Vec::new(),
            },
        );
    }
    // The body holds the sentences in order, one per line.
    let bodies = select(
        store,
        "SELECT ?id ?body WHERE { GRAPH ?g { ?d ng:contentHash ?id ; ng:body ?body } }",
    )?;
    for row in &bodies {
        if let (Some(id), Some(body)) = (value(&row[0]), value(&row[1]))
            && let Some(doc) = documents.get_mut(&id)
        {
            doc.sentences = body
                .split('\n')
                .filter(|line| !line.is_empty())
                .map(str::to_owned)
                .collect();
        }
    }
    Ok(documents.into_values().collect())
}

/// Every fact of the five scored relations, one record per fact resource of a document graph.
pub fn load_facts(store: &KnowledgeStore) -> Result<Vec<FactRecord>> {
    let rows = select(
        store,
        "SELECT ?fact ?relation ?s ?o ?doc ?name ?sentence ?dateText ?date WHERE { GRAPH ?g { \
         ?fact ng:relation ?relation ; ng:subject ?s ; ng:object ?o ; ng:evidence ?sentence ; prov:wasDerivedFrom ?d . \
         ?d ng:contentHash ?doc ; ng:fileName ?name . \
         OPTIONAL { ?fact ng:dateText ?dateText } OPTIONAL { ?fact ng:date ?date } } \
         FILTER (?relation IN (\"met\", \"proposed\", \"rejected\", \"claims_control\", \"disputes_control\")) }",
    )?;
    let mut records: Vec<FactRecord> = rows
        .iter()
        .filter_map(|r| {
            Some(FactRecord {
                fact: value(&r[0])?,
                relation: value(&r[1])?,
                subject: value(&r[2])?,
                object: value(&r[3])?,
                doc_id: value(&r[4])?,
                doc_name: value(&r[5])?,
                sentence: value(&r[6])?,
                date_text: value(&r[7]),
                date: day(&r[8]),
                published: None,
            })
        })
        .collect();
    records.sort_by(|a, b| (&a.doc_id, &a.fact).cmp(&(&b.doc_id, &b.fact)));
    records.dedup_by(|a, b| a.fact == b.fact && a.doc_id == b.doc_id);
    Ok(records)
}

/// Labels of every resource: canonical (`rdfs:label`, smallest first) then alternative ones.
fn load_labels(store: &KnowledgeStore) -> Result<BTreeMap<String, Vec<String>>> {
    let rows = select(
        store,
        "SELECT DISTINCT ?e ?l ?alt WHERE { { ?e rdfs:label ?l BIND(false AS ?alt) } UNION { ?e skos:altLabel ?l BIND(true AS ?alt) } }",
    )?;
    let mut sorted: Vec<(String, bool, String)> = rows
        .iter()
        .filter_map(|r| Some((value(&r[0])?, value(&r[2])? == "true", value(&r[1])?)))
        .collect();
    sorted.sort();
    let mut labels: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (iri, _, label) in sorted {
        let list = labels.entry(iri).or_default();
        if !list.contains(&label) {
            list.push(label);
        }
    }
    Ok(labels)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_lists_parse_and_recognise_monitors() {
        let rules = SourceRules::builtin().unwrap();
        assert!(rules.stop_words.contains("the"));
        assert!(
            !rules.stop_words.contains("us"),
            "`US` is a content word in news"
        );
        for monitor in [
            "open-source intelligence projects",
            "Institute for the Study of War",
            "DeepState",
            "independent monitors",
        ] {
            assert!(rules.is_monitor([monitor]), "{monitor}");
        }
        for party in ["Ukraine", "Russia's Defence Ministry", "Kremlin"] {
            assert!(!rules.is_monitor([party]), "{party}");
        }
    }

    #[test]
    fn listing_formats_parse() {
        assert_eq!(ListingFormat::parse("TSV"), Some(ListingFormat::Tsv));
        assert_eq!(ListingFormat::parse("table"), Some(ListingFormat::Table));
        assert_eq!(ListingFormat::parse("json"), None);
    }
}
