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

#[cfg(test)]
mod tests {
    use crate::repl::complete::CompletionIndex;
    use crate::repl::entity::EntityName;
    use crate::repl::{command, syntax};

    /// Whatever is typed, the pure parts of the REPL never panic: parsing,
    /// completeness, hints, highlighting, and completion at every cursor position.
    #[test]
    fn no_input_makes_the_repl_logic_panic() {
        let pieces = [
            "SELECT", " ", "?x", "{", "}", "(", ")", "[", "]", "\"", "'", "\"\"\"", "<", ">", "#",
            "\\", "\n", ";", ".", ":", "ng:", "é", "Ж", "😀", "$", "1.5", ".entity ", ".path ",
            ".load ", ".export ", "turtle ", "~/", "/", "Wit", "a", ",", "-",
        ];
        let index = CompletionIndex {
            prefixes: vec![("ng".into(), "https://w3id.org/newsgraph/ontology#".into())],
            terms: vec!["ng:Person".into()],
            entities: vec![EntityName {
                iri: "https://w3id.org/newsgraph/id/entity/witkoff".into(),
                compact: "ngid:entity/witkoff".into(),
                label: "Steve Witkoff".into(),
                aliases: vec!["Witkoff".into()],
            }],
        };
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        for _ in 0..3000 {
            let mut input = String::new();
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let n = (seed % 9) as usize;
            for k in 0..n {
                let pick = (seed >> (k * 5)) as usize % pieces.len();
                input.push_str(pieces[pick]);
            }
            let _ = command::parse(&input);
            let _ = command::hint(&input);
            let _ = syntax::is_complete(&input);
            let _ = syntax::waiting_for(&input);
            let mut reader = syntax::StatementReader::new();
            for line in input.lines() {
                let _ = reader.push_line(line);
            }
            let _ = reader.finish();
            for (pos, _) in input.char_indices().chain([(input.len(), ' ')]) {
                let _ = syntax::highlight_spans(&input, pos);
                let _ = syntax::matching_bracket(&input, pos);
                let (start, _) = index.complete(&input, pos);
                assert!(
                    start <= pos && input.is_char_boundary(start),
                    "{input:?} at {pos}: {start}"
                );
            }
        }
    }
}
