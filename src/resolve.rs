//! The reduce step of a distributed run: N-Quads shards → one stream with
//! entities merged across shards ([`resolve`]).
//!
//! `newsgraph extract` resolves entities only within one run, so a corpus
//! extracted in shards on several machines mints two IRIs for "Ivan
//! Petrenkov" (shard 1) and "Ivan Petrenkow" (shard 2). [`resolve`] reads the
//! shards twice. Pass 1 collects every entity description (a subject with an
//! `ng:key`, whatever named graph it sits in) and feeds the entities, in
//! shard order, to the same [`EntityIndex`] one `extract` over all files
//! would have used: lexicon entities keep their keys, and a name is merged
//! onto an earlier entity of the same kind whose name is a spelling variant.
//! Pass 2 copies the quads in order, rewriting merged entity IRIs as subject
//! or object (graph names are never rewritten), replacing a merged entity's
//! description by its survivor's (whose `skos:altLabel`s now list every
//! spelling) and writing duplicate description quads once. Memory grows with
//! the number of entities, not of quads. This module does not read articles
//! and does not touch the store.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::io::{BufReader, Write};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use oxigraph::io::{RdfFormat, RdfParseError, RdfParser, RdfSerializer};
use oxigraph::model::{GraphName, Literal, NamedNode, NamedOrBlankNode, Quad, Term};

use crate::error::{Error, Result};
use crate::mentions::{Entity, EntityIndex, EntityKind};
use crate::rdf::mint;
use crate::rdf::vocab::{self, ng};
use crate::resources::Resources;

/// One N-Quads shard: a file to read (twice), and the name errors and reports use.
#[derive(Debug, Clone)]
pub struct Shard {
    /// What to call it in messages (the path as given, or `<stdin>`).
    pub name: String,
    /// The file.
    pub path: PathBuf,
}

impl Shard {
    /// A shard read from `path` and named after it.
    pub fn file(path: impl Into<PathBuf>) -> Self {
        let path = path.into();
        Shard {
            name: path.display().to_string(),
            path,
        }
    }
}

/// One entity merged onto an entity of an earlier shard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Merge {
    /// Its name (`Ivan Petrenkow`).
    pub name: String,
    /// Its key before merging (`ivan-petrenkow`).
    pub from: String,
    /// The key it was merged onto (`ivan-petrenkov`).
    pub into: String,
    /// The shard it was first described in.
    pub shard: String,
}

/// What one [`resolve`] did.
#[derive(Debug, Default)]
pub struct Report {
    /// Shards read.
    pub shards: usize,
    /// Quads read (pass 2).
    pub quads_in: usize,
    /// Quads written.
    pub quads_out: usize,
    /// Distinct entities described in the shards (by IRI).
    pub entities: usize,
    /// The entities merged onto others, in shard order.
    pub merges: Vec<Merge>,
    /// Wall-clock time.
    pub elapsed: Duration,
}

impl Report {
    /// The one-line summary printed after a run:
    /// `resolved 2 shards: 120 quads in, 118 out; 14 entities, 1 merged (13 left) in 0.01s`.
    pub fn summary(&self) -> String {
        format!(
            "resolved {} shard{}: {} quads in, {} out; {} entities, {} merged ({} left) in {:.2}s",
            self.shards,
            if self.shards == 1 { "" } else { "s" },
            self.quads_in,
            self.quads_out,
            self.entities,
            self.merges.len(),
            self.entities - self.merges.len(),
            self.elapsed.as_secs_f64()
        )
    }
}

