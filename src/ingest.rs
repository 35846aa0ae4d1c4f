//! Ingestion: files and folders → documents in the store.
//!
//! Owns finding input files (folders are walked recursively for `.txt`,
//! `.md`, `.html`), reading them, running the per-document pipeline in
//! parallel, merging entities across documents in input order, and writing
//! each document in its own transaction (or, for large inputs, everything
//! through Oxigraph's bulk loader). A file that cannot be read or decoded is
//! reported and skipped; the others still ingest.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::Quad;
use rayon::prelude::*;

use crate::diagnostics::Diagnostic;
use crate::error::{Error, Result};
use crate::mentions::EntityIndex;
use crate::pipeline::{self, Processed};
use crate::rdf;
use crate::resources::Resources;
use crate::store::KnowledgeStore;
use crate::text;

/// File extensions read when walking a folder.
pub const EXTENSIONS: [&str; 5] = ["txt", "md", "markdown", "html", "htm"];

/// Documents processed in parallel before being written. Only one batch of
/// documents is in memory at a time, so memory does not grow with the corpus.
const BATCH: usize = 256;

/// Quads written between two flushes of the embedded store. RocksDB (as
/// Oxigraph configures it) lets its in-memory write buffers grow to several
/// hundred megabytes per index before writing them out; flushing every
/// ~150,000 quads (about 1.5 MB of articles) keeps ingestion's peak memory
/// flat whatever the corpus size.
const FLUSH_EVERY_QUADS: usize = 150_000;

/// Diagnostics kept in a [`Report`]; later ones are only counted, so that a
/// run over millions of documents keeps bounded memory.
pub const MAX_DIAGNOSTICS: usize = 10_000;

/// What happened to one input file.
#[derive(Debug)]
pub enum Outcome {
    /// Written to the store.
    Added {
        /// Sentences found.
        sentences: usize,
        /// Facts extracted.
        facts: usize,
        /// Quads written.
        quads: usize,
    },
    /// Already in the store (same content); nothing written.
    Unchanged,
    /// Could not be read or decoded.
    Failed(Error),
}

/// Progress notifications for a user interface.
#[derive(Debug)]
pub enum Event<'a> {
    /// The inputs were collected; `total` files will be processed.
    Started {
        /// Number of files.
        total: usize,
    },
    /// One file is done.
    Done {
        /// The file.
        path: &'a Path,
        /// What happened.
        outcome: &'a Outcome,
    },
}

/// Totals of one ingestion.
#[derive(Debug, Default)]
pub struct Report {
    /// Documents written.
    pub added: usize,
    /// Documents already present.
    pub unchanged: usize,
    /// Files that failed, with their errors.
    pub failed: Vec<(PathBuf, Error)>,
    /// Sentences in the documents written.
    pub sentences: usize,
    /// Facts extracted from the documents written.
    pub facts: usize,
    /// Quads written.
    pub quads: usize,
    /// Diagnostics about the documents written (the first [`MAX_DIAGNOSTICS`]).
    pub diagnostics: Vec<Diagnostic>,
    /// Diagnostics not kept because there were more than [`MAX_DIAGNOSTICS`].
    pub diagnostics_dropped: usize,
    /// Wall-clock time.
    pub elapsed: Duration,
    /// True when the documents were written with the bulk loader.
    pub bulk_loaded: bool,
}

impl Report {
    fn keep_diagnostics(&mut self, diagnostics: Vec<Diagnostic>) {
        let room = MAX_DIAGNOSTICS.saturating_sub(self.diagnostics.len());
        self.diagnostics_dropped += diagnostics.len().saturating_sub(room);
        self.diagnostics.extend(diagnostics.into_iter().take(room));
    }
}

impl Report {
    /// The one-line summary printed after an ingest:
    /// `ingested 5 documents (0 unchanged, 0 failed): 93 sentences, 100 facts, 2309 triples in 0.27s`.
    pub fn summary(&self) -> String {
        format!(
            "ingested {} document{} ({} unchanged, {} failed): {} sentences, {} facts, {} triples in {:.2}s",
            self.added,
            if self.added == 1 { "" } else { "s" },
            self.unchanged,
            self.failed.len(),
            self.sentences,
            self.facts,
            self.quads,
            self.elapsed.as_secs_f64()
        ) + if self.bulk_loaded { " (bulk load)" } else { "" }
    }
}

/// Expands `paths` into input files: files as given, folders walked
/// recursively (sorted) for known extensions. Missing paths are errors.
pub fn collect_inputs(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<(PathBuf, Error)>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => walk(path, &mut files, &mut errors),
            Ok(_) => files.push(path.clone()),
            Err(e) => errors.push((path.clone(), Error::io(path, e))),
        }
    }
    (files, errors)
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>, errors: &mut Vec<(PathBuf, Error)>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => return errors.push((dir.to_path_buf(), Error::io(dir, e))),
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            walk(&path, files, errors);
        } else if path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
        {
            files.push(path);
        }
    }
}

