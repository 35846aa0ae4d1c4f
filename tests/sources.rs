//! Across sources: rewrite clusters (`sources`), facts merged with their
//! sources (`facts --merged`), contested claims and conflicting dates
//! (`contested`), and dates resolved against the publication date.
//!
//! The articles under tests/data/sources/ are our own: an original, an exact
//! copy with another header, a paraphrase, a translation-like rewrite, a
//! reordered rewrite, and an unrelated article on the same story. Facts are hand-made (the extractor
//! lives on another branch) and attached to the real ingested documents.

use std::collections::BTreeMap;
use std::path::Path;

use newsgraph::facts::{Argument, DocExtraction, Fact, Provenance, Relation, Status};
use newsgraph::mentions::{Entity, EntityKind};
use newsgraph::store::{KnowledgeStore, StoreLocation};
use newsgraph::text::{TextRules, parse};

use crate::support::{Workspace, repo};

/// An original and its rewrites: an exact copy under another header, a
/// close paraphrase, a translation-like rewrite, and a reordered rewrite
/// that drops a detail and adds a sentence.
const REWRITES: [&str; 5] = [
    "original",
    "exact-copy",
    "paraphrase",
    "translated",
    "rewritten",
];
const UNRELATED: &str = "unrelated-same-topic";

fn fixture(name: &str) -> String {
    repo(&format!("tests/data/sources/{name}.txt"))
}

/// `sources --format tsv` as doc → (cluster, similarity).
fn clusters(ws: &Workspace) -> BTreeMap<String, (String, String)> {
    let out = ws.run(&["sources", "--format", "tsv"]).success().stdout();
    let mut lines = out.lines();
    assert_eq!(lines.next(), Some("doc\tcluster\tsimilarity"), "{out}");
    lines
        .map(|l| {
            let cells: Vec<&str> = l.split('\t').collect();
            assert_eq!(cells.len(), 3, "{l}");
            (
                cells[0].to_string(),
                (cells[1].to_string(), cells[2].to_string()),
            )
        })
        .collect()
}

#[test]
fn rewrites_share_a_cluster_and_an_unrelated_article_does_not() {
    let ws = Workspace::new();
    ws.run(&["ingest", &repo("tests/data/sources")]).success();
    let c = clusters(&ws);
    assert_eq!(c.len(), 6, "{c:?}");
    let cluster = &c["original"].0;
    for doc in REWRITES {
        assert_eq!(&c[doc].0, cluster, "{doc} in {c:?}");
        let similarity: f64 = c[doc].1.parse().unwrap();
        assert!(similarity >= 0.4, "{doc}: {similarity}");
    }
    assert_ne!(&c[UNRELATED].0, cluster, "{c:?}");
    assert_eq!(c[UNRELATED].1, "", "a document alone has no similarity");
}

#[test]
fn clusters_do_not_depend_on_ingest_order() {
    let forward = Workspace::new();
    for name in REWRITES.iter().chain([&UNRELATED]) {
        forward.run(&["ingest", &fixture(name)]).success();
    }
    let backward = Workspace::new();
    for name in REWRITES.iter().chain([&UNRELATED]).rev() {
        backward.run(&["ingest", &fixture(name)]).success();
    }
    assert_eq!(clusters(&forward), clusters(&backward));
}

/// A person or place entity.
fn entity(key: &str, name: &str, kind: EntityKind) -> Entity {
    Entity {
        key: key.to_string(),
        name: name.to_string(),
        kind,
        wikidata: None,
        affiliation: None,
        variants: Default::default(),
    }
}

fn fact(relation: Relation, subject: &str, object: &str, date: Option<&str>) -> Fact {
    Fact {
        relation,
        subject: subject.to_string(),
        object: Argument::Entity(object.to_string()),
        status: (relation == Relation::Met).then_some(Status::Planned),
        place: None,
        date_phrase: date.map(str::to_string),
        provenance: Provenance {
            sentence_idx: 0,
            rule: "test/hand-made".to_string(),
            confidence: 1.0,
        },
    }
}

