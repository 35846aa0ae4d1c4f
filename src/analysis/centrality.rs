//! Who matters in the graph: degree, PageRank and betweenness rankings, and
//! connected components.
//!
//! All measures treat the graph as undirected and node-level (several edges
//! between two nodes make one link whose strength is their total number of
//! sources). PageRank is a power iteration over links weighted by strength,
//! O(iterations × (V + E)) (petgraph's `page_rank` is quadratic in V, too
//! slow for large graphs). Betweenness is Brandes' algorithm, exact up to
//! [`CentralityOptions::exact_limit`] nodes and estimated from a sample of
//! source nodes (chosen with a fixed seed, so runs are repeatable) above it;
//! the ranking then carries a note saying so.

use std::collections::{BTreeMap, VecDeque};

use petgraph::unionfind::UnionFind;

use crate::analysis::{Adjacency, NodeId, Projection};

/// Which measure to rank by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    /// Number of distinct neighbours.
    Degree,
    /// PageRank (damping 0.85) over links weighted by their number of sources.
    PageRank,
    /// Share of shortest paths between other nodes that pass through the node: brokers.
    Betweenness,
}

impl Measure {
    /// Parses `degree`, `pagerank` or `betweenness`.
    pub fn parse(name: &str) -> Option<Self> {
        match name.to_ascii_lowercase().as_str() {
            "degree" => Some(Measure::Degree),
            "pagerank" | "page-rank" => Some(Measure::PageRank),
            "betweenness" => Some(Measure::Betweenness),
            _ => None,
        }
    }

    /// The name used on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Measure::Degree => "degree",
            Measure::PageRank => "pagerank",
            Measure::Betweenness => "betweenness",
        }
    }
}

/// Limits for [`rank`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CentralityOptions {
    /// Betweenness is exact for graphs with at most this many nodes.
    pub exact_limit: usize,
    /// Above the limit, the number of source nodes sampled.
    pub samples: usize,
    /// Seed of the sample.
    pub seed: u64,
}

impl Default for CentralityOptions {
    fn default() -> Self {
        CentralityOptions {
            exact_limit: 2_000,
            samples: 500,
            seed: 42,
        }
    }
}

/// One node's score.
#[derive(Debug, Clone, PartialEq)]
pub struct Score {
    /// The node.
    pub node: NodeId,
    /// Its score under the measure.
    pub score: f64,
    /// Its number of distinct neighbours.
    pub degree: usize,
    /// Total sources over its links.
    pub sources: usize,
}

/// Every node, best first.
#[derive(Debug, Clone, PartialEq)]
pub struct Ranking {
    /// The measure.
    pub measure: Measure,
    /// Scores, highest first; ties by degree, then sources, then name.
    pub scores: Vec<Score>,
    /// Said when the scores are estimates or otherwise limited.
    pub note: Option<String>,
}

/// A set of nodes connected to each other and to nothing else.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Component {
    /// Its nodes, best connected first.
    pub nodes: Vec<NodeId>,
    /// Number of edges inside it.
    pub edges: usize,
}

/// Ranks every node of `projection` by `measure`.
pub fn rank(projection: &Projection, measure: Measure, options: &CentralityOptions) -> Ranking {
    let adjacency = Adjacency::new(projection);
    let n = adjacency.neighbors.len();
    let mut note = None;
    let values: Vec<f64> = match measure {
        Measure::Degree => adjacency
            .neighbors
            .iter()
            .map(|links| links.len() as f64)
            .collect(),
        Measure::PageRank => page_rank(&adjacency, 0.85),
        Measure::Betweenness => {
            let sources: Vec<usize> = if n <= options.exact_limit {
                (0..n).collect()
            } else {
                let sample = sample(n, options.samples, options.seed);
                note = Some(format!(
                    "approximate: betweenness estimated from {} of {n} nodes as sources (seed {}); exact up to {} nodes",
                    sample.len(),
                    options.seed,
                    options.exact_limit
                ));
                sample
            };
            betweenness(&adjacency, &sources)
        }
    };
    let mut scores: Vec<Score> = values
        .into_iter()
        .enumerate()
        .map(|(i, score)| Score {
            node: NodeId(i as u32),
            score,
            degree: adjacency.neighbors[i].len(),
            sources: adjacency.neighbors[i].iter().map(|l| l.strength).sum(),
        })
        .collect();
    scores.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(b.degree.cmp(&a.degree))
            .then(b.sources.cmp(&a.sources))
            .then_with(|| {
                projection
                    .node(a.node)
                    .label
                    .cmp(&projection.node(b.node).label)
            })
    });
    Ranking {
        measure,
        scores,
        note,
    }
}

