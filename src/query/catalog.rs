//! Named queries about the store's contents: documents and counts.

use oxigraph::model::Term;

use crate::error::{Error, Result};
use crate::query::display_term;
use crate::store::{KnowledgeStore, QueryOutcome};

/// One stored document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentInfo {
    /// Content hash (the document IRI's last segment).
    pub id: String,
    /// File name without extension.
    pub name: String,
    /// Source path as ingested.
    pub source: String,
    /// Title, when known.
    pub title: Option<String>,
    /// Publication date, when known.
    pub published: Option<String>,
    /// Number of sentences.
    pub sentences: usize,
}

/// Counts over the whole store.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stats {
    /// Documents.
    pub documents: usize,
    /// Sentences.
    pub sentences: usize,
    /// Distinct entities.
    pub entities: usize,
    /// Facts (all relations, per document; merged facts of the sources graph excluded).
    pub facts: usize,
    /// Quads, the ontology included.
    pub quads: usize,
    /// Named graphs (documents plus the ontology).
    pub graphs: usize,
}

fn rows(store: &KnowledgeStore, sparql: &str) -> Result<Vec<Vec<Option<Term>>>> {
    match store.query(sparql)? {
        QueryOutcome::Solutions { rows, .. } => Ok(rows),
        _ => Err(Error::Query("expected a SELECT query".into())),
    }
}

fn text(cell: &Option<Term>) -> Option<String> {
    cell.as_ref().map(display_term)
}

fn count(cell: &Option<Term>) -> usize {
    text(cell).and_then(|t| t.parse().ok()).unwrap_or(0)
}

/// All documents, sorted by file name.
pub fn documents(store: &KnowledgeStore) -> Result<Vec<DocumentInfo>> {
    let rows = rows(
        store,
        "SELECT ?id ?name ?source ?title ?published ?n WHERE { GRAPH ?g { ?d a ng:Document ; ng:contentHash ?id ; \
         ng:fileName ?name ; ng:sourcePath ?source ; ng:sentenceCount ?n . \
         OPTIONAL { ?d ng:title ?title } OPTIONAL { ?d ng:published ?published } } } ORDER BY ?name ?id",
    )?;
    Ok(rows
        .iter()
        .map(|r| DocumentInfo {
            id: text(&r[0]).unwrap_or_default(),
            name: text(&r[1]).unwrap_or_default(),
            source: text(&r[2]).unwrap_or_default(),
            title: text(&r[3]),
            published: text(&r[4]),
            sentences: count(&r[5]),
        })
        .collect())
}

/// Documents matching `spec`: a file name (with or without extension), a
/// source path, a content hash or unique prefix of one, or a document IRI.
pub fn find_documents(store: &KnowledgeStore, spec: &str) -> Result<Vec<DocumentInfo>> {
    let all = documents(store)?;
    let stem = std::path::Path::new(spec)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned());
    let id_from_iri = spec.rsplit('/').next().unwrap_or(spec);
    let exact: Vec<DocumentInfo> = all
        .iter()
        .filter(|d| {
            d.source == spec
                || d.name == spec
                || Some(&d.name) == stem.as_ref()
                || d.id == id_from_iri
        })
        .cloned()
        .collect();
    if !exact.is_empty() {
        return Ok(exact);
    }
    if spec.len() >= 6 && spec.chars().all(|c| c.is_ascii_hexdigit()) {
        return Ok(all.into_iter().filter(|d| d.id.starts_with(spec)).collect());
    }
    Ok(Vec::new())
}

/// Counts of documents, sentences, entities, facts, quads and graphs.
pub fn stats(store: &KnowledgeStore) -> Result<Stats> {
    let rows = rows(
        store,
        "SELECT (COUNT(DISTINCT ?d) AS ?docs) (SUM(?n) AS ?sentences) WHERE { GRAPH ?g { ?d a ng:Document ; ng:sentenceCount ?n } }",
    )?;
    let entities = rows_count(
        store,
        "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { GRAPH ?g { ?e ng:key ?k } }",
    )?;
    let facts = rows_count(
        store,
        "SELECT (COUNT(?f) AS ?n) WHERE { GRAPH ?g { ?f ng:relation ?r MINUS { ?f a ng:MergedFact } } }",
    )?;
    Ok(Stats {
        documents: rows.first().map_or(0, |r| count(&r[0])),
        sentences: rows.first().map_or(0, |r| count(&r[1])),
        entities,
        facts,
        quads: store.len()?,
        graphs: store.graph_count()?,
    })
}

fn rows_count(store: &KnowledgeStore, sparql: &str) -> Result<usize> {
    Ok(rows(store, sparql)?.first().map_or(0, |r| count(&r[0])))
}
