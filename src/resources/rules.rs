//! Relation rules: `ontology/rules/*.tsv` parsed into phrase tables.
//!
//! [`Rules`] holds trigger phrases (with the relation and the argument
//! pattern, or form, each uses), cue words (negation, modality, clause
//! boundaries, speech verbs, ...), object head nouns and canonical thing
//! patterns. Phrases are matched on lower-cased word sequences; each table is
//! indexed by its first word, so a lookup costs one hash probe per token.

use rustc_hash::FxHashMap;

use crate::data_file::Table;
use crate::error::{Error, Result};
use crate::facts::Relation;

/// How a trigger finds its arguments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TriggerForm {
    /// Subject before the trigger, object after it ("A met B", "A rejected X").
    Active,
    /// Object before, agent after "by" ("X drawn up by A").
    Passive,
    /// "talks between A and B": both sides after the trigger.
    Between,
    /// "A's meeting with B", "after talks with B, A said".
    With,
    /// "US-backed plan": subject before a hyphen, object after.
    Adjectival,
    /// "X is unacceptable to A".
    Unacceptable,
    /// "A's rejection of X".
    Possessive,
    /// "A joined the talks": the other parties come from the meeting referred to.
    Joined,
    /// "A will never cede X", "A would not accept X".
    Never,
}

impl TriggerForm {
    fn parse(name: &str) -> Option<Self> {
        Some(match name {
            "active" => TriggerForm::Active,
            "passive" => TriggerForm::Passive,
            "between" => TriggerForm::Between,
            "with" => TriggerForm::With,
            "adjectival" => TriggerForm::Adjectival,
            "unacceptable" => TriggerForm::Unacceptable,
            "possessive" => TriggerForm::Possessive,
            "joined" => TriggerForm::Joined,
            "never" => TriggerForm::Never,
            _ => return None,
        })
    }
}

/// One trigger phrase.
#[derive(Debug, Clone)]
pub struct Trigger {
    /// Lower-cased words.
    pub words: Vec<String>,
    /// Relation it signals.
    pub relation: Relation,
    /// Argument pattern.
    pub form: TriggerForm,
    /// Rule id for provenance.
    pub rule: String,
}

/// Classes of cue words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Cue {
    /// Cancels a trigger right after it.
    Negation,
    /// Makes a meeting planned.
    Planned,
    /// Cancels a fact (if, whether).
    Conditional,
    /// An effort, not a result (trying to seize).
    Attempt,
    /// Ends a clause.
    Boundary,
    /// A verb of saying.
    Speech,
    /// A noun naming a meeting.
    Event,
    /// Refers back to the most recent town.
    PlaceAnaphor,
    /// Refers back to all towns of the last claim.
    PlaceAnaphorAll,
    /// Refers to a claim made before.
    ClaimNoun,
    /// A preposition after which a capital is a place, not an actor.
    PlacePreposition,
    /// May stand between coordinated parties.
    Connector,
}

impl Cue {
    fn parse(name: &str) -> Option<Self> {
        Some(match name {
            "negation" => Cue::Negation,
            "planned" => Cue::Planned,
            "conditional" => Cue::Conditional,
            "attempt" => Cue::Attempt,
            "boundary" => Cue::Boundary,
            "speech" => Cue::Speech,
            "event" => Cue::Event,
            "place-anaphor" => Cue::PlaceAnaphor,
            "place-anaphor-all" => Cue::PlaceAnaphorAll,
            "claim-noun" => Cue::ClaimNoun,
            "place-preposition" => Cue::PlacePreposition,
            "connector" => Cue::Connector,
            _ => return None,
        })
    }
}

/// Class of an object head noun.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ObjectClass {
    /// A plan-like document that later mentions ("the draft", "it") refer back to.
    Plan,
    /// Any other proposable or rejectable thing.
    Thing,
    /// A part noun that takes "of ..." ("elements of the plan").
    Part,
    /// A word summing up things named just before it ("conditions").
    Generic,
    /// A word that may stand inside a thing's name ("peace", "revised").
    Modifier,
}

/// A canonical thing pattern ("cede … territory" → `ceding territory`).
#[derive(Debug, Clone)]
pub struct ThingPattern {
    /// Lower-cased words; `…` is a gap of up to four words.
    pub words: Vec<String>,
    /// Thing key.
    pub key: String,
    /// Thing label.
    pub label: String,
}

/// A trigger found at a position.
#[derive(Debug, Clone)]
pub struct PhraseMatch<'a> {
    /// The trigger.
    pub trigger: &'a Trigger,
    /// Number of words it covers.
    pub len: usize,
}

