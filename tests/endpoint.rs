//! `--endpoint`: the commands against a real Oxigraph server on loopback.
//!
//! The server is `oxigraph serve` from the `oxigraph-cli` crate, found at
//! `$OXIGRAPH_BIN` or on `PATH`. Without it the test prints a note and
//! passes, unless `NEWSGRAPH_REQUIRE_ENDPOINT_TEST=1` (as in CI), where it fails.

use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::{Workspace, repo, single_value};

/// A running `oxigraph serve`, stopped when dropped.
struct Server {
    child: Child,
    url: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        self.child.kill().ok();
        self.child.wait().ok();
    }
}

fn oxigraph_binary() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("OXIGRAPH_BIN") {
        return Some(PathBuf::from(path));
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join("oxigraph"))
        .find(|candidate| candidate.is_file())
}

/// Starts a server on a free loopback port, or explains why not.
fn start_server(ws: &Workspace) -> Option<Server> {
    let Some(binary) = oxigraph_binary() else {
        let required = std::env::var("NEWSGRAPH_REQUIRE_ENDPOINT_TEST").is_ok_and(|v| v == "1");
        let note = "NOTE: the --endpoint test did NOT run: no `oxigraph` binary on PATH or in \
                    $OXIGRAPH_BIN (install it with `cargo install oxigraph-cli --locked`)";
        assert!(
            !required,
            "{note}; NEWSGRAPH_REQUIRE_ENDPOINT_TEST=1 requires it"
        );
        eprintln!("{note}");
        return None;
    };
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port();
    let child = Command::new(&binary)
        .arg("serve")
        .arg("--location")
        .arg(ws.path("server.db"))
        .arg("--bind")
        .arg(format!("127.0.0.1:{port}"))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("starting {}: {e}", binary.display()));
    let server = Server {
        child,
        url: format!("http://127.0.0.1:{port}/query?union-default-graph"),
    };
    let started = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "oxigraph serve did not listen on port {port} within 60s"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    Some(server)
}

/// A hand-made fact in the RDF model (the extractor is not on this branch):
/// a meeting of two people, with its evidence sentence and document.
const FACT_NQ: &str = r#"<https://w3id.org/newsgraph/id/doc/feed01> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/newsgraph/ontology#Document> <https://w3id.org/newsgraph/id/graph/feed01> .
<https://w3id.org/newsgraph/id/doc/feed01> <https://w3id.org/newsgraph/ontology#fileName> "handmade" <https://w3id.org/newsgraph/id/graph/feed01> .
<https://w3id.org/newsgraph/id/doc/feed01/sentence/0> <https://w3id.org/newsgraph/ontology#text> "Ada Lind met Bo Berg in Oslo." <https://w3id.org/newsgraph/id/graph/feed01> .
<https://w3id.org/newsgraph/id/doc/feed01/sentence/0> <https://w3id.org/newsgraph/ontology#inDocument> <https://w3id.org/newsgraph/id/doc/feed01> <https://w3id.org/newsgraph/id/graph/feed01> .
<https://w3id.org/newsgraph/id/fact/f1> <https://w3id.org/newsgraph/ontology#relation> "met" <https://w3id.org/newsgraph/id/graph/feed01> .
<https://w3id.org/newsgraph/id/fact/f1> <https://w3id.org/newsgraph/ontology#subject> <https://w3id.org/newsgraph/id/entity/ada-lind> <https://w3id.org/newsgraph/id/graph/feed01> .
<https://w3id.org/newsgraph/id/fact/f1> <https://w3id.org/newsgraph/ontology#object> <https://w3id.org/newsgraph/id/entity/bo-berg> <https://w3id.org/newsgraph/id/graph/feed01> .
<https://w3id.org/newsgraph/id/fact/f1> <https://w3id.org/newsgraph/ontology#evidence> <https://w3id.org/newsgraph/id/doc/feed01/sentence/0> <https://w3id.org/newsgraph/id/graph/feed01> .
<https://w3id.org/newsgraph/id/entity/ada-lind> <http://www.w3.org/2000/01/rdf-schema#label> "Ada Lind" <https://w3id.org/newsgraph/id/graph/feed01> .
<https://w3id.org/newsgraph/id/entity/bo-berg> <http://www.w3.org/2000/01/rdf-schema#label> "Bo Berg" <https://w3id.org/newsgraph/id/graph/feed01> .
"#;

