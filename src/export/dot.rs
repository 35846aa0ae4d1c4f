//! Our own Graphviz DOT writer for an analysis projection (petgraph's `Dot`
//! is meant for debugging and may change).
//!
//! The output is stable: nodes sorted by kind and name, edges by their
//! endpoints' names and relation. Node shape and colour show the kind
//! (person, country, organisation, region, town, group, topic, event); edge
//! colour and style show the relation (claims of control are bold purple
//! arrows, disputes dashed orange with a bar head); edge labels give the
//! relation and the number of sources; tooltips carry the first evidence
//! sentence. Every string is quoted and escaped, so names with quotes,
//! backslashes or any Unicode are safe. A legend lists the kinds and
//! relations present.

use std::collections::BTreeSet;
use std::io::{self, Write};

use crate::analysis::{Edge, NodeKind, Projection};

/// Options for [`write_dot`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DotOptions {
    /// A title drawn above the graph.
    pub title: Option<String>,
    /// Draw a legend of the kinds and relations present.
    pub legend: bool,
}

impl Default for DotOptions {
    fn default() -> Self {
        DotOptions {
            title: None,
            legend: true,
        }
    }
}

/// How a node kind is drawn: Graphviz shape and fill colour.
pub fn node_style(kind: NodeKind) -> (&'static str, &'static str) {
    match kind {
        NodeKind::Person => ("ellipse", "#aed6f1"),
        NodeKind::Country => ("box", "#f9e79f"),
        NodeKind::Organization => ("component", "#d2b4de"),
        NodeKind::Region => ("hexagon", "#a9dfbf"),
        NodeKind::Town => ("house", "#d5f5e3"),
        NodeKind::Group => ("octagon", "#f5cba7"),
        NodeKind::Topic => ("note", "#eaeded"),
        NodeKind::Event => ("diamond", "#fadbd8"),
        NodeKind::Other => ("box", "#ffffff"),
    }
}

/// How a relation is drawn: colour, line style and arrow head.
pub fn edge_style(relation: &str) -> (&'static str, &'static str, &'static str) {
    match relation {
        "met" => ("#1f618d", "solid", "none"),
        "proposed" => ("#1e8449", "solid", "normal"),
        "rejected" => ("#b03a2e", "dashed", "normal"),
        "claims_control" => ("#6c3483", "bold", "normal"),
        "disputes_control" => ("#ca6f1e", "dashed", "tee"),
        "affiliated_with" => ("#7f8c8d", "dotted", "empty"),
        "subject" | "object" | "place" => ("#566573", "solid", "normal"),
        _ => ("#000000", "solid", "normal"),
    }
}

