//! The shape of REPL input without parsing SPARQL: when a statement is
//! complete, how script text splits into statements, and which spans of a
//! line are keywords, variables, IRIs or literals (for highlighting).
//!
//! A small lexer knows just enough SPARQL (strings, IRIs, comments,
//! brackets) to tell these apart; the store's parser remains the judge of
//! what is valid. Nothing here touches the store or a terminal.

use std::ops::Range;

/// SPARQL keywords and common functions, upper-case, used for highlighting and completion.
pub const KEYWORDS: &[&str] = &[
    "ASC",
    "ASK",
    "AS",
    "AVG",
    "BASE",
    "BIND",
    "BOUND",
    "BY",
    "COALESCE",
    "CONCAT",
    "CONSTRUCT",
    "CONTAINS",
    "COUNT",
    "DATATYPE",
    "DESC",
    "DESCRIBE",
    "DISTINCT",
    "EXISTS",
    "FILTER",
    "FROM",
    "GRAPH",
    "GROUP",
    "GROUP_CONCAT",
    "HAVING",
    "IF",
    "IN",
    "ISIRI",
    "ISLITERAL",
    "LANG",
    "LCASE",
    "LIMIT",
    "MAX",
    "MIN",
    "MINUS",
    "NAMED",
    "NOT",
    "OFFSET",
    "OPTIONAL",
    "ORDER",
    "PREFIX",
    "REDUCED",
    "REGEX",
    "SAMPLE",
    "SELECT",
    "SEPARATOR",
    "STR",
    "STRSTARTS",
    "SUM",
    "UCASE",
    "UNION",
    "VALUES",
    "WHERE",
];

/// What a span of input is, for colouring.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// A SPARQL keyword or built-in function.
    Keyword,
    /// `?x` or `$x`.
    Variable,
    /// `<http://…>` or a prefixed name `ng:Person`.
    Iri,
    /// A string or number literal.
    Literal,
    /// `# …` to the end of the line.
    Comment,
    /// The name of a dot-command (`.entity`).
    Command,
    /// A bracket under the cursor, or the one matching it.
    MatchingBracket,
}

/// True when `input` is ready to run: a dot-command, blank input, or SPARQL
/// whose brackets and quotes balance and that ends with `;` or a blank line.
/// Extra closing brackets count as complete, so the parser can report them.
pub fn is_complete(input: &str) -> bool {
    let trimmed = input.trim();
    if trimmed.is_empty() || trimmed.starts_with('.') || is_blank(input) {
        return true;
    }
    let scan = scan(input);
    if scan.open_string || scan.depth > 0 {
        return false;
    }
    let ends_with_blank_line = input
        .rsplit_once('\n')
        .is_some_and(|(_, last)| last.trim().is_empty());
    scan.last_code_char == Some(';') || ends_with_blank_line
}

/// True when `input` holds nothing but whitespace and `#` comments.
pub fn is_blank(input: &str) -> bool {
    tokens(input)
        .iter()
        .all(|t| matches!(t.kind, Lexeme::Comment))
        && scan(input).last_code_char.is_none()
}

/// Cuts script text into statements, line by line, with the same rules as
/// the interactive prompt: a dot-command is one line; SPARQL runs until it
/// [`is_complete`]. Lines that are blank or only comments between
/// statements are skipped.
#[derive(Debug, Default)]
pub struct StatementReader {
    pending: String,
    first_line: usize,
    n_lines: usize,
}

/// One statement read by [`StatementReader`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statement {
    /// The statement text.
    pub text: String,
    /// 1-based line of the input where it starts.
    pub line: usize,
}

impl StatementReader {
    /// A reader at the start of the input.
    pub fn new() -> Self {
        Self::default()
    }

    /// Feeds one line (without its newline); returns a statement when one is complete.
    pub fn push_line(&mut self, line: &str) -> Option<Statement> {
        self.n_lines += 1;
        if self.pending.is_empty() {
            if is_blank(line) {
                return None;
            }
            self.first_line = self.n_lines;
            if line.trim_start().starts_with('.') {
                return Some(Statement {
                    text: line.trim().to_string(),
                    line: self.n_lines,
                });
            }
            self.pending.push_str(line);
        } else {
            self.pending.push('\n');
            self.pending.push_str(line);
        }
        if is_complete(&self.pending) {
            self.take()
        } else {
            None
        }
    }

