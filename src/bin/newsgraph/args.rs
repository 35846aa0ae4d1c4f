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
    propagate_version = true,
    verbatim_doc_comment
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

    /// What to do (on a terminal, no subcommand opens the REPL).
    #[command(subcommand)]
    pub command: Option<Command>,
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
        /// Above this many input files, write through Oxigraph's bulk loader:
        /// several times faster, but atomic for the whole run instead of per
        /// document (an interrupted run writes nothing). 0 always bulk-loads.
        #[arg(long, value_name = "N", default_value_t = newsgraph::ingest::BULK_ABOVE)]
        bulk_above: usize,
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
    /// Prefixes ng, ngid, ent (entities: ent:vladimir-putin), rdf, rdfs, owl,
    /// xsd, skos, prov, schema, dcterms, foaf and wd are predeclared. The
    /// default graph is the union of all documents' graphs; use
    /// GRAPH ?g { … } to see which document said what.
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
    ///
    /// With --merged, one line per fact however many documents state it:
    /// relation, subject, object, sources (documents), independent_sources
    /// (rewrites of one story count once, see `newsgraph sources`), docs.
    Facts {
        /// One line per fact with its sources instead of one per document.
        #[arg(long)]
        merged: bool,
    },
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
    /// List documents with their rewrite clusters and similarities.
    ///
    /// Documents that copy, paraphrase or translate one another (or one
    /// original) share a cluster; computed from the sentences in the store,
    /// so the result does not depend on ingest order. With --save, the
    /// clusters (prov:wasDerivedFrom between documents) and the facts merged
    /// across documents are written into the graph <https://w3id.org/newsgraph/id/graph/sources>, kept
    /// current by later ingests and removals.
    Sources {
        /// table (default) or tsv (header: doc, cluster, similarity).
        #[arg(long, default_value = "table")]
        format: String,
        /// Also write the analysis into the store (graph <https://w3id.org/newsgraph/id/graph/sources>).
        #[arg(long)]
        save: bool,
    },
    /// List contested places: who claims control, who disputes it, which
    /// side independent monitors take, each with sources and dates.
    Contested {
        /// table (default) or tsv.
        #[arg(long, default_value = "table")]
        format: String,
        /// Instead, list facts whose sources give different dates.
        #[arg(long)]
        dates: bool,
    },
    /// An interactive SPARQL shell on the store (the default on a terminal).
    ///
    /// End a query with `;` or a blank line; `.help` lists the dot-commands
    /// (.entity, .facts, .load, .format, .output, …). Tab completes keywords,
    /// prefixes, ontology terms, entity names and paths; history is kept in
    /// $XDG_DATA_HOME/newsgraph/history (or NEWSGRAPH_HISTORY). When standard
    /// input is not a terminal, statements are read from it as a script:
    /// `newsgraph repl < session.sparql`.
    Repl {
        /// In a script, go on after an error (exit status 1 if any failed); without it the first error stops the script with status 2.
        #[arg(long)]
        keep_going: bool,
    },
    /// How two entities are connected: the shortest paths, each hop with its evidence.
    ///
    /// Entities are named by label or alias, ignoring case and accents
    /// ("putin", "Zelensky"). Relations are followed in both directions, so
    /// "A proposed the plan that B rejected" links A and B through the plan.
    /// Exit status 1 when there is no path within --max-hops.
    Path(PathArgs),
    /// What lies around an entity: everything within some hops, nearest and best-sourced first.
    Neighbors(NeighborsArgs),
    /// Rank entities by degree, PageRank or betweenness (who are the brokers).
    Central(CentralArgs),
    /// The connected components of the graph, largest first.
    Components(GraphArgs),
    /// Draw the graph, or part of it, as Graphviz DOT (or SVG/PNG through `dot`), or write GraphML.
    ///
    /// Nodes are shaped and coloured by kind, edges coloured and styled by
    /// relation and labelled with their number of sources; a legend explains
    /// both. Entities without any edge are left out.
    Dot(DotArgs),
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
    /// Merge entities across `extract` shards: the reduce step of a distributed run.
    ///
    /// `extract` resolves spellings of a name only within one run, so shards
    /// extracted on different machines give "Ivan Petrenkov" and "Ivan
    /// Petrenkow" two IRIs. `resolve` reads the shards (twice; memory grows
    /// with the number of entities, not of quads), merges their entities in
    /// shard order with the same rules as one `extract` over all files (the
    /// first shard's spelling wins; lexicon entities never move; people
    /// sharing only a surname stay apart) and writes one N-Quads stream:
    /// every quad of every shard, merged IRIs rewritten, other spellings kept
    /// as skos:altLabel. Nothing is written unless every shard parses. A
    /// report goes to standard error.
    ///
    /// The workflow, map then reduce:
    ///   newsgraph extract corpus/part-1 > part-1.nq     (one per machine)
    ///   newsgraph extract corpus/part-2 > part-2.nq
    ///   newsgraph resolve part-1.nq part-2.nq -o all.nq
    ///   newsgraph load all.nq                            (or any quad store)
    #[command(verbatim_doc_comment)]
    Resolve {
        /// N-Quads files written by `newsgraph extract`, in corpus order; `-` for standard input.
        #[arg(required = true, value_name = "SHARD")]
        shards: Vec<PathBuf>,
        /// Output file (default, or `-`: standard output).
        #[arg(long, short, value_name = "FILE")]
        output: Option<PathBuf>,
        /// List every merge (`Ivan Petrenkow → ivan-petrenkov`).
        #[arg(long, short)]
        verbose: bool,
    },
}

