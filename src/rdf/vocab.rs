//! IRI constants of the newsgraph vocabulary and of the vocabularies it reuses.
//!
//! Mirrors `ontology/newsgraph.ttl`; a test checks that every `ng:` term used
//! here is declared there and that every term declared there is listed here.

/// The ontology namespace (`ng:`).
pub const NG: &str = "https://w3id.org/newsgraph/ontology#";
/// The ontology's own IRI; also the named graph the ontology is loaded into.
pub const ONTOLOGY: &str = "https://w3id.org/newsgraph/ontology";
/// Base of the IRIs minted for data (documents, sentences, entities, facts).
pub const ID: &str = "https://w3id.org/newsgraph/id/";
/// Namespace of entity IRIs (`ent:vladimir-putin` in queries).
pub const ENTITY: &str = "https://w3id.org/newsgraph/id/entity/";

/// `rdf:type`.
pub const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
/// `rdfs:label`.
pub const RDFS_LABEL: &str = "http://www.w3.org/2000/01/rdf-schema#label";
/// `skos:altLabel`.
pub const SKOS_ALT_LABEL: &str = "http://www.w3.org/2004/02/skos/core#altLabel";
/// `owl:sameAs`.
pub const OWL_SAME_AS: &str = "http://www.w3.org/2002/07/owl#sameAs";
/// `prov:wasDerivedFrom`.
pub const PROV_WAS_DERIVED_FROM: &str = "http://www.w3.org/ns/prov#wasDerivedFrom";
/// Wikidata entity namespace.
pub const WIKIDATA: &str = "http://www.wikidata.org/entity/";
/// `xsd:` namespace.
pub const XSD: &str = "http://www.w3.org/2001/XMLSchema#";

/// Every local name of the `ng:` namespace that the code uses; must equal the ontology's terms.
pub const TERMS: &[&str] = &[
    // documents and evidence
    "Document",
    "Sentence",
    "sourcePath",
    "fileName",
    "contentHash",
    "title",
    "author",
    "published",
    "sentenceCount",
    "body",
    "inDocument",
    "text",
    "position",
    "startChar",
    "endChar",
    "isHeadline",
    // entities
    "Entity",
    "Person",
    "Organization",
    "Group",
    "Place",
    "Country",
    "Region",
    "Town",
    "Topic",
    "affiliation",
    "key",
    // facts
    "Fact",
    "Meeting",
    "Proposal",
    "Rejection",
    "ControlClaim",
    "ControlDispute",
    "RoleStatement",
    "AffiliationStatement",
    "subject",
    "object",
    "participant",
    "place",
    "status",
    "EventStatus",
    "Held",
    "Planned",
    "dateText",
    "date",
    "evidence",
    "rule",
    "confidence",
    "relation",
    // shortcuts
    "met",
    "proposed",
    "rejected",
    "claimsControlOf",
    "disputesControlOf",
    "hasRole",
    // sources: rewrite clusters and facts merged across documents
    "RewriteCluster",
    "clusterMember",
    "similarity",
    "MergedFact",
    "attestation",
    "sourceCount",
    "independentSourceCount",
];

/// The full IRI of an `ng:` term. Debug builds check that the term is declared.
pub fn ng(local: &str) -> String {
    debug_assert!(TERMS.contains(&local), "ng:{local} is not in the ontology");
    format!("{NG}{local}")
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use oxigraph::io::{RdfFormat, RdfParser};

    use super::*;

    #[test]
    fn vocab_and_ontology_declare_the_same_terms() {
        let ttl = include_str!("../../ontology/newsgraph.ttl");
        let mut declared = BTreeSet::new();
        for triple in RdfParser::from_format(RdfFormat::Turtle).for_slice(ttl.as_bytes()) {
            let triple = triple.expect("ontology parses");
            if let oxigraph::model::NamedOrBlankNode::NamedNode(s) = &triple.subject
                && let Some(local) = s.as_str().strip_prefix(NG)
            {
                declared.insert(local.to_string());
            }
        }
        let used: BTreeSet<String> = TERMS.iter().map(|s| s.to_string()).collect();
        assert_eq!(declared, used);
    }

    #[test]
    fn every_term_has_label_and_comment() {
        let ttl = include_str!("../../ontology/newsgraph.ttl");
        let triples: Vec<_> = RdfParser::from_format(RdfFormat::Turtle)
            .for_slice(ttl.as_bytes())
            .collect::<Result<_, _>>()
            .unwrap();
        for term in TERMS {
            let iri = ng(term);
            for prop in [RDFS_LABEL, "http://www.w3.org/2000/01/rdf-schema#comment"] {
                assert!(
                    triples
                        .iter()
                        .any(|t| t.subject.to_string() == format!("<{iri}>")
                            && t.predicate.as_str() == prop),
                    "ng:{term} lacks {prop}"
                );
            }
        }
    }
}