/// The parsed rule tables.
#[derive(Debug, Clone, Default)]
pub struct Rules {
    triggers: FxHashMap<String, Vec<Trigger>>,
    cues: FxHashMap<String, Vec<(Vec<String>, Cue)>>,
    objects: FxHashMap<String, ObjectClass>,
    /// Canonical thing patterns, in file order.
    pub things: Vec<ThingPattern>,
    /// Indices into `things` by first word, so a position is only tried
    /// against the patterns that can start there.
    things_by_first: FxHashMap<String, Vec<usize>>,
    /// Words in the longest trigger phrase.
    longest_trigger: usize,
}

impl Rules {
    /// The thing patterns whose first word is `word`, in file order.
    pub fn things_starting(&self, word: &str) -> impl Iterator<Item = &ThingPattern> {
        self.things_by_first
            .get(word)
            .into_iter()
            .flatten()
            .map(|&i| &self.things[i])
    }

    /// Parses the four rule files `(name, text)`: triggers, cues, objects, things.
    pub fn parse(files: &[(&str, &str)]) -> Result<Self> {
        let mut rules = Rules::default();
        for (file, text) in files {
            let header = text
                .lines()
                .find(|l| !l.trim().is_empty() && !l.starts_with('#'))
                .unwrap_or("");
            if header.starts_with("phrase\trelation") {
                let table = Table::parse(file, text, &["phrase", "relation", "form", "rule"])?;
                for row in table.rows() {
                    let relation = Relation::from_name(table.get(row, "relation"))
                        .ok_or_else(|| table.error(row, "unknown relation"))?;
                    let form = TriggerForm::parse(table.get(row, "form"))
                        .ok_or_else(|| table.error(row, "unknown form"))?;
                    let words = words(table.get(row, "phrase"));
                    if words.is_empty() {
                        return Err(table.error(row, "empty phrase"));
                    }
                    rules.longest_trigger = rules.longest_trigger.max(words.len());
                    let trigger = Trigger {
                        words,
                        relation,
                        form,
                        rule: table.get(row, "rule").to_string(),
                    };
                    rules
                        .triggers
                        .entry(trigger.words[0].clone())
                        .or_default()
                        .push(trigger);
                }
            } else if header.starts_with("phrase\tclass") {
                let table = Table::parse(file, text, &["phrase", "class"])?;
                for row in table.rows() {
                    let cue = Cue::parse(table.get(row, "class"))
                        .ok_or_else(|| table.error(row, "unknown class"))?;
                    let words = words(table.get(row, "phrase"));
                    if words.is_empty() {
                        return Err(table.error(row, "empty phrase"));
                    }
                    rules
                        .cues
                        .entry(words[0].clone())
                        .or_default()
                        .push((words, cue));
                }
            } else if header.starts_with("head\tclass") {
                let table = Table::parse(file, text, &["head", "class"])?;
                for row in table.rows() {
                    let class = match table.get(row, "class") {
                        "plan" => ObjectClass::Plan,
                        "thing" => ObjectClass::Thing,
                        "part" => ObjectClass::Part,
                        "generic" => ObjectClass::Generic,
                        "modifier" => ObjectClass::Modifier,
                        _ => return Err(table.error(row, "unknown class")),
                    };
                    rules
                        .objects
                        .insert(table.get(row, "head").to_string(), class);
                }
            } else if header.starts_with("pattern\tkey") {
                let table = Table::parse(file, text, &["pattern", "key", "label"])?;
                for row in table.rows() {
                    let words = words(table.get(row, "pattern"));
                    match words.first() {
                        None => return Err(table.error(row, "empty pattern")),
                        Some(first) if first == "…" => {
                            return Err(table.error(row, "a pattern cannot start with …"));
                        }
                        Some(first) => rules
                            .things_by_first
                            .entry(first.clone())
                            .or_default()
                            .push(rules.things.len()),
                    }
                    rules.things.push(ThingPattern {
                        words,
                        key: table.get(row, "key").to_string(),
                        label: table.get(row, "label").to_string(),
                    });
                }
            } else {
                return Err(Error::DataFile {
                    file: file.to_string(),
                    line: 1,
                    message: "unrecognised header".into(),
                });
            }
        }
        for list in rules.triggers.values_mut() {
            list.sort_by_key(|t| std::cmp::Reverse(t.words.len()));
        }
        for list in rules.cues.values_mut() {
            list.sort_by_key(|c| std::cmp::Reverse(c.0.len()));
        }
        Ok(rules)
    }

