//! Stage 5: the knowledge store, an embedded Oxigraph database.
//!
//! This is the only module that calls Oxigraph's `Store` and
//! `SparqlEvaluator`. It opens the on-disk RocksDB store (or an in-memory
//! one), loads the ontology into its own named graph, writes each document's
//! quads in one transaction (a crash never leaves half a document), removes
//! documents, runs SPARQL with the default prefixes and the union of all
//! graphs as the default graph, and dumps RDF. Errors from Oxigraph are
//! wrapped into [`crate::Error`] with messages a user can act on.
//!
//! With `--endpoint`, the same [`KnowledgeStore`] talks to a remote SPARQL 1.1
//! store instead (see `store/remote.rs`), so every consumer works unchanged.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use oxigraph::io::{RdfFormat, RdfParser, RdfSerializer};
use oxigraph::model::{GraphNameRef, NamedNode, NamedNodeRef, Quad, Term, Triple, Variable};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use oxigraph::store::{StorageError, Store};
use regex::Regex;

use crate::error::{Error, Result};
use crate::rdf::{mint, vocab};

mod remote;

use remote::Endpoint;

/// Where the store lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreLocation {
    /// In memory, gone when the process ends (`--store :memory:`).
    Memory,
    /// A RocksDB directory on disk.
    Path(PathBuf),
    /// A remote SPARQL 1.1 store (`--endpoint`).
    Remote {
        /// The query service URL.
        query: String,
        /// The update service URL.
        update: String,
    },
}

impl StoreLocation {
    /// Parses a `--store` value: `:memory:` or a directory path.
    pub fn parse(text: &str) -> Self {
        if text == ":memory:" {
            StoreLocation::Memory
        } else {
            StoreLocation::Path(PathBuf::from(text))
        }
    }

    /// A remote store at the query URL `query`; the update URL is `update`,
    /// or derived from `query` (`…/query` → `…/update`).
    pub fn remote(query: &str, update: Option<&str>) -> Self {
        StoreLocation::Remote {
            query: query.to_string(),
            update: update.map_or_else(|| remote::update_url_for(query), str::to_string),
        }
    }
}

/// The result of a SPARQL query, materialised.
#[derive(Debug, Clone, PartialEq)]
pub enum QueryOutcome {
    /// SELECT: variables and rows (unbound cells are `None`).
    Solutions {
        /// The projected variables, in order.
        variables: Vec<String>,
        /// One row per solution.
        rows: Vec<Vec<Option<Term>>>,
    },
    /// ASK.
    Boolean(bool),
    /// CONSTRUCT and DESCRIBE.
    Graph(Vec<Triple>),
}

