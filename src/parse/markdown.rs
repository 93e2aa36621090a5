//! Markdown through pulldown-cmark: headings, paragraphs, list items, quotes, code and tables
//! become blocks; emphasis, links, code and images are kept as the blocks' inlines.
//! YAML front matter (as folio's own clean copies carry) fills the metadata. A heading's anchor
//! is the slug GitHub gives it (heading attributes, `{#id}`, are not read: that option would
//! change the text of headings written with braces).

use super::Parsed;
use crate::article::{Block, BlockKind, Inline, Meta};
use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd, TextMergeWithOffset};
use std::ops::Range;

/// Parses Markdown; `url` is the page's own address, if known, against which relative links
/// and images are made absolute.
pub fn parse(text: &str, url: Option<&str>) -> Parsed {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    let mut builder = Builder::new(text);
    builder.base = url.and_then(|u| url::Url::parse(u).ok());
    // pulldown-cmark splits a run of text where it met an escape or a would-be delimiter (`\~~`
    // comes as `~` and `~`); escaping looks at neighbours, so it sees the run whole. Inline HTML
    // tags are left out of the copy, so the text on either side of one is one run as well.
    let events = Parser::new_ext(text, options).into_offset_iter().filter(|(e, _)| !matches!(e, Event::InlineHtml(_)));
    for (event, range) in TextMergeWithOffset::new(events) {
        builder.event(event, range);
    }
    builder.close(text.len());
    builder.close_frames();
    Parsed { blocks: builder.blocks, meta: builder.meta, ..Parsed::default() }
}

struct Open {
    block: Block,
    start: usize,
    /// A list item whose text is complete (a nested list or second paragraph follows).
    item_done: bool,
}

/// An inline element begun and not yet ended, with what it holds so far.
enum Frame {
    Emphasis,
    Strong,
    Strikethrough,
    Link(String),
    Image(String),
}

