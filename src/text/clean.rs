//! Boilerplate removal that preserves byte offsets.
//!
//! Instead of building a shorter text, cleaning blanks out what is not
//! article text (HTML tags, dropped elements, front matter, boilerplate
//! lines) in a copy of the same byte length, so that every offset into the
//! cleaned copy is also an offset into the original file.

use regex::{RegexBuilder, RegexSet, RegexSetBuilder};

use crate::data_file::Table;
use crate::error::{Error, Result};
use crate::text::Span;

/// Which lines and HTML elements are boilerplate; loaded from `ontology/text/boilerplate.tsv`.
#[derive(Debug, Clone)]
pub struct BoilerplateRules {
    /// All `line` patterns in one set: one pass over a line instead of one
    /// per rule (three times faster on news text).
    line: RegexSet,
    tail: RegexSet,
    elements: Vec<String>,
}

impl BoilerplateRules {
    /// Parses the rules table.
    pub fn parse(file: &str, text: &str) -> Result<Self> {
        let table = Table::parse(file, text, &["kind", "pattern"])?;
        let mut line = Vec::new();
        let mut tail = Vec::new();
        let mut elements = Vec::new();
        for row in table.rows() {
            let pattern = table.get(row, "pattern");
            // Compiled alone first, so that an error names its row.
            let checked = || {
                RegexBuilder::new(pattern)
                    .case_insensitive(true)
                    .build()
                    .map(|_| pattern.to_string())
                    .map_err(|e| table.error(row, format!("bad pattern: {e}")))
            };
            match table.get(row, "kind") {
                "line" => line.push(checked()?),
                "tail" => tail.push(checked()?),
                "element" => elements.push(pattern.to_ascii_lowercase()),
                other => {
                    return Err(
                        table.error(row, format!("unknown kind `{other}` (line, tail, element)"))
                    );
                }
            }
        }
        let set = |patterns: Vec<String>| {
            RegexSetBuilder::new(patterns)
                .case_insensitive(true)
                .build()
                .map_err(|e| Error::DataFile {
                    file: file.to_string(),
                    line: 0,
                    message: format!("boilerplate patterns together: {e}"),
                })
        };
        Ok(BoilerplateRules {
            line: set(line)?,
            tail: set(tail)?,
            elements,
        })
    }

    fn drops_line(&self, line: &str) -> bool {
        self.line.is_match(line)
    }

    fn starts_tail(&self, line: &str) -> bool {
        self.tail.is_match(line)
    }
}

/// The article body of a document, as offsets into the original text.
#[derive(Debug, Clone)]
pub struct Body {
    /// The original text with everything that is not article text replaced
    /// by spaces (or newlines for HTML block boundaries); same byte length.
    pub visible: String,
    /// Kept lines, trimmed, in order; `None` marks a paragraph break.
    pub lines: Vec<Option<Span>>,
    /// The YAML front matter block (between `---` fences), when present.
    pub front_matter: Option<Span>,
    /// The content of an HTML `<title>` element, when present.
    pub html_title: Option<String>,
}

impl Body {
    /// The visible text of `span`.
    pub fn text(&self, span: Span) -> &str {
        &self.visible[span.start..span.end]
    }
}

/// Finds the article body of `raw`.
pub fn body_lines(raw: &str, rules: &BoilerplateRules) -> Body {
    let mut visible = raw.as_bytes().to_vec();
    let front_matter = blank_front_matter(raw, &mut visible);
    let html_title = if looks_like_html(raw) {
        blank_html(raw, &mut visible, rules)
    } else {
        None
    };
    let visible = String::from_utf8(visible).expect("blanking keeps UTF-8 valid");
    let mut lines = Vec::new();
    let mut offset = 0;
    for line in visible.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let trimmed = line.trim();
        if trimmed.is_empty() {
            if lines.last().is_some_and(Option::is_some) {
                lines.push(None);
            }
            continue;
        }
        if rules.starts_tail(trimmed) {
            break;
        }
        if rules.drops_line(trimmed) {
            continue;
        }
        let lead = line.len() - line.trim_start().len();
        lines.push(Some(Span::new(start + lead, start + lead + trimmed.len())));
    }
    while lines.last().is_some_and(Option::is_none) {
        lines.pop();
    }
    Body {
        visible,
        lines,
        front_matter,
        html_title,
    }
}

