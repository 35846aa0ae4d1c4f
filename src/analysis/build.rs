//! SPARQL → [`Projection`]: five queries (nodes, other names, documents,
//! facts with their evidence sentences, affiliations; a sixth for places with
//! event nodes), each read in one pass into hash maps, then one sort. No
//! query per node or edge, no ORDER BY (slow in SPARQL on large stores; the
//! sort happens in Rust), nothing quadratic. Filters on documents and dates
//! are applied to the small documents table, and facts from other documents
//! are skipped as they are read.

use std::collections::{BTreeSet, HashMap};

use oxigraph::model::{Term, Triple};

use crate::analysis::{Builder, Edge, Evidence, Filter, Node, NodeKind, Projection};
use crate::error::{Error, Result};
use crate::rdf::vocab;
use crate::store::{DEFAULT_PREFIXES, KnowledgeStore, QueryOutcome};

/// Relations projected when the filter names none.
pub const DEFAULT_RELATIONS: [&str; 6] = [
    "met",
    "proposed",
    "rejected",
    "claims_control",
    "disputes_control",
    "affiliated_with",
];

/// Every relation a filter may name.
pub const KNOWN_RELATIONS: [&str; 6] = DEFAULT_RELATIONS;

impl Projection {
    /// Projects the store's facts, as selected by `filter`, into a graph.
    ///
    /// Every typed entity becomes a node (so names resolve even for entities
    /// without facts); topics and events appear only with an edge.
    pub fn build(store: &KnowledgeStore, filter: &Filter) -> Result<Projection> {
        let relations = relations(filter)?;
        let mut builder = Builder::default();
        let names = other_names(store)?;
        // Labels and kinds of every typed resource, topics included. Rows come
        // in the store's order (sorting in SPARQL is slow on large stores), so
        // pick deterministically: a specific kind over ng:Entity/ng:Place,
        // then the smallest kind and label.
        let mut labels: HashMap<String, (String, NodeKind)> = HashMap::new();
        for row in select(store, NODES_QUERY)? {
            if let (Some(iri), Some(kind), Some(label)) =
                (iri(&row[0]), iri(&row[1]), text(&row[2]))
                && let Some(kind) = kind_of(&kind)
            {
                let slot = labels.entry(iri).or_insert((label.clone(), kind));
                let rank = |k: NodeKind| (k == NodeKind::Other, k);
                if (rank(kind), &label) < (rank(slot.1), &slot.0) {
                    *slot = (label, kind);
                }
            }
        }
        for (iri, (label, kind)) in &labels {
            if *kind != NodeKind::Topic {
                let mut node = Node {
                    iri: iri.clone(),
                    label: label.clone(),
                    kind: *kind,
                    aliases: Vec::new(),
                    key: None,
                    roles: Vec::new(),
                };
                Names::apply(&names, &mut node);
                builder.node(node);
            }
        }

        // Documents kept by the filter, with their file names and dates.
        let mut documents: HashMap<String, (String, Option<String>)> = HashMap::new();
        for row in select(store, DOCUMENTS_QUERY)? {
            let (Some(doc), Some(file), id) = (iri(&row[0]), text(&row[1]), text(&row[3])) else {
                continue;
            };
            let published = text(&row[2]);
            let day = published
                .as_deref()
                .map(|p| p.get(..10).unwrap_or(p).to_string());
            let kept = filter
                .documents
                .as_ref()
                .is_none_or(|ids| id.is_some_and(|id| ids.contains(&id)))
                && filter
                    .since
                    .is_none_or(|since| day.as_ref().is_some_and(|d| *d >= since.to_string()))
                && filter
                    .until
                    .is_none_or(|until| day.as_ref().is_some_and(|d| *d <= until.to_string()));
            if kept {
                documents.insert(doc, (file, published));
            }
        }
        let evidence_in = |doc: &str, sentence: Option<usize>, text: Option<String>| {
            documents.get(doc).map(|(file, published)| Evidence {
                document: file.clone(),
                sentence,
                text,
                published: published.clone(),
                document_iri: doc.to_string(),
            })
        };

        let mut edges: HashMap<(String, String, String), Vec<Evidence>> = HashMap::new();
        let mut roles: HashMap<String, BTreeSet<String>> = HashMap::new();
        let mut events: HashMap<String, EventInfo> = HashMap::new();
        let mut fact_relations: Vec<&str> = relations
            .iter()
            .map(String::as_str)
            .filter(|r| *r != "affiliated_with")
            .collect();
        fact_relations.push("has_role");
        let facts = FACTS_QUERY.replace(
            "$RELATIONS",
            &fact_relations
                .iter()
                .map(|r| format!("\"{r}\""))
                .collect::<Vec<_>>()
                .join(" "),
        );
        for row in select(store, &facts)? {
            let [fact, rel, s, o, doc, text_cell, position] = &row[..] else {
                continue;
            };
            let (Some(fact), Some(rel), Some(s), Some(doc)) =
                (iri(fact), text(rel), iri(s), iri(doc))
            else {
                continue;
            };
            let Some(evidence) = evidence_in(
                &doc,
                text(position).and_then(|p| p.parse().ok()),
                text(text_cell),
            ) else {
                continue;
            };
            let object = match o {
                Some(Term::NamedNode(n)) => n.as_str().to_string(),
                Some(Term::Literal(l)) if rel == "has_role" => {
                    roles.entry(s).or_default().insert(l.value().to_string());
                    continue;
                }
                _ => continue,
            };
            if rel == "has_role" {
                continue;
            }
            if filter.events {
                let info = events.entry(fact).or_insert_with(|| EventInfo {
                    relation: rel.clone(),
                    subject: s.clone(),
                    object: object.clone(),
                    place: None,
                    evidence: Vec::new(),
                });
                info.evidence.push(evidence);
            } else {
                let (s, object) = if rel == "met" && object < s {
                    (object, s)
                } else {
                    (s, object)
                };
                edges.entry((s, rel, object)).or_default().push(evidence);
            }
        }
        if filter.events && !events.is_empty() {
            for row in select(store, PLACES_QUERY)? {
                if let (Some(fact), Some(place)) = (iri(&row[0]), iri(&row[1]))
                    && let Some(info) = events.get_mut(&fact)
                    && info.place.as_ref().is_none_or(|p| place < *p)
                {
                    info.place = Some(place);
                }
            }
        }
        if relations.contains("affiliated_with") {
            for row in select(store, AFFILIATIONS_QUERY)? {
                let (Some(s), Some(o), Some(doc)) = (iri(&row[0]), iri(&row[1]), iri(&row[2]))
                else {
                    continue;
                };
                if let Some(evidence) = evidence_in(&doc, None, None) {
                    edges
                        .entry((s, "affiliated_with".into(), o))
                        .or_default()
                        .push(evidence);
                }
            }
        }

        let ensure = |builder: &mut Builder, iri: &str| {
            if !builder.has_node(iri) {
                let (label, kind) = labels
                    .get(iri)
                    .cloned()
                    .unwrap_or_else(|| (local_name(iri), NodeKind::Other));
                let mut node = Node {
                    iri: iri.to_string(),
                    label,
                    kind,
                    aliases: Vec::new(),
                    key: None,
                    roles: Vec::new(),
                };
                Names::apply(&names, &mut node);
                builder.node(node);
            }
        };
        let mut dropped = 0;
        for ((s, rel, o), evidence) in edges {
            let edge = edge(rel, evidence);
            if edge.sources < filter.min_sources {
                dropped += 1;
                continue;
            }
            ensure(&mut builder, &s);
            ensure(&mut builder, &o);
            builder.edge(&s, &o, edge);
        }
        for (fact, info) in events {
            let edge_evidence = edge("subject".into(), info.evidence.clone());
            if edge_evidence.sources < filter.min_sources {
                dropped += 1;
                continue;
            }
            ensure(&mut builder, &info.subject);
            ensure(&mut builder, &info.object);
            let subject_label = labels
                .get(&info.subject)
                .map_or_else(|| local_name(&info.subject), |l| l.0.clone());
            let object_label = labels
                .get(&info.object)
                .map_or_else(|| local_name(&info.object), |l| l.0.clone());
            builder.node(Node {
                iri: fact.clone(),
                label: format!("{}: {subject_label} / {object_label}", info.relation),
                kind: NodeKind::Event,
                aliases: Vec::new(),
                key: None,
                roles: Vec::new(),
            });
            builder.edge(&info.subject, &fact, edge_evidence.clone());
            builder.edge(
                &fact,
                &info.object,
                Edge {
                    relation: "object".into(),
                    ..edge_evidence.clone()
                },
            );
            if let Some(place) = &info.place {
                ensure(&mut builder, place);
                builder.edge(
                    &fact,
                    place,
                    Edge {
                        relation: "place".into(),
                        ..edge_evidence
                    },
                );
            }
        }
        let mut projection = builder.finish();
        for (iri, set) in roles {
            if let Some(id) = projection.node_by_iri(&iri) {
                projection.graph[petgraph::graph::NodeIndex::new(id.index())].roles =
                    set.into_iter().collect();
            }
        }
        if dropped > 0 {
            projection.notes.push(format!(
                "{dropped} edge{} with fewer than {} sources left out",
                if dropped == 1 { "" } else { "s" },
                filter.min_sources
            ));
        }
        Ok(projection)
    }

