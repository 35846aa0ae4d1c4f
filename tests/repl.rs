//! `newsgraph repl` in script mode (statements piped on standard input):
//! every dot-command, every output format, errors and exit statuses.
//! Also the seeded store shared with the terminal tests in `repl_pty.rs`.

use std::collections::BTreeSet;

use newsgraph::facts::{Argument, DocExtraction, Fact, Provenance, Relation, Status, Thing};
use newsgraph::mentions::{Entity, EntityKind};
use newsgraph::store::{KnowledgeStore, StoreLocation};
use newsgraph::text::{self, TextRules};

use crate::support::{Run, Workspace, repo};

/// A short article of our own, with hand-made entities and facts, so the
/// REPL has something to show before the real extractor lands.
const SEED_ARTICLE: &str = "Envoys meet in Miami\n\n\
    Steve Witkoff met Kirill Dmitriev in Miami on Saturday. \
    Volodymyr Zelensky rejected the revised ceasefire plan. \
    Russia claims control of Pokrovsk.\n";

/// A workspace whose store holds the example articles (with what the real
/// extractor finds in them) plus the seed article of [`seed_only_workspace`].
pub fn seeded_workspace() -> Workspace {
    let ws = Workspace::new();
    ws.run(&["ingest", &repo("examples/articles")]).success();
    seed(&ws);
    ws
}

/// A workspace whose store holds only the seed article with its hand-made
/// entities (Steve Witkoff, Kirill Dmitriev, Volodymyr Zelensky, Russia,
/// Pokrovsk, Miami) and facts (met, rejected, claims_control, has_role), so
/// tests that count rows or compare transcripts control the whole content.
pub fn seed_only_workspace() -> Workspace {
    let ws = Workspace::new();
    seed(&ws);
    ws
}

fn seed(ws: &Workspace) {
    let path = ws.write("seed/envoys.txt", SEED_ARTICLE);
    let store = KnowledgeStore::open(&StoreLocation::parse(&ws.store()), false).unwrap();
    let (doc, _) = text::parse(
        &path.to_string_lossy(),
        SEED_ARTICLE.as_bytes(),
        &TextRules::builtin().unwrap(),
    )
    .unwrap();
    let sentence = |start: &str| {
        doc.sentences
            .iter()
            .find(|s| s.text.starts_with(start))
            .unwrap_or_else(|| panic!("no sentence starting {start:?}: {:?}", doc.sentences))
            .idx
    };
    let entity = |key: &str, name: &str, kind, variants: &[&str]| Entity {
        key: key.into(),
        name: name.into(),
        kind,
        wikidata: None,
        affiliation: None,
        variants: variants
            .iter()
            .map(|v| v.to_string())
            .collect::<BTreeSet<_>>(),
    };
    let fact = |relation, subject: &str, object: Argument, idx| Fact {
        relation,
        subject: subject.into(),
        object,
        status: None,
        place: None,
        date_phrase: None,
        provenance: Provenance {
            sentence_idx: idx,
            rule: "test/hand-made".into(),
            confidence: 1.0,
        },
    };
    let thing = |key: &str, label: &str| {
        Argument::Thing(Thing {
            key: key.into(),
            label: label.into(),
        })
    };
    let mut witkoff = entity(
        "steve-witkoff",
        "Steve Witkoff",
        EntityKind::Person,
        &["Witkoff", "Steve Witkof"],
    );
    witkoff.wikidata = Some("Q116223496".into());
    let met = Fact {
        status: Some(Status::Held),
        place: Some("miami".into()),
        date_phrase: Some("on Saturday".into()),
        ..fact(
            Relation::Met,
            "steve-witkoff",
            Argument::Entity("kirill-dmitriev".into()),
            sentence("Steve Witkoff met"),
        )
    };
    let extraction = DocExtraction {
        entities: vec![
            witkoff,
            entity(
                "kirill-dmitriev",
                "Kirill Dmitriev",
                EntityKind::Person,
                &["Dmitriev"],
            ),
            entity(
                "volodymyr-zelensky",
                "Volodymyr Zelensky",
                EntityKind::Person,
                &["Zelenskyy"],
            ),
            entity("russia", "Russia", EntityKind::Country, &[]),
            entity("pokrovsk", "Pokrovsk", EntityKind::Town, &[]),
            entity("miami", "Miami", EntityKind::Town, &[]),
        ],
        mentions: Vec::new(),
        facts: vec![
            met,
            fact(
                Relation::HasRole,
                "steve-witkoff",
                thing("us-special-envoy", "US special envoy"),
                sentence("Steve Witkoff met"),
            ),
            fact(
                Relation::Rejected,
                "volodymyr-zelensky",
                thing("ceasefire-plan", "revised ceasefire plan"),
                sentence("Volodymyr Zelensky"),
            ),
            fact(
                Relation::ClaimsControl,
                "russia",
                Argument::Entity("pokrovsk".into()),
                sentence("Russia claims"),
            ),
        ],
        diagnostics: Vec::new(),
    };
    let quads = newsgraph::rdf::document_quads(&doc, &extraction);
    assert!(store.insert_document(&doc.id, &quads).unwrap());
    store.flush().unwrap();
}

