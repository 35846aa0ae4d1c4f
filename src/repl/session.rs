//! [`ReplSession`]: the state of one REPL (store, prefixes, settings, output
//! file) and [`ReplSession::eval`], which runs one input and returns what to
//! show as a [`ReplOutput`]. No terminal, no printing: the binary decides
//! where text goes, and tests call `eval` directly.

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use comfy_table::{ContentArrangement, Table, presets};
use oxigraph::model::{Literal, NamedNode, Term};

use crate::analysis::centrality::{self, CentralityOptions, Measure};
use crate::analysis::paths::{self, PathOptions};
use crate::analysis::{Filter, Projection, report};
use crate::error::{Error, Result};
use crate::export::dot::{DotOptions, write_dot};
use crate::ingest;
use crate::query::{self, ResultFormat};
use crate::rdf::vocab;
use crate::repl::command::{self, ReplCommand};
use crate::repl::complete::CompletionIndex;
use crate::repl::entity::{self, EntityName};
use crate::resources::Resources;
use crate::store::{DEFAULT_PREFIXES, KnowledgeStore, QueryOutcome};

/// How results are shown.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// Result format for SELECT (and ASK) results.
    pub format: ResultFormat,
    /// Show the elapsed time after each query.
    pub timer: bool,
    /// Table rows shown on screen before the rest is cut with a note (0: no limit).
    pub max_rows: usize,
    /// Terminal width to fit tables into, when known.
    pub width: Option<u16>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            format: ResultFormat::Table,
            timer: true,
            max_rows: 100,
            width: None,
        }
    }
}

/// What one input produced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReplOutput {
    /// Nothing to show (blank input, or results went to the output file).
    Nothing,
    /// Text to show: results, or what a command reports (`.entity`, `.help`).
    Text(String),
    /// A confirmation (`results as csv`, `ingested 3 documents`): on the
    /// screen interactively, on standard error in a script so that standard
    /// output holds only results.
    Note(String),
    /// Something went wrong; the REPL goes on. Ends with a newline.
    Error(String),
    /// The user asked to leave.
    Quit,
}

/// One REPL session over a store.
pub struct ReplSession {
    store: KnowledgeStore,
    /// Prefixes declared with `.prefix`, in order (defaults are always there).
    prefixes: Vec<(String, String)>,
    /// Format, timer and limits.
    pub settings: Settings,
    output: Option<(PathBuf, File)>,
    resources: Option<Resources>,
    names: Option<Vec<EntityName>>,
}

impl ReplSession {
    /// A session over `store` with `settings`.
    pub fn new(store: KnowledgeStore, settings: Settings) -> Self {
        ReplSession {
            store,
            prefixes: Vec::new(),
            settings,
            output: None,
            resources: None,
            names: None,
        }
    }

    /// The store.
    pub fn store(&self) -> &KnowledgeStore {
        &self.store
    }

    /// The first lines shown by an interactive session.
    pub fn banner(&self) -> String {
        let what = match query::stats(&self.store) {
            Ok(s) => {
                let plural = |n: usize| if n == 1 { "" } else { "s" };
                format!(
                    "{} document{}, {} entit{}, {} fact{}",
                    s.documents,
                    plural(s.documents),
                    s.entities,
                    if s.entities == 1 { "y" } else { "ies" },
                    s.facts,
                    plural(s.facts)
                )
            }
            Err(e) => format!("statistics unavailable: {e}"),
        };
        let mode = if self.store.is_read_only() {
            ", read-only"
        } else {
            ""
        };
        format!(
            "newsgraph {} — {what}{mode}\n\
             End a query with `;` or a blank line. `.help` lists commands, Tab completes, Ctrl-D leaves.\n",
            env!("CARGO_PKG_VERSION")
        )
    }

    /// All declared prefixes: the defaults, then the user's (which win on a clash).
    pub fn prefixes(&self) -> Vec<(String, String)> {
        let mut all: Vec<(String, String)> = DEFAULT_PREFIXES
            .iter()
            .filter(|(p, _)| !self.prefixes.iter().any(|(u, _)| u == p))
            .map(|(p, i)| (p.to_string(), i.to_string()))
            .collect();
        all.extend(self.prefixes.iter().cloned());
        all
    }