    /// The graph drawn by a CONSTRUCT (or DESCRIBE) query: IRI-to-IRI triples
    /// become edges (`ng:met` is `met`, other predicates keep their prefixed
    /// name); `rdfs:label` and `rdf:type` triples name and type the nodes.
    /// Nodes and edges also present in `self` take their labels, kinds and
    /// evidence from it.
    pub fn from_triples(&self, triples: &[Triple]) -> Projection {
        let mut labels: HashMap<String, String> = HashMap::new();
        let mut kinds: HashMap<String, NodeKind> = HashMap::new();
        let mut links: Vec<(String, String, String)> = Vec::new();
        for triple in triples {
            let subject = match &triple.subject {
                oxigraph::model::NamedOrBlankNode::NamedNode(n) => n.as_str().to_string(),
                other => other.to_string(),
            };
            let predicate = triple.predicate.as_str();
            match (&triple.object, predicate) {
                (Term::Literal(l), vocab::RDFS_LABEL) => {
                    labels.entry(subject).or_insert_with(|| l.value().into());
                }
                (Term::NamedNode(n), vocab::RDF_TYPE) => {
                    if let Some(kind) = kind_of(n.as_str()) {
                        kinds.entry(subject).or_insert(kind);
                    }
                }
                (Term::NamedNode(n), _) => {
                    links.push((subject, relation_of(predicate), n.as_str().to_string()))
                }
                (Term::BlankNode(b), _) => {
                    links.push((subject, relation_of(predicate), b.to_string()))
                }
                _ => {}
            }
        }
        let mut known: HashMap<(NodeIdPair, &str), &Edge> = HashMap::new();
        for e in self.edges() {
            known.insert(((e.from, e.to), e.edge.relation.as_str()), e.edge);
        }
        let mut builder = Builder::default();
        let add_node = |builder: &mut Builder, iri: &str| {
            if builder.has_node(iri) {
                return;
            }
            let base = self.node_by_iri(iri).map(|id| self.node(id));
            builder.node(Node {
                iri: iri.to_string(),
                label: labels
                    .get(iri)
                    .cloned()
                    .or_else(|| base.map(|n| n.label.clone()))
                    .unwrap_or_else(|| local_name(iri)),
                kind: kinds
                    .get(iri)
                    .copied()
                    .or_else(|| base.map(|n| n.kind))
                    .unwrap_or(NodeKind::Other),
                aliases: base.map(|n| n.aliases.clone()).unwrap_or_default(),
                key: base.and_then(|n| n.key.clone()),
                roles: base.map(|n| n.roles.clone()).unwrap_or_default(),
            });
        };
        links.sort();
        links.dedup();
        for (s, relation, o) in &links {
            add_node(&mut builder, s);
            add_node(&mut builder, o);
            let ids = (self.node_by_iri(s), self.node_by_iri(o));
            let found = match ids {
                (Some(a), Some(b)) => known
                    .get(&((a, b), relation.as_str()))
                    .or_else(|| known.get(&((b, a), relation.as_str())))
                    .copied(),
                _ => None,
            };
            builder.edge(
                s,
                o,
                found.cloned().unwrap_or_else(|| Edge {
                    relation: relation.clone(),
                    evidence: Vec::new(),
                    sources: 0,
                }),
            );
        }
        for iri in labels.keys().chain(kinds.keys()) {
            add_node(&mut builder, iri);
        }
        builder.finish()
    }