/// How `ingest` writes to the store.
#[derive(Debug, Clone, Copy)]
pub struct IngestOptions {
    /// Above this many input files, documents are written through the bulk
    /// loader ([`KnowledgeStore::bulk_writer`]: fast, atomic for the whole
    /// run) instead of one transaction per document.
    pub bulk_above: usize,
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions {
            bulk_above: BULK_ABOVE,
        }
    }
}

/// Default of [`IngestOptions::bulk_above`]: a thousand articles (about a
/// megabyte of text) take a few seconds either way; past that the bulk
/// loader is several times faster.
pub const BULK_ABOVE: usize = 1000;

/// Ingests `paths` into `store` with the default options, calling
/// `on_event` as files finish.
pub fn ingest(
    store: &KnowledgeStore,
    resources: &Resources,
    paths: &[PathBuf],
    on_event: &mut dyn FnMut(Event<'_>),
) -> Result<Report> {
    ingest_with(store, resources, paths, IngestOptions::default(), on_event)
}

/// Ingests `paths` into `store`, calling `on_event` as files finish: one
/// transaction per document for small inputs, the bulk loader for large ones.
pub fn ingest_with(
    store: &KnowledgeStore,
    resources: &Resources,
    paths: &[PathBuf],
    options: IngestOptions,
    on_event: &mut dyn FnMut(Event<'_>),
) -> Result<Report> {
    let started = Instant::now();
    let mut index = EntityIndex::new(resources);
    let (files, errors) = collect_inputs(paths);
    let known = |id: &str| store.contains_document(id);
    if files.len() > options.bulk_above {
        let mut writer = store.bulk_writer()?;
        let mut report = process_files(
            resources,
            files,
            errors,
            &mut index,
            &known,
            &mut |processed, quads| writer.add_document(&processed.document.id, quads),
            on_event,
        )?;
        writer.commit()?;
        report.bulk_loaded = true;
        report.elapsed = started.elapsed();
        return Ok(report);
    }
    let mut unflushed = 0;
    let report = process_files(
        resources,
        files,
        errors,
        &mut index,
        &known,
        &mut |processed, quads| {
            let added = store.insert_document(&processed.document.id, quads)?;
            unflushed += quads.len();
            if unflushed >= FLUSH_EVERY_QUADS {
                store.flush()?;
                unflushed = 0;
            }
            Ok(added)
        },
        on_event,
    )?;
    store.flush()?;
    Ok(report)
}

/// Extracts `paths` without a store, writing every document's quads as
/// N-Quads to `out` (the map step of a distributed run; bulk-load the output
/// into any quad store, or into ours with `newsgraph load`).
pub fn extract_to_nquads(
    resources: &Resources,
    paths: &[PathBuf],
    out: &mut dyn Write,
    on_event: &mut dyn FnMut(Event<'_>),
) -> Result<Report> {
    let mut index = EntityIndex::new(resources);
    let mut serializer = RdfSerializer::from_format(RdfFormat::NQuads).for_writer(out);
    let (files, errors) = collect_inputs(paths);
    let report = process_files(
        resources,
        files,
        errors,
        &mut index,
        &|_| Ok(false),
        &mut |_, quads| {
            for quad in quads {
                serializer
                    .serialize_quad(quad)
                    .map_err(|e| Error::io("<output>", e))?;
            }
            Ok(true)
        },
        on_event,
    )?;
    serializer.finish().map_err(|e| Error::io("<output>", e))?;
    Ok(report)
}

/// Extracts one document given as bytes (standard input) to N-Quads.
pub fn extract_bytes_to_nquads(
    resources: &Resources,
    source: &str,
    bytes: &[u8],
    out: &mut dyn Write,
) -> Result<Report> {
    let started = Instant::now();
    let mut index = EntityIndex::new(resources);
    let mut processed = pipeline::process(source, bytes, resources)?;
    processed.extraction = index.merge(processed.extraction);
    let quads = rdf::document_quads(&processed.document, &processed.extraction);
    let mut serializer = RdfSerializer::from_format(RdfFormat::NQuads).for_writer(out);
    for quad in &quads {
        serializer
            .serialize_quad(quad)
            .map_err(|e| Error::io("<output>", e))?;
    }
    serializer.finish().map_err(|e| Error::io("<output>", e))?;
    Ok(Report {
        added: 1,
        sentences: processed.document.sentences.len(),
        facts: processed.extraction.facts.len(),
        quads: quads.len(),
        diagnostics: processed.diagnostics,
        elapsed: started.elapsed(),
        ..Report::default()
    })
}

type Known<'a> = dyn Fn(&str) -> Result<bool> + Sync + 'a;
type Sink<'a> = dyn FnMut(&Processed, &[Quad]) -> Result<bool> + 'a;

/// The shared loop: process batches of files in parallel, merge entities in
/// input order, build each document's quads in parallel, and hand them to
/// `sink` in input order (it returns false when it already had the
/// document). While `sink` writes one batch, the next batch is extracted on
/// the other cores.
fn process_files(
    resources: &Resources,
    files: Vec<PathBuf>,
    errors: Vec<(PathBuf, Error)>,
    index: &mut EntityIndex,
    known: &Known<'_>,
    sink: &mut Sink<'_>,
    on_event: &mut dyn FnMut(Event<'_>),
) -> Result<Report> {
    let started = Instant::now();
    let mut report = Report::default();
    on_event(Event::Started {
        total: files.len() + errors.len(),
    });
    for (path, error) in errors {
        let outcome = Outcome::Failed(error);
        on_event(Event::Done {
            path: &path,
            outcome: &outcome,
        });
        if let Outcome::Failed(error) = outcome {
            report.failed.push((path, error));
        }
    }
    let extract = |path: &Path| read_and_process(known, resources, path);
    pipelined(&files, extract, |batch, extracted| {
        // Entity resolution across documents is sequential, in input order,
        // so the output does not depend on the number of threads.
        let merged: Vec<Result<Option<Processed>>> = extracted
            .into_iter()
            .map(|result| {
                result.map(|processed| {
                    processed.map(|mut p| {
                        p.extraction = index.merge(p.extraction);
                        p
                    })
                })
            })
            .collect();
        let with_quads: Vec<(Result<Option<Processed>>, Vec<Quad>)> = merged
            .into_par_iter()
            .map(|result| {
                let quads = match &result {
                    Ok(Some(p)) => rdf::document_quads(&p.document, &p.extraction),
                    _ => Vec::new(),
                };
                (result, quads)
            })
            .collect();
        for (path, (result, quads)) in batch.iter().zip(with_quads) {
            let outcome = match result {
                Err(error) => Outcome::Failed(error),
                Ok(None) => Outcome::Unchanged,
                Ok(Some(processed)) => {
                    if sink(&processed, &quads)? {
                        report.keep_diagnostics(processed.diagnostics);
                        Outcome::Added {
                            sentences: processed.document.sentences.len(),
                            facts: processed.extraction.facts.len(),
                            quads: quads.len(),
                        }
                    } else {
                        Outcome::Unchanged
                    }
                }
            };
            on_event(Event::Done {
                path,
                outcome: &outcome,
            });
            match outcome {
                Outcome::Added {
                    sentences,
                    facts,
                    quads,
                } => {
                    report.added += 1;
                    report.sentences += sentences;
                    report.facts += facts;
                    report.quads += quads;
                }
                Outcome::Unchanged => report.unchanged += 1,
                Outcome::Failed(error) => report.failed.push((path.clone(), error)),
            }
        }
        Ok(())
    })?;
    report.elapsed = started.elapsed();
    Ok(report)
}

/// Runs `extract` over `files` in parallel, 256 files at a time,
/// and hands each batch's results, in input order, to `consume`, which runs
/// on this thread while the next batch is being extracted. At most two
/// batches are alive at once.
pub fn pipelined<T: Send>(
    files: &[PathBuf],
    extract: impl Fn(&Path) -> T + Sync,
    mut consume: impl FnMut(&[PathBuf], Vec<T>) -> Result<()>,
) -> Result<()> {
    let run = |batch: &[PathBuf]| -> Vec<T> { batch.par_iter().map(|p| extract(p)).collect() };
    let batches: Vec<&[PathBuf]> = files.chunks(BATCH).collect();
    let mut next = batches.first().map(|batch| run(batch));
    for (i, batch) in batches.iter().enumerate() {
        let current = next.take().unwrap_or_default();
        next = std::thread::scope(|scope| -> Result<_> {
            let ahead = batches.get(i + 1).map(|b| scope.spawn(|| run(b)));
            consume(batch, current)?;
            Ok(ahead.map(|handle| {
                handle
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            }))
        })?;
    }
    Ok(())
}

/// Reads and processes one file; `None` when its content is already known.
fn read_and_process(
    known: &Known<'_>,
    resources: &Resources,
    path: &Path,
) -> Result<Option<Processed>> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    if known(&text::content_id(&bytes))? {
        return Ok(None);
    }
    let source = path.to_string_lossy();
    pipeline::process(&source, &bytes, resources).map(Some)
}
