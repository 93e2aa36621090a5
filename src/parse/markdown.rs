//! Markdown through pulldown-cmark: headings, paragraphs, list items, quotes, code and tables
//! become blocks; emphasis, links and images are kept as inline Markdown for the clean copy.
//! YAML front matter (as folio's own clean copies carry) fills the metadata.

use super::{Parsed, escape_inline};
use crate::article::{Block, BlockKind, Meta};
use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd, TextMergeWithOffset};
use std::ops::Range;

pub fn parse(text: &str) -> Parsed {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    let mut builder = Builder::new(text);
    // pulldown-cmark splits a run of text where it met an escape or a would-be delimiter (`\~~`
    // comes as `~` and `~`); escaping looks at neighbours, so it sees the run whole. Inline HTML
    // tags are left out of the copy, so the text on either side of one is one run as well.
    let events = Parser::new_ext(text, options).into_offset_iter().filter(|(e, _)| !matches!(e, Event::InlineHtml(_)));
    for (event, range) in TextMergeWithOffset::new(events) {
        builder.event(event, range);
    }
    builder.close(text.len());
    Parsed { blocks: builder.blocks, meta: builder.meta, ..Parsed::default() }
}

struct Open {
    block: Block,
    start: usize,
    /// Links met so far: their text and destination, placed once the text is final.
    found_links: Vec<(String, String)>,
    /// A list item whose text is complete (a nested list or second paragraph follows).
    item_done: bool,
    /// The address of the last image met in the block.
    image: Option<String>,
}

struct Builder<'a> {
    source: &'a str,
    line_starts: Vec<usize>,
    blocks: Vec<Block>,
    meta: Meta,
    open: Option<Open>,
    lists: Vec<Option<u64>>,
    quotes: u8,
    /// Open links and images: destination, and where the link's text starts (images: None).
    links: Vec<(String, Option<usize>)>,
    table_row: Vec<(String, String)>,
    table_rows: Vec<Vec<(String, String)>>,
    table_cell: (String, String),
    in_front_matter: bool,
    front_matter: String,
}

impl<'a> Builder<'a> {
    fn new(source: &'a str) -> Self {
        let line_starts = std::iter::once(0).chain(source.match_indices('\n').map(|(i, _)| i + 1)).collect();
        Builder {
            source,
            line_starts,
            blocks: Vec::new(),
            meta: Meta::default(),
            open: None,
            lists: Vec::new(),
            quotes: 0,
            links: Vec::new(),
            table_row: Vec::new(),
            table_rows: Vec::new(),
            table_cell: (String::new(), String::new()),
            in_front_matter: false,
            front_matter: String::new(),
        }
    }

