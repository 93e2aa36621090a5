//! Reading metadata out of labelled blocks: the byline's name and the site's name (dates
//! are read by `text::dates`).

use crate::text::lexicon;

/// "By Jane Doe and John Roe, Reuters" → "Jane Doe and John Roe, Reuters".
pub fn byline_name(text: &str) -> String {
    let t = text.trim();
    for prefix in &lexicon::bundled().byline_prefixes {
        if t.len() > prefix.len() && t.is_char_boundary(prefix.len()) && t[..prefix.len()].eq_ignore_ascii_case(prefix)
        {
            return t[prefix.len()..].trim().trim_start_matches(':').trim().to_string();
        }
    }
    t.to_string()
}

/// The site's name from a breadcrumb ("BTCC / BTCC Square / …" → "BTCC").
pub fn site_from_breadcrumb(text: &str) -> Option<String> {
    let first = text.split(['/', '|', '>', '»', '›']).next()?.trim();
    (!first.is_empty() && first.split_whitespace().count() <= 4).then(|| first.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byline_prefix_is_dropped() {
        assert_eq!(byline_name("By Jane Doe"), "Jane Doe");
        assert_eq!(byline_name("Written by: Jo Roe"), "Jo Roe");
    }
}