/// Prefixes every query may use without declaring them.
pub const DEFAULT_PREFIXES: &[(&str, &str)] = &[
    ("ng", vocab::NG),
    ("ngid", vocab::ID),
    ("ent", vocab::ENTITY),
    ("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
    ("rdfs", "http://www.w3.org/2000/01/rdf-schema#"),
    ("owl", "http://www.w3.org/2002/07/owl#"),
    ("xsd", vocab::XSD),
    ("skos", "http://www.w3.org/2004/02/skos/core#"),
    ("prov", "http://www.w3.org/ns/prov#"),
    ("schema", "https://schema.org/"),
    ("dcterms", "http://purl.org/dc/terms/"),
    ("foaf", "http://xmlns.com/foaf/0.1/"),
    ("wd", vocab::WIKIDATA),
];

/// The knowledge store: embedded Oxigraph, or a remote SPARQL endpoint.
pub struct KnowledgeStore {
    backend: Backend,
    read_only: bool,
    location: StoreLocation,
}

enum Backend {
    Embedded(Store),
    Remote(Endpoint),
}

impl KnowledgeStore {
    /// Opens (creating if needed) the store at `location`; read-write unless `read_only`.
    /// A read-write store gets the ontology loaded into its own graph.
    pub fn open(location: &StoreLocation, read_only: bool) -> Result<Self> {
        let store = match location {
            StoreLocation::Remote { query, update } => {
                let knowledge = KnowledgeStore {
                    backend: Backend::Remote(Endpoint::new(query, update)),
                    read_only,
                    location: location.clone(),
                };
                if !read_only {
                    knowledge.load_ontology()?;
                } else {
                    knowledge.len()?;
                }
                return Ok(knowledge);
            }
            StoreLocation::Memory => Store::new().map_err(store_error)?,
            StoreLocation::Path(path) if read_only => {
                if !path.join("CURRENT").exists() {
                    return Err(Error::Usage(format!(
                        "no store at {}; build one first with `newsgraph ingest`",
                        path.display()
                    )));
                }
                Store::open_read_only(path).map_err(|e| open_error(path, e))?
            }
            StoreLocation::Path(path) => {
                if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
                    std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
                }
                Store::open(path).map_err(|e| open_error(path, e))?
            }
        };
        let knowledge = KnowledgeStore {
            backend: Backend::Embedded(store),
            read_only,
            location: location.clone(),
        };
        if !read_only {
            knowledge.load_ontology()?;
        }
        Ok(knowledge)
    }

    /// Where the store lives.
    pub fn location(&self) -> &StoreLocation {
        &self.location
    }

    /// True when opened read-only.
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    fn check_writable(&self) -> Result<()> {
        if self.read_only {
            return Err(Error::Usage(
                "the store is open read-only; this command writes to it".into(),
            ));
        }
        Ok(())
    }

    /// (Re)loads `ontology/newsgraph.ttl` into the ontology graph when it changed.
    fn load_ontology(&self) -> Result<()> {
        let graph = NamedNodeRef::new_unchecked(vocab::ONTOLOGY);
        let quads: Vec<Quad> = RdfParser::from_format(RdfFormat::Turtle)
            .with_default_graph(graph)
            .for_slice(ONTOLOGY_TTL.as_bytes())
            .collect::<Result<_, _>>()
            .map_err(|e| Error::Rdf(format!("ontology/newsgraph.ttl: {e}")))?;
        let store = match &self.backend {
            Backend::Embedded(store) => store,
            Backend::Remote(endpoint) => {
                let present = endpoint.count(&format!(
                    "SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{}> {{ ?s ?p ?o }} }}",
                    vocab::ONTOLOGY
                ))?;
                if present != quads.len() {
                    endpoint.replace_graph(&graph.into_owned(), &quads)?;
                }
                return Ok(());
            }
        };
        let present = store
            .quads_for_pattern(None, None, None, Some(graph.into()))
            .count();
        if present == quads.len() && quads.iter().all(|q| store.contains(q).unwrap_or(false)) {
            return Ok(());
        }
        let mut transaction = store.start_transaction().map_err(store_error)?;
        transaction.clear_graph(graph).map_err(store_error)?;
        transaction.extend(&quads);
        transaction.commit().map_err(store_error)
    }

    /// True when the document with content id `doc_id` is in the store.
    pub fn contains_document(&self, doc_id: &str) -> Result<bool> {
        let graph = NamedNode::new_unchecked(mint::graph(doc_id));
        match &self.backend {
            Backend::Embedded(store) => store.contains_named_graph(&graph).map_err(store_error),
            Backend::Remote(endpoint) => endpoint.has_graph(&graph),
        }
    }

    /// Writes a document's quads (all in its graph) atomically. Returns false,
    /// writing nothing, when the document is already there.
    pub fn insert_document(&self, doc_id: &str, quads: &[Quad]) -> Result<bool> {
        self.check_writable()?;
        if self.contains_document(doc_id)? {
            return Ok(false);
        }
        let graph = NamedNode::new_unchecked(mint::graph(doc_id));
        let store = match &self.backend {
            Backend::Embedded(store) => store,
            Backend::Remote(endpoint) => {
                endpoint.insert(quads)?;
                return Ok(true);
            }
        };
        let mut transaction = store.start_transaction().map_err(store_error)?;
        transaction.insert_named_graph(&graph);
        transaction.extend(quads);
        transaction.commit().map_err(store_error)?;
        Ok(true)
    }

    /// Bulk-loads N-Quads (for example the output of `newsgraph extract`)
    /// with Oxigraph's bulk loader. Returns the number of quads added;
    /// quads already present are not duplicated.
    pub fn bulk_load_nquads(&self, reader: impl std::io::Read) -> Result<usize> {
        self.check_writable()?;
        let before = self.len()?;
        let store = match &self.backend {
            Backend::Embedded(store) => store,
            Backend::Remote(endpoint) => {
                endpoint.load_nquads(reader)?;
                return Ok(self.len()? - before);
            }
        };
        // Oxigraph's default is 2 GB of buffers per thread; cap it so that
        // `load` stays within a few hundred megabytes on any input size.
        let mut loader = store
            .bulk_loader()
            .with_max_memory_size_in_megabytes(BULK_LOAD_MEMORY_MB);
        loader
            .load_from_reader(RdfFormat::NQuads, reader)
            .map_err(|e| Error::Rdf(format!("loading N-Quads: {e}")))?;
        loader.commit().map_err(store_error)?;
        Ok(self.len()? - before)
    }

    /// A writer for many documents at once: on the embedded store it goes
    /// through Oxigraph's bulk loader (sorted files written beside the
    /// database, ingested in one step by [`BulkWriter::commit`]), so it is
    /// atomic for the whole run rather than per document: an interrupted run
    /// writes nothing. On a remote store it writes document by document.
    pub fn bulk_writer(&self) -> Result<BulkWriter<'_>> {
        self.check_writable()?;
        let target = match &self.backend {
            Backend::Embedded(store) => BulkTarget::Embedded(
                store
                    .bulk_loader()
                    .with_max_memory_size_in_megabytes(BULK_LOAD_MEMORY_MB),
            ),
            Backend::Remote(_) => BulkTarget::PerDocument(self),
        };
        Ok(BulkWriter {
            target,
            buffer: Vec::new(),
            documents: std::collections::HashSet::new(),
        })
    }

    /// Removes a document's graph. Returns the number of quads removed.
    pub fn remove_document(&self, doc_id: &str) -> Result<usize> {
        self.check_writable()?;
        let graph = NamedNode::new_unchecked(mint::graph(doc_id));
        let store = match &self.backend {
            Backend::Embedded(store) => store,
            Backend::Remote(endpoint) => {
                let n = endpoint.count(&format!(
                    "SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} }}"
                ))?;
                endpoint.update(&format!("DROP SILENT GRAPH {graph}"))?;
                return Ok(n);
            }
        };
        let n = store
            .quads_for_pattern(None, None, None, Some(graph.as_ref().into()))
            .count();
        let mut transaction = store.start_transaction().map_err(store_error)?;
        transaction.clear_graph(&graph).map_err(store_error)?;
        transaction
            .remove_named_graph(&graph)
            .map_err(store_error)?;
        transaction.commit().map_err(store_error)?;
        Ok(n)
    }

    /// True when the store has a named graph `graph_iri`.
    pub fn contains_graph(&self, graph_iri: &str) -> Result<bool> {
        let graph = NamedNode::new_unchecked(graph_iri);
        match &self.backend {
            Backend::Embedded(store) => store.contains_named_graph(&graph).map_err(store_error),
            Backend::Remote(endpoint) => endpoint.has_graph(&graph),
        }
    }

    /// Replaces the content of the (derived) named graph `graph_iri` with
    /// `quads`, atomically, creating the graph if needed.
    pub fn replace_graph(&self, graph_iri: &str, quads: &[Quad]) -> Result<()> {
        self.check_writable()?;
        let graph = NamedNode::new_unchecked(graph_iri);
        let store = match &self.backend {
            Backend::Embedded(store) => store,
            Backend::Remote(endpoint) => return endpoint.replace_graph(&graph, quads),
        };
        let mut transaction = store.start_transaction().map_err(store_error)?;
        transaction.clear_graph(&graph).map_err(store_error)?;
        transaction.insert_named_graph(&graph);
        transaction.extend(quads);
        transaction.commit().map_err(store_error)
    }

    /// Number of quads in the store, the ontology included.
    pub fn len(&self) -> Result<usize> {
        match &self.backend {
            Backend::Embedded(store) => store.len().map_err(store_error),
            // Named graphs only: with a union default graph the default
            // graph would count every quad twice, and we write none there.
            Backend::Remote(endpoint) => {
                endpoint.count("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
            }
        }
    }

    /// True when the store holds no quads.
    pub fn is_empty(&self) -> Result<bool> {
        match &self.backend {
            Backend::Embedded(store) => store.is_empty().map_err(store_error),
            Backend::Remote(_) => Ok(self.len()? == 0),
        }
    }

    /// Number of named graphs (one per document, plus the ontology's).
    pub fn graph_count(&self) -> Result<usize> {
        let store = match &self.backend {
            Backend::Embedded(store) => store,
            Backend::Remote(endpoint) => {
                return endpoint
                    .count("SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }");
            }
        };
        let mut n = 0;
        for graph in store.named_graphs() {
            graph.map_err(store_error)?;
            n += 1;
        }
        Ok(n)
    }

    /// Runs a SPARQL query. The default graph is the union of all graphs, and
    /// [`DEFAULT_PREFIXES`] are declared.
    pub fn query(&self, sparql: &str) -> Result<QueryOutcome> {
        self.query_with_prefixes(sparql, &[])
    }

    /// Like [`KnowledgeStore::query`], with `extra` prefixes declared too
    /// (they override default ones of the same name). Line and column of a
    /// syntax error still refer to `sparql` as given.
    pub fn query_with_prefixes(
        &self,
        sparql: &str,
        extra: &[(String, String)],
    ) -> Result<QueryOutcome> {
        let store = match &self.backend {
            Backend::Embedded(store) => store,
            Backend::Remote(endpoint) if extra.is_empty() => return endpoint.query(sparql),
            Backend::Remote(endpoint) => {
                let declared: String = extra
                    .iter()
                    .map(|(p, i)| format!("PREFIX {p}: <{i}>\n"))
                    .collect();
                return endpoint.query(&format!("{declared}{sparql}"));
            }
        };
        let mut evaluator = SparqlEvaluator::new();
        let defaults = DEFAULT_PREFIXES.iter().map(|(p, i)| (*p, *i));
        for (prefix, iri) in defaults.chain(extra.iter().map(|(p, i)| (p.as_str(), i.as_str()))) {
            evaluator = evaluator
                .with_prefix(prefix, iri)
                .map_err(|e| Error::Query(e.to_string()))?;
        }
        let mut prepared = evaluator
            .parse_query(sparql)
            .map_err(|e| syntax_error(&e.to_string()))?;
        prepared.dataset_mut().set_default_graph_as_union();
        let results = prepared
            .on_store(store)
            .execute()
            .map_err(|e| Error::Query(e.to_string()))?;
        Ok(match results {
            QueryResults::Boolean(b) => QueryOutcome::Boolean(b),
            QueryResults::Solutions(solutions) => {
                let variables: Vec<Variable> = solutions.variables().to_vec();
                let mut rows = Vec::new();
                for solution in solutions {
                    let solution = solution.map_err(|e| Error::Query(e.to_string()))?;
                    rows.push(variables.iter().map(|v| solution.get(v).cloned()).collect());
                }
                QueryOutcome::Solutions {
                    variables: variables.iter().map(|v| v.as_str().to_string()).collect(),
                    rows,
                }
            }
            QueryResults::Graph(triples) => QueryOutcome::Graph(
                triples
                    .collect::<Result<_, _>>()
                    .map_err(|e| Error::Query(e.to_string()))?,
            ),
        })
    }

    /// Writes the store (or one named graph) in an RDF format. Formats
    /// without named graphs (Turtle, N-Triples, RDF/XML) get the union of all
    /// graphs, deduplicated, unless a graph is chosen.
    pub fn dump(&self, format: RdfFormat, graph: Option<&str>, writer: impl Write) -> Result<()> {
        let serializer = with_prefixes(RdfSerializer::from_format(format));
        let store = match &self.backend {
            Backend::Embedded(store) => store,
            Backend::Remote(endpoint) => return dump_remote(endpoint, format, graph, writer),
        };
        let written = match graph {
            Some(graph) => {
                let graph = NamedNode::new(graph)
                    .map_err(|e| Error::Usage(format!("bad graph IRI `{graph}`: {e}")))?;
                if !store.contains_named_graph(&graph).map_err(store_error)? {
                    return Err(Error::Usage(format!("no graph {graph} in the store")));
                }
                store
                    .dump_graph_to_writer(
                        GraphNameRef::NamedNode(graph.as_ref()),
                        serializer,
                        writer,
                    )
                    .map(|_| ())
            }
            None if format.supports_datasets() => {
                store.dump_to_writer(serializer, writer).map(|_| ())
            }
            None => {
                let mut triples: Vec<Triple> = Vec::new();
                for quad in store.iter() {
                    triples.push(quad.map_err(store_error)?.into());
                }
                triples.sort_by_cached_key(|t| t.to_string());
                triples.dedup();
                let mut out = serializer.for_writer(writer);
                for triple in &triples {
                    out.serialize_triple(triple)
                        .map_err(|e| Error::Rdf(e.to_string()))?;
                }
                return out
                    .finish()
                    .map(|_| ())
                    .map_err(|e| Error::Rdf(e.to_string()));
            }
        };
        written.map_err(|e| Error::Rdf(e.to_string()))
    }

    /// Flushes pending writes to disk.
    pub fn flush(&self) -> Result<()> {
        if let Backend::Embedded(store) = &self.backend
            && matches!(self.location, StoreLocation::Path(_))
            && !self.read_only
        {
            store.flush().map_err(store_error)?;
        }
        Ok(())
    }
}

