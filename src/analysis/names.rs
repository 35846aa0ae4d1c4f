//! Finding a node by what an analyst types: a label, an alias, a key or an IRI.
//!
//! Matching ignores case, accents and extra spaces. An exact match on any
//! name wins; otherwise a name that appears as whole words in exactly one
//! node's names ("Putin" in "Vladimir Putin") is accepted. Several matches
//! give [`Error::AmbiguousName`] with the candidates; none gives
//! [`Error::UnknownName`] with the closest names (Jaro–Winkler, strsim).

use std::collections::BTreeSet;

use unicode_normalization::UnicodeNormalization;

use crate::analysis::{Node, NodeId, Projection};
use crate::error::{Error, Result};

/// How many "did you mean" suggestions to give.
const SUGGESTIONS: usize = 5;
/// Minimum Jaro–Winkler similarity for a suggestion.
const MIN_SIMILARITY: f64 = 0.75;

impl Projection {
    /// The node named `name` (label, alias, key or IRI; case-insensitive).
    pub fn find(&self, name: &str) -> Result<NodeId> {
        let wanted = normalize(name);
        if wanted.is_empty() {
            return Err(Error::Usage("an empty name matches nothing".into()));
        }
        let mut exact = BTreeSet::new();
        let mut partial = BTreeSet::new();
        let wanted_words: Vec<&str> = wanted.split(' ').collect();
        for (id, node) in self.nodes() {
            if node.iri == name {
                return Ok(id);
            }
            for candidate in names(node) {
                let candidate = normalize(candidate);
                if candidate == wanted {
                    exact.insert(id);
                } else if contains_words(&candidate, &wanted_words) {
                    partial.insert(id);
                }
            }
        }
        let matches = if exact.is_empty() { partial } else { exact };
        match matches.len() {
            1 => Ok(*matches.iter().next().expect("one match")),
            0 => Err(Error::UnknownName {
                name: name.to_string(),
                suggestions: self.suggestions(&wanted),
            }),
            _ => Err(Error::AmbiguousName {
                name: name.to_string(),
                candidates: matches.iter().map(|&id| self.describe(id)).collect(),
            }),
        }
    }

    /// `Vladimir Putin (person, also: Putin)`: a node as shown in lists of candidates.
    pub fn describe(&self, id: NodeId) -> String {
        let node = self.node(id);
        let aliases: Vec<&str> = node.aliases.iter().map(String::as_str).take(3).collect();
        if aliases.is_empty() {
            format!("{} ({})", node.label, node.kind.name())
        } else {
            format!(
                "{} ({}, also: {})",
                node.label,
                node.kind.name(),
                aliases.join(", ")
            )
        }
    }

    fn suggestions(&self, wanted: &str) -> Vec<String> {
        let mut scored: Vec<(f64, NodeId)> = self
            .nodes()
            .filter_map(|(id, node)| {
                let best = names(node)
                    .map(|n| strsim::jaro_winkler(wanted, &normalize(n)))
                    .fold(0.0, f64::max);
                (best >= MIN_SIMILARITY).then_some((best, id))
            })
            .collect();
        scored.sort_by(|a, b| {
            b.0.total_cmp(&a.0)
                .then_with(|| self.node(a.1).label.cmp(&self.node(b.1).label))
        });
        scored
            .into_iter()
            .take(SUGGESTIONS)
            .map(|(_, id)| self.describe(id))
            .collect()
    }
}

fn names(node: &Node) -> impl Iterator<Item = &str> {
    std::iter::once(node.label.as_str())
        .chain(node.aliases.iter().map(String::as_str))
        .chain(node.key.as_deref())
}

/// Lower case, accents removed, runs of spaces, dashes and underscores as one space.
pub(crate) fn normalize(text: &str) -> String {
    let folded: String = text
        .nfkd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .map(|c| if c == '-' || c == '_' { ' ' } else { c })
        .collect();
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// True when `words` appear consecutively, as whole words, in `text`.
fn contains_words(text: &str, words: &[&str]) -> bool {
    let have: Vec<&str> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    !words.is_empty() && have.windows(words.len()).any(|window| window == words)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_case_accents_and_spacing() {
        assert_eq!(normalize("  Zélensky-Office "), "zelensky office");
        assert_eq!(normalize("KYÏV"), "kyiv");
    }

    #[test]
    fn matches_whole_words_only() {
        assert!(contains_words("vladimir putin", &["putin"]));
        assert!(!contains_words("vladimir putinov", &["putin"]));
        assert!(contains_words("donald j trump", &["j", "trump"]));
    }
}