/// Builds the store of `ws` from files, each with hand-made facts.
fn build_store(ws: &Workspace, docs: &[(&Path, Vec<Fact>)]) {
    let store = KnowledgeStore::open(&StoreLocation::parse(&ws.store()), false).unwrap();
    let rules = TextRules::builtin().unwrap();
    let entities = vec![
        entity("vladimir-putin", "Vladimir Putin", EntityKind::Person),
        entity("pavel-korin", "Pavel Korin", EntityKind::Person),
        entity("steve-witkoff", "Steve Witkoff", EntityKind::Person),
        entity("elena-brandt", "Elena Brandt", EntityKind::Person),
        entity("russia", "Russia", EntityKind::Country),
        entity("ukraine", "Ukraine", EntityKind::Country),
        Entity {
            // Recognised as a monitor by the spelling the text uses for it.
            variants: ["independent monitors".to_string()].into(),
            ..entity("open-front", "Open Front project", EntityKind::Organization)
        },
        entity("nadiivka", "Nadiivka", EntityKind::Town),
    ];
    for (path, facts) in docs {
        let bytes = std::fs::read(path).unwrap();
        let (document, _) = parse(&path.to_string_lossy(), &bytes, &rules).unwrap();
        let extraction = DocExtraction {
            entities: entities.clone(),
            facts: facts.clone(),
            ..Default::default()
        };
        let quads = newsgraph::rdf::document_quads(&document, &extraction);
        assert!(store.insert_document(&document.id, &quads).unwrap());
    }
    store.flush().unwrap();
}

#[test]
fn one_fact_from_a_cluster_of_rewrites_counts_as_one_independent_source() {
    let ws = Workspace::new();
    let met = |date| vec![fact(Relation::Met, "pavel-korin", "elena-brandt", date)];
    let paths: Vec<String> = REWRITES
        .iter()
        .chain([&UNRELATED])
        .map(|n| fixture(n))
        .collect();
    let docs: Vec<(&Path, Vec<Fact>)> = paths
        .iter()
        .map(|p| (Path::new(p.as_str()), met(None)))
        .collect();
    build_store(&ws, &docs);
    let merged = ws.run(&["facts", "--merged"]).success().stdout();
    assert_eq!(
        merged,
        "relation\tsubject\tobject\tsources\tindependent_sources\tdocs\n\
         met\tElena Brandt\tPavel Korin\t6\t2\texact-copy,original,paraphrase,rewritten,translated,unrelated-same-topic\n"
    );
    // Plain `facts` keeps one line per document.
    let plain = ws.run(&["facts"]).success().stdout();
    assert_eq!(plain.lines().count(), 1 + 6, "{plain}");
    assert!(
        plain.starts_with("relation\tsubject\tobject\tdoc\tevidence\n"),
        "{plain}"
    );
}

#[test]
fn relative_dates_resolve_across_the_year_boundary() {
    // original.txt is dated Thursday 2026-01-01; exact-copy.txt Friday 2026-01-02.
    let ws = Workspace::new();
    let claim = |date| fact(Relation::ClaimsControl, "russia", "nadiivka", date);
    build_store(
        &ws,
        &[
            (
                Path::new(&fixture("original")),
                vec![claim(Some("on Monday"))],
            ),
            (
                Path::new(&fixture("exact-copy")),
                vec![claim(Some("yesterday"))],
            ),
            (
                Path::new(&fixture("unrelated-same-topic")),
                vec![claim(Some("last week"))],
            ),
        ],
    );
    let out = ws
        .run(&[
            "query",
            "SELECT ?doc ?text ?date WHERE { ?f ng:dateText ?text ; prov:wasDerivedFrom/ng:fileName ?doc . OPTIONAL { ?f ng:date ?date } } ORDER BY ?doc",
        ])
        .success()
        .stdout();
    let xsd_date = "^^<http://www.w3.org/2001/XMLSchema#date>";
    assert!(
        out.contains(&format!(
            "\"exact-copy\"\t\"yesterday\"\t\"2026-01-01\"{xsd_date}"
        )),
        "{out}"
    );
    assert!(
        out.contains(&format!(
            "\"original\"\t\"on Monday\"\t\"2025-12-29\"{xsd_date}"
        )),
        "{out}"
    );
    // A week is not a day: no ng:date, the phrase is kept.
    assert!(
        out.contains("\"unrelated-same-topic\"\t\"last week\"\t\n"),
        "{out}"
    );
}

