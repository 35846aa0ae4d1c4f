//! One fact, many sources: merging per-document facts, counting independent
//! sources, and finding contested places and conflicting dates.
//!
//! Pure: [`FactRecord`]s (one per fact resource of a document graph) and a
//! [`Clustering`] in, [`MergedFact`]s out. Two records are the same fact when
//! they have the same relation and the same resolved subject and object
//! (either order for the symmetric `met`), and compatible dates: resolved
//! days at most [`DATE_TOLERANCE_DAYS`] apart, or no day at all. So one
//! source saying Tuesday 2 December and another saying Tuesday 1 December
//! stay one meeting — with both dates kept, each with its source, for
//! [`date_conflicts`] — while two meetings a month apart stay two.
//! Sources in one rewrite cluster count as one independent source.

use std::collections::{BTreeMap, BTreeSet};

use jiff::civil::Date;
use sha2::{Digest, Sha256};

use crate::dates;
use crate::sources::cluster::Clustering;

/// Resolved dates at most this many days apart belong to one event.
pub const DATE_TOLERANCE_DAYS: i32 = 3;

/// One fact as stated by one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FactRecord {
    /// The fact resource's IRI in its document graph.
    pub fact: String,
    /// Relation name (`met`, `claims_control`, …).
    pub relation: String,
    /// Subject IRI.
    pub subject: String,
    /// Object IRI.
    pub object: String,
    /// Content id of the document.
    pub doc_id: String,
    /// File name of the document.
    pub doc_name: String,
    /// Evidence sentence IRI.
    pub sentence: String,
    /// The words that date the event, as written.
    pub date_text: Option<String>,
    /// The resolved day of the event.
    pub date: Option<Date>,
    /// The document's publication day.
    pub published: Option<Date>,
}

/// A fact with every source that states it.
#[derive(Debug, Clone, PartialEq)]
pub struct MergedFact {
    /// Stable identifier (hex hash of relation, arguments and first date).
    pub id: String,
    /// Relation name.
    pub relation: String,
    /// Subject IRI (for `met`, the smaller of the two IRIs).
    pub subject: String,
    /// Object IRI.
    pub object: String,
    /// The per-document records, sorted by document name.
    pub sources: Vec<FactRecord>,
    /// Number of distinct documents.
    pub documents: usize,
    /// Number of distinct rewrite clusters among those documents.
    pub independent: usize,
}

impl MergedFact {
    /// Document names, sorted and distinct.
    pub fn document_names(&self) -> Vec<&str> {
        let names: BTreeSet<&str> = self.sources.iter().map(|s| s.doc_name.as_str()).collect();
        names.into_iter().collect()
    }

    /// Distinct resolved days of the event across sources.
    pub fn dates(&self) -> BTreeSet<Date> {
        self.sources.iter().filter_map(|s| s.date).collect()
    }

    /// The day every dated source agrees on, when there is exactly one.
    pub fn agreed_date(&self) -> Option<Date> {
        let dates = self.dates();
        (dates.len() == 1).then(|| *dates.iter().next().expect("one date"))
    }
}

/// Merges per-document facts into facts with sources; sorted by relation, subject, object, date.
pub fn merge_facts(records: &[FactRecord], clustering: &Clustering) -> Vec<MergedFact> {
    let mut groups: BTreeMap<(String, String, String), Vec<FactRecord>> = BTreeMap::new();
    for record in records {
        let (subject, object) = if record.relation == "met" && record.object < record.subject {
            (record.object.clone(), record.subject.clone())
        } else {
            (record.subject.clone(), record.object.clone())
        };
        groups
            .entry((record.relation.clone(), subject, object))
            .or_default()
            .push(record.clone());
    }
    let mut merged = Vec::new();
    for ((relation, subject, object), records) in groups {
        for sources in split_by_date(records) {
            let first_date = sources.iter().filter_map(|s| s.date).min();
            let key = format!(
                "{relation}\t{subject}\t{object}\t{}",
                first_date.map(|d| d.to_string()).unwrap_or_default()
            );
            let digest = Sha256::digest(key.as_bytes());
            let id: String = digest.iter().take(12).map(|b| format!("{b:02x}")).collect();
            let documents: BTreeSet<&str> = sources.iter().map(|s| s.doc_id.as_str()).collect();
            let clusters: BTreeSet<String> = documents
                .iter()
                .map(|d| {
                    clustering
                        .cluster_of(d)
                        .map_or_else(|| d.to_string(), |c| c.id.clone())
                })
                .collect();
            merged.push(MergedFact {
                id,
                relation: relation.clone(),
                subject: subject.clone(),
                object: object.clone(),
                documents: documents.len(),
                independent: clusters.len(),
                sources,
            });
        }
    }
    merged
}

