//! The single integration-test binary: drives the real `newsgraph`
//! executable. Each module covers one area.

mod support;

mod analysis;
mod cli;
mod endpoint;
mod extraction;
mod perf;
mod repl;
mod repl_pty;
mod resolve;
mod sources;
mod tidy;
