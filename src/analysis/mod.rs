//! Consumers of the store, part 2: graph algorithms over a petgraph projection.
//!
//! The entry point is [`Projection::build`]: a few SPARQL queries (through
//! [`KnowledgeStore::query`]) turn the facts of the store into a graph whose
//! nodes are entities and topics (optionally events) and whose edges are the
//! relations, one edge per (subject, relation, object) with every evidence
//! sentence and the number of distinct documents behind it. On top of it:
//! name lookup ([`Projection::find`], with "did you mean"), paths
//! ([`paths::find_paths`]), neighbourhoods ([`paths::neighbors`]),
//! centrality ([`centrality::rank`]), connected components
//! ([`centrality::components`]), and plain-text reports of each
//! ([`report`]). Results are plain data referring to nodes and edges by
//! [`NodeId`] and [`EdgeId`]; writers for DOT and GraphML live in
//! `crate::export`.
//!
//! This module is the only one that touches petgraph; petgraph types never
//! appear in its public API. It never writes to the store.
//!
//! [`KnowledgeStore::query`]: crate::store::KnowledgeStore::query

mod build;
pub mod centrality;
mod names;
pub mod paths;
pub mod report;

use std::collections::{BTreeSet, HashMap};

use petgraph::graph::{DiGraph, EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef;

pub use build::{DEFAULT_RELATIONS, KNOWN_RELATIONS};

/// Which part of the store to project.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Relations to keep (`met`, `proposed`, …); `None` keeps [`DEFAULT_RELATIONS`].
    pub relations: Option<BTreeSet<String>>,
    /// Keep only facts from these documents (content hashes); `None` keeps all.
    pub documents: Option<BTreeSet<String>>,
    /// Keep only facts from documents published on or after this day.
    pub since: Option<jiff::civil::Date>,
    /// Keep only facts from documents published on or before this day.
    pub until: Option<jiff::civil::Date>,
    /// Drop edges backed by fewer distinct documents than this.
    pub min_sources: usize,
    /// Make every fact a node of its own, linked to its subject, object and place.
    pub events: bool,
}

/// What a node stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NodeKind {
    /// A named person.
    Person,
    /// A sovereign state.
    Country,
    /// A government body, alliance, company, agency.
    Organization,
    /// An administrative region.
    Region,
    /// A city, town or village.
    Town,
    /// A collective party.
    Group,
    /// A plan, proposal or demand: the object of `proposed`/`rejected`.
    Topic,
    /// A fact shown as a node (with [`Filter::events`]).
    Event,
    /// Anything else (an IRI without a known type).
    Other,
}

impl NodeKind {
    /// Every kind, in display order.
    pub const ALL: [NodeKind; 9] = [
        NodeKind::Person,
        NodeKind::Country,
        NodeKind::Organization,
        NodeKind::Region,
        NodeKind::Town,
        NodeKind::Group,
        NodeKind::Topic,
        NodeKind::Event,
        NodeKind::Other,
    ];

    /// Lower-case name (`person`, `topic`).
    pub fn name(self) -> &'static str {
        match self {
            NodeKind::Person => "person",
            NodeKind::Country => "country",
            NodeKind::Organization => "organisation",
            NodeKind::Region => "region",
            NodeKind::Town => "town",
            NodeKind::Group => "group",
            NodeKind::Topic => "topic",
            NodeKind::Event => "event",
            NodeKind::Other => "other",
        }
    }
}

/// A node: an entity, a topic or an event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    /// The IRI in the store.
    pub iri: String,
    /// Canonical name (`rdfs:label`), or the end of the IRI when there is none.
    pub label: String,
    /// What it is.
    pub kind: NodeKind,
    /// Other names (`skos:altLabel`), sorted.
    pub aliases: Vec<String>,
    /// The entity's key (`ng:key`, `vladimir-putin`), when it has one.
    pub key: Option<String>,
    /// Roles stated for a person (`has_role` facts), sorted.
    pub roles: Vec<String>,
}

/// One sentence (or document, for affiliations) behind an edge.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Evidence {
    /// The document's file name without extension.
    pub document: String,
    /// Position of the sentence in the document, when the evidence is a sentence.
    pub sentence: Option<usize>,
    /// The sentence text.
    pub text: Option<String>,
    /// The document's publication date, as stored.
    pub published: Option<String>,
    /// The document's IRI.
    pub document_iri: String,
}