/// Splits one relation's records into events by date: dated records more
/// than [`DATE_TOLERANCE_DAYS`] apart are different events; undated ones join
/// the event nearest their publication day (or the first).
fn split_by_date(mut records: Vec<FactRecord>) -> Vec<Vec<FactRecord>> {
    records.sort_by(|a, b| (a.date, &a.doc_name, &a.fact).cmp(&(b.date, &b.doc_name, &b.fact)));
    let (dated, undated): (Vec<FactRecord>, Vec<FactRecord>) =
        records.into_iter().partition(|r| r.date.is_some());
    let mut events: Vec<Vec<FactRecord>> = Vec::new();
    for record in dated {
        let date = record.date.expect("dated");
        match events.last_mut() {
            Some(event) if days(event[0].date.expect("dated"), date) <= DATE_TOLERANCE_DAYS => {
                event.push(record)
            }
            _ => events.push(vec![record]),
        }
    }
    if events.is_empty() {
        return vec![undated];
    }
    for record in undated {
        let idx = match record.published {
            Some(p) => (0..events.len())
                .min_by_key(|&i| days(events[i][0].date.unwrap_or(p), p).abs())
                .unwrap_or(0),
            None => 0,
        };
        events[idx].push(record);
    }
    for event in &mut events {
        event.sort_by(|a, b| (&a.doc_name, &a.fact).cmp(&(&b.doc_name, &b.fact)));
    }
    events
}

fn days(from: Date, to: Date) -> i32 {
    from.until(to).map(|s| s.get_days()).unwrap_or(i32::MAX)
}

/// Which side a party takes about a place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Stance {
    /// Claims control (`claims_control`).
    Claims,
    /// Disputes a claim of control (`disputes_control`).
    Disputes,
}

impl Stance {
    /// `claims` or `disputes`.
    pub fn name(self) -> &'static str {
        match self {
            Stance::Claims => "claims",
            Stance::Disputes => "disputes",
        }
    }
}

/// One party's position about a contested place.
#[derive(Debug, Clone, PartialEq)]
pub struct Position<'a> {
    /// Claims or disputes.
    pub stance: Stance,
    /// True when the party is an independent monitor.
    pub monitor: bool,
    /// The merged fact (party = subject), with its sources.
    pub fact: &'a MergedFact,
}

/// A place with at least one claim of control and at least one dispute.
#[derive(Debug, Clone, PartialEq)]
pub struct ContestedPlace<'a> {
    /// Place IRI.
    pub place: String,
    /// Claims first, then disputes; monitors after the other parties.
    pub positions: Vec<Position<'a>>,
}

impl ContestedPlace<'_> {
    /// The stance independent monitors take, when they all agree; `None` when
    /// no monitor spoke or monitors are split.
    pub fn monitors_side_with(&self) -> Option<Stance> {
        let sides: BTreeSet<Stance> = self
            .positions
            .iter()
            .filter(|p| p.monitor)
            .map(|p| p.stance)
            .collect();
        (sides.len() == 1).then(|| *sides.iter().next().expect("one"))
    }
}

/// Places that someone claims and someone disputes, sorted by place IRI.
/// `is_monitor` tells whether a party IRI is an independent monitor.
pub fn contested<'a>(
    merged: &'a [MergedFact],
    is_monitor: &dyn Fn(&str) -> bool,
) -> Vec<ContestedPlace<'a>> {
    let mut places: BTreeMap<&str, Vec<Position<'a>>> = BTreeMap::new();
    for fact in merged {
        let stance = match fact.relation.as_str() {
            "claims_control" => Stance::Claims,
            "disputes_control" => Stance::Disputes,
            _ => continue,
        };
        places.entry(&fact.object).or_default().push(Position {
            stance,
            monitor: is_monitor(&fact.subject),
            fact,
        });
    }
    places
        .into_iter()
        .filter(|(_, positions)| {
            positions.iter().any(|p| p.stance == Stance::Claims)
                && positions.iter().any(|p| p.stance == Stance::Disputes)
        })
        .map(|(place, mut positions)| {
            positions.sort_by(|a, b| {
                (a.stance, a.monitor, &a.fact.subject).cmp(&(b.stance, b.monitor, &b.fact.subject))
            });
            ContestedPlace {
                place: place.to_string(),
                positions,
            }
        })
        .collect()
}

