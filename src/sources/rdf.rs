//! The source analysis as quads of one derived named graph.
//!
//! Pure: [`Analysis`] in, quads out, all in [`SOURCES_GRAPH`]. A rewrite
//! cluster of two or more documents becomes an `ng:RewriteCluster` with its
//! members and weakest similarity; a member published after the cluster's
//! original gets `prov:wasDerivedFrom` the original; a fact stated by more
//! than one document becomes an `ng:MergedFact` that points to each
//! per-document fact (`ng:attestation`), which in turn points to its
//! sentence (`ng:evidence`) and document (`prov:wasDerivedFrom`).
//! Documents' own graphs are never touched.

use oxigraph::model::vocab::xsd;
use oxigraph::model::{GraphName, Literal, NamedNode, Quad, Term};

use crate::rdf::vocab::{self, ID, ng};
use crate::sources::Analysis;
use crate::sources::cluster::published_before;

/// IRI of the named graph holding the source analysis.
pub const SOURCES_GRAPH: &str = "https://w3id.org/newsgraph/id/graph/sources";

/// Quads describing clusters, derivations and merged facts.
pub fn analysis_quads(analysis: &Analysis) -> Vec<Quad> {
    let graph = GraphName::NamedNode(iri(SOURCES_GRAPH));
    let mut quads = Vec::new();
    let mut add = |s: &NamedNode, p: &str, o: Term| {
        quads.push(Quad::new(s.clone(), iri(p), o, graph.clone()));
    };
    let c = &analysis.clustering;
    let doc = |idx: usize| iri(&format!("{ID}doc/{}", c.documents[idx].id));
    for cluster in c.clusters.iter().filter(|cl| cl.members.len() > 1) {
        let node = iri(&format!("{ID}cluster/{}", cluster.id));
        add(&node, vocab::RDF_TYPE, iri(&ng("RewriteCluster")).into());
        add(
            &node,
            vocab::RDFS_LABEL,
            Literal::from(format!("rewrite cluster {}", cluster.id)).into(),
        );
        if let Some(s) = cluster.similarity {
            add(&node, &ng("similarity"), decimal(s));
        }
        for &m in &cluster.members {
            add(&node, &ng("clusterMember"), doc(m).into());
            if let (Some(original), Some(published)) = (cluster.original, c.documents[m].published)
                && original != m
                && c.documents[original]
                    .published
                    .is_some_and(|p| published_before(&p, &published))
            {
                add(&doc(m), vocab::PROV_WAS_DERIVED_FROM, doc(original).into());
            }
        }
    }
    for fact in analysis.merged.iter().filter(|m| m.documents > 1) {
        let node = iri(&format!("{ID}fact/merged/{}", fact.id));
        add(&node, vocab::RDF_TYPE, iri(&ng("MergedFact")).into());
        add(
            &node,
            &ng("relation"),
            Literal::from(fact.relation.as_str()).into(),
        );
        add(&node, &ng("subject"), iri(&fact.subject).into());
        add(&node, &ng("object"), iri(&fact.object).into());
        add(
            &node,
            &ng("sourceCount"),
            Literal::from(fact.documents as i64).into(),
        );
        add(
            &node,
            &ng("independentSourceCount"),
            Literal::from(fact.independent as i64).into(),
        );
        if let Some(day) = fact.agreed_date() {
            add(
                &node,
                &ng("date"),
                Literal::new_typed_literal(day.to_string(), xsd::DATE).into(),
            );
        }
        for source in &fact.sources {
            add(&node, &ng("attestation"), iri(&source.fact).into());
        }
    }
    quads
}

fn iri(text: &str) -> NamedNode {
    NamedNode::new_unchecked(text)
}

fn decimal(value: f64) -> Term {
    Literal::new_typed_literal(format!("{value:.2}"), xsd::DECIMAL).into()
}
