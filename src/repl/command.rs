//! One REPL input → one [`ReplCommand`]: SPARQL text or a dot-command with
//! its arguments checked. Also the table of dot-commands ([`COMMANDS`]) that
//! help, hints, completion and "did you mean" suggestions are built from.

use std::path::PathBuf;

use crate::error::{Error, Result};
use crate::query::ResultFormat;
use crate::repl::syntax;

/// What the user asked for.
#[derive(Debug, Clone, PartialEq)]
pub enum ReplCommand {
    /// Blank input or only comments.
    Empty,
    /// A SPARQL query (a trailing `;` removed).
    Query(String),
    /// `.help [cmd]`.
    Help(Option<String>),
    /// `.load PATH...`: ingest articles.
    Load(Vec<PathBuf>),
    /// `.prefix p: <iri>`.
    Prefix {
        /// The prefix name, without `:`.
        name: String,
        /// The namespace IRI, without `<>`.
        iri: String,
    },
    /// `.prefixes`.
    Prefixes,
    /// `.entity NAME`.
    Entity(String),
    /// `.facts [NAME]`.
    Facts(Option<String>),
    /// `.sources`.
    Sources,
    /// `.stats`.
    Stats,
    /// `.path A B`.
    Path {
        /// Where the path starts.
        from: String,
        /// Where it ends.
        to: String,
    },
    /// `.neighbors NAME [hops]`.
    Neighbors {
        /// The entity.
        name: String,
        /// How far to look (default 1).
        hops: usize,
    },
    /// `.central [N]`: the N (default 10) most connected entities.
    Central(usize),
    /// `.dot FILE [NAME|query]`.
    Dot {
        /// The DOT file to write.
        file: PathBuf,
        /// An entity to centre on, or a SPARQL query selecting edges.
        focus: Option<String>,
    },
    /// `.export FORMAT FILE`.
    Export {
        /// An RDF format name (turtle, nquads, …).
        format: String,
        /// The file to write.
        file: PathBuf,
    },
    /// `.format table|tsv|csv|json`.
    Format(ResultFormat),
    /// `.output [FILE]`: results to a file, or back to the screen.
    Output(Option<PathBuf>),
    /// `.timer on|off`.
    Timer(bool),
    /// `.quit`.
    Quit,
}

/// One dot-command, for help, hints and completion.
#[derive(Debug, Clone, Copy)]
pub struct CommandInfo {
    /// The name, without the dot.
    pub name: &'static str,
    /// Its arguments as shown in help (`NAME [hops]`).
    pub args: &'static str,
    /// One line saying what it does.
    pub summary: &'static str,
    /// What kind of argument Tab completes.
    pub completes: ArgKind,
}

/// What the arguments of a dot-command are, for completion.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArgKind {
    /// Nothing to complete.
    None,
    /// File paths.
    Paths,
    /// One entity name taking the rest of the line.
    EntityRest,
    /// Several entity names (quoted when they contain spaces).
    Entities,
    /// Dot-command names.
    Commands,
    /// An RDF format, then a path.
    FormatThenPath,
    /// A path, then an entity name.
    PathThenEntity,
    /// Fixed words.
    Words(&'static [&'static str]),
}