    /// A snapshot of what Tab can complete.
    pub fn completion_index(&mut self) -> CompletionIndex {
        let entities = self.names().map(<[_]>::to_vec).unwrap_or_default();
        let mut terms: Vec<String> = self.ontology_terms().unwrap_or_default();
        if terms.is_empty() {
            terms = vocab::TERMS.iter().map(|t| format!("ng:{t}")).collect();
        }
        terms.sort();
        terms.dedup();
        CompletionIndex {
            prefixes: self.prefixes(),
            terms,
            entities,
        }
    }

    /// Runs one complete input. Never panics on user input; errors come back as [`ReplOutput::Error`].
    pub fn eval(&mut self, input: &str) -> ReplOutput {
        let command = match command::parse(input) {
            Ok(command) => command,
            Err(e) => return ReplOutput::Error(format!("error: {e}\n")),
        };
        let sparql = match &command {
            ReplCommand::Query(text) => Some(text.clone()),
            _ => None,
        };
        match self.run(command) {
            Ok(Shown::Nothing) => ReplOutput::Nothing,
            Ok(Shown::Message(text)) => ReplOutput::Text(text),
            Ok(Shown::Note(text)) => ReplOutput::Note(text),
            Ok(Shown::Results(text)) => match self.write_results(&text) {
                Ok(None) => ReplOutput::Nothing,
                Ok(Some(text)) => ReplOutput::Text(text),
                Err(e) => ReplOutput::Error(format!("error: {e}\n")),
            },
            Ok(Shown::Quit) => ReplOutput::Quit,
            Err(Error::SparqlSyntax {
                message,
                line,
                column,
            }) => {
                let excerpt = sparql
                    .and_then(|q| query::error_excerpt(&q, line, column))
                    .unwrap_or_default();
                ReplOutput::Error(format!("error: {message}\n{excerpt}"))
            }
            Err(e) => ReplOutput::Error(format!("error: {e}\n")),
        }
    }