    fn line_of(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&s| s <= offset).max(1)
    }

    fn begin(&mut self, kind: BlockKind, start: usize) {
        self.close(start);
        let mut block = Block::new(kind, String::new(), [0, 0]);
        block.depth = if kind == BlockKind::Quote { self.quotes } else { self.lists.len().saturating_sub(1) as u8 };
        self.open = Some(Open { block, start, found_links: Vec::new(), item_done: false, image: None });
    }

    /// Finishes the open block at byte `end` (exclusive); empty blocks are dropped.
    fn close(&mut self, end: usize) {
        let Some(Open { mut block, start, found_links, image, .. }) = self.open.take() else { return };
        let trimmed_end = self.source[..end.max(start)].trim_end().len().max(start + 1);
        block.source_lines = Some([self.line_of(start), self.line_of(trimmed_end - 1)]);
        if block.kind == BlockKind::Code {
            block.text = block.text.trim_end_matches('\n').to_string();
        } else {
            block.text = block.text.trim().to_string();
            block.markdown = block.markdown.trim().to_string();
        }
        // A paragraph that is one image and nothing else is that image.
        let only_image = block.kind == BlockKind::Paragraph
            && block.markdown.starts_with("![")
            && block.markdown.ends_with(')')
            && block.markdown.matches("![").count() == 1
            && block.markdown.matches("](").count() == 1;
        if let (true, Some(url)) = (only_image, image) {
            block.image = Some(crate::article::Image { alt: block.text.clone(), url });
        }
        block.links = crate::article::locate_links(&block.text, found_links);
        if !block.text.is_empty() {
            self.blocks.push(block);
        }
    }

    fn push(&mut self, text: &str, markdown: &str, start: usize) {
        if self.open.as_ref().is_none_or(|o| o.item_done) {
            let kind = if self.quotes > 0 { BlockKind::Quote } else { BlockKind::Paragraph };
            self.begin(kind, start);
        }
        if let Some(open) = self.open.as_mut() {
            open.block.text.push_str(text);
            open.block.markdown.push_str(markdown);
        }
    }

    fn push_markup(&mut self, markdown: &str) {
        if let Some(open) = self.open.as_mut() {
            open.block.markdown.push_str(markdown);
        }
    }

    fn in_item(&self) -> bool {
        self.open.as_ref().is_some_and(|o| o.block.kind == BlockKind::ListItem && !o.item_done)
    }

    fn event(&mut self, event: Event<'_>, range: Range<usize>) {
        if self.in_front_matter {
            match event {
                Event::Text(t) => self.front_matter.push_str(&t),
                Event::End(TagEnd::MetadataBlock(_)) => {
                    self.in_front_matter = false;
                    self.meta = front_matter(&self.front_matter);
                }
                _ => {}
            }
            return;
        }
        if self.in_table() && self.table_event(&event, &range) {
            return;
        }
        match event {
            Event::Start(Tag::MetadataBlock(_)) => self.in_front_matter = true,
            Event::Start(Tag::Heading { level, .. }) => {
                self.begin(BlockKind::Heading, range.start);
                if let Some(open) = self.open.as_mut() {
                    open.block.level = Some(level as u8);
                }
            }
            Event::End(TagEnd::Heading(_)) | Event::End(TagEnd::CodeBlock) | Event::End(TagEnd::HtmlBlock) => {
                self.close(range.end)
            }
            Event::Start(Tag::Paragraph)
                if !self.in_item() || self.open.as_ref().is_some_and(|o| !o.block.text.is_empty()) =>
            {
                let kind = if self.quotes > 0 { BlockKind::Quote } else { BlockKind::Paragraph };
                self.begin(kind, range.start);
            }
            Event::End(TagEnd::Paragraph) => {
                if self.in_item() {
                    if let Some(open) = self.open.as_mut() {
                        open.item_done = true;
                    }
                } else {
                    self.close(range.end);
                }
            }
            Event::Start(Tag::List(first)) => {
                if let Some(open) = self.open.as_mut() {
                    open.item_done = true;
                }
                self.lists.push(first);
            }
            Event::End(TagEnd::List(_)) => {
                self.close(range.end);
                self.lists.pop();
            }
            Event::Start(Tag::Item) => self.begin(BlockKind::ListItem, range.start),
            Event::End(TagEnd::Item) => self.close(range.end),
            Event::Start(Tag::BlockQuote(_)) => {
                self.close(range.start);
                self.quotes = self.quotes.saturating_add(1);
            }
            Event::End(TagEnd::BlockQuote(_)) => {
                self.close(range.end);
                self.quotes = self.quotes.saturating_sub(1);
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                self.begin(BlockKind::Code, range.start);
                if let (Some(open), CodeBlockKind::Fenced(lang)) = (self.open.as_mut(), kind) {
                    open.block.language = lang.trim().to_string();
                }
            }
            Event::Start(Tag::HtmlBlock) => self.begin(BlockKind::Other, range.start),
            Event::Start(Tag::Table(_)) => {
                self.begin(BlockKind::Table, range.start);
                self.table_rows.clear();
            }
            Event::Text(t) => {
                if self.open.as_ref().is_some_and(|o| o.block.kind == BlockKind::Code) {
                    if let Some(open) = self.open.as_mut() {
                        open.block.text.push_str(&t);
                    }
                } else {
                    self.push(&t, &escape_inline(&t), range.start);
                }
            }
            Event::Html(t) => {
                if let Some(open) = self.open.as_mut() {
                    open.block.text.push_str(&t);
                    open.block.markdown.push_str(&t);
                }
            }
            Event::Code(t) => self.push(&t, &code_span(&t), range.start),
            Event::InlineMath(t) | Event::DisplayMath(t) => self.push(&t, &escape_inline(&t), range.start),
            Event::SoftBreak => self.push(" ", " ", range.start),
            // A hard break is kept, as the HTML reader keeps a `<br>`, so a copy keeps its breaks.
            Event::HardBreak => self.push("\n", "  \n", range.start),
            Event::TaskListMarker(done) => {
                let mark = if done { "[x] " } else { "[ ] " };
                self.push(mark, mark, range.start)
            }
            Event::FootnoteReference(name) => self.push(&format!("[^{name}]"), &format!("[^{name}]"), range.start),
            Event::Start(Tag::Emphasis) | Event::End(TagEnd::Emphasis) => self.push_markup("*"),
            Event::Start(Tag::Strong) | Event::End(TagEnd::Strong) => self.push_markup("**"),
            Event::Start(Tag::Strikethrough) | Event::End(TagEnd::Strikethrough) => self.push_markup("~~"),
            Event::Start(Tag::Link { dest_url, .. }) => {
                self.push("", "[", range.start);
                let start = self.open.as_ref().map(|o| o.block.text.len());
                self.links.push((dest_url.to_string(), start));
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                self.push("", "![", range.start);
                self.links.push((dest_url.to_string(), None));
            }
            Event::End(TagEnd::Link) | Event::End(TagEnd::Image) => {
                let (url, start) = self.links.pop().unwrap_or_default();
                self.push_markup(&format!("]({})", link_destination(&url)));
                match (start, self.open.as_mut()) {
                    (Some(start), Some(open)) => {
                        let label = open.block.text.get(start..).unwrap_or("").to_string();
                        open.found_links.push((label, url));
                    }
                    (None, Some(open)) => open.image = Some(url),
                    _ => {}
                }
            }
            _ => {}
        }
    }

    fn in_table(&self) -> bool {
        self.open.as_ref().is_some_and(|o| o.block.kind == BlockKind::Table)
    }

    /// Table cells are gathered row by row; returns whether the event was a table's own.
    fn table_event(&mut self, event: &Event<'_>, range: &Range<usize>) -> bool {
        match event {
            Event::Start(Tag::TableHead | Tag::TableRow | Tag::TableCell) => true,
            Event::End(TagEnd::TableCell) => {
                let cell = std::mem::take(&mut self.table_cell);
                self.table_row.push((cell.0.trim().to_string(), cell.1.trim().to_string()));
                true
            }
            Event::End(TagEnd::TableHead | TagEnd::TableRow) => {
                let row = std::mem::take(&mut self.table_row);
                self.table_rows.push(row);
                true
            }
            Event::End(TagEnd::Table) => {
                let rows = std::mem::take(&mut self.table_rows);
                if let Some(open) = self.open.as_mut() {
                    open.block.text = rows
                        .iter()
                        .map(|r| r.iter().map(|c| c.0.as_str()).collect::<Vec<_>>().join(" | "))
                        .collect::<Vec<_>>()
                        .join("\n");
                    open.block.markdown = table_markdown(&rows);
                }
                self.close(range.end);
                true
            }
            Event::Text(t) => {
                self.table_cell.0.push_str(t);
                self.table_cell.1.push_str(&escape_inline(t).replace('|', "\\|"));
                true
            }
            Event::Code(t) => {
                self.table_cell.0.push_str(t);
                self.table_cell.1.push_str(&code_span(t).replace('|', "\\|"));
                true
            }
            Event::Start(Tag::Emphasis) | Event::End(TagEnd::Emphasis) => {
                self.table_cell.1.push('*');
                true
            }
            Event::Start(Tag::Strong) | Event::End(TagEnd::Strong) => {
                self.table_cell.1.push_str("**");
                true
            }
            _ => false,
        }
    }
}