/// [`KnowledgeStore::dump`] for a remote store: quads fetched with SELECT.
fn dump_remote(
    endpoint: &Endpoint,
    format: RdfFormat,
    graph: Option<&str>,
    writer: impl Write,
) -> Result<()> {
    let graph = graph
        .map(|g| NamedNode::new(g).map_err(|e| Error::Usage(format!("bad graph IRI `{g}`: {e}"))))
        .transpose()?;
    let quads = endpoint.quads(graph.as_ref())?;
    if let Some(graph) = &graph
        && quads.is_empty()
    {
        return Err(Error::Usage(format!("no graph {graph} in the store")));
    }
    let mut out = with_prefixes(RdfSerializer::from_format(format)).for_writer(writer);
    let rdf = |e: std::io::Error| Error::Rdf(e.to_string());
    if format.supports_datasets() && graph.is_none() {
        for quad in &quads {
            out.serialize_quad(quad).map_err(rdf)?;
        }
    } else {
        let mut triples: Vec<Triple> = quads.into_iter().map(Triple::from).collect();
        triples.sort_by_cached_key(|t| t.to_string());
        triples.dedup();
        for triple in &triples {
            out.serialize_triple(triple).map_err(rdf)?;
        }
    }
    out.finish().map(|_| ()).map_err(rdf)
}

