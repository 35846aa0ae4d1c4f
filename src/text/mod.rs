//! Stage 1 of the pipeline: raw bytes → [`Document`].
//!
//! This module owns everything about the text of one article: decoding,
//! dropping the boilerplate that scraped pages carry, reading metadata
//! (front matter, `Author:` lines, a trailing timestamp, a headline), and
//! splitting the body into [`Sentence`]s whose byte offsets point into the
//! original file, so every fact can cite the exact characters it came from.
//! The entry point is [`parse`]. It never sees entities, facts, RDF or the store.

mod clean;
mod metadata;
mod sentences;

pub use clean::BoilerplateRules;
pub use metadata::Published;
pub use sentences::{Abbreviations, split_sentences};

use std::path::Path;

use sha2::{Digest, Sha256};

use crate::diagnostics::Diagnostic;
use crate::error::{Error, Result};

/// A byte range `start..end` in some text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`.
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// True when the span covers nothing.
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }
}

/// One sentence of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// Position of the sentence in the document, from 0.
    pub idx: usize,
    /// Byte offsets of the sentence in [`Document::raw`].
    pub span: Span,
    /// The sentence text, whitespace-normalised (line breaks become spaces).
    pub text: String,
    /// True for the headline (first line without a full stop).
    pub is_headline: bool,
}

/// One parsed article.
#[derive(Debug, Clone)]
pub struct Document {
    /// Content hash (hex SHA-256 of the raw bytes, first 32 digits); stable across runs.
    pub id: String,
    /// Where the document was read from, as given by the user.
    pub source: String,
    /// File name without directory and extension; what `facts` prints as `doc`.
    pub name: String,
    /// The decoded file, unchanged; sentence spans point into it.
    pub raw: String,
    /// Title from front matter or headline.
    pub title: Option<String>,
    /// Author from front matter or an `Author:` line.
    pub author: Option<String>,
    /// Publication date or date-time, when the document states one.
    pub published: Option<Published>,
    /// Sentences of the body, in order, headline first when there is one.
    pub sentences: Vec<Sentence>,
}

/// Text-processing tables: abbreviations that do not end sentences and
/// boilerplate rules. Loaded from `ontology/text/`.
#[derive(Debug, Clone)]
pub struct TextRules {
    /// Tokens such as `U.S.` or `Dec.` after which a sentence does not end.
    pub abbreviations: Abbreviations,
    /// Lines dropped from scraped pages.
    pub boilerplate: BoilerplateRules,
}

impl TextRules {
    /// The rules shipped in the binary.
    pub fn builtin() -> Result<Self> {
        Ok(TextRules {
            abbreviations: Abbreviations::parse(
                "ontology/text/abbreviations.tsv",
                include_str!("../../ontology/text/abbreviations.tsv"),
            )?,
            boilerplate: BoilerplateRules::parse(
                "ontology/text/boilerplate.tsv",
                include_str!("../../ontology/text/boilerplate.tsv"),
            )?,
        })
    }
}

/// Content identifier of a byte string: the first 32 hex digits of its SHA-256.
pub fn content_id(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().take(16).map(|b| format!("{b:02x}")).collect()
}

/// Decodes `bytes` read from `source` and parses them into a [`Document`].
///
/// Fails only when the bytes are not UTF-8 text (binary files, other
/// encodings); odd text comes back as [`Diagnostic`]s.
pub fn parse(source: &str, bytes: &[u8], rules: &TextRules) -> Result<(Document, Vec<Diagnostic>)> {
    let raw = decode(source, bytes)?;
    let name = Path::new(source)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| source.to_string());
    let id = content_id(bytes);
    let mut diagnostics = Vec::new();
    let mut body = clean::body_lines(&raw, &rules.boilerplate);
    let meta = metadata::read(&raw, &mut body);
    let sentences = sentences::split_body(&body, meta.headline.as_ref(), &rules.abbreviations);
    if sentences.is_empty() {
        diagnostics.push(Diagnostic::warning(&name, "no sentences found"));
    }
    let document = Document {
        id,
        source: source.to_string(),
        name,
        title: meta.title,
        author: meta.author,
        published: meta.published,
        sentences,
        raw,
    };
    Ok((document, diagnostics))
}

/// Decodes UTF-8 text, refusing binary data and other encodings with a
/// message that names the file and the byte position.
fn decode(source: &str, bytes: &[u8]) -> Result<String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(Error::Decode {
            path: source.into(),
            message: "empty file: no text to ingest".into(),
        });
    }
    if let Some(pos) = bytes.iter().position(|&b| b == 0) {
        return Err(Error::Decode {
            path: source.into(),
            message: format!("binary data (NUL byte at offset {pos}); expected a UTF-8 text file"),
        });
    }
    match std::str::from_utf8(bytes) {
        Ok(text) if text.contains('\r') => Ok(text.replace("\r\n", "\n")),
        Ok(text) => Ok(text.to_string()),
        Err(e) => {
            let pos = e.valid_up_to();
            let line = 1 + bytes[..pos].iter().filter(|&&b| b == b'\n').count();
            Err(Error::Decode {
                path: source.into(),
                message: format!(
                    "invalid UTF-8 at byte {pos} (line {line}); convert the file to UTF-8 first (for example with iconv)"
                ),
            })
        }
    }
}
