//! Chains stages 1–3 for one document: bytes → [`Document`] → [`DocExtraction`].
//!
//! Per-document work is pure and independent, so callers may run it in
//! parallel; resolution across documents is a separate, sequential merge
//! (see `mentions`), so results do not depend on the number of threads.

use crate::diagnostics::Diagnostic;
use crate::error::Result;
use crate::facts::{self, DocExtraction};
use crate::resources::Resources;
use crate::text::{self, Document};

/// One document after stages 1–3.
#[derive(Debug, Clone)]
pub struct Processed {
    /// The parsed document.
    pub document: Document,
    /// What was extracted from it (entities resolved within the document only).
    pub extraction: DocExtraction,
    /// Text and extraction diagnostics.
    pub diagnostics: Vec<Diagnostic>,
}

/// Parses and extracts one document read from `source`.
pub fn process(source: &str, bytes: &[u8], resources: &Resources) -> Result<Processed> {
    let (document, mut diagnostics) = text::parse(source, bytes, &resources.text)?;
    let mut extraction = facts::extract(&document, resources);
    diagnostics.append(&mut extraction.diagnostics);
    Ok(Processed {
        document,
        extraction,
        diagnostics,
    })
}
