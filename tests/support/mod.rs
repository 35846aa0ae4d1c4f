//! Shared helpers: a temporary workspace with its own store, and a command
//! builder over the built `newsgraph` binary that shows stdout and stderr
//! when an assertion fails.

#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// A temporary directory with a store path inside.
pub struct Workspace {
    pub dir: tempfile::TempDir,
}

impl Workspace {
    pub fn new() -> Self {
        Workspace {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn store(&self) -> String {
        self.path("store.db").to_string_lossy().into_owned()
    }

    /// Writes a file into the workspace and returns its path.
    pub fn write(&self, name: &str, content: impl AsRef<[u8]>) -> PathBuf {
        let path = self.path(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(&path, content).unwrap();
        path
    }

    /// `newsgraph --store <this store> ARGS`.
    pub fn run(&self, args: &[&str]) -> Run {
        let mut all = vec!["--store".to_string(), self.store()];
        all.extend(args.iter().map(|s| s.to_string()));
        Run::new(&all, None, &[])
    }

    /// Same with extra environment variables.
    pub fn run_with_env(&self, args: &[&str], env: &[(&str, &str)]) -> Run {
        let mut all = vec!["--store".to_string(), self.store()];
        all.extend(args.iter().map(|s| s.to_string()));
        Run::new(&all, None, env)
    }

    /// Same with standard input.
    pub fn run_with_stdin(&self, args: &[&str], stdin: &str) -> Run {
        let mut all = vec!["--store".to_string(), self.store()];
        all.extend(args.iter().map(|s| s.to_string()));
        Run::new(&all, Some(stdin), &[])
    }
}

/// The repository root (for `examples/`, `tests/data/`).
pub fn repo(rel: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(rel)
        .to_string_lossy()
        .into_owned()
}

/// The result of one run.
pub struct Run {
    pub args: Vec<String>,
    pub output: Output,
}

impl Run {
    fn new(args: &[String], stdin: Option<&str>, env: &[(&str, &str)]) -> Self {
        let mut command = Command::new(env!("CARGO_BIN_EXE_newsgraph"));
        command
            .args(args)
            .env_remove("NEWSGRAPH_STORE")
            .env_remove("NEWSGRAPH_ENDPOINT")
            .env("NO_COLOR", "1")
            .envs(env.iter().copied());
        command.stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        });
        command.stdout(Stdio::piped()).stderr(Stdio::piped());
        let mut child = command.spawn().expect("run newsgraph");
        if let Some(input) = stdin {
            child
                .stdin
                .take()
                .unwrap()
                .write_all(input.as_bytes())
                .unwrap();
        }
        let output = child.wait_with_output().expect("wait for newsgraph");
        Run {
            args: args.to_vec(),
            output,
        }
    }

    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.output.stdout).into_owned()
    }

    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.output.stderr).into_owned()
    }

    pub fn code(&self) -> i32 {
        self.output.status.code().unwrap_or(-1)
    }

    fn report(&self) -> String {
        format!(
            "newsgraph {}\n--- status: {}\n--- stdout:\n{}\n--- stderr:\n{}\n---",
            self.args.join(" "),
            self.code(),
            self.stdout(),
            self.stderr()
        )
    }

    /// Asserts exit status 0 and returns self.
    #[track_caller]
    pub fn success(self) -> Self {
        assert_eq!(self.code(), 0, "expected success\n{}", self.report());
        self
    }

    /// Asserts the exit status.
    #[track_caller]
    pub fn status(self, code: i32) -> Self {
        assert_eq!(self.code(), code, "unexpected status\n{}", self.report());
        self
    }

    #[track_caller]
    pub fn stdout_has(self, needle: &str) -> Self {
        assert!(
            self.stdout().contains(needle),
            "stdout lacks {needle:?}\n{}",
            self.report()
        );
        self
    }

    #[track_caller]
    pub fn stderr_has(self, needle: &str) -> Self {
        assert!(
            self.stderr().contains(needle),
            "stderr lacks {needle:?}\n{}",
            self.report()
        );
        self
    }
}

/// The single value of a one-cell SELECT printed as TSV.
pub fn single_value(run: &Run) -> String {
    run.stdout()
        .lines()
        .nth(1)
        .unwrap_or_default()
        .trim()
        .trim_matches('"')
        .to_string()
}