    fn run(&mut self, command: ReplCommand) -> Result<Shown> {
        Ok(match command {
            ReplCommand::Empty => Shown::Nothing,
            ReplCommand::Query(sparql) => {
                let started = Instant::now();
                let outcome = self.store.query_with_prefixes(&sparql, &self.prefixes)?;
                Shown::Results(self.render(&outcome, started.elapsed())?)
            }
            ReplCommand::Help(topic) => Shown::Message(command::help(topic.as_deref())?),
            ReplCommand::Load(paths) => Shown::Note(self.load(&paths)?),
            ReplCommand::Prefix { name, iri } => {
                NamedNode::new(&iri).map_err(|e| Error::Usage(format!("bad IRI <{iri}>: {e}")))?;
                self.prefixes.retain(|(p, _)| *p != name);
                self.prefixes.push((name.clone(), iri.clone()));
                Shown::Note(format!("{name}: <{iri}>\n"))
            }
            ReplCommand::Prefixes => Shown::Message(
                self.prefixes()
                    .iter()
                    .map(|(p, i)| format!("{:<10}<{i}>\n", format!("{p}:")))
                    .collect(),
            ),
            ReplCommand::Entity(name) => {
                let names = self.names()?;
                let found = entity::resolve(names, &name)?.clone();
                Shown::Message(entity::describe(&self.store, &found)?)
            }
            ReplCommand::Facts(name) => {
                let found = match name {
                    Some(name) => Some(entity::resolve(self.names()?, &name)?.clone()),
                    None => None,
                };
                let started = Instant::now();
                let outcome = self.store.query(&entity::facts_query(found.as_ref()))?;
                Shown::Results(self.render(&outcome, started.elapsed())?)
            }
            ReplCommand::Sources => {
                let started = Instant::now();
                let outcome = self.store.query(
                    "SELECT ?doc ?published ?sentences ?title ?source WHERE { GRAPH ?g { ?d a ng:Document ; \
                     ng:fileName ?doc ; ng:sourcePath ?source ; ng:sentenceCount ?sentences . \
                     OPTIONAL { ?d ng:title ?title } OPTIONAL { ?d ng:published ?published } } } ORDER BY ?doc ?source",
                )?;
                Shown::Results(self.render(&outcome, started.elapsed())?)
            }
            ReplCommand::Stats => {
                let started = Instant::now();
                let s = query::stats(&self.store)?;
                let rows = [
                    ("documents", s.documents),
                    ("sentences", s.sentences),
                    ("entities", s.entities),
                    ("facts", s.facts),
                    ("triples", s.quads),
                    ("graphs", s.graphs),
                ]
                .into_iter()
                .map(|(name, n)| {
                    vec![
                        Some(Term::from(Literal::from(name))),
                        Some(Term::from(Literal::from(n as i64))),
                    ]
                })
                .collect();
                let outcome = QueryOutcome::Solutions {
                    variables: vec!["measure".into(), "count".into()],
                    rows,
                };
                Shown::Results(self.render(&outcome, started.elapsed())?)
            }
            ReplCommand::Path { from, to } => self.path(&from, &to)?,
            ReplCommand::Neighbors { name, hops } => self.neighbors(&name, hops)?,
            ReplCommand::Central(top) => self.central(top)?,
            ReplCommand::Dot { file, focus } => self.dot(&file, focus.as_deref())?,
            ReplCommand::Export { format, file } => {
                let rdf = query::rdf_format(&format)
                    .ok_or_else(|| Error::Usage(format!("unknown RDF format `{format}`")))?;
                let out = File::create(&file).map_err(|e| Error::io(&file, e))?;
                let mut out = std::io::BufWriter::new(out);
                self.store.dump(rdf, None, &mut out)?;
                out.flush().map_err(|e| Error::io(&file, e))?;
                Shown::Note(format!(
                    "wrote the store as {format} to {}\n",
                    file.display()
                ))
            }
            ReplCommand::Format(format) => {
                self.settings.format = format;
                Shown::Note(format!("results as {}\n", format_name(format)))
            }
            ReplCommand::Output(None) => {
                let was = self.output.take();
                Shown::Note(match was {
                    Some((path, _)) => format!(
                        "results go to the screen again ({} closed)\n",
                        path.display()
                    ),
                    None => "results go to the screen\n".into(),
                })
            }
            ReplCommand::Output(Some(path)) => {
                let file = File::create(&path).map_err(|e| Error::io(&path, e))?;
                let message = format!("results go to {} until `.output`\n", path.display());
                self.output = Some((path, file));
                Shown::Note(message)
            }
            ReplCommand::Timer(on) => {
                self.settings.timer = on;
                Shown::Note(format!("timer {}\n", if on { "on" } else { "off" }))
            }
            ReplCommand::Quit => Shown::Quit,
        })
    }

    // Path analysis: each of these is one call into the analysis module, on
    // the projection of every fact (default relations, like the CLI's).

    fn projection(&self) -> Result<Projection> {
        Projection::build(
            &self.store,
            &Filter {
                min_sources: 1,
                ..Filter::default()
            },
        )
    }

    fn path(&mut self, from: &str, to: &str) -> Result<Shown> {
        let projection = self.projection()?;
        let (a, b) = (projection.find(from)?, projection.find(to)?);
        if a == b {
            return Err(Error::Usage(format!(
                "`{from}` and `{to}` name the same entity, {}",
                projection.describe(a)
            )));
        }
        let options = PathOptions::default();
        let found = paths::find_paths(&projection, a, b, &options);
        let mut out = Vec::new();
        report::write_paths(&mut out, &projection, a, b, &found, &options).map_err(io_error)?;
        Ok(Shown::Results(with_notes(out, &projection)))
    }

    fn neighbors(&mut self, name: &str, hops: usize) -> Result<Shown> {
        let projection = self.projection()?;
        let center = projection.find(name)?;
        let found = paths::neighbors(&projection, center, hops);
        let mut out = Vec::new();
        report::write_neighbors(&mut out, &projection, center, hops, &found).map_err(io_error)?;
        Ok(Shown::Results(with_notes(out, &projection)))
    }

    fn central(&mut self, top: usize) -> Result<Shown> {
        let projection = self.projection()?.without_isolated();
        let ranking = centrality::rank(&projection, Measure::Degree, &CentralityOptions::default());
        let mut out = Vec::new();
        report::write_ranking(&mut out, &projection, &ranking, top).map_err(io_error)?;
        // The report's hint names the CLI flag; here the count is an argument.
        let out = String::from_utf8_lossy(&out).replace("; use --top)", "; use .central N)");
        Ok(Shown::Results(with_notes(out.into_bytes(), &projection)))
    }