/// Writes documents in bulk; see [`KnowledgeStore::bulk_writer`].
pub struct BulkWriter<'a> {
    target: BulkTarget<'a>,
    buffer: Vec<Quad>,
    documents: std::collections::HashSet<String>,
}

enum BulkTarget<'a> {
    Embedded(oxigraph::store::BulkLoader<'a>),
    PerDocument(&'a KnowledgeStore),
}

impl BulkWriter<'_> {
    /// Adds a document's quads. Returns false, adding nothing, when the
    /// document is already in the store or was added earlier in this run.
    pub fn add_document(&mut self, doc_id: &str, quads: &[Quad]) -> Result<bool> {
        if self.documents.contains(doc_id) {
            return Ok(false);
        }
        let loader = match &mut self.target {
            BulkTarget::PerDocument(store) => return store.insert_document(doc_id, quads),
            BulkTarget::Embedded(loader) => loader,
        };
        self.documents.insert(doc_id.to_string());
        self.buffer.extend_from_slice(quads);
        // Each call of the loader writes its own sorted files: hand it
        // batches as large as its memory budget allows.
        if self.buffer.len() >= BULK_LOAD_BATCH_QUADS {
            loader
                .load_quads(std::mem::take(&mut self.buffer))
                .map_err(store_error)?;
        }
        Ok(true)
    }

    /// Writes everything added so far into the store.
    pub fn commit(self) -> Result<()> {
        match self.target {
            BulkTarget::PerDocument(_) => Ok(()),
            BulkTarget::Embedded(mut loader) => {
                if !self.buffer.is_empty() {
                    loader.load_quads(self.buffer).map_err(store_error)?;
                }
                loader.commit().map_err(store_error)
            }
        }
    }
}