/// An edge: one relation between two nodes, with everything that supports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edge {
    /// `met`, `proposed`, `rejected`, `claims_control`, `disputes_control`,
    /// `affiliated_with`; `subject`/`object`/`place` for event nodes; a
    /// prefixed predicate for edges drawn from a CONSTRUCT query.
    pub relation: String,
    /// Evidence, sorted, without duplicates.
    pub evidence: Vec<Evidence>,
    /// Number of distinct documents in the evidence.
    pub sources: usize,
}

impl Edge {
    /// True for relations without a direction (`met`).
    pub fn is_symmetric(&self) -> bool {
        self.relation == "met"
    }
}

/// Index of a node in a [`Projection`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NodeId(u32);

impl NodeId {
    /// The index as a number (0-based, dense).
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// Index of an edge in a [`Projection`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EdgeId(u32);

impl EdgeId {
    /// The index as a number (0-based, dense).
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// An edge with its endpoints.
#[derive(Debug, Clone, Copy)]
pub struct EdgeView<'a> {
    /// Which edge.
    pub id: EdgeId,
    /// The subject side.
    pub from: NodeId,
    /// The object side.
    pub to: NodeId,
    /// The edge itself.
    pub edge: &'a Edge,
}

/// The store's facts as a graph. Nodes are sorted by IRI and edges by
/// (subject, relation, object), so every output built from it is stable.
#[derive(Debug, Clone, Default)]
pub struct Projection {
    graph: DiGraph<Node, Edge>,
    by_iri: HashMap<String, NodeId>,
    /// Remarks about how the projection was made (filters applied, limits hit).
    pub notes: Vec<String>,
}

impl Projection {
    /// Number of nodes.
    pub fn node_count(&self) -> usize {
        self.graph.node_count()
    }

    /// Number of edges.
    pub fn edge_count(&self) -> usize {
        self.graph.edge_count()
    }

    /// The node `id`.
    pub fn node(&self, id: NodeId) -> &Node {
        &self.graph[NodeIndex::new(id.index())]
    }

    /// The node with this IRI.
    pub fn node_by_iri(&self, iri: &str) -> Option<NodeId> {
        self.by_iri.get(iri).copied()
    }

    /// All nodes in IRI order.
    pub fn nodes(&self) -> impl Iterator<Item = (NodeId, &Node)> + '_ {
        self.graph
            .node_indices()
            .map(|i| (NodeId(i.index() as u32), &self.graph[i]))
    }

    /// The edge `id` with its endpoints.
    pub fn edge(&self, id: EdgeId) -> EdgeView<'_> {
        let index = EdgeIndex::new(id.index());
        let (from, to) = self
            .graph
            .edge_endpoints(index)
            .expect("edge ids come from this projection");
        EdgeView {
            id,
            from: NodeId(from.index() as u32),
            to: NodeId(to.index() as u32),
            edge: &self.graph[index],
        }
    }

    /// All edges in (subject, relation, object) order.
    pub fn edges(&self) -> impl Iterator<Item = EdgeView<'_>> + '_ {
        self.graph.edge_references().map(|e| EdgeView {
            id: EdgeId(e.id().index() as u32),
            from: NodeId(e.source().index() as u32),
            to: NodeId(e.target().index() as u32),
            edge: e.weight(),
        })
    }

    /// Number of edges touching `id`, in either direction.
    pub fn degree(&self, id: NodeId) -> usize {
        self.graph
            .neighbors_undirected(NodeIndex::new(id.index()))
            .count()
    }

    /// The subgraph made of `keep` and every edge between two of them.
    pub fn induced(&self, keep: &BTreeSet<NodeId>) -> Projection {
        let mut out = Builder::default();
        for &id in keep {
            out.node(self.node(id).clone());
        }
        for e in self.edges() {
            if keep.contains(&e.from) && keep.contains(&e.to) {
                out.edge(&self.node(e.from).iri, &self.node(e.to).iri, e.edge.clone());
            }
        }
        let mut projection = out.finish();
        projection.notes = self.notes.clone();
        projection
    }

    /// The nodes within `hops` of `center` (either direction) and the edges between them.
    pub fn neighborhood(&self, center: NodeId, hops: usize) -> Projection {
        let adjacency = Adjacency::new(self);
        let distances = adjacency.distances(center, hops);
        let keep = distances
            .iter()
            .enumerate()
            .filter(|(_, d)| d.is_some())
            .map(|(i, _)| NodeId(i as u32))
            .collect();
        self.induced(&keep)
    }

    /// The same graph without nodes that have no edge.
    pub fn without_isolated(&self) -> Projection {
        let keep = self
            .nodes()
            .filter(|(id, _)| self.degree(*id) > 0)
            .map(|(id, _)| id)
            .collect();
        self.induced(&keep)
    }
}

