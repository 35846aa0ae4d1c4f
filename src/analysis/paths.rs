//! How two nodes are connected, and what lies around one node.
//!
//! Paths ignore edge direction ("A proposed the plan that B rejected" links A
//! and B) and are node-level: a hop lists every edge between its two nodes.
//! [`find_paths`] gives the shortest paths (breadth-first search, then a walk
//! back along the layers) or every simple path up to a number of hops
//! (depth-first search pruned by the distance to the target); both stop at a
//! limit and say so. [`neighbors`] lists the nodes within some hops, nearest
//! and best-sourced first.

use std::cmp::Reverse;

use crate::analysis::{Adjacency, EdgeId, NodeId, Projection};

/// What [`find_paths`] looks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PathOptions {
    /// Longest path considered, in hops.
    pub max_hops: usize,
    /// Every simple path up to `max_hops`, not only the shortest ones.
    pub all: bool,
    /// At most this many paths are returned.
    pub limit: usize,
}

impl Default for PathOptions {
    fn default() -> Self {
        PathOptions {
            max_hops: 6,
            all: false,
            limit: 20,
        }
    }
}

/// A path: `nodes[i]` and `nodes[i + 1]` are joined by the edges `hops[i]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Path {
    /// The nodes, from the start to the end.
    pub nodes: Vec<NodeId>,
    /// For each hop, every edge between its two nodes.
    pub hops: Vec<Vec<EdgeId>>,
    /// The smallest number of sources behind a hop (the weakest link).
    pub weakest: usize,
}

/// The paths found, best first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathReport {
    /// Shortest paths first; among equal lengths, better-sourced first.
    pub paths: Vec<Path>,
    /// True when more paths exist than were returned (or the search was cut short).
    pub truncated: bool,
}

/// A node near another one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Neighbor {
    /// The neighbour.
    pub node: NodeId,
    /// Hops from the centre.
    pub distance: usize,
    /// The node one hop closer to the centre it is reached through (the centre itself at distance 1).
    pub via: NodeId,
    /// The edges between `via` and `node`.
    pub edges: Vec<EdgeId>,
    /// Sum of the sources of those edges.
    pub strength: usize,
}

/// Largest number of candidate paths collected before sorting.
const CANDIDATES: usize = 10_000;
/// Largest number of search steps for `--all`.
const STEPS: usize = 5_000_000;

/// Paths between `from` and `to`, at most `options.max_hops` long.
pub fn find_paths(
    projection: &Projection,
    from: NodeId,
    to: NodeId,
    options: &PathOptions,
) -> PathReport {
    let adjacency = Adjacency::new(projection);
    let mut found: Vec<Vec<u32>> = Vec::new();
    let mut truncated = false;
    if from == to {
        return PathReport {
            paths: Vec::new(),
            truncated,
        };
    }
    if options.all {
        let to_target = adjacency.distances(to, options.max_hops);
        let mut path = vec![from.0];
        let mut on_path = vec![false; adjacency.neighbors.len()];
        on_path[from.index()] = true;
        let mut steps = 0;
        let mut search = Search {
            adjacency: &adjacency,
            to_target: &to_target,
            target: to.0,
            max_hops: options.max_hops,
            found: &mut found,
            steps: &mut steps,
            truncated: &mut truncated,
        };
        search.walk(&mut path, &mut on_path);
    } else {
        let from_start = adjacency.distances(from, options.max_hops);
        if from_start[to.index()].is_some() {
            let mut path = vec![to.0];
            back(
                &adjacency,
                &from_start,
                &mut path,
                &mut found,
                &mut truncated,
            );
            for p in &mut found {
                p.reverse();
            }
        }
    }
    let mut paths: Vec<Path> = found
        .into_iter()
        .map(|nodes| {
            let hops: Vec<Vec<EdgeId>> = nodes
                .windows(2)
                .map(|w| {
                    adjacency
                        .link(w[0], w[1])
                        .map_or_else(Vec::new, |l| l.edges.clone())
                })
                .collect();
            let weakest = nodes
                .windows(2)
                .filter_map(|w| adjacency.link(w[0], w[1]).map(|l| l.strength))
                .min()
                .unwrap_or(0);
            Path {
                nodes: nodes.into_iter().map(NodeId).collect(),
                hops,
                weakest,
            }
        })
        .collect();
    paths.sort_by_cached_key(|p| {
        (
            p.hops.len(),
            Reverse(p.weakest),
            p.nodes
                .iter()
                .map(|&n| projection.node(n).label.clone())
                .collect::<Vec<_>>(),
        )
    });
    if paths.len() > options.limit {
        paths.truncate(options.limit);
        truncated = true;
    }
    PathReport { paths, truncated }
}

