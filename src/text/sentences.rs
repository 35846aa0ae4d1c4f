//! Sentence splitting over the cleaned body, with offsets into the original.
//!
//! Lines are grouped into segments (a short line without final punctuation is
//! a heading of its own; long lines without it are hard-wrapped prose and are
//! joined), and each segment is cut after `.`, `!` or `?` (plus closing
//! quotes) when a sentence starter follows. Abbreviations from
//! `ontology/text/abbreviations.tsv` and initials do not end sentences; a
//! missing space (`war.The`) does.

use rustc_hash::FxHashMap;

use crate::data_file::Table;
use crate::error::Result;
use crate::text::clean::{Body, FILLER};
use crate::text::{Sentence, Span};

/// How an abbreviation behaves at a possible sentence end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AbbreviationKind {
    Title,
    Month,
    Other,
}

/// The abbreviation table.
#[derive(Debug, Clone, Default)]
pub struct Abbreviations {
    kinds: FxHashMap<String, AbbreviationKind>,
    starters: Vec<String>,
}

impl Abbreviations {
    /// Parses `ontology/text/abbreviations.tsv`.
    pub fn parse(file: &str, text: &str) -> Result<Self> {
        let table = Table::parse(file, text, &["token", "kind"])?;
        let mut abbreviations = Abbreviations::default();
        for row in table.rows() {
            let token = table.get(row, "token").to_string();
            let kind = match table.get(row, "kind") {
                "title" => AbbreviationKind::Title,
                "month" => AbbreviationKind::Month,
                "other" => AbbreviationKind::Other,
                "starter" => {
                    abbreviations.starters.push(token);
                    continue;
                }
                other => {
                    return Err(table.error(
                        row,
                        format!("unknown kind `{other}` (title, month, other, starter)"),
                    ));
                }
            };
            abbreviations.kinds.insert(token, kind);
        }
        Ok(abbreviations)
    }
}

/// Lines shorter than this without final punctuation are headings, not wrapped prose.
const WRAPPED_LINE_MIN: usize = 70;

/// Splits the body (and the headline, first) into sentences.
pub fn split_body(
    body: &Body,
    headline: Option<&Span>,
    abbreviations: &Abbreviations,
) -> Vec<Sentence> {
    let mut sentences = Vec::new();
    let push = |span: Span, is_headline: bool, sentences: &mut Vec<Sentence>| {
        let text = normalise(&body.visible[span.start..span.end]);
        if text.chars().any(char::is_alphanumeric) {
            sentences.push(Sentence {
                idx: sentences.len(),
                span,
                text,
                is_headline,
            });
        }
    };
    if let Some(span) = headline {
        push(*span, true, &mut sentences);
    }
    for segment in segments(body) {
        let text = &body.visible[segment.start..segment.end];
        for span in split_sentences(text, abbreviations) {
            push(
                Span::new(segment.start + span.start, segment.start + span.end),
                false,
                &mut sentences,
            );
        }
    }
    sentences
}

fn segments(body: &Body) -> Vec<Span> {
    let mut segments: Vec<Span> = Vec::new();
    let mut open: Option<Span> = None;
    for line in &body.lines {
        match line {
            None => segments.extend(open.take()),
            Some(span) => {
                open = match open {
                    Some(current) if continues(body.text(current), body.text(*span)) => {
                        Some(Span::new(current.start, span.end))
                    }
                    Some(current) => {
                        segments.push(current);
                        Some(*span)
                    }
                    None => Some(*span),
                };
            }
        }
    }
    segments.extend(open);
    segments
}

/// A line continues on the next one when it ends mid-sentence and is either
/// long (hard-wrapped prose) or followed by a lower-case word.
fn continues(text: &str, next: &str) -> bool {
    let last_line = text.rsplit('\n').next().unwrap_or(text).trim_end();
    let next_lower = next.chars().next().is_some_and(char::is_lowercase);
    !ends_with_terminal(last_line) && (last_line.len() >= WRAPPED_LINE_MIN || next_lower)
}

fn ends_with_terminal(text: &str) -> bool {
    text.trim_end_matches(['"', '”', '’', '\'', ')'])
        .ends_with(['.', '!', '?', ':', '…'])
}

/// Collapses runs of whitespace into one space and trims, in one pass.
fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let unpadded;
    let text = if text.contains(FILLER) {
        unpadded = text.replace(FILLER, "");
        unpadded.as_str()
    } else {
        text
    };
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

const CLOSERS: [char; 6] = ['"', '”', '’', '\'', ')', ']'];
const OPENERS: [char; 6] = ['"', '“', '‘', '\'', '(', '['];

/// Splits `text` into sentence spans (byte offsets into `text`, trimmed).
pub fn split_sentences(text: &str, abbreviations: &Abbreviations) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut start = 0;
    // Jump from one possible sentence end to the next (memchr-style search)
    // instead of walking every character.
    let mut from = 0;
    while let Some(found) = text[from..].find(['.', '!', '?', '…']) {
        let pos = from + found;
        let c = text[pos..].chars().next().expect("found a char");
        let after = pos + c.len_utf8();
        let end = text.len() - text[after..].trim_start_matches(CLOSERS).len();
        let next_pos = text.len()
            - text[end..]
                .trim_start_matches(|c: char| c.is_whitespace() || c == FILLER)
                .len();
        let had_space = next_pos > end;
        let Some(next) = text[next_pos..].chars().next() else {
            break;
        };
        let word_before = word_ending_at(text, after);
        let next_word = word_starting_at(text, next_pos);
        let boundary = if had_space {
            starts_sentence(next)
                && !(c == '.' && is_non_final(word_before, next, next_word, abbreviations))
        } else {
            // A missing space: `war.The` splits, `U.S.` and `St.Petersburg` do not.
            c == '.' && missing_space_boundary(word_before, next_word)
        };
        if boundary {
            push_trimmed(&mut spans, text, start, end);
            start = next_pos;
            from = next_pos;
        } else {
            from = after;
        }
    }
    push_trimmed(&mut spans, text, start, text.len());
    spans
}