/// Every dot-command, in the order `.help` lists them.
pub const COMMANDS: &[CommandInfo] = &[
    CommandInfo {
        name: "help",
        args: "[COMMAND]",
        summary: "list the commands, or explain one",
        completes: ArgKind::Commands,
    },
    CommandInfo {
        name: "load",
        args: "PATH...",
        summary: "ingest articles (files or folders) into the store",
        completes: ArgKind::Paths,
    },
    CommandInfo {
        name: "entity",
        args: "NAME",
        summary: "everything about one entity: type, aliases, roles, facts with evidence",
        completes: ArgKind::EntityRest,
    },
    CommandInfo {
        name: "facts",
        args: "[NAME]",
        summary: "the facts with their evidence, all or about one entity",
        completes: ArgKind::EntityRest,
    },
    CommandInfo {
        name: "sources",
        args: "",
        summary: "the documents in the store",
        completes: ArgKind::None,
    },
    CommandInfo {
        name: "stats",
        args: "",
        summary: "counts of documents, sentences, entities, facts, triples",
        completes: ArgKind::None,
    },
    CommandInfo {
        name: "path",
        args: "A B",
        summary: "how two entities are connected",
        completes: ArgKind::Entities,
    },
    CommandInfo {
        name: "neighbors",
        args: "NAME [HOPS]",
        summary: "entities within HOPS relations of one entity",
        completes: ArgKind::Entities,
    },
    CommandInfo {
        name: "central",
        args: "[N]",
        summary: "the most connected entities",
        completes: ArgKind::None,
    },
    CommandInfo {
        name: "dot",
        args: "FILE [NAME|QUERY]",
        summary: "write the graph (or part of it) as Graphviz DOT",
        completes: ArgKind::PathThenEntity,
    },
    CommandInfo {
        name: "export",
        args: "FORMAT FILE",
        summary: "write the store as RDF (turtle, ntriples, nquads, trig, rdfxml, jsonld)",
        completes: ArgKind::FormatThenPath,
    },
    CommandInfo {
        name: "prefix",
        args: "P: <IRI>",
        summary: "declare a prefix for the following queries",
        completes: ArgKind::None,
    },
    CommandInfo {
        name: "prefixes",
        args: "",
        summary: "list the declared prefixes",
        completes: ArgKind::None,
    },
    CommandInfo {
        name: "format",
        args: "table|tsv|csv|json",
        summary: "how query results are shown",
        completes: ArgKind::Words(&["table", "tsv", "csv", "json", "xml"]),
    },
    CommandInfo {
        name: "output",
        args: "[FILE]",
        summary: "send results to FILE; `.output` alone sends them back to the screen",
        completes: ArgKind::Paths,
    },
    CommandInfo {
        name: "timer",
        args: "on|off",
        summary: "show how long each query took",
        completes: ArgKind::Words(&["on", "off"]),
    },
    CommandInfo {
        name: "quit",
        args: "",
        summary: "leave (Ctrl-D does too)",
        completes: ArgKind::None,
    },
];

/// RDF format names accepted by `.export`.
pub const EXPORT_FORMATS: &[&str] = &["turtle", "ntriples", "nquads", "trig", "rdfxml", "jsonld"];

/// The command named `name` (without the dot), if there is one.
pub fn command_info(name: &str) -> Option<&'static CommandInfo> {
    let name = name.trim_start_matches('.');
    let name = if name == "exit" || name == "q" {
        "quit"
    } else if name == "neighbours" {
        "neighbors"
    } else {
        name
    };
    COMMANDS.iter().find(|c| c.name == name)
}

/// The command closest to a misspelt `name`, when one is close enough.
pub fn suggest(name: &str) -> Option<&'static str> {
    let name = name.trim_start_matches('.').to_lowercase();
    COMMANDS
        .iter()
        .map(|c| (strsim::jaro_winkler(&name, c.name), c.name))
        .filter(|(score, _)| *score >= 0.7)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, n)| n)
}

