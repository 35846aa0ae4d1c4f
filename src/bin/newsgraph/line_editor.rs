//! The interactive shell's terminal side, and the only file that uses
//! rustyline: an [`Editor`] with a [`ReplHelper`] that adapts the library's
//! completion, hints, highlighting spans and completeness check, a
//! persistent history file, and the read–eval–print loop.
//!
//! rustyline draws no prompt in front of continuation lines, so a query typed
//! line by line is gathered here, with a `...>` prompt for each further line;
//! the validator keeps a recalled or pasted multi-line query in one buffer
//! until it is complete.

use std::borrow::Cow;
use std::path::PathBuf;
use std::process::ExitCode;

use newsgraph::repl::command;
use newsgraph::repl::syntax::{self, TokenKind};
use newsgraph::repl::{CompletionIndex, ReplOutput, ReplSession};
use rustyline::completion::{Completer, Pair};
use rustyline::config::{ColorMode, CompletionType, Config};
use rustyline::error::ReadlineError;
use rustyline::highlight::{CmdKind, Highlighter};
use rustyline::hint::{Hint, Hinter};
use rustyline::history::DefaultHistory;
use rustyline::validate::{ValidationContext, ValidationResult, Validator};
use rustyline::{Context, Editor, Helper};

use crate::repl::eval_guarded;

const PROMPT: &str = "newsgraph> ";
const CONTINUATION: &str = "      ...> ";

/// Runs the interactive loop until `.quit` or Ctrl-D.
pub fn interactive(mut session: ReplSession) -> anyhow::Result<ExitCode> {
    let color = colour_wanted();
    let config = Config::builder()
        .auto_add_history(false)
        .history_ignore_space(true)
        .history_ignore_dups(true)?
        .max_history_size(10_000)?
        .completion_type(CompletionType::List)
        .color_mode(if color {
            ColorMode::Enabled
        } else {
            ColorMode::Disabled
        })
        .build();
    let mut editor: Editor<ReplHelper, DefaultHistory> = Editor::with_config(config)?;
    editor.set_helper(Some(ReplHelper {
        index: session.completion_index(),
        pending: String::new(),
        color,
    }));
    let history = history_path();
    if let Some(path) = &history {
        // A missing or unreadable history file just means no history yet.
        let _ = editor.load_history(path);
    }
    if let Some((cols, _)) = editor.dimensions() {
        session.settings.width = Some(cols);
    }
    print!("{}", session.banner());
    let mut pending = String::new();
    loop {
        if let Some(helper) = editor.helper_mut() {
            helper.pending = pending.clone();
        }
        let prompt = if pending.is_empty() {
            PROMPT
        } else {
            CONTINUATION
        };
        let line = match editor.readline(prompt) {
            Ok(line) => line,
            Err(ReadlineError::Interrupted) => {
                // Ctrl-C drops what was typed so far and stays.
                pending.clear();
                continue;
            }
            Err(ReadlineError::Eof) => break,
            Err(e) => return Err(e.into()),
        };
        if pending.is_empty() {
            pending = line;
        } else {
            pending.push('\n');
            pending.push_str(&line);
        }
        if !syntax::is_complete(&pending) {
            continue;
        }
        let statement = std::mem::take(&mut pending);
        if syntax::is_blank(&statement) {
            continue;
        }
        let entry = history_entry(&statement);
        if editor.add_history_entry(entry.as_str())?
            && let Some(path) = &history
        {
            save_history(&mut editor, path);
        }
        if let Some((cols, _)) = editor.dimensions() {
            session.settings.width = Some(cols);
        }
        match eval_guarded(&mut session, &statement) {
            ReplOutput::Nothing => {}
            ReplOutput::Text(text) | ReplOutput::Note(text) => print!("{text}"),
            ReplOutput::Error(text) => eprint!("{text}"),
            ReplOutput::Quit => break,
        }
        if let Some(helper) = editor.helper_mut() {
            helper.index = session.completion_index();
        }
    }
    if let Some(path) = &history {
        save_history(&mut editor, path);
    }
    Ok(ExitCode::SUCCESS)
}

/// How a statement is kept in history: SPARQL gets its `;` so that recalling
/// it and pressing Enter runs it at once.
fn history_entry(statement: &str) -> String {
    let trimmed = statement.trim();
    if trimmed.starts_with('.') || trimmed.ends_with(';') {
        trimmed.to_string()
    } else {
        format!("{trimmed};")
    }
}

fn save_history(editor: &mut Editor<ReplHelper, DefaultHistory>, path: &PathBuf) {
    if let Some(dir) = path.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    if let Err(e) = editor.save_history(path) {
        eprintln!(
            "warning: cannot save the history to {}: {e}",
            path.display()
        );
    }
}

/// `NEWSGRAPH_HISTORY`, else `$XDG_DATA_HOME/newsgraph/history`, else
/// `~/.local/share/newsgraph/history`. An empty `NEWSGRAPH_HISTORY` keeps no history.
fn history_path() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("NEWSGRAPH_HISTORY") {
        return (!path.is_empty()).then(|| PathBuf::from(path));
    }
    let data = std::env::var_os("XDG_DATA_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")))?;
    Some(data.join("newsgraph").join("history"))
}