#[test]
fn contested_places_list_claims_disputes_and_monitors_with_sources() {
    let ws = Workspace::new();
    let facts = || {
        vec![
            fact(
                Relation::ClaimsControl,
                "russia",
                "nadiivka",
                Some("on Monday"),
            ),
            fact(Relation::DisputesControl, "ukraine", "nadiivka", None),
            fact(Relation::DisputesControl, "open-front", "nadiivka", None),
        ]
    };
    build_store(
        &ws,
        &[
            (Path::new(&fixture("original")), facts()),
            (Path::new(&fixture("paraphrase")), facts()),
            (
                Path::new(&fixture("unrelated-same-topic")),
                vec![fact(Relation::DisputesControl, "ukraine", "nadiivka", None)],
            ),
        ],
    );
    let tsv = ws.run(&["contested", "--format", "tsv"]).success().stdout();
    assert_eq!(
        tsv,
        "place\tstance\tparty\tmonitor\tsources\tindependent_sources\tdocs\tdates\n\
         Nadiivka\tclaims\tRussia\tno\t2\t1\toriginal,paraphrase\t2025-12-29\n\
         Nadiivka\tdisputes\tUkraine\tno\t3\t2\toriginal,paraphrase,unrelated-same-topic\t2026-01-01 (published),2026-01-08 (published)\n\
         Nadiivka\tdisputes\tOpen Front project\tyes\t2\t1\toriginal,paraphrase\t2026-01-01 (published)\n"
    );
    ws.run(&["contested"])
        .success()
        .stdout_has("Nadiivka\n")
        .stdout_has("independent monitors side with the dispute")
        .stdout_has("1 contested place");
}

#[test]
fn conflicting_dates_are_kept_and_reported() {
    // Two independent articles date one meeting differently: one day apart, still one meeting.
    let ws = Workspace::new();
    let dir = ws.path("dated");
    let first = ws.write(
        "dated/first.txt",
        "---\ndate: 2025-12-02\n---\n\nThe envoys met in Vienna on Tuesday, officials said, and agreed to talk again soon.\n",
    );
    let second = ws.write(
        "dated/second.txt",
        "A harbour strike closed the northern port for most of the week.\n\nEnvoy talks took place on Tuesday, December 1st, according to a ministry statement.\n",
    );
    let met = |date| {
        vec![fact(
            Relation::Met,
            "pavel-korin",
            "elena-brandt",
            Some(date),
        )]
    };
    build_store(
        &ws,
        &[
            (first.as_path(), met("on Tuesday")),
            (second.as_path(), met("on Tuesday, December 1st, 2025")),
        ],
    );
    assert!(dir.exists());
    ws.run(&["facts", "--merged"])
        .success()
        .stdout_has("met\tElena Brandt\tPavel Korin\t2\t2\tfirst,second\n");
    let dates = ws
        .run(&["contested", "--dates", "--format", "tsv"])
        .success()
        .stdout();
    assert_eq!(
        dates,
        "relation\tsubject\tobject\tdate\tdocs\tdate_text\tnote\n\
         met\tElena Brandt\tPavel Korin\t2025-12-01\tsecond\ton Tuesday, December 1st, 2025\tsecond: names Tuesday, but 2025-12-01 is a Monday\n\
         met\tElena Brandt\tPavel Korin\t2025-12-02\tfirst\ton Tuesday\t\n"
    );
}

