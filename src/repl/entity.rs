//! Entities as the REPL sees them: the list of names (for completion and
//! for finding the entity a user means), and `.entity`'s report: type,
//! aliases, roles, and every fact with its evidence sentence and source.

use oxigraph::model::Term;

use crate::error::{Error, Result};
use crate::query::compact_iri;
use crate::rdf::vocab;
use crate::store::{KnowledgeStore, QueryOutcome};

/// An entity's IRI and the names it goes by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityName {
    /// The full IRI.
    pub iri: String,
    /// The IRI as a prefixed name (`ngid:entity/steve-witkoff`).
    pub compact: String,
    /// The canonical name.
    pub label: String,
    /// Other spellings (skos:altLabel) and the key.
    pub aliases: Vec<String>,
}

/// Every entity in the store with its names, sorted by label.
pub fn load_names(store: &KnowledgeStore) -> Result<Vec<EntityName>> {
    let rows = select(
        store,
        "SELECT DISTINCT ?e ?label ?alt WHERE { ?e ng:key ?key ; rdfs:label ?label . \
         OPTIONAL { { ?e skos:altLabel ?alt } UNION { ?e ng:key ?alt } } } ORDER BY ?label ?e",
    )?;
    let mut out: Vec<EntityName> = Vec::new();
    for row in rows {
        let (Some(Term::NamedNode(iri)), Some(label)) = (&row[0], text(&row[1])) else {
            continue;
        };
        let entity = match out.iter_mut().find(|e| e.iri == iri.as_str()) {
            Some(e) => e,
            None => {
                out.push(EntityName {
                    iri: iri.as_str().to_string(),
                    compact: compact_iri(iri.as_str()),
                    label,
                    aliases: Vec::new(),
                });
                out.last_mut().expect("just pushed")
            }
        };
        if let Some(alt) = text(&row[2])
            && alt != entity.label
            && !entity.aliases.contains(&alt)
        {
            entity.aliases.push(alt);
        }
    }
    Ok(out)
}

/// The entity `name` refers to: a label, alias or key (any case), an IRI,
/// or a prefixed IRI; else the one entity a word of whose label starts with it.
/// Unknown names get the nearest labels as suggestions.
pub fn resolve<'a>(names: &'a [EntityName], name: &str) -> Result<&'a EntityName> {
    let wanted = name.trim().trim_start_matches('<').trim_end_matches('>');
    let lower = wanted.to_lowercase();
    let exact = names.iter().find(|e| {
        e.iri == wanted
            || e.compact == wanted
            || e.label.to_lowercase() == lower
            || e.aliases.iter().any(|a| a.to_lowercase() == lower)
    });
    if let Some(entity) = exact {
        return Ok(entity);
    }
    let partial: Vec<&EntityName> = names
        .iter()
        .filter(|e| {
            std::iter::once(&e.label).chain(&e.aliases).any(|n| {
                n.to_lowercase()
                    .split_whitespace()
                    .any(|w| w.starts_with(&lower))
            })
        })
        .collect();
    match partial.as_slice() {
        [one] => Ok(one),
        [] if names.is_empty() => Err(Error::Usage(format!(
            "no entity `{name}`: the store has no entities yet (ingest articles with .load PATH)"
        ))),
        [] => {
            let mut scored: Vec<(f64, &str)> = names
                .iter()
                .map(|e| {
                    let best = std::iter::once(&e.label)
                        .chain(&e.aliases)
                        .map(|n| strsim::jaro_winkler(&lower, &n.to_lowercase()))
                        .fold(0.0, f64::max);
                    (best, e.label.as_str())
                })
                .filter(|(s, _)| *s > 0.75)
                .collect();
            scored.sort_by(|a, b| b.0.total_cmp(&a.0));
            let hint = if scored.is_empty() {
                String::new()
            } else {
                let names: Vec<&str> = scored.iter().take(3).map(|(_, n)| *n).collect();
                format!("; did you mean {}?", names.join(", "))
            };
            Err(Error::Usage(format!("no entity `{name}`{hint}")))
        }
        many => {
            let labels: Vec<&str> = many.iter().take(8).map(|e| e.label.as_str()).collect();
            Err(Error::Usage(format!(
                "`{name}` matches {} entities: {}; say which",
                many.len(),
                labels.join(", ")
            )))
        }
    }
}

/// The SELECT behind `.facts`: relation, subject, object, document, evidence;
/// only facts involving `entity` when given.
pub fn facts_query(entity: Option<&EntityName>) -> String {
    let filter = match entity {
        Some(e) => format!("FILTER (?s = <{0}> || ?o = <{0}>)", e.iri),
        None => String::new(),
    };
    format!(
        "SELECT DISTINCT ?relation ?subject ?object ?doc ?evidence WHERE {{ GRAPH ?g {{ \
         ?fact ng:relation ?relation ; ng:subject ?s ; ng:object ?o ; ng:evidence ?sentence . \
         ?sentence ng:text ?evidence ; ng:inDocument ?d . ?d ng:fileName ?doc . \
         OPTIONAL {{ ?s rdfs:label ?sl }} OPTIONAL {{ ?o rdfs:label ?ol }} \
         BIND (COALESCE(?sl, ?s) AS ?subject) BIND (COALESCE(?ol, ?o) AS ?object) {filter} }} }} \
         ORDER BY ?doc ?relation ?subject ?object ?evidence"
    )
}