/// Connected components, largest first (ties: by the name of their best-connected node).
pub fn components(projection: &Projection) -> Vec<Component> {
    let n = projection.node_count();
    let mut sets = UnionFind::<usize>::new(n);
    for e in projection.edges() {
        sets.union(e.from.index(), e.to.index());
    }
    let mut groups: BTreeMap<usize, Component> = BTreeMap::new();
    for i in 0..n {
        groups
            .entry(sets.find_mut(i))
            .or_insert_with(|| Component {
                nodes: Vec::new(),
                edges: 0,
            })
            .nodes
            .push(NodeId(i as u32));
    }
    for e in projection.edges() {
        if let Some(c) = groups.get_mut(&sets.find_mut(e.from.index())) {
            c.edges += 1;
        }
    }
    let degree: Vec<usize> = (0..n)
        .map(|i| projection.degree(NodeId(i as u32)))
        .collect();
    let mut out: Vec<Component> = groups.into_values().collect();
    for c in &mut out {
        c.nodes.sort_by(|a, b| {
            degree[b.index()]
                .cmp(&degree[a.index()])
                .then_with(|| projection.node(*a).label.cmp(&projection.node(*b).label))
        });
    }
    out.sort_by(|a, b| {
        b.nodes.len().cmp(&a.nodes.len()).then_with(|| {
            projection
                .node(a.nodes[0])
                .label
                .cmp(&projection.node(b.nodes[0]).label)
        })
    });
    out
}

/// Weighted PageRank by power iteration; isolated nodes spread their rank evenly.
fn page_rank(adjacency: &Adjacency, damping: f64) -> Vec<f64> {
    let n = adjacency.neighbors.len();
    if n == 0 {
        return Vec::new();
    }
    let weight_out: Vec<f64> = adjacency
        .neighbors
        .iter()
        .map(|links| links.iter().map(|l| l.strength as f64).sum())
        .collect();
    let mut rank = vec![1.0 / n as f64; n];
    for _ in 0..100 {
        let dangling: f64 = (0..n)
            .filter(|&i| weight_out[i] == 0.0)
            .map(|i| rank[i])
            .sum();
        let base = (1.0 - damping) / n as f64 + damping * dangling / n as f64;
        let mut next = vec![base; n];
        for (i, links) in adjacency.neighbors.iter().enumerate() {
            if weight_out[i] == 0.0 {
                continue;
            }
            let share = damping * rank[i] / weight_out[i];
            for link in links {
                next[link.node as usize] += share * link.strength as f64;
            }
        }
        let change: f64 = next.iter().zip(&rank).map(|(a, b)| (a - b).abs()).sum();
        rank = next;
        if change < 1e-12 {
            break;
        }
    }
    rank
}