/// Merges the entities of `shards` and writes all their quads to `out` as
/// N-Quads (see the module docs). A shard that cannot be read or parsed is an
/// error naming it (and the line, for a syntax error). The shards must not
/// change while this runs: each is read twice.
///
/// ```no_run
/// use newsgraph::resolve::{Shard, resolve};
/// use newsgraph::resources::Resources;
///
/// let resources = Resources::builtin()?;
/// let shards = [Shard::file("part-1.nq"), Shard::file("part-2.nq")];
/// let mut out = std::io::BufWriter::new(std::fs::File::create("all.nq")?);
/// let report = resolve(&resources, &shards, &mut out)?;
/// eprintln!("{}", report.summary());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn resolve(resources: &Resources, shards: &[Shard], out: &mut dyn Write) -> Result<Report> {
    let started = Instant::now();
    let vocab = Vocab::new();
    for shard in shards {
        std::fs::metadata(&shard.path).map_err(|e| Error::io(&shard.name, e))?;
    }
    let mut descriptions = Descriptions::default();
    for (shard_idx, shard) in shards.iter().enumerate() {
        for_each_quad(shard, Check::Full, |quad| {
            descriptions.add(&vocab, shard_idx, &quad);
            Ok(())
        })?;
    }
    let resolution = Resolution::new(resources, descriptions, shards);
    let mut writer = Writer {
        vocab: &vocab,
        resolution: &resolution,
        serializer: RdfSerializer::from_format(RdfFormat::NQuads).for_writer(out),
        doc_graph: None,
        in_doc_graph: HashSet::new(),
        elsewhere: HashSet::new(),
        quads_in: 0,
        quads_out: 0,
    };
    for shard in shards {
        // Pass 1 validated these bytes; skipping IRI and language-tag checks saves a third of the parse.
        for_each_quad(shard, Check::SyntaxOnly, |quad| writer.write(quad))?;
    }
    let (quads_in, quads_out) = (writer.quads_in, writer.quads_out);
    writer
        .serializer
        .finish()
        .map_err(|e| Error::io("<output>", e))?;
    Ok(Report {
        shards: shards.len(),
        quads_in,
        quads_out,
        entities: resolution.n_entities,
        merges: resolution.merges,
        elapsed: started.elapsed(),
    })
}

/// Parses `shard` and calls `f` on each quad, turning parse errors into
/// errors that name the shard and the line.
fn for_each_quad(shard: &Shard, check: Check, mut f: impl FnMut(Quad) -> Result<()>) -> Result<()> {
    let file = std::fs::File::open(&shard.path).map_err(|e| Error::io(&shard.name, e))?;
    let parser = match check {
        Check::Full => RdfParser::from_format(RdfFormat::NQuads),
        Check::SyntaxOnly => RdfParser::from_format(RdfFormat::NQuads).lenient(),
    };
    let parser = parser.for_reader(BufReader::new(file));
    for quad in parser {
        let quad = quad.map_err(|e| match e {
            RdfParseError::Io(e) => Error::io(&shard.name, e),
            RdfParseError::Syntax(e) => {
                let start = e.location().map(|l| l.start);
                Error::Syntax {
                    path: PathBuf::from(&shard.name),
                    line: start.map(|p| p.line + 1),
                    column: start.map(|p| p.column + 1),
                    message: strip_position(&e.to_string()),
                }
            }
        })?;
        f(quad)?;
    }
    Ok(())
}

/// How strictly [`for_each_quad`] parses.
#[derive(Debug, Clone, Copy)]
enum Check {
    /// Everything N-Quads requires (IRIs, language tags, literals).
    Full,
    /// Only the syntax (for a second read of a file already checked).
    SyntaxOnly,
}

/// `Parser error at line 3 column 7: expected …` → `expected …` (the
/// position is reported separately).
fn strip_position(message: &str) -> String {
    match message.split_once(": ") {
        Some((head, rest)) if head.starts_with("Parser error") => rest.to_string(),
        _ => message.to_string(),
    }
}

/// The IRIs pass 1 and pass 2 compare against, built once.
struct Vocab {
    rdf_type: NamedNode,
    label: NamedNode,
    alt_label: NamedNode,
    key: NamedNode,
    same_as: NamedNode,
    affiliation: NamedNode,
    document: NamedNode,
    kinds: Vec<(NamedNode, EntityKind)>,
}

impl Vocab {
    fn new() -> Self {
        let iri = |s: &str| NamedNode::new_unchecked(s);
        Vocab {
            rdf_type: iri(vocab::RDF_TYPE),
            label: iri(vocab::RDFS_LABEL),
            alt_label: iri(vocab::SKOS_ALT_LABEL),
            key: iri(&ng("key")),
            same_as: iri(vocab::OWL_SAME_AS),
            affiliation: iri(&ng("affiliation")),
            document: iri(&ng("Document")),
            kinds: EntityKind::ALL
                .into_iter()
                .map(|k| (iri(&ng(k.name())), k))
                .collect(),
        }
    }

    /// True for the predicates of an entity description.
    fn describes(&self, predicate: &NamedNode) -> bool {
        [
            &self.rdf_type,
            &self.label,
            &self.alt_label,
            &self.key,
            &self.same_as,
            &self.affiliation,
        ]
        .contains(&predicate)
    }

