//! Converts one document and its extraction into the quads of its named graph.

use oxigraph::model::vocab::xsd;
use oxigraph::model::{GraphName, Literal, NamedNode, Quad, Term};

use crate::dates::{self, Tense};
use crate::facts::{Argument, DocExtraction, Fact, Relation, Status};
use crate::mentions::Entity;
use crate::rdf::mint;
use crate::rdf::vocab::{self, ng};
use crate::text::{Document, Published};

/// All quads for `doc`: the document with its text, the sentences its facts
/// cite, the entities it mentions, and its facts, in the document's own
/// named graph.
pub fn document_quads(doc: &Document, extraction: &DocExtraction) -> Vec<Quad> {
    let mut out = Quads {
        graph: GraphName::NamedNode(iri(&mint::graph(&doc.id))),
        quads: Vec::new(),
    };
    let doc_iri = iri(&mint::document(&doc.id));
    out.add(&doc_iri, vocab::RDF_TYPE, iri(&ng("Document")));
    out.add(
        &doc_iri,
        &ng("sourcePath"),
        Literal::from(doc.source.as_str()),
    );
    out.add(&doc_iri, &ng("fileName"), Literal::from(doc.name.as_str()));
    out.add(&doc_iri, &ng("contentHash"), Literal::from(doc.id.as_str()));
    out.add(
        &doc_iri,
        &ng("sentenceCount"),
        Literal::from(doc.sentences.len() as i64),
    );
    if let Some(title) = &doc.title {
        out.add(&doc_iri, &ng("title"), Literal::from(title.as_str()));
    }
    if let Some(author) = &doc.author {
        out.add(&doc_iri, &ng("author"), Literal::from(author.as_str()));
    }
    if let Some(published) = &doc.published {
        out.add(&doc_iri, &ng("published"), published_literal(published));
    }
    // The whole text once, one sentence per line; a sentence resource
    // (offsets, position) only for the sentences facts cite as evidence.
    let body: Vec<&str> = doc.sentences.iter().map(|s| s.text.as_str()).collect();
    out.add(&doc_iri, &ng("body"), Literal::from(body.join("\n")));
    let mut cited: Vec<usize> = extraction
        .facts
        .iter()
        .map(|fact| fact.provenance.sentence_idx)
        .collect();
    cited.sort_unstable();
    cited.dedup();
    let mut chars_before = CharCounter::new(&doc.raw);
    for sentence in cited.iter().filter_map(|&idx| doc.sentences.get(idx)) {
        let s = iri(&mint::sentence(&doc.id, sentence.idx));
        out.add(&s, vocab::RDF_TYPE, iri(&ng("Sentence")));
        out.add(&s, &ng("inDocument"), doc_iri.clone());
        out.add(&s, &ng("text"), Literal::from(sentence.text.as_str()));
        out.add(&s, &ng("position"), Literal::from(sentence.idx as i64));
        out.add(
            &s,
            &ng("startChar"),
            Literal::from(chars_before.at(sentence.span.start) as i64),
        );
        out.add(
            &s,
            &ng("endChar"),
            Literal::from(chars_before.at(sentence.span.end) as i64),
        );
        if sentence.is_headline {
            out.add(&s, &ng("isHeadline"), Literal::from(true));
        }
    }
    for entity in &extraction.entities {
        entity_quads(&mut out, entity);
    }
    for fact in &extraction.facts {
        fact_quads(&mut out, doc, fact);
    }
    out.quads
}

struct Quads {
    graph: GraphName,
    quads: Vec<Quad>,
}

impl Quads {
    fn add(&mut self, subject: &NamedNode, predicate: &str, object: impl Into<Term>) {
        self.quads.push(Quad::new(
            subject.clone(),
            iri(predicate),
            object,
            self.graph.clone(),
        ));
    }
}

fn iri(text: &str) -> NamedNode {
    NamedNode::new_unchecked(text)
}

fn published_literal(published: &Published) -> Literal {
    match published {
        Published::Date(_) => Literal::new_typed_literal(published.to_string(), xsd::DATE),
        Published::DateTime(_) => Literal::new_typed_literal(published.to_string(), xsd::DATE_TIME),
    }
}

fn entity_quads(out: &mut Quads, entity: &Entity) {
    let e = iri(&mint::entity(&entity.key));
    out.add(&e, vocab::RDF_TYPE, iri(&ng(entity.kind.name())));
    out.add(&e, vocab::RDFS_LABEL, Literal::from(entity.name.as_str()));
    out.add(&e, &ng("key"), Literal::from(entity.key.as_str()));
    for variant in &entity.variants {
        out.add(&e, vocab::SKOS_ALT_LABEL, Literal::from(variant.as_str()));
    }
    if let Some(qid) = &entity.wikidata {
        out.add(
            &e,
            vocab::OWL_SAME_AS,
            iri(&format!("{}{qid}", vocab::WIKIDATA)),
        );
    }
    if let Some(affiliation) = &entity.affiliation {
        out.add(&e, &ng("affiliation"), iri(&mint::entity(affiliation)));
    }
}

