//! Consumers of the store, part 1: SPARQL results to text.
//!
//! Owns the output formats of `newsgraph query` (an aligned table with IRIs
//! shortened to prefixed names, and the standard SPARQL results formats
//! TSV, CSV, JSON, XML; RDF formats for CONSTRUCT/DESCRIBE) and the facts
//! query behind `newsgraph facts`. It never parses SPARQL itself: the store
//! does.

use std::io::Write;

use comfy_table::{presets, ContentArrangement, Table};
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{Term, Variable};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};

mod catalog;

pub use catalog::{documents, find_documents, stats, DocumentInfo, Stats};

use crate::error::{Error, Result};
use crate::store::{KnowledgeStore, QueryOutcome, DEFAULT_PREFIXES};

/// How to print query results.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResultFormat {
    /// Aligned table with prefixed names (CONSTRUCT/DESCRIBE: Turtle).
    Table,
    /// SPARQL 1.1 TSV results.
    Tsv,
    /// SPARQL 1.1 CSV results.
    Csv,
    /// SPARQL 1.1 JSON results.
    Json,
    /// SPARQL XML results.
    Xml,
    /// An RDF format, for CONSTRUCT/DESCRIBE results.
    Rdf(RdfFormat),
}

impl ResultFormat {
    /// Parses a format name (`table`, `tsv`, `csv`, `json`, `xml`, `turtle`, `ntriples`, `rdfxml`, `jsonld`).
    pub fn parse(name: &str) -> Option<Self> {
        Some(match name.to_ascii_lowercase().as_str() {
            "table" => ResultFormat::Table,
            "tsv" => ResultFormat::Tsv,
            "csv" => ResultFormat::Csv,
            "json" => ResultFormat::Json,
            "xml" => ResultFormat::Xml,
            other => ResultFormat::Rdf(rdf_format(other)?),
        })
    }
}

/// Parses an RDF format name as used by `export` and `query`.
pub fn rdf_format(name: &str) -> Option<RdfFormat> {
    Some(match name.to_ascii_lowercase().as_str() {
        "turtle" | "ttl" => RdfFormat::Turtle,
        "ntriples" | "nt" | "n-triples" => RdfFormat::NTriples,
        "nquads" | "nq" | "n-quads" => RdfFormat::NQuads,
        "trig" => RdfFormat::TriG,
        "rdfxml" | "rdf" | "rdf/xml" | "xml" => RdfFormat::RdfXml,
        "jsonld" | "json-ld" => RdfFormat::JsonLd { profile: Default::default() },
        _ => return None,
    })
}

/// Runs `sparql` on `store` and writes the results to `out`.
pub fn run(store: &KnowledgeStore, sparql: &str, format: ResultFormat, out: &mut dyn Write) -> Result<QueryOutcome> {
    let outcome = store.query(sparql)?;
    write_outcome(&outcome, format, out)?;
    Ok(outcome)
}

/// Writes a query outcome in `format`.
pub fn write_outcome(outcome: &QueryOutcome, format: ResultFormat, out: &mut dyn Write) -> Result<()> {
    let io = |e: std::io::Error| Error::io("<output>", e);
    match (outcome, format) {
        (QueryOutcome::Boolean(b), ResultFormat::Table) => writeln!(out, "{}", if *b { "yes" } else { "no" }).map_err(io),
        (QueryOutcome::Boolean(b), ResultFormat::Tsv | ResultFormat::Csv) => writeln!(out, "{b}").map_err(io),
        (QueryOutcome::Boolean(b), ResultFormat::Json | ResultFormat::Xml) => {
            QueryResultsSerializer::from_format(results_format(format))
                .serialize_boolean_to_writer(&mut *out, *b)
                .map_err(io)?;
            writeln!(out).map_err(io)
        }
        (QueryOutcome::Boolean(_), ResultFormat::Rdf(_)) => {
            Err(Error::Usage("an ASK query gives yes or no, not RDF; use --format table, tsv, csv, json or xml".into()))
        }
        (QueryOutcome::Solutions { variables, rows }, ResultFormat::Table) => {
            write_table(variables, rows, out).map_err(io)
        }
        (QueryOutcome::Solutions { variables, rows }, ResultFormat::Rdf(_)) => {
            Err(Error::Usage(format!(
                "a SELECT query gives a table of {} variable(s), not RDF; use --format table, tsv, csv, json or xml",
                variables.len().max(rows.first().map_or(0, Vec::len))
            )))
        }
        (QueryOutcome::Solutions { variables, rows }, _) => {
            let vars: Vec<Variable> = variables.iter().map(|v| Variable::new_unchecked(v.clone())).collect();
            let mut serializer = QueryResultsSerializer::from_format(results_format(format))
                .serialize_solutions_to_writer(&mut *out, vars.clone())
                .map_err(io)?;
            for row in rows {
                serializer
                    .serialize(vars.iter().zip(row).filter_map(|(v, t)| t.as_ref().map(|t| (v, t))))
                    .map_err(io)?;
            }
            serializer.finish().map_err(io)?;
            Ok(())
        }
        (QueryOutcome::Graph(triples), format) => {
            let rdf = match format {
                ResultFormat::Rdf(rdf) => rdf,
                ResultFormat::Table => RdfFormat::Turtle,
                _ => {
                    return Err(Error::Usage(
                        "a CONSTRUCT or DESCRIBE query gives RDF; use --format turtle, ntriples, rdfxml or jsonld".into(),
                    ));
                }
            };
            let mut serializer = RdfSerializer::from_format(rdf);
            for (prefix, iri) in DEFAULT_PREFIXES {
                serializer = serializer.with_prefix(*prefix, *iri).expect("valid prefix");
            }
            let mut writer = serializer.for_writer(&mut *out);
            for triple in triples {
                writer.serialize_triple(triple).map_err(io)?;
            }
            writer.finish().map_err(io)?;
            Ok(())
        }
    }
}

