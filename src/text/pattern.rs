//! How a rule's or cue's phrases and patterns are written as regular expressions: each pattern
//! on its own, the phrases in one alternation. Shared by `build.rs` (which reads the bundled
//! ones when folio is built) and the matcher, so it uses nothing of folio.
//!
//! Word boundaries (`\b`, and the ASCII edges of phrases) are ASCII ones: a Unicode boundary
//! makes the regex engine leave its fast DFA at the first non-ASCII character (a curly quote
//! will do), which made rule matching about twice as slow on real pages. Phrases with a
//! non-ASCII letter at an edge keep Unicode boundaries in an alternation of their own.

/// The regular expressions that stand for `phrases` and `patterns`, in the order in which a
/// match of one is preferred to a match of another at the same place: the patterns as written
/// (`\b` made an ASCII boundary), then the phrases with ASCII edges, then those with a
/// non-ASCII letter at an edge (Korean, say, where the boundary is the whole point).
pub fn sources(phrases: &[String], patterns: &[String]) -> Vec<String> {
    let non_ascii_edge = |p: &&String| {
        let wordy = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() && !c.is_ascii());
        wordy(p.chars().next()) || wordy(p.chars().last())
    };
    let (unicode, ascii): (Vec<&String>, Vec<&String>) = phrases.iter().partition(non_ascii_edge);
    let mut out: Vec<String> = patterns.iter().map(|p| ascii_boundaries(p)).collect();
    if !ascii.is_empty() {
        out.push(phrase_alternation(&ascii, ASCII_EDGE));
    }
    if !unicode.is_empty() {
        out.push(phrase_alternation(&unicode, r"\b"));
    }
    out
}

/// `(?i:…)` of the phrases, each with `edge` where it starts or ends with a letter or digit.
fn phrase_alternation(phrases: &[&String], edge: &str) -> String {
    let words: Vec<String> = phrases
        .iter()
        .map(|phrase| {
            let edge_at = |c: Option<char>| if c.is_some_and(char::is_alphanumeric) { edge } else { "" };
            let (start, end) = (edge_at(phrase.chars().next()), edge_at(phrase.chars().last()));
            format!("{start}{}{end}", regex_syntax::escape(phrase))
        })
        .collect();
    format!("(?i:{})", words.join("|"))
}

const ASCII_EDGE: &str = r"(?-u:\b)";

/// The pattern with each `\b` / `\B` made an ASCII word boundary (escaped backslashes kept).
pub fn ascii_boundaries(pattern: &str) -> String {
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