    /// `.dot FILE [NAME|query]`: the whole graph, one entity and its direct
    /// neighbours, or the triples a CONSTRUCT or DESCRIBE query builds (told
    /// apart from a name by its `{`).
    fn dot(&mut self, file: &Path, focus: Option<&str>) -> Result<Shown> {
        let base = self.projection()?;
        let projection = match focus {
            Some(sparql) if sparql.contains('{') => {
                match self.store.query_with_prefixes(sparql, &self.prefixes)? {
                    QueryOutcome::Graph(triples) => base.from_triples(&triples),
                    _ => {
                        return Err(Error::Usage(
                            ".dot draws the triples of a CONSTRUCT or DESCRIBE query; \
                             this query returns solutions"
                                .into(),
                        ));
                    }
                }
            }
            Some(name) => base.neighborhood(base.find(name)?, 1),
            None => base.without_isolated(),
        };
        let mut text = Vec::new();
        write_dot(&mut text, &projection, &DotOptions::default()).map_err(io_error)?;
        std::fs::write(file, &text).map_err(|e| Error::io(file, e))?;
        let mut note = format!(
            "wrote {} ({} nodes, {} edges)\n",
            file.display(),
            projection.node_count(),
            projection.edge_count()
        );
        for line in &projection.notes {
            note.push_str(&format!("note: {line}\n"));
        }
        Ok(Shown::Note(note))
    }

    fn load(&mut self, paths: &[PathBuf]) -> Result<String> {
        if self.store.is_read_only() {
            return Err(Error::Usage(
                "the store is open read-only (--read-only, or another process has it), so .load cannot write to it; \
                 restart without --read-only once the other process is done"
                    .into(),
            ));
        }
        if self.resources.is_none() {
            self.resources = Some(Resources::builtin()?);
        }
        let resources = self.resources.as_ref().expect("just set");
        let mut problems = String::new();
        let report = ingest::ingest(&self.store, resources, paths, &mut |event| {
            if let ingest::Event::Done {
                outcome: ingest::Outcome::Failed(error),
                ..
            } = event
            {
                problems.push_str(&format!("error: {error}\n"));
            }
        })?;
        self.names = None;
        Ok(format!("{problems}{}\n", report.summary()))
    }

    fn names(&mut self) -> Result<&[EntityName]> {
        if self.names.is_none() {
            self.names = Some(entity::load_names(&self.store)?);
        }
        Ok(self.names.as_deref().unwrap_or_default())
    }

    fn ontology_terms(&self) -> Result<Vec<String>> {
        let sparql = format!(
            "SELECT DISTINCT ?t WHERE {{ GRAPH <{}> {{ ?t a ?kind }} }}",
            vocab::ONTOLOGY
        );
        let QueryOutcome::Solutions { rows, .. } = self.store.query(&sparql)? else {
            return Ok(Vec::new());
        };
        Ok(rows
            .iter()
            .filter_map(|r| match &r[0] {
                Some(Term::NamedNode(n)) => n
                    .as_str()
                    .strip_prefix(vocab::NG)
                    .map(|local| format!("ng:{local}")),
                _ => None,
            })
            .collect())
    }

    /// Sends results to the output file when one is set; returns what to show otherwise.
    fn write_results(&mut self, text: &str) -> Result<Option<String>> {
        match &mut self.output {
            Some((path, file)) => {
                file.write_all(text.as_bytes())
                    .and_then(|_| file.flush())
                    .map_err(|e| Error::io(path.as_path(), e))?;
                Ok(None)
            }
            None => Ok(Some(text.to_string())),
        }
    }

