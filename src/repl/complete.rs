//! Tab completion without a terminal: given the input and the cursor,
//! where the word being completed starts and what could replace it.
//!
//! [`CompletionIndex`] is a snapshot of what the store knows (declared
//! prefixes, `ng:` terms of the ontology graph, entity names) taken by
//! [`crate::repl::ReplSession::completion_index`]; completing never queries
//! the store, so it stays fast while the user types.

use std::path::Path;

use crate::repl::command::{self, ArgKind, COMMANDS, EXPORT_FORMATS};
use crate::repl::entity::EntityName;
use crate::repl::syntax::KEYWORDS;

/// One completion: what the list shows and what goes into the line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// Shown in the list of alternatives.
    pub display: String,
    /// Inserted in place of the word.
    pub replacement: String,
}

impl Candidate {
    fn same(text: impl Into<String>) -> Self {
        let text = text.into();
        Candidate {
            display: text.clone(),
            replacement: text,
        }
    }
}

/// What completion draws on.
#[derive(Debug, Clone, Default)]
pub struct CompletionIndex {
    /// Declared prefixes (defaults and the user's), name → namespace.
    pub prefixes: Vec<(String, String)>,
    /// Ontology terms as prefixed names (`ng:Person`, `ng:met`).
    pub terms: Vec<String>,
    /// Entities with their labels and aliases.
    pub entities: Vec<EntityName>,
}

impl CompletionIndex {
    /// The start of the word under completion and the candidates for it.
    pub fn complete(&self, line: &str, pos: usize) -> (usize, Vec<Candidate>) {
        let pos = floor_char_boundary(line, pos.min(line.len()));
        let before = &line[..pos];
        let statement_start = before.rfind('\n').map_or(0, |i| i + 1);
        let current = &before[statement_start..];
        if before.trim_start().starts_with('.') && !before.trim_start()[1..].contains('\n') {
            let offset = before.len() - before.trim_start().len();
            let (start, candidates) = self.complete_command(&before[offset..]);
            return (start + offset, candidates);
        }
        let _ = current;
        self.complete_sparql(before)
    }

    fn complete_command(&self, line: &str) -> (usize, Vec<Candidate>) {
        let Some(space) = line.find(char::is_whitespace) else {
            let typed = &line[1..];
            let candidates = COMMANDS
                .iter()
                .filter(|c| c.name.starts_with(typed))
                .map(|c| Candidate {
                    display: format!(".{}", c.name),
                    replacement: format!(".{} ", c.name),
                })
                .collect();
            return (0, candidates);
        };
        let Some(info) = command::command_info(&line[1..space]) else {
            return (line.len(), Vec::new());
        };
        let args_start = space + (line[space..].len() - line[space..].trim_start().len());
        let args = &line[args_start..];
        let (arg_idx, word_start) = current_argument(args);
        let word = &args[word_start..];
        let start = args_start + word_start;
        let candidates = match (info.completes, arg_idx) {
            (ArgKind::Paths, _) | (ArgKind::FormatThenPath, 1) | (ArgKind::PathThenEntity, 0) => {
                complete_path(word)
            }
            (ArgKind::Commands, 0) => COMMANDS
                .iter()
                .filter(|c| c.name.starts_with(word.trim_start_matches('.')))
                .map(|c| Candidate::same(c.name))
                .collect(),
            (ArgKind::Words(words), 0) => words
                .iter()
                .filter(|w| w.starts_with(word))
                .map(|w| Candidate::same(*w))
                .collect(),
            (ArgKind::FormatThenPath, 0) => EXPORT_FORMATS
                .iter()
                .filter(|w| w.starts_with(word))
                .map(|w| Candidate::same(format!("{w} ")))
                .collect(),
            (ArgKind::EntityRest, _) => {
                // The name is the rest of the line: complete all of it, spaces included.
                return (
                    args_start,
                    self.entity_names(args, false)
                        .into_iter()
                        .map(|(e, _)| Candidate::same(e.label.clone()))
                        .collect(),
                );
            }
            (ArgKind::Entities, 0..=1) | (ArgKind::PathThenEntity, 1) => self
                .entity_names(word.trim_start_matches(['"', '\'']), true)
                .into_iter()
                .map(|(e, _)| Candidate::same(command::quote_if_needed(&e.label)))
                .collect(),
            _ => Vec::new(),
        };
        (start, candidates)
    }