fn fact_class(relation: Relation) -> &'static str {
    match relation {
        Relation::Met => "Meeting",
        Relation::Proposed => "Proposal",
        Relation::Rejected => "Rejection",
        Relation::ClaimsControl => "ControlClaim",
        Relation::DisputesControl => "ControlDispute",
        Relation::HasRole => "RoleStatement",
        Relation::AffiliatedWith => "AffiliationStatement",
    }
}

fn shortcut(relation: Relation) -> Option<&'static str> {
    match relation {
        Relation::Met => Some("met"),
        Relation::Proposed => Some("proposed"),
        Relation::Rejected => Some("rejected"),
        Relation::ClaimsControl => Some("claimsControlOf"),
        Relation::DisputesControl => Some("disputesControlOf"),
        Relation::HasRole => Some("hasRole"),
        Relation::AffiliatedWith => None,
    }
}

fn fact_quads(out: &mut Quads, doc: &Document, fact: &Fact) {
    let f = iri(&mint::fact(&doc.id, fact));
    let subject = iri(&mint::entity(&fact.subject));
    out.add(&f, vocab::RDF_TYPE, iri(&ng(fact_class(fact.relation))));
    out.add(&f, &ng("relation"), Literal::from(fact.relation.name()));
    out.add(&f, &ng("subject"), subject.clone());
    let object: Term = match (&fact.object, fact.relation) {
        (Argument::Entity(key), Relation::AffiliatedWith) | (Argument::Entity(key), _) => {
            iri(&mint::entity(key)).into()
        }
        (Argument::Thing(thing), Relation::HasRole) => Literal::from(thing.label.as_str()).into(),
        (Argument::Thing(thing), _) => {
            let t = iri(&mint::topic(&thing.key));
            out.add(&t, vocab::RDF_TYPE, iri(&ng("Topic")));
            out.add(&t, vocab::RDFS_LABEL, Literal::from(thing.label.as_str()));
            t.into()
        }
    };
    out.add(&f, &ng("object"), object.clone());
    if fact.relation == Relation::Met {
        out.add(&f, &ng("participant"), subject.clone());
        out.add(&f, &ng("participant"), object.clone());
    }
    if let Some(name) = shortcut(fact.relation) {
        out.add(&subject, &ng(name), object);
    }
    if let Some(status) = fact.status {
        let status = match status {
            Status::Held => "Held",
            Status::Planned => "Planned",
        };
        out.add(&f, &ng("status"), iri(&ng(status)));
    }
    if let Some(place) = &fact.place {
        out.add(&f, &ng("place"), iri(&mint::entity(place)));
    }
    if let Some(phrase) = &fact.date_phrase {
        out.add(&f, &ng("dateText"), Literal::from(phrase.as_str()));
        if let Some(day) = resolve_date(phrase, doc, fact.status) {
            out.add(
                &f,
                &ng("date"),
                Literal::new_typed_literal(day.to_string(), xsd::DATE),
            );
        }
    }
    out.add(
        &f,
        &ng("evidence"),
        iri(&mint::sentence(&doc.id, fact.provenance.sentence_idx)),
    );
    out.add(
        &f,
        vocab::PROV_WAS_DERIVED_FROM,
        iri(&mint::document(&doc.id)),
    );
    out.add(
        &f,
        &ng("rule"),
        Literal::from(fact.provenance.rule.as_str()),
    );
    let confidence = format!("{:.2}", fact.provenance.confidence.clamp(0.0, 1.0));
    out.add(
        &f,
        &ng("confidence"),
        Literal::new_typed_literal(confidence, xsd::DECIMAL),
    );
}

/// The calendar day a fact's date phrase names, read against the document's
/// publication date; planned events look forward, held ones back.
fn resolve_date(phrase: &str, doc: &Document, status: Option<Status>) -> Option<jiff::civil::Date> {
    let tense = match status {
        Some(Status::Planned) => Tense::Future,
        Some(Status::Held) => Tense::Past,
        None => Tense::Unknown,
    };
    dates::resolve(phrase, doc.published.map(|p| p.date()), tense)?.as_day()
}

/// Converts increasing byte offsets into character offsets in one pass.
struct CharCounter<'a> {
    text: &'a str,
    byte: usize,
    chars: usize,
}

impl<'a> CharCounter<'a> {
    fn new(text: &'a str) -> Self {
        CharCounter {
            text,
            byte: 0,
            chars: 0,
        }
    }

    fn at(&mut self, byte: usize) -> usize {
        if byte < self.byte {
            self.byte = 0;
            self.chars = 0;
        }
        self.chars += self.text[self.byte..byte].chars().count();
        self.byte = byte;
        self.chars
    }
}