fn script(ws: &Workspace, input: &str) -> Run {
    ws.run_with_stdin(&["repl"], input)
}

#[test]
fn a_multi_line_query_prints_a_table_with_labels() {
    let ws = seed_only_workspace();
    let out = script(
        &ws,
        "SELECT ?person ?label\nWHERE {\n  ?person a ng:Person ; rdfs:label ?label .\n}\nORDER BY ?label\n\n",
    )
    .success()
    .stdout();
    assert!(out.contains("│ ?person"), "{out}");
    assert!(
        out.contains("Steve Witkoff (ngid:entity/steve-witkoff)"),
        "{out}"
    );
    assert!(out.contains("3 rows\n"), "{out}");
}

#[test]
fn every_output_format() {
    let ws = seed_only_workspace();
    let query = "SELECT ?label WHERE { ?e a ng:Country ; rdfs:label ?label };\n";
    let table = script(&ws, &format!(".format table\n{query}"))
        .success()
        .stdout();
    assert!(table.contains("│ Russia"), "{table}");
    let tsv = script(&ws, &format!(".format tsv\n{query}"))
        .success()
        .stdout();
    assert!(tsv.contains("?label\n\"Russia\"\n"), "{tsv}");
    let csv = script(&ws, &format!(".format csv\n{query}"))
        .success()
        .stdout();
    assert!(csv.contains("label\r\nRussia\r\n"), "{csv:?}");
    let json = script(&ws, &format!(".format json\n{query}"))
        .success()
        .stdout();
    assert!(json.contains("\"value\":\"Russia\""), "{json}");
    let xml = script(&ws, &format!(".format xml\n{query}"))
        .success()
        .stdout();
    assert!(xml.contains("<literal>Russia</literal>"), "{xml}");
    let ask = script(
        &ws,
        "ASK { ?e rdfs:label \"Russia\" };\nASK { ?e rdfs:label \"Narnia\" };\n",
    )
    .success()
    .stdout();
    assert!(ask.ends_with("yes\nno\n"), "{ask}");
    let construct = script(
        &ws,
        "CONSTRUCT { ?e a ng:Country } WHERE { ?e a ng:Country };\n",
    )
    .success()
    .stdout();
    assert!(construct.contains("a ng:Country"), "{construct}");
    assert!(construct.contains("1 triple\n"), "{construct}");
    script(&ws, ".format turtle\n")
        .status(2)
        .stderr_has("unknown format `turtle`; use table, tsv, csv or json");
}