    fn kind(&self, class: &Term) -> Option<EntityKind> {
        let Term::NamedNode(class) = class else {
            return None;
        };
        self.kinds.iter().find(|(c, _)| c == class).map(|(_, k)| *k)
    }
}

/// What pass 1 learnt about one subject that may be an entity.
#[derive(Debug, Default)]
struct Description {
    shard_idx: usize,
    key: Option<String>,
    kind: Option<EntityKind>,
    label: Option<String>,
    alt_labels: BTreeSet<String>,
    wikidata: Option<String>,
    affiliation: Option<String>,
}

/// Pass 1: descriptions by subject IRI, in order of first appearance.
#[derive(Debug, Default)]
struct Descriptions {
    order: Vec<String>,
    by_iri: HashMap<String, Description>,
}

impl Descriptions {
    fn add(&mut self, vocab: &Vocab, shard_idx: usize, quad: &Quad) {
        let NamedOrBlankNode::NamedNode(subject) = &quad.subject else {
            return;
        };
        let p = &quad.predicate;
        if !vocab.describes(p) {
            return;
        }
        // Only entity classes: every sentence and fact has an rdf:type too.
        let kind = if *p == vocab.rdf_type {
            match vocab.kind(&quad.object) {
                Some(kind) => Some(kind),
                None => return,
            }
        } else {
            None
        };
        let description = match self.by_iri.get_mut(subject.as_str()) {
            Some(d) => d,
            None => {
                self.order.push(subject.as_str().to_string());
                self.by_iri
                    .entry(subject.as_str().to_string())
                    .or_insert(Description {
                        shard_idx,
                        ..Description::default()
                    })
            }
        };
        let literal = match &quad.object {
            Term::Literal(l) => Some(l.value()),
            _ => None,
        };
        let iri = match &quad.object {
            Term::NamedNode(n) => Some(n.as_str()),
            _ => None,
        };
        let first = |slot: &mut Option<String>, value: Option<&str>| {
            if slot.is_none() {
                *slot = value.map(str::to_string);
            }
        };
        if kind.is_some() {
            description.kind = description.kind.or(kind);
        } else if *p == vocab.key {
            first(&mut description.key, literal);
        } else if *p == vocab.label {
            first(&mut description.label, literal);
        } else if *p == vocab.alt_label {
            if let Some(alt) = literal {
                description.alt_labels.insert(alt.to_string());
            }
        } else if *p == vocab.same_as {
            let qid = iri.and_then(|i| i.strip_prefix(vocab::WIKIDATA));
            first(&mut description.wikidata, qid);
        } else if *p == vocab.affiliation {
            first(&mut description.affiliation, iri);
        }
    }
}

/// The outcome of pass 1: which entity IRIs move where, and the merged descriptions.
struct Resolution {
    /// Every described entity's IRI.
    entities: HashSet<String>,
    /// Merged-away entity IRI → surviving entity IRI.
    remap: HashMap<String, NamedNode>,
    /// Surviving entity IRI → its merged entity.
    survivors: HashMap<String, Entity>,
    merges: Vec<Merge>,
    n_entities: usize,
}

impl Resolution {
    fn new(resources: &Resources, descriptions: Descriptions, shards: &[Shard]) -> Self {
        let Descriptions { order, mut by_iri } = descriptions;
        let mut entities = Vec::new();
        let mut iris = Vec::new();
        let mut shard_of = Vec::new();
        let mut described = HashSet::new();
        for iri in order {
            let Some(d) = by_iri.remove(&iri) else {
                continue;
            };
            let Some(key) = d.key else {
                // Not an entity: a topic's label, say.
                continue;
            };
            described.insert(iri.clone());
            // An entity without a kind or a label cannot be compared; it keeps its IRI.
            let (Some(kind), Some(name)) = (d.kind, d.label) else {
                continue;
            };
            let affiliation = d.affiliation.map(|a| affiliation_key(&a));
            entities.push(Entity {
                key,
                name,
                kind,
                wikidata: d.wikidata,
                affiliation,
                variants: d.alt_labels,
            });
            iris.push(iri);
            shard_of.push(d.shard_idx);
        }
        let mut index = EntityIndex::new(resources);
        let targets = index.resolve(entities.iter().cloned());
        let mut iri_of_key: HashMap<&str, &str> = HashMap::new();
        for (entity, iri) in entities.iter().zip(&iris) {
            iri_of_key
                .entry(entity.key.as_str())
                .or_insert(iri.as_str());
        }
        let mut remap = HashMap::new();
        let mut survivors = HashMap::new();
        let mut merges = Vec::new();
        for ((entity, iri), (target, shard_idx)) in
            entities.iter().zip(&iris).zip(targets.iter().zip(shard_of))
        {
            let survivor = match index.get(target) {
                Some(survivor) if *target != entity.key => survivor,
                _ => continue,
            };
            let target_iri = iri_of_key
                .get(target.as_str())
                .map(|i| i.to_string())
                .unwrap_or_else(|| mint::entity(target));
            merges.push(Merge {
                name: entity.name.clone(),
                from: entity.key.clone(),
                into: target.clone(),
                shard: shards[shard_idx].name.clone(),
            });
            remap.insert(iri.clone(), NamedNode::new_unchecked(&target_iri));
            survivors.insert(target_iri, survivor.clone());
        }
        Resolution {
            n_entities: described.len(),
            entities: described,
            remap,
            survivors,
            merges,
        }
    }