    fn complete_sparql(&self, before: &str) -> (usize, Vec<Candidate>) {
        let start = word_start(before);
        let word = &before[start..];
        let mut out = Vec::new();
        if let Some(typed) = word.strip_prefix('"') {
            for (entity, _) in self.entity_names(typed, true) {
                out.push(Candidate {
                    display: format!("\"{}\"", entity.label),
                    replacement: format!("\"{}\"", entity.label),
                });
            }
            return (start, dedup(out));
        }
        if word.starts_with('?') || word.starts_with('$') {
            let mut seen: Vec<String> = Vec::new();
            for token in before[..start]
                .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '?' || c == '$'))
            {
                if (token.starts_with('?') || token.starts_with('$'))
                    && token.len() > 1
                    && token[1..].starts_with(&word[1..])
                    && token[1..] != word[1..]
                    && !seen.iter().any(|s| s[1..] == token[1..])
                {
                    seen.push(format!("{}{}", &word[..1], &token[1..]));
                }
            }
            return (start, seen.into_iter().map(Candidate::same).collect());
        }
        if let Some((prefix, local)) = word.split_once(':') {
            if self.prefixes.iter().any(|(p, _)| p == prefix) {
                for term in &self.terms {
                    if term.starts_with(word) {
                        out.push(Candidate::same(term.clone()));
                    }
                }
                for entity in &self.entities {
                    if entity.compact.starts_with(word) {
                        out.push(Candidate {
                            display: format!("{} ({})", entity.compact, entity.label),
                            replacement: format!("<{}>", entity.iri),
                        });
                    }
                }
            }
            let _ = local;
            return (start, dedup(out));
        }
        if word.is_empty() {
            return (start, out);
        }
        let lower = word.chars().all(|c| !c.is_uppercase());
        for keyword in KEYWORDS {
            if keyword.len() >= word.len() && keyword[..word.len()].eq_ignore_ascii_case(word) {
                out.push(Candidate::same(if lower {
                    keyword.to_lowercase()
                } else {
                    keyword.to_string()
                }));
            }
        }
        for (prefix, _) in &self.prefixes {
            if prefix.starts_with(word) {
                out.push(Candidate::same(format!("{prefix}:")));
            }
        }
        // `ngid:entity/x` is how tables show an entity, but `/` is not allowed
        // in a prefixed name, so the full IRI goes into the query.
        for (entity, matched) in self.entity_names(word, true) {
            out.push(Candidate {
                display: format!("{matched} → {}", entity.compact),
                replacement: format!("<{}>", entity.iri),
            });
        }
        (start, dedup(out))
    }

    /// Entities whose label or an alias starts with `typed` (or one of whose
    /// words does, when `by_word`), case-insensitively, with the name that matched.
    fn entity_names(&self, typed: &str, by_word: bool) -> Vec<(&EntityName, String)> {
        let typed = typed.to_lowercase();
        let mut out = Vec::new();
        for entity in &self.entities {
            let names = std::iter::once(&entity.label).chain(&entity.aliases);
            for name in names {
                let lower = name.to_lowercase();
                let hit = lower.starts_with(&typed)
                    || (by_word && lower.split_whitespace().any(|w| w.starts_with(&typed)));
                if hit {
                    out.push((entity, name.clone()));
                    break;
                }
            }
        }
        out.sort_by(|a, b| a.0.label.cmp(&b.0.label));
        out
    }
}

fn dedup(mut candidates: Vec<Candidate>) -> Vec<Candidate> {
    let mut seen = std::collections::HashSet::new();
    candidates.retain(|c| seen.insert(c.replacement.clone()));
    candidates
}

/// Start of the SPARQL word before the end of `before`.
fn word_start(before: &str) -> usize {
    let mut start = before.len();
    for (i, c) in before.char_indices().rev() {
        if c.is_alphanumeric() || "_-:/?$.#%".contains(c) {
            start = i;
        } else if c == '"' {
            start = i;
            break;
        } else {
            break;
        }
    }
    // A leading '.' ends the previous triple, it does not start this word.
    while before[start..].starts_with('.') && start < before.len() {
        start += 1;
    }
    start
}

/// Index of the argument under the cursor and the byte where it starts.
fn current_argument(args: &str) -> (usize, usize) {
    let mut idx = 0;
    let mut start = 0;
    let mut quote = None;
    let mut in_arg = false;
    for (i, c) in args.char_indices() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c.is_whitespace() => {
                if in_arg {
                    idx += 1;
                    in_arg = false;
                }
            }
            None => {
                if !in_arg {
                    start = i;
                    in_arg = true;
                }
                if c == '"' || c == '\'' {
                    quote = Some(c);
                }
            }
        }
    }
    if !in_arg {
        start = args.len();
    }
    (idx, start)
}