    /// The unfinished statement at the end of the input, if any.
    pub fn finish(&mut self) -> Option<Statement> {
        if is_blank(&self.pending) {
            self.pending.clear();
            return None;
        }
        self.take()
    }

    fn take(&mut self) -> Option<Statement> {
        let text = std::mem::take(&mut self.pending);
        Some(Statement {
            text: text.trim_end().to_string(),
            line: self.first_line,
        })
    }
}

/// Coloured spans of `input` for a cursor at byte `cursor`, in order, not overlapping.
pub fn highlight_spans(input: &str, cursor: usize) -> Vec<(Range<usize>, TokenKind)> {
    let mut spans = Vec::new();
    let command_line = input.trim_start().starts_with('.');
    for token in tokens(input) {
        let text = &input[token.range.clone()];
        let kind = match token.kind {
            Lexeme::Comment => Some(TokenKind::Comment),
            Lexeme::String | Lexeme::Number => Some(TokenKind::Literal),
            Lexeme::Iri => Some(TokenKind::Iri),
            Lexeme::Variable => Some(TokenKind::Variable),
            Lexeme::Word if command_line && text.starts_with('.') && spans.is_empty() => {
                Some(TokenKind::Command)
            }
            Lexeme::Word if command_line => None,
            Lexeme::Word if text.contains(':') => Some(TokenKind::Iri),
            Lexeme::Word if is_keyword(text) || text == "a" => Some(TokenKind::Keyword),
            _ => None,
        };
        if let Some(kind) = kind {
            spans.push((token.range, kind));
        }
    }
    if let Some((a, b)) = matching_bracket(input, cursor) {
        spans.retain(|(r, _)| !r.contains(&a) && !r.contains(&b));
        spans.push((a..a + 1, TokenKind::MatchingBracket));
        spans.push((b..b + 1, TokenKind::MatchingBracket));
        spans.sort_by_key(|(r, _)| r.start);
    }
    spans
}

/// True for a SPARQL keyword, in any case.
pub fn is_keyword(word: &str) -> bool {
    KEYWORDS.iter().any(|k| k.eq_ignore_ascii_case(word))
}

