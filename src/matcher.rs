//! Rules and claim cues are written as phrases (whole words, any case) and regular
//! expressions; this compiles both into one `Regex`, so that a block is tested in one pass.

use regex::{Regex, RegexBuilder};

/// One matcher for `phrases` (case-insensitive, bounded by word edges where a phrase starts
/// or ends with a letter or digit) and `patterns` (as written).
pub fn compile(phrases: &[String], patterns: &[String]) -> Result<Regex, String> {
    let mut alternatives: Vec<String> = patterns.iter().map(|p| format!("(?:{p})")).collect();
    if !phrases.is_empty() {
        let words: Vec<String> = phrases
            .iter()
            .map(|phrase| {
                let edge = |c: Option<char>| if c.is_some_and(char::is_alphanumeric) { r"\b" } else { "" };
                let (start, end) = (edge(phrase.chars().next()), edge(phrase.chars().last()));
                format!("{start}{}{end}", regex::escape(phrase))
            })
            .collect();
        alternatives.push(format!("(?i:{})", words.join("|")));
    }
    if alternatives.is_empty() {
        return Err("neither phrases nor patterns".to_string());
    }
    RegexBuilder::new(&alternatives.join("|")).size_limit(1 << 24).build().map_err(|e| e.to_string())
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
        assert!(compile(&[], &["(".into()]).is_err());
    }
}