fn push_trimmed(spans: &mut Vec<Span>, text: &str, start: usize, end: usize) {
    let piece = &text[start..end];
    let lead = piece.len() - piece.trim_start().len();
    let trimmed = piece.trim();
    if !trimmed.is_empty() {
        spans.push(Span::new(start + lead, start + lead + trimmed.len()));
    }
}

fn starts_sentence(c: char) -> bool {
    c.is_uppercase() || c.is_ascii_digit() || OPENERS.contains(&c) || c == '—' || c == '-'
}

/// The whitespace-delimited token ending at byte `end` (including its final `.`).
fn word_ending_at(text: &str, end: usize) -> &str {
    let start = text[..end].rfind(char::is_whitespace).map_or(0, |p| p + 1);
    text[start..end].trim_start_matches(OPENERS)
}

fn word_starting_at(text: &str, start: usize) -> &str {
    let rest = text[start..].trim_start_matches(OPENERS);
    let end = rest
        .find(|c: char| !c.is_alphanumeric())
        .unwrap_or(rest.len());
    &rest[..end]
}

fn is_non_final(word: &str, next: char, next_word: &str, abbreviations: &Abbreviations) -> bool {
    match abbreviations.kinds.get(word) {
        Some(AbbreviationKind::Title) => return true,
        Some(AbbreviationKind::Month) => return next.is_ascii_digit(),
        Some(AbbreviationKind::Other) => {
            return !abbreviations.starters.iter().any(|s| s == next_word);
        }
        None => {}
    }
    // An initial: `J. Smith`, but not the pronoun-like `I.` at sentence end.
    let letters: Vec<char> = word.trim_end_matches('.').chars().collect();
    letters.len() == 1 && letters[0].is_uppercase() && letters[0] != 'I'
}

fn missing_space_boundary(word_before: &str, next_word: &str) -> bool {
    let body = word_before.trim_end_matches('.');
    let tail_lower = body
        .chars()
        .rev()
        .take(2)
        .filter(|c| c.is_lowercase())
        .count()
        == 2;
    let mut next = next_word.chars();
    let next_ok =
        next.next().is_some_and(char::is_uppercase) && next.next().is_some_and(char::is_lowercase);
    tail_lower && next_ok && !body.contains('.')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::TextRules;

    fn check(text: &str, expected: &[&str]) {
        let rules = TextRules::builtin().unwrap();
        let got: Vec<&str> = split_sentences(text, &rules.abbreviations)
            .iter()
            .map(|s| &text[s.start..s.end])
            .collect();
        assert_eq!(got, expected);
    }

    #[test]
    fn abbreviations_do_not_end_sentences() {
        check(
            "The U.S. envoy met Mr. Smith on Dec. 1 in St. Petersburg. He left.",
            &[
                "The U.S. envoy met Mr. Smith on Dec. 1 in St. Petersburg.",
                "He left.",
            ],
        );
    }

    #[test]
    fn abbreviation_before_a_starter_ends_the_sentence() {
        check(
            "Talks were held in the U.S. The next round is in May.",
            &["Talks were held in the U.S.", "The next round is in May."],
        );
    }

    #[test]
    fn quotes_close_sentences() {
        check(
            "He said: \"We will win.\" Then he left.",
            &["He said: \"We will win.\"", "Then he left."],
        );
        check(
            "“It is over,” she said. “Go.”",
            &["“It is over,” she said.", "“Go.”"],
        );
    }

    #[test]
    fn missing_space_is_a_boundary() {
        check(
            "Talks ended.The Kremlin said nothing.",
            &["Talks ended.", "The Kremlin said nothing."],
        );
    }

    #[test]
    fn initials_and_lowercase_continuations_stay() {
        check(
            "J. D. Vance spoke. talks resumed... later.",
            &["J. D. Vance spoke. talks resumed... later."],
        );
    }

    #[test]
    fn headings_and_wrapped_lines() {
        let rules = TextRules::builtin().unwrap();
        let raw = "Putin to meet envoy in Moscow\n\nSir Keir said the talks, which lasted for hours in the capital of\nthe country, were useful. Nothing else.\nA short heading\nBody.\n";
        let mut body = crate::text::clean::body_lines(raw, &rules.boilerplate);
        let meta = crate::text::metadata::read(raw, &mut body);
        let sentences = split_body(&body, meta.headline.as_ref(), &rules.abbreviations);
        let texts: Vec<&str> = sentences.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Putin to meet envoy in Moscow",
                "Sir Keir said the talks, which lasted for hours in the capital of the country, were useful.",
                "Nothing else.",
                "A short heading",
                "Body.",
            ]
        );
        assert!(sentences[0].is_headline);
        let s = &sentences[1];
        assert!(
            raw[s.span.start..s.span.end].starts_with("Sir Keir")
                && raw[..s.span.end].ends_with("useful.")
        );
    }

    #[test]
    fn html_entities_leave_no_gaps_in_sentence_text() {
        let rules = TextRules::builtin().unwrap();
        let raw = "<html><body><p>He said &#8220;we&#8217;re moving&#8221;. Then &amp; now.</p></body></html>";
        let (document, _) = crate::text::parse("t.html", raw.as_bytes(), &rules).unwrap();
        let texts: Vec<&str> = document.sentences.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(texts, ["He said “we’re moving”.", "Then & now."]);
    }
}
