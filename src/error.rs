//! The library's error type.
//!
//! Only failures that stop an operation are errors: I/O, undecodable input
//! files, broken data files, store failures and malformed SPARQL. Odd text
//! inside an article is a [`crate::diagnostics::Diagnostic`] instead.

use std::path::PathBuf;

/// Everything that can go wrong in the library.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Reading or writing a file failed.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file involved.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// An input file is not UTF-8 text.
    #[error("{}: {message}", path.display())]
    Decode {
        /// The file involved.
        path: PathBuf,
        /// What is wrong, with the position.
        message: String,
    },
    /// A shipped or user-supplied data file is malformed.
    #[error("{file}:{line}: {message}")]
    DataFile {
        /// The data file.
        file: String,
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// An RDF file (an N-Quads shard) is malformed.
    #[error("{}{}: {message}", path.display(), position(*line, *column))]
    Syntax {
        /// The file involved.
        path: PathBuf,
        /// 1-based line of the error, when known.
        line: Option<u64>,
        /// 1-based column of the error, when known.
        column: Option<u64>,
        /// What is wrong.
        message: String,
    },
    /// The store is locked by another process.
    #[error(
        "the store {} is in use by another newsgraph process (RocksDB lock held); close it, or open the store read-only with --read-only for queries",
        path.display()
    )]
    StoreLocked {
        /// The store directory.
        path: PathBuf,
    },
    /// The store failed.
    #[error("store: {0}")]
    Store(String),
    /// A SPARQL query or update could not be parsed.
    #[error("{message}")]
    SparqlSyntax {
        /// The parser's message, with line and column.
        message: String,
        /// 1-based line of the error, when known.
        line: Option<usize>,
        /// 1-based column of the error, when known.
        column: Option<usize>,
    },
    /// A SPARQL query failed during evaluation.
    #[error("query evaluation: {0}")]
    Query(String),
    /// RDF could not be parsed or written.
    #[error("rdf: {0}")]
    Rdf(String),
    /// The user asked for something that cannot be done (unknown document, bad option).
    #[error("{0}")]
    Usage(String),
    /// No entity has this name.
    #[error("no entity named `{name}`{}", did_you_mean(suggestions))]
    UnknownName {
        /// The name as given.
        name: String,
        /// Entities with similar names, best first.
        suggestions: Vec<String>,
    },
    /// Several entities have this name.
    #[error("`{name}` names {} entities; use a fuller name:{}", candidates.len(), list(candidates))]
    AmbiguousName {
        /// The name as given.
        name: String,
        /// The entities it matches.
        candidates: Vec<String>,
    },
}

fn position(line: Option<u64>, column: Option<u64>) -> String {
    match (line, column) {
        (Some(line), Some(column)) => format!(":{line}:{column}"),
        (Some(line), None) => format!(":{line}"),
        _ => String::new(),
    }
}

fn did_you_mean(suggestions: &[String]) -> String {
    if suggestions.is_empty() {
        String::new()
    } else {
        format!("; did you mean:{}", list(suggestions))
    }
}

fn list(items: &[String]) -> String {
    items.iter().map(|i| format!("\n  {i}")).collect()
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// An I/O error on `path`.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}
