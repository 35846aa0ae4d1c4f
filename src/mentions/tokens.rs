//! Word tokens of one sentence, with byte offsets into the sentence text.
//!
//! Words are runs of letters and digits; every other non-space character is
//! its own token, except the possessive `'s` (also `’s`) and the negation
//! `n't`, which are single tokens. Hyphens are separate tokens, so
//! `US-backed` is `US`, `-`, `backed`.

use crate::text::Span;

/// One token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Byte offsets in the sentence text.
    pub span: Span,
    /// Lower-cased text (`'s` for both apostrophes).
    pub lower: String,
    /// True for letters/digits tokens.
    pub is_word: bool,
    /// True when the first character is upper case.
    pub cap: bool,
}

/// Splits `text` into tokens.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens: Vec<Token> = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if c.is_alphanumeric() {
            let mut j = i;
            while j < chars.len() && chars[j].1.is_alphanumeric() {
                j += 1;
            }
            let end = chars.get(j).map_or(text.len(), |&(b, _)| b);
            let word = &text[start..end];
            // "didn't" → "did" + "n't"
            let is_apos = |k: usize| {
                chars
                    .get(k)
                    .is_some_and(|&(_, c)| c == '\'' || c == '\u{2019}')
            };
            if is_apos(j)
                && chars.get(j + 1).is_some_and(|&(_, c)| c == 't')
                && !chars.get(j + 2).is_some_and(|&(_, c)| c.is_alphanumeric())
                && word.ends_with(['n', 'N'])
                && word.len() > 1
            {
                let stem_end = end - 1;
                tokens.push(word_token(text, start, stem_end));
                let nt_end = chars.get(j + 2).map_or(text.len(), |&(b, _)| b);
                tokens.push(Token {
                    span: Span::new(stem_end, nt_end),
                    lower: "n't".into(),
                    is_word: true,
                    cap: false,
                });
                i = j + 2;
                continue;
            }
            tokens.push(word_token(text, start, end));
            i = j;
            continue;
        }
        if (c == '\'' || c == '\u{2019}')
            && chars.get(i + 1).is_some_and(|&(_, c)| c == 's' || c == 'S')
            && !chars.get(i + 2).is_some_and(|&(_, c)| c.is_alphanumeric())
            && i > 0
            && chars[i - 1].1.is_alphanumeric()
        {
            let end = chars.get(i + 2).map_or(text.len(), |&(b, _)| b);
            tokens.push(Token {
                span: Span::new(start, end),
                lower: "'s".into(),
                is_word: false,
                cap: false,
            });
            i += 2;
            continue;
        }
        let end = chars.get(i + 1).map_or(text.len(), |&(b, _)| b);
        let lower = match c {
            '\u{2019}' | '\u{2018}' => "'".to_string(),
            other => other.to_lowercase().collect(),
        };
        tokens.push(Token {
            span: Span::new(start, end),
            lower,
            is_word: false,
            cap: false,
        });
        i += 1;
    }
    tokens
}

fn word_token(text: &str, start: usize, end: usize) -> Token {
    let word = &text[start..end];
    Token {
        span: Span::new(start, end),
        lower: word.to_lowercase(),
        is_word: true,
        cap: word.chars().next().is_some_and(char::is_uppercase),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, expected: &str) {
        let got: Vec<String> = tokenize(text).into_iter().map(|t| t.lower).collect();
        assert_eq!(got.join("|"), expected);
    }

    #[test]
    fn splits_words_hyphens_possessives_and_negation() {
        check("A US-backed plan", "a|us|-|backed|plan");
        check("Kyiv’s view, Russia's too", "kyiv|'s|view|,|russia|'s|too");
        check("They didn't meet.", "they|did|n't|meet|.");
    }
}