/// Parses one complete input.
pub fn parse(input: &str) -> Result<ReplCommand> {
    let trimmed = input.trim();
    if syntax::is_blank(trimmed) {
        return Ok(ReplCommand::Empty);
    }
    let Some(rest) = trimmed.strip_prefix('.') else {
        let query = trimmed.strip_suffix(';').unwrap_or(trimmed).trim_end();
        return Ok(ReplCommand::Query(query.to_string()));
    };
    let (name, rest) = match rest.find(char::is_whitespace) {
        Some(at) => (&rest[..at], rest[at..].trim()),
        None => (rest, ""),
    };
    let rest = rest.strip_suffix(';').unwrap_or(rest).trim_end();
    let Some(info) = command_info(name) else {
        let hint = match suggest(name) {
            Some(best) => format!("; did you mean `.{best}`?"),
            None => String::new(),
        };
        return Err(Error::Usage(format!(
            "unknown command `.{name}`{hint} (`.help` lists the commands)"
        )));
    };
    // An apostrophe in a name (O'Brien) is not a quote: fall back to words.
    let args =
        split_args(rest).unwrap_or_else(|_| rest.split_whitespace().map(String::from).collect());
    let usage = || Error::Usage(format!("usage: .{} {}", info.name, info.args));
    let no_args = |command: ReplCommand| {
        if args.is_empty() {
            Ok(command)
        } else {
            Err(usage())
        }
    };
    match info.name {
        "help" => match args.as_slice() {
            [] => Ok(ReplCommand::Help(None)),
            [one] => Ok(ReplCommand::Help(Some(
                one.trim_start_matches('.').to_string(),
            ))),
            _ => Err(usage()),
        },
        "load" if !args.is_empty() => Ok(ReplCommand::Load(
            args.into_iter().map(PathBuf::from).collect(),
        )),
        "entity" if !rest.is_empty() => Ok(ReplCommand::Entity(unquote(rest))),
        "facts" => Ok(ReplCommand::Facts(
            (!rest.is_empty()).then(|| unquote(rest)),
        )),
        "sources" => no_args(ReplCommand::Sources),
        "stats" => no_args(ReplCommand::Stats),
        "path" => match args.as_slice() {
            [a, b] => Ok(ReplCommand::Path {
                from: a.clone(),
                to: b.clone(),
            }),
            _ => Err(Error::Usage(
                "usage: .path A B (quote names with spaces: .path \"Steve Witkoff\" Ukraine)"
                    .into(),
            )),
        },
        "neighbors" => match args.as_slice() {
            [] => Err(usage()),
            [name] => Ok(ReplCommand::Neighbors {
                name: name.clone(),
                hops: 1,
            }),
            [names @ .., last] => match last.parse::<usize>() {
                Ok(hops) if names.len() == 1 => Ok(ReplCommand::Neighbors {
                    name: names[0].clone(),
                    hops,
                }),
                Ok(_) => Err(usage()),
                Err(_) => Ok(ReplCommand::Neighbors {
                    name: unquote(rest),
                    hops: 1,
                }),
            },
        },
        "central" => match args.as_slice() {
            [] => Ok(ReplCommand::Central(10)),
            [n] => match n.parse::<usize>() {
                Ok(top) if top > 0 => Ok(ReplCommand::Central(top)),
                _ => Err(usage()),
            },
            _ => Err(usage()),
        },
        "dot" => match args.first() {
            Some(file) => {
                let after = rest.trim_start();
                let after = after
                    .strip_prefix(&quote_if_needed(file))
                    .or_else(|| after.strip_prefix(file.as_str()))
                    .unwrap_or("")
                    .trim();
                Ok(ReplCommand::Dot {
                    file: PathBuf::from(file),
                    focus: (!after.is_empty()).then(|| unquote(after)),
                })
            }
            None => Err(usage()),
        },
        "export" => match args.as_slice() {
            [format, file] => {
                if crate::query::rdf_format(format).is_none() {
                    return Err(Error::Usage(format!(
                        "unknown RDF format `{format}`; use {}",
                        EXPORT_FORMATS.join(", ")
                    )));
                }
                Ok(ReplCommand::Export {
                    format: format.clone(),
                    file: PathBuf::from(file),
                })
            }
            _ => Err(usage()),
        },
        "prefix" => parse_prefix(&args).ok_or_else(|| {
            Error::Usage(
                "usage: .prefix P: <IRI> (for example .prefix ex: <http://example.org/>)".into(),
            )
        }),
        "prefixes" => no_args(ReplCommand::Prefixes),
        "format" => match args.as_slice() {
            [name] => match ResultFormat::parse(name) {
                Some(
                    format @ (ResultFormat::Table
                    | ResultFormat::Tsv
                    | ResultFormat::Csv
                    | ResultFormat::Json
                    | ResultFormat::Xml),
                ) => Ok(ReplCommand::Format(format)),
                _ => Err(Error::Usage(format!(
                    "unknown format `{name}`; use table, tsv, csv or json"
                ))),
            },
            _ => Err(usage()),
        },
        "output" => match args.as_slice() {
            [] => Ok(ReplCommand::Output(None)),
            [file] => Ok(ReplCommand::Output(Some(PathBuf::from(file)))),
            _ => Err(usage()),
        },
        "timer" => match args.as_slice() {
            [word] if word.eq_ignore_ascii_case("on") => Ok(ReplCommand::Timer(true)),
            [word] if word.eq_ignore_ascii_case("off") => Ok(ReplCommand::Timer(false)),
            _ => Err(usage()),
        },
        "quit" => Ok(ReplCommand::Quit),
        _ => Err(usage()),
    }
}

