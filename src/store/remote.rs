//! A remote SPARQL 1.1 store, reached over HTTP.
//!
//! Owns the wire side of `--endpoint`: queries go out with the SPARQL 1.1
//! Query protocol (POST, `application/sparql-query`), writes with the Update
//! protocol (POST, `application/sparql-update`, one `INSERT DATA` per
//! document so a document is written atomically by stores that run each
//! request in one transaction). Queries are parsed here first (with the
//! default prefixes) so syntax errors read the same as with the embedded
//! store, then sent with full IRIs. Answers are read with Oxigraph's own
//! parsers (SPARQL JSON results, N-Triples). The default graph is whatever
//! the server makes it: start Oxigraph with `--union-default-graph` (or add
//! `?union-default-graph` to the URL) for queries without `GRAPH`.

use std::fmt::Write as _;
use std::io::Read;
use std::time::Duration;

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{GraphName, NamedNode, Quad, Term, Triple};
use oxigraph::sparql::results::{
    QueryResultsFormat, QueryResultsParser, ReaderQueryResultsParserOutput,
};
use spargebra::SparqlParser;

use crate::error::{Error, Result};
use crate::store::{DEFAULT_PREFIXES, QueryOutcome, syntax_error};

/// Quads per `INSERT DATA` request when bulk-loading.
const LOAD_CHUNK: usize = 20_000;

/// A SPARQL 1.1 service: its query URL and its update URL.
#[derive(Debug, Clone)]
pub struct Endpoint {
    query_url: String,
    update_url: String,
    agent: ureq::Agent,
    /// The HTTP proxy requests go through (from `HTTP_PROXY` and the like), if any.
    proxy: Option<String>,
}

