//! Graph analysis (`path`, `neighbors`, `central`, `components`) and graph
//! export (`dot`, GraphML) on a small store built by hand: on this branch the
//! extractor finds no facts, and these tests must not depend on it anyway.
//!
//! The test graph (four documents, sentences written for these tests):
//!
//! ```text
//! Steve Witkoff —met(2 docs)— Kirill Dmitriev —met— Vladimir Putin
//! Rustem Umerov —met— Steve Witkoff          Andriy Yermak —met— Volodymyr Zelensky
//! Donald Trump —proposed→ plan ←rejected— Volodymyr Zelensky
//! Russia —claims_control→ Pokrovsk ←disputes_control— Ukraine
//! affiliations: Witkoff→United States, Dmitriev/Putin→Russia, Zelensky/Umerov/Yermak→Ukraine
//! a separate pair: Andriy Sybiha —met— Hakan Fidan (in Kyïv, written Київ too)
//! ```

use std::collections::BTreeSet;
use std::process::Command;

use newsgraph::facts::{Argument, DocExtraction, Fact, Provenance, Relation, Status, Thing};
use newsgraph::mentions::{Entity, EntityKind};
use newsgraph::rdf::document_quads;
use newsgraph::store::{KnowledgeStore, StoreLocation};
use newsgraph::text::{Document, Published, Sentence, Span, content_id};

use crate::support::{Run, Workspace};

/// An entity in the fixture: key, name, kind, aliases, affiliation.
type EntitySpec = (
    &'static str,
    &'static str,
    EntityKind,
    &'static [&'static str],
    Option<&'static str>,
);
/// A document in the fixture: file name, published, sentences with their facts.
type DocSpec = (
    &'static str,
    &'static str,
    &'static [(&'static str, &'static [FactSpec])],
);

const ENTITIES: &[EntitySpec] = &[
    (
        "steve-witkoff",
        "Steve Witkoff",
        EntityKind::Person,
        &["Witkoff"],
        Some("united-states"),
    ),
    (
        "kirill-dmitriev",
        "Kirill Dmitriev",
        EntityKind::Person,
        &["Dmitriev"],
        Some("russia"),
    ),
    (
        "vladimir-putin",
        "Vladimir Putin",
        EntityKind::Person,
        &["Putin"],
        Some("russia"),
    ),
    (
        "volodymyr-zelensky",
        "Volodymyr Zelensky",
        EntityKind::Person,
        &["Zelenskyy", "Zelensky"],
        Some("ukraine"),
    ),
    (
        "rustem-umerov",
        "Rustem Umerov",
        EntityKind::Person,
        &["Umerov"],
        Some("ukraine"),
    ),
    (
        "andriy-yermak",
        "Andriy Yermak",
        EntityKind::Person,
        &["Yermak"],
        Some("ukraine"),
    ),
    (
        "andriy-sybiha",
        "Andriy Sybiha",
        EntityKind::Person,
        &["Sybiha"],
        None,
    ),
    (
        "hakan-fidan",
        "Hakan Fidan",
        EntityKind::Person,
        &["Fidan"],
        None,
    ),
    (
        "donald-trump",
        "Donald Trump",
        EntityKind::Person,
        &["Trump"],
        None,
    ),
    ("russia", "Russia", EntityKind::Country, &["Moscow"], None),
    (
        "ukraine",
        "Ukraine",
        EntityKind::Country,
        &["Kyiv government"],
        None,
    ),
    (
        "united-states",
        "United States",
        EntityKind::Country,
        &["US", "U.S."],
        None,
    ),
    (
        "pokrovsk",
        "Pokrovsk",
        EntityKind::Town,
        &["Pokrovs'k"],
        None,
    ),
    ("kyiv", "Kyïv", EntityKind::Town, &["Київ", "Kyiv"], None),
];

/// A fact in the fixture: relation, subject key, object (entity key or `topic:label`).
type FactSpec = (Relation, &'static str, &'static str);