#[test]
fn entity_shows_type_aliases_roles_and_facts_with_evidence() {
    let ws = seed_only_workspace();
    let out = script(&ws, ".entity witkoff\n").success().stdout();
    for needle in [
        "Steve Witkoff  ngid:entity/steve-witkoff",
        "type         Person",
        "aliases      ",
        "Steve Witkof",
        "same as      wd:Q116223496",
        "roles        US special envoy",
        "mentioned in envoys",
        "Steve Witkoff met → Kirill Dmitriev  [held; Miami; on Saturday]",
        "“Steve Witkoff met Kirill Dmitriev in Miami on Saturday.”",
        "— envoys (",
        "seed/envoys.txt)",
    ] {
        assert!(out.contains(needle), "lacks {needle:?}\n{out}");
    }
    let other_side = script(&ws, ".entity Kirill Dmitriev\n").success().stdout();
    assert!(
        other_side.contains("Steve Witkoff met → Kirill Dmitriev"),
        "{other_side}"
    );
    script(&ws, ".entity Witkof\n")
        .success()
        .stdout_has("Steve Witkoff  ngid:entity/steve-witkoff");
    script(&ws, ".entity Zelenski\n")
        .status(2)
        .stderr_has("no entity `Zelenski`; did you mean Volodymyr Zelensky?");

    // On the example articles, the extractor's facts join the hand-made ones.
    let ws = seeded_workspace();
    let out = script(&ws, ".entity witkoff\n").success().stdout();
    let roles = out
        .lines()
        .find(|l| l.starts_with("  roles        "))
        .unwrap_or_else(|| panic!("no roles line\n{out}"));
    assert!(roles.contains("US special envoy"), "{out}");
    for needle in [
        "mentioned in 01-istanbul-talks, ",
        "envoys",
        "“US special envoy Steve Witkoff joined the delegations",
        "— 01-istanbul-talks (",
        "Steve Witkoff met → Kirill Dmitriev  [held; Miami; on Saturday]",
    ] {
        assert!(out.contains(needle), "lacks {needle:?}\n{out}");
    }
}

