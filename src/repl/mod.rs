//! The interactive SPARQL shell's logic, without a terminal.
//!
//! [`ReplSession`] holds the store, the declared prefixes and the settings,
//! and turns one input into a [`ReplOutput`] ([`session`]); [`command`]
//! parses an input into a [`ReplCommand`]; [`syntax`] says when multi-line
//! input is complete, splits scripts into statements and finds spans to
//! colour; [`complete`] offers Tab completions from a [`CompletionIndex`];
//! [`entity`] finds and describes entities. The binary's line editor is a
//! thin adapter over these; nothing here prints or reads a terminal.

pub mod command;
pub mod complete;
pub mod entity;
pub mod session;
pub mod syntax;

pub use command::ReplCommand;
pub use complete::{Candidate, CompletionIndex};
pub use session::{ReplOutput, ReplSession, Settings};