fn table_markdown(rows: &[Vec<(String, String)>]) -> String {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut out = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        let mut cells: Vec<&str> = row.iter().map(|c| c.1.as_str()).collect();
        cells.resize(columns, "");
        out.push(format!("| {} |", cells.join(" | ")));
        if i == 0 {
            out.push(format!("|{}", " --- |".repeat(columns)));
        }
    }
    out.join("\n")
}

fn code_span(code: &str) -> String {
    let mut fence = "`".to_string();
    while code.contains(fence.as_str()) {
        fence.push('`');
    }
    let pad = if code.starts_with('`') || code.ends_with('`') { " " } else { "" };
    format!("{fence}{pad}{code}{pad}{fence}")
}

/// A link destination that Markdown reads back unchanged: spaces and parentheses need `<…>`.
pub(crate) fn link_destination(url: &str) -> String {
    if url.contains([' ', '(', ')']) { format!("<{}>", url.replace('>', "%3E")) } else { url.to_string() }
}

/// The few `key: value` lines of YAML front matter folio writes and commonly meets.
fn front_matter(yaml: &str) -> Meta {
    let mut meta = Meta::default();
    for line in yaml.lines() {
        let Some((key, value)) = line.split_once(':') else { continue };
        let value = unquote(value.trim());
        if value.is_empty() {
            continue;
        }
        let slot = match key.trim().to_ascii_lowercase().as_str() {
            "title" => &mut meta.title,
            "author" | "byline" => &mut meta.byline,
            "published" | "date" => &mut meta.published,
            "site" | "site_name" => &mut meta.site,
            "url" | "source" => &mut meta.url,
            "generator" => &mut meta.generator,
            _ => continue,
        };
        *slot = Some(value);
    }
    meta
}

