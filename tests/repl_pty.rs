//! `newsgraph repl` on a real pseudo-terminal: typing, Tab completion,
//! history across restarts, Ctrl-C, and what the screen shows. The bytes the
//! REPL writes are fed to a terminal emulator (vt100), and the assertions
//! read its screen, as a person would.

use std::io::ErrorKind;
use std::num::NonZeroU16;
use std::path::Path;
use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant};

use expectrl::Session;
use expectrl::process::unix::{PtyStream, UnixProcess};

use crate::repl::seed_only_workspace;
use crate::support::Workspace;

const ROWS: u16 = 50;
const COLS: u16 = 160;
/// How long to wait for the screen to show something before failing.
const PATIENCE: Duration = Duration::from_secs(30);

const TAB: &str = "\t";
const ENTER: &str = "\r";
const CTRL_C: &str = "\x03";
const CTRL_D: &str = "\x04";
const CTRL_R: &str = "\x12";

/// A running `newsgraph repl` and the screen it draws on.
struct Terminal {
    session: Session<UnixProcess, PtyStream>,
    screen: vt100::Parser,
}

impl Terminal {
    fn start(ws: &Workspace, history: &Path, color: bool) -> Self {
        let mut command = Self::command(ws, &["repl"]);
        command.env("NEWSGRAPH_HISTORY", history);
        if !color {
            command.env("NO_COLOR", "1");
        }
        Self::spawn(command)
    }

    /// `newsgraph --store <the workspace's store> ARGS` with a plain environment.
    fn command(ws: &Workspace, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_newsgraph"));
        command
            .args(["--store", &ws.store()])
            .args(args)
            .env("TERM", "xterm-256color")
            .env_remove("NEWSGRAPH_HISTORY")
            .env_remove("NEWSGRAPH_STORE")
            .env_remove("NO_COLOR")
            .current_dir(ws.dir.path());
        command
    }

    fn spawn(command: Command) -> Self {
        let mut session = Session::spawn(command).expect("start newsgraph repl on a pty");
        session
            .get_process_mut()
            .set_window_size(COLS, ROWS)
            .expect("set the window size");
        Terminal {
            session,
            screen: vt100::Parser::new(
                NonZeroU16::new(ROWS).unwrap(),
                NonZeroU16::new(COLS).unwrap(),
                0,
            ),
        }
    }

    fn send(&mut self, keys: &str) {
        use std::io::Write;
        self.session.write_all(keys.as_bytes()).expect("type");
        self.session.flush().expect("flush");
    }

    /// Reads what the program wrote so far; false once it has exited.
    fn pump(&mut self) -> bool {
        let mut buf = [0u8; 8192];
        loop {
            match self.session.try_read(&mut buf) {
                Ok(0) => return false,
                Ok(n) => self.screen.process(&buf[..n]),
                Err(e) if e.kind() == ErrorKind::WouldBlock => return true,
                // EIO: the other end of the pty is closed.
                Err(_) => return false,
            }
        }
    }

    fn contents(&self) -> String {
        self.screen.screen().contents()
    }

    /// The screen row the cursor is on.
    fn cursor_line(&self) -> String {
        let (row, _) = self.screen.screen().cursor_position();
        self.contents()
            .lines()
            .nth(row as usize)
            .unwrap_or_default()
            .to_string()
    }

    /// Waits until `done` holds for the screen; fails showing the screen otherwise.
    #[track_caller]
    fn wait_until(&mut self, what: &str, done: impl Fn(&Terminal) -> bool) {
        let started = Instant::now();
        loop {
            let alive = self.pump();
            if done(self) {
                return;
            }
            if !alive || started.elapsed() > PATIENCE {
                panic!(
                    "the screen never showed {what} (process {}):\n{}\n",
                    if alive { "running" } else { "gone" },
                    self.framed()
                );
            }
            sleep(Duration::from_millis(20));
        }
    }

    #[track_caller]
    fn wait_for(&mut self, text: &str) {
        self.wait_until(&format!("{text:?}"), |t| t.contents().contains(text));
    }

