//! The `newsgraph` binary: parses arguments, runs one command, prints the
//! error chain once, and decides the exit status (0 ok, 1 some inputs
//! failed, 2 error). A broken pipe (`newsgraph facts | head`) is success.

mod analysis;
mod args;
mod bench;
mod commands;
mod line_editor;
mod repl;
mod resolve;
mod sources;

use std::process::ExitCode;

use clap::Parser;

/// mimalloc, for every allocation of the process (its `override` feature
/// also replaces `malloc` for the C++ of RocksDB, so memory allocated on one
/// side and freed on the other stays with one allocator). Extraction
/// allocates many small strings on every worker thread, where glibc's
/// allocator spent about a quarter of the time.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let args = args::Args::parse();
    match commands::run(args) {
        Ok(status) => status,
        Err(error) => {
            if error.chain().any(is_broken_pipe) {
                return ExitCode::SUCCESS;
            }
            eprintln!("error: {error:#}");
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(cause: &(dyn std::error::Error + 'static)) -> bool {
    if let Some(io) = cause.downcast_ref::<std::io::Error>() {
        return io.kind() == std::io::ErrorKind::BrokenPipe;
    }
    if let Some(newsgraph::Error::Io { source, .. }) = cause.downcast_ref::<newsgraph::Error>() {
        return source.kind() == std::io::ErrorKind::BrokenPipe;
    }
    false
}