const DOCS: &[DocSpec] = &[
    (
        "talks-miami",
        "2025-11-10",
        &[
            (
                "Envoy Witkoff sat down with Dmitriev in Miami over the weekend.",
                &[(Relation::Met, "steve-witkoff", "kirill-dmitriev")],
            ),
            (
                "Trump put forward a 28-point \"peace\" plan \\ draft.",
                &[(
                    Relation::Proposed,
                    "donald-trump",
                    "topic:28-point \"peace\" plan \\ draft",
                )],
            ),
        ],
    ),
    (
        "kremlin-readout",
        "2025-11-20",
        &[
            (
                "Dmitriev briefed Putin in the Kremlin after his trip.",
                &[(Relation::Met, "vladimir-putin", "kirill-dmitriev")],
            ),
            (
                "Dmitriev said he had spoken with Witkoff once more.",
                &[(Relation::Met, "kirill-dmitriev", "steve-witkoff")],
            ),
            (
                "Moscow says its troops now hold Pokrovsk.",
                &[(Relation::ClaimsControl, "russia", "pokrovsk")],
            ),
        ],
    ),
    (
        "kyiv-response",
        "2025-11-25",
        &[
            (
                "Zelensky turned down the plan as written.",
                &[(
                    Relation::Rejected,
                    "volodymyr-zelensky",
                    "topic:28-point \"peace\" plan \\ draft",
                )],
            ),
            (
                "Umerov held talks with Witkoff in Geneva.",
                &[(Relation::Met, "rustem-umerov", "steve-witkoff")],
            ),
            (
                "Kyiv denies that Pokrovsk has fallen.",
                &[(Relation::DisputesControl, "ukraine", "pokrovsk")],
            ),
            (
                "Yermak and Zelensky discussed the draft late into the night.",
                &[(Relation::Met, "andriy-yermak", "volodymyr-zelensky")],
            ),
        ],
    ),
    (
        "ankara-visit",
        "2025-12-01",
        &[(
            "Sybiha received Fidan in Київ on Monday.",
            &[(Relation::Met, "andriy-sybiha", "hakan-fidan")],
        )],
    ),
];

/// Writes the fixture documents into the workspace's store, as ingestion would.
fn build_store(ws: &Workspace) {
    let store = KnowledgeStore::open(&StoreLocation::Path(ws.store().into()), false).unwrap();
    for (name, published, sentences) in DOCS {
        let raw: String = sentences.iter().map(|(s, _)| format!("{s}\n")).collect();
        let mut doc_sentences = Vec::new();
        let mut facts = Vec::new();
        let mut mentioned = BTreeSet::new();
        let mut offset = 0;
        for (idx, (text, specs)) in sentences.iter().enumerate() {
            doc_sentences.push(Sentence {
                idx,
                span: Span::new(offset, offset + text.len()),
                text: text.to_string(),
                is_headline: false,
            });
            offset += text.len() + 1;
            for (relation, subject, object) in specs.iter() {
                mentioned.insert(*subject);
                let object = match object.strip_prefix("topic:") {
                    Some(label) => Argument::Thing(Thing {
                        key: "peace-plan".into(),
                        label: label.into(),
                    }),
                    None => {
                        mentioned.insert(*object);
                        Argument::Entity(object.to_string())
                    }
                };
                facts.push(Fact {
                    relation: *relation,
                    subject: subject.to_string(),
                    object,
                    status: (*relation == Relation::Met).then_some(Status::Held),
                    place: None,
                    date_phrase: None,
                    provenance: Provenance {
                        sentence_idx: idx,
                        rule: "test/hand-made".into(),
                        confidence: 1.0,
                    },
                });
            }
        }
        if *name == "ankara-visit" {
            mentioned.insert("kyiv");
        }
        // The country a person belongs to is written with the person.
        for (key, _, _, _, affiliation) in ENTITIES {
            if let Some(affiliation) = affiliation
                && mentioned.contains(key)
            {
                mentioned.insert(affiliation);
            }
        }
        let entities = ENTITIES
            .iter()
            .filter(|e| mentioned.contains(e.0))
            .map(|(key, label, kind, aliases, affiliation)| Entity {
                key: key.to_string(),
                name: label.to_string(),
                kind: *kind,
                wikidata: None,
                affiliation: affiliation.map(str::to_string),
                variants: aliases.iter().map(|a| a.to_string()).collect(),
            })
            .collect();
        let document = Document {
            id: content_id(raw.as_bytes()),
            source: format!("fixtures/{name}.txt"),
            name: name.to_string(),
            title: None,
            author: None,
            published: Some(Published::Date(published.parse().unwrap())),
            sentences: doc_sentences,
            raw,
        };
        let extraction = DocExtraction {
            entities,
            facts,
            ..DocExtraction::default()
        };
        let quads = document_quads(&document, &extraction);
        assert!(store.insert_document(&document.id, &quads).unwrap());
    }
    store.flush().unwrap();
}