/// Nodes within `hops` of `center`, nearest first, then best-sourced, then by name.
pub fn neighbors(projection: &Projection, center: NodeId, hops: usize) -> Vec<Neighbor> {
    let adjacency = Adjacency::new(projection);
    let distances = adjacency.distances(center, hops);
    let mut out = Vec::new();
    for (index, distance) in distances.iter().enumerate() {
        let Some(distance) = *distance else { continue };
        if distance == 0 {
            continue;
        }
        let best = adjacency.neighbors[index]
            .iter()
            .filter(|link| distances[link.node as usize] == Some(distance - 1))
            .max_by(|a, b| {
                a.strength.cmp(&b.strength).then_with(|| {
                    projection
                        .node(NodeId(b.node))
                        .label
                        .cmp(&projection.node(NodeId(a.node)).label)
                })
            })
            .expect("a node at distance d has a neighbour at d - 1");
        out.push(Neighbor {
            node: NodeId(index as u32),
            distance,
            via: NodeId(best.node),
            edges: best.edges.clone(),
            strength: best.strength,
        });
    }
    out.sort_by(|a, b| {
        a.distance
            .cmp(&b.distance)
            .then(b.strength.cmp(&a.strength))
            .then_with(|| {
                projection
                    .node(a.node)
                    .label
                    .cmp(&projection.node(b.node).label)
            })
    });
    out
}

/// Walks back from the last node of `path` to distance 0 along decreasing distances.
fn back(
    adjacency: &Adjacency,
    from_start: &[Option<usize>],
    path: &mut Vec<u32>,
    found: &mut Vec<Vec<u32>>,
    truncated: &mut bool,
) {
    if found.len() >= CANDIDATES {
        *truncated = true;
        return;
    }
    let last = *path.last().expect("non-empty path");
    let Some(d) = from_start[last as usize] else {
        return;
    };
    if d == 0 {
        found.push(path.clone());
        return;
    }
    for link in &adjacency.neighbors[last as usize] {
        if from_start[link.node as usize] == Some(d - 1) {
            path.push(link.node);
            back(adjacency, from_start, path, found, truncated);
            path.pop();
        }
    }
}

struct Search<'a> {
    adjacency: &'a Adjacency,
    to_target: &'a [Option<usize>],
    target: u32,
    max_hops: usize,
    found: &'a mut Vec<Vec<u32>>,
    steps: &'a mut usize,
    truncated: &'a mut bool,
}

impl Search<'_> {
    fn walk(&mut self, path: &mut Vec<u32>, on_path: &mut [bool]) {
        let last = *path.last().expect("non-empty path");
        let hops_so_far = path.len() - 1;
        for link in &self.adjacency.neighbors[last as usize] {
            *self.steps += 1;
            if self.found.len() >= CANDIDATES || *self.steps > STEPS {
                *self.truncated = true;
                return;
            }
            let next = link.node;
            if on_path[next as usize] {
                continue;
            }
            let Some(remaining) = self.to_target[next as usize] else {
                continue;
            };
            if hops_so_far + 1 + remaining > self.max_hops {
                continue;
            }
            path.push(next);
            if next == self.target {
                self.found.push(path.clone());
            } else {
                on_path[next as usize] = true;
                self.walk(path, on_path);
                on_path[next as usize] = false;
            }
            path.pop();
        }
    }
}
