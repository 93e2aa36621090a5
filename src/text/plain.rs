//! Metadata values as plain text: what a page states in its head or its JSON-LD is often
//! escaped once more than it should be (`&amp;#8211;`) and sometimes carries markup.

use regex::Regex;
use std::sync::LazyLock;

static TAG: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"</?[a-zA-Z][^<>]{0,200}>").expect("valid"));

/// `value` with its entities decoded (twice, for values encoded twice: `&amp;#8211;`), its
/// tags dropped and its spaces collapsed.
pub fn plain(value: &str) -> String {
    let text = decode_entities(value);
    // Most values hold no tag: then the pattern need not even be compiled.
    if !text.contains('<') {
        return text.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    TAG.replace_all(&text, " ").split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `value` with its entities decoded, twice, and nothing else changed: for text a reader saw
/// on the page, where `<table>` may be the subject of the article.
pub fn decode_entities(value: &str) -> String {
    let once = html_escape::decode_html_entities(value);
    html_escape::decode_html_entities(&once).into_owned()
}

/// Where `<title>` is split into headline and site name: "Headline | Site", "Headline – Site".
const TITLE_SEPARATORS: [&str; 9] = [" | ", " - ", " – ", " — ", " :: ", " • ", " · ", " » ", " / "];

/// The parts of a `<title>` between its separators, in order.
pub fn title_parts(title: &str) -> Vec<String> {
    let mut parts = vec![title.to_string()];
    for sep in TITLE_SEPARATORS {
        parts = parts.iter().flat_map(|p| p.split(sep).map(str::to_string).collect::<Vec<_>>()).collect();
    }
    parts.into_iter().map(|p| p.trim().to_string()).filter(|p| !p.is_empty()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_become_plain_text() {
        assert_eq!(plain("Tom &amp;amp; Jerry <b>live</b>&nbsp;now"), "Tom & Jerry live now");
        assert_eq!(decode_entities("SQL &#x26; AI: <table>"), "SQL & AI: <table>");
    }
}