/// A hint shown after the cursor while typing a dot-command: the rest of a
/// unique command name, then its arguments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommandHint {
    /// What to show (greyed out).
    pub display: String,
    /// What Right-arrow inserts: only the rest of the command name, never argument placeholders.
    pub insert: Option<String>,
}

/// The hint for `line` with the cursor at its end, if any.
pub fn hint(line: &str) -> Option<CommandHint> {
    let rest = line.strip_prefix('.')?;
    if rest.contains('\n') {
        return None;
    }
    match rest.split_once(' ') {
        None => {
            if rest.is_empty() {
                return None;
            }
            let mut matches = COMMANDS.iter().filter(|c| c.name.starts_with(rest));
            let info = matches.next()?;
            if matches.next().is_some() && info.name != rest {
                return None;
            }
            let tail = &info.name[rest.len()..];
            let args = if info.args.is_empty() {
                String::new()
            } else {
                format!(" {}", info.args)
            };
            Some(CommandHint {
                display: format!("{tail}{args}"),
                insert: (!tail.is_empty()).then(|| tail.to_string()),
            })
        }
        Some((name, "")) => {
            let info = command_info(name)?;
            (!info.args.is_empty()).then(|| CommandHint {
                display: info.args.to_string(),
                insert: None,
            })
        }
        Some(_) => None,
    }
}

/// The help text: all commands, or one.
pub fn help(topic: Option<&str>) -> Result<String> {
    match topic {
        None => {
            let mut out = String::from(
                "Type SPARQL and end it with `;` or a blank line; the default graph is the union of all documents.\n\
                 Prefixes ng:, ngid:, rdf:, rdfs:, owl:, xsd:, skos:, prov:, schema:, dcterms:, foaf:, wd: are declared.\n\
                 Tab completes keywords, prefixes, ontology terms, entity names and commands; Ctrl-R searches history.\n\n",
            );
            let width = COMMANDS
                .iter()
                .map(|c| c.name.len() + c.args.len())
                .max()
                .unwrap_or(0)
                + 3;
            for c in COMMANDS {
                let usage = format!(".{} {}", c.name, c.args);
                out.push_str(&format!("{usage:width$}  {}\n", c.summary));
            }
            Ok(out)
        }
        Some(name) => {
            let info = command_info(name).ok_or_else(|| {
                let hint = suggest(name)
                    .map(|b| format!("; did you mean `.{b}`?"))
                    .unwrap_or_default();
                Error::Usage(format!("no command `.{name}`{hint}"))
            })?;
            let mut out = format!(
                "usage: .{} {}\n{}\n",
                info.name,
                info.args,
                capitalise(info.summary)
            );
            if let Some(more) = details(info.name) {
                out.push_str(more);
                out.push('\n');
            }
            Ok(out)
        }
    }
}