/// Which facts become the graph analysed by `path`, `neighbors`, `central`, `components` and `dot`.
#[derive(Debug, Clone, clap::Args)]
pub struct GraphArgs {
    /// Only these relations (comma-separated): met, proposed, rejected,
    /// claims_control, disputes_control, affiliated_with.
    #[arg(long, value_delimiter = ',', value_name = "REL,...")]
    pub relations: Vec<String>,
    /// Only facts from these documents (file names, paths or content hashes; comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "DOC,...")]
    pub docs: Vec<String>,
    /// Only facts from documents published on or after this day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Only facts from documents published on or before this day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    /// Only edges reported by at least this many documents.
    #[arg(long, default_value_t = 1, value_name = "N")]
    pub min_sources: usize,
    /// Make each fact (meeting, proposal, claim…) a node of its own.
    #[arg(long)]
    pub events: bool,
}

/// Arguments of `path`.
#[derive(Debug, Clone, clap::Args)]
pub struct PathArgs {
    /// The first entity.
    #[arg(value_name = "FROM")]
    pub from: String,
    /// The second entity.
    #[arg(value_name = "TO")]
    pub to: String,
    /// Longest path considered, in hops.
    #[arg(long, default_value_t = 6, value_name = "N")]
    pub max_hops: usize,
    /// List every simple path up to --max-hops, not only the shortest.
    #[arg(long)]
    pub all: bool,
    /// Show at most this many paths.
    #[arg(long, default_value_t = 20, value_name = "N")]
    pub limit: usize,
    #[command(flatten)]
    pub graph: GraphArgs,
}

/// Arguments of `neighbors`.
#[derive(Debug, Clone, clap::Args)]
pub struct NeighborsArgs {
    /// The entity.
    #[arg(value_name = "NAME")]
    pub name: String,
    /// How far to look.
    #[arg(long, default_value_t = 1, value_name = "K")]
    pub hops: usize,
    #[command(flatten)]
    pub graph: GraphArgs,
}

/// Arguments of `central`.
#[derive(Debug, Clone, clap::Args)]
pub struct CentralArgs {
    /// degree, pagerank or betweenness.
    #[arg(long, default_value = "degree", value_name = "MEASURE")]
    pub by: String,
    /// How many entities to show.
    #[arg(long, default_value_t = 10, value_name = "N")]
    pub top: usize,
    #[command(flatten)]
    pub graph: GraphArgs,
}

/// Arguments of `dot`.
#[derive(Debug, Clone, clap::Args)]
pub struct DotArgs {
    /// Output file (default: standard output).
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// dot, svg, png or graphml (default: from the output file's extension, else dot).
    #[arg(long)]
    pub format: Option<String>,
    /// Only the neighbourhood of this entity.
    #[arg(long, value_name = "NAME")]
    pub entity: Option<String>,
    /// With --entity: how far around it.
    #[arg(long, default_value_t = 1, value_name = "K", requires = "entity")]
    pub hops: usize,
    /// Draw the triples built by this CONSTRUCT query instead of the facts.
    #[arg(long, value_name = "SPARQL", conflicts_with = "entity")]
    pub query: Option<String>,
    /// A title drawn above the graph.
    #[arg(long)]
    pub title: Option<String>,
    /// Leave out the legend.
    #[arg(long)]
    pub no_legend: bool,
    #[command(flatten)]
    pub graph: GraphArgs,
}
