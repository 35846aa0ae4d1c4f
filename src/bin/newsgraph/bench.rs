//! `newsgraph generate`, `newsgraph bench` and its child phases.
//!
//! `bench` runs every phase in a child process of this same binary
//! (`newsgraph bench-phase PHASE PATHS…`), so that each phase's peak memory
//! (`VmHWM`) is its own; a child prints one line of `key=value` pairs, which
//! the parent collects into a table.

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::Instant;

use anyhow::{Context, bail};
use comfy_table::{Cell, CellAlignment, Table, presets};
use newsgraph::bench::{self, Machine};
use newsgraph::corpus::{self, CorpusConfig, CorpusSize};
use newsgraph::ingest;
use newsgraph::resources::Resources;
use newsgraph::store::{KnowledgeStore, StoreLocation};

/// The pyoxigraph comparison script, also kept as `benches/pyoxigraph_load.py`.
const PYOXIGRAPH_SCRIPT: &str = include_str!("../../../benches/pyoxigraph_load.py");

/// Default corpus size of `bench` in megabytes.
const DEFAULT_MEGABYTES: f64 = 20.0;

/// `newsgraph generate`.
pub fn generate(
    articles: Option<usize>,
    megabytes: Option<f64>,
    seed: u64,
    output: &Path,
) -> anyhow::Result<ExitCode> {
    let config = CorpusConfig {
        size: size(articles, megabytes, DEFAULT_MEGABYTES)?,
        seed,
    };
    let started = Instant::now();
    let summary = corpus::write_corpus(&config, output)
        .with_context(|| format!("writing the corpus to {}", output.display()))?;
    eprintln!(
        "wrote {} articles ({:.1} MB) to {} in {:.2}s",
        summary.articles,
        summary.bytes as f64 / 1e6,
        output.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(ExitCode::SUCCESS)
}

fn size(
    articles: Option<usize>,
    megabytes: Option<f64>,
    default_megabytes: f64,
) -> anyhow::Result<CorpusSize> {
    Ok(match (articles, megabytes) {
        (Some(n), _) => CorpusSize::Articles(n),
        (None, Some(mb)) if mb > 0.0 => CorpusSize::Bytes((mb * 1e6) as u64),
        (None, Some(mb)) => bail!("--megabytes must be positive, not {mb}"),
        (None, None) => CorpusSize::Bytes((default_megabytes * 1e6) as u64),
    })
}

/// Options of `newsgraph bench`.
pub struct BenchOptions {
    pub articles: Option<usize>,
    pub megabytes: Option<f64>,
    pub seed: u64,
    pub corpus: Option<PathBuf>,
    pub keep: Option<PathBuf>,
    pub no_python: bool,
    pub threads: Option<usize>,
}

/// `newsgraph bench`.
pub fn bench(options: BenchOptions) -> anyhow::Result<ExitCode> {
    let work = match &options.keep {
        Some(dir) => dir.clone(),
        None => std::env::temp_dir().join(format!("newsgraph-bench-{}", std::process::id())),
    };
    if work.exists() && options.keep.is_none() {
        std::fs::remove_dir_all(&work).ok();
    }
    std::fs::create_dir_all(&work).with_context(|| format!("creating {}", work.display()))?;
    let result = run_phases(&options, &work);
    if options.keep.is_none() {
        std::fs::remove_dir_all(&work).ok();
    } else {
        eprintln!("kept corpus, stores and N-Quads in {}", work.display());
    }
    result
}

fn run_phases(options: &BenchOptions, work: &Path) -> anyhow::Result<ExitCode> {
    let corpus_dir = match &options.corpus {
        Some(dir) => dir.clone(),
        None => {
            let dir = work.join("corpus");
            if dir.exists() {
                std::fs::remove_dir_all(&dir).ok();
            }
            let config = CorpusConfig {
                size: size(options.articles, options.megabytes, DEFAULT_MEGABYTES)?,
                seed: options.seed,
            };
            eprintln!("generating the corpus in {} …", dir.display());
            let summary = corpus::write_corpus(&config, &dir)?;
            eprintln!(
                "  {} articles, {:.1} MB",
                summary.articles,
                summary.bytes as f64 / 1e6
            );
            dir
        }
    };
    let corpus_bytes = bench::dir_size(&corpus_dir) as f64;
    let corpus_arg = corpus_dir.to_string_lossy().into_owned();
    let fresh = |name: &str| -> anyhow::Result<String> {
        let path = work.join(name);
        if path.exists() {
            std::fs::remove_dir_all(&path).or_else(|_| std::fs::remove_file(&path))?;
        }
        Ok(path.to_string_lossy().into_owned())
    };

    let mut rows: Vec<Row> = Vec::new();
    let extract_only = phase(options, "extract-only", &[&corpus_arg])?;
    rows.push(
        Row::new(
            "extraction alone (text → facts)",
            &extract_only,
            corpus_bytes,
        )
        .rate(&extract_only, "sentences")
        .rate(&extract_only, "facts"),
    );

    let store = fresh("ingest.db")?;
    let ingested = phase(options, "ingest", &[&corpus_arg, &store])?;
    rows.push(
        Row::new("ingest into a fresh store", &ingested, corpus_bytes)
            .rate(&ingested, "quads")
            .size(bench::dir_size(Path::new(&store))),
    );

    let nquads = fresh("corpus.nq")?;
    let extracted = phase(options, "extract", &[&corpus_arg, &nquads])?;
    let nquads_size = std::fs::metadata(&nquads).map_or(0, |m| m.len());
    rows.push(
        Row::new("extract → N-Quads file", &extracted, corpus_bytes)
            .rate(&extracted, "quads")
            .size(nquads_size),
    );
    let loaded_store = fresh("load.db")?;
    let loaded = phase(options, "load", &[&nquads, &loaded_store])?;
    rows.push(
        Row::new("load N-Quads (newsgraph load)", &loaded, corpus_bytes)
            .rate(&loaded, "quads")
            .size(bench::dir_size(Path::new(&loaded_store))),
    );
    let total = extracted.get("seconds") + loaded.get("seconds");
    rows.push(Row {
        name: "extract + load".into(),
        seconds: total,
        mb_per_s: corpus_bytes / 1e6 / total,
        rates: vec![format!("{:.0} quads/s", loaded.get("quads") / total)],
        peak: extracted.get("peak").max(loaded.get("peak")),
        size: None,
    });

    if options.no_python {
        eprintln!("skipping pyoxigraph (--no-python)");
    } else {
        let py_store = fresh("pyoxigraph.db")?;
        match pyoxigraph(work, &nquads, &py_store) {
            Ok(values) => rows.push(
                Row::new(
                    "pyoxigraph Store.bulk_load (same N-Quads)",
                    &values,
                    corpus_bytes,
                )
                .rate(&values, "quads")
                .size(bench::dir_size(Path::new(&py_store))),
            ),
            Err(e) => eprintln!("note: pyoxigraph comparison skipped: {e:#}"),
        }
    }

    print_report(
        options,
        &corpus_dir,
        corpus_bytes,
        &extract_only,
        &ingested,
        &rows,
    );
    Ok(ExitCode::SUCCESS)
}

/// One table row.
struct Row {
    name: String,
    seconds: f64,
    mb_per_s: f64,
    rates: Vec<String>,
    peak: f64,
    size: Option<u64>,
}

impl Row {
    fn new(name: &str, values: &Values, corpus_bytes: f64) -> Self {
        let seconds = values.get("seconds");
        Row {
            name: name.into(),
            seconds,
            mb_per_s: corpus_bytes / 1e6 / seconds,
            rates: Vec::new(),
            peak: values.get("peak"),
            size: None,
        }
    }

    /// Adds `N unit/s` for the count `key` of `values`.
    fn rate(mut self, values: &Values, key: &str) -> Self {
        self.rates
            .push(format!("{:.0} {key}/s", values.get(key) / self.seconds));
        self
    }

    fn size(mut self, bytes: u64) -> Self {
        self.size = Some(bytes);
        self
    }
}

/// The `key=value` pairs printed by a phase.
#[derive(Debug, Default)]
struct Values(HashMap<String, f64>);

impl Values {
    fn parse(line: &str) -> Self {
        Values(
            line.split_whitespace()
                .filter_map(|pair| pair.split_once('='))
                .filter_map(|(k, v)| Some((k.to_string(), v.parse().ok()?)))
                .collect(),
        )
    }

    fn get(&self, key: &str) -> f64 {
        self.0.get(key).copied().unwrap_or(0.0)
    }
}

fn phase(options: &BenchOptions, name: &str, paths: &[&str]) -> anyhow::Result<Values> {
    eprintln!("phase: {name} …");
    let exe = std::env::current_exe().context("finding the newsgraph executable")?;
    let mut command = Command::new(exe);
    if let Some(threads) = options.threads {
        command.arg("--threads").arg(threads.to_string());
    }
    command.arg("bench-phase").arg(name).args(paths);
    command.env_remove("NEWSGRAPH_ENDPOINT");
    let output = command
        .stderr(Stdio::inherit())
        .output()
        .with_context(|| format!("running the {name} phase"))?;
    if !output.status.success() {
        bail!("the {name} phase failed ({})", output.status);
    }
    let stdout = String::from_utf8_lossy(&output.stdout);
    Ok(Values::parse(stdout.lines().last().unwrap_or_default()))
}

fn pyoxigraph(work: &Path, nquads: &str, store: &str) -> anyhow::Result<Values> {
    let script = work.join("pyoxigraph_load.py");
    std::fs::write(&script, PYOXIGRAPH_SCRIPT)?;
    eprintln!("phase: pyoxigraph bulk_load …");
    let output = Command::new("python3")
        .arg(&script)
        .arg(nquads)
        .arg(store)
        .stderr(Stdio::piped())
        .output()
        .context("running python3 (is it installed?)")?;
    if !output.status.success() {
        bail!(
            "{}",
            String::from_utf8_lossy(&output.stderr)
                .lines()
                .last()
                .unwrap_or("python3 failed")
        );
    }
    let stdout = String::from_utf8_lossy(&output.stdout);
    Ok(Values::parse(stdout.lines().last().unwrap_or_default()))
}

fn print_report(
    options: &BenchOptions,
    corpus_dir: &Path,
    corpus_bytes: f64,
    extract_only: &Values,
    ingested: &Values,
    rows: &[Row],
) {
    let machine = Machine::detect();
    let threads = options.threads.unwrap_or_else(rayon::current_num_threads);
    let mut table = Table::new();
    table.load_style(presets::UTF8_FULL_CONDENSED);
    table.set_header([
        "phase",
        "time s",
        "MB/s",
        "rate",
        "peak RSS MB",
        "on disk MB",
    ]);
    for row in rows {
        table.add_row([
            Cell::new(&row.name),
            Cell::new(format!("{:.2}", row.seconds)).set_alignment(CellAlignment::Right),
            Cell::new(format!("{:.1}", row.mb_per_s)).set_alignment(CellAlignment::Right),
            Cell::new(row.rates.join(", ")),
            Cell::new(format!("{:.0}", row.peak / 1e6)).set_alignment(CellAlignment::Right),
            Cell::new(
                row.size
                    .map_or(String::new(), |s| format!("{:.1}", s as f64 / 1e6)),
            )
            .set_alignment(CellAlignment::Right),
        ]);
    }
    println!(
        "corpus: {} ({:.1} MB, {:.0} documents, {:.0} sentences, {:.0} facts, {:.0} quads)",
        corpus_dir.display(),
        corpus_bytes / 1e6,
        extract_only.get("documents"),
        extract_only.get("sentences"),
        extract_only.get("facts"),
        ingested.get("quads"),
    );
    println!("{table}");
    println!(
        "machine: {} cores{}, {} memory; {} worker threads; newsgraph {}",
        machine.cores,
        machine
            .cpu
            .as_ref()
            .map_or(String::new(), |c| format!(" ({c})")),
        machine.memory.map_or("unknown".into(), |m| format!(
            "{:.1} GiB",
            m as f64 / (1u64 << 30) as f64
        )),
        threads,
        env!("CARGO_PKG_VERSION"),
    );
}

/// `newsgraph bench-phase PHASE PATHS…`: runs one phase and prints
/// `key=value` pairs (seconds, counts, peak memory in bytes).
pub fn bench_phase(
    resources: &Resources,
    name: &str,
    paths: &[PathBuf],
) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let mut values: Vec<(&str, f64)> = Vec::new();
    match (name, paths) {
        ("extract-only", [corpus]) => {
            let counts = bench::extract_only(resources, std::slice::from_ref(corpus))?;
            values.push(("documents", counts.documents as f64));
            values.push(("failed", counts.failed as f64));
            values.push(("bytes", counts.bytes as f64));
            values.push(("sentences", counts.sentences as f64));
            values.push(("facts", counts.facts as f64));
        }
        ("ingest", [corpus, store]) => {
            let store = KnowledgeStore::open(&StoreLocation::Path(store.clone()), false)?;
            let report =
                ingest::ingest(&store, resources, std::slice::from_ref(corpus), &mut |_| {})?;
            values.push(("documents", report.added as f64));
            values.push(("failed", report.failed.len() as f64));
            values.push(("sentences", report.sentences as f64));
            values.push(("facts", report.facts as f64));
            values.push(("quads", report.quads as f64));
        }
        ("extract", [corpus, out]) => {
            let file = File::create(out).with_context(|| format!("creating {}", out.display()))?;
            let mut writer = BufWriter::new(file);
            let report = ingest::extract_to_nquads(
                resources,
                std::slice::from_ref(corpus),
                &mut writer,
                &mut |_| {},
            )?;
            writer.flush()?;
            values.push(("documents", report.added as f64));
            values.push(("quads", report.quads as f64));
        }
        ("load", [nquads, store]) => {
            let store = KnowledgeStore::open(&StoreLocation::Path(store.clone()), false)?;
            let file =
                File::open(nquads).with_context(|| format!("opening {}", nquads.display()))?;
            let added = store.bulk_load_nquads(BufReader::new(file))?;
            store.flush()?;
            values.push(("quads", added as f64));
        }
        _ => bail!("unknown bench phase `{name}` with {} path(s)", paths.len()),
    }
    values.insert(0, ("seconds", started.elapsed().as_secs_f64()));
    values.push(("peak", bench::peak_memory().unwrap_or(0) as f64));
    let line: Vec<String> = values.iter().map(|(k, v)| format!("{k}={v}")).collect();
    println!("{}", line.join(" "));
    Ok(ExitCode::SUCCESS)
}