fn details(name: &str) -> Option<&'static str> {
    Some(match name {
        "entity" => {
            "NAME is a label, an alias, a key or an IRI; case does not matter.\nExample: .entity Steve Witkoff"
        }
        "facts" => {
            "Without NAME, every fact; with it, the facts where the entity is subject or object."
        }
        "load" => {
            "Folders are walked for .txt, .md and .html files; files already in the store are skipped."
        }
        "prefix" => "Example: .prefix ex: <http://example.org/>",
        "format" => {
            "table shows prefixed names and entity labels; tsv, csv and json are the SPARQL results formats."
        }
        "output" => "Example: .output results.tsv   …   .output",
        "export" => "Example: .export turtle graph.ttl",
        "path" => {
            "The shortest chains of facts (up to 6 hops) linking two entities, each link with its source sentence.\n\
             Example: .path Witkoff Putin   (like `newsgraph path`)"
        }
        "neighbors" => {
            "The entities within HOPS links (default 1) of NAME, nearest first, with the link that reaches each.\n\
             Example: .neighbors \"Steve Witkoff\" 2   (like `newsgraph neighbors`)"
        }
        "central" => {
            "Entities ranked by degree (distinct neighbours) over the facts; N (default 10) of them.\n\
             Other measures: `newsgraph central --by pagerank|betweenness`."
        }
        "dot" => {
            "Writes a Graphviz DOT file: the whole graph, NAME and its direct neighbours, or the triples\n\
             of a CONSTRUCT query. Render it with `dot -Tsvg FILE -o graph.svg`.\n\
             Examples: .dot graph.dot   .dot witkoff.dot Witkoff   .dot met.dot CONSTRUCT { ?a ng:met ?b } WHERE { ?a ng:met ?b }"
        }
        _ => return None,
    })
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn parse_prefix(args: &[String]) -> Option<ReplCommand> {
    let (name, iri) = match args {
        [name, iri] => (name.strip_suffix(':')?, iri.as_str()),
        [joined] => {
            let (name, iri) = joined.split_once(':')?;
            (name, iri)
        }
        _ => return None,
    };
    let iri = iri.trim().strip_prefix('<')?.strip_suffix('>')?;
    let valid_name = name
        .chars()
        .all(|c| c.is_alphanumeric() || "_-.".contains(c))
        && !name.starts_with(['-', '.'])
        && !name.ends_with('.');
    if !valid_name || iri.is_empty() {
        return None;
    }
    Some(ReplCommand::Prefix {
        name: name.to_string(),
        iri: iri.to_string(),
    })
}

/// Splits arguments on whitespace, keeping "quoted strings" (or 'quoted') together.
pub fn split_args(text: &str) -> Result<Vec<String>> {
    let mut args = Vec::new();
    let mut current = String::new();
    let mut quote: Option<char> = None;
    let mut in_arg = false;
    for c in text.chars() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => current.push(c),
            None if c == '"' || c == '\'' => {
                quote = Some(c);
                in_arg = true;
            }
            None if c.is_whitespace() => {
                if in_arg {
                    args.push(std::mem::take(&mut current));
                    in_arg = false;
                }
            }
            None => {
                current.push(c);
                in_arg = true;
            }
        }
    }
    if quote.is_some() {
        return Err(Error::Usage("unclosed quote in the arguments".into()));
    }
    if in_arg {
        args.push(current);
    }
    Ok(args)
}

/// `"Steve Witkoff"` → `Steve Witkoff`; unquoted text is returned trimmed.
fn unquote(text: &str) -> String {
    let text = text.trim();
    for q in ['"', '\''] {
        if text.len() >= 2 && text.starts_with(q) && text.ends_with(q) {
            return text[1..text.len() - 1].to_string();
        }
    }
    text.to_string()
}

