//! `newsgraph resolve`: shard paths and `-` → [`newsgraph::resolve::resolve`],
//! with standard input spooled to a temporary file (it is read twice) and
//! the output written to a sibling file renamed into place on success.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, bail};
use newsgraph::resolve::{self, Shard};
use newsgraph::resources::Resources;

/// Runs `newsgraph resolve SHARD... [-o OUT] [-v]`.
pub fn resolve(
    resources: &Resources,
    paths: &[PathBuf],
    output: &Option<PathBuf>,
    verbose: bool,
) -> anyhow::Result<ExitCode> {
    let n_stdin = paths.iter().filter(|p| p.as_os_str() == "-").count();
    if n_stdin > 1 {
        bail!("standard input (`-`) can be given only once");
    }
    let spool = if n_stdin == 1 {
        Some(Spool::stdin()?)
    } else {
        None
    };
    let shards: Vec<Shard> = paths
        .iter()
        .map(|p| match &spool {
            Some(spool) if p.as_os_str() == "-" => Shard {
                name: "<stdin>".into(),
                path: spool.path.clone(),
            },
            _ => Shard::file(p),
        })
        .collect();
    let output = output.as_ref().filter(|p| p.as_os_str() != "-");
    let report = match output {
        None => {
            let mut out = BufWriter::new(io::stdout().lock());
            let report = resolve::resolve(resources, &shards, &mut out).map_err(describe)?;
            out.flush()?;
            report
        }
        Some(target) => {
            if let Some(shard) = shards.iter().find(|s| same_file(&s.path, target)) {
                bail!(
                    "the output {} is also the input {}; write elsewhere",
                    target.display(),
                    shard.name
                );
            }
            let partial = Spool {
                path: partial_path(target),
            };
            let file = File::create(&partial.path)
                .with_context(|| format!("creating {}", partial.path.display()))?;
            let mut out = BufWriter::new(file);
            let report = resolve::resolve(resources, &shards, &mut out).map_err(describe)?;
            out.flush()
                .with_context(|| format!("writing {}", partial.path.display()))?;
            drop(out);
            std::fs::rename(&partial.path, target)
                .with_context(|| format!("writing {}", target.display()))?;
            report
        }
    };
    if verbose {
        for merge in &report.merges {
            eprintln!("  {} → {} (from {})", merge.name, merge.into, merge.shard);
        }
    }
    eprintln!("{}", report.summary());
    Ok(ExitCode::SUCCESS)
}

/// A shard that cannot be read reads `reading part-2.nq: No such file or
/// directory`; other errors (output, syntax) keep their own message.
fn describe(error: newsgraph::Error) -> anyhow::Error {
    match error {
        newsgraph::Error::Io { path, source } if path.as_os_str() != "<output>" => {
            anyhow::Error::new(source).context(format!("reading {}", path.display()))
        }
        other => other.into(),
    }
}

/// A temporary file removed when dropped (standard input's copy, or an unfinished output).
struct Spool {
    path: PathBuf,
}

impl Spool {
    fn stdin() -> anyhow::Result<Self> {
        let path =
            std::env::temp_dir().join(format!("newsgraph-resolve-stdin-{}.nq", std::process::id()));
        let spool = Spool { path };
        let mut file = File::create(&spool.path)
            .with_context(|| format!("creating {}", spool.path.display()))?;
        io::copy(&mut io::stdin().lock(), &mut file).context("reading standard input")?;
        Ok(spool)
    }
}

impl Drop for Spool {
    fn drop(&mut self) {
        // Already renamed into place, or never created: nothing to remove.
        let _ = std::fs::remove_file(&self.path);
    }
}

/// `out.nq` → `out.nq.partial`, next to it (so the final rename stays on one file system).
fn partial_path(target: &Path) -> PathBuf {
    let mut name = target.file_name().unwrap_or_default().to_os_string();
    name.push(".partial");
    target.with_file_name(name)
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}