    /// Waits for a fresh, empty main prompt on the cursor's line.
    #[track_caller]
    fn wait_for_prompt(&mut self) {
        self.wait_until("an empty prompt", |t| {
            t.cursor_line().trim_end() == "newsgraph>"
        });
    }

    #[track_caller]
    fn wait_for_exit(&mut self) {
        let started = Instant::now();
        while self.pump() {
            if started.elapsed() > PATIENCE {
                panic!("newsgraph did not exit:\n{}", self.framed());
            }
            sleep(Duration::from_millis(20));
        }
    }

    fn framed(&self) -> String {
        let line = "─".repeat(COLS as usize);
        format!("{line}\n{}\n{line}", self.contents())
    }

    /// Clears the emulator's screen (not the program's), so later waits see only new output.
    fn forget(&mut self) {
        self.screen.process(b"\x1b[2J\x1b[H");
    }
}

#[test]
fn an_analyst_session_on_a_terminal() {
    let ws = seed_only_workspace();
    let history = ws.path("history/newsgraph");
    let mut term = Terminal::start(&ws, &history, true);
    term.wait_for("1 document, 6 entities, 4 facts");
    term.wait_for_prompt();

    // A multi-line query: continuation prompts until a blank line; Tab completes a prefixed name.
    term.send("SELECT ?person ?label WHERE {");
    term.send(ENTER);
    term.wait_until("a continuation prompt", |t| {
        t.cursor_line().trim().starts_with("...>")
    });
    // The empty continuation line says what the statement still needs.
    term.wait_for("...>   (waiting for `}` (Ctrl-C cancels))");
    term.send("  ?person a ng:Pers");
    term.send(TAB);
    term.wait_for("?person a ng:Person");
    term.send(" ; rdfs:label ?label .");
    term.send(ENTER);
    // Like a person, wait for each prompt before typing on.
    term.wait_until("a second continuation prompt", |t| {
        t.contents().matches("...>").count() == 2
    });
    term.send("} ORDER BY ?label");
    term.send(ENTER);
    term.wait_until("a third continuation prompt", |t| {
        t.contents().matches("...>").count() == 3
    });
    term.send(ENTER);
    term.wait_for("3 rows");
    let screen = term.contents();
    assert!(
        screen.contains("      ...>   ?person a ng:Person ; rdfs:label ?label ."),
        "{screen}"
    );
    assert!(screen.contains("│ ?person"), "{screen}");
    assert!(
        screen.contains("Steve Witkoff (ngid:entity/steve-witkoff)"),
        "{screen}"
    );
    term.wait_for_prompt();

    // Keywords are coloured as they are typed (NO_COLOR is not set here).
    term.forget();
    term.send("ASK { ?s ?p ?o }");
    term.wait_for("ASK { ?s ?p ?o }");
    let (row, col) = find(&term.contents(), "ASK {").expect("typed text on screen");
    let cell = term.screen.screen().cell(row, col).unwrap().clone();
    assert!(cell.bold(), "keywords are bold");
    assert_ne!(
        cell.fgcolor(),
        vt100::Color::Default,
        "keywords are coloured"
    );
    term.send(CTRL_C);
    term.wait_for_prompt();

    // An entity name: Tab turns a fragment of a label into the entity's IRI.
    term.forget();
    term.send("SELECT ?p ?o WHERE { Dmitr");
    term.send(TAB);
    term.wait_for("SELECT ?p ?o WHERE { <https://w3id.org/newsgraph/id/entity/kirill-dmitriev>");
    term.send(" ?p ?o } ORDER BY ?p;");
    term.send(ENTER);
    term.wait_for("rows");
    assert!(
        term.contents().contains("│ rdfs:label"),
        "{}",
        term.framed()
    );
    assert!(
        term.contents().contains("Kirill Dmitriev"),
        "{}",
        term.framed()
    );
    term.wait_for_prompt();

    // .entity with a name completed from an alias.
    term.forget();
    term.send(".entity Witk");
    term.send(TAB);
    term.wait_for(".entity Steve Witkoff");
    term.send(ENTER);
    term.wait_for("Steve Witkoff met → Kirill Dmitriev");
    let screen = term.contents();
    assert!(screen.contains("type         Person"), "{screen}");
    assert!(
        screen.contains("“Steve Witkoff met Kirill Dmitriev in Miami on Saturday.”"),
        "{screen}"
    );
    term.wait_for_prompt();

    // A malformed query: the parser's message, the line, a caret under the column, and the prompt again.
    term.forget();
    term.send("SELECT ?x WHERE { ?x ?y };");
    term.send(ENTER);
    term.wait_for("malformed SPARQL");
    term.wait_for_prompt();
    let screen = term.contents();
    let lines: Vec<&str> = screen.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.starts_with("  1 | SELECT ?x WHERE { ?x ?y }"))
        .unwrap_or_else(|| panic!("no excerpt:\n{screen}"));
    let caret = lines[at + 1];
    assert!(
        caret.starts_with("    | ") && caret.trim_end().ends_with('^'),
        "{screen}"
    );
    assert!(
        caret.find('^').unwrap() > "    | SELECT ?x WHERE {".len(),
        "{screen}"
    );

    // An unknown command gets a suggestion; Ctrl-C drops a half-typed query and stays.
    term.forget();
    term.send(".sourcs");
    term.send(ENTER);
    term.wait_for("did you mean `.sources`?");
    term.send("SELECT ?x WHERE {");
    term.send(ENTER);
    term.wait_until("a continuation prompt", |t| {
        t.cursor_line().trim().starts_with("...>")
    });
    term.send(CTRL_C);
    term.wait_for_prompt();
    term.send(CTRL_D);
    term.wait_for_exit();

    // After a restart, Ctrl-R finds the multi-line query in the history, and Enter runs it.
    let mut term = Terminal::start(&ws, &history, false);
    term.wait_for_prompt();
    term.send(CTRL_R);
    term.send("ORDER BY ?label");
    term.wait_for("?person a ng:Person");
    term.send(ENTER);
    term.wait_for("3 rows");
    assert!(
        term.contents()
            .contains("Kirill Dmitriev (ngid:entity/kirill-dmitriev)"),
        "{}",
        term.framed()
    );
    let (row, col) = find(&term.contents(), "SELECT ?person").expect("recalled query on screen");
    let cell = term.screen.screen().cell(row, col).unwrap().clone();
    assert_eq!(
        cell.fgcolor(),
        vt100::Color::Default,
        "NO_COLOR means no colour"
    );
    term.wait_for_prompt();
    term.send(".quit");
    term.send(ENTER);
    term.wait_for_exit();
    let saved = std::fs::read_to_string(&history).unwrap();
    assert!(saved.contains(".entity Steve Witkoff"), "{saved}");
}