/// Quotes `text` when it contains whitespace.
pub fn quote_if_needed(text: &str) -> String {
    if text.contains(char::is_whitespace) {
        format!("\"{text}\"")
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expected: ReplCommand) {
        assert_eq!(parse(input).unwrap(), expected, "{input}");
    }

    fn check_err(input: &str, needle: &str) {
        let err = parse(input).unwrap_err().to_string();
        assert!(err.contains(needle), "{input}: {err}");
    }

    #[test]
    fn queries_lose_their_semicolon() {
        check(
            "SELECT * WHERE { ?s ?p ?o } ;",
            ReplCommand::Query("SELECT * WHERE { ?s ?p ?o }".into()),
        );
        check("  # nothing\n", ReplCommand::Empty);
    }

    #[test]
    fn dot_commands_parse_their_arguments() {
        check(
            ".entity Steve Witkoff",
            ReplCommand::Entity("Steve Witkoff".into()),
        );
        check(
            ".entity \"Steve Witkoff\"",
            ReplCommand::Entity("Steve Witkoff".into()),
        );
        check(".facts", ReplCommand::Facts(None));
        check(
            ".path \"Steve Witkoff\" Ukraine",
            ReplCommand::Path {
                from: "Steve Witkoff".into(),
                to: "Ukraine".into(),
            },
        );
        check(
            ".neighbors Russia 2",
            ReplCommand::Neighbors {
                name: "Russia".into(),
                hops: 2,
            },
        );
        check(
            ".neighbours Steve Witkoff",
            ReplCommand::Neighbors {
                name: "Steve Witkoff".into(),
                hops: 1,
            },
        );
        check(
            ".dot out.dot Steve Witkoff",
            ReplCommand::Dot {
                file: "out.dot".into(),
                focus: Some("Steve Witkoff".into()),
            },
        );
        check(
            ".prefix ex: <http://example.org/>",
            ReplCommand::Prefix {
                name: "ex".into(),
                iri: "http://example.org/".into(),
            },
        );
        check(
            ".prefix ex:<http://example.org/>",
            ReplCommand::Prefix {
                name: "ex".into(),
                iri: "http://example.org/".into(),
            },
        );
        check(".central", ReplCommand::Central(10));
        check(".central 3", ReplCommand::Central(3));
        check(".format csv", ReplCommand::Format(ResultFormat::Csv));
        check(".output", ReplCommand::Output(None));
        check(".timer OFF", ReplCommand::Timer(false));
        check(".exit", ReplCommand::Quit);
    }

    #[test]
    fn mistakes_get_usage_or_a_suggestion() {
        check_err(".entty Putin", "did you mean `.entity`?");
        check_err(".central 0", "usage: .central [N]");
        check_err(".xyzzy", "unknown command `.xyzzy` (`.help`");
        check_err(".path Putin", "usage: .path A B");
        check_err(".format turtle", "unknown format `turtle`");
        check_err(".export yaml f", "unknown RDF format `yaml`");
        check_err(".prefix ex http://x", "usage: .prefix");
        check_err(".timer maybe", "usage: .timer on|off");
        check_err(".load", "usage: .load PATH...");
        check_err(".entity", "usage: .entity NAME");
        check_err(".stats now", "usage: .stats");
    }

    #[test]
    fn hints_complete_names_and_show_arguments() {
        let h = hint(".ent").unwrap();
        assert_eq!(h.display, "ity NAME");
        assert_eq!(h.insert.as_deref(), Some("ity"));
        assert_eq!(hint(".path ").unwrap().display, "A B");
        assert_eq!(hint(".p"), None);
        assert_eq!(hint("SELECT"), None);
    }

    #[test]
    fn help_lists_every_command() {
        let text = help(None).unwrap();
        for c in COMMANDS {
            assert!(text.contains(&format!(".{}", c.name)), "{}", c.name);
        }
        assert!(
            help(Some("entity"))
                .unwrap()
                .starts_with("usage: .entity NAME")
        );
        assert!(
            help(Some("entiy"))
                .unwrap_err()
                .to_string()
                .contains(".entity")
        );
    }
}
