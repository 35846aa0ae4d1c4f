//! The foundation commands: ingest, remove, query, export, stats, documents,
//! and their error handling.

use crate::support::{Workspace, repo, single_value};

fn doc_count(ws: &Workspace) -> String {
    single_value(
        &ws.run(&[
            "query",
            "SELECT (COUNT(*) AS ?n) WHERE { ?d a ng:Document }",
        ])
        .success(),
    )
}

fn triple_count(ws: &Workspace) -> String {
    single_value(
        &ws.run(&[
            "query",
            "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
        ])
        .success(),
    )
}

#[test]
fn ingests_text_markdown_and_html_with_metadata() {
    let ws = Workspace::new();
    ws.run(&[
        "ingest",
        &repo("tests/data/ingest/plain.txt"),
        &repo("tests/data/ingest/front-matter.md"),
        &repo("tests/data/ingest/page.html"),
    ])
    .success()
    .stderr_has("ingested 3 documents");
    assert_eq!(doc_count(&ws), "3");
    let titles = ws
        .run(&["query", "SELECT ?name ?title ?published WHERE { ?d ng:fileName ?name . OPTIONAL { ?d ng:title ?title } OPTIONAL { ?d ng:published ?published } } ORDER BY ?name"])
        .success()
        .stdout();
    assert!(
        titles.contains("\"Witkoff and Dmitriev hold talks in Miami\"\t\"2026-02-01\"^^"),
        "{titles}"
    );
    assert!(
        titles.contains("\"Erdogan hosts Zelensky in Ankara\""),
        "{titles}"
    );
    let html_text = ws
        .run(&[
            "query",
            "SELECT ?t WHERE { ?d ng:fileName \"page\" ; ng:body ?t }",
        ])
        .success()
        .stdout();
    assert!(html_text.lines().count() == 2, "{html_text}");
    assert!(
        !html_text.contains('<') && !html_text.contains("window.dataLayer"),
        "{html_text}"
    );
}

#[test]
fn evidence_sentences_carry_character_offsets_into_the_file() {
    let ws = Workspace::new();
    let text = "Ünïcode héadline for the test\n\nZelensky met Erdogan in Ankara. The weather was mild. \
                Later, Putin rejected the peace plan on Dec. 3 in the U.S. capital.\n";
    let path = ws.write("offsets.txt", text);
    ws.run(&["ingest", path.to_str().unwrap()]).success();
    let out = ws
        .run(&["query", "SELECT ?start ?end ?t WHERE { ?s ng:startChar ?start ; ng:endChar ?end ; ng:text ?t } ORDER BY ?start"])
        .success()
        .stdout();
    let chars: Vec<char> = text.chars().collect();
    let rows: Vec<&str> = out.lines().skip(1).collect();
    // Only the two sentences that facts cite are sentence resources.
    assert_eq!(rows.len(), 2, "{out}");
    for row in rows {
        let cells: Vec<&str> = row.split('\t').collect();
        let start: usize = cells[0].parse().unwrap();
        let end: usize = cells[1].parse().unwrap();
        let slice: String = chars[start..end].iter().collect();
        assert_eq!(format!("\"{slice}\""), cells[2]);
    }
    // The document's body keeps every sentence, one per line.
    let body = ws
        .run(&[
            "query",
            "--format",
            "json",
            "SELECT ?b WHERE { ?d ng:body ?b }",
        ])
        .success()
        .stdout();
    assert!(
        body.contains("Ünïcode héadline for the test\\nZelensky met Erdogan in Ankara.\\nThe weather was mild.\\nLater,"),
        "{body}"
    );
}

#[test]
fn reingesting_changes_nothing_and_remove_undoes_ingest() {
    let ws = Workspace::new();
    let articles = repo("examples/articles");
    ws.run(&["ingest", &articles]).success();
    let before = triple_count(&ws);
    ws.run(&["ingest", &articles])
        .success()
        .stderr_has("ingested 0 documents (5 unchanged, 0 failed)");
    assert_eq!(triple_count(&ws), before);
    ws.run(&["remove", "01-istanbul-talks"])
        .success()
        .stderr_has("removed 01-istanbul-talks");
    assert_eq!(doc_count(&ws), "4");
    ws.run(&["remove", "no-such-doc"])
        .status(1)
        .stderr_has("no document matches `no-such-doc`");
    ws.run(&["ingest", &articles])
        .success()
        .stderr_has("ingested 1 document (4 unchanged");
    assert_eq!(triple_count(&ws), before);
}

