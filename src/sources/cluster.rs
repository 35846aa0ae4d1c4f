//! Rewrite clusters: documents that derive from one another or from one original.
//!
//! Pure: documents (id, name, publication date, sentences) in, [`Clustering`]
//! out. Every pair of documents is compared (see [`crate::sources::similarity`]);
//! pairs at or above [`ClusterConfig::threshold`] are linked, and clusters are
//! the connected components (single linkage, built Kruskal-style from the
//! strongest link down). Documents are sorted by content id first, so the
//! result depends only on the set of documents, never on the order in which
//! they were ingested.

use std::collections::BTreeSet;

use rayon::prelude::*;

use crate::sources::similarity::{self, Fingerprint, SimilarityConfig};
use crate::text::Published;

/// One document as the source analysis sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceDocument {
    /// Content id (hex hash).
    pub id: String,
    /// File name without extension.
    pub name: String,
    /// Publication date or date-time, when the document states it.
    pub published: Option<Published>,
    /// Sentence texts in document order.
    pub sentences: Vec<String>,
}

/// Thresholds of the clustering.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ClusterConfig {
    /// Similarity at or above which two documents are rewrites of one another.
    pub threshold: f64,
    /// The pairwise measure.
    pub similarity: SimilarityConfig,
}

impl Default for ClusterConfig {
    fn default() -> Self {
        ClusterConfig {
            threshold: 0.4,
            similarity: SimilarityConfig::default(),
        }
    }
}

/// A document's place in the clustering.
#[derive(Debug, Clone, PartialEq)]
pub struct DocumentSource {
    /// Content id.
    pub id: String,
    /// File name without extension.
    pub name: String,
    /// Publication date or date-time.
    pub published: Option<Published>,
    /// Index of its cluster in [`Clustering::clusters`].
    pub cluster: usize,
    /// Highest similarity to another member of its cluster (`None` when alone).
    pub similarity: Option<f64>,
    /// The most similar other document in the store, with its similarity (> 0).
    pub nearest: Option<(usize, f64)>,
}

/// A set of documents that are rewrites of one another (or a document alone).
#[derive(Debug, Clone, PartialEq)]
pub struct Cluster {
    /// Identifier shared by the members: `c-` and the first 8 digits of the smallest member id.
    pub id: String,
    /// Indices into [`Clustering::documents`], sorted.
    pub members: Vec<usize>,
    /// The weakest link that holds the cluster together (`None` for a single document).
    pub similarity: Option<f64>,
    /// The member published strictly before all others, when dates tell.
    pub original: Option<usize>,
}

/// Documents, their clusters and the similar pairs.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Clustering {
    /// Documents sorted by content id.
    pub documents: Vec<DocumentSource>,
    /// Clusters sorted by their first member.
    pub clusters: Vec<Cluster>,
    /// Every pair with similarity > 0: (document index, document index, similarity), first < second.
    pub pairs: Vec<(usize, usize, f64)>,
}

impl Clustering {
    /// The cluster of the document with content id `doc_id`.
    pub fn cluster_of(&self, doc_id: &str) -> Option<&Cluster> {
        let idx = self
            .documents
            .binary_search_by(|d| d.id.as_str().cmp(doc_id))
            .ok()?;
        self.clusters.get(self.documents[idx].cluster)
    }
}

/// Clusters `documents` (in any order) into rewrite clusters.
pub fn cluster_documents(
    documents: &[SourceDocument],
    stop_words: &BTreeSet<String>,
    config: &ClusterConfig,
) -> Clustering {
    let mut docs: Vec<&SourceDocument> = documents.iter().collect();
    docs.sort_by(|a, b| a.id.cmp(&b.id));
    docs.dedup_by(|a, b| a.id == b.id);
    let prints: Vec<Fingerprint> = docs
        .par_iter()
        .map(|d| {
            let sentences: Vec<&str> = d.sentences.iter().map(String::as_str).collect();
            similarity::fingerprint(&sentences, stop_words)
        })
        .collect();
    let n = docs.len();
    let mut pairs: Vec<(usize, usize, f64)> = (0..n)
        .into_par_iter()
        .flat_map_iter(|i| {
            let prints = &prints;
            (i + 1..n).filter_map(move |j| {
                let s = similarity::similarity(&prints[i], &prints[j], &config.similarity);
                (s > 0.0).then_some((i, j, s))
            })
        })
        .collect();
    pairs.sort_by_key(|p| (p.0, p.1));

    // Kruskal from the strongest link down: union-find with the weakest merged link per root.
    let mut links: Vec<&(usize, usize, f64)> =
        pairs.iter().filter(|p| p.2 >= config.threshold).collect();
    links.sort_by(|a, b| b.2.total_cmp(&a.2).then((a.0, a.1).cmp(&(b.0, b.1))));
    let mut parent: Vec<usize> = (0..n).collect();
    let mut weakest: Vec<Option<f64>> = vec![None; n];
    for &&(i, j, s) in &links {
        let (ri, rj) = (find(&mut parent, i), find(&mut parent, j));
        if ri != rj {
            let (root, child) = (ri.min(rj), ri.max(rj));
            parent[child] = root;
            let w = [weakest[root], weakest[child], Some(s)]
                .into_iter()
                .flatten()
                .fold(f64::INFINITY, f64::min);
            weakest[root] = Some(w);
        }
    }

    let mut clusters: Vec<Cluster> = Vec::new();
    let mut cluster_of_root = vec![usize::MAX; n];
    let mut documents: Vec<DocumentSource> = Vec::with_capacity(n);
    for (i, d) in docs.iter().enumerate() {
        let root = find(&mut parent, i);
        if cluster_of_root[root] == usize::MAX {
            cluster_of_root[root] = clusters.len();
            clusters.push(Cluster {
                id: format!("c-{}", d.id.get(..8).unwrap_or(&d.id)),
                members: Vec::new(),
                similarity: weakest[root],
                original: None,
            });
        }
        let cluster = cluster_of_root[root];
        clusters[cluster].members.push(i);
        documents.push(DocumentSource {
            id: d.id.clone(),
            name: d.name.clone(),
            published: d.published,
            cluster,
            similarity: None,
            nearest: None,
        });
    }
    for &(i, j, s) in &pairs {
        for (a, b) in [(i, j), (j, i)] {
            if documents[a].nearest.is_none_or(|(_, best)| s > best) {
                documents[a].nearest = Some((b, s));
            }
            if documents[a].cluster == documents[b].cluster
                && documents[a].similarity.is_none_or(|best| s > best)
            {
                documents[a].similarity = Some(s);
            }
        }
    }
    for cluster in &mut clusters {
        cluster.original = original(&documents, &cluster.members);
    }
    Clustering {
        documents,
        clusters,
        pairs,
    }
}

