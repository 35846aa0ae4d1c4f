//! Command-line arguments (clap derive types only); doc comments are the help text.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// Turn news articles into a knowledge graph, and question it.
///
/// newsgraph reads articles (.txt, .md, .html), finds who met whom, who
/// proposed or rejected what, and who claims or disputes control of which
/// town, resolves every spelling of a name to one entity, and stores it all as
/// RDF with the source sentence behind every fact.
///
/// Start with:
///   newsgraph ingest examples/articles     build the graph (./newsgraph.db)
///   newsgraph facts                        list the facts with their evidence
///   newsgraph query 'SELECT ?p WHERE { ?p a ng:Person }'
#[derive(Debug, Parser)]
#[command(
    name = "newsgraph",
    version,
    about,
    long_about,
    propagate_version = true
)]
pub struct Args {
    /// The store: a directory for the on-disk database, or `:memory:`.
    #[arg(
        long,
        global = true,
        env = "NEWSGRAPH_STORE",
        default_value = "newsgraph.db",
        value_name = "PATH"
    )]
    pub store: String,

    /// Open the store read-only (queries only; works while another process writes).
    #[arg(long, global = true)]
    pub read_only: bool,

    /// Extra lexicon folder (TSV files as in ontology/lexicon/) added to the built-in one.
    #[arg(long, global = true, value_name = "DIR")]
    pub lexicon: Option<PathBuf>,

    /// Worker threads for per-document processing (default: one per core,
    /// or RAYON_NUM_THREADS). Output does not depend on it.
    #[arg(long, global = true, value_name = "N")]
    pub threads: Option<usize>,

    /// Use a remote SPARQL 1.1 endpoint instead of the embedded store: URL
    /// of the query service; updates go to URL with `/query` replaced by
    /// `/update` (for Oxigraph, Fuseki), or to --update-endpoint.
    #[arg(long, global = true, env = "NEWSGRAPH_ENDPOINT", value_name = "URL")]
    pub endpoint: Option<String>,

    /// The SPARQL 1.1 Update URL of the remote endpoint, when not derivable from --endpoint.
    #[arg(long, global = true, value_name = "URL", requires = "endpoint")]
    pub update_endpoint: Option<String>,

    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read articles into the store (files, or folders walked for .txt, .md, .html).
    ///
    /// Each document goes into a named graph of its own, under an IRI derived
    /// from its content: ingesting the same file twice changes nothing. Files
    /// that cannot be read are reported and skipped; the others still ingest,
    /// and the exit status is 1.
    Ingest {
        /// Files or folders.
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// After ingesting, print the facts of the whole store as a table.
        #[arg(long)]
        show: bool,
        /// Print diagnostics (unresolved names, empty documents).
        #[arg(long, short)]
        verbose: bool,
    },
    /// Remove documents from the store, with everything read from them.
    ///
    /// DOC is a file name (with or without extension), a source path, a
    /// content hash (or a unique prefix of one), or a document IRI.
    Remove {
        /// Documents to remove.
        #[arg(required = true, value_name = "DOC")]
        docs: Vec<String>,
    },
    /// Run a SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE).
    ///
    /// Prefixes ng, ngid, rdf, rdfs, owl, xsd, skos, prov, schema, dcterms,
    /// foaf and wd are predeclared. The default graph is the union of all
    /// documents' graphs; use GRAPH ?g { … } to see which document said what.
    Query {
        /// The query text (or use --file).
        #[arg(value_name = "SPARQL", required_unless_present = "file")]
        sparql: Option<String>,
        /// Read the query from a file.
        #[arg(long, short, value_name = "FILE", conflicts_with = "sparql")]
        file: Option<PathBuf>,
        /// table (default on a terminal), tsv (default otherwise), csv, json, xml;
        /// for CONSTRUCT/DESCRIBE: turtle, ntriples, rdfxml, jsonld.
        #[arg(long)]
        format: Option<String>,
    },
    /// Print the facts as TSV: relation, subject, object, doc, evidence.
    Facts,
    /// Write the store as RDF.
    Export {
        /// turtle, ntriples, nquads, trig, rdfxml or jsonld.
        #[arg(long, default_value = "nquads")]
        format: String,
        /// Only this named graph (a document's graph IRI, or the ontology's).
        #[arg(long, value_name = "IRI")]
        graph: Option<String>,
        /// Output file (default: standard output).
        #[arg(long, short, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Counts of documents, sentences, entities, facts, triples and graphs.
    Stats,
    /// List the documents in the store.
    Documents,
    /// Extract without a store: write N-Quads to standard output.
    ///
    /// The map step of a large run: run it under GNU parallel, Hadoop
    /// streaming or Spark over shards of a corpus, and bulk-load the output
    /// into any quad store (QLever, Virtuoso, GraphDB, Oxigraph) or into ours
    /// with `newsgraph load`. With no PATH, or `-`, reads one document from
    /// standard input.
    Extract {
        /// Files or folders; `-` or nothing for standard input.
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// Bulk-load N-Quads files (such as `newsgraph extract` output) into the store.
    Load {
        /// N-Quads files; `-` for standard input.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// Write a synthetic, deterministic corpus of wire-style articles.
    ///
    /// For benchmarks and tests: the same --seed always gives the same
    /// bytes. Files go under DIR in sub-folders of 1,000.
    Generate {
        /// Number of articles.
        #[arg(
            long,
            conflicts_with = "megabytes",
            required_unless_present = "megabytes"
        )]
        articles: Option<usize>,
        /// Total size in megabytes (10^6 bytes), instead of --articles.
        #[arg(long)]
        megabytes: Option<f64>,
        /// PRNG seed.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Output folder.
        #[arg(long, short, value_name = "DIR")]
        output: PathBuf,
    },
    /// Measure extraction, ingestion and bulk loading on a generated corpus.
    ///
    /// Each phase runs in a child process so that its peak memory is its own.
    /// Uses a temporary folder (removed afterwards unless --keep).
    Bench {
        /// Number of articles to generate.
        #[arg(long, conflicts_with_all = ["megabytes", "corpus"])]
        articles: Option<usize>,
        /// Corpus size in megabytes (default 20).
        #[arg(long, conflicts_with = "corpus")]
        megabytes: Option<f64>,
        /// PRNG seed of the generated corpus.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Use this corpus folder instead of generating one.
        #[arg(long, value_name = "DIR")]
        corpus: Option<PathBuf>,
        /// Keep the corpus, stores and N-Quads in DIR.
        #[arg(long, value_name = "DIR")]
        keep: Option<PathBuf>,
        /// Skip the comparison with pyoxigraph's bulk loader.
        #[arg(long)]
        no_python: bool,
    },
    /// One phase of `bench`, run in a child process (internal).
    #[command(hide = true)]
    BenchPhase {
        /// extract-only, ingest, extract or load.
        phase: String,
        /// The phase's input and output paths.
        paths: Vec<PathBuf>,
    },
}