fn unquote(value: &str) -> String {
    if let Some(inner) = value.strip_prefix('"').and_then(|v| v.strip_suffix('"')) {
        let mut out = String::new();
        let mut chars = inner.chars();
        while let Some(c) = chars.next() {
            if c == '\\' {
                match chars.next() {
                    Some('n') => out.push('\n'),
                    Some('t') => out.push('\t'),
                    Some(other) => out.push(other),
                    None => {}
                }
            } else {
                out.push(c);
            }
        }
        out
    } else if let Some(inner) = value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')) {
        inner.replace("''", "'")
    } else {
        value.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(md: &str) -> Vec<(BlockKind, String)> {
        parse(md).blocks.into_iter().map(|b| (b.kind, b.text)).collect()
    }

    #[test]
    fn blocks_of_each_kind() {
        let md = "# Title\n\nA *para* with [a link](http://x.org).\n\n- one\n- two\n\n> quoted\n\n```rust\nlet x = 1;\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n";
        let got = kinds(md);
        let want = [
            (BlockKind::Heading, "Title"),
            (BlockKind::Paragraph, "A para with a link."),
            (BlockKind::ListItem, "one"),
            (BlockKind::ListItem, "two"),
            (BlockKind::Quote, "quoted"),
            (BlockKind::Code, "let x = 1;"),
            (BlockKind::Table, "a | b\n1 | 2"),
        ];
        assert_eq!(got.len(), want.len(), "{got:?}");
        for ((k, t), (wk, wt)) in got.iter().zip(want) {
            assert_eq!((*k, t.as_str()), (wk, wt));
        }
    }

    #[test]
    fn inline_markdown_is_kept_for_export() {
        let blocks = parse("Some **bold** and *em* and [x](http://a.b/c) and `code`.\n").blocks;
        assert_eq!(blocks[0].markdown, "Some **bold** and *em* and [x](http://a.b/c) and `code`.");
    }

    #[test]
    fn nested_list_items_have_depth_and_lines() {
        let blocks = parse("- outer\n  - inner\n- last\n").blocks;
        let got: Vec<_> = blocks.iter().map(|b| (b.text.as_str(), b.depth, b.source_lines)).collect();
        assert_eq!(got, [("outer", 0, Some([1, 1])), ("inner", 1, Some([2, 2])), ("last", 0, Some([3, 3]))]);
    }

    #[test]
    fn front_matter_fills_meta() {
        let parsed = parse("---\ntitle: \"A: \\\"quoted\\\" title\"\nauthor: 'Jo'\n---\n\nBody.\n");
        assert_eq!(parsed.meta.title.as_deref(), Some("A: \"quoted\" title"));
        assert_eq!(parsed.meta.byline.as_deref(), Some("Jo"));
        assert_eq!(parsed.blocks.len(), 1);
        assert_eq!(parsed.blocks[0].source_lines, Some([6, 6]));
    }
}