/// The member published strictly before every other dated member, when at least two are dated.
fn original(documents: &[DocumentSource], members: &[usize]) -> Option<usize> {
    let dated: Vec<(Published, usize)> = members
        .iter()
        .filter_map(|&m| documents[m].published.map(|p| (p, m)))
        .collect();
    let (_, idx) = dated
        .iter()
        .find(|(p, m)| dated.iter().all(|(q, n)| n == m || published_before(p, q)))?;
    (dated.len() > 1).then_some(*idx)
}

/// True when `a` is known to come strictly before `b`: an earlier day, or
/// the same day with both times known and `a`'s earlier.
pub fn published_before(a: &Published, b: &Published) -> bool {
    match (a, b) {
        (Published::DateTime(x), Published::DateTime(y)) => x < y,
        _ => a.date() < b.date(),
    }
}

fn find(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(id: &str, published: Option<&str>, sentences: &[&str]) -> SourceDocument {
        SourceDocument {
            id: id.to_string(),
            name: format!("doc-{id}"),
            published: published.and_then(Published::parse),
            sentences: sentences.iter().map(|s| s.to_string()).collect(),
        }
    }

    fn clusters(docs: &[SourceDocument]) -> Vec<Vec<String>> {
        let c = cluster_documents(docs, &BTreeSet::new(), &ClusterConfig::default());
        c.clusters
            .iter()
            .map(|cl| {
                cl.members
                    .iter()
                    .map(|&m| c.documents[m].id.clone())
                    .collect()
            })
            .collect()
    }

    const A: [&str; 3] = [
        "Harbour workers in the northern port walked out over unpaid wages on Friday morning.",
        "The union demanded back pay for eleven weeks and new safety rails on the cranes.",
        "Ferry services to the islands were cancelled until further notice by the operator.",
    ];
    const B: [&str; 2] = [
        "Farmers drove tractors into the capital to protest against cheap grain imports.",
        "Police closed the ring road while the ministry promised a meeting next month.",
    ];

    #[test]
    fn copies_cluster_and_others_stay_alone() {
        let docs = [
            doc("bb", None, &A),
            doc("aa", None, &A),
            doc("cc", None, &B),
        ];
        assert_eq!(clusters(&docs), [vec!["aa", "bb"], vec!["cc"]]);
    }

    #[test]
    fn result_does_not_depend_on_input_order() {
        let docs = [
            doc("bb", None, &A),
            doc("aa", None, &A),
            doc("cc", None, &B),
        ];
        let mut reversed = docs.clone();
        reversed.reverse();
        let one = cluster_documents(&docs, &BTreeSet::new(), &ClusterConfig::default());
        let two = cluster_documents(&reversed, &BTreeSet::new(), &ClusterConfig::default());
        assert_eq!(one, two);
        assert_eq!(one.clusters[0].id, "c-aa");
    }

    #[test]
    fn the_earliest_published_member_is_the_original() {
        let docs = [
            doc("aa", Some("2025-12-03"), &A),
            doc("bb", Some("2025-12-02"), &A),
            doc("cc", None, &A),
        ];
        let c = cluster_documents(&docs, &BTreeSet::new(), &ClusterConfig::default());
        assert_eq!(c.clusters.len(), 1);
        assert_eq!(
            c.clusters[0].original.map(|m| c.documents[m].id.as_str()),
            Some("bb")
        );
        let same_day = [
            doc("aa", Some("2025-12-02"), &A),
            doc("bb", Some("2025-12-02"), &A),
        ];
        let c = cluster_documents(&same_day, &BTreeSet::new(), &ClusterConfig::default());
        assert_eq!(c.clusters[0].original, None);
    }
}