    /// Runs a CONSTRUCT or DESCRIBE query and projects its triples (see [`Projection::from_triples`]).
    pub fn from_construct(&self, store: &KnowledgeStore, sparql: &str) -> Result<Projection> {
        match store.query(sparql)? {
            QueryOutcome::Graph(triples) => Ok(self.from_triples(&triples)),
            _ => Err(Error::Usage(
                "--query needs a CONSTRUCT or DESCRIBE query (it draws the triples the query builds)"
                    .into(),
            )),
        }
    }
}

type NodeIdPair = (crate::analysis::NodeId, crate::analysis::NodeId);

struct EventInfo {
    relation: String,
    subject: String,
    object: String,
    place: Option<String>,
    evidence: Vec<Evidence>,
}

// Entity records are repeated in the graph of every document that mentions
// the entity: match inside one graph at a time (the union graph would pair
// every copy of the type with every copy of the label) and deduplicate.
const NODES_QUERY: &str = "SELECT DISTINCT ?e ?type ?label WHERE { GRAPH ?g { ?e a ?type ; rdfs:label ?label . \
    VALUES ?type { ng:Person ng:Country ng:Organization ng:Region ng:Town ng:Group ng:Place ng:Entity ng:Topic } } }";

const NAMES_QUERY: &str = "SELECT DISTINCT ?e ?p ?name WHERE { VALUES ?p { skos:altLabel ng:key } GRAPH ?g { ?e ?p ?name } }";

