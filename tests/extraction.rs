//! Extraction through the library pipeline, on hand-written fixtures.
//!
//! `tests/data/cases/<case>/article.txt` shows one phenomenon and
//! `facts.tsv` lists the facts expected from it (`met` in either order;
//! thing objects match when the expected words occur in the label). The
//! example articles are scored against `examples/articles/gold.tsv` with the
//! same matching as `shared/eval/score.py`, and must stay above a floor; so
//! are the articles written blind for evaluation in `tests/data/blind/`.

use std::collections::{BTreeSet, HashMap};
use std::path::Path;

use newsgraph::facts::{Argument, Relation};
use newsgraph::mentions::EntityIndex;
use newsgraph::pipeline;
use newsgraph::resources::Resources;

/// Cases the extractor still gets wrong. FIXME: each is a known gap.
const KNOWN_FAILURES: &[&str] = &[];

/// (relation, subject, object) of the scored facts of `paths`, per document stem.
fn extract(paths: &[&Path]) -> HashMap<String, Vec<(String, String, String)>> {
    let resources = Resources::builtin().unwrap();
    let mut index = EntityIndex::new(&resources);
    let mut out: HashMap<String, Vec<(String, String, String)>> = HashMap::new();
    for path in paths {
        let bytes = std::fs::read(path).unwrap();
        let processed = pipeline::process(&path.to_string_lossy(), &bytes, &resources).unwrap();
        let extraction = index.merge(processed.extraction);
        let names: HashMap<&str, &str> = extraction
            .entities
            .iter()
            .map(|e| (e.key.as_str(), e.name.as_str()))
            .collect();
        let doc = path.file_stem().unwrap().to_string_lossy().into_owned();
        let facts = out.entry(doc).or_default();
        for fact in &extraction.facts {
            if !Relation::SCORED.contains(&fact.relation) {
                continue;
            }
            let object = match &fact.object {
                Argument::Entity(k) => names[k.as_str()].to_string(),
                Argument::Thing(t) => t.label.clone(),
            };
            facts.push((
                fact.relation.name().to_string(),
                names[fact.subject.as_str()].to_string(),
                object,
            ));
        }
    }
    out
}

fn norm(text: &str) -> String {
    let lower: String = text
        .to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    let joined = lower.split_whitespace().collect::<Vec<_>>().join(" ");
    joined
        .strip_prefix("the ")
        .map(str::to_string)
        .unwrap_or(joined)
}

fn object_matches(relation: &str, predicted: &str, expected: &str) -> bool {
    if matches!(relation, "proposed" | "rejected") {
        format!(" {} ", norm(predicted)).contains(&format!(" {} ", norm(expected)))
    } else {
        norm(predicted) == norm(expected)
    }
}

fn fact_matches(p: &(String, String, String), e: &(String, String, String)) -> bool {
    p.0 == e.0
        && (norm(&p.1) == norm(&e.1) && object_matches(&e.0, &p.2, &e.2)
            || e.0 == "met" && norm(&p.1) == norm(&e.2) && norm(&p.2) == norm(&e.1))
}

#[test]
fn cases_give_their_facts() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/cases");
    let mut dirs: Vec<_> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    dirs.sort();
    let mut failures = Vec::new();
    let mut report = String::new();
    for dir in &dirs {
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        let article = dir.join("article.txt");
        let got = extract(&[article.as_path()])
            .remove("article")
            .unwrap_or_default();
        let expected_text = std::fs::read_to_string(dir.join("facts.tsv")).unwrap();
        let expected: Vec<(String, String, String)> = expected_text
            .lines()
            .skip(1)
            .filter(|l| !l.trim().is_empty())
            .map(|l| {
                let c: Vec<&str> = l.split('\t').collect();
                (c[0].to_string(), c[1].to_string(), c[2].to_string())
            })
            .collect();
        let missing: BTreeSet<_> = expected
            .iter()
            .filter(|e| !got.iter().any(|p| fact_matches(p, e)))
            .collect();
        let extra: BTreeSet<_> = got
            .iter()
            .filter(|p| !expected.iter().any(|e| fact_matches(p, e)))
            .collect();
        if !missing.is_empty() || !extra.is_empty() {
            failures.push(name.clone());
            report.push_str(&format!(
                "{name}:\n  missing {missing:?}\n  extra   {extra:?}\n"
            ));
        }
    }
    let known: Vec<String> = KNOWN_FAILURES.iter().map(|s| s.to_string()).collect();
    assert_eq!(failures, known, "\n{report}");
}

/// (doc, relation, subject alternatives, object alternatives, matched).
type GoldFact = (String, String, Vec<String>, Vec<String>, bool);