/// Colour unless `NO_COLOR` is set or the terminal is dumb.
fn colour_wanted() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        && std::env::var("TERM").map_or(true, |t| t != "dumb")
}

/// The rustyline helper: every method defers to `newsgraph::repl`.
struct ReplHelper {
    index: CompletionIndex,
    /// Lines of the current statement already entered.
    pending: String,
    color: bool,
}

impl Helper for ReplHelper {}

impl Completer for ReplHelper {
    type Candidate = Pair;

    fn complete(
        &self,
        line: &str,
        pos: usize,
        _ctx: &Context<'_>,
    ) -> rustyline::Result<(usize, Vec<Pair>)> {
        // Complete against the whole statement so far, so earlier lines' variables count.
        let offset = if self.pending.is_empty() {
            0
        } else {
            self.pending.len() + 1
        };
        let text = if self.pending.is_empty() {
            line.to_string()
        } else {
            format!("{}\n{line}", self.pending)
        };
        let (start, candidates) = self.index.complete(&text, pos + offset);
        let pairs = candidates
            .into_iter()
            .map(|c| Pair {
                display: c.display,
                replacement: c.replacement,
            })
            .collect();
        Ok((start.saturating_sub(offset), pairs))
    }
}

/// A hint after the cursor; Right-arrow inserts only `insert`.
struct ReplHint {
    display: String,
    insert: Option<String>,
}

impl Hint for ReplHint {
    fn display(&self) -> &str {
        &self.display
    }

    fn completion(&self) -> Option<&str> {
        self.insert.as_deref()
    }
}

impl Hinter for ReplHelper {
    type Hint = ReplHint;

    fn hint(&self, line: &str, pos: usize, _ctx: &Context<'_>) -> Option<ReplHint> {
        if pos < line.len() {
            return None;
        }
        if !self.pending.is_empty() {
            // On an empty continuation line, say what the statement still needs.
            if !line.is_empty() {
                return None;
            }
            return syntax::waiting_for(&self.pending).map(|what| ReplHint {
                display: format!("  ({what})"),
                insert: None,
            });
        }
        command::hint(line).map(|h| ReplHint {
            display: h.display,
            insert: h.insert,
        })
    }
}

impl Highlighter for ReplHelper {
    fn highlight<'l>(&self, line: &'l str, pos: usize) -> Cow<'l, str> {
        if !self.color {
            return Cow::Borrowed(line);
        }
        let spans = syntax::highlight_spans(line, pos);
        if spans.is_empty() {
            return Cow::Borrowed(line);
        }
        let mut out = String::with_capacity(line.len() + spans.len() * 10);
        let mut at = 0;
        for (range, kind) in spans {
            if range.start < at || range.end > line.len() {
                continue;
            }
            out.push_str(&line[at..range.start]);
            out.push_str(colour(kind));
            out.push_str(&line[range.clone()]);
            out.push_str("\x1b[0m");
            at = range.end;
        }
        out.push_str(&line[at..]);
        Cow::Owned(out)
    }

    fn highlight_prompt<'b, 's: 'b, 'p: 'b>(
        &'s self,
        prompt: &'p str,
        _default: bool,
    ) -> Cow<'b, str> {
        if self.color {
            Cow::Owned(format!("\x1b[1;32m{prompt}\x1b[0m"))
        } else {
            Cow::Borrowed(prompt)
        }
    }

    fn highlight_hint<'h>(&self, hint: &'h str) -> Cow<'h, str> {
        if self.color {
            Cow::Owned(format!("\x1b[2m{hint}\x1b[0m"))
        } else {
            Cow::Borrowed(hint)
        }
    }

    fn highlight_char(&self, _line: &str, _pos: usize, _kind: CmdKind) -> bool {
        self.color
    }
}

fn colour(kind: TokenKind) -> &'static str {
    match kind {
        TokenKind::Keyword => "\x1b[1;34m",
        TokenKind::Variable => "\x1b[36m",
        TokenKind::Iri => "\x1b[32m",
        TokenKind::Literal => "\x1b[33m",
        TokenKind::Comment => "\x1b[90m",
        TokenKind::Command => "\x1b[1;35m",
        TokenKind::MatchingBracket => "\x1b[1;7m",
    }
}

impl Validator for ReplHelper {
    /// A single typed line is always accepted (the loop above gathers the
    /// statement with a continuation prompt); a buffer that already spans
    /// lines (recalled from history, or pasted) stays open until complete.
    fn validate(&self, ctx: &mut ValidationContext<'_>) -> rustyline::Result<ValidationResult> {
        let input = ctx.input();
        if !input.contains('\n') {
            return Ok(ValidationResult::Valid(None));
        }
        let whole = if self.pending.is_empty() {
            input.to_string()
        } else {
            format!("{}\n{input}", self.pending)
        };
        Ok(if syntax::is_complete(&whole) {
            ValidationResult::Valid(None)
        } else {
            ValidationResult::Incomplete
        })
    }
}