/// Quads handed to the bulk loader at once: its batch size for
/// [`BULK_LOAD_MEMORY_MB`] on two threads (about 1,000 quads per megabyte).
const BULK_LOAD_BATCH_QUADS: usize = BULK_LOAD_MEMORY_MB * 1000 / 2;

/// Memory budget of the bulk loader's buffers (RocksDB's own comes on top).
const BULK_LOAD_MEMORY_MB: usize = 128;

/// The ontology, compiled in.
pub const ONTOLOGY_TTL: &str = include_str!("../ontology/newsgraph.ttl");

fn with_prefixes(mut serializer: RdfSerializer) -> RdfSerializer {
    for (prefix, iri) in DEFAULT_PREFIXES {
        serializer = serializer
            .with_prefix(*prefix, *iri)
            .expect("default prefixes are valid IRIs");
    }
    serializer
}

fn store_error(e: StorageError) -> Error {
    Error::Store(e.to_string())
}

fn open_error(path: &Path, e: StorageError) -> Error {
    let message = e.to_string();
    let lower = message.to_lowercase();
    if lower.contains("lock") || lower.contains("resource temporarily unavailable") {
        Error::StoreLocked {
            path: path.to_path_buf(),
        }
    } else {
        Error::Store(format!(
            "cannot open the store at {}: {message}",
            path.display()
        ))
    }
}

/// The parser lists every character class it would have accepted; keep the
/// first few quoted tokens of that list so the message fits on a screen.
fn shorten(message: &str) -> String {
    const KEEP: usize = 8;
    let Some((head, expected)) = message.split_once("expected one of ") else {
        return message.to_string();
    };
    if expected.len() < 120 {
        return message.to_string();
    }
    let tokens: Vec<&str> = QUOTED.find_iter(expected).map(|m| m.as_str()).collect();
    let more = if tokens.len() > KEEP || expected.contains('[') {
        ", …"
    } else {
        ""
    };
    let kept: Vec<&str> = tokens.into_iter().take(KEEP).collect();
    format!("{head}expected one of {}{more}", kept.join(", "))
}

static QUOTED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#""(?:[^"\\]|\\.)*""#).expect("valid regex"));

static LINE_COLUMN: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(\d+):(\d+)").unwrap());

fn syntax_error(message: &str) -> Error {
    let (line, column) = LINE_COLUMN
        .captures(message)
        .map_or((None, None), |c| (c[1].parse().ok(), c[2].parse().ok()));
    Error::SparqlSyntax {
        message: format!("malformed SPARQL: {}", shorten(message)),
        line,
        column,
    }
}
