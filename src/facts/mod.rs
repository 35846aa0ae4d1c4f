//! Stage 3 of the pipeline: mentions → [`Fact`]s with provenance.
//!
//! This module owns the relations (met, proposed, rejected, claims and
//! disputes of control, roles), the rules that find them in sentences, and
//! the per-document extraction result [`DocExtraction`]. Facts refer to
//! entities by key and to their evidence by sentence index; this module never
//! sees RDF, the store or output formats.

mod engine;

use rustc_hash::{FxHashMap, FxHashSet};

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
    pub const SCORED: [Relation; 5] = [
        Relation::Met,
        Relation::Proposed,
        Relation::Rejected,
        Relation::ClaimsControl,
        Relation::DisputesControl,
    ];

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
            object: Argument::Thing(Thing {
                key: slug(&role.text),
                label: role.text.clone(),
            }),
            status: None,
            place: None,
            date_phrase: None,
            provenance: Provenance {
                sentence_idx: role.sentence_idx,
                rule: "role/title".into(),
                confidence: 0.9,
            },
        });
    }
    let facts = dedup(facts);
    let known: FxHashSet<&str> = analysis.entities.iter().map(|e| e.key.as_str()).collect();
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
    DocExtraction {
        entities: analysis.entities,
        mentions: analysis.mentions,
        facts,
        diagnostics: analysis.diagnostics,
    }
}

