//! Reading a name out of a byline line: the prefix ("By") and the date that follow it dropped,
//! and whether what is left can name someone at all.

use crate::text::lexicon;

/// The part of a byline line that names the author(s): without "By", and without a date or
/// what follows it ("By Jo Roe | May 3, 2025 · 4 min read" → "Jo Roe").
pub fn byline_name(text: &str) -> String {
    let t = text.trim();
    let named = byline_prefix(t).unwrap_or(t);
    // "Jo RoePublished: May 3": a label glued to the name by the page's markup.
    let lexicon = lexicon::bundled();
    let lower = named.to_lowercase();
    let glued = lexicon.published_words.iter().chain(&lexicon.updated_words).filter_map(|w| {
        let at = lower.find(w.as_str())?;
        let glued = at > 0 && named.is_char_boundary(at) && named[..at].ends_with(char::is_lowercase);
        glued.then_some(at)
    });
    let named = glued.min().map_or(named, |at| &named[..at]);
    let tokens: Vec<&str> = named.split_whitespace().collect();
    let digit = |token: &&str| token.chars().any(|c| c.is_ascii_digit());
    let end = (1..tokens.len())
        .find(|&k| {
            let bare = tokens[k].trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
            let dated_after = tokens[k + 1..].iter().any(digit);
            digit(&tokens[k])
                || (lexicon::month_number(&bare).is_some() && tokens.get(k + 1).is_some_and(digit))
                || (matches!(tokens[k], "|" | "·" | "•" | "—" | "–" | "-") && dated_after)
                || (["on", "updated", "published", "posted"].contains(&bare.as_str()) && dated_after)
        })
        .unwrap_or(tokens.len());
    let name = tokens[..end].join(" ");
    name.trim_end_matches([',', ';', '|', '·', '•', '-', '—', '–', ' ']).to_string()
}

/// Whether a byline's remainder can name someone: not empty, not a byline prefix on its own
/// ("By", "Written by"), not a label ("The Author").
pub(super) fn is_name(value: &str) -> bool {
    let lower = value.trim().to_lowercase();
    let prefixes = &lexicon::bundled().byline_prefixes;
    !lower.is_empty()
        && !prefixes.iter().any(|p| p.trim() == lower || p.trim_end_matches(':') == lower)
        && !["the author", "author", "authors", "about the author", "by"].contains(&lower.as_str())
        && value.chars().any(char::is_alphabetic)
}

/// The rest of a line that begins with a byline prefix ("By Jane Doe" → "Jane Doe").
pub(super) fn byline_prefix(text: &str) -> Option<&str> {
    let t = text.trim();
    lexicon::bundled().byline_prefixes.iter().find_map(|prefix| {
        let head = t.get(..prefix.len())?;
        (t.len() > prefix.len() && head.eq_ignore_ascii_case(prefix))
            .then(|| t[prefix.len()..].trim().trim_start_matches(':').trim())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byline_prefix_is_dropped() {
        assert_eq!(byline_name("By Jane Doe"), "Jane Doe");
        assert_eq!(byline_name("Written by: Jo Roe"), "Jo Roe");
        assert_eq!(byline_prefix("By Jane Doe"), Some("Jane Doe"));
    }

    #[test]
    fn a_byline_loses_its_date() {
        assert_eq!(byline_name("By Jo Roe | May 3, 2025"), "Jo Roe");
        assert_eq!(byline_name("By Jo Roe, May 3, 2025"), "Jo Roe");
        assert_eq!(byline_name("Jo Roe on May 3, 2025"), "Jo Roe");
        assert_eq!(byline_name("Korin MillerPublished: May 3"), "Korin Miller");
        assert_eq!(byline_name("Jane Doe and John Roe, Reuters"), "Jane Doe and John Roe, Reuters");
    }

    #[test]
    fn a_prefix_or_a_label_alone_names_no_one() {
        assert!(is_name("Jo Roe"));
        assert!(!is_name("By") && !is_name("The Author") && !is_name("") && !is_name("2025"));
    }
}
