//! The single integration-test binary: drives the real `newsgraph`
//! executable. Each module covers one area.

mod support;

mod cli;
mod endpoint;
mod perf;