impl Endpoint {
    /// An endpoint at `query_url`; updates go to `update_url`.
    ///
    /// Requests go through the proxy named by `HTTP_PROXY`, `HTTPS_PROXY` or
    /// `ALL_PROXY` (and not for hosts in `NO_PROXY`), except to a loopback
    /// endpoint: a proxy's loopback is not this machine's, so such requests
    /// always go direct.
    pub fn new(query_url: &str, update_url: &str) -> Self {
        let direct = is_loopback_url(query_url) && is_loopback_url(update_url);
        let proxy = if direct {
            None
        } else {
            ureq::Proxy::try_from_env()
        };
        let described = proxy.as_ref().map(|p| format!("{}:{}", p.host(), p.port()));
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(3600)))
            .proxy(proxy)
            .build()
            .into();
        Endpoint {
            query_url: query_url.to_string(),
            update_url: update_url.to_string(),
            agent,
            proxy: described,
        }
    }

    /// Runs a SPARQL query (default prefixes declared) and materialises the answer.
    pub fn query(&self, sparql: &str) -> Result<QueryOutcome> {
        let mut parser = SparqlParser::new();
        for (prefix, iri) in DEFAULT_PREFIXES {
            parser = parser
                .with_prefix(*prefix, *iri)
                .map_err(|e| Error::Query(e.to_string()))?;
        }
        let query = parser
            .parse_query(sparql)
            .map_err(|e| syntax_error(&e.to_string()))?;
        let graph = matches!(
            query,
            spargebra::Query::Construct { .. } | spargebra::Query::Describe { .. }
        );
        let accept = if graph {
            "application/n-triples"
        } else {
            "application/sparql-results+json"
        };
        let response = self
            .agent
            .post(&self.query_url)
            .header("Content-Type", "application/sparql-query; charset=utf-8")
            .header("Accept", accept)
            .send(query.to_string())
            .map_err(|e| self.http_error(&self.query_url, e))?;
        let reader = self.check(&self.query_url, response)?;
        if graph {
            let triples = RdfParser::from_format(RdfFormat::NTriples)
                .for_reader(reader)
                .map(|q| q.map(Triple::from))
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| self.bad_answer(e))?;
            return Ok(QueryOutcome::Graph(triples));
        }
        let parsed = QueryResultsParser::from_format(QueryResultsFormat::Json)
            .for_reader(reader)
            .map_err(|e| self.bad_answer(e))?;
        Ok(match parsed {
            ReaderQueryResultsParserOutput::Boolean(b) => QueryOutcome::Boolean(b),
            ReaderQueryResultsParserOutput::Solutions(solutions) => {
                let variables = solutions.variables().to_vec();
                let mut rows = Vec::new();
                for solution in solutions {
                    let solution = solution.map_err(|e| self.bad_answer(e))?;
                    rows.push(variables.iter().map(|v| solution.get(v).cloned()).collect());
                }
                QueryOutcome::Solutions {
                    variables: variables.iter().map(|v| v.as_str().to_string()).collect(),
                    rows,
                }
            }
        })
    }

    /// Runs a SPARQL update.
    pub fn update(&self, sparql: &str) -> Result<()> {
        let response = self
            .agent
            .post(&self.update_url)
            .header("Content-Type", "application/sparql-update; charset=utf-8")
            .send(sparql)
            .map_err(|e| self.http_error(&self.update_url, e))?;
        let mut reader = self.check(&self.update_url, response)?;
        std::io::copy(&mut reader, &mut std::io::sink()).ok();
        Ok(())
    }

    /// A count from a one-cell SELECT.
    pub fn count(&self, sparql: &str) -> Result<usize> {
        match self.query(sparql)? {
            QueryOutcome::Solutions { rows, .. } => Ok(rows
                .first()
                .and_then(|row| row.first().cloned().flatten())
                .and_then(|term| match term {
                    Term::Literal(literal) => literal.value().parse().ok(),
                    _ => None,
                })
                .unwrap_or(0)),
            _ => Err(Error::Query("expected a SELECT count".into())),
        }
    }

    /// True when the named graph `graph` has any quad.
    pub fn has_graph(&self, graph: &NamedNode) -> Result<bool> {
        match self.query(&format!("ASK {{ GRAPH {graph} {{ ?s ?p ?o }} }}"))? {
            QueryOutcome::Boolean(b) => Ok(b),
            _ => Err(Error::Query("expected an ASK answer".into())),
        }
    }

    /// Writes `quads` in one `INSERT DATA` request.
    pub fn insert(&self, quads: &[Quad]) -> Result<()> {
        if quads.is_empty() {
            return Ok(());
        }
        self.update(&insert_data(quads))
    }

    /// Replaces the content of `graph` by `quads`, in one request.
    pub fn replace_graph(&self, graph: &NamedNode, quads: &[Quad]) -> Result<()> {
        let mut update = format!("DROP SILENT GRAPH {graph} ;\n");
        update.push_str(&insert_data(quads));
        self.update(&update)
    }

    /// Loads N-Quads in chunks of `INSERT DATA` requests; returns the quads read.
    pub fn load_nquads(&self, reader: impl Read) -> Result<usize> {
        let mut chunk = Vec::with_capacity(LOAD_CHUNK);
        let mut n = 0;
        for quad in RdfParser::from_format(RdfFormat::NQuads).for_reader(reader) {
            chunk.push(quad.map_err(|e| Error::Rdf(format!("loading N-Quads: {e}")))?);
            if chunk.len() == LOAD_CHUNK {
                self.insert(&chunk)?;
                n += chunk.len();
                chunk.clear();
            }
        }
        self.insert(&chunk)?;
        Ok(n + chunk.len())
    }

    /// Every quad in a named graph (all of them when `graph` is `None`).
    pub fn quads(&self, graph: Option<&NamedNode>) -> Result<Vec<Quad>> {
        let sparql = match graph {
            Some(graph) => format!(
                "SELECT ?s ?p ?o ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER (?g = {graph}) }}"
            ),
            None => "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }".to_string(),
        };
        let QueryOutcome::Solutions { rows, .. } = self.query(&sparql)? else {
            return Err(Error::Query("expected solutions".into()));
        };
        let mut quads = Vec::with_capacity(rows.len());
        for row in rows {
            let [
                Some(s),
                Some(Term::NamedNode(p)),
                Some(o),
                Some(Term::NamedNode(g)),
            ] = <[Option<Term>; 4]>::try_from(row).map_err(|_| self.bad_answer("row width"))?
            else {
                return Err(self.bad_answer("unexpected term kinds in a quad"));
            };
            let subject = match s {
                Term::NamedNode(n) => oxigraph::model::NamedOrBlankNode::from(n),
                Term::BlankNode(b) => b.into(),
                _ => return Err(self.bad_answer("a literal as subject")),
            };
            quads.push(Quad::new(subject, p, o, GraphName::NamedNode(g)));
        }
        Ok(quads)
    }

    fn check(
        &self,
        url: &str,
        response: ureq::http::Response<ureq::Body>,
    ) -> Result<ureq::BodyReader<'static>> {
        let status = response.status();
        let mut body = response.into_body();
        if status.is_success() {
            return Ok(body.into_reader());
        }
        let text = body.read_to_string().unwrap_or_default();
        let text = text.trim();
        let message = format!("the endpoint {url} answered {status}: {text}");
        Err(if status.as_u16() == 400 {
            Error::Query(message)
        } else {
            Error::Store(message)
        })
    }

    fn http_error(&self, url: &str, e: ureq::Error) -> Error {
        let through = match &self.proxy {
            Some(proxy) => format!(" through the proxy {proxy} (set NO_PROXY to go direct)"),
            None => String::new(),
        };
        Error::Store(format!(
            "cannot reach the SPARQL endpoint {url}{through}: {e}"
        ))
    }

    fn bad_answer(&self, e: impl std::fmt::Display) -> Error {
        Error::Store(format!(
            "unexpected answer from the SPARQL endpoint {}: {e}",
            self.query_url
        ))
    }
}