/// `.entity`'s report on one entity.
pub fn describe(store: &KnowledgeStore, entity: &EntityName) -> Result<String> {
    let e = format!("<{}>", entity.iri);
    let mut out = format!("{}  {}\n", entity.label, entity.compact);
    let types = values(
        store,
        &format!("SELECT DISTINCT ?t WHERE {{ {e} a ?t }} ORDER BY ?t"),
    )?;
    let types: Vec<String> = types
        .iter()
        .map(|t| {
            t.strip_prefix(vocab::NG)
                .map_or_else(|| compact_iri(t), str::to_string)
        })
        .collect();
    line(&mut out, "type", &types.join(", "));
    // The key is kept among the aliases for lookup; it is not a spelling.
    let aliases: Vec<&str> = entity
        .aliases
        .iter()
        .filter(|a| !entity.iri.ends_with(&format!("/{a}")))
        .map(String::as_str)
        .collect();
    line(&mut out, "aliases", &aliases.join(", "));
    let same = values(
        store,
        &format!("SELECT DISTINCT ?x WHERE {{ {e} owl:sameAs ?x }} ORDER BY ?x"),
    )?;
    line(
        &mut out,
        "same as",
        &same
            .iter()
            .map(|s| compact_iri(s))
            .collect::<Vec<_>>()
            .join(", "),
    );
    let affiliation = values(
        store,
        &format!(
            "SELECT DISTINCT ?l WHERE {{ {e} ng:affiliation ?a . OPTIONAL {{ ?a rdfs:label ?al }} BIND(COALESCE(?al, STR(?a)) AS ?l) }} ORDER BY ?l"
        ),
    )?;
    line(&mut out, "affiliation", &affiliation.join(", "));
    let roles = values(
        store,
        &format!("SELECT DISTINCT ?r WHERE {{ {e} ng:hasRole ?r }} ORDER BY ?r"),
    )?;
    line(&mut out, "roles", &roles.join("; "));
    let documents = values(
        store,
        &format!(
            "SELECT DISTINCT ?name WHERE {{ GRAPH ?g {{ {e} ng:key ?k . ?d a ng:Document ; ng:fileName ?name }} }} ORDER BY ?name"
        ),
    )?;
    line(&mut out, "mentioned in", &documents.join(", "));
    let facts = select(
        store,
        &format!(
            "SELECT DISTINCT ?relation ?subject ?object ?status ?place ?date ?evidence ?doc ?source WHERE {{ GRAPH ?g {{ \
             ?f ng:relation ?relation ; ng:subject ?s ; ng:object ?o ; ng:evidence ?sentence . \
             ?sentence ng:text ?evidence ; ng:inDocument ?d . ?d ng:fileName ?doc ; ng:sourcePath ?source . \
             OPTIONAL {{ ?f ng:status ?st }} OPTIONAL {{ ?f ng:place/rdfs:label ?place }} OPTIONAL {{ ?f ng:dateText ?date }} \
             OPTIONAL {{ ?s rdfs:label ?sl }} OPTIONAL {{ ?o rdfs:label ?ol }} \
             BIND (COALESCE(?sl, STR(?s)) AS ?subject) BIND (COALESCE(?ol, STR(?o)) AS ?object) \
             BIND (IF(BOUND(?st), LCASE(STRAFTER(STR(?st), \"#\")), \"\") AS ?status) \
             FILTER (?s = {e} || ?o = {e}) }} }} ORDER BY ?relation ?doc ?subject ?object"
        ),
    )?;
    out.push_str(&format!("  facts ({}):\n", facts.len()));
    if facts.is_empty() {
        out.push_str("    none\n");
    }
    for row in &facts {
        let cell = |i: usize| text(&row[i]).unwrap_or_default();
        let qualifiers: Vec<String> = [cell(3), cell(4), cell(5)]
            .into_iter()
            .filter(|q| !q.is_empty())
            .collect();
        let qualifiers = if qualifiers.is_empty() {
            String::new()
        } else {
            format!("  [{}]", qualifiers.join("; "))
        };
        out.push_str(&format!(
            "    {} {} → {}{qualifiers}\n      “{}”\n      — {} ({})\n",
            cell(1),
            cell(0),
            cell(2),
            cell(6),
            cell(7),
            cell(8)
        ));
    }
    Ok(out)
}

fn line(out: &mut String, name: &str, value: &str) {
    if !value.is_empty() {
        out.push_str(&format!("  {name:<13}{value}\n"));
    }
}

fn select(store: &KnowledgeStore, sparql: &str) -> Result<Vec<Vec<Option<Term>>>> {
    match store.query(sparql)? {
        QueryOutcome::Solutions { rows, .. } => Ok(rows),
        _ => Err(Error::Query("expected a SELECT query".into())),
    }
}

fn values(store: &KnowledgeStore, sparql: &str) -> Result<Vec<String>> {
    Ok(select(store, sparql)?
        .iter()
        .filter_map(|r| match r.first()? {
            Some(Term::NamedNode(n)) => Some(n.as_str().to_string()),
            other => text(other),
        })
        .collect())
}

fn text(cell: &Option<Term>) -> Option<String> {
    match cell.as_ref()? {
        Term::Literal(l) => Some(l.value().to_string()),
        Term::NamedNode(n) => Some(n.as_str().to_string()),
        other => Some(other.to_string()),
    }
}
