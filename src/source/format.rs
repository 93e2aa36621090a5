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

/// Elements an HTML fragment (a feed item's body, a mail's HTML part) starts with.
const FRAGMENT_STARTS: &[&str] = &[
    "p",
    "div",
    "article",
    "section",
    "main",
    "header",
    "table",
    "a",
    "span",
    "img",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "dl",
    "blockquote",
    "pre",
    "br",
    "hr",
    "em",
    "strong",
    "b",
    "i",
    "font",
    "center",
    "style",
    "title",
    "link",
];

/// Whether a page whose text begins with `head` is HTML; `has_tag_end` says whether a `>`
/// occurs anywhere in it. Looks at the first 512 characters of `head` at most (2048 to tell
/// a fragment by its tags). Without a hint of plain text or Markdown, an HTML fragment is
/// HTML too: text that starts with one of `FRAGMENT_STARTS` or is mostly tags.
pub fn is_html(head: &str, has_tag_end: bool, hint: Option<FormatHint>) -> bool {
    let trimmed = head.trim_start_matches('\u{FEFF}').trim_start();
    let start: String = trimmed.chars().take(512).collect();
    let start = start.to_ascii_lowercase();
    let may_be_fragment = matches!(hint, None | Some(FormatHint::Html)) && has_tag_end;
    start.starts_with("<!doctype html")
        || start.starts_with("<html")
        || (start.starts_with("<?xml") && start.contains("<html"))
        || ((start.starts_with("<head") || start.starts_with("<body") || start.starts_with("<meta")) && has_tag_end)
        || (hint == Some(FormatHint::Html) && start.starts_with('<'))
        || (may_be_fragment && (starts_with_element(&start) || mostly_tags(trimmed)))
}

/// Whether `start` (lower case) opens with an element of `FRAGMENT_STARTS` (`<p>`, `<div class=…>`).
fn starts_with_element(start: &str) -> bool {
    let Some(rest) = start.strip_prefix('<') else { return false };
    let name_end = rest.find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(rest.len());
    let after = rest[name_end..].chars().next();
    FRAGMENT_STARTS.contains(&&rest[..name_end]) && matches!(after, Some('>' | ' ' | '/' | '\n' | '\t' | '\r'))
}

/// Whether the first 2048 characters of `text` are mostly tags: at least four elements, and
/// their tags a quarter or more of the characters that are not spaces (a mail part written
/// `Hello,<br><b>…`), where text that only mentions a tag has one or two.
fn mostly_tags(text: &str) -> bool {
    let head: String = text.chars().take(2048).collect();
    let (mut tags, mut in_tags, mut inside) = (0, 0usize, false);
    let mut chars = head.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '<' && chars.peek().is_some_and(|n| n.is_ascii_alphabetic() || *n == '/') {
            inside = true;
            tags += 1;
        }
        if inside && !c.is_whitespace() {
            in_tags += 1;
        }
        if c == '>' {
            inside = false;
        }
    }
    let visible = head.chars().filter(|c| !c.is_whitespace()).count();
    tags >= 4 && in_tags * 4 >= visible
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
    }

    #[test]
    fn an_html_fragment_with_no_hint_is_html() {
        for fragment in [
            "<p>Hello <a href=\"/x\">world</a>.</p><p>Two.</p>",
            "  <div class=\"entry\">\n<p>A feed item.</p></div>",
            "<article><h2>Title</h2><p>Text.</p></article>",
            "<table><tr><td>1</td></tr></table>",
            "<a href=\"https://example.org/\">A link</a> and words after it.",
            "<P>Upper case.</P>",
            "Hello,<br><br>Your order <b>42</b> has <i>shipped</i>.<br>Thanks,<br>The shop",
        ] {
            assert_eq!(detect(fragment, None), Format::Html, "{fragment}");
        }
    }

    #[test]
    fn text_and_markdown_that_only_mention_tags_stay_what_they_are() {
        assert_eq!(detect("Use the <p> element for paragraphs.\n\nAnd <div> for the rest.\n", None), Format::Text);
        assert_eq!(detect("<pan> is no element.\n", None), Format::Text);
        assert_eq!(detect("<p>a file named .txt</p>", Some(FormatHint::Text)), Format::Text);
        let readme = "<p align=\"center\"><img src=\"logo.png\"></p>\n\n# Project\n\nWords.\n";
        assert_eq!(detect(readme, Some(FormatHint::Markdown)), Format::Markdown);
        assert_eq!(detect("a < b and c > d, so a <b> is not c.\n", None), Format::Text);
    }

    #[test]
    fn hints_from_extensions_and_media_types() {
        assert_eq!(FormatHint::from_extension("MD"), Some(FormatHint::Markdown));
        assert_eq!(FormatHint::from_extension("rs"), None);
        assert_eq!(FormatHint::from_media_type("text/plain"), FormatHint::Text);
        assert_eq!(FormatHint::from_media_type("application/xhtml+xml"), FormatHint::Html);
    }
}
