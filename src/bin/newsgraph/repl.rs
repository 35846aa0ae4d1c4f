//! `newsgraph repl`: chooses the interactive shell (a terminal) or script
//! mode (statements read from standard input), and routes each
//! [`ReplOutput`] to standard output or standard error. The REPL's logic is
//! the library's `newsgraph::repl`; the terminal side is `line_editor.rs`.

use std::io::{self, BufRead, BufWriter, IsTerminal, Write};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::process::ExitCode;

use clap::CommandFactory;
use newsgraph::repl::syntax::StatementReader;
use newsgraph::repl::{ReplOutput, ReplSession, Settings};
use newsgraph::store::KnowledgeStore;

use crate::args::Args;
use crate::line_editor;

/// True when both standard input and output are terminals.
pub fn on_terminal() -> bool {
    io::stdin().is_terminal() && io::stdout().is_terminal()
}

/// `newsgraph` alone, not on a terminal: the help text.
pub fn print_help() -> anyhow::Result<ExitCode> {
    Args::command().print_long_help()?;
    Ok(ExitCode::SUCCESS)
}

/// Runs the REPL on `store`: interactive on a terminal, a script otherwise.
pub fn run(store: KnowledgeStore, keep_going: bool) -> anyhow::Result<ExitCode> {
    if io::stdin().is_terminal() {
        let session = ReplSession::new(store, Settings::default());
        line_editor::interactive(session)
    } else {
        let settings = Settings {
            timer: false,
            max_rows: 0,
            ..Settings::default()
        };
        script(ReplSession::new(store, settings), keep_going)
    }
}

/// Evaluates one statement; a panic (a bug) becomes an error message, never a crash.
pub fn eval_guarded(session: &mut ReplSession, statement: &str) -> ReplOutput {
    catch_unwind(AssertUnwindSafe(|| session.eval(statement))).unwrap_or_else(|_| {
        ReplOutput::Error(
            "error: internal error while running this input (a bug; please report it with the input)\n"
                .into(),
        )
    })
}

/// Script mode: statements from standard input, results to standard output,
/// errors to standard error. Stops at the first error (exit 2) unless
/// `keep_going` (then exit 1 if anything failed).
fn script(mut session: ReplSession, keep_going: bool) -> anyhow::Result<ExitCode> {
    let stdin = io::stdin().lock();
    let mut out = BufWriter::new(io::stdout().lock());
    let mut reader = StatementReader::new();
    let mut failed = false;
    let mut lines = stdin.lines();
    loop {
        let statement = match lines.next() {
            Some(line) => {
                let line = line.map_err(|e| anyhow::anyhow!("reading standard input: {e}"))?;
                match reader.push_line(&line) {
                    Some(statement) => statement,
                    None => continue,
                }
            }
            None => match reader.finish() {
                Some(statement) => statement,
                None => break,
            },
        };
        match eval_guarded(&mut session, &statement.text) {
            ReplOutput::Nothing => {}
            ReplOutput::Text(text) => out.write_all(text.as_bytes())?,
            ReplOutput::Note(text) => {
                out.flush()?;
                eprint!("{text}");
            }
            ReplOutput::Error(text) => {
                out.flush()?;
                eprint!("{text}");
                eprintln!(
                    "  (in the statement at line {} of the input)",
                    statement.line
                );
                failed = true;
                if !keep_going {
                    return Ok(ExitCode::from(2));
                }
            }
            ReplOutput::Quit => break,
        }
    }
    out.flush()?;
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