    fn rewrite(&self, node: &NamedNode) -> Option<&NamedNode> {
        self.remap.get(node.as_str())
    }
}

/// The key behind an entity IRI (`…/entity/ivan-petrenkov` → `ivan-petrenkov`).
fn affiliation_key(iri: &str) -> String {
    iri.strip_prefix(&mint::entity(""))
        .unwrap_or(iri)
        .to_string()
}

/// Pass 2: copies quads, rewriting merged entities.
struct Writer<'a, W: Write> {
    vocab: &'a Vocab,
    resolution: &'a Resolution,
    serializer: oxigraph::io::WriterQuadSerializer<W>,
    /// The named graph of the document read last: its descriptions are
    /// deduplicated in `in_doc_graph`, forgotten when the next document starts.
    doc_graph: Option<GraphName>,
    in_doc_graph: HashSet<Quad>,
    /// Description quads in any other graph (a shared entities graph), written once.
    elsewhere: HashSet<Quad>,
    quads_in: usize,
    quads_out: usize,
}

impl<W: Write> Writer<'_, W> {
    fn write(&mut self, quad: Quad) -> Result<()> {
        self.quads_in += 1;
        let vocab = self.vocab;
        let resolution = self.resolution;
        if quad.predicate == vocab.rdf_type
            && matches!(&quad.object, Term::NamedNode(class) if *class == vocab.document)
        {
            if self.doc_graph.as_ref() != Some(&quad.graph_name) {
                self.doc_graph = Some(quad.graph_name.clone());
                self.in_doc_graph.clear();
            }
            return self.emit(quad);
        }
        let description_of = match &quad.subject {
            NamedOrBlankNode::NamedNode(s)
                if vocab.describes(&quad.predicate) && resolution.entities.contains(s.as_str()) =>
            {
                Some(s)
            }
            _ => None,
        };
        let Some(subject) = description_of else {
            return self.emit(rewrite(resolution, quad));
        };
        match resolution.rewrite(subject) {
            Some(target) => {
                // A merged entity's description becomes its survivor's.
                let survivor = &resolution.survivors[target.as_str()];
                for q in description_quads(vocab, target, survivor, &quad.graph_name) {
                    self.emit_description(rewrite(resolution, q))?;
                }
                Ok(())
            }
            None => self.emit_description(rewrite(resolution, quad)),
        }
    }

    fn emit_description(&mut self, quad: Quad) -> Result<()> {
        let fresh = if self.doc_graph.as_ref() == Some(&quad.graph_name) {
            self.in_doc_graph.insert(quad.clone())
        } else {
            self.elsewhere.insert(quad.clone())
        };
        if fresh { self.emit(quad) } else { Ok(()) }
    }

    fn emit(&mut self, quad: Quad) -> Result<()> {
        self.quads_out += 1;
        self.serializer
            .serialize_quad(&quad)
            .map_err(|e| Error::io("<output>", e))
    }
}

/// `quad` with merged entity IRIs replaced as subject and object (never as graph name).
fn rewrite(resolution: &Resolution, mut quad: Quad) -> Quad {
    if let NamedOrBlankNode::NamedNode(s) = &quad.subject
        && let Some(to) = resolution.rewrite(s)
    {
        quad.subject = to.clone().into();
    }
    if let Term::NamedNode(o) = &quad.object
        && let Some(to) = resolution.rewrite(o)
    {
        quad.object = to.clone().into();
    }
    quad
}