#[test]
fn ingest_query_and_facts_through_a_remote_endpoint() {
    let ws = Workspace::new();
    let Some(server) = start_server(&ws) else {
        return;
    };
    let url = server.url.clone();
    let url = url.as_str();
    let remote = |args: &[&str]| {
        let mut all = vec!["--endpoint", url];
        all.extend_from_slice(args);
        ws.run(&all)
    };

    remote(&["ingest", &repo("examples/articles")])
        .success()
        .stderr_has("ingested 5 documents (0 unchanged, 0 failed)");
    // Without GRAPH: needs the union default graph (`?union-default-graph`).
    let count = remote(&[
        "query",
        "SELECT (COUNT(*) AS ?n) WHERE { ?d a ng:Document }",
    ])
    .success();
    assert_eq!(single_value(&count), "5");
    // Ingesting again changes nothing.
    remote(&["ingest", &repo("examples/articles")])
        .success()
        .stderr_has("ingested 0 documents (5 unchanged, 0 failed)");

    // The same articles in the embedded store give the same documents and sentences.
    ws.run(&["ingest", &repo("examples/articles")]).success();
    let local_docs = ws.run(&["documents"]).success().stdout();
    assert_eq!(remote(&["documents"]).success().stdout(), local_docs);
    let sentences = "SELECT ?doc ?i ?t WHERE { GRAPH ?g { ?s ng:inDocument/ng:fileName ?doc ; ng:position ?i ; ng:text ?t } } ORDER BY ?doc ?i";
    let bodies =
        "SELECT ?doc ?b WHERE { GRAPH ?g { ?d ng:fileName ?doc ; ng:body ?b } } ORDER BY ?doc";
    for query in [bodies, sentences] {
        assert_eq!(
            remote(&["query", "--format", "tsv", query])
                .success()
                .stdout(),
            ws.run(&["query", "--format", "tsv", query])
                .success()
                .stdout(),
            "{query}"
        );
    }

    // Facts: a hand-made one, loaded through the endpoint.
    let nq = ws.write("fact.nq", FACT_NQ);
    remote(&["load", &nq.to_string_lossy()])
        .success()
        .stderr_has("10 new quads");
    remote(&["facts"])
        .success()
        .stdout_has("relation\tsubject\tobject\tdoc\tevidence\n")
        .stdout_has("met\tAda Lind\tBo Berg\thandmade\tAda Lind met Bo Berg in Oslo.\n");

    // Stats, ASK, CONSTRUCT, export and remove go through the endpoint too.
    remote(&["stats"])
        .success()
        .stdout_has("documents  5")
        .stdout_has("facts      1");
    remote(&["query", "ASK { ?e rdfs:label \"Bo Berg\" }"])
        .success()
        .stdout_has("true");
    remote(&[
        "query",
        "--format",
        "ntriples",
        "CONSTRUCT { ?e rdfs:label ?l } WHERE { ?e rdfs:label \"Ada Lind\" , ?l }",
    ])
    .success()
    .stdout_has("<https://w3id.org/newsgraph/id/entity/ada-lind> <http://www.w3.org/2000/01/rdf-schema#label> \"Ada Lind\" .");
    remote(&["export", "--format", "nquads"])
        .success()
        .stdout_has("\"Ada Lind met Bo Berg in Oslo.\"");
    remote(&["remove", "01-istanbul-talks"]).success();
    remote(&["stats"]).success().stdout_has("documents  4");

    // Errors: malformed SPARQL is caught before sending; a dead endpoint is named.
    remote(&["query", "SELECT ?x WHERE { ?x ng:nope }"])
        .status(2)
        .stderr_has("malformed SPARQL");
    drop(server);
    ws.run(&["--endpoint", url, "stats"])
        .status(2)
        .stderr_has("cannot reach the SPARQL endpoint");
}