    fn render(&self, outcome: &QueryOutcome, elapsed: Duration) -> Result<String> {
        let timing = if self.settings.timer {
            format!(" ({})", human_duration(elapsed))
        } else {
            String::new()
        };
        match (outcome, self.settings.format) {
            (QueryOutcome::Solutions { variables, rows }, ResultFormat::Table) => {
                Ok(self.table(variables, rows, &timing))
            }
            (QueryOutcome::Graph(triples), ResultFormat::Table) => {
                let mut out = Vec::new();
                query::write_outcome(outcome, ResultFormat::Table, &mut out)?;
                let mut text = String::from_utf8_lossy(&out).into_owned();
                text.push_str(&format!(
                    "{} triple{}{timing}\n",
                    triples.len(),
                    if triples.len() == 1 { "" } else { "s" }
                ));
                Ok(text)
            }
            (QueryOutcome::Graph(_), _) => {
                let mut out = Vec::new();
                query::write_outcome(outcome, ResultFormat::Table, &mut out)?;
                Ok(String::from_utf8_lossy(&out).into_owned())
            }
            (_, format) => {
                let mut out = Vec::new();
                query::write_outcome(outcome, format, &mut out)?;
                Ok(String::from_utf8_lossy(&out).into_owned())
            }
        }
    }

    fn table(&self, variables: &[String], rows: &[Vec<Option<Term>>], timing: &str) -> String {
        let labels = self.labels_of(rows);
        let limit = if self.output.is_some() || self.settings.max_rows == 0 {
            rows.len()
        } else {
            self.settings.max_rows
        };
        let mut table = Table::new();
        table.load_style(presets::UTF8_FULL_CONDENSED);
        match self.settings.width {
            Some(width) => {
                table
                    .set_width(width)
                    .set_content_arrangement(ContentArrangement::Dynamic);
            }
            None => {
                table.set_content_arrangement(ContentArrangement::Disabled);
            }
        }
        table.set_header(variables.iter().map(|v| format!("?{v}")));
        for row in rows.iter().take(limit) {
            table.add_row(row.iter().map(|cell| match cell {
                Some(term) => self.display(term, &labels),
                None => String::new(),
            }));
        }
        let mut out = format!("{table}\n");
        if rows.len() > limit {
            out.push_str(&format!(
                "… {} more rows not shown (`.output FILE` writes them all, or add LIMIT/OFFSET)\n",
                rows.len() - limit
            ));
        }
        out.push_str(&format!(
            "{} row{}{timing}\n",
            rows.len(),
            if rows.len() == 1 { "" } else { "s" }
        ));
        out
    }

    /// Labels of the entity IRIs among `rows`, looked up in one query.
    fn labels_of(&self, rows: &[Vec<Option<Term>>]) -> Vec<(String, String)> {
        let entity_base = format!("{}entity/", vocab::ID);
        let mut iris: Vec<&str> = rows
            .iter()
            .flatten()
            .filter_map(|cell| match cell {
                Some(Term::NamedNode(n)) if n.as_str().starts_with(&entity_base) => {
                    Some(n.as_str())
                }
                _ => None,
            })
            .collect();
        iris.sort();
        iris.dedup();
        if iris.is_empty() {
            return Vec::new();
        }
        let values: String = iris.iter().map(|i| format!("<{i}> ")).collect();
        let sparql = format!(
            "SELECT ?e (SAMPLE(?l) AS ?label) WHERE {{ VALUES ?e {{ {values}}} ?e rdfs:label ?l }} GROUP BY ?e"
        );
        match self.store.query(&sparql) {
            Ok(QueryOutcome::Solutions { rows, .. }) => rows
                .iter()
                .filter_map(|r| match (&r[0], &r[1]) {
                    (Some(Term::NamedNode(e)), Some(Term::Literal(l))) => {
                        Some((e.as_str().to_string(), l.value().to_string()))
                    }
                    _ => None,
                })
                .collect(),
            _ => Vec::new(),
        }
    }

    /// A term for the table: prefixed names (the user's prefixes too), entity labels, plain literal values.
    fn display(&self, term: &Term, labels: &[(String, String)]) -> String {
        match term {
            Term::NamedNode(node) => {
                let iri = node.as_str();
                let compact = self
                    .prefixes
                    .iter()
                    .filter_map(|(p, ns)| iri.strip_prefix(ns.as_str()).map(|l| format!("{p}:{l}")))
                    .find(|c| !c.ends_with(':') && !c.contains(['#', '?', ' ']))
                    .unwrap_or_else(|| query::compact_iri(iri));
                match labels.iter().find(|(e, _)| e == iri) {
                    Some((_, label)) => format!("{label} ({compact})"),
                    None => compact,
                }
            }
            other => query::display_term(other),
        }
    }
}

