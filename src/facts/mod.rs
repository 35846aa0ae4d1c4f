//! Stage 3 of the pipeline: mentions → [`Fact`]s with provenance.
//!
//! This module owns the relations (met, proposed, rejected, claims and
//! disputes of control, roles), the rules that find them in sentences, and
//! the per-document extraction result [`DocExtraction`]. Facts refer to
//! entities by key and to their evidence by sentence index; this module never
//! sees RDF, the store or output formats.

mod engine;

use std::collections::{HashMap, HashSet};

use crate::diagnostics::Diagnostic;
use crate::mentions::{Entity, Mention, analyse, slug};
use crate::resources::Resources;
use crate::text::Document;

/// A relation between two arguments.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Relation {
    /// Two parties met, talked or negotiated (symmetric).
    Met,
    /// A party proposed, drafted or backed a plan, proposal or revision.
    Proposed,
    /// A party rejected, refused or ruled out something.
    Rejected,
    /// A party claims that it (or its forces) controls a place.
    ClaimsControl,
    /// A party denies or disputes a claim of control over a place.
    DisputesControl,
    /// A person holds a role ("US special envoy"); the object is the role text.
    HasRole,
    /// A person or body belongs to a country or organisation.
    AffiliatedWith,
}

impl Relation {
    /// The five relations scored by `newsgraph facts`.
    pub const SCORED: [Relation; 5] =
        [Relation::Met, Relation::Proposed, Relation::Rejected, Relation::ClaimsControl, Relation::DisputesControl];

    /// The name used in rule files and in `facts` output (`claims_control`).
    pub fn name(self) -> &'static str {
        match self {
            Relation::Met => "met",
            Relation::Proposed => "proposed",
            Relation::Rejected => "rejected",
            Relation::ClaimsControl => "claims_control",
            Relation::DisputesControl => "disputes_control",
            Relation::HasRole => "has_role",
            Relation::AffiliatedWith => "affiliated_with",
        }
    }

    /// Parses a relation name as written in rule files.
    pub fn from_name(name: &str) -> Option<Self> {
        [
            Relation::Met,
            Relation::Proposed,
            Relation::Rejected,
            Relation::ClaimsControl,
            Relation::DisputesControl,
            Relation::HasRole,
            Relation::AffiliatedWith,
        ]
        .into_iter()
        .find(|r| r.name() == name)
    }

    /// True when `A r B` implies `B r A`.
    pub fn is_symmetric(self) -> bool {
        self == Relation::Met
    }
}

/// The second argument of a fact.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Argument {
    /// An entity, by key.
    Entity(String),
    /// A thing that is not a named entity: a plan, proposal, demand, role.
    Thing(Thing),
}

/// A plan, proposal, demand, revision or role, named by its head words.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Thing {
    /// Stable slug within the document (`peace-plan`); resolved across sentences.
    pub key: String,
    /// The words that name it (`US-backed peace plan`).
    pub label: String,
}

/// Whether an event took place or is expected to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Status {
    /// Reported as having happened.
    Held,
    /// Scheduled, expected or planned.
    Planned,
}

/// Where a fact came from inside its document.
#[derive(Debug, Clone, PartialEq)]
pub struct Provenance {
    /// Index of the evidence sentence in the document.
    pub sentence_idx: usize,
    /// Identifier of the rule that produced the fact (`met/verb-with`).
    pub rule: String,
    /// Confidence between 0 and 1.
    pub confidence: f32,
}

/// One extracted fact.
#[derive(Debug, Clone, PartialEq)]
pub struct Fact {
    /// The relation.
    pub relation: Relation,
    /// Key of the subject entity (the party who met, proposed, rejected, claims or disputes).
    pub subject: String,
    /// The object: an entity (met, control relations) or a thing (proposed, rejected, roles).
    pub object: Argument,
    /// Held or planned, for meetings.
    pub status: Option<Status>,
    /// Key of the place entity where a meeting happened, when stated.
    pub place: Option<String>,
    /// The words that date the event ("on Tuesday"), when stated.
    pub date_phrase: Option<String>,
    /// Evidence.
    pub provenance: Provenance,
}

/// Everything extracted from one document.
#[derive(Debug, Clone, Default)]
pub struct DocExtraction {
    /// Entities mentioned in the document (resolved within it).
    pub entities: Vec<Entity>,
    /// Their mentions.
    pub mentions: Vec<Mention>,
    /// Facts, deduplicated within the document.
    pub facts: Vec<Fact>,
    /// Problems worth telling the user (unresolved names, odd sentences).
    pub diagnostics: Vec<Diagnostic>,
}

/// Extracts the facts of one document: mentions (see [`crate::mentions::analyse`]),
/// then the relation rules, then roles; facts are deduplicated (one per
/// relation, subject and object; `met` in either order; the first sentence
/// is kept as evidence) and every thing gets the fullest label seen for its key.
pub fn extract(document: &Document, resources: &Resources) -> DocExtraction {
    let analysis = analyse(document, resources);
    let mut facts = engine::run(&analysis, resources);
    for role in &analysis.roles {
        facts.push(Fact {
            relation: Relation::HasRole,
            subject: role.person.clone(),
            object: Argument::Thing(Thing { key: slug(&role.text), label: role.text.clone() }),
            status: None,
            place: None,
            date_phrase: None,
            provenance: Provenance { sentence_idx: role.sentence_idx, rule: "role/title".into(), confidence: 0.9 },
        });
    }
    let facts = dedup(facts);
    let known: HashSet<&str> = analysis.entities.iter().map(|e| e.key.as_str()).collect();
    let facts: Vec<Fact> = facts
        .into_iter()
        .filter(|f| {
            known.contains(f.subject.as_str())
                && match &f.object {
                    Argument::Entity(k) => known.contains(k.as_str()) && *k != f.subject,
                    Argument::Thing(_) => true,
                }
        })
        .collect();
    DocExtraction { entities: analysis.entities, mentions: analysis.mentions, facts, diagnostics: Vec::new() }
}

fn dedup(facts: Vec<Fact>) -> Vec<Fact> {
    let mut labels: HashMap<String, String> = HashMap::new();
    for fact in &facts {
        if let Argument::Thing(t) = &fact.object {
            let best = labels.entry(t.key.clone()).or_insert_with(|| t.label.clone());
            if t.label.split(' ').count() > best.split(' ').count() && t.label.split(' ').count() <= 10 {
                *best = t.label.clone();
            }
        }
    }
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for mut fact in facts {
        let object_key = match &fact.object {
            Argument::Entity(k) => k.clone(),
            Argument::Thing(t) => format!("thing:{}", t.key),
        };
        let (a, b) = if fact.relation.is_symmetric() && fact.subject > object_key {
            (object_key.clone(), fact.subject.clone())
        } else {
            (fact.subject.clone(), object_key.clone())
        };
        if !seen.insert((fact.relation, a, b)) {
            continue;
        }
        if let Argument::Thing(t) = &mut fact.object
            && fact.relation != Relation::HasRole
            && let Some(label) = labels.get(&t.key)
        {
            t.label = label.clone();
        }
        out.push(fact);
    }
    out
}
