//! The word lists folio reads text with: stop words (`assets/stopwords.txt`), and
//! abbreviations, month names and byline prefixes (`assets/lexicon.toml`). Embedded in the
//! binary and parsed once, on first use.

use serde::Deserialize;
use std::collections::HashSet;
use std::sync::LazyLock;

const STOPWORDS: &str = include_str!("../../assets/stopwords.txt");
const LEXICON: &str = include_str!("../../assets/lexicon.toml");

/// The lists of `assets/lexicon.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lexicon {
    /// Abbreviations after which a full stop does not end a sentence (lower case, no final dot).
    pub abbreviations: Vec<String>,
    /// Names of each month, January first; the first is the English three-letter form.
    pub months: Vec<Vec<String>>,
    /// What a byline starts with before the name, tried in order ("by ", "written by").
    pub byline_prefixes: Vec<String>,
    /// What a line says before the publication date ("published", "posted").
    pub published_words: Vec<String>,
    /// What a line says before the date of a later change ("updated", "aktualisiert").
    pub updated_words: Vec<String>,
}

static BUNDLED: LazyLock<Lexicon> = LazyLock::new(|| {
    let lexicon: Lexicon = toml::from_str(LEXICON).expect("assets/lexicon.toml is valid");
    assert_eq!(lexicon.months.len(), 12, "assets/lexicon.toml names twelve months");
    lexicon
});

static STOPWORD_SET: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| STOPWORDS.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).collect());

static ABBREVIATION_SET: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| BUNDLED.abbreviations.iter().map(String::as_str).collect());

/// The bundled lexicon.
pub fn bundled() -> &'static Lexicon {
    &BUNDLED
}

/// Whether a lower-cased word is a function word ("the", "of", "und").
pub fn is_stopword(lowercase_word: &str) -> bool {
    STOPWORD_SET.contains(lowercase_word)
}

/// Whether a lower-cased word (without its final dot) is an abbreviation ("dr", "u.s").
pub fn is_abbreviation(lowercase_word: &str) -> bool {
    ABBREVIATION_SET.contains(lowercase_word)
}

/// The month (1–12) a name or abbreviation stands for, in any case: "Dezember" → 12,
/// "Sept" → 9; any ASCII word starting with an English abbreviation counts ("Septem").
pub fn month_number(name: &str) -> Option<u32> {
    let name = name.to_lowercase();
    BUNDLED
        .months
        .iter()
        .position(|names| names.contains(&name) || (name.len() >= 3 && name.is_ascii() && names[0] == name[..3]))
        .map(|i| i as u32 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_load_and_answer() {
        assert!(is_stopword("the") && !is_stopword("council"));
        assert!(is_abbreviation("u.s") && !is_abbreviation("council"));
        assert_eq!(month_number("Dezember"), Some(12));
        assert_eq!(month_number("sept"), Some(9));
        assert_eq!(month_number("Monday"), None);
        // A non-ASCII letter at the third byte is no English abbreviation (and no panic).
        assert_eq!(month_number("deé"), None);
        assert!(bundled().byline_prefixes.iter().any(|p| p == "by "));
    }
}
