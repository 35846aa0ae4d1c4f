//! Problems found in the text that are worth reporting but do not stop work.
//!
//! Stages return their value plus [`Diagnostic`]s (a sentence-less document,
//! an unresolved name, a rule conflict); only I/O, broken data files, store
//! failures and SPARQL syntax errors are `Err`.

use std::fmt;

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Informational.
    Note,
    /// Something probably lost or misread.
    Warning,
}

/// A problem found in one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Name of the document (file stem).
    pub doc: String,
    /// Sentence index, when the problem is in one sentence.
    pub sentence_idx: Option<usize>,
    /// How serious.
    pub severity: Severity,
    /// What happened, lower-case, no final period.
    pub message: String,
}

impl Diagnostic {
    /// A warning about a whole document.
    pub fn warning(doc: &str, message: impl Into<String>) -> Self {
        Diagnostic {
            doc: doc.to_string(),
            sentence_idx: None,
            severity: Severity::Warning,
            message: message.into(),
        }
    }

    /// A note about one sentence.
    pub fn note(doc: &str, sentence_idx: usize, message: impl Into<String>) -> Self {
        Diagnostic {
            doc: doc.to_string(),
            sentence_idx: Some(sentence_idx),
            severity: Severity::Note,
            message: message.into(),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Note => "note",
            Severity::Warning => "warning",
        };
        match self.sentence_idx {
            Some(idx) => write!(
                f,
                "{level}: {} (sentence {}): {}",
                self.doc,
                idx + 1,
                self.message
            ),
            None => write!(f, "{level}: {}: {}", self.doc, self.message),
        }
    }
}
