//! The clean copy: YAML front matter, then the story with its headings, lists, quotes,
//! emphasis and links; clutter, title and metadata left out of the body.

use crate::article::{Article, Block, BlockKind};
use crate::text::safe::strip;

/// The clean Markdown copy; `saved` is the time stamp written into the front matter.
pub fn clean_markdown(article: &Article, saved: &str) -> String {
    let mut out = front_matter(article, saved);
    // The depth the previous block was written at, when it was a list item.
    let mut previous_item: Option<usize> = None;
    for block in article.story() {
        // A block of nothing but control characters has nothing left to keep.
        if strip(block.markdown()).trim().is_empty() && strip(&block.text).trim().is_empty() {
            continue;
        }
        let is_item = block.kind == BlockKind::ListItem;
        // An item is nested at most one deeper than the item above it in the copy (whose
        // parent may have been left out), or it would read back at another depth.
        let depth = (block.depth as usize).min(previous_item.map_or(0, |d| d + 1));
        out.push_str(if is_item && previous_item.is_some() { "\n" } else { "\n\n" });
        out.push_str(&block_markdown(block, depth));
        previous_item = is_item.then_some(depth);
    }
    out.push('\n');
    out
}

fn front_matter(article: &Article, saved: &str) -> String {
    let meta = &article.meta;
    // A fetched page is recorded by the address its redirects ended at; a file by the URL it
    // states for itself (canonical, or front matter), else by its name.
    // A file by the URL it states for itself, else by its absolute path (the copy outlives
    // the folder it was made in); standard input by its URL only ("-" names nothing).
    let source = match article.source.kind {
        crate::article::SourceKind::Url => Some(article.source.name.clone()),
        crate::article::SourceKind::File => meta.url.clone().or_else(|| {
            let absolute = std::path::absolute(&article.source.name);
            Some(absolute.map_or_else(|_| article.source.name.clone(), |p| p.display().to_string()))
        }),
        crate::article::SourceKind::Stdin => meta.url.clone(),
    };
    let fields = [
        ("title", meta.title.clone()),
        ("source", source),
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

/// A block as Markdown that reads back as the same block; `depth` is a list item's nesting.
fn block_markdown(block: &Block, depth: usize) -> String {
    let stripped = strip(block.markdown());
    // Removing a control character can leave white space at an end, which a reader would drop.
    let inline = stripped.trim();
    match block.kind {
        BlockKind::Heading => {
            let level = block.level.unwrap_or(2).clamp(1, 6) as usize;
            format!("{} {}", "#".repeat(level), heading_line(inline))
        }
        BlockKind::ListItem => {
            // Lines after a hard break are indented to stay in the item.
            let indent = "  ".repeat(depth);
            format!("{indent}- {}", escape_lines(inline, &format!("\n{indent}  ")))
        }
        BlockKind::Quote => {
            let marker = "> ".repeat(block.depth.max(1) as usize);
            format!("{marker}{}", escape_lines(inline, &format!("\n{marker}")))
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
        BlockKind::Table => inline.lines().map(table_row).collect::<Vec<_>>().join("\n"),
        BlockKind::Other => inline.to_string(),
        BlockKind::Paragraph => escape_lines(inline, "\n"),
    }
}

/// The lines of a block (there is more than one after a hard break), each escaped at its
/// start, as any line of a paragraph can open a heading, list, quote, rule or setext
/// underline; joined by a hard break (two spaces) and `join`. A line left empty once control
/// characters are gone is dropped, as it would end the paragraph.
fn escape_lines(inline: &str, join: &str) -> String {
    let lines: Vec<String> =
        inline.split('\n').map(str::trim).filter(|l| !l.is_empty()).map(escape_line_start).collect();
    lines.join(&format!("  {join}"))
}

/// A table row without the spaces a removed control character leaves at a cell's edge (the
/// cell is read back trimmed).
fn table_row(line: &str) -> String {
    let mut row = line.trim().to_string();
    while row.contains("|  ") {
        row = row.replace("|  ", "| ");
    }
    while row.contains("  |") {
        row = row.replace("  |", " |");
    }
    row
}

/// A heading is one line, and a `#` at its end would read as a closing sequence.
fn heading_line(inline: &str) -> String {
    let mut line = inline.split('\n').map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(" ");
    if line.ends_with('#') {
        line.insert(line.len() - 1, '\\');
    }
    line
}

/// Text that would open a heading, quote, list, rule, setext underline or table at the start of
/// a line is escaped.
fn escape_line_start(line: &str) -> String {
    let first = line.chars().next();
    let ordered = {
        let digits = line.bytes().take_while(u8::is_ascii_digit).count();
        // `1.5 million` is no list item: a marker is followed by a space or the end of the line.
        digits > 0
            && digits <= 9
            && matches!(line.as_bytes().get(digits), Some(b'.' | b')'))
            && matches!(line.as_bytes().get(digits + 1), None | Some(b' ' | b'\t'))
    };
    // `:--- | ---` under a line with a `|` would make that line a table's head.
    let delimiter_row = first == Some(':') && line.chars().all(|c| matches!(c, ':' | '-' | '|' | ' ' | '\t'));
    if ordered {
        let digits = line.bytes().take_while(u8::is_ascii_digit).count();
        format!("{}\\{}", &line[..digits], &line[digits..])
    } else if delimiter_row || matches!(first, Some('#' | '>' | '-' | '+' | '=' | '|')) {
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
        assert_eq!(escape_line_start("1.5 million"), "1.5 million");
        assert_eq!(escape_line_start(":--- | ---"), "\\:--- | ---");
        assert_eq!(escape_line_start(":)"), ":)");
    }

    #[test]
    fn every_line_after_a_hard_break_is_escaped_too() {
        assert_eq!(escape_lines("a  \n=== \n- b", "\n"), "a  \n\\===  \n\\- b");
        assert_eq!(escape_lines("a  \n \n# b", "\n> "), "a  \n> \\# b");
    }

    #[test]
    fn a_heading_is_one_line_and_keeps_a_hash_at_its_end() {
        assert_eq!(heading_line("Item #"), "Item \\#");
        assert_eq!(heading_line("C#"), "C\\#");
        assert_eq!(heading_line("a  \nb"), "a b");
    }

    #[test]
    fn table_cells_lose_the_spaces_of_removed_control_characters() {
        assert_eq!(table_row("|  a | b  |"), "| a | b |");
    }
}