fn results_format(format: ResultFormat) -> QueryResultsFormat {
    match format {
        ResultFormat::Csv => QueryResultsFormat::Csv,
        ResultFormat::Json => QueryResultsFormat::Json,
        ResultFormat::Xml => QueryResultsFormat::Xml,
        _ => QueryResultsFormat::Tsv,
    }
}

fn write_table(variables: &[String], rows: &[Vec<Option<Term>>], out: &mut dyn Write) -> std::io::Result<()> {
    let mut table = Table::new();
    table.load_style(presets::UTF8_FULL_CONDENSED).set_content_arrangement(ContentArrangement::Disabled);
    table.set_header(variables.iter().map(|v| format!("?{v}")));
    for row in rows {
        table.add_row(row.iter().map(|t| t.as_ref().map(display_term).unwrap_or_default()));
    }
    writeln!(out, "{table}")?;
    writeln!(out, "{} row{}", rows.len(), if rows.len() == 1 { "" } else { "s" })
}

/// A term for people: IRIs as prefixed names where a default prefix fits,
/// literals as their plain value.
pub fn display_term(term: &Term) -> String {
    match term {
        Term::NamedNode(node) => compact_iri(node.as_str()),
        Term::Literal(literal) => literal.value().to_string(),
        other => other.to_string(),
    }
}

/// `https://w3id.org/newsgraph/ontology#Person` → `ng:Person`; unknown namespaces stay `<…>`.
pub fn compact_iri(iri: &str) -> String {
    DEFAULT_PREFIXES
        .iter()
        .filter_map(|(prefix, ns)| iri.strip_prefix(ns).map(|local| (prefix, local)))
        .filter(|(_, local)| !local.is_empty() && local.chars().all(|c| c.is_alphanumeric() || "-_./".contains(c)))
        .max_by_key(|(prefix, _)| prefix.len())
        .map_or_else(|| format!("<{iri}>"), |(prefix, local)| format!("{prefix}:{local}"))
}

/// The query behind `newsgraph facts`, kept in `ontology/queries/facts.rq`.
pub const FACTS_QUERY: &str = include_str!("../../ontology/queries/facts.rq");

/// Writes the five scored relations as TSV: `relation subject object doc evidence`.
pub fn write_facts_tsv(store: &KnowledgeStore, out: &mut dyn Write) -> Result<usize> {
    let io = |e: std::io::Error| Error::io("<output>", e);
    let QueryOutcome::Solutions { variables, rows } = store.query(FACTS_QUERY)? else {
        return Err(Error::Query("facts.rq must be a SELECT query".into()));
    };
    writeln!(out, "{}", variables.join("\t")).map_err(io)?;
    for row in &rows {
        let cells: Vec<String> = row
            .iter()
            .map(|t| t.as_ref().map(display_term).unwrap_or_default().replace(['\t', '\n', '\r'], " "))
            .collect();
        writeln!(out, "{}", cells.join("\t")).map_err(io)?;
    }
    Ok(rows.len())
}

/// A readable overview of the facts (relation, subject, object, document), for `ingest --show`.
pub const FACTS_TABLE_QUERY: &str = "SELECT DISTINCT ?relation ?subject ?object ?doc WHERE { GRAPH ?g { \
    ?f ng:relation ?relation ; ng:subject/rdfs:label ?subject ; ng:object/rdfs:label ?object ; \
    prov:wasDerivedFrom/ng:fileName ?doc } \
    FILTER (?relation IN (\"met\", \"proposed\", \"rejected\", \"claims_control\", \"disputes_control\")) } \
    ORDER BY ?relation ?subject ?object ?doc";
