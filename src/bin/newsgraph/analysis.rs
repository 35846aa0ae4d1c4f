//! The graph-analysis subcommands: `path`, `neighbors`, `central`,
//! `components` and `dot`. Each turns its arguments into an
//! `analysis::Filter`, builds the projection, calls one library function and
//! prints its report; `dot` also pipes through Graphviz for SVG and PNG.

use std::collections::BTreeSet;
use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::process::{Command, ExitCode, Stdio};

use anyhow::{Context, bail};
use newsgraph::analysis::centrality::{self, CentralityOptions, Measure};
use newsgraph::analysis::paths::{self, PathOptions};
use newsgraph::analysis::{Filter, Projection, report};
use newsgraph::export::dot::{DotOptions, write_dot};
use newsgraph::export::graphml::write_graphml;
use newsgraph::query;
use newsgraph::store::KnowledgeStore;

use crate::args::{CentralArgs, DotArgs, GraphArgs, NeighborsArgs, PathArgs};

/// `newsgraph path FROM TO`.
pub fn path(store: &KnowledgeStore, args: &PathArgs) -> anyhow::Result<ExitCode> {
    let projection = project(store, &args.graph)?;
    let from = projection.find(&args.from)?;
    let to = projection.find(&args.to)?;
    if from == to {
        bail!(
            "`{}` and `{}` name the same entity, {}",
            args.from,
            args.to,
            projection.describe(from)
        );
    }
    let options = PathOptions {
        max_hops: args.max_hops,
        all: args.all,
        limit: args.limit.max(1),
    };
    let found = paths::find_paths(&projection, from, to, &options);
    let mut out = BufWriter::new(io::stdout().lock());
    report::write_paths(&mut out, &projection, from, to, &found, &options)?;
    notes(&mut out, &projection)?;
    out.flush()?;
    Ok(if found.paths.is_empty() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// `newsgraph neighbors NAME`.
pub fn neighbors(store: &KnowledgeStore, args: &NeighborsArgs) -> anyhow::Result<ExitCode> {
    let projection = project(store, &args.graph)?;
    let center = projection.find(&args.name)?;
    let found = paths::neighbors(&projection, center, args.hops);
    let mut out = BufWriter::new(io::stdout().lock());
    report::write_neighbors(&mut out, &projection, center, args.hops, &found)?;
    notes(&mut out, &projection)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// `newsgraph central`.
pub fn central(store: &KnowledgeStore, args: &CentralArgs) -> anyhow::Result<ExitCode> {
    let measure = Measure::parse(&args.by).with_context(|| {
        format!(
            "unknown measure `{}`; use degree, pagerank or betweenness",
            args.by
        )
    })?;
    let projection = project(store, &args.graph)?.without_isolated();
    let ranking = centrality::rank(&projection, measure, &CentralityOptions::default());
    let mut out = BufWriter::new(io::stdout().lock());
    report::write_ranking(&mut out, &projection, &ranking, args.top)?;
    notes(&mut out, &projection)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// `newsgraph components`.
pub fn components(store: &KnowledgeStore, args: &GraphArgs) -> anyhow::Result<ExitCode> {
    let projection = project(store, args)?;
    let found = centrality::components(&projection);
    let mut out = BufWriter::new(io::stdout().lock());
    report::write_components(&mut out, &projection, &found)?;
    notes(&mut out, &projection)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// Above this many edges, rendering a picture gets a warning.
const LARGE_PICTURE: usize = 2_000;

/// Output formats of `newsgraph dot`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Dot,
    Svg,
    Png,
    GraphMl,
}

/// `newsgraph dot`.
pub fn dot(store: &KnowledgeStore, args: &DotArgs) -> anyhow::Result<ExitCode> {
    let format = match (&args.format, &args.output) {
        (Some(name), _) => parse_format(name)
            .with_context(|| format!("unknown format `{name}`; use dot, svg, png or graphml"))?,
        (None, Some(path)) => path
            .extension()
            .and_then(|e| parse_format(&e.to_string_lossy()))
            .unwrap_or(Format::Dot),
        (None, None) => Format::Dot,
    };
    if format == Format::Png && args.output.is_none() && io::stdout().is_terminal() {
        bail!("PNG is binary; write it to a file with -o FILE.png");
    }
    let base = project(store, &args.graph)?;
    let projection = match (&args.entity, &args.query) {
        (Some(name), _) => {
            let center = base.find(name)?;
            base.neighborhood(center, args.hops)
        }
        (None, Some(sparql)) => base.from_construct(store, sparql)?,
        (None, None) => base.without_isolated(),
    };
    let mut text = Vec::new();
    match format {
        Format::GraphMl => write_graphml(&mut text, &projection)?,
        _ => write_dot(
            &mut text,
            &projection,
            &DotOptions {
                title: args.title.clone(),
                legend: !args.no_legend,
            },
        )?,
    }
    if matches!(format, Format::Svg | Format::Png) && projection.edge_count() > LARGE_PICTURE {
        eprintln!(
            "note: {} edges is a lot for one picture; Graphviz may take long and the result will be hard to read (narrow it with --entity, --relations or --min-sources)",
            projection.edge_count()
        );
    }
    let bytes = match format {
        Format::Svg => graphviz(&text, "svg")?,
        Format::Png => graphviz(&text, "png")?,
        Format::Dot | Format::GraphMl => text,
    };
    match &args.output {
        Some(path) => {
            let mut file = BufWriter::new(
                File::create(path).with_context(|| format!("creating {}", path.display()))?,
            );
            file.write_all(&bytes)?;
            file.flush()
                .with_context(|| format!("writing {}", path.display()))?;
            eprintln!(
                "wrote {} ({} nodes, {} edges)",
                path.display(),
                projection.node_count(),
                projection.edge_count()
            );
        }
        None => {
            let mut out = io::stdout().lock();
            out.write_all(&bytes)?;
            out.flush()?;
        }
    }
    for note in &projection.notes {
        eprintln!("note: {note}");
    }
    Ok(ExitCode::SUCCESS)
}

fn parse_format(name: &str) -> Option<Format> {
    match name.to_ascii_lowercase().as_str() {
        "dot" | "gv" => Some(Format::Dot),
        "svg" => Some(Format::Svg),
        "png" => Some(Format::Png),
        "graphml" => Some(Format::GraphMl),
        _ => None,
    }
}

/// Renders DOT with Graphviz's `dot` program.
fn graphviz(dot_text: &[u8], format: &str) -> anyhow::Result<Vec<u8>> {
    let mut child = match Command::new("dot")
        .arg(format!("-T{format}"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    {
        Ok(child) => child,
        Err(e) if e.kind() == io::ErrorKind::NotFound => bail!(
            "--format {format} needs Graphviz's `dot` program, which is not installed; \
             install it (Debian/Ubuntu: `apt-get install graphviz`, macOS: `brew install graphviz`) \
             or write DOT with --format dot"
        ),
        Err(e) => return Err(e).context("running Graphviz's `dot`"),
    };
    let mut stdin = child.stdin.take().expect("piped stdin");
    let input = dot_text.to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let output = child
        .wait_with_output()
        .context("running Graphviz's `dot`")?;
    writer
        .join()
        .expect("writer thread")
        .context("sending the graph to Graphviz's `dot`")?;
    if !output.status.success() {
        bail!(
            "Graphviz's `dot` failed: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    Ok(output.stdout)
}

/// Builds the projection selected by the graph arguments.
fn project(store: &KnowledgeStore, args: &GraphArgs) -> anyhow::Result<Projection> {
    let mut filter = Filter {
        min_sources: args.min_sources,
        events: args.events,
        ..Filter::default()
    };
    if !args.relations.is_empty() {
        filter.relations = Some(
            args.relations
                .iter()
                .map(|r| r.trim().to_ascii_lowercase().replace('-', "_"))
                .filter(|r| !r.is_empty())
                .collect(),
        );
    }
    if !args.docs.is_empty() {
        let mut ids = BTreeSet::new();
        for spec in &args.docs {
            let found = query::find_documents(store, spec)?;
            if found.is_empty() {
                bail!("no document matches `{spec}` (see `newsgraph documents`)");
            }
            ids.extend(found.into_iter().map(|d| d.id));
        }
        filter.documents = Some(ids);
    }
    filter.since = args.since.as_deref().map(date).transpose()?;
    filter.until = args.until.as_deref().map(date).transpose()?;
    Ok(Projection::build(store, &filter)?)
}

fn date(text: &str) -> anyhow::Result<jiff::civil::Date> {
    text.parse()
        .with_context(|| format!("`{text}` is not a date; write it as YYYY-MM-DD"))
}

fn notes(out: &mut dyn Write, projection: &Projection) -> io::Result<()> {
    for note in &projection.notes {
        writeln!(out, "note: {note}")?;
    }
    Ok(())
}
