//! One function per subcommand: arguments → library calls → output.

use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::process::ExitCode;

use anyhow::{Context, bail};
use indicatif::{ProgressBar, ProgressStyle};
use newsgraph::ingest::{self, Event, Outcome};
use newsgraph::query::{self, ResultFormat};
use newsgraph::resources::Resources;
use newsgraph::store::{KnowledgeStore, StoreLocation};

use crate::analysis;
use crate::args::{Args, Command};
use crate::sources;

/// Runs the command in `args`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let command = match args.command {
        Some(command) => command,
        None if crate::repl::on_terminal() => Command::Repl { keep_going: false },
        None => return crate::repl::print_help(),
    };
    if let Some(threads) = args.threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build_global()
            .context("setting up --threads")?;
    }
    match &command {
        Command::Generate {
            articles,
            megabytes,
            seed,
            output,
        } => return crate::bench::generate(*articles, *megabytes, *seed, output),
        Command::Bench {
            articles,
            megabytes,
            seed,
            corpus,
            keep,
            no_python,
        } => {
            return crate::bench::bench(crate::bench::BenchOptions {
                articles: *articles,
                megabytes: *megabytes,
                seed: *seed,
                corpus: corpus.clone(),
                keep: keep.clone(),
                no_python: *no_python,
                threads: args.threads,
            });
        }
        Command::BenchPhase { phase, paths } => {
            return crate::bench::bench_phase(&resources(&args.lexicon)?, phase, paths);
        }
        _ => {}
    }
    let location = match &args.endpoint {
        Some(url) => StoreLocation::remote(url, args.update_endpoint.as_deref()),
        None => StoreLocation::parse(&args.store),
    };
    let store_name = args.endpoint.clone().unwrap_or_else(|| args.store.clone());
    if let Command::Extract { paths } = &command {
        return extract(&args.lexicon, paths);
    }
    if let Command::Resolve {
        shards,
        output,
        verbose,
    } = &command
    {
        return crate::resolve::resolve(&resources(&args.lexicon)?, shards, output, *verbose);
    }
    let writes = matches!(
        command,
        Command::Ingest { .. }
            | Command::Remove { .. }
            | Command::Load { .. }
            | Command::Sources { save: true, .. }
    );
    if args.read_only && writes {
        bail!("--read-only was given, but this command writes to the store");
    }
    let creates = matches!(command, Command::Repl { .. }) && !args.read_only;
    if !writes && !creates && !store_exists(&location) {
        bail!(
            "no store at {}; build one first with `newsgraph ingest PATH` (or pass --store)",
            args.store
        );
    }
    let store = match KnowledgeStore::open(&location, args.read_only) {
        Err(newsgraph::Error::StoreLocked { .. }) if !writes => {
            eprintln!("note: the store is in use by another process; opened it read-only");
            KnowledgeStore::open(&location, true)
        }
        other => other,
    }
    .with_context(|| format!("opening the store {store_name}"))?;
    match command {
        Command::Ingest {
            paths,
            show,
            verbose,
            bulk_above,
        } => {
            let resources = resources(&args.lexicon)?;
            let options = ingest::IngestOptions { bulk_above };
            let status = ingest_command(&store, &resources, &paths, options, show, verbose)?;
            sources::refresh(&store)?;
            Ok(status)
        }
        Command::Remove { docs } => {
            let status = remove(&store, &docs)?;
            sources::refresh(&store)?;
            Ok(status)
        }
        Command::Load { files } => {
            let status = load(&store, &files)?;
            sources::refresh(&store)?;
            Ok(status)
        }
        Command::Extract { .. }
        | Command::Generate { .. }
        | Command::Bench { .. }
        | Command::BenchPhase { .. }
        | Command::Resolve { .. } => unreachable!("handled before opening a store"),
        Command::Query {
            sparql,
            file,
            format,
        } => {
            let sparql = match (sparql, file) {
                (Some(text), _) => text,
                (None, Some(path)) => std::fs::read_to_string(&path)
                    .with_context(|| format!("reading the query file {}", path.display()))?,
                (None, None) => bail!("give a query, or --file FILE"),
            };
            let format = match format {
                Some(name) => ResultFormat::parse(&name).with_context(|| {
                    format!("unknown format `{name}`; use table, tsv, csv, json, xml, turtle, ntriples, rdfxml or jsonld")
                })?,
                None if io::stdout().is_terminal() => ResultFormat::Table,
                None => ResultFormat::Tsv,
            };
            let mut out = BufWriter::new(io::stdout().lock());
            match query::run(&store, &sparql, format, &mut out) {
                Ok(_) => {}
                Err(newsgraph::Error::SparqlSyntax {
                    message,
                    line,
                    column,
                }) => {
                    out.flush().ok();
                    eprintln!("error: {message}");
                    if let Some(excerpt) = query::error_excerpt(&sparql, line, column) {
                        eprint!("{excerpt}");
                    }
                    return Ok(ExitCode::from(2));
                }
                Err(e) => return Err(e.into()),
            }
            out.flush()?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Facts { merged: true } => sources::merged_facts(&store),
        Command::Facts { merged: false } => {
            let mut out = BufWriter::new(io::stdout().lock());
            query::write_facts_tsv(&store, &mut out)?;
            out.flush()?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Export {
            format,
            graph,
            output,
        } => {
            let rdf = query::rdf_format(&format).with_context(|| {
                format!("unknown RDF format `{format}`; use turtle, ntriples, nquads, trig, rdfxml or jsonld")
            })?;
            match output {
                Some(path) => {
                    let file = File::create(&path)
                        .with_context(|| format!("creating {}", path.display()))?;
                    store.dump(rdf, graph.as_deref(), BufWriter::new(file))?;
                    eprintln!("wrote {}", path.display());
                }
                None => store.dump(rdf, graph.as_deref(), BufWriter::new(io::stdout().lock()))?,
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Stats => {
            let stats = query::stats(&store)?;
            println!("documents  {}", stats.documents);
            println!("sentences  {}", stats.sentences);
            println!("entities   {}", stats.entities);
            println!("facts      {}", stats.facts);
            println!("triples    {}", stats.quads);
            println!("graphs     {}", stats.graphs);
            Ok(ExitCode::SUCCESS)
        }
        Command::Sources { format, save } => sources::sources(&store, &format, save),
        Command::Contested { format, dates } => sources::contested(&store, &format, dates),
        Command::Documents => {
            let mut out = BufWriter::new(io::stdout().lock());
            writeln!(out, "doc\tid\tpublished\tsentences\ttitle\tsource")?;
            for d in query::documents(&store)? {
                writeln!(
                    out,
                    "{}\t{}\t{}\t{}\t{}\t{}",
                    d.name,
                    d.id,
                    d.published.unwrap_or_default(),
                    d.sentences,
                    d.title.unwrap_or_default(),
                    d.source
                )?;
            }
            out.flush()?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Repl { keep_going } => crate::repl::run(store, keep_going),
        Command::Path(args) => analysis::path(&store, &args),
        Command::Neighbors(args) => analysis::neighbors(&store, &args),
        Command::Central(args) => analysis::central(&store, &args),
        Command::Components(args) => analysis::components(&store, &args),
        Command::Dot(args) => analysis::dot(&store, &args),
    }
}

/// True for an in-memory store or an existing on-disk one.
fn store_exists(location: &StoreLocation) -> bool {
    match location {
        StoreLocation::Path(path) => path.join("CURRENT").exists(),
        StoreLocation::Memory | StoreLocation::Remote { .. } => true,
    }
}

fn resources(lexicon: &Option<std::path::PathBuf>) -> anyhow::Result<Resources> {
    let resources = Resources::builtin().context("loading the built-in data files")?;
    match lexicon {
        Some(dir) => resources
            .with_lexicon_dir(dir)
            .with_context(|| format!("loading the lexicon folder {}", dir.display())),
        None => Ok(resources),
    }
}

fn ingest_command(
    store: &KnowledgeStore,
    resources: &Resources,
    paths: &[std::path::PathBuf],
    options: ingest::IngestOptions,
    show: bool,
    verbose: bool,
) -> anyhow::Result<ExitCode> {
    let bar = if io::stderr().is_terminal() {
        Some(ProgressBar::new(0))
    } else {
        None
    };
    if let Some(bar) = &bar {
        bar.set_style(
            ProgressStyle::with_template("{spinner} [{bar:30}] {pos}/{len} documents {wide_msg}")
                .expect("valid template")
                .progress_chars("=> "),
        );
    }
    let mut on_event = |event: Event<'_>| match event {
        Event::Started { total } => {
            if let Some(bar) = &bar {
                bar.set_length(total as u64);
            }
        }
        Event::Done { path, outcome } => {
            if let Outcome::Failed(error) = outcome {
                let line = format!("error: {error}");
                match &bar {
                    Some(bar) => bar.println(line),
                    None => eprintln!("{line}"),
                }
            }
            if let Some(bar) = &bar {
                bar.set_message(path.display().to_string());
                bar.inc(1);
            }
        }
    };
    let report = ingest::ingest_with(store, resources, paths, options, &mut on_event)?;
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    if verbose {
        for diagnostic in &report.diagnostics {
            eprintln!("{diagnostic}");
        }
        if report.diagnostics_dropped > 0 {
            eprintln!(
                "({} more diagnostics not shown)",
                report.diagnostics_dropped
            );
        }
    }
    eprintln!("{}", report.summary());
    if show {
        let mut out = BufWriter::new(io::stdout().lock());
        query::run(
            store,
            query::FACTS_TABLE_QUERY,
            ResultFormat::Table,
            &mut out,
        )?;
        out.flush()?;
    }
    Ok(if report.failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn remove(store: &KnowledgeStore, specs: &[String]) -> anyhow::Result<ExitCode> {
    let mut status = ExitCode::SUCCESS;
    for spec in specs {
        let found = query::find_documents(store, spec)?;
        match found.as_slice() {
            [] => {
                eprintln!("error: no document matches `{spec}` (see `newsgraph documents`)");
                status = ExitCode::from(1);
            }
            [doc] => {
                let n = store.remove_document(&doc.id)?;
                eprintln!("removed {} ({}): {n} triples", doc.name, doc.id);
            }
            many => {
                eprintln!(
                    "error: `{spec}` matches {} documents; name one by its id:",
                    many.len()
                );
                for doc in many {
                    eprintln!("  {}  {}  {}", doc.id, doc.name, doc.source);
                }
                status = ExitCode::from(1);
            }
        }
    }
    store.flush()?;
    Ok(status)
}

fn extract(
    lexicon: &Option<std::path::PathBuf>,
    paths: &[std::path::PathBuf],
) -> anyhow::Result<ExitCode> {
    let resources = resources(lexicon)?;
    let mut out = BufWriter::new(io::stdout().lock());
    let stdin = paths.is_empty() || paths.iter().any(|p| p.as_os_str() == "-");
    let report = if stdin {
        if paths.len() > 1 {
            bail!("read either standard input (`-`) or files, not both");
        }
        let mut bytes = Vec::new();
        io::Read::read_to_end(&mut io::stdin().lock(), &mut bytes)
            .context("reading standard input")?;
        ingest::extract_bytes_to_nquads(&resources, "stdin", &bytes, &mut out)?
    } else {
        let mut on_event = |event: Event<'_>| {
            if let Event::Done {
                outcome: Outcome::Failed(error),
                ..
            } = event
            {
                eprintln!("error: {error}");
            }
        };
        ingest::extract_to_nquads(&resources, paths, &mut out, &mut on_event)?
    };
    out.flush()?;
    eprintln!(
        "extracted {} document{} ({} failed): {} sentences, {} facts, {} quads in {:.2}s",
        report.added,
        if report.added == 1 { "" } else { "s" },
        report.failed.len(),
        report.sentences,
        report.facts,
        report.quads,
        report.elapsed.as_secs_f64()
    );
    Ok(if report.failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn load(store: &KnowledgeStore, files: &[std::path::PathBuf]) -> anyhow::Result<ExitCode> {
    for file in files {
        let added = if file.as_os_str() == "-" {
            store.bulk_load_nquads(io::stdin().lock())?
        } else {
            let reader = File::open(file).with_context(|| format!("opening {}", file.display()))?;
            store
                .bulk_load_nquads(io::BufReader::new(reader))
                .with_context(|| format!("loading {}", file.display()))?
        };
        eprintln!("loaded {}: {added} new quads", file.display());
    }
    Ok(ExitCode::SUCCESS)
}