struct Builder<'a> {
    source: &'a str,
    line_starts: Vec<usize>,
    blocks: Vec<Block>,
    meta: Meta,
    open: Option<Open>,
    lists: Vec<Option<u64>>,
    quotes: u8,
    /// The inline content of the open block (or table cell) so far.
    inlines: Vec<Inline>,
    /// Inline elements begun and not ended, outermost first, each with its content so far.
    frames: Vec<(Frame, Vec<Inline>)>,
    table_row: Vec<(String, Vec<Inline>)>,
    table_rows: Vec<Vec<(String, Vec<Inline>)>>,
    table_cell: String,
    in_front_matter: bool,
    front_matter: String,
    /// The page's own address, when known: relative links and images are read against it.
    base: Option<url::Url>,
    /// The headings' slugs so far.
    slugs: Slugs,
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
            inlines: Vec::new(),
            frames: Vec::new(),
            table_row: Vec::new(),
            table_rows: Vec::new(),
            table_cell: String::new(),
            in_front_matter: false,
            front_matter: String::new(),
            base: None,
            slugs: Slugs::default(),
        }
    }

    /// A link's or image's address, absolute where it was relative and the page's address is known.
    fn resolve(&self, dest: &str) -> String {
        match (&self.base, url::Url::parse(dest)) {
            (Some(base), Err(url::ParseError::RelativeUrlWithoutBase)) if !dest.is_empty() => {
                base.join(dest).map_or_else(|_| dest.to_string(), |u| u.to_string())
            }
            _ => dest.to_string(),
        }
    }

    fn line_of(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&s| s <= offset).max(1)
    }

    fn begin(&mut self, kind: BlockKind, start: usize) {
        self.close(start);
        let mut block = Block::new(kind, String::new(), [0, 0]);
        block.depth = if kind == BlockKind::Quote { self.quotes } else { self.lists.len().saturating_sub(1) as u8 };
        self.open = Some(Open { block, start, item_done: false });
    }

    /// Where inline content goes now: the innermost open element, else the block (or cell).
    fn sink(&mut self) -> &mut Vec<Inline> {
        match self.frames.last_mut() {
            Some((_, content)) => content,
            None => &mut self.inlines,
        }
    }

    fn push_inline(&mut self, inline: Inline) {
        let sink = self.sink();
        match (sink.last_mut(), inline) {
            (Some(Inline::Text(last)), Inline::Text(more)) => last.push_str(&more),
            (_, inline) => sink.push(inline),
        }
    }

    /// Ends the innermost open inline element, putting it in the one around it.
    fn end_frame(&mut self) {
        let Some((frame, content)) = self.frames.pop() else { return };
        let inline = match frame {
            Frame::Emphasis => Inline::Emphasis(content),
            Frame::Strong => Inline::Strong(content),
            Frame::Strikethrough => Inline::Strikethrough(content),
            Frame::Link(url) => Inline::Link { url, content },
            Frame::Image(url) => Inline::Image { alt: crate::article::plain_text(&content), url },
        };
        self.push_inline(inline);
    }

    /// Ends every open inline element, and hands over the inline content gathered.
    fn close_frames(&mut self) -> Vec<Inline> {
        while !self.frames.is_empty() {
            self.end_frame();
        }
        std::mem::take(&mut self.inlines)
    }

    /// Finishes the open block at byte `end` (exclusive); empty blocks are dropped.
    fn close(&mut self, end: usize) {
        let mut inlines = self.close_frames();
        let Some(Open { mut block, start, .. }) = self.open.take() else { return };
        let trimmed_end = self.source[..end.max(start)].trim_end().len().max(start + 1);
        block.source_lines = Some([self.line_of(start), self.line_of(trimmed_end - 1)]);
        if block.kind == BlockKind::Code {
            block.text = block.text.trim_end_matches('\n').to_string();
        } else if block.kind != BlockKind::Table {
            block.text = block.text.trim().to_string();
            crate::article::trim_inlines(&mut inlines);
            // A paragraph that is one image and nothing else is that image.
            if let ([Inline::Image { url, .. }], BlockKind::Paragraph) = (&inlines[..], block.kind) {
                block.image = Some(crate::article::Image { alt: block.text.clone(), url: url.clone() });
            }
            // The inlines read as the text by construction; should they ever not, the block
            // keeps its text alone rather than a copy that reads otherwise.
            if crate::article::plain_text(&inlines) == block.text {
                let text = std::mem::take(&mut block.text);
                block.set_inlines(inlines);
                block.text = text;
            }
        }
        if !block.text.is_empty() {
            if block.kind == BlockKind::Heading {
                block.anchors.push(self.slugs.next(&block.text));
            }
            self.blocks.push(block);
        }
    }

    /// Begins a paragraph (or quote) for inline content where no block takes it.
    fn ensure_block(&mut self, start: usize) {
        if self.open.as_ref().is_none_or(|o| o.item_done) {
            let kind = if self.quotes > 0 { BlockKind::Quote } else { BlockKind::Paragraph };
            self.begin(kind, start);
        }
    }

    /// Text, read as `inline`, at byte `start` of the input.
    fn push(&mut self, text: &str, inline: Inline, start: usize) {
        self.ensure_block(start);
        if let Some(open) = self.open.as_mut() {
            open.block.text.push_str(text);
        }
        self.push_inline(inline);
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
                    self.push(&t, Inline::Text(t.to_string()), range.start);
                }
            }
            Event::Html(t) => {
                if let Some(open) = self.open.as_mut() {
                    open.block.text.push_str(&t);
                }
                self.push_inline(Inline::Html(t.to_string()));
            }
            Event::Code(t) => self.push(&t, Inline::Code(t.to_string()), range.start),
            Event::InlineMath(t) | Event::DisplayMath(t) => self.push(&t, Inline::Text(t.to_string()), range.start),
            Event::SoftBreak => self.push(" ", Inline::Text(" ".into()), range.start),
            // A hard break is kept, as the HTML reader keeps a `<br>`, so a copy keeps its breaks.
            Event::HardBreak => self.push("\n", Inline::Break, range.start),
            Event::TaskListMarker(done) => {
                let mark = if done { "[x] " } else { "[ ] " };
                self.push(mark, Inline::Text(mark.into()), range.start)
            }
            Event::FootnoteReference(name) => {
                let mark = format!("[^{name}]");
                self.push(&mark, Inline::Text(mark.clone()), range.start)
            }
            Event::Start(
                tag @ (Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. } | Tag::Image { .. }),
            ) => {
                self.ensure_block(range.start);
                let frame = match tag {
                    Tag::Emphasis => Frame::Emphasis,
                    Tag::Strong => Frame::Strong,
                    Tag::Strikethrough => Frame::Strikethrough,
                    Tag::Link { dest_url, .. } => Frame::Link(self.resolve(&dest_url)),
                    Tag::Image { dest_url, .. } => Frame::Image(self.resolve(&dest_url)),
                    _ => return,
                };
                self.frames.push((frame, Vec::new()));
            }
            Event::End(TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link | TagEnd::Image) => {
                self.end_frame()
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
                let text = std::mem::take(&mut self.table_cell);
                let mut inlines = self.close_frames();
                crate::article::trim_inlines(&mut inlines);
                self.table_row.push((text.trim().to_string(), inlines));
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
                    open.block.set_cells(rows.into_iter().map(|r| r.into_iter().map(|c| c.1).collect()).collect());
                }
                self.close(range.end);
                true
            }
            Event::Text(t) => {
                self.table_cell.push_str(t);
                self.push_inline(Inline::Text(t.to_string()));
                true
            }
            Event::Code(t) => {
                self.table_cell.push_str(t);
                self.push_inline(Inline::Code(t.to_string()));
                true
            }
            _ => false,
        }
    }
}

/// The anchors GitHub gives a document's headings: each heading's text lower-cased, its spaces
/// made `-`, everything but letters, digits, `-` and `_` left out; a slug met before gets
/// `-1`, `-2`… (the first free one), as github-slugger does.
#[derive(Debug, Default)]
struct Slugs {
    /// Every slug given, with how many times its plain form has been asked for again.
    given: std::collections::HashMap<String, usize>,
}