fn blank(visible: &mut [u8], span: Span) {
    for b in &mut visible[span.start..span.end] {
        if *b != b'\n' {
            *b = b' ';
        }
    }
}

fn blank_front_matter(raw: &str, visible: &mut [u8]) -> Option<Span> {
    let rest = raw.strip_prefix("---\n")?;
    let end = rest.find("\n---")?;
    let close = 4 + end + 4;
    let close = raw[close..].find('\n').map_or(raw.len(), |n| close + n);
    let span = Span::new(0, close);
    blank(visible, span);
    Some(Span::new(4, 4 + end))
}

fn looks_like_html(raw: &str) -> bool {
    // The first 2,000 bytes, compared without allocating or lower-casing.
    let head = &raw.as_bytes()[..raw.len().min(2000)];
    ["<html", "<!doctype html", "<body", "<p>"]
        .iter()
        .any(|needle| contains_ignore_ascii_case(head, needle.as_bytes()))
}

fn contains_ignore_ascii_case(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window[0] == b'<' && window.eq_ignore_ascii_case(needle))
}

/// Blanks tags, comments and dropped elements; decodes common entities in
/// place (they are never shorter than what they stand for); turns block
/// boundaries into line breaks. Returns the `<title>` text.
fn blank_html(raw: &str, visible: &mut [u8], rules: &BoilerplateRules) -> Option<String> {
    const BLOCKS: [&str; 16] = [
        "p", "br", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "tr", "section",
        "article", "header",
    ];
    let lower = raw.to_ascii_lowercase();
    let mut title = None;
    let mut pos = 0;
    while let Some(found) = lower[pos..].find('<') {
        let start = pos + found;
        if lower[start..].starts_with("<!--") {
            let end = lower[start..]
                .find("-->")
                .map_or(raw.len(), |n| start + n + 3);
            blank(visible, Span::new(start, end));
            pos = end;
            continue;
        }
        let Some(close) = lower[start..].find('>') else {
            break;
        };
        let end = start + close + 1;
        let tag = &lower[start + 1..end - 1];
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        blank(visible, Span::new(start, end));
        if BLOCKS.contains(&name.as_str()) || name == "title" {
            visible[start] = b'\n';
        }
        let is_open = !tag.starts_with('/');
        if is_open && (name == "title" || rules.elements.contains(&name) || name == "head") {
            let closing = format!("</{name}");
            let content_end = lower[end..].find(&closing).map_or(raw.len(), |n| end + n);
            if name == "title" {
                // Page titles often carry the site: "Headline | Section | Site".
                let text = decode_entities(raw[end..content_end].trim());
                title = text.split(" | ").next().map(|t| t.trim().to_string());
            }
            if name != "head" {
                blank(visible, Span::new(end, content_end));
                pos = content_end;
                continue;
            }
        }
        pos = end;
    }
    decode_entities_in_place(visible);
    title.filter(|t| !t.is_empty())
}

const ENTITIES: [(&str, &str); 12] = [
    ("&amp;", "&"),
    ("&lt;", "<"),
    ("&gt;", ">"),
    ("&quot;", "\""),
    ("&#39;", "'"),
    ("&apos;", "'"),
    ("&nbsp;", " "),
    ("&rsquo;", "’"),
    ("&lsquo;", "‘"),
    ("&ldquo;", "“"),
    ("&rdquo;", "”"),
    ("&mdash;", "—"),
];

fn decode_entities(text: &str) -> String {
    ENTITIES
        .iter()
        .fold(text.to_string(), |acc, (from, to)| acc.replace(from, to))
}

