//! SPARQL → [`Projection`]: three queries (nodes, other names, facts) plus
//! one for affiliations, each answered in one pass, then one sort. No query
//! per node or edge, nothing quadratic.

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
        // Labels and kinds of every typed resource, topics included; the first
        // (in IRI, type, label order) wins so the result does not depend on
        // the store's internal order.
        let mut labels: HashMap<String, (String, NodeKind)> = HashMap::new();
        for row in select(store, NODES_QUERY)? {
            if let (Some(iri), Some(kind), Some(label)) =
                (iri(&row[0]), iri(&row[1]), text(&row[2]))
                && let Some(kind) = kind_of(&kind)
            {
                let slot = labels.entry(iri).or_insert((label, kind));
                if slot.1 == NodeKind::Other && kind != NodeKind::Other {
                    slot.1 = kind;
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

        let mut edges: HashMap<(String, String, String), Vec<Evidence>> = HashMap::new();
        let mut roles: HashMap<String, BTreeSet<String>> = HashMap::new();
        let mut events: HashMap<String, EventInfo> = HashMap::new();
        let fact_relations: Vec<&str> = relations
            .iter()
            .map(String::as_str)
            .filter(|r| *r != "affiliated_with")
            .chain(["has_role"])
            .collect();
        let facts = format!(
            "{FACTS_QUERY_HEAD} VALUES ?rel {{ {} }} {} }}",
            fact_relations
                .iter()
                .map(|r| format!("\"{r}\""))
                .collect::<Vec<_>>()
                .join(" "),
            document_filters(filter)
        );
        for row in select(store, &facts)? {
            let [
                fact,
                rel,
                s,
                o,
                doc,
                file,
                published,
                place,
                _sentence,
                text_cell,
                position,
            ] = &row[..]
            else {
                continue;
            };
            let (Some(fact), Some(rel), Some(s), Some(doc), Some(file)) =
                (iri(fact), text(rel), iri(s), iri(doc), text(file))
            else {
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
            let evidence = Evidence {
                document: file,
                sentence: text(position).and_then(|p| p.parse().ok()),
                text: text(text_cell),
                published: text(published),
                document_iri: doc,
            };
            if filter.events {
                let info = events.entry(fact).or_insert_with(|| EventInfo {
                    relation: rel.clone(),
                    subject: s.clone(),
                    object: object.clone(),
                    place: None,
                    evidence: Vec::new(),
                });
                if info.place.is_none() {
                    info.place = iri(place);
                }
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
        if relations.contains("affiliated_with") {
            let query = format!("{AFFILIATIONS_QUERY_HEAD} {} }}", document_filters(filter));
            for row in select(store, &query)? {
                let (Some(s), Some(o), Some(doc), Some(file)) =
                    (iri(&row[0]), iri(&row[1]), iri(&row[2]), text(&row[3]))
                else {
                    continue;
                };
                edges
                    .entry((s, "affiliated_with".into(), o))
                    .or_default()
                    .push(Evidence {
                        document: file,
                        sentence: None,
                        text: None,
                        published: text(&row[4]),
                        document_iri: doc,
                    });
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

const NODES_QUERY: &str = "SELECT ?e ?type ?label WHERE { ?e a ?type ; rdfs:label ?label . \
    VALUES ?type { ng:Person ng:Country ng:Organization ng:Region ng:Town ng:Group ng:Place ng:Entity ng:Topic } } \
    ORDER BY ?e ?type ?label";

const NAMES_QUERY: &str =
    "SELECT DISTINCT ?e ?p ?name WHERE { VALUES ?p { skos:altLabel ng:key } ?e ?p ?name }";

const FACTS_QUERY_HEAD: &str = "SELECT ?f ?rel ?s ?o ?doc ?file ?published ?place ?sentence ?text ?pos WHERE { \
    GRAPH ?g { ?f ng:relation ?rel ; ng:subject ?s ; ng:object ?o ; prov:wasDerivedFrom ?doc . \
    ?doc ng:fileName ?file . \
    OPTIONAL { ?doc ng:published ?published } \
    OPTIONAL { ?f ng:place ?place } \
    OPTIONAL { ?f ng:evidence ?sentence . OPTIONAL { ?sentence ng:text ?text } OPTIONAL { ?sentence ng:position ?pos } } }";

const AFFILIATIONS_QUERY_HEAD: &str = "SELECT ?s ?o ?doc ?file ?published WHERE { \
    GRAPH ?g { ?s ng:affiliation ?o . ?doc a ng:Document ; ng:fileName ?file . \
    OPTIONAL { ?doc ng:published ?published } }";

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

/// `VALUES ?doc` and date `FILTER`s; every value is checked before it is written into the query.
fn document_filters(filter: &Filter) -> String {
    let mut out = String::new();
    if let Some(documents) = &filter.documents {
        out.push_str("VALUES ?doc { ");
        for id in documents {
            if id.chars().all(|c| c.is_ascii_alphanumeric()) {
                out.push_str(&format!("<{}> ", crate::rdf::mint::document(id)));
            }
        }
        out.push_str("} ");
    }
    if let Some(since) = filter.since {
        out.push_str(&format!(
            "FILTER (SUBSTR(STR(?published), 1, 10) >= \"{since}\") "
        ));
    }
    if let Some(until) = filter.until {
        out.push_str(&format!(
            "FILTER (SUBSTR(STR(?published), 1, 10) <= \"{until}\") "
        ));
    }
    out
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