fn fixture() -> Workspace {
    let ws = Workspace::new();
    build_store(&ws);
    ws
}

/// The `node` column of a table printed by `neighbors` or `central`.
fn column(run: &Run, header: &str) -> Vec<String> {
    let stdout = run.stdout();
    let mut lines = stdout
        .lines()
        .skip_while(|l| !(l.starts_with("hops  ") || l.starts_with("rank  ")));
    let head = lines.next().expect("table header");
    let start = head.find(header).unwrap();
    lines
        .take_while(|l| !l.starts_with('(') && !l.starts_with("note:"))
        .map(|l| {
            let rest: String = l.chars().skip(head[..start].chars().count()).collect();
            let mut cell = rest.trim_end().to_string();
            // Cells are separated by two or more spaces.
            if let Some(end) = cell.find("  ") {
                cell.truncate(end);
            }
            cell
        })
        .collect()
}

/// Renders DOT with Graphviz and asserts it succeeds without any message.
#[track_caller]
pub fn assert_renders(dot: &str) {
    let mut child = Command::new("dot")
        .arg("-Tsvg")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("Graphviz `dot` is installed (apt-get install graphviz)");
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(dot.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success() && stderr.trim().is_empty(),
        "dot -Tsvg failed or warned:\n{stderr}\n--- input:\n{dot}"
    );
    assert!(String::from_utf8_lossy(&output.stdout).contains("<svg"));
}

