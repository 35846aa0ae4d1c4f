//! Stage 2 of the pipeline: sentences → [`Mention`]s → [`Entity`]s.
//!
//! This module owns finding names of people, countries, organisations,
//! regions and towns in sentences (gazetteer lookup, capitalised names typed
//! by context, metonyms and demonyms) and resolving them to one entity per
//! real-world referent, within a document and across documents. It never
//! sees relations, RDF or the store.

mod find;
mod index;
mod similar;
mod tokens;

pub use find::{Analysis, Item, Role, SentenceAnalysis, Source, analyse, slug};
pub use index::EntityIndex;
pub use similar::{block_key, block_of_key, similar, similar_keys, translit_key};
pub use tokens::{Token, tokenize};

use std::collections::BTreeSet;

use crate::text::Span;

/// What kind of thing an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntityKind {
    /// A named person.
    Person,
    /// A sovereign state.
    Country,
    /// A government body, alliance, company, ministry, agency or project.
    Organization,
    /// An administrative region (oblast, province, state).
    Region,
    /// A city, town or village.
    Town,
    /// A collective party without a single referent ("European leaders", "open-source monitors").
    Group,
}

impl EntityKind {
    /// All kinds, in a fixed order.
    pub const ALL: [EntityKind; 6] = [
        EntityKind::Person,
        EntityKind::Country,
        EntityKind::Organization,
        EntityKind::Region,
        EntityKind::Town,
        EntityKind::Group,
    ];

    /// The name used in lexicon files and as the local name of the ontology class.
    pub fn name(self) -> &'static str {
        match self {
            EntityKind::Person => "Person",
            EntityKind::Country => "Country",
            EntityKind::Organization => "Organization",
            EntityKind::Region => "Region",
            EntityKind::Town => "Town",
            EntityKind::Group => "Group",
        }
    }

    /// Parses a kind name as written in lexicon files.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|k| k.name().eq_ignore_ascii_case(name))
    }
}

/// One real-world referent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    /// Stable slug, unique across the graph (`vladimir-putin`, `pokrovsk`); becomes the IRI.
    pub key: String,
    /// Canonical name (`Vladimir Putin`).
    pub name: String,
    /// What it is.
    pub kind: EntityKind,
    /// Wikidata item id (`Q7747`) when known.
    pub wikidata: Option<String>,
    /// Key of the country or organisation a person belongs to, when known.
    pub affiliation: Option<String>,
    /// Every spelling this entity was seen with in the text, canonical name excluded.
    pub variants: BTreeSet<String>,
}

/// One occurrence of an entity in a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// Index of the sentence in the document.
    pub sentence_idx: usize,
    /// Byte offsets inside [`crate::text::Sentence::text`].
    pub span: Span,
    /// The text as written.
    pub surface: String,
    /// Key of the entity it refers to.
    pub entity: String,
}
