//! Plain-text reports of paths, neighbours, rankings and components, shared
//! by the `path`, `neighbors`, `central` and `components` subcommands and the
//! REPL's `.path`, `.neighbors` and `.central`.
//!
//! Arrows show which way a relation goes: `A —met— B` has no direction,
//! `A —proposed→ plan` is read forwards and `plan ←rejected— B` backwards.

use std::io::{self, Write};

use crate::analysis::centrality::{Component, Measure, Ranking};
use crate::analysis::paths::{Neighbor, PathOptions, PathReport};
use crate::analysis::{EdgeId, Evidence, NodeId, Projection};

/// Evidence sentences printed per edge before "… and N more".
pub const EVIDENCE_SHOWN: usize = 3;

/// Writes the paths from `from` to `to`, each hop with its relations, source
/// counts and evidence sentences.
pub fn write_paths(
    out: &mut dyn Write,
    projection: &Projection,
    from: NodeId,
    to: NodeId,
    report: &PathReport,
    options: &PathOptions,
) -> io::Result<()> {
    let (a, b) = (&projection.node(from).label, &projection.node(to).label);
    if report.paths.is_empty() {
        return writeln!(
            out,
            "no path from {a} to {b} within {} hops",
            options.max_hops
        );
    }
    let n = report.paths.len();
    let what = if options.all {
        format!("path{} up to {} hops", plural(n), options.max_hops)
    } else {
        let hops = report.paths[0].hops.len();
        format!("shortest path{} ({hops} hop{})", plural(n), plural(hops))
    };
    writeln!(
        out,
        "{n}{} {what} from {a} to {b}",
        if report.truncated { "+" } else { "" }
    )?;
    for (i, path) in report.paths.iter().enumerate() {
        writeln!(out)?;
        let mut line = projection.node(path.nodes[0]).label.clone();
        for (k, hop) in path.hops.iter().enumerate() {
            let here = path.nodes[k];
            let arrows: Vec<String> = hop.iter().map(|&e| arrow(projection, e, here)).collect();
            line.push_str(&format!(
                " {} {}",
                arrows.join(" "),
                projection.node(path.nodes[k + 1]).label
            ));
        }
        writeln!(out, "path {}: {line}", i + 1)?;
        for (k, hop) in path.hops.iter().enumerate() {
            for &e in hop {
                let edge = projection.edge(e);
                writeln!(
                    out,
                    "  {} {} {}  [{} source{}]",
                    projection.node(path.nodes[k]).label,
                    arrow(projection, e, path.nodes[k]),
                    projection.node(path.nodes[k + 1]).label,
                    edge.edge.sources,
                    plural(edge.edge.sources)
                )?;
                write_evidence(out, &edge.edge.evidence, "      ")?;
            }
        }
    }
    if report.truncated {
        writeln!(
            out,
            "\n(more paths exist; showing the first {n}{})",
            if options.all {
                "; lower --max-hops or name relations with --relations"
            } else {
                ""
            }
        )?;
    }
    Ok(())
}

/// Writes the neighbours of `center`, one per line: distance, name, kind, and the link that reaches it.
pub fn write_neighbors(
    out: &mut dyn Write,
    projection: &Projection,
    center: NodeId,
    hops: usize,
    neighbors: &[Neighbor],
) -> io::Result<()> {
    writeln!(
        out,
        "{} neighbour{} of {} within {hops} hop{}",
        neighbors.len(),
        plural(neighbors.len()),
        projection.describe(center),
        plural(hops)
    )?;
    if neighbors.is_empty() {
        return Ok(());
    }
    let mut rows = vec![vec![
        "hops".to_string(),
        "node".into(),
        "kind".into(),
        "sources".into(),
        "link".into(),
    ]];
    for n in neighbors {
        let links: Vec<String> = n
            .edges
            .iter()
            .map(|&e| {
                format!(
                    "{} {} {}",
                    projection.node(n.via).label,
                    arrow(projection, e, n.via),
                    projection.node(n.node).label
                )
            })
            .collect();
        rows.push(vec![
            n.distance.to_string(),
            projection.node(n.node).label.clone(),
            projection.node(n.node).kind.name().into(),
            n.strength.to_string(),
            links.join("; "),
        ]);
    }
    write_table(out, &rows)
}