/// Decodes `&#NNNN;` and `&#xHHHH;` in place; a character's UTF-8 form is
/// always shorter than its numeric reference.
fn decode_numeric_entities_in_place(visible: &mut [u8]) {
    let mut i = 0;
    while i + 3 < visible.len() {
        if visible[i] == b'&' && visible[i + 1] == b'#' {
            let end = visible[i..]
                .iter()
                .take(12)
                .position(|&b| b == b';')
                .map(|p| i + p);
            if let Some(end) = end {
                let body = std::str::from_utf8(&visible[i + 2..end]).unwrap_or("");
                let code = match body.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok(),
                    None => body.parse::<u32>().ok(),
                };
                if let Some(c) = code.and_then(char::from_u32) {
                    let mut buf = [0u8; 4];
                    let encoded = c.encode_utf8(&mut buf).as_bytes();
                    visible[i..i + encoded.len()].copy_from_slice(encoded);
                    for b in &mut visible[i + encoded.len()..=end] {
                        *b = FILLER as u8;
                    }
                    i = end + 1;
                    continue;
                }
            }
        }
        i += 1;
    }
}

/// Pads what a decoded entity leaves of its reference (`&#8220;` → `“` plus
/// four of these), so offsets stay those of the file. Sentence text drops it
/// and the splitter reads it as a space.
pub const FILLER: char = '\u{1}';

fn decode_entities_in_place(visible: &mut [u8]) {
    if !visible.contains(&b'&') {
        return;
    }
    decode_numeric_entities_in_place(visible);
    for (from, to) in ENTITIES {
        let from = from.as_bytes();
        let mut i = 0;
        while i + from.len() <= visible.len() {
            if &visible[i..i + from.len()] == from {
                visible[i..i + to.len()].copy_from_slice(to.as_bytes());
                for b in &mut visible[i + to.len()..i + from.len()] {
                    *b = FILLER as u8;
                }
                i += from.len();
            } else {
                i += 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::TextRules;

    fn kept(raw: &str) -> Vec<String> {
        let rules = TextRules::builtin().unwrap();
        let body = body_lines(raw, &rules.boilerplate);
        body.lines
            .iter()
            .flatten()
            .map(|span| body.text(*span).to_string())
            .collect()
    }

    #[test]
    fn drops_navigation_counters_and_share() {
        let raw = "Headline here\n\n  1. HOME\n  2. WORLD\n  • 3 min read\n  • 25 Views\nBody text.\n\nShare\n";
        assert_eq!(kept(raw), ["Headline here", "Body text."]);
    }

    #[test]
    fn source_list_ends_the_body() {
        let raw = "Body text.\nSources\nReuters\nAl Jazeera\n";
        assert_eq!(kept(raw), ["Body text."]);
    }

    #[test]
    fn html_keeps_offsets_and_drops_nav() {
        let raw = "<html><head><title>T &amp; U | Site</title></head><body><nav>HOME</nav><p>Hello &amp; bye &#8220;now&#x201D;.</p></body></html>";
        let rules = TextRules::builtin().unwrap();
        let body = body_lines(raw, &rules.boilerplate);
        assert_eq!(body.visible.len(), raw.len());
        assert_eq!(body.html_title.as_deref(), Some("T & U"));
        let lines: Vec<&str> = body.lines.iter().flatten().map(|s| body.text(*s)).collect();
        assert_eq!(
            lines,
            ["Hello &\u{1}\u{1}\u{1}\u{1} bye “\u{1}\u{1}\u{1}\u{1}now”\u{1}\u{1}\u{1}\u{1}\u{1}."]
        );
        let span = body.lines.iter().flatten().next().unwrap();
        assert!(raw[span.start..].starts_with("Hello"));
    }

    #[test]
    fn front_matter_is_not_body() {
        let raw = "---\ntitle: \"A\"\n---\n\nBody.\n";
        assert_eq!(kept(raw), ["Body."]);
    }
}