/// Whether the URL's host is this machine: `localhost` or a loopback address.
fn is_loopback_url(url: &str) -> bool {
    let Ok(uri) = url.parse::<ureq::http::Uri>() else {
        return false;
    };
    let Some(host) = uri.host() else {
        return false;
    };
    let host = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost")
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// `INSERT DATA { GRAPH <g> { s p o . … } … }` with terms in N-Triples syntax.
fn insert_data(quads: &[Quad]) -> String {
    let mut out = String::with_capacity(quads.len() * 160 + 32);
    out.push_str("INSERT DATA {\n");
    let mut open: Option<&GraphName> = None;
    for quad in quads {
        if open != Some(&quad.graph_name) {
            if open.is_some_and(|g| !g.is_default_graph()) {
                out.push_str("}\n");
            }
            if let GraphName::NamedNode(graph) = &quad.graph_name {
                let _ = writeln!(out, "GRAPH {graph} {{");
            }
            open = Some(&quad.graph_name);
        }
        let _ = writeln!(out, "{} {} {} .", quad.subject, quad.predicate, quad.object);
    }
    if open.is_some_and(|g| !g.is_default_graph()) {
        out.push_str("}\n");
    }
    out.push('}');
    out
}

/// The update URL for a query URL: `…/query` → `…/update` (Oxigraph),
/// `…/sparql` → `…/update` (Fuseki), otherwise the same URL; any query
/// string (such as `?union-default-graph`) is dropped.
pub fn update_url_for(query_url: &str) -> String {
    let base = query_url.split('?').next().unwrap_or(query_url);
    for suffix in ["/query", "/sparql"] {
        if let Some(stem) = base.strip_suffix(suffix) {
            return format!("{stem}/update");
        }
    }
    base.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::Literal;

    #[test]
    fn loopback_urls_are_this_machine() {
        for url in [
            "http://127.0.0.1:7878/query",
            "http://localhost/sparql",
            "http://LOCALHOST:80/",
            "http://[::1]:7878/query",
            "http://127.1.2.3/q",
        ] {
            assert!(is_loopback_url(url), "{url}");
        }
        for url in [
            "http://10.0.0.1/query",
            "https://query.wikidata.org/sparql",
            "http://localhost.example/q",
            "not a url",
        ] {
            assert!(!is_loopback_url(url), "{url}");
        }
    }

    #[test]
    fn derives_update_urls() {
        assert_eq!(
            update_url_for("http://127.0.0.1:7878/query?union-default-graph"),
            "http://127.0.0.1:7878/update"
        );
        assert_eq!(
            update_url_for("http://host/ds/sparql"),
            "http://host/ds/update"
        );
        assert_eq!(
            update_url_for("http://host/sparql-endpoint"),
            "http://host/sparql-endpoint"
        );
    }

    #[test]
    fn insert_data_groups_by_graph() {
        let g = NamedNode::new_unchecked("http://g");
        let s = NamedNode::new_unchecked("http://s");
        let quads = vec![
            Quad::new(s.clone(), s.clone(), Literal::from("a \"b\""), g.clone()),
            Quad::new(s.clone(), s.clone(), Literal::from(1), g),
        ];
        assert_eq!(
            insert_data(&quads),
            "INSERT DATA {\nGRAPH <http://g> {\n<http://s> <http://s> \"a \\\"b\\\"\" .\n<http://s> <http://s> \"1\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n}\n}"
        );
    }
}
