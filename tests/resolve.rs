//! `newsgraph resolve`, the reduce step after sharded `extract` runs
//! (issue #7): entities spelt differently in different shards become one,
//! and `extract` per shard → `resolve` → `load` gives the facts of one
//! `ingest` of all the files.
//!
//! The articles are our own and name people and a village that are not in
//! the lexicon, so only the spelling-variant rules can merge them.

use std::path::PathBuf;

use crate::support::Workspace;

/// Names "Ivan Petrenkov" and the village "Zorianets".
const FIRST: &str = "\
Envoy Ivan Petrenkov meets Finnish officials in Helsinki

Published: 2025-03-04

Ivan Petrenkov, a veteran negotiator, met Finnish officials in Helsinki on Monday.
Ivan Petrenkov said Russian forces had taken control of Zorianets, a village near the border.
";

/// The same man and village, transliterated differently: "Ivan Petrenkow", "Zoryanets".
const SECOND: &str = "\
Petrenkow travels to Bern for a new round of talks

Published: 2025-03-06

Ivan Petrenkow, the chief negotiator, met Swiss officials in Bern on Wednesday.
Ivan Petrenkow said Russian troops now control Zoryanets, a village on the river.
";

/// A namesake: same surname, another first name.
const NAMESAKE: &str = "\
Envoy Andriy Petrenkov arrives in Warsaw

Published: 2025-03-07

Andriy Petrenkov, a veteran negotiator, met Polish officials in Warsaw on Thursday.
";

/// Writes `text` as `name.txt`, extracts it alone, and returns the shard's path.
fn shard(ws: &Workspace, name: &str, text: &str) -> PathBuf {
    let article = ws.write(&format!("{name}.txt"), text);
    let nquads = ws
        .run(&["extract", article.to_str().unwrap()])
        .success()
        .stdout();
    ws.write(&format!("{name}.nq"), nquads)
}

fn arg(path: &std::path::Path) -> &str {
    path.to_str().unwrap()
}

/// `query` output without its header line.
fn rows(ws: &Workspace, sparql: &str) -> Vec<String> {
    let out = ws.run(&["query", sparql]).success().stdout();
    out.lines().skip(1).map(str::to_string).collect()
}

/// Every (person, spelling) pair whose spelling contains "Petrenk", as `<iri>\t"name"` rows.
const PETRENKOV_PEOPLE: &str = "SELECT DISTINCT ?e ?name WHERE { ?e a ng:Person ; rdfs:label|skos:altLabel ?name . \
     FILTER(CONTAINS(?name, \"Petrenk\")) } ORDER BY ?e ?name";

const E: &str = "https://w3id.org/newsgraph/id/entity/";

#[test]
fn spelling_variants_in_two_shards_become_one_entity_with_the_facts_of_one_ingest() {
    let ws = Workspace::new();
    let first = shard(&ws, "first", FIRST);
    let second = shard(&ws, "second", SECOND);
    let all = ws.path("all.nq");
    let run = ws
        .run(&["resolve", arg(&first), arg(&second), "-o", arg(&all), "-v"])
        .success()
        .stderr_has("Ivan Petrenkow → ivan-petrenkov")
        .stderr_has("Zoryanets → zorianets")
        .stderr_has("resolved 2 shards:")
        .stderr_has("2 merged");
    assert_eq!(run.stdout(), "");
    ws.run(&["load", arg(&all)]).success();

    let people = rows(&ws, PETRENKOV_PEOPLE);
    assert_eq!(
        people,
        [
            format!("<{E}ivan-petrenkov>\t\"Ivan Petrenkov\""),
            format!("<{E}ivan-petrenkov>\t\"Ivan Petrenkow\""),
        ],
        "one person with both spellings"
    );
    let villages = rows(
        &ws,
        "SELECT DISTINCT ?e WHERE { ?e a ng:Town ; rdfs:label ?l . FILTER(CONTAINS(?l, \"Zor\")) }",
    );
    assert_eq!(villages.len(), 1, "{villages:?}");

    let reference = Workspace::new();
    reference
        .run(&[
            "ingest",
            arg(&ws.path("first.txt")),
            arg(&ws.path("second.txt")),
        ])
        .success();
    let expected = reference.run(&["facts"]).success().stdout();
    assert!(
        expected.contains("Ivan Petrenkow, the chief negotiator"),
        "{expected}"
    );
    assert_eq!(ws.run(&["facts"]).success().stdout(), expected);
    assert_eq!(
        rows(&ws, PETRENKOV_PEOPLE),
        rows(&reference, PETRENKOV_PEOPLE)
    );
}

#[test]
fn a_namesake_in_another_shard_stays_apart() {
    let ws = Workspace::new();
    let first = shard(&ws, "first", FIRST);
    let namesake = shard(&ws, "namesake", NAMESAKE);
    let out = ws
        .run(&["resolve", arg(&first), arg(&namesake)])
        .success()
        .stderr_has("0 merged")
        .stdout();
    let all = ws.write("all.nq", out);
    ws.run(&["load", arg(&all)]).success();
    assert_eq!(
        rows(&ws, PETRENKOV_PEOPLE),
        [
            format!("<{E}andriy-petrenkov>\t\"Andriy Petrenkov\""),
            format!("<{E}ivan-petrenkov>\t\"Ivan Petrenkov\""),
        ]
    );
}

#[test]
fn standard_input_is_one_of_the_shards() {
    let ws = Workspace::new();
    let first = shard(&ws, "first", FIRST);
    let second = shard(&ws, "second", SECOND);
    let from_files = ws
        .run(&["resolve", arg(&first), arg(&second)])
        .success()
        .stdout();
    let stdin = std::fs::read_to_string(&first).unwrap();
    let from_stdin = ws
        .run_with_stdin(&["resolve", "-", arg(&second), "-v"], &stdin)
        .success()
        .stderr_has("Ivan Petrenkow → ivan-petrenkov (from ");
    assert_eq!(from_stdin.stdout(), from_files);
}

#[test]
fn a_malformed_or_missing_shard_is_an_error_naming_it() {
    let ws = Workspace::new();
    let first = shard(&ws, "first", FIRST);
    let good = std::fs::read_to_string(&first).unwrap();
    let n_lines = good.lines().count();
    let bad = ws.write(
        "broken.nq",
        good + "<https://example.org/a> <https://example.org/b> \"no end .\n",
    );
    let out = ws.path("out.nq");
    ws.run(&["resolve", arg(&first), arg(&bad), "-o", arg(&out)])
        .status(2)
        .stderr_has(&format!("{}:{}:", bad.display(), n_lines + 1));
    assert!(!out.exists(), "no partial output is left behind");
    let to_stdout = ws
        .run(&["resolve", arg(&first), arg(&bad), "-o", "-"])
        .status(2)
        .stderr_has("broken.nq:");
    assert_eq!(
        to_stdout.stdout(),
        "",
        "pass 1 checks every shard before writing"
    );
    assert!(!ws.path("out.nq.partial").exists());

    ws.run(&["resolve", arg(&first), arg(&ws.path("missing.nq"))])
        .status(2)
        .stderr_has("missing.nq");
    ws.run(&["resolve", arg(&first), "-o", arg(&first)])
        .status(2)
        .stderr_has("is also the input");
}