#[test]
fn saved_analysis_records_derivation_and_follows_later_ingests() {
    let ws = Workspace::new();
    ws.run(&["ingest", &fixture("original"), &fixture("exact-copy")])
        .success();
    let facts_before = ws.run(&["stats"]).success().stdout();
    ws.run(&["sources", "--save"])
        .success()
        .stderr_has("saved ");
    // Saving the analysis adds no facts: its triples live in their own graph.
    let facts_line = |stats: &str| {
        stats
            .lines()
            .find(|l| l.starts_with("facts "))
            .unwrap_or_else(|| panic!("no facts line in {stats}"))
            .to_string()
    };
    assert_eq!(
        facts_line(&ws.run(&["stats"]).success().stdout()),
        facts_line(&facts_before)
    );
    // exact-copy (2026-01-02) was published after original (2026-01-01).
    let derived = "ASK { GRAPH <https://w3id.org/newsgraph/id/graph/sources> { ?copy prov:wasDerivedFrom ?original } \
                   ?copy ng:fileName \"exact-copy\" . ?original ng:fileName \"original\" }";
    ws.run(&["query", derived]).success().stdout_has("true");
    let members = "SELECT (COUNT(?d) AS ?n) WHERE { GRAPH <https://w3id.org/newsgraph/id/graph/sources> { ?c a ng:RewriteCluster ; ng:clusterMember ?d } }";
    assert_eq!(
        crate::support::single_value(&ws.run(&["query", members]).success()),
        "2"
    );
    ws.run(&["ingest", &fixture("paraphrase")]).success();
    assert_eq!(
        crate::support::single_value(&ws.run(&["query", members]).success()),
        "3"
    );
    ws.run(&["remove", "original"]).success();
    assert_eq!(
        crate::support::single_value(&ws.run(&["query", members]).success()),
        "2"
    );
}

#[test]
fn bad_format_is_a_usage_error() {
    let ws = Workspace::new();
    ws.run(&["ingest", &fixture("original")]).success();
    ws.run(&["sources", "--format", "xml"])
        .status(2)
        .stderr_has("unknown format `xml`");
}

/// The five development articles, read at run time from ../shared/seeds when present.
#[test]
fn seeds_three_rewrites_of_one_wire_story() {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    let mut files: Vec<_> = match std::fs::read_dir(&seeds) {
        Ok(entries) => entries.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(_) => {
            println!("note: {} is absent; seeds test skipped", seeds.display());
            return;
        }
    };
    files.sort();
    let ws = Workspace::new();
    let meeting = vec![fact(Relation::Met, "steve-witkoff", "vladimir-putin", None)];
    let docs: Vec<(&Path, Vec<Fact>)> = files
        .iter()
        .map(|p| (p.as_path(), meeting.clone()))
        .collect();
    build_store(&ws, &docs);
    let c = clusters(&ws);
    let cluster_of = |prefix: &str| {
        c.iter()
            .find(|(doc, _)| doc.starts_with(prefix))
            .map(|(_, (cluster, _))| cluster.clone())
            .unwrap_or_else(|| panic!("no seed {prefix} in {c:?}"))
    };
    assert_eq!(cluster_of("000"), cluster_of("001"), "{c:?}");
    assert_eq!(cluster_of("001"), cluster_of("002"), "{c:?}");
    assert_ne!(cluster_of("003"), cluster_of("000"), "{c:?}");
    assert_ne!(cluster_of("004"), cluster_of("000"), "{c:?}");
    assert_ne!(cluster_of("003"), cluster_of("004"), "{c:?}");
    ws.run(&["facts", "--merged"])
        .success()
        .stdout_has("met\tSteve Witkoff\tVladimir Putin\t5\t3\t");
}
