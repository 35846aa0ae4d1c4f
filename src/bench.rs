//! Measurement helpers for `newsgraph bench`.
//!
//! Owns what a benchmark needs from the library: extraction alone (text →
//! facts, no RDF, no store) over files in bounded memory, the process's peak
//! resident memory (`VmHWM` from `/proc/self/status`), the size of a folder
//! on disk, and a description of the machine. Timing phases, child
//! processes and printing are the binary's job. Nothing here is used by the
//! normal commands.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::error::{Error, Result};
use crate::ingest;
use crate::mentions::EntityIndex;
use crate::pipeline;
use crate::resources::Resources;

/// Counts from [`extract_only`].
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct ExtractCounts {
    /// Documents processed.
    pub documents: usize,
    /// Documents that failed to decode.
    pub failed: usize,
    /// Input bytes.
    pub bytes: u64,
    /// Sentences found.
    pub sentences: usize,
    /// Facts extracted.
    pub facts: usize,
    /// Wall-clock time.
    pub elapsed: Duration,
}

/// Runs stages 1–3 (text, mentions, facts, cross-document merge) over the
/// files under `paths`, counting instead of keeping results: only one batch
/// of documents is alive at a time.
pub fn extract_only(resources: &Resources, paths: &[PathBuf]) -> Result<ExtractCounts> {
    let started = Instant::now();
    let (files, errors) = ingest::collect_inputs(paths);
    if let Some((_, error)) = errors.into_iter().next() {
        return Err(error);
    }
    let mut index = EntityIndex::new(resources);
    let mut counts = ExtractCounts::default();
    let extract = |path: &Path| -> Result<(u64, pipeline::Processed)> {
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        let processed = pipeline::process(&path.to_string_lossy(), &bytes, resources)?;
        Ok((bytes.len() as u64, processed))
    };
    // As in ingestion: the next batch is extracted while this one is merged.
    ingest::pipelined(&files, extract, |_, processed| {
        for result in processed {
            match result {
                Ok((n_bytes, processed)) => {
                    let extraction = index.merge(processed.extraction);
                    counts.documents += 1;
                    counts.bytes += n_bytes;
                    counts.sentences += processed.document.sentences.len();
                    counts.facts += extraction.facts.len();
                }
                Err(_) => counts.failed += 1,
            }
        }
        Ok(())
    })?;
    counts.elapsed = started.elapsed();
    Ok(counts)
}

/// Peak resident memory of this process in bytes (`VmHWM`), on Linux.
pub fn peak_memory() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    proc_kib(&status, "VmHWM:")
}

/// Total size in bytes of the files under `dir`.
pub fn dir_size(dir: &Path) -> u64 {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .filter_map(|e| e.ok())
        .map(|entry| match entry.metadata() {
            Ok(meta) if meta.is_dir() => dir_size(&entry.path()),
            Ok(meta) => meta.len(),
            Err(_) => 0,
        })
        .sum()
}

/// The machine a benchmark ran on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Machine {
    /// Logical cores available to this process.
    pub cores: usize,
    /// Total memory in bytes, when known.
    pub memory: Option<u64>,
    /// CPU model name, when known.
    pub cpu: Option<String>,
}

impl Machine {
    /// Describes this machine (from `/proc` on Linux).
    pub fn detect() -> Self {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let memory = std::fs::read_to_string("/proc/meminfo")
            .ok()
            .and_then(|info| proc_kib(&info, "MemTotal:"));
        let cpu = std::fs::read_to_string("/proc/cpuinfo")
            .ok()
            .and_then(|info| {
                info.lines()
                    .find(|l| l.starts_with("model name"))
                    .and_then(|l| l.split_once(':'))
                    .map(|(_, v)| v.trim().to_string())
            });
        Machine { cores, memory, cpu }
    }
}

/// Reads a `Key:   1234 kB` line of a `/proc` file, in bytes.
fn proc_kib(text: &str, key: &str) -> Option<u64> {
    let line = text.lines().find(|l| l.starts_with(key))?;
    let kib: u64 = line[key.len()..].split_whitespace().next()?.parse().ok()?;
    Some(kib * 1024)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_proc_values() {
        let status = "Name:\tx\nVmPeak:\t  200 kB\nVmHWM:\t   1234 kB\n";
        assert_eq!(proc_kib(status, "VmHWM:"), Some(1234 * 1024));
        assert_eq!(proc_kib(status, "VmRSS:"), None);
    }

    #[test]
    fn peak_memory_is_known_on_linux() {
        if cfg!(target_os = "linux") {
            assert!(peak_memory().unwrap() > 0);
        }
    }
}