/// The description of `entity` under `iri` in `graph`, as `rdf::document_quads` writes it.
fn description_quads(
    vocab: &Vocab,
    iri: &NamedNode,
    entity: &Entity,
    graph: &GraphName,
) -> Vec<Quad> {
    let quad = |p: &NamedNode, o: Term| Quad::new(iri.clone(), p.clone(), o, graph.clone());
    let mut out = vec![
        quad(
            &vocab.rdf_type,
            NamedNode::new_unchecked(ng(entity.kind.name())).into(),
        ),
        quad(&vocab.label, Literal::from(entity.name.as_str()).into()),
        quad(&vocab.key, Literal::from(entity.key.as_str()).into()),
    ];
    for variant in &entity.variants {
        out.push(quad(
            &vocab.alt_label,
            Literal::from(variant.as_str()).into(),
        ));
    }
    if let Some(qid) = &entity.wikidata {
        let wd = NamedNode::new_unchecked(format!("{}{qid}", vocab::WIKIDATA));
        out.push(quad(&vocab.same_as, wd.into()));
    }
    if let Some(affiliation) = &entity.affiliation {
        let a = NamedNode::new_unchecked(mint::entity(affiliation));
        out.push(quad(&vocab.affiliation, a.into()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const E: &str = "https://w3id.org/newsgraph/id/entity/";
    const NG: &str = "https://w3id.org/newsgraph/ontology#";
    const G1: &str = "<https://w3id.org/newsgraph/id/graph/d1>";
    const G2: &str = "<https://w3id.org/newsgraph/id/graph/d2>";

    /// The description of one person in `graph`.
    fn person(graph: &str, key: &str, name: &str) -> String {
        format!(
            "<{E}{key}> <{RDF_TYPE}> <{NG}Person> {graph} .\n\
             <{E}{key}> <{LABEL}> \"{name}\" {graph} .\n\
             <{E}{key}> <{NG}key> \"{key}\" {graph} .\n",
            RDF_TYPE = vocab::RDF_TYPE,
            LABEL = vocab::RDFS_LABEL,
        )
    }

    /// The N-Quads of one document graph: the document, one person, and a fact about them.
    fn doc(graph: &str, doc: &str, key: &str, name: &str) -> String {
        format!(
            "<{ID}doc/{doc}> <{RDF_TYPE}> <{NG}Document> {graph} .\n\
             {person}\
             <{ID}fact/{doc}> <{NG}subject> <{E}{key}> {graph} .\n\
             <{E}{key}> <{NG}claimsControlOf> <{E}zorianka> {graph} .\n",
            ID = vocab::ID,
            RDF_TYPE = vocab::RDF_TYPE,
            person = person(graph, key, name),
        )
    }

    /// Resolves `shards` (N-Quads texts); returns the output lines, sorted, and the report.
    fn check(shards: &[String]) -> (Vec<String>, Report) {
        let dir = tempfile::tempdir().unwrap();
        let shards: Vec<Shard> = shards
            .iter()
            .enumerate()
            .map(|(i, text)| {
                let path = dir.path().join(format!("s{i}.nq"));
                std::fs::write(&path, text).unwrap();
                Shard {
                    name: format!("s{i}.nq"),
                    path,
                }
            })
            .collect();
        let mut out = Vec::new();
        let report = resolve(&Resources::builtin().unwrap(), &shards, &mut out).unwrap();
        let mut lines: Vec<String> = String::from_utf8(out)
            .unwrap()
            .lines()
            .map(|l| l.replace(E, "e:").replace(NG, "ng:"))
            .collect();
        assert_eq!(lines.len(), report.quads_out);
        lines.sort();
        (lines, report)
    }

    fn has(lines: &[String], needle: &str) -> bool {
        lines.iter().any(|l| l.contains(needle))
    }

    #[test]
    fn a_spelling_variant_in_a_later_shard_merges_onto_the_first() {
        let (lines, report) = check(&[
            doc(G1, "d1", "ivan-petrenkov", "Ivan Petrenkov"),
            doc(G2, "d2", "ivan-petrenkow", "Ivan Petrenkow"),
        ]);
        assert_eq!(
            report.merges,
            [Merge {
                name: "Ivan Petrenkow".into(),
                from: "ivan-petrenkow".into(),
                into: "ivan-petrenkov".into(),
                shard: "s1.nq".into(),
            }]
        );
        assert_eq!(report.entities, 2);
        assert!(!has(&lines, "e:ivan-petrenkow"), "{lines:#?}");
        assert!(!has(&lines, "\"ivan-petrenkow\""), "{lines:#?}");
        assert!(has(
            &lines,
            &format!(
                "<e:ivan-petrenkov> <{}> \"Ivan Petrenkow\" {G2}",
                vocab::SKOS_ALT_LABEL
            )
        ));
        assert!(has(
            &lines,
            &format!(
                "<e:ivan-petrenkov> <{}> \"Ivan Petrenkov\" {G2}",
                vocab::RDFS_LABEL
            )
        ));
        assert!(has(
            &lines,
            &format!("<e:ivan-petrenkov> <ng:claimsControlOf> <e:zorianka> {G2}")
        ));
        assert_eq!(report.quads_in, 12);
        // Graph 2 gains the altLabel; nothing else is added or lost.
        assert_eq!(report.quads_out, 13);
    }

    #[test]
    fn namesakes_stay_apart() {
        let (lines, report) = check(&[
            doc(G1, "d1", "ivan-petrenkov", "Ivan Petrenkov"),
            doc(G2, "d2", "oleh-petrenkov", "Oleh Petrenkov"),
        ]);
        assert!(report.merges.is_empty());
        assert_eq!(report.quads_out, report.quads_in);
        assert!(has(&lines, "<e:oleh-petrenkov>"));
    }

    #[test]
    fn descriptions_in_a_shared_graph_are_written_once() {
        let shared = "<https://w3id.org/newsgraph/id/graph/entities>";
        let (lines, report) = check(&[
            doc(G1, "d1", "ivan-petrenkov", "Ivan Petrenkov")
                + &person(shared, "ivan-petrenkov", "Ivan Petrenkov"),
            person(shared, "ivan-petrenkow", "Ivan Petrenkow")
                + &person(shared, "ivan-petrenkov", "Ivan Petrenkov"),
        ]);
        assert_eq!(report.merges.len(), 1);
        let in_shared: Vec<&String> = lines.iter().filter(|l| l.contains(shared)).collect();
        // type, label, key, altLabel: once each, although both shards describe it.
        assert_eq!(in_shared.len(), 4, "{in_shared:#?}");
        assert_eq!(report.quads_in, 15);
        assert_eq!(report.quads_out, 10);
    }

    #[test]
    fn a_survivor_takes_the_affiliation_of_its_variant_and_links_follow_it() {
        let affiliation = format!("<{E}ivan-petrenkow> <{NG}affiliation> <{E}ukraine> {G2} .\n");
        let colleague = format!(
            "{}<{E}oleh-marchuk> <{NG}affiliation> <{E}ivan-petrenkow> {G2} .\n",
            person(G2, "oleh-marchuk", "Oleh Marchuk")
        );
        let (lines, report) = check(&[
            doc(G1, "d1", "ivan-petrenkov", "Ivan Petrenkov"),
            doc(G2, "d2", "ivan-petrenkow", "Ivan Petrenkow") + &affiliation + &colleague,
        ]);
        assert_eq!(report.merges.len(), 1);
        assert!(has(
            &lines,
            &format!("<e:ivan-petrenkov> <ng:affiliation> <e:ukraine> {G2}")
        ));
        assert!(has(
            &lines,
            &format!("<e:oleh-marchuk> <ng:affiliation> <e:ivan-petrenkov> {G2}")
        ));
        assert!(!has(&lines, "ivan-petrenkow"), "{lines:#?}");
    }

    #[test]
    fn a_malformed_shard_is_an_error_naming_the_file_and_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bad.nq");
        std::fs::write(
            &path,
            doc(G1, "d1", "x", "X") + "<a> <b> \"unterminated .\n",
        )
        .unwrap();
        let error = resolve(
            &Resources::builtin().unwrap(),
            &[Shard::file(&path)],
            &mut Vec::new(),
        )
        .unwrap_err();
        let message = error.to_string();
        assert!(
            message.starts_with(&format!("{}:7:", path.display())),
            "{message}"
        );
    }

    #[test]
    fn affiliation_keys_come_from_entity_iris() {
        assert_eq!(affiliation_key(&mint::entity("russia")), "russia");
        assert_eq!(
            strip_position("Parser error at line 1 column 2: oops"),
            "oops"
        );
    }
}