/// What a command produced, before it is routed.
/// A report written to memory, then the projection's notes.
fn with_notes(report: Vec<u8>, projection: &Projection) -> String {
    let mut text = String::from_utf8_lossy(&report).into_owned();
    for note in &projection.notes {
        text.push_str(&format!("note: {note}\n"));
    }
    text
}

/// Writing a report to memory fails only if a formatter does.
fn io_error(e: std::io::Error) -> Error {
    Error::io("(report in memory)", e)
}

enum Shown {
    Nothing,
    /// Goes to the screen even when `.output` is set.
    Message(String),
    /// A confirmation; goes to the screen even when `.output` is set.
    Note(String),
    /// Goes to the output file when `.output` is set.
    Results(String),
    Quit,
}

fn format_name(format: ResultFormat) -> &'static str {
    match format {
        ResultFormat::Table => "table",
        ResultFormat::Tsv => "tsv",
        ResultFormat::Csv => "csv",
        ResultFormat::Json => "json",
        ResultFormat::Xml => "xml",
        ResultFormat::Rdf(_) => "rdf",
    }
}

fn human_duration(elapsed: Duration) -> String {
    let ms = elapsed.as_secs_f64() * 1000.0;
    if ms < 1000.0 {
        format!("{ms:.1} ms")
    } else {
        format!("{:.2} s", ms / 1000.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::StoreLocation;

    fn session() -> ReplSession {
        let store = KnowledgeStore::open(&StoreLocation::Memory, false).unwrap();
        ReplSession::new(
            store,
            Settings {
                timer: false,
                ..Settings::default()
            },
        )
    }

    fn text(output: ReplOutput) -> String {
        match output {
            ReplOutput::Text(t) | ReplOutput::Note(t) | ReplOutput::Error(t) => t,
            other => format!("{other:?}"),
        }
    }

    #[test]
    fn syntax_errors_point_at_the_column() {
        let mut s = session();
        let out = s.eval("SELECT ?x\nWHERE { ?x a ng:Document . FILTER( }");
        let ReplOutput::Error(text) = out else {
            panic!("{out:?}")
        };
        assert!(text.starts_with("error: malformed SPARQL"), "{text}");
        assert!(
            text.contains("  2 | WHERE { ?x a ng:Document . FILTER( }\n"),
            "{text}"
        );
        assert!(text.contains("^"), "{text}");
        assert!(text.lines().next().unwrap().len() < 200, "{text}");
    }

    #[test]
    fn prefixes_declared_in_the_session_work_in_queries_and_tables() {
        let mut s = session();
        text(s.eval(".prefix onto: <https://w3id.org/newsgraph/ontology#>"));
        let out = text(
            s.eval("SELECT ?c WHERE { GRAPH ?g { ?c a owl:Class } FILTER(?c = onto:Person) };"),
        );
        assert!(out.contains("onto:Person"), "{out}");
        assert!(out.contains("1 row\n"), "{out}");
        assert!(
            text(s.eval(".prefixes")).contains("onto:     <https://w3id.org/newsgraph/ontology#>")
        );
    }

    #[test]
    fn ask_and_construct() {
        let mut s = session();
        assert_eq!(text(s.eval("ASK { ?s ?p ?o }")), "yes\n");
        let out = text(s.eval("CONSTRUCT { ng:Person a owl:Class } WHERE {}"));
        assert!(out.contains("ng:Person a owl:Class"), "{out}");
        assert!(out.contains("1 triple\n"), "{out}");
    }

    #[test]
    fn analysis_commands_on_an_empty_store() {
        let mut s = session();
        for (input, says) in [
            (".path A B", "no entity named `A`"),
            (".neighbors A 2", "no entity named `A`"),
        ] {
            let out = s.eval(input);
            assert!(
                matches!(&out, ReplOutput::Error(t) if t.contains(says)),
                "{input}: {out:?}"
            );
        }
        assert!(matches!(s.eval(".central"), ReplOutput::Text(_)));
    }

    #[test]
    fn long_tables_are_cut_with_a_note() {
        let mut s = session();
        s.settings.max_rows = 2;
        let out = text(s.eval("SELECT ?n WHERE { VALUES ?n { 1 2 3 4 5 } }"));
        assert!(out.contains("… 3 more rows not shown"), "{out}");
        assert!(out.ends_with("5 rows\n"), "{out}");
    }
}