#[test]
fn facts_sources_and_stats() {
    let ws = seed_only_workspace();
    let run = script(&ws, ".format tsv\n.facts\n").success();
    // Standard output holds only results; confirmations go to standard error.
    assert_eq!(run.stderr(), "results as tsv\n");
    let out = run.stdout();
    let lines: Vec<&str> = out.lines().collect();

    assert_eq!(lines[0], "?relation\t?subject\t?object\t?doc\t?evidence");
    assert!(
        out.contains("\"claims_control\"\t\"Russia\"\t\"Pokrovsk\"\t\"envoys\""),
        "{out}"
    );
    assert_eq!(lines.len(), 1 + 4, "{out}");
    let about = script(&ws, ".format tsv\n.facts Russia\n")
        .success()
        .stdout();
    assert_eq!(about.lines().count(), 2, "{about}");
    let stats = script(&ws, ".format csv\n.stats\n").success().stdout();
    assert!(stats.contains("documents,1\r\n"), "{stats:?}");
    assert!(stats.contains("entities,6\r\n"), "{stats:?}");
    assert!(stats.contains("facts,4\r\n"), "{stats:?}");

    let ws = seeded_workspace();
    let sources = script(&ws, ".sources\n").success().stdout();
    for doc in ["01-istanbul-talks", "05-translated-rewrite", "envoys"] {
        assert!(sources.contains(doc), "{sources}");
    }
    assert!(sources.contains("6 rows"), "{sources}");
    let stats = script(&ws, ".format csv\n.stats\n").success().stdout();
    assert!(stats.contains("documents,6\r\n"), "{stats:?}");
    // The examples add the extractor's facts to the four hand-made ones; the
    // .facts listing has one row per fact.
    let facts: usize = stats
        .lines()
        .find_map(|l| l.strip_prefix("facts,"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("no facts count in {stats:?}"));
    assert!(facts > 4, "{stats:?}");
    let listing = script(&ws, ".format tsv\n.facts\n").success().stdout();
    assert_eq!(listing.lines().count(), 1 + facts, "{listing}");
}

#[test]
fn load_prefix_export_output_timer_help_and_quit() {
    let ws = Workspace::new();
    let run = script(
        &ws,
        &format!(
            ".load {}\n.prefix doc: <https://w3id.org/newsgraph/id/doc/>\n.prefixes\n\
             .timer on\nSELECT (COUNT(*) AS ?n) WHERE {{ ?d a ng:Document }};\n.timer off\n\
             SELECT ?name WHERE {{ ?d ng:fileName ?name . FILTER(STRSTARTS(STR(?d), STR(doc:))) }};\n\
             .help\n.help entity\n.quit\n.stats\n",
            repo("tests/data/ingest/plain.txt")
        ),
    )
    .success()
    ;
    let (out, notes) = (run.stdout(), run.stderr());
    assert!(
        notes.contains("ingested 1 document (0 unchanged, 0 failed)"),
        "{notes}"
    );
    assert!(
        out.contains("doc:      <https://w3id.org/newsgraph/id/doc/>"),
        "{out}"
    );
    assert!(
        out.contains("ng:       <https://w3id.org/newsgraph/ontology#>"),
        "{out}"
    );
    assert!(notes.contains("timer on\n"), "{notes}");
    assert!(
        notes.contains("doc: <https://w3id.org/newsgraph/id/doc/>\n"),
        "{notes}"
    );
    assert!(out.contains(" ms)\n") || out.contains(" s)\n"), "{out}");
    assert!(out.contains("│ plain"), "{out}");
    assert!(out.contains(".neighbors NAME [HOPS]"), "{out}");
    assert!(
        out.contains("usage: .entity NAME\nEverything about one entity"),
        "{out}"
    );
    assert!(
        !out.contains("?measure"),
        ".quit must stop the script:\n{out}"
    );

    let ttl = ws.path("store.ttl");
    let results = ws.path("results.tsv");
    let run = script(
        &ws,
        &format!(
            ".export turtle {}\n.format tsv\n.output {}\nSELECT ?name WHERE {{ ?d ng:fileName ?name }};\n.output\n.stats\n",
            ttl.display(),
            results.display()
        ),
    )
    .success()
    ;
    let (out, notes) = (run.stdout(), run.stderr());
    assert!(notes.contains("wrote the store as turtle to"), "{notes}");
    assert!(notes.contains("results go to"), "{notes}");
    assert!(
        !out.contains("\"plain\""),
        "results must go to the file:\n{out}"
    );
    assert!(out.contains("\"documents\"\t1"), "{out}");
    let written = std::fs::read_to_string(&results).unwrap();
    assert_eq!(written, "?name\n\"plain\"\n");
    let turtle = std::fs::read_to_string(&ttl).unwrap();
    assert!(turtle.contains("ng:Document"), "{turtle}");
}

#[test]
fn path_finds_a_chain_of_facts_with_evidence() {
    let ws = seeded_workspace();
    let out = script(&ws, ".path Witkoff Putin\n").success().stdout();
    for needle in [
        "shortest path (1 hop) from Steve Witkoff to Vladimir Putin",
        "path 1: Steve Witkoff —met— Vladimir Putin",
        "  Steve Witkoff —met— Vladimir Putin  [1 source]",
        "      04-kremlin-reaction #",
        "Putin will receive Witkoff",
    ] {
        assert!(out.contains(needle), "lacks {needle:?}\n{out}");
    }
    // Two hops: the seed's Dmitriev meets Witkoff, who meets Putin.
    let out = script(&ws, ".path \"Kirill Dmitriev\" \"Vladimir Putin\"\n")
        .success()
        .stdout();
    assert!(out.contains("shortest paths (2 hops)"), "{out}");
    assert!(
        out.contains(": Kirill Dmitriev —met— Steve Witkoff —met— Vladimir Putin\n"),
        "{out}"
    );
    assert!(
        out.contains("envoys #1: \"Steve Witkoff met Kirill Dmitriev in Miami on Saturday.\""),
        "{out}"
    );
    script(&ws, ".path Witkoff Nobody\n")
        .status(2)
        .stderr_has("no entity named `Nobody`");
    script(&ws, ".path Witkoff Witkof\n")
        .status(2)
        .stderr_has("name the same entity");
}

#[test]
fn neighbors_and_central_rank_the_graph() {
    let ws = seeded_workspace();
    let out = script(&ws, ".neighbors Witkoff\n").success().stdout();
    assert!(
        out.contains("neighbours of Steve Witkoff (person, also: "),
        "{out}"
    );
    assert!(out.contains("within 1 hop\n"), "{out}");
    for line in [
        "Steve Witkoff —met— Kirill Dmitriev",
        "Steve Witkoff —met— Vladimir Putin",
        "Steve Witkoff —affiliated_with→ United States",
    ] {
        assert!(out.contains(line), "lacks {line:?}\n{out}");
    }
    let two = script(&ws, ".neighbors \"Kirill Dmitriev\" 2\n")
        .success()
        .stdout();
    assert!(two.contains("within 2 hops"), "{two}");
    assert!(two.contains("\n2     Vladimir Putin "), "{two}");

    let central = script(&ws, ".central 3\n").success().stdout();
    let ranks: Vec<&str> = central.lines().skip(1).take(3).collect();
    assert!(
        central.starts_with("rank  degree  sources  node"),
        "{central}"
    );
    assert!(
        ranks[0].starts_with("1     ") && ranks[0].contains("Ukraine"),
        "{central}"
    );
    assert!(central.contains("(3 of "), "{central}");
    assert!(
        central.contains("nodes shown; use .central N)"),
        "{central}"
    );
    let ten = script(&ws, ".central\n").success().stdout();
    assert!(ten.contains("\n10    "), "{ten}");
    script(&ws, ".central many\n")
        .status(2)
        .stderr_has("usage: .central [N]");
}

#[test]
fn dot_writes_graphviz_for_the_graph_an_entity_or_a_query() {
    let ws = seeded_workspace();
    let (all, one, query) = (ws.path("all.dot"), ws.path("one.dot"), ws.path("met.dot"));
    let run = script(
        &ws,
        &format!(
            ".dot {}\n.dot {} Steve Witkoff\n.dot {} CONSTRUCT {{ ?a ng:met ?b }} WHERE {{ ?a ng:met ?b }}\n",
            all.display(),
            one.display(),
            query.display()
        ),
    )
    .success();
    assert_eq!(run.stdout(), "", "notes go to standard error");
    let notes = run.stderr();
    assert!(
        notes.contains(&format!("wrote {} (", all.display())),
        "{notes}"
    );
    let read = |p: &std::path::Path| std::fs::read_to_string(p).unwrap();
    let (all, one, query) = (read(&all), read(&one), read(&query));
    for dot in [&all, &one, &query] {
        crate::analysis::assert_renders(dot);
    }
    assert!(all.contains("Ukraine") && all.contains("Pokrovsk"), "{all}");
    assert!(one.contains("Kirill Dmitriev"), "{one}");
    assert!(
        !one.contains("Pokrovsk"),
        "only Witkoff's neighbours:\n{one}"
    );
    assert!(query.contains("Vladimir Putin"), "{query}");
    assert!(!query.contains("claims_control"), "{query}");
    script(
        &ws,
        &format!(
            ".dot {} SELECT * WHERE {{ ?s ?p ?o }}\n",
            ws.path("x.dot").display()
        ),
    )
    .status(2)
    .stderr_has("CONSTRUCT or DESCRIBE");
}

#[test]
fn errors_are_positioned_and_the_script_stops_unless_keep_going() {
    let ws = seeded_workspace();
    let run = script(&ws, ".stats\nSELECT ?x\nWHERE { ?x ?y }\n\n.sources\n").status(2);
    let err = run.stderr();
    assert!(err.contains("error: malformed SPARQL"), "{err}");
    assert!(err.contains("  2 | WHERE { ?x ?y }\n    |"), "{err}");
    assert!(
        err.contains("(in the statement at line 2 of the input)"),
        "{err}"
    );
    // The caret sits under the column the parser reports ("error at 2:C").
    let reported: usize = err
        .split("error at 2:")
        .nth(1)
        .and_then(|rest| rest.split(|c: char| !c.is_ascii_digit()).next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no position in {err}"));
    let caret_line = err.lines().find(|l| l.trim_end().ends_with('^')).unwrap();
    assert_eq!(
        caret_line.find('^'),
        Some("  2 | ".len() + reported - 1),
        "{err}"
    );
    assert!(
        !run.stdout().contains("01-istanbul-talks"),
        "stopped before .sources"
    );

    script(&ws, ".entty Russia\n")
        .status(2)
        .stderr_has("unknown command `.entty`; did you mean `.entity`?");
    ws.run_with_stdin(&["repl", "--keep-going"], ".nonsense\n.sources\n")
        .status(1)
        .stdout_has("01-istanbul-talks");
}

#[test]
fn a_read_only_store_refuses_load() {
    let ws = seeded_workspace();
    ws.run_with_stdin(
        &["--read-only", "repl"],
        &format!(".load {}\n", repo("tests/data/ingest/plain.txt")),
    )
    .status(2)
    .stderr_has("the store is open read-only");
    ws.run_with_stdin(&["--read-only", "repl"], ".stats\n")
        .success()
        .stdout_has("documents");
}

#[test]
fn odd_input_never_crashes() {
    let ws = seeded_workspace();
    let input = "\"\n}\n\n.\n..\n.entity\n.path\n.output /nonexistent/dir/file\n.export turtle /nonexistent/x.ttl\n\
                 .load /nonexistent\n.prefix x: <not an iri>\nSELECT ?x WHERE { ?x ?y ?z } LIMIT -1;\n\u{1F600} ;\n\
                 ?x ?y ?z .;\n.help nonsense\n.neighbors\n.timer\n.format\n";
    let run = ws
        .run_with_stdin(&["repl", "--keep-going"], input)
        .status(1);
    assert!(!run.stderr().contains("panicked"), "{}", run.stderr());
    assert!(!run.stderr().contains("internal error"), "{}", run.stderr());
}

#[test]
fn without_a_subcommand_and_no_terminal_help_is_printed() {
    let ws = Workspace::new();
    ws.run(&[]).success().stdout_has("Usage: newsgraph");
}

/// Runs each `tests/data/repl/<name>.in` as a script (with `--keep-going`) on
/// the seeded store and compares standard output, then standard error, with
/// `<name>.out`. Paths of the temporary store and of the repository are
/// replaced by `<ws>` and `<repo>`. `UPDATE_GOLDEN=1` rewrites the `.out` files.
#[test]
fn transcripts() {
    let dir = std::path::Path::new(&repo("tests/data/repl")).to_path_buf();
    let mut inputs: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "in"))
        .collect();
    inputs.sort();
    assert!(!inputs.is_empty());
    let ws = seed_only_workspace();
    let mut failures = Vec::new();
    for input in inputs {
        let script_text = std::fs::read_to_string(&input).unwrap();
        let run = ws.run_with_stdin(&["repl", "--keep-going"], &script_text);
        let got = format!(
            "{}--- stderr\n{}--- status {}\n",
            run.stdout(),
            run.stderr(),
            run.code()
        )
        .replace(&ws.dir.path().to_string_lossy().into_owned(), "<ws>")
        .replace(&repo(""), "<repo>/");
        let expected_path = input.with_extension("out");
        if std::env::var_os("UPDATE_GOLDEN").is_some() {
            std::fs::write(&expected_path, &got).unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if expected != got {
            failures.push(format!(
                "{}\n--- expected\n{expected}\n--- got\n{got}",
                input.display()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