/// File and folder names starting with `typed` (relative to the current directory).
fn complete_path(typed: &str) -> Vec<Candidate> {
    let (dir, name_start) = match typed.rfind('/') {
        Some(i) => (&typed[..=i], &typed[i + 1..]),
        None => ("", typed),
    };
    let expanded = match dir.strip_prefix("~/") {
        Some(rest) => std::env::var_os("HOME")
            .map(|h| Path::new(&h).join(rest))
            .unwrap_or_else(|| dir.into()),
        None => Path::new(if dir.is_empty() { "." } else { dir }).to_path_buf(),
    };
    let Ok(entries) = std::fs::read_dir(&expanded) else {
        return Vec::new();
    };
    let mut out: Vec<Candidate> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            if !name.starts_with(name_start)
                || (name.starts_with('.') && !name_start.starts_with('.'))
            {
                return None;
            }
            let slash = if e.path().is_dir() { "/" } else { "" };
            Some(Candidate {
                display: format!("{name}{slash}"),
                replacement: format!("{dir}{name}{slash}"),
            })
        })
        .collect();
    out.sort_by(|a, b| a.display.cmp(&b.display));
    out
}

fn floor_char_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index() -> CompletionIndex {
        CompletionIndex {
            prefixes: vec![
                ("ng".into(), "https://w3id.org/newsgraph/ontology#".into()),
                (
                    "rdfs".into(),
                    "http://www.w3.org/2000/01/rdf-schema#".into(),
                ),
            ],
            terms: vec!["ng:Person".into(), "ng:met".into(), "ng:Place".into()],
            entities: vec![EntityName {
                iri: "https://w3id.org/newsgraph/id/entity/steve-witkoff".into(),
                compact: "ngid:entity/steve-witkoff".into(),
                label: "Steve Witkoff".into(),
                aliases: vec!["Witkoff".into()],
            }],
        }
    }

    fn check(line: &str, expected: &[&str]) {
        let (start, candidates) = index().complete(line, line.len());
        let got: Vec<String> = candidates
            .iter()
            .map(|c| format!("{}{}", &line[..start], c.replacement))
            .collect();
        assert_eq!(got, expected, "{line}");
    }

    #[test]
    fn keywords_prefixes_and_terms() {
        check("SEL", &["SELECT"]);
        check("sel", &["select"]);
        check(
            "SELECT ?x WHERE { ?x a ng:P",
            &[
                "SELECT ?x WHERE { ?x a ng:Person",
                "SELECT ?x WHERE { ?x a ng:Place",
            ],
        );
        check("SELECT * WHERE { ?x rd", &["SELECT * WHERE { ?x rdfs:"]);
        check(
            "SELECT ?name WHERE { ?x rdfs:label ?n",
            &["SELECT ?name WHERE { ?x rdfs:label ?name"],
        );
    }

    #[test]
    fn entity_labels_become_iris_or_quoted_labels() {
        check(
            "SELECT * WHERE { Witk",
            &["SELECT * WHERE { <https://w3id.org/newsgraph/id/entity/steve-witkoff>"],
        );
        check(
            "SELECT * WHERE { ?e rdfs:label \"Ste",
            &["SELECT * WHERE { ?e rdfs:label \"Steve Witkoff\""],
        );
        check(".entity ste", &[".entity Steve Witkoff"]);
        check(".path Wit", &[".path \"Steve Witkoff\""]);
        check(
            ".path \"Steve Witkoff\" ste",
            &[".path \"Steve Witkoff\" \"Steve Witkoff\""],
        );
    }

    #[test]
    fn commands_and_their_words() {
        check(".ent", &[".entity "]);
        check(".format c", &[".format csv"]);
        check(".timer o", &[".timer on", ".timer off"]);
        check(".help sta", &[".help stats"]);
        check(".export tu", &[".export turtle "]);
        check(".nosuch x", &[]);
    }

    #[test]
    fn paths_after_file_commands() {
        let dir = format!("{}/examples/art", env!("CARGO_MANIFEST_DIR"));
        let line = format!(".load {dir}");
        let (start, candidates) = index().complete(&line, line.len());
        assert_eq!(start, ".load ".len());
        let replaced: Vec<&str> = candidates.iter().map(|c| c.replacement.as_str()).collect();
        assert_eq!(replaced, [format!("{dir}icles/")]);
        let line = format!(".export turtle {dir}icles/gold");
        let (_, candidates) = index().complete(&line, line.len());
        assert_eq!(candidates[0].display, "gold.tsv");
    }
}