/// Brandes' betweenness from the given sources, normalised to [0, 1] and
/// scaled up when the sources are a sample.
fn betweenness(adjacency: &Adjacency, sources: &[usize]) -> Vec<f64> {
    let n = adjacency.neighbors.len();
    let mut centrality = vec![0.0; n];
    if n < 3 || sources.is_empty() {
        return centrality;
    }
    let mut sigma = vec![0.0f64; n];
    let mut dist = vec![usize::MAX; n];
    let mut delta = vec![0.0f64; n];
    let mut order: Vec<usize> = Vec::with_capacity(n);
    let mut queue = VecDeque::new();
    for &s in sources {
        for &v in &order {
            sigma[v] = 0.0;
            dist[v] = usize::MAX;
            delta[v] = 0.0;
        }
        order.clear();
        sigma[s] = 1.0;
        dist[s] = 0;
        queue.push_back(s);
        while let Some(v) = queue.pop_front() {
            order.push(v);
            for link in &adjacency.neighbors[v] {
                let w = link.node as usize;
                if dist[w] == usize::MAX {
                    dist[w] = dist[v] + 1;
                    queue.push_back(w);
                }
                if dist[w] == dist[v] + 1 {
                    sigma[w] += sigma[v];
                }
            }
        }
        for &w in order.iter().rev() {
            for link in &adjacency.neighbors[w] {
                let v = link.node as usize;
                if dist[v] != usize::MAX && dist[v] + 1 == dist[w] {
                    delta[v] += sigma[v] / sigma[w] * (1.0 + delta[w]);
                }
            }
            if w != s {
                centrality[w] += delta[w];
            }
        }
    }
    // Each unordered pair is counted from both ends; normalise by the number
    // of ordered pairs not involving the node, and scale a sample up.
    let scale = (n as f64 / sources.len() as f64) / ((n - 1) as f64 * (n - 2) as f64);
    for c in &mut centrality {
        *c *= scale;
    }
    centrality
}

/// `k` distinct indices below `n`, the same for the same seed (splitmix64 + partial Fisher–Yates).
fn sample(n: usize, k: usize, seed: u64) -> Vec<usize> {
    let mut state = seed;
    let mut next = || {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    };
    let mut all: Vec<usize> = (0..n).collect();
    let k = k.min(n);
    for i in 0..k {
        let j = i + (next() % (n - i) as u64) as usize;
        all.swap(i, j);
    }
    all.truncate(k);
    all.sort_unstable();
    all
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{Builder, Edge, Node, NodeKind};

    /// A path graph n0 - n1 - … - n(len-1).
    fn chain(len: usize) -> Projection {
        let mut builder = Builder::default();
        let iri = |i: usize| format!("urn:n{i:03}");
        for i in 0..len {
            builder.node(Node {
                iri: iri(i),
                label: format!("n{i:03}"),
                kind: NodeKind::Person,
                aliases: Vec::new(),
                key: None,
                roles: Vec::new(),
            });
        }
        for i in 1..len {
            builder.edge(
                &iri(i - 1),
                &iri(i),
                Edge {
                    relation: "met".into(),
                    evidence: Vec::new(),
                    sources: 1,
                },
            );
        }
        builder.finish()
    }

    #[test]
    fn exact_betweenness_peaks_in_the_middle_of_a_chain() {
        let ranking = rank(
            &chain(5),
            Measure::Betweenness,
            &CentralityOptions::default(),
        );
        assert_eq!(ranking.note, None);
        assert_eq!(ranking.scores[0].node.index(), 2);
        // networkx: betweenness_centrality(path_graph(5))[2] == 4/6.
        assert!((ranking.scores[0].score - 4.0 / 6.0).abs() < 1e-12);
    }

    #[test]
    fn large_graphs_get_a_repeatable_estimate_with_a_note() {
        let options = CentralityOptions {
            exact_limit: 50,
            samples: 20,
            seed: 42,
        };
        let projection = chain(101);
        let a = rank(&projection, Measure::Betweenness, &options);
        let b = rank(&projection, Measure::Betweenness, &options);
        assert_eq!(a, b);
        assert!(
            a.note
                .as_deref()
                .is_some_and(|n| n.starts_with("approximate: betweenness estimated from 20 of 101"))
        );
        // The middle of the chain still comes out on top, or close to it.
        assert!(
            (40..=60).contains(&a.scores[0].node.index()),
            "{:?}",
            a.scores[0]
        );
    }

    #[test]
    fn samples_are_distinct_and_repeatable() {
        let a = sample(1000, 50, 7);
        assert_eq!(a, sample(1000, 50, 7));
        let mut b = a.clone();
        b.dedup();
        assert_eq!(b.len(), 50);
        assert_ne!(a, sample(1000, 50, 8));
    }
}