/// The bracket at `cursor` (or just before it) and its partner, as byte offsets.
pub fn matching_bracket(input: &str, cursor: usize) -> Option<(usize, usize)> {
    let brackets: Vec<(usize, char)> = tokens(input)
        .into_iter()
        .filter(|t| t.kind == Lexeme::Bracket)
        .map(|t| (t.range.start, input[t.range].chars().next().unwrap_or(' ')))
        .collect();
    let idx = brackets
        .iter()
        .position(|(at, _)| *at == cursor)
        .or_else(|| {
            brackets
                .iter()
                .position(|(at, _)| cursor > 0 && *at == cursor - 1)
        })?;
    let (at, c) = brackets[idx];
    let (open, close, forward) = match c {
        '(' => ('(', ')', true),
        '{' => ('{', '}', true),
        '[' => ('[', ']', true),
        ')' => ('(', ')', false),
        '}' => ('{', '}', false),
        _ => ('[', ']', false),
    };
    let mut depth = 0i32;
    let order: Box<dyn Iterator<Item = &(usize, char)>> = if forward {
        Box::new(brackets[idx..].iter())
    } else {
        Box::new(brackets[..=idx].iter().rev())
    };
    for (pos, b) in order {
        if (*b == open && forward) || (*b == close && !forward) {
            depth += 1;
        } else if *b == open || *b == close {
            depth -= 1;
        }
        if depth == 0 {
            return Some((at.min(*pos), at.max(*pos)));
        }
    }
    None
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lexeme {
    Word,
    Variable,
    Iri,
    String,
    Number,
    Comment,
    Bracket,
    Other,
}

#[derive(Debug, Clone)]
struct Token {
    kind: Lexeme,
    range: Range<usize>,
}

/// What an unfinished statement is waiting for, to tell the user at a
/// continuation prompt: `)` for an open `(`, a closing quote, or `;`.
pub fn waiting_for(input: &str) -> Option<String> {
    if is_complete(input) {
        return None;
    }
    let scan = scan(input);
    Some(if scan.open_string {
        "an open string: close its quote, or Ctrl-C to cancel".to_string()
    } else if let Some(open) = scan.open.last() {
        let close = match open {
            '(' => ')',
            '[' => ']',
            _ => '}',
        };
        format!("waiting for `{close}` (Ctrl-C cancels)")
    } else {
        "end with `;` or a blank line".to_string()
    })
}

struct Scan {
    depth: i32,
    open: Vec<char>,
    open_string: bool,
    last_code_char: Option<char>,
}

fn scan(input: &str) -> Scan {
    let mut depth = 0;
    let mut open = Vec::new();
    let mut open_string = false;
    let mut last_code_char = None;
    for token in tokens(input) {
        let text = &input[token.range.clone()];
        match token.kind {
            Lexeme::Comment => continue,
            Lexeme::Bracket if "({[".contains(text) => {
                depth += 1;
                open.extend(text.chars());
            }
            Lexeme::Bracket => {
                depth -= 1;
                let partner = match text {
                    ")" => '(',
                    "]" => '[',
                    _ => '{',
                };
                if let Some(at) = open.iter().rposition(|c| *c == partner) {
                    open.remove(at);
                }
            }
            Lexeme::String => open_string = !string_is_closed(text),
            _ => {}
        }
        last_code_char = text.chars().last();
    }
    Scan {
        depth,
        open,
        open_string,
        last_code_char,
    }
}

fn string_is_closed(text: &str) -> bool {
    let quote = if text.starts_with("\"\"\"") {
        "\"\"\""
    } else if text.starts_with("'''") {
        "'''"
    } else {
        &text[..1]
    };
    text.len() >= 2 * quote.len() && text.ends_with(quote) && {
        let body = &text[quote.len()..text.len() - quote.len()];
        let trailing_backslashes = body.chars().rev().take_while(|c| *c == '\\').count();
        trailing_backslashes % 2 == 0
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || "_-:./%".contains(c)
}

/// Splits input into lexemes; whitespace is skipped. Never fails.
fn tokens(input: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = input.char_indices().collect();
    let end_of = |i: usize| chars.get(i).map_or(input.len(), |(at, _)| *at);
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        let kind;
        let mut j = i + 1;
        if c.is_whitespace() {
            i += 1;
            continue;
        } else if c == '#' {
            while j < chars.len() && chars[j].1 != '\n' {
                j += 1;
            }
            kind = Lexeme::Comment;
        } else if c == '"' || c == '\'' {
            let long = input[start..].starts_with(if c == '"' { "\"\"\"" } else { "'''" });
            if long {
                j = i + 3;
                while j < chars.len() {
                    if chars[j].1 == '\\' {
                        j += 2;
                        continue;
                    }
                    if input[end_of(j)..].starts_with(&input[start..start + 3]) {
                        j += 3;
                        break;
                    }
                    j += 1;
                }
            } else {
                while j < chars.len() && chars[j].1 != c && chars[j].1 != '\n' {
                    j += if chars[j].1 == '\\' { 2 } else { 1 };
                }
                if j < chars.len() && chars[j].1 == c {
                    j += 1;
                }
            }
            j = j.min(chars.len());
            kind = Lexeme::String;
        } else if c == '<' {
            let mut k = i + 1;
            while k < chars.len() && !chars[k].1.is_whitespace() && !"<>\"{}".contains(chars[k].1) {
                k += 1;
            }
            if k < chars.len() && chars[k].1 == '>' {
                j = k + 1;
                kind = Lexeme::Iri;
            } else {
                kind = Lexeme::Other;
            }
        } else if (c == '?' || c == '$')
            && chars
                .get(i + 1)
                .is_some_and(|(_, n)| n.is_alphanumeric() || *n == '_')
        {
            while j < chars.len() && (chars[j].1.is_alphanumeric() || chars[j].1 == '_') {
                j += 1;
            }
            kind = Lexeme::Variable;
        } else if "(){}[]".contains(c) {
            kind = Lexeme::Bracket;
        } else if c.is_ascii_digit() {
            while j < chars.len() && (chars[j].1.is_ascii_digit() || chars[j].1 == '.') {
                j += 1;
            }
            if chars[j - 1].1 == '.' {
                j -= 1;
            }
            kind = Lexeme::Number;
        } else if is_word_char(c) {
            while j < chars.len() && is_word_char(chars[j].1) {
                j += 1;
            }
            // A final '.' ends a triple pattern; it is not part of the name.
            while j > i + 1 && chars[j - 1].1 == '.' {
                j -= 1;
            }
            kind = Lexeme::Word;
        } else {
            kind = Lexeme::Other;
        }
        out.push(Token {
            kind,
            range: start..end_of(j),
        });
        i = j;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn completeness_follows_brackets_quotes_and_terminators() {
        assert!(is_complete(""));
        assert!(is_complete(".stats"));
        assert!(is_complete("SELECT * WHERE { ?s ?p ?o };"));
        assert!(is_complete("SELECT * WHERE { ?s ?p ?o }\n"));
        assert!(!is_complete("SELECT * WHERE { ?s ?p ?o }"));
        assert!(!is_complete("SELECT * WHERE {\n"));
        assert!(!is_complete("SELECT * WHERE { ?s ?p \"a;\n"));
        assert!(!is_complete("SELECT * WHERE { ?s ?p \"}\" ;"));
        assert!(is_complete("SELECT * WHERE { ?s ?p \"}\" } ;"));
        assert!(is_complete("# just a comment"));
        assert!(!is_complete("SELECT ?s # ;"));
        assert!(is_complete("SELECT * WHERE { ?s ?p ?o }} ;"));
    }

    #[test]
    fn unfinished_input_says_what_it_waits_for() {
        assert_eq!(
            waiting_for("SELECT ?x"),
            Some("end with `;` or a blank line".into())
        );
        assert_eq!(
            waiting_for("SELECT * { FILTER(CONTAINS(?t, \"K\") }\n"),
            Some("waiting for `)` (Ctrl-C cancels)".into())
        );
        assert!(
            waiting_for("SELECT \"abc")
                .unwrap()
                .starts_with("an open string")
        );
        assert_eq!(waiting_for("ASK {};"), None);
    }

    #[test]
    fn script_text_splits_into_statements() {
        let mut reader = StatementReader::new();
        let script =
            ".format tsv\n\n# note\nSELECT ?s\nWHERE { ?s ?p ?o }\n\nASK { ?s ?p ?o };\nSELECT ?x";
        let mut got = Vec::new();
        for line in script.lines() {
            got.extend(reader.push_line(line));
        }
        got.extend(reader.finish());
        let got: Vec<(usize, &str)> = got.iter().map(|s| (s.line, s.text.as_str())).collect();
        assert_eq!(
            got,
            [
                (1, ".format tsv"),
                (4, "SELECT ?s\nWHERE { ?s ?p ?o }"),
                (7, "ASK { ?s ?p ?o };"),
                (8, "SELECT ?x"),
            ]
        );
    }

    #[test]
    fn spans_mark_keywords_variables_iris_and_literals() {
        let input = "SELECT ?s WHERE { ?s a ng:Person ; rdfs:label \"x\" . <http://a> } # c";
        let kinds: Vec<(&str, TokenKind)> = highlight_spans(input, 0)
            .into_iter()
            .map(|(r, k)| (&input[r], k))
            .collect();
        assert_eq!(
            kinds,
            [
                ("SELECT", TokenKind::Keyword),
                ("?s", TokenKind::Variable),
                ("WHERE", TokenKind::Keyword),
                ("?s", TokenKind::Variable),
                ("a", TokenKind::Keyword),
                ("ng:Person", TokenKind::Iri),
                ("rdfs:label", TokenKind::Iri),
                ("\"x\"", TokenKind::Literal),
                ("<http://a>", TokenKind::Iri),
                ("# c", TokenKind::Comment),
            ]
        );
    }

    #[test]
    fn brackets_match_across_strings() {
        let input = "{ ?s ?p \"}\" }";
        assert_eq!(matching_bracket(input, 0), Some((0, 12)));
        assert_eq!(matching_bracket(input, 13), Some((0, 12)));
        assert_eq!(matching_bracket(input, 5), None);
        assert_eq!(matching_bracket("{ (", 0), None);
    }

    #[test]
    fn lexing_never_panics_on_odd_input() {
        for input in [
            "\"",
            "'''",
            "<",
            "?",
            "\\",
            "é\"\\",
            "1.",
            "\"\"\"a\\",
            "{{{",
            "ü<ä",
        ] {
            let _ = is_complete(input);
            let _ = highlight_spans(input, input.len());
            let _ = highlight_spans(input, 0);
        }
    }
}