impl Slugs {
    /// The slug of a heading that reads `text`, unique in the document.
    fn next(&mut self, text: &str) -> String {
        let plain: String = text
            .chars()
            .flat_map(char::to_lowercase)
            .filter(|&c| c.is_alphanumeric() || matches!(c, '-' | '_' | ' '))
            .map(|c| if c == ' ' { '-' } else { c })
            .collect();
        let mut slug = plain.clone();
        while self.given.contains_key(&slug) {
            let repeats = self.given.entry(plain.clone()).or_insert(0);
            *repeats += 1;
            slug = format!("{plain}-{repeats}");
        }
        self.given.insert(slug.clone(), 0);
        slug
    }
}

/// The few `key: value` lines of YAML front matter folio writes and commonly meets.
fn front_matter(yaml: &str) -> Meta {
    let mut meta = Meta::default();
    for (key, value) in crate::text::front_matter::fields(yaml) {
        let slot = match key.to_ascii_lowercase().as_str() {
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
    if meta.site.is_some() {
        meta.reasons.insert("site".into(), "the front matter".into());
    }
    meta
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_md(md: &str) -> Parsed {
        parse(md, None)
    }

    #[test]
    fn relative_links_and_images_are_read_against_the_page_address() {
        let md = "See [the report](report.pdf) and [this](https://a.org/x).\n\n![A diagram](img/diagram.png)\n";
        let parsed = parse(md, Some("https://example.org/notes/page.md"));
        let written: Vec<String> =
            parsed.blocks.iter().map(|b| crate::export::markdown::inline_markdown(&b.inline_content())).collect();
        assert_eq!(written[0], "See [the report](https://example.org/notes/report.pdf) and [this](https://a.org/x).");
        assert_eq!(
            parsed.blocks[1].image.as_ref().map(|i| i.url.as_str()),
            Some("https://example.org/notes/img/diagram.png")
        );
        // With no address known they stay as they are.
        let parsed = parse(md, None);
        assert_eq!(parsed.blocks[1].image.as_ref().map(|i| i.url.as_str()), Some("img/diagram.png"));
    }

    fn kinds(md: &str) -> Vec<(BlockKind, String)> {
        parse(md, None).blocks.into_iter().map(|b| (b.kind, b.text)).collect()
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
        let blocks = parse_md("Some **bold** and *em* and [x](http://a.b/c) and `code`.\n").blocks;
        let written = crate::export::markdown::inline_markdown(&blocks[0].inline_content());
        assert_eq!(written, "Some **bold** and *em* and [x](http://a.b/c) and `code`.");
    }

    #[test]
    fn nested_list_items_have_depth_and_lines() {
        let blocks = parse_md("- outer\n  - inner\n- last\n").blocks;
        let got: Vec<_> = blocks.iter().map(|b| (b.text.as_str(), b.depth, b.source_lines)).collect();
        assert_eq!(got, [("outer", 0, Some([1, 1])), ("inner", 1, Some([2, 2])), ("last", 0, Some([3, 3]))]);
    }

    #[test]
    fn headings_are_anchored_by_their_github_slug() {
        let md = "# Getting Started!\n\nText.\n\n## Set-up & `cargo_test`\n\n## Getting started\n\n\
                  ## Getting Started\n\n## Getting started 1\n\n## Ünïcode Ärger\n\nText.\n";
        let anchors: Vec<(String, Vec<String>)> =
            parse_md(md).blocks.into_iter().map(|b| (b.text, b.anchors)).collect();
        let want = [
            ("Getting Started!", vec!["getting-started"]),
            ("Text.", vec![]),
            ("Set-up & cargo_test", vec!["set-up--cargo_test"]),
            ("Getting started", vec!["getting-started-1"]),
            ("Getting Started", vec!["getting-started-2"]),
            // Its own slug was taken by the repeat before it: it gets the next free one.
            ("Getting started 1", vec!["getting-started-1-1"]),
            ("Ünïcode Ärger", vec!["ünïcode-ärger"]),
            ("Text.", vec![]),
        ];
        let want: Vec<(String, Vec<String>)> =
            want.iter().map(|(t, a)| (t.to_string(), a.iter().map(|s| s.to_string()).collect())).collect();
        assert_eq!(anchors, want);
    }

    #[test]
    fn heading_attributes_stay_text() {
        let blocks = parse_md("## Install {#setup}\n").blocks;
        assert_eq!(blocks[0].text, "Install {#setup}");
        assert_eq!(blocks[0].anchors, ["install-setup"]);
    }

    #[test]
    fn front_matter_fills_meta() {
        let parsed = parse_md("---\ntitle: \"A: \\\"quoted\\\" title\"\nauthor: 'Jo'\n---\n\nBody.\n");
        assert_eq!(parsed.meta.title.as_deref(), Some("A: \"quoted\" title"));
        assert_eq!(parsed.meta.byline.as_deref(), Some("Jo"));
        assert_eq!(parsed.blocks.len(), 1);
        assert_eq!(parsed.blocks[0].source_lines, Some([6, 6]));
    }
}