#[test]
fn bad_inputs_are_reported_and_the_rest_ingests() {
    let ws = Workspace::new();
    let good = ws.write(
        "in/good.txt",
        "The envoy met the president in Moscow on Tuesday.\n",
    );
    ws.write("in/binary.txt", [0x89u8, b'P', b'N', b'G', 0, 0, 1, 2, 3]);
    ws.write("in/latin1.txt", b"Caf\xe9 talks in Gen\xe8ve.\n");
    ws.write("in/empty.txt", "");
    let missing = ws.path("in/missing.txt");
    let run = ws
        .run(&[
            "ingest",
            ws.path("in").to_str().unwrap(),
            missing.to_str().unwrap(),
        ])
        .status(1);
    let err = run.stderr();
    assert!(
        err.contains("binary.txt: binary data (NUL byte at offset 4)"),
        "{err}"
    );
    assert!(
        err.contains("latin1.txt: invalid UTF-8 at byte 3 (line 1)"),
        "{err}"
    );
    assert!(err.contains("empty.txt: empty file"), "{err}");
    assert!(
        err.contains("missing.txt: No such file or directory"),
        "{err}"
    );
    assert!(
        err.contains("ingested 1 document (0 unchanged, 4 failed)"),
        "{err}"
    );
    assert!(good.exists());
    assert_eq!(doc_count(&ws), "1");
}

#[test]
fn query_output_formats() {
    let ws = Workspace::new();
    ws.run(&["ingest", &repo("tests/data/ingest/plain.txt")])
        .success();
    let q = "SELECT ?name WHERE { ?d a ng:Document ; ng:fileName ?name }";
    ws.run(&["query", q, "--format", "table"])
        .success()
        .stdout_has("│ plain")
        .stdout_has("1 row");
    ws.run(&["query", q, "--format", "tsv"])
        .success()
        .stdout_has("?name\n\"plain\"\n");
    ws.run(&["query", q, "--format", "csv"])
        .success()
        .stdout_has("name\r\nplain\r\n");
    ws.run(&["query", q, "--format", "json"])
        .success()
        .stdout_has("\"value\":\"plain\"");
    ws.run(&["query", q, "--format", "xml"])
        .success()
        .stdout_has("<literal>plain</literal>");
    ws.run(&["query", "ASK { ?d a ng:Document }", "--format", "table"])
        .success()
        .stdout_has("yes");
    ws.run(&[
        "query",
        "CONSTRUCT { ?d a ng:Document } WHERE { ?d a ng:Document }",
        "--format",
        "turtle",
    ])
    .success()
    .stdout_has("a ng:Document");
    let file = ws.write(
        "q.rq",
        "SELECT (COUNT(*) AS ?n) WHERE { ?d a ng:Document }\n",
    );
    let run = ws
        .run(&["query", "--file", file.to_str().unwrap()])
        .success();
    assert_eq!(single_value(&run), "1");
}

#[test]
fn entities_have_a_prefix_of_their_own() {
    let ws = Workspace::new();
    ws.run(&["ingest", &repo("tests/data/ingest/plain.txt")])
        .success();
    ws.run(&["query", "ASK { ent:steve-witkoff ng:met ent:keir-starmer }"])
        .success()
        .stdout_has("true");
}

#[test]
fn malformed_query_reports_line_and_column() {
    let ws = Workspace::new();
    ws.run(&["ingest", &repo("tests/data/ingest/plain.txt")])
        .success();
    ws.run(&["query", "SELECT ?d\nWHERE { ?d a ng:Document ."])
        .status(2)
        .stderr_has("malformed SPARQL: error at 2:")
        .stderr_has("  2 | WHERE { ?d a ng:Document .");
    // The parser's list of every character class it would accept is cut to a few tokens.
    let run = ws.run(&["query", "SELECT ?x WHERE { ?x ng: ?o"]).status(2);
    let first_line = run.stderr().lines().next().unwrap_or_default().to_string();
    assert!(first_line.ends_with(", …"), "{first_line}");
    assert!(first_line.len() < 120, "{first_line}");
}

