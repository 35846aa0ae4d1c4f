//! Deterministic IRIs for documents, sentences, entities, topics and facts.
//!
//! Documents are named by their content hash, entities and topics by their
//! key, facts by a hash of what they say and where; so ingesting the same
//! file twice mints the same IRIs and changes nothing.

use sha2::{Digest, Sha256};

use crate::facts::{Argument, Fact};
use crate::rdf::vocab::{ENTITY, ID};

/// The IRI of a document.
pub fn document(doc_id: &str) -> String {
    format!("{ID}doc/{doc_id}")
}

/// The named graph holding everything read from a document.
pub fn graph(doc_id: &str) -> String {
    format!("{ID}graph/{doc_id}")
}

/// The IRI of a sentence.
pub fn sentence(doc_id: &str, idx: usize) -> String {
    format!("{ID}doc/{doc_id}/sentence/{idx}")
}

/// The IRI of an entity.
pub fn entity(key: &str) -> String {
    format!("{ENTITY}{}", slug(key))
}

/// The IRI of a topic (plan, proposal, demand).
pub fn topic(key: &str) -> String {
    format!("{ID}topic/{}", slug(key))
}

/// The IRI of a fact: a hash of the document, relation, arguments, sentence and rule.
pub fn fact(doc_id: &str, fact: &Fact) -> String {
    let object = match &fact.object {
        Argument::Entity(key) => format!("e:{key}"),
        Argument::Thing(thing) => format!("t:{}:{}", thing.key, thing.label),
    };
    let text = format!(
        "{doc_id}\t{}\t{}\t{object}\t{}\t{}",
        fact.relation.name(),
        fact.subject,
        fact.provenance.sentence_idx,
        fact.provenance.rule
    );
    let digest = Sha256::digest(text.as_bytes());
    let hex: String = digest.iter().take(12).map(|b| format!("{b:02x}")).collect();
    format!("{ID}fact/{hex}")
}

/// Keeps IRI-safe characters of a key (letters, digits, `-`, `_`, `.`), lower-cased;
/// anything else becomes `-`.
pub fn slug(key: &str) -> String {
    let mut out = String::with_capacity(key.len());
    for c in key.chars() {
        if c.is_alphanumeric() || c == '-' || c == '_' || c == '.' {
            out.extend(c.to_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_iri_safe() {
        assert_eq!(slug("Steve Witkoff"), "steve-witkoff");
        assert_eq!(slug("28-point plan"), "28-point-plan");
        assert_eq!(slug("Kupjansk / Kupiansk"), "kupjansk-kupiansk");
        assert_eq!(
            entity("Zelenskyy’s office"),
            format!("{ID}entity/zelenskyy-s-office")
        );
    }
}
