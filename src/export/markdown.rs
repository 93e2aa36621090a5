//! The clean copy: YAML front matter, then the story with its headings, lists, quotes,
//! emphasis and links; clutter, title and metadata left out of the body.

use crate::article::{Article, Block, BlockKind};
use crate::text::safe::strip;

/// The clean Markdown copy; `saved` is the time stamp written into the front matter.
pub fn clean_markdown(article: &Article, saved: &str) -> String {
    let mut out = front_matter(article, saved);
    let mut previous: Option<&Block> = None;
    for block in article.story() {
        // A block of nothing but control characters has nothing left to keep.
        if strip(block.markdown()).trim().is_empty() && strip(&block.text).trim().is_empty() {
            continue;
        }
        let markdown = block_markdown(block);
        let tight = previous.is_some_and(|p| p.kind == BlockKind::ListItem && block.kind == BlockKind::ListItem);
        out.push_str(if tight { "\n" } else { "\n\n" });
        out.push_str(&markdown);
        previous = Some(block);
    }
    out.push('\n');
    out
}

fn front_matter(article: &Article, saved: &str) -> String {
    let meta = &article.meta;
    // A fetched page is recorded by the address its redirects ended at; a file by the URL it
    // states for itself (canonical, or front matter), else by its name.
    let source = match article.source.kind {
        crate::article::SourceKind::Url => article.source.name.clone(),
        _ => meta.url.clone().unwrap_or_else(|| article.source.name.clone()),
    };
    let fields = [
        ("title", meta.title.clone()),
        ("source", Some(source)),
        ("site", meta.site.clone()),
        ("author", meta.byline.clone()),
        ("published", meta.published.clone()),
        ("saved", Some(saved.to_string())),
        ("generator", Some(format!("folio {}", env!("CARGO_PKG_VERSION")))),
    ];
    let mut out = String::from("---\n");
    for (key, value) in fields {
        // A value of nothing but control characters and spaces is no value.
        if let Some(value) = value.filter(|v| !strip(v).trim().is_empty()) {
            out.push_str(&format!("{key}: {}\n", yaml_quote(&value)));
        }
    }
    out.push_str("---");
    out
}

/// A double-quoted YAML scalar: safe for colons, quotes, `#` and any character.
pub fn yaml_quote(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in strip(value).chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn block_markdown(block: &Block) -> String {
    let stripped = strip(block.markdown());
    // Removing a control character can leave white space at an end, which a reader would drop.
    let inline = stripped.trim();
    match block.kind {
        BlockKind::Heading => {
            let level = block.level.unwrap_or(2).clamp(1, 6) as usize;
            format!("{} {}", "#".repeat(level), inline)
        }
        BlockKind::ListItem => format!("{}- {}", "  ".repeat(block.depth as usize), escape_line_start(inline)),
        BlockKind::Quote => {
            let marker = "> ".repeat(block.depth.max(1) as usize);
            inline.lines().map(|l| format!("{marker}{}", escape_line_start(l))).collect::<Vec<_>>().join("\n")
        }
        BlockKind::Code => {
            let stripped = strip(&block.text);
            let text = stripped.trim_end();
            let mut fence = "```".to_string();
            while text.contains(fence.as_str()) {
                fence.push('`');
            }
            format!("{fence}{}\n{text}\n{fence}", strip(&block.language).trim())
        }
        BlockKind::Table | BlockKind::Other => inline.to_string(),
        BlockKind::Paragraph => escape_line_start(inline),
    }
}

/// Text that would open a heading, quote, list or rule at the start of a line is escaped.
fn escape_line_start(line: &str) -> String {
    let first = line.chars().next();
    let ordered = {
        let digits = line.bytes().take_while(u8::is_ascii_digit).count();
        digits > 0 && digits <= 9 && matches!(line.as_bytes().get(digits), Some(b'.' | b')'))
    };
    if ordered {
        let digits = line.bytes().take_while(u8::is_ascii_digit).count();
        format!("{}\\{}", &line[..digits], &line[digits..])
    } else if matches!(first, Some('#' | '>' | '-' | '+' | '=' | '|')) {
        format!("\\{line}")
    } else {
        line.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_values_survive_colons_and_quotes() {
        assert_eq!(yaml_quote("Title: a \"b\" \\ c"), r#""Title: a \"b\" \\ c""#);
    }

    #[test]
    fn line_starts_that_look_like_markup_are_escaped() {
        assert_eq!(escape_line_start("# 1 hit"), "\\# 1 hit");
        assert_eq!(escape_line_start("2019. A year"), "2019\\. A year");
        assert_eq!(escape_line_start("Plain"), "Plain");
    }
}
