//! Near-duplicate detection between documents: word shingles, MinHash, sentence alignment.
//!
//! Pure functions over sentence texts. Words are normalised into content
//! words: lower-cased, accents stripped, stop words dropped, cut to
//! [`STEM_CHARS`] characters so that `negotiations`/`negotiators` and
//! `favourable`/`favorable` meet. A document becomes a [`Fingerprint`]: a
//! MinHash signature of its word shingles (pairs of consecutive content
//! words within a sentence), and the set of content words of each sentence.
//!
//! Similarity of two documents is computed in two steps:
//! 1. MinHash estimates how many of the smaller document's shingles the
//!    other one contains; below [`SimilarityConfig::prefilter`] the pair is
//!    unrelated and nothing else is computed. Articles on the same story
//!    share names and places but seldom pairs of them; rewrites keep many.
//! 2. Sentence alignment: a sentence is *covered* when the other document has
//!    a sentence sharing at least [`SimilarityConfig::sentence_jaccard`] of
//!    their words. Coverage is weighted by sentence length, measured in both
//!    directions, and the similarity is the geometric mean of the two.
//!
//! Sentence alignment is what makes this robust: a paraphrase or a
//! machine-translated copy keeps most names and content words of each
//! sentence but few runs of three words, and a reordered copy keeps its
//! sentences whole; an independent article on the same story shares the
//! topic vocabulary (names, places) but only a few of its sentences match.

use std::collections::{BTreeSet, HashMap};

use unicode_normalization::UnicodeNormalization;

/// Characters of a word kept as its stem.
pub const STEM_CHARS: usize = 5;

/// Sentences with fewer content words than this are ignored (bylines, "Share", datelines).
pub const MIN_SENTENCE_TERMS: usize = 4;

/// Hash functions in a MinHash signature.
pub const SIGNATURE_LEN: usize = 128;

/// Thresholds of the similarity measure.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SimilarityConfig {
    /// Minimum estimated containment of word shingles for a pair to be aligned.
    pub prefilter: f64,
    /// Minimum word-set Jaccard for two sentences to count as the same sentence.
    pub sentence_jaccard: f64,
}

impl Default for SimilarityConfig {
    fn default() -> Self {
        SimilarityConfig {
            prefilter: 0.12,
            sentence_jaccard: 0.3,
        }
    }
}

/// What a document is compared by.
#[derive(Debug, Clone)]
pub struct Fingerprint {
    /// MinHash signature of the document's word shingles.
    pub signature: Vec<u64>,
    /// Number of distinct word shingles.
    pub shingles: usize,
    /// Per sentence (long enough to count): its sorted, distinct content-word hashes.
    pub sentences: Vec<Vec<u64>>,
    /// Content-word hash → indices of the sentences holding it.
    postings: HashMap<u64, Vec<u32>>,
}

/// Builds the fingerprint of a document from its sentences.
pub fn fingerprint(sentences: &[&str], stop_words: &BTreeSet<String>) -> Fingerprint {
    let mut shingles = BTreeSet::new();
    let mut kept: Vec<Vec<u64>> = Vec::new();
    for sentence in sentences {
        let words = terms(sentence, stop_words);
        shingles.extend(
            words
                .windows(2)
                .map(|pair| fnv1a(format!("{} {}", pair[0], pair[1]).as_bytes())),
        );
        let terms: BTreeSet<u64> = words.iter().map(|t| fnv1a(t.as_bytes())).collect();
        if terms.len() >= MIN_SENTENCE_TERMS {
            kept.push(terms.into_iter().collect());
        }
    }
    let mut postings: HashMap<u64, Vec<u32>> = HashMap::new();
    for (idx, sentence) in kept.iter().enumerate() {
        for term in sentence {
            postings.entry(*term).or_default().push(idx as u32);
        }
    }
    Fingerprint {
        signature: minhash(&shingles),
        shingles: shingles.len(),
        sentences: kept,
        postings,
    }
}

/// The normalised content words of a text, in order.
pub fn terms(text: &str, stop_words: &BTreeSet<String>) -> Vec<String> {
    let folded: String = text
        .nfkd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect();
    folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !stop_words.contains(*w))
        .map(|w| w.chars().take(STEM_CHARS).collect())
        .collect()
}

/// Similarity of two documents between 0 (unrelated) and 1 (same sentences).
pub fn similarity(a: &Fingerprint, b: &Fingerprint, config: &SimilarityConfig) -> f64 {
    if a.sentences.is_empty() || b.sentences.is_empty() {
        return 0.0;
    }
    if estimated_containment(a, b) < config.prefilter {
        return 0.0;
    }
    let (forward, backward) = coverage(a, b, config.sentence_jaccard);
    (forward * backward).sqrt()
}

/// The share of the smaller document's shingles found in the other, estimated from the signatures.
pub fn estimated_containment(a: &Fingerprint, b: &Fingerprint) -> f64 {
    let same = a
        .signature
        .iter()
        .zip(&b.signature)
        .filter(|(x, y)| x == y)
        .count();
    let jaccard = same as f64 / SIGNATURE_LEN as f64;
    let smaller = a.shingles.min(b.shingles).max(1) as f64;
    let shared = jaccard / (1.0 + jaccard) * (a.shingles + b.shingles) as f64;
    (shared / smaller).min(1.0)
}