/// Writes the first `top` entries of a ranking.
pub fn write_ranking(
    out: &mut dyn Write,
    projection: &Projection,
    ranking: &Ranking,
    top: usize,
) -> io::Result<()> {
    let with_degree = ranking.measure != Measure::Degree;
    let mut header = vec!["rank".to_string(), ranking.measure.name().into()];
    if with_degree {
        header.push("degree".into());
    }
    header.extend(["sources".into(), "node".into(), "kind".into()]);
    let mut rows = vec![header];
    for (i, s) in ranking.scores.iter().take(top).enumerate() {
        let score = match ranking.measure {
            Measure::Degree => format!("{}", s.score as usize),
            _ => format!("{:.4}", s.score),
        };
        let mut row = vec![(i + 1).to_string(), score];
        if with_degree {
            row.push(s.degree.to_string());
        }
        row.extend([
            s.sources.to_string(),
            projection.node(s.node).label.clone(),
            projection.node(s.node).kind.name().into(),
        ]);
        rows.push(row);
    }
    write_table(out, &rows)?;
    if ranking.scores.len() > top {
        writeln!(
            out,
            "({} of {} nodes shown; use --top)",
            top,
            ranking.scores.len()
        )?;
    }
    if let Some(note) = &ranking.note {
        writeln!(out, "note: {note}")?;
    }
    Ok(())
}

/// Writes the connected components, largest first; single nodes are summarised on one line.
pub fn write_components(
    out: &mut dyn Write,
    projection: &Projection,
    components: &[Component],
) -> io::Result<()> {
    let connected: Vec<&Component> = components.iter().filter(|c| c.nodes.len() > 1).collect();
    let isolated: Vec<&Component> = components.iter().filter(|c| c.nodes.len() == 1).collect();
    writeln!(
        out,
        "{} component{} ({} node{}, {} edge{}); {} connected, {} isolated node{}",
        components.len(),
        plural(components.len()),
        projection.node_count(),
        plural(projection.node_count()),
        projection.edge_count(),
        plural(projection.edge_count()),
        connected.len(),
        isolated.len(),
        plural(isolated.len())
    )?;
    for (i, c) in connected.iter().enumerate() {
        let names: Vec<&str> = c
            .nodes
            .iter()
            .take(12)
            .map(|&n| projection.node(n).label.as_str())
            .collect();
        let more = c.nodes.len().saturating_sub(names.len());
        writeln!(
            out,
            "{}. {} nodes, {} edge{}: {}{}",
            i + 1,
            c.nodes.len(),
            c.edges,
            plural(c.edges),
            names.join(", "),
            more_suffix(more)
        )?;
    }
    if !isolated.is_empty() {
        let names: Vec<&str> = isolated
            .iter()
            .take(12)
            .map(|c| projection.node(c.nodes[0]).label.as_str())
            .collect();
        let more = isolated.len() - names.len();
        writeln!(out, "isolated: {}{}", names.join(", "), more_suffix(more))?;
    }
    Ok(())
}

/// `—met—`, `—proposed→` or `←rejected—`, seen from `here`.
pub fn arrow(projection: &Projection, edge: EdgeId, here: NodeId) -> String {
    let e = projection.edge(edge);
    let relation = &e.edge.relation;
    if e.edge.is_symmetric() || e.from == e.to {
        format!("—{relation}—")
    } else if e.from == here {
        format!("—{relation}→")
    } else {
        format!("←{relation}—")
    }
}

fn write_evidence(out: &mut dyn Write, evidence: &[Evidence], indent: &str) -> io::Result<()> {
    for e in evidence.iter().take(EVIDENCE_SHOWN) {
        match (&e.text, e.sentence) {
            (Some(text), Some(idx)) => writeln!(out, "{indent}{} #{idx}: \"{text}\"", e.document)?,
            (Some(text), None) => writeln!(out, "{indent}{}: \"{text}\"", e.document)?,
            (None, _) => writeln!(out, "{indent}{} (entity record)", e.document)?,
        }
    }
    if evidence.len() > EVIDENCE_SHOWN {
        writeln!(
            out,
            "{indent}… and {} more",
            evidence.len() - EVIDENCE_SHOWN
        )?;
    }
    Ok(())
}

fn write_table(out: &mut dyn Write, rows: &[Vec<String>]) -> io::Result<()> {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|cell| cell.chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    for row in rows {
        let mut line = String::new();
        for (c, cell) in row.iter().enumerate() {
            if c + 1 == row.len() {
                line.push_str(cell);
            } else {
                line.push_str(cell);
                line.push_str(&" ".repeat(widths[c] - cell.chars().count() + 2));
            }
        }
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// `, … (+N more)` after a cut list, nothing when nothing was cut.
fn more_suffix(more: usize) -> String {
    if more > 0 {
        format!(", … (+{more} more)")
    } else {
        String::new()
    }
}
