//! Rules and claim cues are written as phrases (whole words, any case) and regular
//! expressions; this compiles them into a `Matcher`, so that a block is tested in one pass.
//!
//! Word boundaries (`\b`, and the ASCII edges of phrases) are ASCII ones: a Unicode boundary
//! makes the regex engine leave its fast DFA at the first non-ASCII character (a curly quote
//! will do), which made rule matching about twice as slow on real pages. Phrases with a
//! non-ASCII letter at an edge keep Unicode boundaries in a small regex of their own.

use regex::{Match, Regex, RegexBuilder};

/// Phrases and patterns compiled for one pass over a text: the phrases with ASCII edges and
/// the patterns in one fast regex, the few phrases with a non-ASCII letter at an edge (Korean,
/// say, where a boundary is the whole point) in a second one with Unicode boundaries.
#[derive(Debug, Clone)]
pub struct Matcher {
    fast: Option<Regex>,
    unicode: Option<Regex>,
}

impl Matcher {
    /// The leftmost match of either regex.
    pub fn find<'t>(&self, text: &'t str) -> Option<Match<'t>> {
        let fast = self.fast.as_ref().and_then(|r| r.find(text));
        let unicode = self.unicode.as_ref().and_then(|r| r.find(text));
        match (fast, unicode) {
            (Some(a), Some(b)) => Some(if b.start() < a.start() { b } else { a }),
            (a, b) => a.or(b),
        }
    }

    /// Whether any phrase or pattern matches somewhere in `text`.
    pub fn is_match(&self, text: &str) -> bool {
        self.fast.as_ref().is_some_and(|r| r.is_match(text)) || self.unicode.as_ref().is_some_and(|r| r.is_match(text))
    }
}

/// One matcher for `phrases` (case-insensitive, bounded by word edges where a phrase starts
/// or ends with a letter or digit) and `patterns` (as written, `\b` being an ASCII boundary).
pub fn compile(phrases: &[String], patterns: &[String]) -> Result<Matcher, String> {
    if phrases.is_empty() && patterns.is_empty() {
        return Err("neither phrases nor patterns".to_string());
    }
    let non_ascii_edge = |p: &&String| {
        let wordy = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() && !c.is_ascii());
        wordy(p.chars().next()) || wordy(p.chars().last())
    };
    let (unicode, ascii): (Vec<&String>, Vec<&String>) = phrases.iter().partition(non_ascii_edge);
    let mut alternatives: Vec<String> = patterns.iter().map(|p| format!("(?:{})", ascii_boundaries(p))).collect();
    if !ascii.is_empty() {
        alternatives.push(phrase_alternation(&ascii, ASCII_EDGE));
    }
    let build = |source: String| RegexBuilder::new(&source).size_limit(1 << 24).build().map_err(|e| e.to_string());
    let fast = if alternatives.is_empty() { None } else { Some(build(alternatives.join("|"))?) };
    let unicode = if unicode.is_empty() { None } else { Some(build(phrase_alternation(&unicode, r"\b"))?) };
    Ok(Matcher { fast, unicode })
}

/// `(?i:…)` of the phrases, each with `edge` where it starts or ends with a letter or digit.
fn phrase_alternation(phrases: &[&String], edge: &str) -> String {
    let words: Vec<String> = phrases
        .iter()
        .map(|phrase| {
            let edge_at = |c: Option<char>| if c.is_some_and(char::is_alphanumeric) { edge } else { "" };
            let (start, end) = (edge_at(phrase.chars().next()), edge_at(phrase.chars().last()));
            format!("{start}{}{end}", regex::escape(phrase))
        })
        .collect();
    format!("(?i:{})", words.join("|"))
}

const ASCII_EDGE: &str = r"(?-u:\b)";

/// The pattern with each `\b` / `\B` made an ASCII word boundary (escaped backslashes kept).
fn ascii_boundaries(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('b') => out.push_str(ASCII_EDGE),
            Some('B') => out.push_str(r"(?-u:\B)"),
            Some(next) => {
                out.push(c);
                out.push(next);
            }
            None => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_match_whole_words_in_any_case() {
        let m = compile(&["get the app".into(), "privacy & cookies".into(), "l'application".into()], &[]).unwrap();
        assert!(m.is_match("Please GET THE APP now"));
        assert!(!m.is_match("forget the apples"));
        assert!(m.is_match("See Privacy & Cookies."));
        assert!(m.is_match("téléchargez l'application"));
        assert!(compile(&[], &[]).is_err());
        assert_eq!(ascii_boundaries(r"\bcat\B\\b\d"), r"(?-u:\b)cat(?-u:\B)\\b\d");
        let p = compile(&[], &[r"\bper cent\b".into()]).unwrap();
        assert!(p.is_match("“10 per cent”") && !p.is_match("super centre"));
        assert!(compile(&[], &["(".into()]).is_err());
    }
}