/// Row and column of `needle` on the screen.
fn find(contents: &str, needle: &str) -> Option<(u16, u16)> {
    contents.lines().enumerate().find_map(|(row, line)| {
        line.find(needle)
            .map(|at| (row as u16, line[..at].chars().count() as u16))
    })
}

#[test]
fn newsgraph_alone_on_a_terminal_opens_the_repl_with_history_in_the_data_directory() {
    let ws = seed_only_workspace();
    let mut command = Terminal::command(&ws, &[]);
    command
        .env("XDG_DATA_HOME", ws.path("data"))
        .env("NO_COLOR", "1");
    let mut term = Terminal::spawn(command);
    term.wait_for("1 document, 6 entities, 4 facts");
    term.wait_for_prompt();
    // A hint shows the rest of a command and its arguments; Right-arrow takes the name only.
    term.send(".neigh");
    term.wait_for(".neighbors NAME [HOPS]");
    term.send("\x1b[C");
    term.send(" Russia");
    term.send(ENTER);
    term.wait_for("Russia —claims_control→ Pokrovsk");
    term.wait_for_prompt();
    term.send(".stats");
    term.send(ENTER);
    term.wait_for("│ documents");
    term.wait_for_prompt();
    term.send(CTRL_D);
    term.wait_for_exit();
    let saved = std::fs::read_to_string(ws.path("data/newsgraph/history")).unwrap();
    assert!(saved.contains(".neighbors Russia"), "{saved}");
    assert!(saved.contains(".stats"), "{saved}");
}