/// Merged facts whose sources resolve the event to different days, or
/// whose date phrase contradicts itself (a weekday that is not the date's).
pub fn date_conflicts(merged: &[MergedFact]) -> Vec<&MergedFact> {
    merged
        .iter()
        .filter(|m| m.dates().len() > 1 || m.sources.iter().any(|s| weekday_note(s).is_some()))
        .collect()
}

/// "names Tuesday, but 2025-12-01 is a Monday" when a source's date phrase
/// names a weekday other than the one of the day it resolves to.
pub fn weekday_note(source: &FactRecord) -> Option<String> {
    let (named, actual) = dates::weekday_mismatch(source.date_text.as_deref()?, source.date?)?;
    Some(format!(
        "names {named:?}, but {} is a {actual:?}",
        source.date?
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sources::cluster::{ClusterConfig, SourceDocument, cluster_documents};

    fn record(relation: &str, s: &str, o: &str, doc: &str, date: Option<&str>) -> FactRecord {
        FactRecord {
            fact: format!("fact/{doc}/{relation}/{s}/{o}"),
            relation: relation.to_string(),
            subject: s.to_string(),
            object: o.to_string(),
            doc_id: doc.to_string(),
            doc_name: doc.to_string(),
            sentence: format!("{doc}/sentence/0"),
            date_text: None,
            date: date.map(|d| d.parse().unwrap()),
            published: None,
        }
    }

    /// Documents "a1", "a2" are copies of one another; "b" and "c" are independent.
    fn clustering() -> Clustering {
        let copy = [
            "Harbour workers in the northern port walked out over unpaid wages on Friday morning.",
            "The union demanded back pay for eleven weeks and new safety rails on the cranes.",
        ];
        let docs = [
            ("a1", &copy[..]),
            ("a2", &copy[..]),
            (
                "b",
                &[
                    "Farmers drove tractors into the capital to protest against cheap grain imports.",
                ][..],
            ),
            (
                "c",
                &["A new bridge over the river opened to traffic after three years of building."][..],
            ),
        ];
        let docs: Vec<SourceDocument> = docs
            .iter()
            .map(|(id, s)| SourceDocument {
                id: id.to_string(),
                name: id.to_string(),
                published: None,
                sentences: s.iter().map(|x| x.to_string()).collect(),
            })
            .collect();
        cluster_documents(&docs, &BTreeSet::new(), &ClusterConfig::default())
    }

    #[test]
    fn one_fact_from_copies_counts_once() {
        let records = [
            record("met", "putin", "witkoff", "a1", None),
            record("met", "witkoff", "putin", "a2", None),
            record("met", "putin", "witkoff", "b", Some("2025-12-02")),
            record("met", "witkoff", "putin", "c", Some("2025-12-01")),
        ];
        let merged = merge_facts(&records, &clustering());
        assert_eq!(merged.len(), 1);
        assert_eq!((merged[0].documents, merged[0].independent), (4, 3));
        assert_eq!(date_conflicts(&merged).len(), 1);
        assert_eq!(merged[0].agreed_date(), None);
    }

    #[test]
    fn events_far_apart_stay_apart() {
        let records = [
            record("met", "putin", "witkoff", "b", Some("2025-12-02")),
            record("met", "putin", "witkoff", "c", Some("2026-01-20")),
        ];
        let merged = merge_facts(&records, &clustering());
        assert_eq!(merged.len(), 2);
        assert!(date_conflicts(&merged).is_empty());
    }

    #[test]
    fn contested_places_need_a_claim_and_a_dispute() {
        let records = [
            record("claims_control", "russia", "pokrovsk", "a1", None),
            record("claims_control", "russia", "pokrovsk", "b", None),
            record("disputes_control", "ukraine", "pokrovsk", "b", None),
            record("disputes_control", "osint", "pokrovsk", "c", None),
            record("claims_control", "russia", "siversk", "c", None),
        ];
        let merged = merge_facts(&records, &clustering());
        let places = contested(&merged, &|p: &str| p == "osint");
        assert_eq!(places.len(), 1);
        let place = &places[0];
        assert_eq!(place.place, "pokrovsk");
        let summary: Vec<(Stance, bool, &str, usize)> = place
            .positions
            .iter()
            .map(|p| {
                (
                    p.stance,
                    p.monitor,
                    p.fact.subject.as_str(),
                    p.fact.independent,
                )
            })
            .collect();
        assert_eq!(
            summary,
            [
                (Stance::Claims, false, "russia", 2),
                (Stance::Disputes, false, "ukraine", 1),
                (Stance::Disputes, true, "osint", 1)
            ]
        );
        assert_eq!(place.monitors_side_with(), Some(Stance::Disputes));
    }
}