/// Collects nodes and edges in any order and sorts them into a [`Projection`].
#[derive(Default)]
pub(crate) struct Builder {
    nodes: HashMap<String, Node>,
    edges: Vec<(String, String, Edge)>,
}

impl Builder {
    /// Adds a node (the first one with an IRI wins).
    pub(crate) fn node(&mut self, node: Node) {
        self.nodes.entry(node.iri.clone()).or_insert(node);
    }

    /// True when a node with this IRI was added.
    pub(crate) fn has_node(&self, iri: &str) -> bool {
        self.nodes.contains_key(iri)
    }

    /// Adds an edge between two IRIs that are (or will be) nodes.
    pub(crate) fn edge(&mut self, from: &str, to: &str, edge: Edge) {
        self.edges.push((from.to_string(), to.to_string(), edge));
    }

    pub(crate) fn finish(self) -> Projection {
        let mut nodes: Vec<Node> = self.nodes.into_values().collect();
        nodes.sort_by(|a, b| a.iri.cmp(&b.iri));
        let mut graph = DiGraph::with_capacity(nodes.len(), self.edges.len());
        let mut by_iri = HashMap::with_capacity(nodes.len());
        for node in nodes {
            let iri = node.iri.clone();
            let index = graph.add_node(node);
            by_iri.insert(iri, NodeId(index.index() as u32));
        }
        let mut edges: Vec<(NodeId, NodeId, Edge)> = self
            .edges
            .into_iter()
            .filter_map(|(from, to, edge)| Some((*by_iri.get(&from)?, *by_iri.get(&to)?, edge)))
            .collect();
        edges.sort_by(|a, b| (a.0, &a.2.relation, a.1).cmp(&(b.0, &b.2.relation, b.1)));
        for (from, to, edge) in edges {
            graph.add_edge(
                NodeIndex::new(from.index()),
                NodeIndex::new(to.index()),
                edge,
            );
        }
        Projection {
            graph,
            by_iri,
            notes: Vec::new(),
        }
    }
}

/// Undirected, node-level view: for each node, its distinct neighbours and
/// the edges to each, sorted by neighbour. Built once in O(V + E log E).
pub(crate) struct Adjacency {
    pub(crate) neighbors: Vec<Vec<Link>>,
}

/// All edges between a node and one neighbour.
pub(crate) struct Link {
    pub(crate) node: u32,
    pub(crate) edges: Vec<EdgeId>,
    /// Sum of the edges' source counts (at least 1 per edge).
    pub(crate) strength: usize,
}

impl Adjacency {
    pub(crate) fn new(projection: &Projection) -> Self {
        let n = projection.node_count();
        let mut pairs: Vec<(u32, u32, EdgeId, usize)> =
            Vec::with_capacity(projection.edge_count() * 2);
        for e in projection.edges() {
            if e.from == e.to {
                continue;
            }
            let strength = e.edge.sources.max(1);
            pairs.push((e.from.0, e.to.0, e.id, strength));
            pairs.push((e.to.0, e.from.0, e.id, strength));
        }
        pairs.sort_unstable();
        let mut neighbors: Vec<Vec<Link>> = (0..n).map(|_| Vec::new()).collect();
        for (a, b, edge, strength) in pairs {
            let list = &mut neighbors[a as usize];
            match list.last_mut() {
                Some(link) if link.node == b => {
                    link.edges.push(edge);
                    link.strength += strength;
                }
                _ => list.push(Link {
                    node: b,
                    edges: vec![edge],
                    strength,
                }),
            }
        }
        Adjacency { neighbors }
    }

    /// Breadth-first distances from `start`, up to `max` hops (`None` = unreached).
    pub(crate) fn distances(&self, start: NodeId, max: usize) -> Vec<Option<usize>> {
        let mut dist = vec![None; self.neighbors.len()];
        dist[start.index()] = Some(0);
        let mut frontier = vec![start.0];
        let mut depth = 0;
        while !frontier.is_empty() && depth < max {
            depth += 1;
            let mut next = Vec::new();
            for v in frontier {
                for link in &self.neighbors[v as usize] {
                    let slot = &mut dist[link.node as usize];
                    if slot.is_none() {
                        *slot = Some(depth);
                        next.push(link.node);
                    }
                }
            }
            frontier = next;
        }
        dist
    }

    /// The link from `a` to `b`, when they are neighbours.
    pub(crate) fn link(&self, a: u32, b: u32) -> Option<&Link> {
        let list = &self.neighbors[a as usize];
        list.binary_search_by_key(&b, |l| l.node)
            .ok()
            .map(|i| &list[i])
    }
}