fn dedup(facts: Vec<Fact>) -> Vec<Fact> {
    let mut labels: FxHashMap<String, String> = FxHashMap::default();
    for fact in &facts {
        if let Argument::Thing(t) = &fact.object {
            let best = labels
                .entry(t.key.clone())
                .or_insert_with(|| t.label.clone());
            if t.label.split(' ').count() > best.split(' ').count()
                && t.label.split(' ').count() <= 10
            {
                *best = t.label.clone();
            }
        }
    }
    let mut seen = FxHashSet::default();
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text;

    /// Scored facts of `input` as sorted `relation subject object` lines (keys; labels for things;
    /// `met` with the two keys in alphabetical order; `planned` marked with `+`).
    fn check(input: &str, expected: &[&str]) {
        let resources = Resources::builtin().unwrap();
        let (document, _) = text::parse("t.txt", input.as_bytes(), &resources.text).unwrap();
        let extraction = extract(&document, &resources);
        let mut got: Vec<String> = extraction
            .facts
            .iter()
            .filter(|f| Relation::SCORED.contains(&f.relation))
            .map(|f| {
                let object = match &f.object {
                    Argument::Entity(k) => k.clone(),
                    Argument::Thing(t) => t.label.clone(),
                };
                let (a, b) = if f.relation == Relation::Met && f.subject > object {
                    (object, f.subject.clone())
                } else {
                    (f.subject.clone(), object)
                };
                let planned = if f.status == Some(Status::Planned) {
                    "+"
                } else {
                    ""
                };
                format!("{}{planned} {a} {b}", f.relation.name())
            })
            .collect();
        got.sort();
        assert_eq!(got, expected);
    }

    #[test]
    fn met_coordinated_subjects_are_one_side() {
        check(
            "Marco Rubio and Dan Driscoll met Vladimir Medinsky in Geneva.",
            &[
                "met dan-driscoll vladimir-medinsky",
                "met marco-rubio vladimir-medinsky",
            ],
        );
    }

    #[test]
    fn met_with_a_list_of_objects() {
        check(
            "Kaja Kallas also held talks with Andriy Sybiha, Keir Starmer and Rustem Umerov on Friday.",
            &[
                "met andrii-sybiha kaja-kallas",
                "met kaja-kallas keir-starmer",
                "met kaja-kallas rustem-umerov",
            ],
        );
    }

    #[test]
    fn met_passive_and_nominal_forms() {
        check(
            "Hakan Fidan was hosted by Sergei Lavrov in Moscow.",
            &["met hakan-fidan sergei-lavrov"],
        );
        check(
            "Talks between Sergei Lavrov and Marco Rubio ended late.",
            &["met marco-rubio sergei-lavrov"],
        );
        check(
            "Lavrov's meeting with Hakan Fidan was short.",
            &["met hakan-fidan sergei-lavrov"],
        );
        check(
            "The Rubio-Lavrov talks lasted hours.",
            &["met marco-rubio sergei-lavrov"],
        );
    }

    #[test]
    fn met_sides_named_by_officials_and_delegation_members() {
        check(
            "Negotiations between Turkish and Russian officials, including Hakan Fidan, lasted two days.",
            &["met hakan-fidan russia"],
        );
        check(
            "A Russian delegation led by Vladimir Medinsky sat down with Keir Starmer.",
            &["met keir-starmer vladimir-medinsky"],
        );
    }

    #[test]
    fn met_in_translated_word_order() {
        check(
            "The Turkish delegation under the leadership of Hakan Fidan talked with the Russian group, which was headed by \
             Sergei Lavrov. The evening session was hosted by Keir Starmer.",
            &[
                "met hakan-fidan keir-starmer",
                "met hakan-fidan sergei-lavrov",
                "met keir-starmer sergei-lavrov",
            ],
        );
    }

    #[test]
    fn met_planned_forms() {
        check(
            "Keir Starmer is expected to meet Donald Trump next week.",
            &["met+ donald-trump keir-starmer"],
        );
        check(
            "Emmanuel Macron will speak by phone with Vladimir Putin.",
            &["met+ emmanuel-macron vladimir-putin"],
        );
    }

    #[test]
    fn met_negated_refused_and_conditional_are_not_meetings() {
        check("Andriy Sybiha did not meet Sergei Lavrov on Tuesday.", &[]);
        check(
            "Dmitry Peskov refused to say whether Donald Trump and Vladimir Putin had met.",
            &[],
        );
        check(
            "If Emmanuel Macron and Vladimir Putin meet, talks could resume.",
            &[],
        );
        check(
            "Keir Starmer called for a meeting with Vladimir Putin.",
            &[],
        );
        check(
            "Volodymyr Zelensky said he was ready to meet Vladimir Putin.",
            &[],
        );
    }

    #[test]
    fn met_through_a_pronoun_and_a_surname() {
        check(
            "Keir Starmer flew to Kyiv on Monday. He said he had met Rustem Umerov there.",
            &["met keir-starmer rustem-umerov"],
        );
    }

    #[test]
    fn proposed_active_passive_adjectival_and_owned() {
        check(
            "Emmanuel Macron put forward a ceasefire proposal.",
            &["proposed emmanuel-macron ceasefire proposal"],
        );
        check(
            "The framework, drafted by Kirill Dmitriev, was sent to Kyiv.",
            &["proposed kirill-dmitriev framework"],
        );
        check(
            "Officials studied the Kremlin-backed peace plan.",
            &["proposed russia Kremlin-backed peace plan"],
        );
        check(
            "Diplomats discussed the French draft.",
            &["proposed france French draft"],
        );
    }

    #[test]
    fn rejected_forms() {
        check(
            "Sergei Lavrov rejected the European counter-proposal.",
            &[
                "proposed european-leaders European counter-proposal",
                "rejected sergei-lavrov European counter-proposal",
            ],
        );
        check(
            "The proposal was rejected by Kyiv.",
            &["rejected ukraine proposal"],
        );
        check(
            "Donald Trump has ruled out NATO membership for Ukraine.",
            &["rejected donald-trump NATO membership"],
        );
        check(
            "The truce terms were unacceptable to Moscow.",
            &["rejected russia truce terms"],
        );
        check(
            "Vladimir Putin described the French plan as a non-starter.",
            &[
                "proposed france French plan",
                "rejected vladimir-putin French plan",
            ],
        );
        check(
            "Ukrainian officials said Kyiv will never cede territory.",
            &["rejected ukraine cede territory (ceding territory)"],
        );
    }

    #[test]
    fn criticism_is_not_rejection() {
        check(
            "Kaja Kallas criticised the peace plan and questioned its terms.",
            &[],
        );
    }

    #[test]
    fn claims_by_the_speaker_and_by_forces() {
        check(
            "Russia's Defence Ministry said its forces had captured the village of Zorianka.",
            &["claims_control russia zorianka"],
        );
        check(
            "Valery Gerasimov said Russian troops had taken Siversk and Lyman.",
            &[
                "claims_control valery-gerasimov lyman",
                "claims_control valery-gerasimov siversk",
            ],
        );
        check(
            "Ukrainian forces still hold Orikhiv.",
            &["claims_control ukraine orikhiv"],
        );
    }

    #[test]
    fn attempts_and_denials_are_not_claims() {
        check(
            "Russian troops have been trying to seize Lyman for months.",
            &[],
        );
        check("Russia wants to capture Lyman.", &[]);
        check(
            "Russian forces failed to capture Siversk, Ukraine said.",
            &["disputes_control ukraine siversk"],
        );
        check(
            "Ukraine's General Staff refuted the claim that Siversk had fallen.",
            &["disputes_control ukraine siversk"],
        );
        check(
            "A general reported to Vladimir Putin that Siversk had been taken.",
            &[],
        );
        check(
            "Moscow said it took Lyman. Kyiv denied that the town had fallen.",
            &[
                "claims_control russia lyman",
                "disputes_control ukraine lyman",
            ],
        );
    }

    #[test]
    fn disputes_by_monitors_and_by_silence() {
        check(
            "Moscow claims it captured Siversk. DeepState maps still show the town as contested.",
            &[
                "claims_control russia siversk",
                "disputes_control deepstate siversk",
            ],
        );
        check(
            "Russia said it had captured Lyman. Kyiv made no acknowledgement of the loss of the town.",
            &[
                "claims_control russia lyman",
                "disputes_control ukraine lyman",
            ],
        );
        check(
            "Russia said it had captured Lyman. Ukraine's army declined to comment on the claim.",
            &["claims_control russia lyman"],
        );
    }

    #[test]
    fn negated_control_is_a_dispute() {
        check(
            "Open-source analysts say Siversk is not fully under Russian control.",
            &["disputes_control osint siversk"],
        );
    }
}
