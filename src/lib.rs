//! newsgraph turns news articles into a knowledge graph an analyst can question.
//!
//! # Bird's-eye view
//!
//! Data flows one way, each stage a function from the previous stage's plain
//! data to its own:
//!
//! ```text
//! bytes ─text::parse→ Document ─extract→ DocExtraction (mentions, entities, facts)
//!       ─rdf::document_quads→ quads ─store::KnowledgeStore→ on-disk Oxigraph
//!       ─query / analysis / export→ tables, paths, DOT, RDF files
//! ```
//!
//! # Code map
//!
//! - [`text`]: decoding, boilerplate removal, metadata, sentences (offsets into the original file).
//! - [`mentions`]: names in sentences and the entities they resolve to.
//! - [`facts`]: relations between entities, with provenance.
//! - [`pipeline`]: chains the stages for one or many documents.
//! - [`rdf`]: pure conversion of documents and facts to quads; the vocabulary.
//! - [`store`]: the only module that talks to Oxigraph's store.
//! - [`query`]: SPARQL in, [`query::Table`] out; prefixes; result formats.
//! - [`analysis`]: the facts as a petgraph graph; paths, neighbours, centrality, components.
//! - [`export`]: DOT and GraphML writers for an analysis projection (RDF files come from [`store`], the facts TSV from [`query`]).
//! - [`sources`]: across documents: rewrite clusters (near-duplicate detection),
//!   facts merged with all their sources and independent-source counts,
//!   contested control claims, conflicting dates. Computed on demand from the store.
//! - [`dates`]: pure text → date logic (find a date phrase, resolve it against
//!   the publication date); used by [`rdf`] to give facts an `ng:date`.
//! - [`resolve`]: the reduce step after sharded `extract` runs: entities merged across N-Quads shards.
//! - [`repl`]: the interactive shell's logic (commands, completion, sessions), no terminal.
//! - [`data_file`], [`diagnostics`], [`error`]: shared plumbing.
//! - [`corpus`]: seeded synthetic articles for benchmarks and tests; [`bench`](mod@bench):
//!   what `newsgraph bench` measures (extraction alone, peak memory, sizes).
//!   `store` also reaches remote SPARQL 1.1 endpoints (`store/remote.rs`).
//!
//! # Invariants
//!
//! - Stages before [`rdf`] never see RDF, the store, a terminal or a file path.
//! - Only [`store`] calls Oxigraph's `Store`; only the binary uses clap and anyhow.
//! - Every fact carries the index of the sentence it came from; every sentence
//!   carries byte offsets into the document as read.
//! - Lists (names, triggers, boilerplate) live in `ontology/`, algorithms here.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod analysis;
pub mod data_file;
pub mod diagnostics;
pub mod error;
pub mod export;
pub mod facts;
pub mod mentions;
pub mod text;

pub use error::{Error, Result};
pub mod dates;
pub mod ingest;
pub mod pipeline;
pub mod query;
pub mod rdf;
pub mod repl;
pub mod resolve;
pub mod resources;
pub mod sources;
pub mod store;

pub mod bench;
pub mod corpus;