/// Micro precision and recall of the articles in `folder` (every file but
/// `gold.tsv`) against `folder/gold.tsv`, matched as `shared/eval/score.py` does.
fn score_folder(folder: &str) -> (f64, f64) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(folder);
    let mut paths: Vec<_> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().is_some_and(|n| n != "gold.tsv"))
        .collect();
    paths.sort();
    let refs: Vec<&Path> = paths.iter().map(|p| p.as_path()).collect();
    let got = extract(&refs);
    let gold_text = std::fs::read_to_string(root.join("gold.tsv")).unwrap();
    let mut gold: Vec<GoldFact> = gold_text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .skip(1)
        .map(|l| {
            let c: Vec<&str> = l.split('\t').collect();
            let alts = |s: &str| s.split('|').map(str::to_string).collect::<Vec<_>>();
            (
                c[0].to_string(),
                c[1].to_string(),
                alts(c[2]),
                alts(c[3]),
                false,
            )
        })
        .collect();
    let entity = |pred: &str, alts: &[String]| {
        alts.iter().any(|a| {
            let words: Vec<&str> = a.split(' ').collect();
            norm(pred) == norm(a) || words.len() >= 2 && norm(pred) == norm(words[words.len() - 1])
        })
    };
    let (mut tp, mut fp) = (0usize, 0usize);
    for (doc, facts) in &got {
        let mut seen = BTreeSet::new();
        for (rel, subject, object) in facts {
            if !seen.insert((rel.clone(), norm(subject), norm(object))) {
                continue;
            }
            let candidates: Vec<usize> = (0..gold.len())
                .filter(|&i| {
                    let g = &gold[i];
                    &g.0 == doc
                        && &g.1 == rel
                        && (entity(subject, &g.2)
                            && (if rel == "met" || rel.ends_with("control") {
                                entity(object, &g.3)
                            } else {
                                g.3.iter().any(|a| object_matches(rel, object, a))
                            })
                            || rel == "met" && entity(subject, &g.3) && entity(object, &g.2))
                })
                .collect();
            match candidates.iter().find(|&&i| !gold[i].4) {
                Some(&i) => {
                    gold[i].4 = true;
                    tp += 1;
                }
                None if candidates.is_empty() => fp += 1,
                None => {}
            }
        }
    }
    let precision = tp as f64 / (tp + fp).max(1) as f64;
    let recall = tp as f64 / gold.len() as f64;
    (precision, recall)
}

/// Micro precision and recall of the example articles against their gold file.
#[test]
fn example_articles_score_above_floor() {
    let (precision, recall) = score_folder("examples/articles");
    // Reached: P 0.984 R 0.969 (score.py agrees); the floor leaves a little room.
    assert!(
        precision >= 0.95 && recall >= 0.90,
        "examples: P {precision:.3} R {recall:.3}"
    );
}

/// Articles written blind for evaluation (by a colleague who saw only the
/// annotation guidelines and the catalogue of phrasings, never the rules):
/// 30 short ones, 10 long ones in several outlets' styles, and a fresh
/// round of 12 (including other conflicts, an opinion column and a press
/// conference), and a fourth round of 10 (a wire story and an aggregator's
/// rewrite of it, a translated TASS piece, a live blog, a briefing
/// transcript), a fifth and a sixth round of 10 in other outlets'
/// styles (a Russian state-media piece, a think-tank assessment, a
/// newsletter), and a seventh round of 10 (a press conference with turn
/// labels, a news-in-brief roundup, an explainer full of hypotheticals), an
/// eighth round of 10 (a rewrite with other spellings, a translated piece
/// that never names the Russian leader, a battlefield report), and 8
/// articles on other conflicts (Gaza, Sudan, DR Congo, the Caucasus,
/// Thailand and Cambodia, India and Pakistan, Syria, Yemen), and a ninth
/// round of 10 (eight on this story, a Sudan battlefield report and a
/// Thai-Cambodian border story). They measure how the rules generalise;
/// the floors only stop a regression.
#[test]
fn blind_articles_score_above_floor() {
    let (p, r) = score_folder("tests/data/blind/short");
    assert!(p >= 0.78 && r >= 0.70, "blind short: P {p:.3} R {r:.3}");
    let (p, r) = score_folder("tests/data/blind/long");
    assert!(p >= 0.80 && r >= 0.54, "blind long: P {p:.3} R {r:.3}");
    let (p, r) = score_folder("tests/data/blind/fresh");
    assert!(p >= 0.66 && r >= 0.44, "blind fresh: P {p:.3} R {r:.3}");
    let (p, r) = score_folder("tests/data/blind/round4");
    assert!(p >= 0.78 && r >= 0.55, "blind round 4: P {p:.3} R {r:.3}");
    let (p, r) = score_folder("tests/data/blind/round5");
    assert!(p >= 0.80 && r >= 0.60, "blind round 5: P {p:.3} R {r:.3}");
    let (p, r) = score_folder("tests/data/blind/round6");
    assert!(p >= 0.82 && r >= 0.60, "blind round 6: P {p:.3} R {r:.3}");
    let (p, r) = score_folder("tests/data/blind/round7");
    assert!(p >= 0.80 && r >= 0.60, "blind round 7: P {p:.3} R {r:.3}");
    let (p, r) = score_folder("tests/data/blind/round8");
    assert!(p >= 0.78 && r >= 0.46, "blind round 8: P {p:.3} R {r:.3}");
    let (p, r) = score_folder("tests/data/blind/round9");
    assert!(p >= 0.78 && r >= 0.48, "blind round 9: P {p:.3} R {r:.3}");
    let (p, r) = score_folder("tests/data/blind/other-stories");
    assert!(
        p >= 0.45 && r >= 0.20,
        "blind other stories: P {p:.3} R {r:.3}"
    );
}