    /// Triggers whose words start at `words[at]`, longest first.
    pub fn triggers_at<S: AsRef<str>>(&self, words: &[S], at: usize) -> Vec<PhraseMatch<'_>> {
        let Some(list) = words.get(at).and_then(|w| self.triggers.get(w.as_ref())) else {
            return Vec::new();
        };
        list.iter()
            .filter_map(|t| {
                trigger_len(words, at, &t.words).map(|len| PhraseMatch { trigger: t, len })
            })
            .collect()
    }

    /// True when a capture verb phrase ends right before `words[end]`: a
    /// `claims/verb`, `claims/claimed` or `claims/retaken` trigger of the active form ("seized",
    /// "took control of", "claimed"), so an unknown name after it is a place.
    pub fn capture_ends_at<S: AsRef<str>>(&self, words: &[S], end: usize) -> bool {
        (end.saturating_sub(self.longest_trigger)..end).any(|start| {
            self.triggers_at(words, start).iter().any(|m| {
                start + m.len == end
                    && m.trigger.relation == Relation::ClaimsControl
                    && m.trigger.form == TriggerForm::Active
                    && matches!(
                        m.trigger.rule.as_str(),
                        "claims/verb" | "claims/claimed" | "claims/retaken"
                    )
            })
        })
    }

    /// True when a phrase saying who holds a place starts at `words[at]`: a
    /// `claims/under-control` trigger ("under Russian control", "remains
    /// under"), so an unknown name just before it is a place.
    pub fn holder_phrase_at<S: AsRef<str>>(&self, words: &[S], at: usize) -> bool {
        self.triggers_at(words, at).iter().any(|m| {
            m.trigger.relation == Relation::ClaimsControl
                && m.trigger.rule == "claims/under-control"
        })
    }

    /// Length of the longest cue of class `cue` starting at `words[at]`.
    pub fn cue_at<S: AsRef<str>>(&self, words: &[S], at: usize, cue: Cue) -> Option<usize> {
        let list = words.get(at).and_then(|w| self.cues.get(w.as_ref()))?;
        list.iter()
            .find(|(p, c)| *c == cue && phrase_at(words, at, p))
            .map(|(p, _)| p.len())
    }

    /// Class of an object head noun.
    pub fn object_class(&self, word: &str) -> Option<ObjectClass> {
        self.objects.get(word).copied()
    }
}

/// Phrase words as the tokenizer makes them: hyphens are words of their own.
fn words(phrase: &str) -> Vec<String> {
    phrase
        .replace('-', " - ")
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Length in the text of a trigger phrase starting at `words[at]`, if it
/// is there. A "still", an "also", an "again" or a "there" inside the text may sit between the
/// phrase's words ("fighting was still continuing in", "was also attended by",
/// "sit down again with"), and a short place or time phrase before a closing
/// "with" or "by" ("sat down in the Kremlin with", "drafted last week by").
fn trigger_len<S: AsRef<str>>(words: &[S], at: usize, phrase: &[String]) -> Option<usize> {
    let mut j = at;
    for (i, p) in phrase.iter().enumerate() {
        // Words a phrase may hold ("met there with", "still holding"), and
        // quotation marks ("\"still holding positions\" in").
        let inserted = |w: &S| {
            matches!(
                w.as_ref(),
                "still" | "also" | "again" | "there" | "\"" | "\u{201c}" | "\u{201d}"
            ) && w.as_ref() != p
        };
        let mut skipped = 0;
        while i > 0 && skipped < 2 && words.get(j).is_some_and(inserted) {
            j += 1;
            skipped += 1;
        }
        if i > 0 && i + 1 == phrase.len() && matches!(p.as_str(), "with" | "by") {
            j += adjunct_before(words, j, p);
        }
        if words.get(j).is_none_or(|w| w.as_ref() != p) {
            return None;
        }
        j += 1;
    }
    Some(j - at)
}

/// Words of a short place or time phrase at `words[at]` that the phrase's
/// closing word (`closing`, "with" or "by") follows: "sat down in the
/// Kremlin with", "met on Friday with", "drafted over a single weekend by",
/// "rejected last week by".
fn adjunct_before<S: AsRef<str>>(words: &[S], at: usize, closing: &str) -> usize {
    let Some(first) = words.get(at).map(|w| w.as_ref()) else {
        return 0;
    };
    let max_len = match first {
        "in" | "at" | "on" | "over" | "during" => 4,
        "last" | "this" | "earlier" | "later" => 2,
        _ => return 0,
    };
    (at + 1..(at + max_len + 1).min(words.len()))
        .take_while(|&j| {
            !matches!(
                words[j - 1].as_ref(),
                "," | "and" | "but" | "to" | "that" | "which" | "who" | "for" | "with" | "by"
            ) || j - 1 == at
        })
        .find(|&j| j > at + 1 && words[j].as_ref() == closing)
        .map_or(0, |j| j - at)
}

fn phrase_at<S: AsRef<str>>(words: &[S], at: usize, phrase: &[String]) -> bool {
    phrase.len() <= words.len() - at
        && phrase
            .iter()
            .enumerate()
            .all(|(i, p)| words[at + i].as_ref() == p)
}