const DOCUMENTS_QUERY: &str = "SELECT ?doc ?file ?published ?id WHERE { GRAPH ?g { ?doc a ng:Document ; \
    ng:fileName ?file . OPTIONAL { ?doc ng:published ?published } OPTIONAL { ?doc ng:contentHash ?id } } }";

// Every fact has an evidence sentence (see rdf::to_quads); required patterns
// only, because OPTIONAL joins are several times slower on large stores.
const FACTS_QUERY: &str = "SELECT ?f ?rel ?s ?o ?doc ?text ?pos WHERE { VALUES ?rel { $RELATIONS } \
    GRAPH ?g { ?f ng:relation ?rel ; ng:subject ?s ; ng:object ?o ; prov:wasDerivedFrom ?doc ; \
    ng:evidence ?sentence . ?sentence ng:text ?text ; ng:position ?pos } }";

const PLACES_QUERY: &str =
    "SELECT ?f ?place WHERE { GRAPH ?g { ?f ng:relation ?rel ; ng:place ?place } }";

const AFFILIATIONS_QUERY: &str = "SELECT ?s ?o ?doc WHERE { \
    GRAPH ?g { ?s ng:affiliation ?o . ?doc a ng:Document } }";

fn relations(filter: &Filter) -> Result<BTreeSet<String>> {
    match &filter.relations {
        None => Ok(DEFAULT_RELATIONS.iter().map(|r| r.to_string()).collect()),
        Some(set) => {
            for r in set {
                if !KNOWN_RELATIONS.contains(&r.as_str()) {
                    return Err(Error::Usage(format!(
                        "unknown relation `{r}`; use {}",
                        KNOWN_RELATIONS.join(", ")
                    )));
                }
            }
            Ok(set.clone())
        }
    }
}