/// Writes `projection` as a DOT digraph.
pub fn write_dot(
    out: &mut dyn Write,
    projection: &Projection,
    options: &DotOptions,
) -> io::Result<()> {
    writeln!(out, "digraph newsgraph {{")?;
    write!(
        out,
        "  graph [charset=\"UTF-8\", rankdir=LR, fontname=\"Helvetica\", overlap=false, nodesep=0.4, ranksep=0.8"
    )?;
    if let Some(title) = &options.title {
        write!(out, ", label={}, labelloc=t, fontsize=16", quote(title))?;
    }
    writeln!(out, "];")?;
    writeln!(
        out,
        "  node [fontname=\"Helvetica\", fontsize=11, style=filled, color=\"#4d5656\"];"
    )?;
    writeln!(out, "  edge [fontname=\"Helvetica\", fontsize=9];")?;

    let mut nodes: Vec<_> = projection.nodes().collect();
    nodes.sort_by(|a, b| (a.1.kind, &a.1.label, &a.1.iri).cmp(&(b.1.kind, &b.1.label, &b.1.iri)));
    for (_, node) in &nodes {
        let (shape, fill) = node_style(node.kind);
        let mut tooltip = format!("{} ({})", node.label, node.kind.name());
        if !node.aliases.is_empty() {
            tooltip.push_str(&format!("\nalso: {}", node.aliases.join(", ")));
        }
        if !node.roles.is_empty() {
            tooltip.push_str(&format!("\nroles: {}", node.roles.join("; ")));
        }
        tooltip.push_str(&format!("\n{}", node.iri));
        writeln!(
            out,
            "  {} [label={}, shape={shape}, fillcolor=\"{fill}\"{}, tooltip={}];",
            quote(&node.iri),
            quote(&wrap(&node.label, 22)),
            if node.kind == NodeKind::Other {
                ", style=\"filled,dashed\""
            } else {
                ""
            },
            quote(&tooltip)
        )?;
    }

    let mut edges: Vec<_> = projection.edges().collect();
    edges.sort_by_cached_key(|e| {
        (
            projection.node(e.from).label.clone(),
            e.edge.relation.clone(),
            projection.node(e.to).label.clone(),
            projection.node(e.from).iri.clone(),
            projection.node(e.to).iri.clone(),
        )
    });
    for e in &edges {
        let (color, style, head) = edge_style(&e.edge.relation);
        writeln!(
            out,
            "  {} -> {} [label={}, color=\"{color}\", fontcolor=\"{color}\", style={style}, arrowhead={head}, penwidth={:.1}, tooltip={}];",
            quote(&projection.node(e.from).iri),
            quote(&projection.node(e.to).iri),
            quote(&edge_label(e.edge)),
            1.0 + 0.5 * e.edge.sources.min(6) as f64,
            quote(&edge_tooltip(e.edge))
        )?;
    }

    if options.legend && projection.node_count() > 0 {
        let kinds: BTreeSet<NodeKind> = nodes.iter().map(|(_, n)| n.kind).collect();
        let relations: BTreeSet<&str> = edges.iter().map(|e| e.edge.relation.as_str()).collect();
        writeln!(out, "  subgraph cluster_legend {{")?;
        writeln!(
            out,
            "    label=\"Legend\"; fontsize=12; style=\"rounded,dashed\"; color=\"#909497\";"
        )?;
        let mut previous: Option<String> = None;
        for kind in kinds {
            let (shape, fill) = node_style(kind);
            let id = format!("legend:kind:{}", kind.name());
            writeln!(
                out,
                "    {} [label={}, shape={shape}, fillcolor=\"{fill}\", fontsize=10];",
                quote(&id),
                quote(kind.name())
            )?;
            if let Some(prev) = &previous {
                writeln!(out, "    {} -> {} [style=invis];", quote(prev), quote(&id))?;
            }
            previous = Some(id);
        }
        for relation in relations {
            let (color, style, head) = edge_style(relation);
            let a = format!("legend:rel:{relation}:from");
            let b = format!("legend:rel:{relation}:to");
            writeln!(
                out,
                "    {} [label=\"\", shape=point, width=0.08, color=\"{color}\"];",
                quote(&a)
            )?;
            writeln!(
                out,
                "    {} [label=\"\", shape=point, width=0.08, color=\"{color}\"];",
                quote(&b)
            )?;
            writeln!(
                out,
                "    {} -> {} [label={}, color=\"{color}\", fontcolor=\"{color}\", style={style}, arrowhead={head}];",
                quote(&a),
                quote(&b),
                quote(relation)
            )?;
        }
        writeln!(out, "  }}")?;
    }
    writeln!(out, "}}")
}

/// `met (2 sources)`; just the relation when the edge has no counted sources.
fn edge_label(edge: &Edge) -> String {
    match edge.sources {
        0 => edge.relation.clone(),
        1 => format!("{} (1 source)", edge.relation),
        n => format!("{} ({n} sources)", edge.relation),
    }
}

fn edge_tooltip(edge: &Edge) -> String {
    let mut tip = edge_label(edge);
    if let Some(first) = edge.evidence.first() {
        tip.push_str(&format!("\n{}", first.document));
        if let Some(text) = &first.text {
            let short: String = text.chars().take(300).collect();
            tip.push_str(&format!(": {short}"));
        }
    }
    tip
}

/// A DOT double-quoted string: `"` and `\` escaped, line breaks as `\n`,
/// other control characters dropped; any Unicode kept (the file is UTF-8).
pub fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Breaks long labels at spaces so nodes stay compact.
fn wrap(text: &str, width: usize) -> String {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    lines.push(line);
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_escape_quotes_backslashes_and_newlines() {
        assert_eq!(quote(r#"say "hi"\now"#), r#""say \"hi\"\\now""#);
        assert_eq!(quote("a\nb\tc"), r#""a\nbc""#);
        assert_eq!(
            quote("Zelenskyy’s office, Київ"),
            "\"Zelenskyy’s office, Київ\""
        );
    }

    #[test]
    fn wraps_long_labels_at_spaces() {
        assert_eq!(
            wrap("US-backed 28-point peace plan", 12),
            "US-backed\n28-point\npeace plan"
        );
        assert_eq!(wrap("Putin", 12), "Putin");
    }
}
