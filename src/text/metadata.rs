//! Document metadata: title, author and publication date.
//!
//! Sources, in order of trust: YAML front matter (`title:`, `date:`,
//! `author:`), an HTML `<title>`, `Author:`/`By`/`Edited by:` lines, a
//! timestamp line (`2025-12-02 07:38:00`), and a first-line headline. Lines
//! read as metadata are taken out of the body so they are not sentences.

use std::fmt;
use std::sync::LazyLock;

use jiff::civil::{Date, DateTime};
use regex::Regex;

use crate::text::Span;
use crate::text::clean::Body;

/// When a document was published.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Published {
    /// Only the day is known.
    Date(Date),
    /// Day and time are known (local time of the source; no zone).
    DateTime(DateTime),
}

impl Published {
    /// The calendar day.
    pub fn date(&self) -> Date {
        match self {
            Published::Date(d) => *d,
            Published::DateTime(dt) => dt.date(),
        }
    }

    /// Parses `2025-12-02`, `2025-12-02T05:19:31`, `2025-12-02 07:38` and similar.
    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim().trim_matches(|c| c == '"' || c == '\'');
        if text.len() == 10 {
            return text.parse::<Date>().ok().map(Published::Date);
        }
        if let Some(date) = parse_written_date(text) {
            return Some(Published::Date(date));
        }
        let normalised = text.replacen(' ', "T", 1);
        let normalised = normalised.trim_end_matches('Z');
        let without_zone = normalised.split(['+']).next().unwrap_or(normalised);
        if let Ok(dt) = without_zone.parse::<DateTime>() {
            return Some(Published::DateTime(dt));
        }
        text.get(..10)
            .and_then(|d| d.parse::<Date>().ok())
            .map(Published::Date)
    }
}

impl fmt::Display for Published {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Published::Date(d) => write!(f, "{d}"),
            Published::DateTime(dt) => write!(f, "{}", dt.strftime("%Y-%m-%dT%H:%M:%S")),
        }
    }
}

/// What was found.
#[derive(Debug, Default)]
pub struct Metadata {
    pub title: Option<String>,
    pub author: Option<String>,
    pub published: Option<Published>,
    /// The headline line, taken out of the body lines.
    pub headline: Option<Span>,
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// `February 5, 2026` or `5 February 2026`.
fn parse_written_date(text: &str) -> Option<Date> {
    // `September 30, 2026` is 18 bytes; skip prose lines without splitting them.
    if text.len() > 40 {
        return None;
    }
    let words: Vec<&str> = text.split([' ', ',']).filter(|w| !w.is_empty()).collect();
    let [a, b, year] = words.as_slice() else {
        return None;
    };
    let month_of = |w: &str| {
        MONTHS
            .iter()
            .position(|m| *m == w.to_lowercase())
            .map(|i| i as i8 + 1)
    };
    let (month, day) = match (month_of(a), month_of(b)) {
        (Some(m), None) => (m, b.parse::<i8>().ok()?),
        (None, Some(m)) => (m, a.parse::<i8>().ok()?),
        _ => return None,
    };
    Date::new(year.parse().ok()?, month, day).ok()
}

static AUTHOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i:author|written by|edited by|reporting by|by)\s*:?\s+(\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,3})$").unwrap()
});
static TIMESTAMP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?$")
        .unwrap()
});

/// No `Author:` line is longer than this (a prefix and four name words).
const AUTHOR_MAX_LEN: usize = 160;
/// `2025-12-02T07:38:00+01:00` is 25 bytes.
const TIMESTAMP_MAX_LEN: usize = 32;

/// Reads metadata from `raw` and removes the lines it consumed from `body`.
pub fn read(raw: &str, body: &mut Body) -> Metadata {
    let mut meta = Metadata::default();
    if let Some(span) = body.front_matter {
        for line in raw[span.start..span.end].lines() {
            let Some((key, value)) = line.split_once(':') else {
                continue;
            };
            let value = value.trim().trim_matches(|c| c == '"' || c == '\'').trim();
            if value.is_empty() {
                continue;
            }
            match key.trim() {
                "title" => meta.title = Some(value.to_string()),
                "author" | "authors" => meta.author = Some(value.to_string()),
                "date" | "published" => meta.published = Published::parse(value),
                _ => {}
            }
        }
    }
    if meta.title.is_none() {
        meta.title = body.html_title.clone();
    }
    let mut consumed = Vec::new();
    for (idx, span) in body.lines.iter().enumerate() {
        let Some(span) = span else { continue };
        let text = body.text(*span);
        // Cheap length checks first: these lines are short, and running the
        // regexes (captures especially) over every paragraph is the slowest
        // part of reading metadata.
        let author = (text.len() <= AUTHOR_MAX_LEN)
            .then(|| AUTHOR.captures(text))
            .flatten();
        if let Some(caps) = author {
            if meta.author.is_none() {
                meta.author = Some(caps[1].to_string());
            }
            consumed.push(idx);
        } else if (text.len() <= TIMESTAMP_MAX_LEN && TIMESTAMP.is_match(text))
            || parse_written_date(text).is_some()
        {
            if meta.published.is_none() {
                meta.published = Published::parse(text);
            }
            consumed.push(idx);
        }
    }
    for idx in consumed.into_iter().rev() {
        body.lines[idx] = None;
    }
    take_headline(body, &mut meta);
    body.lines.dedup_by(|a, b| a.is_none() && b.is_none());
    meta
}

/// A first line without final punctuation is the headline; later lines
/// repeating it are dropped.
fn take_headline(body: &mut Body, meta: &mut Metadata) {
    let Some(first_idx) = body.lines.iter().position(Option::is_some) else {
        return;
    };
    let first = body.lines[first_idx].expect("position found a line");
    let text = body.text(first).to_string();
    let ends_sentence = text.ends_with(['.', '!', '?', '"', '”', ':']);
    let words = text.split_whitespace().count();
    if ends_sentence || words < 3 || text.len() > 250 {
        return;
    }
    meta.headline = Some(first);
    if meta.title.is_none() {
        meta.title = Some(text.clone());
    }
    body.lines[first_idx] = None;
    let same: Vec<usize> = body
        .lines
        .iter()
        .enumerate()
        .filter_map(|(i, s)| s.filter(|s| body.text(*s) == text).map(|_| i))
        .collect();
    for idx in same {
        body.lines[idx] = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_date_forms() {
        assert_eq!(
            Published::parse("2025-12-02T05:19:31").unwrap().to_string(),
            "2025-12-02T05:19:31"
        );
        assert_eq!(
            Published::parse("2025-12-02 07:38:00").unwrap().to_string(),
            "2025-12-02T07:38:00"
        );
        assert_eq!(
            Published::parse("2026-02-04").unwrap().to_string(),
            "2026-02-04"
        );
        assert!(Published::parse("yesterday").is_none());
        assert_eq!(
            Published::parse("February 5, 2026").unwrap().to_string(),
            "2026-02-05"
        );
        assert_eq!(
            Published::parse("5 February 2026").unwrap().to_string(),
            "2026-02-05"
        );
    }
}