fn edge(relation: String, mut evidence: Vec<Evidence>) -> Edge {
    evidence.sort();
    evidence.dedup();
    let sources = evidence
        .iter()
        .map(|e| e.document_iri.as_str())
        .collect::<BTreeSet<_>>()
        .len();
    Edge {
        relation,
        evidence,
        sources,
    }
}

/// Aliases (`skos:altLabel`) and keys (`ng:key`) of every entity.
fn other_names(store: &KnowledgeStore) -> Result<HashMap<String, Names>> {
    let mut names: HashMap<String, Names> = HashMap::new();
    for row in select(store, NAMES_QUERY)? {
        if let (Some(e), Some(p), Some(name)) = (iri(&row[0]), iri(&row[1]), text(&row[2])) {
            let entry = names.entry(e).or_default();
            if p == vocab::SKOS_ALT_LABEL {
                entry.aliases.insert(name);
            } else if entry.key.as_ref().is_none_or(|k| name < *k) {
                entry.key = Some(name);
            }
        }
    }
    Ok(names)
}

#[derive(Default)]
struct Names {
    aliases: BTreeSet<String>,
    key: Option<String>,
}

impl Names {
    fn apply(names: &HashMap<String, Names>, node: &mut Node) {
        if let Some(n) = names.get(&node.iri) {
            node.aliases = n
                .aliases
                .iter()
                .filter(|a| **a != node.label)
                .cloned()
                .collect();
            node.key = n.key.clone();
        }
    }
}

fn select(store: &KnowledgeStore, sparql: &str) -> Result<Vec<Vec<Option<Term>>>> {
    match store.query(sparql)? {
        QueryOutcome::Solutions { rows, .. } => Ok(rows),
        _ => Err(Error::Query("expected a SELECT query".into())),
    }
}

fn iri(cell: &Option<Term>) -> Option<String> {
    match cell {
        Some(Term::NamedNode(n)) => Some(n.as_str().to_string()),
        _ => None,
    }
}

fn text(cell: &Option<Term>) -> Option<String> {
    match cell {
        Some(Term::Literal(l)) => Some(l.value().to_string()),
        _ => None,
    }
}

fn kind_of(class: &str) -> Option<NodeKind> {
    Some(match class.strip_prefix(vocab::NG)? {
        "Person" => NodeKind::Person,
        "Country" => NodeKind::Country,
        "Organization" => NodeKind::Organization,
        "Region" => NodeKind::Region,
        "Town" => NodeKind::Town,
        "Group" => NodeKind::Group,
        "Topic" => NodeKind::Topic,
        "Place" | "Entity" => NodeKind::Other,
        _ => return None,
    })
}

/// `ng:met` → `met`, `ng:claimsControlOf` → `claims_control`; others as prefixed names.
fn relation_of(predicate: &str) -> String {
    match predicate.strip_prefix(vocab::NG) {
        Some("met") => "met".into(),
        Some("proposed") => "proposed".into(),
        Some("rejected") => "rejected".into(),
        Some("claimsControlOf") => "claims_control".into(),
        Some("disputesControlOf") => "disputes_control".into(),
        Some("affiliation") => "affiliated_with".into(),
        _ => DEFAULT_PREFIXES
            .iter()
            .filter_map(|(prefix, ns)| {
                predicate
                    .strip_prefix(ns)
                    .filter(|l| !l.is_empty())
                    .map(|l| (prefix, l))
            })
            .max_by_key(|(prefix, _)| prefix.len())
            .map_or_else(|| predicate.to_string(), |(p, l)| format!("{p}:{l}")),
    }
}

/// The last segment of an IRI, for nodes without a label.
fn local_name(iri: &str) -> String {
    iri.rsplit(['/', '#'])
        .find(|s| !s.is_empty())
        .unwrap_or(iri)
        .to_string()
}
