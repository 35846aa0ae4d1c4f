//! GraphML writer for an analysis projection, for Gephi, yEd, Cytoscape and
//! networkx users.
//!
//! Nodes carry `label`, `kind`, `iri`, `aliases` and `roles`; edges carry
//! `relation`, `sources` (an int), `documents` and `evidence` (the first
//! evidence sentence). Node ids are `n0`, `n1`, … in the projection's stable
//! order; all text is XML-escaped and characters XML 1.0 forbids are dropped.

use std::collections::BTreeSet;
use std::io::{self, Write};

use crate::analysis::Projection;

const KEYS: [(&str, &str, &str); 9] = [
    ("label", "node", "string"),
    ("kind", "node", "string"),
    ("iri", "node", "string"),
    ("aliases", "node", "string"),
    ("roles", "node", "string"),
    ("relation", "edge", "string"),
    ("sources", "edge", "int"),
    ("documents", "edge", "string"),
    ("evidence", "edge", "string"),
];

/// Writes `projection` as a directed GraphML graph (`met` edges are written once, subject to object).
pub fn write_graphml(out: &mut dyn Write, projection: &Projection) -> io::Result<()> {
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">"#
    )?;
    for (id, domain, kind) in KEYS {
        writeln!(
            out,
            r#"  <key id="{id}" for="{domain}" attr.name="{id}" attr.type="{kind}"/>"#
        )?;
    }
    writeln!(out, r#"  <graph id="newsgraph" edgedefault="directed">"#)?;
    for (id, node) in projection.nodes() {
        writeln!(out, r#"    <node id="n{}">"#, id.index())?;
        data(out, "label", &node.label)?;
        data(out, "kind", node.kind.name())?;
        data(out, "iri", &node.iri)?;
        if !node.aliases.is_empty() {
            data(out, "aliases", &node.aliases.join("; "))?;
        }
        if !node.roles.is_empty() {
            data(out, "roles", &node.roles.join("; "))?;
        }
        writeln!(out, "    </node>")?;
    }
    for e in projection.edges() {
        writeln!(
            out,
            r#"    <edge id="e{}" source="n{}" target="n{}">"#,
            e.id.index(),
            e.from.index(),
            e.to.index()
        )?;
        data(out, "relation", &e.edge.relation)?;
        data(out, "sources", &e.edge.sources.to_string())?;
        let documents: BTreeSet<&str> = e
            .edge
            .evidence
            .iter()
            .map(|ev| ev.document.as_str())
            .collect();
        if !documents.is_empty() {
            data(
                out,
                "documents",
                &documents.into_iter().collect::<Vec<_>>().join("; "),
            )?;
        }
        if let Some(text) = e.edge.evidence.iter().find_map(|ev| ev.text.as_deref()) {
            data(out, "evidence", text)?;
        }
        writeln!(out, "    </edge>")?;
    }
    writeln!(out, "  </graph>")?;
    writeln!(out, "</graphml>")
}

fn data(out: &mut dyn Write, key: &str, value: &str) -> io::Result<()> {
    writeln!(out, r#"      <data key="{key}">{}</data>"#, escape(value))
}

/// Escapes `& < > " '` and drops characters XML 1.0 does not allow.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_forbidden_characters() {
        assert_eq!(
            escape("A & B <\"x\"> 'y'\u{1}"),
            "A &amp; B &lt;&quot;x&quot;&gt; &apos;y&apos;"
        );
        assert_eq!(escape("Київ"), "Київ");
    }
}