#[test]
fn exports_round_trip_through_an_rdf_parser() {
    use oxigraph::io::{RdfFormat, RdfParser};
    let ws = Workspace::new();
    ws.run(&["ingest", &repo("examples/articles")]).success();
    let quads = triple_count(&ws).parse::<usize>().unwrap();
    let ontology = single_value(
        &ws.run(&[
            "query",
            "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ng: { ?s ?p ?o } }",
        ])
        .success(),
    );
    let ontology: usize = ontology.parse().unwrap_or(0);
    let distinct = single_value(&ws.run(&["query", "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } }"]).success());
    let distinct: usize = distinct.parse().unwrap();
    for (name, format, expected) in [
        ("nquads", RdfFormat::NQuads, quads + ontology),
        ("trig", RdfFormat::TriG, quads + ontology),
        ("turtle", RdfFormat::Turtle, distinct),
        ("ntriples", RdfFormat::NTriples, distinct),
        ("rdfxml", RdfFormat::RdfXml, distinct),
        (
            "jsonld",
            RdfFormat::JsonLd {
                profile: Default::default(),
            },
            quads + ontology,
        ),
    ] {
        let out = ws.path(&format!("export.{name}"));
        ws.run(&["export", "--format", name, "-o", out.to_str().unwrap()])
            .success();
        let bytes = std::fs::read(&out).unwrap();
        let parsed = RdfParser::from_format(format)
            .for_slice(&bytes)
            .collect::<Result<Vec<_>, _>>();
        let parsed = parsed.unwrap_or_else(|e| panic!("{name} export does not parse: {e}"));
        assert_eq!(parsed.len(), expected, "{name}");
    }
}

#[test]
fn stats_and_documents_list() {
    let ws = Workspace::new();
    ws.run(&["ingest", &repo("examples/articles")]).success();
    ws.run(&["stats"])
        .success()
        .stdout_has("documents  5")
        .stdout_has("graphs     6");
    ws.run(&["documents"])
        .success()
        .stdout_has("02-front-line\t")
        .stdout_has("2026-02-04");
}

#[test]
fn a_locked_store_gives_a_clear_message() {
    let ws = Workspace::new();
    ws.run(&["ingest", &repo("tests/data/ingest/plain.txt")])
        .success();
    let holder = oxigraph::store::Store::open(ws.store()).expect("open the store in the test");
    ws.run(&["ingest", &repo("tests/data/ingest/page.html")])
        .status(2)
        .stderr_has("is in use by another newsgraph process");
    ws.run(&["stats"])
        .success()
        .stderr_has("opened it read-only")
        .stdout_has("documents  1");
    drop(holder);
}

#[test]
fn queries_on_a_missing_store_explain_what_to_do() {
    let ws = Workspace::new();
    ws.run(&["stats"])
        .status(2)
        .stderr_has("build one first with `newsgraph ingest");
}

#[test]
fn the_store_can_live_in_memory_or_come_from_the_environment() {
    let ws = Workspace::new();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_newsgraph"))
        .args(["ingest", &repo("tests/data/ingest/plain.txt")])
        .env("NEWSGRAPH_STORE", ws.path("env.db"))
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(ws.path("env.db").join("CURRENT").exists());
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_newsgraph"))
        .args([
            "ingest",
            &repo("tests/data/ingest/plain.txt"),
            "--store",
            ":memory:",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn extract_then_load_gives_the_same_graph_and_facts_as_ingest() {
    let ws = Workspace::new();
    let articles = repo("examples/articles");
    ws.run(&["ingest", &articles]).success();
    let ingested_facts = ws.run(&["facts"]).success().stdout();
    let extracted = ws
        .run(&["extract", &articles])
        .success()
        .stderr_has("extracted 5 documents");
    let nq = ws.write("out.nq", extracted.stdout());
    let other = Workspace::new();
    other.run(&["load", nq.to_str().unwrap()]).success();
    assert_eq!(other.run(&["facts"]).success().stdout(), ingested_facts);
    assert_eq!(triple_count(&other), triple_count(&ws));
    other
        .run(&["ingest", &articles])
        .success()
        .stderr_has("(5 unchanged, 0 failed)");
}

#[test]
fn extract_reads_standard_input() {
    let ws = Workspace::new();
    let run = ws
        .run_with_stdin(&["extract"], "Talks resumed in Geneva on Monday.\n")
        .success()
        .stderr_has("extracted 1 document");
    assert!(
        run.stdout()
            .contains("\"Talks resumed in Geneva on Monday.\""),
        "{}",
        run.stdout()
    );
}
