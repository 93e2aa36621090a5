//! Which format an input is in: HTML, Markdown or plain text. Told from the content, with the
//! file's extension or the server's media type as a hint (`FormatHint`) that never overrules
//! plain evidence of HTML.

use crate::article::Format;

/// What the outside says an input is: a file's extension or a server's media type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormatHint {
    /// `.html`, `.htm`, `.xhtml`, or any media type but plain text and Markdown.
    Html,
    /// `.md`, `.markdown`, `.mdown`, `.mkd`, `.mdx`, or `text/markdown`.
    Markdown,
    /// `.txt`, `.text`, or `text/plain`.
    Text,
}

impl From<Format> for FormatHint {
    /// The hint a file of a known format gives (a file named for its format).
    fn from(format: Format) -> FormatHint {
        match format {
            Format::Html => FormatHint::Html,
            Format::Markdown => FormatHint::Markdown,
            Format::Text => FormatHint::Text,
        }
    }
}

impl FormatHint {
    /// The hint of a file extension (any case); `None` for one that says nothing.
    pub fn from_extension(extension: &str) -> Option<FormatHint> {
        match extension.to_lowercase().as_str() {
            "md" | "markdown" | "mdown" | "mkd" | "mdx" => Some(FormatHint::Markdown),
            "html" | "htm" | "xhtml" => Some(FormatHint::Html),
            "txt" | "text" => Some(FormatHint::Text),
            _ => None,
        }
    }

    /// The hint of a server's media type (`text/html`, `text/plain`…, parameters removed).
    pub fn from_media_type(media_type: &str) -> FormatHint {
        match media_type {
            "text/markdown" | "text/x-markdown" => FormatHint::Markdown,
            "text/plain" => FormatHint::Text,
            _ => FormatHint::Html,
        }
    }
}

/// Whether a page whose text begins with `head` is HTML; `has_tag_end` says whether a `>`
/// occurs anywhere in it. Looks at the first 512 characters of `head` at most.
pub fn is_html(head: &str, has_tag_end: bool, hint: Option<FormatHint>) -> bool {
    let start: String = head.trim_start_matches('\u{FEFF}').trim_start().chars().take(512).collect();
    let start = start.to_ascii_lowercase();
    start.starts_with("<!doctype html")
        || start.starts_with("<html")
        || (start.starts_with("<?xml") && start.contains("<html"))
        || ((start.starts_with("<head") || start.starts_with("<body") || start.starts_with("<meta")) && has_tag_end)
        || (hint == Some(FormatHint::Html) && start.starts_with('<'))
}

/// The format of a decoded input's text, with the hint.
pub fn detect(text: &str, hint: Option<FormatHint>) -> Format {
    if is_html(text, text.contains('>'), hint) {
        return Format::Html;
    }
    if hint == Some(FormatHint::Markdown) {
        return Format::Markdown;
    }
    let evidence = markdown_evidence(text);
    let needed = if hint == Some(FormatHint::Text) { 8.0 } else { 3.0 };
    if evidence >= needed { Format::Markdown } else { Format::Text }
}

/// A rough count of Markdown constructs: ATX headings, fences, links, emphasis, setext
/// underlines and list markers, weighted by how rarely each appears in plain text.
fn markdown_evidence(text: &str) -> f32 {
    let mut score = 0.0;
    let mut previous_nonblank = false;
    for line in text.lines().take(5000) {
        let t = line.trim_start();
        let hashes = t.bytes().take_while(|&b| b == b'#').count();
        if (1..=6).contains(&hashes) && t[hashes..].starts_with(' ') {
            score += 2.0;
        }
        if t.starts_with("```") || t.starts_with("~~~") {
            score += 2.0;
        }
        if previous_nonblank && t.len() >= 3 && (t.bytes().all(|b| b == b'=') || t.bytes().all(|b| b == b'-')) {
            score += 2.0;
        }
        if t.starts_with("- ") || t.starts_with("* ") || t.starts_with("+ ") {
            score += 0.5;
        }
        if t.starts_with("> ") {
            score += 0.5;
        }
        score += t.matches("](").count() as f32 * 1.5;
        score += t.matches("**").count() as f32 * 0.5;
        previous_nonblank = !t.is_empty();
    }
    score
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_is_detected_from_content() {
        let md = "# Title\n\nSome *words* and a [link](http://x.org).\n\n## Part\n\n- one\n- two\n";
        assert_eq!(detect(md, None), Format::Markdown);
        assert_eq!(detect(md, Some(FormatHint::Text)), Format::Text);
        assert_eq!(detect("Just a line.\n\nAnother one.\n", None), Format::Text);
        assert_eq!(detect("Just a line.\n", Some(FormatHint::Markdown)), Format::Markdown);
    }

    #[test]
    fn html_is_detected_whatever_the_extension() {
        assert_eq!(detect("<!DOCTYPE html><html><body>x</body></html>", Some(FormatHint::Text)), Format::Html);
        assert_eq!(detect("  <html lang=en>", None), Format::Html);
        assert_eq!(detect("<p>hi</p>", Some(FormatHint::Html)), Format::Html);
        assert_eq!(detect("<p>hi</p>", None), Format::Text);
    }

    #[test]
    fn hints_from_extensions_and_media_types() {
        assert_eq!(FormatHint::from_extension("MD"), Some(FormatHint::Markdown));
        assert_eq!(FormatHint::from_extension("rs"), None);
        assert_eq!(FormatHint::from_media_type("text/plain"), FormatHint::Text);
        assert_eq!(FormatHint::from_media_type("application/xhtml+xml"), FormatHint::Html);
    }
}