/// Share of `a`'s words (weighted by sentence) in sentences that have a
/// match in `b`, and the same for `b`. Sentence pairs are found through `b`'s
/// postings, so only sentences sharing a word are ever compared.
fn coverage(a: &Fingerprint, b: &Fingerprint, threshold: f64) -> (f64, f64) {
    let mut covered_b = vec![false; b.sentences.len()];
    let mut shared = vec![0usize; b.sentences.len()];
    let mut touched: Vec<usize> = Vec::new();
    let mut covered_a_words = 0usize;
    for sentence in &a.sentences {
        for term in sentence {
            for &j in b.postings.get(term).map(Vec::as_slice).unwrap_or_default() {
                let j = j as usize;
                if shared[j] == 0 {
                    touched.push(j);
                }
                shared[j] += 1;
            }
        }
        let mut matched = false;
        for &j in &touched {
            let union = sentence.len() + b.sentences[j].len() - shared[j];
            if shared[j] as f64 / union.max(1) as f64 >= threshold {
                matched = true;
                covered_b[j] = true;
            }
            shared[j] = 0;
        }
        touched.clear();
        if matched {
            covered_a_words += sentence.len();
        }
    }
    let total_a: usize = a.sentences.iter().map(Vec::len).sum();
    let total_b: usize = b.sentences.iter().map(Vec::len).sum();
    let covered_b_words: usize = b
        .sentences
        .iter()
        .zip(&covered_b)
        .filter(|(_, c)| **c)
        .map(|(s, _)| s.len())
        .sum();
    (
        covered_a_words as f64 / total_a.max(1) as f64,
        covered_b_words as f64 / total_b.max(1) as f64,
    )
}

/// MinHash: for each of [`SIGNATURE_LEN`] seeded hash functions, the smallest hash over the set.
fn minhash(set: &BTreeSet<u64>) -> Vec<u64> {
    (0..SIGNATURE_LEN as u64)
        .map(|seed| {
            let salt = splitmix64(seed.wrapping_add(0x9E37_79B9_7F4A_7C15));
            set.iter()
                .map(|&h| splitmix64(h ^ salt))
                .min()
                .unwrap_or(u64::MAX)
        })
        .collect()
}

/// 64-bit FNV-1a: a fixed, platform-independent hash of a word.
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        hash ^= u64::from(*b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// SplitMix64 finaliser: mixes a 64-bit value into a well-spread one.
fn splitmix64(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stop() -> BTreeSet<String> {
        [
            "the", "a", "of", "in", "on", "and", "to", "was", "is", "said", "has",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect()
    }

    fn check(a: &[&str], b: &[&str]) -> f64 {
        let (fa, fb) = (fingerprint(a, &stop()), fingerprint(b, &stop()));
        let ab = similarity(&fa, &fb, &SimilarityConfig::default());
        let ba = similarity(&fb, &fa, &SimilarityConfig::default());
        assert!((ab - ba).abs() < 1e-12, "similarity is symmetric");
        ab
    }

    #[test]
    fn terms_fold_case_accents_and_stem() {
        assert_eq!(
            terms("The Négotiations in Kyïv were favourable", &stop()),
            ["negot", "kyiv", "were", "favou"]
        );
    }

    #[test]
    fn identical_and_reordered_documents_are_similar() {
        let doc = [
            "Envoys from both capitals gathered at a lakeside hotel for talks on grain exports.",
            "The delegations agreed to meet again within a fortnight to settle shipping insurance.",
            "Observers from the maritime agency attended the closing session as guests.",
        ];
        assert!((check(&doc, &doc) - 1.0).abs() < 1e-9);
        let reordered = [doc[2], doc[0], doc[1]];
        assert!((check(&doc, &reordered) - 1.0).abs() < 1e-9);
    }

    #[test]
    fn unrelated_documents_are_not() {
        let a =
            ["Envoys from both capitals gathered at a lakeside hotel for talks on grain exports."];
        let b =
            ["A new bridge over the river opened to traffic after three years of construction."];
        assert_eq!(check(&a, &b), 0.0);
    }

    #[test]
    fn short_lines_are_ignored() {
        let f = fingerprint(
            &[
                "Share",
                "By Anna Smith",
                "Envoys gathered at a lakeside hotel today.",
            ],
            &stop(),
        );
        assert_eq!(f.sentences.len(), 1);
    }

    #[test]
    fn minhash_estimates_containment() {
        let a: Vec<String> = (0..200).map(|i| format!("a{i} b{i} c{i} d{i}.")).collect();
        let b: Vec<String> = (0..100).map(|i| format!("a{i} b{i} c{i} d{i}.")).collect();
        let a: Vec<&str> = a.iter().map(String::as_str).collect();
        let b: Vec<&str> = b.iter().map(String::as_str).collect();
        let (fa, fb) = (fingerprint(&a, &stop()), fingerprint(&b, &stop()));
        let c = estimated_containment(&fa, &fb);
        assert!(c > 0.8, "{c}");
    }
}
