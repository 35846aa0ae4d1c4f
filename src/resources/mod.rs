//! Everything loaded from `ontology/` that the extraction stages need.
//!
//! [`Resources`] bundles the text rules, and (filled in by the extraction
//! work) the lexicon and relation rules. It is built once per run and shared
//! read-only by all stages.

use std::path::Path;

use crate::error::Result;
use crate::text::TextRules;

/// All data tables, parsed.
#[derive(Debug, Clone)]
pub struct Resources {
    /// Abbreviations and boilerplate rules for the text stage.
    pub text: TextRules,
}

impl Resources {
    /// The tables compiled into the binary.
    pub fn builtin() -> Result<Self> {
        Ok(Resources {
            text: TextRules::builtin()?,
        })
    }

    /// Adds the lexicon files of `dir` to the built-in ones.
    pub fn with_lexicon_dir(self, _dir: &Path) -> Result<Self> {
        Ok(self)
    }
}