/// Loads GraphML with networkx and returns (nodes, edges).
#[track_caller]
fn networkx_counts(path: &std::path::Path) -> (usize, usize) {
    let script = "import sys, xml.dom.minidom, networkx as nx\n\
                  xml.dom.minidom.parse(sys.argv[1])\n\
                  g = nx.read_graphml(sys.argv[1])\n\
                  print(g.number_of_nodes(), g.number_of_edges())\n";
    let output = Command::new("python3")
        .args(["-c", script])
        .arg(path)
        .output()
        .expect("python3 runs");
    assert!(
        output.status.success(),
        "networkx could not read the GraphML (python3 -m pip install networkx):\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = String::from_utf8_lossy(&output.stdout);
    let mut numbers = text.split_whitespace().map(|n| n.parse().unwrap());
    (numbers.next().unwrap(), numbers.next().unwrap())
}

#[test]
fn finds_the_shortest_path_with_its_evidence() {
    let ws = fixture();
    let run = ws.run(&["path", "witkoff", "PUTIN"]).success();
    let out = run.stdout();
    assert!(
        out.starts_with("1 shortest path (2 hops) from Steve Witkoff to Vladimir Putin\n"),
        "{out}"
    );
    assert!(
        out.contains("path 1: Steve Witkoff —met— Kirill Dmitriev —met— Vladimir Putin\n"),
        "{out}"
    );
    assert!(
        out.contains("  Steve Witkoff —met— Kirill Dmitriev  [2 sources]\n"),
        "{out}"
    );
    assert!(
        out.contains(
            "      kremlin-readout #1: \"Dmitriev said he had spoken with Witkoff once more.\"\n"
        ),
        "{out}"
    );
    assert!(
        out.contains(
            "      talks-miami #0: \"Envoy Witkoff sat down with Dmitriev in Miami over the weekend.\"\n"
        ),
        "{out}"
    );
    assert!(
        out.contains("  Kirill Dmitriev —met— Vladimir Putin  [1 source]\n"),
        "{out}"
    );
}

#[test]
fn paths_follow_relations_backwards_through_topics() {
    let ws = fixture();
    ws.run(&["path", "Donald Trump", "Zelenskyy"])
        .success()
        .stdout_has("path 1: Donald Trump —proposed→ 28-point \"peace\" plan \\ draft ←rejected— Volodymyr Zelensky\n")
        .stdout_has("      kyiv-response #0: \"Zelensky turned down the plan as written.\"\n");
}

#[test]
fn path_filters_by_relation_and_reports_no_path_with_status_1() {
    let ws = fixture();
    ws.run(&["path", "Putin", "Zelensky"])
        .success()
        .stdout_has("path 1: Vladimir Putin —affiliated_with→ Russia —claims_control→ Pokrovsk ←disputes_control— Ukraine ←affiliated_with— Volodymyr Zelensky\n")
        .stdout_has("      kremlin-readout (entity record)\n");
    ws.run(&["path", "Putin", "Zelensky", "--relations", "met"])
        .status(1)
        .stdout_has("no path from Vladimir Putin to Volodymyr Zelensky within 6 hops");
    ws.run(&["path", "Putin", "Zelensky", "--max-hops", "3"])
        .status(1)
        .stdout_has("within 3 hops");
    ws.run(&["path", "Putin", "Zelensky", "--relations", "met,frobbed"])
        .status(2)
        .stderr_has("unknown relation `frobbed`; use met, proposed, rejected");
}

#[test]
fn all_paths_lists_every_simple_path_up_to_the_limit() {
    let ws = fixture();
    let out = ws
        .run(&["path", "Witkoff", "Putin", "--all", "--max-hops", "3"])
        .success()
        .stdout();
    assert!(
        out.starts_with("2 paths up to 3 hops from Steve Witkoff to Vladimir Putin\n"),
        "{out}"
    );
    assert!(
        out.contains("path 1: Steve Witkoff —met— Kirill Dmitriev —met— Vladimir Putin\n"),
        "{out}"
    );
    assert!(
        out.contains("path 2: Steve Witkoff —met— Kirill Dmitriev —affiliated_with→ Russia ←affiliated_with— Vladimir Putin\n"),
        "{out}"
    );
}

#[test]
fn filters_by_date_document_and_source_count() {
    let ws = fixture();
    ws.run(&["path", "Witkoff", "Putin", "--since", "2025-11-21"])
        .status(1);
    ws.run(&["path", "Witkoff", "Dmitriev", "--until", "2025-11-15"])
        .success()
        .stdout_has("[1 source]");
    ws.run(&["path", "Witkoff", "Dmitriev", "--docs", "kremlin-readout"])
        .success()
        .stdout_has("[1 source]");
    let out = ws
        .run(&["components", "--min-sources", "2"])
        .success()
        .stdout();
    // Affiliations count the documents that record them: Witkoff's is in three.
    assert!(
        out.contains(
            "1. 4 nodes, 3 edges: Kirill Dmitriev, Steve Witkoff, Russia, United States\n"
        ),
        "{out}"
    );
    assert!(
        out.contains("note: 12 edges with fewer than 2 sources left out"),
        "{out}"
    );
    ws.run(&["path", "Witkoff", "Putin", "--since", "Nov 21"])
        .status(2)
        .stderr_has("`Nov 21` is not a date; write it as YYYY-MM-DD");
    ws.run(&["path", "Witkoff", "Putin", "--docs", "nowhere"])
        .status(2)
        .stderr_has("no document matches `nowhere`");
}

#[test]
fn ambiguous_and_unknown_names_list_candidates() {
    let ws = fixture();
    ws.run(&["path", "Andriy", "Putin"])
        .status(2)
        .stderr_has("`Andriy` names 2 entities; use a fuller name:\n  Andriy Sybiha (person, also: Sybiha)\n  Andriy Yermak (person, also: Yermak)\n");
    ws.run(&["neighbors", "Witkof"]).status(2).stderr_has(
        "no entity named `Witkof`; did you mean:\n  Steve Witkoff (person, also: Witkoff)",
    );
    ws.run(&["path", "Putin", "vladimir putin"])
        .status(2)
        .stderr_has("name the same entity");
    // Accents, case and other scripts all resolve.
    ws.run(&["neighbors", "київ"])
        .success()
        .stdout_has("0 neighbours of Kyïv (town, also: Kyiv, Київ) within 1 hop");
    ws.run(&["neighbors", "KYIV"]).success();
}

#[test]
fn neighbors_are_ordered_by_distance_sources_and_name() {
    let ws = fixture();
    let run = ws
        .run(&["neighbors", "Steve Witkoff", "--hops", "2"])
        .success();
    assert!(
        run.stdout()
            .starts_with("6 neighbours of Steve Witkoff (person, also: Witkoff) within 2 hops\n"),
        "{}",
        run.stdout()
    );
    assert_eq!(
        column(&run, "node"),
        [
            "United States",
            "Kirill Dmitriev",
            "Rustem Umerov",
            "Russia",
            "Ukraine",
            "Vladimir Putin"
        ]
    );
    assert_eq!(column(&run, "hops"), ["1", "1", "1", "2", "2", "2"]);
    run.stdout_has("Kirill Dmitriev —affiliated_with→ Russia");
}

#[test]
fn centrality_ranks_the_expected_nodes() {
    let ws = fixture();
    let degree = ws.run(&["central", "--top", "5"]).success();
    assert_eq!(
        column(&degree, "node"),
        [
            "Ukraine",
            "Steve Witkoff",
            "Kirill Dmitriev",
            "Russia",
            "Volodymyr Zelensky"
        ]
    );
    degree.stdout_has("(5 of 14 nodes shown; use --top)");
    // Same scores as networkx.betweenness_centrality on this graph.
    let between = ws
        .run(&["central", "--by", "betweenness", "--top", "3"])
        .success()
        .stdout_has("1     0.3910       4       4        Ukraine");
    assert_eq!(
        column(&between, "node"),
        ["Ukraine", "Volodymyr Zelensky", "Steve Witkoff"]
    );
    assert_eq!(
        column(&between, "betweenness"),
        ["0.3910", "0.2308", "0.1923"]
    );
    // Links weighted by sources: Witkoff's three documents with the US and two
    // with Dmitriev put him first (checked against a plain power iteration).
    let rank = ws
        .run(&["central", "--by", "pagerank", "--top", "4"])
        .success();
    assert_eq!(
        column(&rank, "node"),
        [
            "Steve Witkoff",
            "Ukraine",
            "Kirill Dmitriev",
            "Volodymyr Zelensky"
        ]
    );
    assert_eq!(
        column(&rank, "pagerank"),
        ["0.1163", "0.1009", "0.0993", "0.0854"]
    );
    ws.run(&["central", "--by", "fame"])
        .status(2)
        .stderr_has("unknown measure `fame`; use degree, pagerank or betweenness");
}

#[test]
fn components_are_listed_largest_first() {
    let ws = fixture();
    let out = ws.run(&["components"]).success().stdout();
    assert!(
        out.starts_with("3 components (15 nodes, 15 edges); 2 connected, 1 isolated node\n"),
        "{out}"
    );
    assert!(
        out.contains("1. 12 nodes, 14 edges: Ukraine, Kirill Dmitriev, Russia, Steve Witkoff, "),
        "{out}"
    );
    assert!(
        out.contains("2. 2 nodes, 1 edge: Andriy Sybiha, Hakan Fidan\n"),
        "{out}"
    );
    assert!(out.contains("isolated: Kyïv\n"), "{out}");
}

#[test]
fn dot_output_is_sorted_styled_escaped_and_renders() {
    let ws = fixture();
    let dot = ws
        .run(&["dot", "--title", "Test \"graph\""])
        .success()
        .stdout();
    assert_renders(&dot);
    assert!(dot.starts_with("digraph newsgraph {\n"), "{dot}");
    assert!(dot.contains(r#"label="Test \"graph\"""#), "{dot}");
    // A label with quotes and a backslash, escaped.
    assert!(
        dot.contains(r#"label="28-point \"peace\" plan\n\\ draft""#),
        "{dot}"
    );
    // Claims and disputes look different.
    assert!(dot.contains(r##"[label="claims_control (1 source)", color="#6c3483", fontcolor="#6c3483", style=bold, arrowhead=normal"##), "{dot}");
    assert!(dot.contains(r##"[label="disputes_control (1 source)", color="#ca6f1e", fontcolor="#ca6f1e", style=dashed, arrowhead=tee"##), "{dot}");
    assert!(
        dot.contains(r##"[label="met (2 sources)", color="#1f618d""##),
        "{dot}"
    );
    assert!(dot.contains("subgraph cluster_legend {"), "{dot}");
    // Kyïv has no edge and is left out of the whole-graph picture.
    assert!(!dot.contains("Kyïv"), "{dot}");
    // Stable: the same store gives the same bytes.
    assert_eq!(
        dot,
        ws.run(&["dot", "--title", "Test \"graph\""])
            .success()
            .stdout()
    );
    // Persons come before countries, each sorted by name.
    let persons = dot.find("label=\"Andriy Sybiha\"").unwrap();
    let countries = dot.find("label=\"Russia\"").unwrap();
    assert!(persons < countries);
}

#[test]
fn dot_draws_a_neighbourhood_or_a_construct_query() {
    let ws = fixture();
    let around = ws
        .run(&["dot", "--entity", "Київ", "--hops", "2", "--no-legend"])
        .success()
        .stdout();
    assert_renders(&around);
    assert!(around.contains("Kyïv"), "{around}");
    assert!(!around.contains("cluster_legend"), "{around}");
    let near = ws
        .run(&["dot", "--entity", "Pokrovsk", "--hops", "1"])
        .success()
        .stdout();
    assert_renders(&near);
    let edges: Vec<&str> = near
        .lines()
        .filter(|l| l.contains(" -> ") && !l.contains("legend:"))
        .collect();
    assert_eq!(edges.len(), 2, "{near}");
    let construct = ws
        .run(&[
            "dot",
            "--query",
            "CONSTRUCT { ?a ng:met ?b . ?a rdfs:label ?l } WHERE { ?a ng:met ?b ; rdfs:label ?l }",
        ])
        .success()
        .stdout();
    assert_renders(&construct);
    assert!(
        construct.contains(r#"label="met (2 sources)""#),
        "{construct}"
    );
    assert!(!construct.contains("claims_control"), "{construct}");
    ws.run(&["dot", "--query", "SELECT * WHERE { ?s ?p ?o }"])
        .status(2)
        .stderr_has("--query needs a CONSTRUCT or DESCRIBE query");
}

#[test]
fn events_become_nodes_when_asked() {
    let ws = fixture();
    let dot = ws
        .run(&[
            "dot",
            "--events",
            "--relations",
            "claims_control,disputes_control",
        ])
        .success()
        .stdout();
    assert_renders(&dot);
    assert!(dot.contains("shape=diamond"), "{dot}");
    assert!(
        dot.contains(r#"label="claims_control: Russia\n/ Pokrovsk""#),
        "{dot}"
    );
}

#[test]
fn svg_and_png_go_through_graphviz() {
    let ws = fixture();
    let svg = ws.path("graph.svg");
    ws.run(&["dot", "-o", svg.to_str().unwrap()])
        .success()
        .stderr_has("wrote ");
    assert!(std::fs::read_to_string(&svg).unwrap().contains("<svg"));
    let png = ws.path("graph.png");
    ws.run(&["dot", "--format", "png", "-o", png.to_str().unwrap()])
        .success();
    assert!(std::fs::read(&png).unwrap().starts_with(b"\x89PNG"));
    ws.run(&["dot", "--format", "jpeg"])
        .status(2)
        .stderr_has("unknown format `jpeg`; use dot, svg, png or graphml");
}

#[test]
fn graphml_is_well_formed_and_loads_in_networkx() {
    let ws = fixture();
    let path = ws.path("graph.graphml");
    ws.run(&["dot", "-o", path.to_str().unwrap()])
        .success()
        .stderr_has("(14 nodes, 15 edges)");
    let xml = std::fs::read_to_string(&path).unwrap();
    assert!(
        xml.contains("<data key=\"label\">28-point &quot;peace&quot; plan \\ draft</data>"),
        "{xml}"
    );
    assert_eq!(networkx_counts(&path), (14, 15));
    let small = ws.path("small.graphml");
    ws.run(&[
        "dot",
        "--format",
        "graphml",
        "--entity",
        "Kyiv",
        "-o",
        small.to_str().unwrap(),
    ])
    .success();
    assert_eq!(networkx_counts(&small), (1, 0));
}
