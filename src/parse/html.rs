//! HTML through html5ever (via `scraper`): block-level elements become blocks with their
//! structure (headings, paragraphs, list items, quotes, code, data tables, figure captions,
//! images), links made absolute against the page's base URL, and for each block the hints
//! its place in the page gives (inside `<nav>`, in an element named `share-buttons`, inside
//! `<article>`, how much of it is link text). Metadata comes from `<title>`, Open Graph,
//! JSON-LD and `<link rel=canonical>`. The tree is walked without recursion, so that
//! absurdly deep pages cannot overflow the stack.

mod head;

use super::{DomHint, Landmark, Parsed};
use crate::article::{Block, BlockKind, Inline};
use ego_tree::NodeRef;
use scraper::{Html, Node};
use std::collections::HashMap;
use url::Url;

/// Elements whose content is never shown.
const HIDDEN: &[&str] = &[
    "script", "style", "template", "svg", "math", "iframe", "object", "embed", "select", "option", "datalist",
    "canvas", "audio", "video", "map", "head", "title", "button", "input", "textarea",
];

/// Elements that are a page's machinery, never its text, by element name (`*` for any) and a
/// class they carry: MediaWiki's "[edit]" link beside each section heading, and its citation
/// marks (`<sup class="reference">[1]</sup>`, a link to a note at the end of the page), which
/// kept as text would read as folio's own link markers `[1]`; a documentation theme's permalink
/// beside each heading (Sphinx and MkDocs `headerlink` "¶", Docusaurus `hash-link`, VitePress
/// `header-anchor` "#"), which would end every heading with its sign ("Sessions¶").
const MACHINERY: &[(&str, &str)] =
    &[("*", "mw-editsection"), ("sup", "reference"), ("a", "headerlink"), ("a", "hash-link"), ("a", "header-anchor")];

/// Elements that start a new block.
const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "nav",
    "aside",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "table",
    "tr",
    "td",
    "th",
    "figure",
    "figcaption",
    "form",
    "fieldset",
    "address",
    "details",
    "summary",
    "hr",
    "body",
    "center",
    "caption",
    "tbody",
    "thead",
    "tfoot",
    "menu",
    "hgroup",
    "legend",
];

/// Deeper nesting than this is flattened before parsing: no real page needs it, and the
/// HTML5 tree builder's work grows with the square of the depth.
const MAX_DEPTH: usize = 256;

pub fn parse(html: &str, page_url: Option<&str>) -> Parsed {
    let flattened = flatten_deep_nesting(html);
    let document = parse_without_scripting(flattened.as_deref().unwrap_or(html));
    let (mut meta, stated) = head::read(&document, page_url);
    let base = base_url(&document, page_url, meta.url.as_deref());
    if meta.url.is_none() {
        meta.url = page_url.map(str::to_string);
    }
    let cards = cards(&document);
    let mut walker = Walker {
        base,
        cards,
        blocks: Vec::new(),
        hints: Vec::new(),
        open: None,
        style: Style::default(),
        urls: Vec::new(),
        inline_elements: 0,
        code_breaks: 0,
        waiting_anchors: Vec::new(),
    };
    walker.walk(document.tree.root());
    walker.flush(false);
    // Anchors after the last block (an empty element at the page's end) lead to it.
    if let Some(last) = walker.blocks.last_mut() {
        last.anchors.append(&mut walker.waiting_anchors);
    }
    let posts = repeated_posts(&document);
    Parsed { blocks: walker.blocks, meta, dom: walker.hints, stated, posts }
}

/// Parses as a browser with scripting off would: `<noscript>` content is markup then, not one
/// raw text node (some sites, forums among them, serve their posts only there).
fn parse_without_scripting(html: &str) -> Html {
    use html5ever::tendril::TendrilSink;
    let mut opts = html5ever::ParseOpts::default();
    opts.tree_builder.scripting_enabled = false;
    html5ever::driver::parse_document(scraper::HtmlTreeSink::new(Html::new_document()), opts).one(html)
}

/// Elements that never have an end tag, or whose end tag may be left out (so that counting
/// them would overstate the depth of old pages that never close their `<p>`s).
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr", "p",
    "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "thead", "tbody", "tfoot", "colgroup", "html", "head",
    "body", "rb", "rt", "rp",
];

/// Drops the tags that open deeper than `MAX_DEPTH` (and their end tags), keeping all text.
/// Returns `None`, at the cost of one scan, when the page is not that deep.
fn flatten_deep_nesting(html: &str) -> Option<String> {
    let tags = scan_tags(html);
    let mut depth = 0usize;
    let mut too_deep = false;
    for tag in &tags {
        match tag.kind {
            TagKind::Open => depth += 1,
            TagKind::Close => depth = depth.saturating_sub(1),
            TagKind::Other => {}
        }
        too_deep |= depth > MAX_DEPTH;
    }
    if !too_deep {
        return None;
    }
    let mut out = String::with_capacity(html.len());
    let (mut depth, mut last) = (0usize, 0usize);
    for tag in tags {
        let keep = match tag.kind {
            TagKind::Open => {
                depth += 1;
                depth <= MAX_DEPTH
            }
            TagKind::Close => {
                depth = depth.saturating_sub(1);
                depth < MAX_DEPTH
            }
            TagKind::Other => true,
        };
        out.push_str(&html[last..tag.range.start]);
        if keep {
            out.push_str(&html[tag.range.clone()]);
        }
        last = tag.range.end;
    }
    out.push_str(&html[last..]);
    Some(out)
}

#[derive(PartialEq)]
enum TagKind {
    Open,
    Close,
    Other,
}

struct Tag {
    kind: TagKind,
    range: std::ops::Range<usize>,
}

/// The tags of a page, roughly (enough to count nesting): `<name …>`, `</name>`, and the rest
/// (comments, doctype, void and self-closing elements).
fn scan_tags(html: &str) -> Vec<Tag> {
    let bytes = html.as_bytes();
    let mut tags = Vec::new();
    let mut i = 0;
    while let Some(offset) = bytes[i..].iter().position(|&b| b == b'<') {
        let start = i + offset;
        let Some(len) = bytes[start..].iter().position(|&b| b == b'>') else { break };
        let end = start + len + 1;
        let inner = &html[start + 1..end - 1];
        let kind = if let Some(name) = inner.strip_prefix('/') {
            if name.starts_with(|c: char| c.is_ascii_alphabetic()) { TagKind::Close } else { TagKind::Other }
        } else if inner.starts_with(|c: char| c.is_ascii_alphabetic()) && !inner.ends_with('/') {
            let name: String =
                inner.chars().take_while(|c| c.is_ascii_alphanumeric()).collect::<String>().to_ascii_lowercase();
            if VOID.contains(&name.as_str()) { TagKind::Other } else { TagKind::Open }
        } else {
            TagKind::Other
        };
        tags.push(Tag { kind, range: start..end });
        i = end;
    }
    tags
}

fn base_url(document: &Html, page_url: Option<&str>, canonical: Option<&str>) -> Option<Url> {
    let page = page_url.or(canonical).and_then(|u| Url::parse(u).ok());
    let declared = document
        .tree
        .root()
        .descendants()
        .filter_map(|n| n.value().as_element())
        .find(|e| e.name() == "base")
        .and_then(|e| e.attr("href"));
    match (page, declared) {
        (Some(page), Some(href)) => page.join(href).ok().or(Some(page)),
        (None, Some(href)) => Url::parse(href).ok(),
        (page, None) => page,
    }
}

struct OpenBlock {
    kind: BlockKind,
    level: Option<u8>,
    depth: u8,
    text: String,
    /// The same text as runs of one style each, a line break a run of its own.
    runs: Vec<Run>,
    /// A data table's rows of cells, each cell its runs (empty cells kept).
    rows: Vec<Vec<Vec<Run>>>,
    link_chars: usize,
    hint: DomHint,
    /// The anchors met inside the block, each with the length of `text` where its element began.
    anchors: Vec<(String, usize)>,
}

/// The inline markup the walk is inside: the emphasis, strong and link elements, outermost
/// first (one inside another of its kind adds nothing), and how many code elements.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Style {
    marks: Vec<Mark>,
    code: u16,
}

/// An inline element that holds text: emphasis and strong by their element's number in the
/// walk, a link by its number among the page's links.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    Emphasis(usize),
    Strong(usize),
    Link(usize),
}

/// Text of one style, or a line break.
#[derive(Debug, Clone)]
struct Run {
    text: String,
    style: Style,
    line_break: bool,
}

struct Walker {
    base: Option<Url>,
    /// The page's repeated classes (cards) and the posts among their elements.
    cards: Cards,
    blocks: Vec<Block>,
    hints: Vec<DomHint>,
    open: Option<OpenBlock>,
    /// The inline elements the walk is inside.
    style: Style,
    /// Every link met, by its number: where it points.
    urls: Vec<String>,
    /// Inline elements met so far.
    inline_elements: usize,
    /// Line breaks a code block owes: lines that ended (a line element closed) with no
    /// newline of their own, written before the next text unless it brings its own.
    code_breaks: usize,
    /// Anchors met where no block was open (or left at an interrupted block's end, or on an
    /// element that made no block), for the next block to take.
    waiting_anchors: Vec<String>,
}

/// What the walker does when it leaves an element: a block ends, or an inline element whose
/// style the walk had before it (to go back to).
enum Exit {
    Flush,
    Inline(Style),
    /// A line of a code block ends (a block element or a `…-line` element inside `<pre>`);
    /// the length of the block's text when the element began.
    CodeLine(usize),
    Nothing,
}

impl Walker {
    fn resolve(&self, href: &str) -> String {
        match &self.base {
            Some(base) => base.join(href).map(|u| u.to_string()).unwrap_or_else(|_| href.to_string()),
            None => href.to_string(),
        }
    }

    fn walk(&mut self, root: NodeRef<'_, Node>) {
        // Explicit stack of (node, exit action when its children are done).
        let mut stack: Vec<(NodeRef<'_, Node>, Option<Exit>)> = vec![(root, None)];
        // Ancestors' context: element names and their class/id tokens, with list depth.
        let mut path: Vec<Frame> = Vec::new();
        let streamed = streamed_boundaries(root);
        let mut placed: Vec<&str> = Vec::new();
        let page_text = text_len(root);
        while let Some((node, exit)) = stack.pop() {
            if let Some(exit) = exit {
                path.pop();
                match exit {
                    Exit::Flush => self.flush(false),
                    Exit::Inline(style) => self.style = style,
                    Exit::CodeLine(start) => self.end_code_line(start),
                    Exit::Nothing => {}
                }
                continue;
            }
            match node.value() {
                Node::Text(text) => {
                    let in_pre = path.iter().any(|f| f.name == "pre");
                    let in_link = path.iter().any(|f| f.name == "a");
                    self.push_text(&text[..], in_pre, in_link, &path);
                }
                Node::Element(element) => {
                    let name = element.name();
                    if name == "template" {
                        // A streamed boundary's content is read where its placeholder stands.
                        let boundary = element.id().and_then(placeholder_of);
                        if let Some((id, content)) = boundary.and_then(|id| streamed.get_key_value(id))
                            && !placed.contains(id)
                        {
                            placed.push(id);
                            for child in content.children().collect::<Vec<_>>().into_iter().rev() {
                                stack.push((child, None));
                            }
                        }
                        continue;
                    }
                    if HIDDEN.contains(&name)
                        || element.id().and_then(|id| id.strip_prefix("S:")).is_some_and(|id| streamed.contains_key(id))
                    {
                        continue;
                    }
                    // Hidden, unless it holds most of the page: a guard against a flash of
                    // unstyled content, which the page's script lifts once it has run.
                    if is_machinery(element) || (is_hidden(element) && text_len(node) * 2 <= page_text) {
                        // A heading's permalink sign, an icon hidden from screen readers: no
                        // text, but still where they stand on the page, so their ids lead there.
                        if !is_not_rendered(element) {
                            self.note_anchors(element);
                        }
                        continue;
                    }
                    let frame = Frame::of(element, &self.cards, self.cards.posts.contains(&node.id()));
                    let exit = self.enter(node, element, name, &path, &frame);
                    path.push(frame);
                    stack.push((node, Some(exit)));
                    for child in node.children().collect::<Vec<_>>().into_iter().rev() {
                        stack.push((child, None));
                    }
                }
                Node::Document | Node::Fragment => {
                    for child in node.children().collect::<Vec<_>>().into_iter().rev() {
                        stack.push((child, None));
                    }
                }
                _ => {}
            }
        }
    }

    /// An element begins: its block, style or line, then its anchors (for the block it made,
    /// the block it is in, or the next one).
    fn enter(
        &mut self,
        node: NodeRef<'_, Node>,
        element: &scraper::node::Element,
        name: &str,
        path: &[Frame],
        frame: &Frame,
    ) -> Exit {
        let blocks = self.blocks.len();
        let exit = self.begin_element(node, element, name, path, frame);
        if name == "img" && self.blocks.len() > blocks {
            // An image made a block of its own, closed at once: it takes what waits and its own.
            let own = anchors_of(element).map(str::to_string);
            if let Some(image) = self.blocks.last_mut() {
                image.anchors.append(&mut self.waiting_anchors);
                image.anchors.extend(own);
            }
        } else {
            self.note_anchors(element);
        }
        exit
    }

    /// The element's ids go to the open block, or wait for the next one.
    fn note_anchors(&mut self, element: &scraper::node::Element) {
        for anchor in anchors_of(element) {
            match self.open.as_mut() {
                Some(open) => open.anchors.push((anchor.to_string(), open.text.len())),
                None => self.waiting_anchors.push(anchor.to_string()),
            }
        }
    }

    fn begin_element(
        &mut self,
        node: NodeRef<'_, Node>,
        element: &scraper::node::Element,
        name: &str,
        path: &[Frame],
        frame: &Frame,
    ) -> Exit {
        // Highlighters write a code block's lines as elements of their own, displayed as
        // blocks, often with no newline between them (Prism under Gatsby: `<span
        // class="gatsby-highlight-code-line">`; `<div class="line">`): each ends a line.
        if let Some(open) = self.open.as_ref().filter(|o| o.kind == BlockKind::Code)
            && path.iter().any(|f| f.name == "pre")
            && (BLOCK_TAGS.contains(&name) || (name == "span" && is_line_element(element)))
        {
            return Exit::CodeLine(open.text.len());
        }
        match name {
            "br" => {
                self.push_break();
                Exit::Nothing
            }
            "img" => {
                let inline = path.last().is_some_and(|f| matches!(f.name.as_str(), "p" | "a" | "span"));
                if let (false, Some(src)) = (inline, element.attr("src").filter(|s| !s.starts_with("data:"))) {
                    let alt = element.attr("alt").unwrap_or("").trim().to_string();
                    self.flush(true);
                    let mut block = Block::new(BlockKind::Other, String::new(), [0, 0]);
                    block.source_lines = None;
                    let url = self.resolve(src);
                    block.image = Some(crate::article::Image { alt, url });
                    self.blocks.push(block);
                    self.hints.push(hint_of(path, frame));
                }
                Exit::Nothing
            }
            "a" => {
                // A bare `#` is a script's button, not a link; `#setup` leads to a place in the page.
                let href = element.attr("href").filter(|h| !h.starts_with("javascript:") && h.trim() != "#");
                let before = self.style.clone();
                if let Some(url) = href.map(|h| self.resolve(h)) {
                    self.style.marks.push(Mark::Link(self.urls.len()));
                    self.urls.push(url);
                }
                Exit::Inline(before)
            }
            "em" | "i" | "strong" | "b" | "code" | "kbd" | "samp" | "tt" => {
                let before = self.style.clone();
                self.inline_elements += 1;
                let mark = match name {
                    "em" | "i" => Some(Mark::Emphasis(self.inline_elements)),
                    "strong" | "b" => Some(Mark::Strong(self.inline_elements)),
                    _ => None,
                };
                match mark {
                    Some(mark) => {
                        let same = |m: &Mark| std::mem::discriminant(m) == std::mem::discriminant(&mark);
                        if !self.style.marks.iter().any(same) {
                            self.style.marks.push(mark);
                        }
                    }
                    None => self.style.code = self.style.code.saturating_add(1),
                }
                Exit::Inline(before)
            }
            "table" if is_data_table(node) => {
                self.flush(true);
                self.open_block(BlockKind::Table, None, path, frame);
                Exit::Flush
            }
            "tr" if self.open.as_ref().is_some_and(|o| o.kind == BlockKind::Table) => {
                if let Some(open) = self.open.as_mut() {
                    open.text.push('\n');
                    open.rows.push(Vec::new());
                }
                Exit::Nothing
            }
            "td" | "th" if self.open.as_ref().is_some_and(|o| o.kind == BlockKind::Table) => {
                let Some(open) = self.open.as_mut() else { return Exit::Nothing };
                let row_started = !open.text.rsplit('\n').next().unwrap_or("").trim().is_empty();
                if row_started {
                    open.text.push_str(" | ");
                }
                if open.rows.is_empty() {
                    open.rows.push(Vec::new());
                }
                if let Some(row) = open.rows.last_mut() {
                    row.push(Vec::new());
                }
                Exit::Nothing
            }
            _ if BLOCK_TAGS.contains(&name) => {
                if self.open.as_ref().is_some_and(|o| o.kind == BlockKind::Table) {
                    return Exit::Nothing;
                }
                self.flush(true);
                let (kind, level) = match name {
                    "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => (BlockKind::Heading, name[1..].parse().ok()),
                    "li" | "dd" | "dt" => (BlockKind::ListItem, None),
                    "pre" => (BlockKind::Code, None),
                    _ if path.iter().any(|f| f.name == "blockquote") || name == "blockquote" => {
                        (BlockKind::Quote, None)
                    }
                    _ => (BlockKind::Paragraph, None),
                };
                self.open_block(kind, level, path, frame);
                Exit::Flush
            }
            _ => Exit::Nothing,
        }
    }

    fn open_block(&mut self, kind: BlockKind, level: Option<u8>, path: &[Frame], frame: &Frame) {
        let lists = path.iter().filter(|f| matches!(f.name.as_str(), "ul" | "ol")).count();
        self.open = Some(OpenBlock {
            kind,
            level,
            depth: lists.saturating_sub(1).min(8) as u8,
            text: String::new(),
            runs: Vec::new(),
            rows: Vec::new(),
            link_chars: 0,
            hint: hint_of(path, frame),
            anchors: std::mem::take(&mut self.waiting_anchors).into_iter().map(|a| (a, 0)).collect(),
        });
    }

    /// Text outside any block element (straight in `<body>` or a `<span>`) opens a paragraph.
    fn ensure_open(&mut self, path: &[Frame]) {
        if self.open.is_none() {
            let here = path.last().cloned().unwrap_or_default();
            let parents = &path[..path.len().saturating_sub(1)];
            self.open_block(BlockKind::Paragraph, None, parents, &here);
        }
    }

    fn push_text(&mut self, text: &str, in_pre: bool, in_link: bool, path: &[Frame]) {
        let style = self.style.clone();
        if !in_pre && text.trim().is_empty() {
            if let Some(open) = self.open.as_mut()
                && !open.text.is_empty()
                && !open.text.ends_with([' ', '\n'])
            {
                open.text.push(' ');
                open.push_run(" ", &style);
            }
            return;
        }
        self.ensure_open(path);
        let Some(open) = self.open.as_mut() else { return };
        if in_pre || open.kind == BlockKind::Code {
            // A newline the text brings stands for one the last line element owed.
            let owed = if text.starts_with('\n') { self.code_breaks.saturating_sub(1) } else { self.code_breaks };
            self.code_breaks = 0;
            if open.kind == BlockKind::Code && !open.text.is_empty() {
                open.text.extend(std::iter::repeat_n('\n', owed));
            }
            open.text.push_str(text);
            if open.kind != BlockKind::Code {
                for (i, line) in text.split('\n').enumerate() {
                    if i > 0 {
                        open.push_line_break(&style);
                    }
                    open.push_run(line, &style);
                }
            }
            return;
        }
        let mut collapsed = String::with_capacity(text.len());
        let mut space = open.text.is_empty() || open.text.ends_with([' ', '\n']);
        for c in text.chars() {
            if c.is_whitespace() {
                if !space {
                    collapsed.push(' ');
                    space = true;
                }
            } else {
                collapsed.push(c);
                space = false;
            }
        }
        if in_link {
            open.link_chars += collapsed.trim().chars().count();
        }
        open.text.push_str(&collapsed);
        open.push_run(&collapsed, &style);
    }

    /// A code block's line element ends, begun when the text was `start` bytes long: a line
    /// that ended without a newline owes one; an empty line element owes one more.
    fn end_code_line(&mut self, start: usize) {
        let Some(open) = self.open.as_ref().filter(|o| o.kind == BlockKind::Code) else { return };
        if open.text.len() == start {
            self.code_breaks += 1;
        } else if !open.text.ends_with('\n') {
            self.code_breaks = 1;
        }
    }

    fn push_break(&mut self) {
        if let Some(open) = self.open.as_mut() {
            if open.kind == BlockKind::Code && !open.text.is_empty() {
                // The break ends the line that owed one; any others are empty lines.
                open.text.extend(std::iter::repeat_n('\n', self.code_breaks.saturating_sub(1)));
            }
            self.code_breaks = 0;
            open.text.push('\n');
            open.push_line_break(&self.style);
        }
    }

    /// Ends the open block. When the block is interrupted by `next_block` (its element goes
    /// on after it), anchors met after its last text wait for the next block, before which
    /// they stand; a block with no text passes all its anchors on.
    fn flush(&mut self, next_block: bool) {
        self.code_breaks = 0;
        let Some(mut open) = self.open.take() else { return };
        let text =
            if open.kind == BlockKind::Code { open.text.trim_matches('\n').to_string() } else { tidy(&open.text) };
        if text.is_empty() {
            self.waiting_anchors.extend(open.anchors.into_iter().map(|(a, _)| a));
            return;
        }
        let text_end = open.text.trim_end().len();
        let mut anchors = Vec::with_capacity(open.anchors.len());
        for (anchor, at) in std::mem::take(&mut open.anchors) {
            if next_block && at >= text_end {
                self.waiting_anchors.push(anchor);
            } else if !anchors.contains(&anchor) {
                anchors.push(anchor);
            }
        }
        let mut block = Block::new(open.kind, String::new(), [0, 0]);
        block.source_lines = None;
        block.level = open.level;
        block.depth = open.depth;
        match open.kind {
            BlockKind::Code => {}
            BlockKind::Table => {
                block.text = text.clone();
                block.set_cells(
                    open.rows
                        .into_iter()
                        .filter(|row| !row.is_empty())
                        .map(|row| row.into_iter().map(|cell| inlines_of(tidy_runs(cell), &self.urls)).collect())
                        .collect(),
                );
            }
            _ => {
                let inlines = inlines_of(tidy_runs(open.runs), &self.urls);
                // The inlines read as the text by construction; should they ever not, the
                // block keeps its text alone rather than a copy that reads otherwise.
                if crate::article::plain_text(&inlines) == text {
                    block.set_inlines(inlines);
                }
            }
        }
        block.text = text;
        block.anchors = anchors;
        let mut hint = open.hint;
        hint.link_density = open.link_chars as f32 / block.text.chars().count().max(1) as f32;
        self.blocks.push(block);
        self.hints.push(hint);
    }
}

impl OpenBlock {
    /// Where runs go: the last cell of a table, else the block.
    fn runs_mut(&mut self) -> &mut Vec<Run> {
        if self.kind == BlockKind::Table {
            if self.rows.is_empty() {
                self.rows.push(Vec::new());
            }
            let row = self.rows.last_mut().expect("a row was just made");
            if row.is_empty() {
                row.push(Vec::new());
            }
            return row.last_mut().expect("a cell was just made");
        }
        &mut self.runs
    }

    fn push_run(&mut self, text: &str, style: &Style) {
        if text.is_empty() {
            return;
        }
        let runs = self.runs_mut();
        match runs.last_mut() {
            Some(last) if last.style == *style && !last.line_break => last.text.push_str(text),
            _ => runs.push(Run { text: text.to_string(), style: style.clone(), line_break: false }),
        }
    }

    fn push_line_break(&mut self, style: &Style) {
        self.runs_mut().push(Run { text: String::new(), style: style.clone(), line_break: true });
    }
}

/// Spaces around line breaks and at the ends removed; at most one blank line.
fn tidy(text: &str) -> String {
    let lines: Vec<&str> = text.split('\n').map(str::trim).collect();
    let mut out = String::new();
    for line in lines {
        if line.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(line);
    }
    out
}

/// The runs as `tidy` makes the text: each line trimmed, empty lines left out.
fn tidy_runs(runs: Vec<Run>) -> Vec<Run> {
    let mut out: Vec<Run> = Vec::new();
    let mut line: Vec<Run> = Vec::new();
    // The line break before the line being gathered.
    let mut pending: Option<Run> = None;
    let end_line = |line: &mut Vec<Run>, out: &mut Vec<Run>, pending: Option<Run>| {
        while let Some(first) = line.first_mut() {
            first.text = first.text.trim_start().to_string();
            if !first.text.is_empty() {
                break;
            }
            line.remove(0);
        }
        while let Some(last) = line.last_mut() {
            last.text = last.text.trim_end().to_string();
            if !last.text.is_empty() {
                break;
            }
            line.pop();
        }
        if line.is_empty() {
            return;
        }
        if let (false, Some(line_break)) = (out.is_empty(), pending) {
            out.push(line_break);
        }
        out.append(line);
    };
    for run in runs {
        if run.line_break {
            end_line(&mut line, &mut out, pending.take());
            // Of several breaks around empty lines, the last one stands between the lines kept.
            pending = Some(run);
        } else {
            line.push(run);
        }
    }
    end_line(&mut line, &mut out, pending);
    out
}

/// Runs as inline structure, nested as their elements were: an element holds the runs inside
/// it, neighbours of one kind are one (`<b>a</b><b>b</b>` is one strong run), code is innermost.
fn inlines_of(runs: Vec<Run>, urls: &[String]) -> Vec<Inline> {
    fn build(runs: &[Run], depth: usize, urls: &[String]) -> Vec<Inline> {
        let mut out: Vec<Inline> = Vec::new();
        let mut start = 0;
        while start < runs.len() {
            let Some(&mark) = runs[start].style.marks.get(depth) else {
                let mut end = start + 1;
                while end < runs.len() && runs[end].style.marks.len() <= depth {
                    end += 1;
                }
                out.extend(leaves(&runs[start..end]));
                start = end;
                continue;
            };
            let mut end = start + 1;
            while end < runs.len() && runs[end].style.marks.get(depth) == Some(&mark) {
                end += 1;
            }
            let inner = build(&runs[start..end], depth + 1, urls);
            match (out.last_mut(), mark) {
                (Some(Inline::Emphasis(before)), Mark::Emphasis(_))
                | (Some(Inline::Strong(before)), Mark::Strong(_)) => before.extend(inner),
                _ => out.push(match mark {
                    Mark::Emphasis(_) => Inline::Emphasis(inner),
                    Mark::Strong(_) => Inline::Strong(inner),
                    Mark::Link(n) => Inline::Link { url: urls.get(n).cloned().unwrap_or_default(), content: inner },
                }),
            }
            start = end;
        }
        out
    }
    fn leaves(runs: &[Run]) -> Vec<Inline> {
        let mut out = Vec::new();
        for run in runs {
            let code = run.style.code > 0;
            match (out.last_mut(), run.line_break) {
                (_, true) => out.push(Inline::Break),
                (Some(Inline::Code(text)), false) if code => text.push_str(&run.text),
                (Some(Inline::Text(text)), false) if !code => text.push_str(&run.text),
                (_, false) if code => out.push(Inline::Code(run.text.clone())),
                (_, false) => out.push(Inline::Text(run.text.clone())),
            }
        }
        out
    }
    build(&runs, 0, urls)
}

/// React's streamed server rendering sends each suspended part of the page late, in a
/// `<div hidden id="S:n">`, and a script moves it to where `<template id="B:n">` (a boundary)
/// or `<template id="P:n">` (a segment) stands. The parts whose placeholder is on the page,
/// by their `n`.
fn streamed_boundaries(root: NodeRef<'_, Node>) -> HashMap<&str, NodeRef<'_, Node>> {
    let mut placeholders = Vec::new();
    let mut parts = HashMap::new();
    for node in root.descendants() {
        let Some(element) = node.value().as_element() else { continue };
        let Some(id) = element.id() else { continue };
        match element.name() {
            "template" => placeholders.extend(placeholder_of(id)),
            _ if element.attr("hidden").is_some() => {
                if let Some(n) = id.strip_prefix("S:") {
                    parts.insert(n, node);
                }
            }
            _ => {}
        }
    }
    parts.retain(|n, _| placeholders.contains(n));
    parts
}

/// The `n` of a streamed part's placeholder, `B:n` or `P:n`.
fn placeholder_of(id: &str) -> Option<&str> {
    id.strip_prefix("B:").or_else(|| id.strip_prefix("P:"))
}

/// Characters of text under `node`, leaving out scripts and styles.
fn text_len(node: NodeRef<'_, Node>) -> usize {
    node.descendants()
        .filter_map(|n| {
            let text = n.value().as_text()?;
            let parent = n.parent()?.value().as_element().map(|e| e.name()).unwrap_or("");
            (!matches!(parent, "script" | "style" | "template")).then(|| text.trim().len())
        })
        .sum()
}

/// Whether an element is one of `MACHINERY`.
fn is_machinery(element: &scraper::node::Element) -> bool {
    MACHINERY.iter().any(|&(tag, class)| {
        (tag == "*" || tag == element.name())
            && element.has_class(class, scraper::CaseSensitivity::AsciiCaseInsensitive)
    })
}

/// A `<span>` a highlighter made one line of code: a class `line`, `…-line` or `line-…`
/// (`token-line`, `code-line`, `gatsby-highlight-code-line`, `line-1`).
fn is_line_element(element: &scraper::node::Element) -> bool {
    element.attr("class").is_some_and(|class| {
        class.split_whitespace().any(|c| {
            let c = c.to_ascii_lowercase();
            c == "line" || c.ends_with("-line") || c.strip_prefix("line-").is_some_and(|n| n.parse::<u32>().is_ok())
        })
    })
}

fn is_hidden(element: &scraper::node::Element) -> bool {
    element.attr("aria-hidden") == Some("true") || is_not_rendered(element)
}

/// Not drawn at all (`hidden`, `display: none`, `visibility: hidden`), as opposed to drawn but
/// hidden from screen readers.
fn is_not_rendered(element: &scraper::node::Element) -> bool {
    element.attr("hidden").is_some()
        || element.attr("style").is_some_and(|s| {
            let s = s.replace(' ', "").to_ascii_lowercase();
            s.contains("display:none") || s.contains("visibility:hidden")
        })
}

/// The fragment names that lead to an element: its `id`, and an `<a>`'s `name`, as written
/// (empty ones are none).
fn anchors_of(element: &scraper::node::Element) -> impl Iterator<Item = &str> {
    let name = if element.name() == "a" { element.attr("name") } else { None };
    element.id().into_iter().chain(name).filter(|a| !a.is_empty())
}

/// A table of data (cells hold text, not layout: no nested tables, paragraphs, lists or
/// sections), as opposed to a page laid out in a table, whose cells are read as containers.
fn is_data_table(table: NodeRef<'_, Node>) -> bool {
    const LAYOUT: &[&str] = &["table", "div", "p", "ul", "ol", "h1", "h2", "h3", "section", "article", "form", "nav"];
    let mut cells = 0;
    for node in table.descendants().skip(1) {
        let Some(element) = node.value().as_element() else { continue };
        if LAYOUT.contains(&element.name()) {
            return false;
        }
        cells += usize::from(matches!(element.name(), "td" | "th"));
        if cells > 2000 {
            return false;
        }
    }
    cells >= 2
}

/// An element on the path from the root: its name and the words of its class and id.
#[derive(Debug, Clone, Default)]
struct Frame {
    name: String,
    /// Shared with the hints of every block inside (cloned per block, so kept cheap to clone).
    tokens: std::sync::Arc<[String]>,
    article_body: bool,
    /// How many elements of the page carry this element's exact class attribute (none counted
    /// for an element that holds a post: it is no teaser card, however many share its class).
    class_repeats: usize,
    /// The element's name and class attribute as one key (none without a class).
    class_key: Option<u64>,
}

impl Frame {
    fn of(element: &scraper::node::Element, cards: &Cards, post: bool) -> Frame {
        let mut tokens = Vec::new();
        for value in [element.attr("class"), element.attr("id"), element.attr("role")].into_iter().flatten() {
            for token in value.split(|c: char| !c.is_ascii_alphanumeric()).filter(|t| !t.is_empty()) {
                tokens.push(token.to_ascii_lowercase());
            }
        }
        let article_body = element.attr("itemprop").is_some_and(|p| p.eq_ignore_ascii_case("articleBody"));
        let class_repeats =
            if post { 0 } else { element.attr("class").and_then(|c| cards.classes.get(c)).copied().unwrap_or(0) };
        let class_key = element.attr("class").filter(|c| !c.trim().is_empty()).map(|c| {
            crate::text::fnv::fnv1a(crate::text::fnv::OFFSET, format!("{}.{}", element.name(), c.trim()).bytes())
        });
        Frame { name: element.name().to_string(), tokens: tokens.into(), article_body, class_repeats, class_key }
    }
}

fn hint_of(path: &[Frame], here: &Frame) -> DomHint {
    let mut hint = DomHint { container: path.iter().rev().find_map(|f| f.class_key), ..DomHint::default() };
    let frames = path.iter().chain(std::iter::once(here));
    for frame in frames.clone() {
        let article = frame.article_body
            || matches!(frame.name.as_str(), "article" | "main")
            || (frame.tokens.iter().any(|t| matches!(t.as_str(), "article" | "story" | "post" | "entry"))
                && frame.tokens.iter().any(|t| matches!(t.as_str(), "body" | "content" | "text")));
        hint.in_article |= article;
        hint.in_figure |= frame.name == "figure";
    }
    // From the block's own element outward: the words of each element, up to the innermost
    // landmark element (what lies outside that says nothing more of the block).
    for frame in frames.collect::<Vec<_>>().into_iter().rev() {
        if let Some(landmark) = Landmark::of(&frame.name) {
            hint.landmark = Some(landmark);
            break;
        }
        if !frame.tokens.is_empty() {
            hint.class_words.push(frame.tokens.clone());
        }
    }
    // A card among many of its kind (the same class on a dozen elements, each holding a
    // headline and a summary); blocks' own elements (a story's <p class="para">) do not
    // count, only what contains them.
    hint.card_repeats = path
        .iter()
        .rev()
        .find(|f| {
            f.class_repeats >= CARD_REPEATS
                && !matches!(f.name.as_str(), "p" | "li" | "span" | "td" | "tr" | "blockquote")
        })
        .map(|card| card.class_repeats);
    hint
}

/// How many elements must share a class before they read as a list of cards (zyte-dev html
/// F1 is 0.970 or more anywhere from 12 to 20; 0.965 at 6, 0.969 at 30).
const CARD_REPEATS: usize = 16;

/// The page's cards: each class attribute on at least `CARD_REPEATS` elements, with how many
/// carry it, and the elements of those classes that are no teaser: one that holds a post
/// (`POST_WORDS` words or more, little of it link text: an answer on a Q&A page, an entry of a
/// list article, the wrapper a page builder gives the whole story) or code (a documentation
/// page's example, in a highlighter's box). A class whose elements hold most of the page's
/// words is its layout (a utility class on every box of a documentation page), not cards.
fn cards(document: &Html) -> Cards {
    let mut counts: HashMap<String, usize> = HashMap::new();
    for node in document.tree.root().descendants() {
        if let Some(class) = node.value().as_element().and_then(|e| e.attr("class")) {
            *counts.entry(class.to_string()).or_insert(0) += 1;
        }
    }
    counts.retain(|_, n| *n >= CARD_REPEATS);
    // What each element of a repeated class holds, and the words each such class holds.
    let mut held: HashMap<ego_tree::NodeId, Held> = HashMap::new();
    let mut class_words: HashMap<&str, usize> = HashMap::new();
    let mut page_words = 0;
    let (mut owners, mut classes) = (Vec::new(), Vec::new());
    'text: for node in document.tree.root().descendants() {
        let Some(text) = node.value().as_text() else { continue };
        let n = text.split_whitespace().count();
        if n == 0 {
            continue;
        }
        let (mut in_link, mut in_code) = (false, false);
        owners.clear();
        classes.clear();
        for ancestor in node.ancestors() {
            let Some(element) = ancestor.value().as_element() else { continue };
            match element.name() {
                "script" | "style" | "template" => continue 'text,
                "a" => in_link = true,
                "pre" => in_code = true,
                _ => {}
            }
            if let Some(class) = element.attr("class").filter(|c| counts.contains_key(*c)) {
                owners.push(ancestor.id());
                if !classes.contains(&class) {
                    classes.push(class);
                }
            }
        }
        page_words += n;
        for class in &classes {
            *class_words.entry(class).or_insert(0) += n;
        }
        for id in &owners {
            let entry = held.entry(*id).or_default();
            entry.words += n;
            entry.linked += if in_link { n } else { 0 };
            entry.code |= in_code;
        }
    }
    let no_teasers = held.into_iter().filter(|(_, h)| h.code || (h.words >= POST_WORDS && h.linked * 4 < h.words));
    counts.retain(|c, _| class_words.get(c.as_str()).is_none_or(|&w| w * 2 <= page_words));
    Cards { classes: counts, posts: no_teasers.map(|(id, _)| id).collect() }
}

/// What an element of a repeated class holds.
#[derive(Default)]
struct Held {
    words: usize,
    linked: usize,
    code: bool,
}

/// What `cards` found: the repeated classes, and the elements of them that are no teaser
/// (posts, code).
#[derive(Default)]
struct Cards {
    classes: HashMap<String, usize>,
    posts: std::collections::HashSet<ego_tree::NodeId>,
}

/// How many words make an element of a repeated class a post rather than a teaser card.
const POST_WORDS: usize = 60;

/// How many elements of one class each hold a post: of every class attribute on at least
/// `MIN_POSTS` elements (not paragraphs, items, cells or quotes, which hold one block each), the
/// most elements of it with `POST_WORDS` words or more, less than a quarter of them link text.
fn repeated_posts(document: &Html) -> usize {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for node in document.tree.root().descendants() {
        if let Some(element) = node.value().as_element()
            && !matches!(element.name(), "p" | "li" | "span" | "td" | "tr" | "blockquote" | "a")
            && let Some(class) = element.attr("class")
        {
            *counts.entry(class).or_insert(0) += 1;
        }
    }
    counts.retain(|_, n| *n >= MIN_POSTS);
    if counts.is_empty() {
        return 0;
    }
    let mut posts: HashMap<&str, usize> = HashMap::new();
    post_words(document.tree.root(), &counts, &mut posts);
    posts.into_values().max().unwrap_or(0)
}

/// How many elements must share a class before their long texts read as posts.
const MIN_POSTS: usize = 3;

/// The words under `node` and how many of them are link text, counting each element of a class
/// in `repeated` that holds a post into `posts` on the way (one walk of the tree, children first).
fn post_words<'d>(
    node: NodeRef<'d, Node>,
    repeated: &HashMap<&str, usize>,
    posts: &mut HashMap<&'d str, usize>,
) -> (usize, usize) {
    match node.value() {
        Node::Text(text) => (text.split_whitespace().count(), 0),
        Node::Element(element) if matches!(element.name(), "script" | "style" | "template") => (0, 0),
        Node::Element(element) => {
            let (mut all, mut linked) = (0, 0);
            for child in node.children() {
                let (a, l) = post_words(child, repeated, posts);
                all += a;
                linked += l;
            }
            if element.name() == "a" {
                linked = all;
            }
            if all >= POST_WORDS
                && linked * 4 < all
                && let Some(class) = element.attr("class").filter(|c| repeated.contains_key(c))
            {
                *posts.entry(class).or_insert(0) += 1;
            }
            (all, linked)
        }
        _ => node.children().fold((0, 0), |(a, l), child| {
            let (ca, cl) = post_words(child, repeated, posts);
            (a + ca, l + cl)
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The class words of each element around a block, as plain lists.
    fn words(hint: &DomHint) -> Vec<Vec<&str>> {
        hint.class_words.iter().map(|ws| ws.iter().map(String::as_str).collect()).collect()
    }

    /// A block's inline content as the clean copy writes it.
    fn markdown(block: &Block) -> String {
        crate::export::markdown::inline_markdown(&block.inline_content())
    }

    fn blocks(html: &str) -> Vec<(BlockKind, String)> {
        parse(html, None).blocks.into_iter().map(|b| (b.kind, b.text)).collect()
    }

    #[test]
    fn block_elements_become_blocks() {
        let got = blocks(
            "<html><body><h1>Title</h1><p>One <b>two</b> three.</p><ul><li>a</li><li>b</li></ul>\
             <blockquote><p>Said.</p></blockquote><pre>x = 1\n  y</pre><script>var x;</script></body></html>",
        );
        assert_eq!(
            got,
            [
                (BlockKind::Heading, "Title".to_string()),
                (BlockKind::Paragraph, "One two three.".to_string()),
                (BlockKind::ListItem, "a".to_string()),
                (BlockKind::ListItem, "b".to_string()),
                (BlockKind::Quote, "Said.".to_string()),
                (BlockKind::Code, "x = 1\n  y".to_string()),
            ]
        );
    }

    #[test]
    fn code_lines_written_as_elements_keep_their_lines() {
        let code = |html: &str| blocks(html).into_iter().map(|(_, text)| text).collect::<Vec<_>>();
        // Prism under Gatsby: highlighted lines are spans with no newline between them, mixed
        // with plain lines that end in one; an empty line is an empty span.
        let gatsby = "<pre><code><span class=\"gatsby-highlight-code-line\">a(<span class=\"token\">1</span>);</span>\
            <span class=\"gatsby-highlight-code-line\">  b();</span><span class=\"gatsby-highlight-code-line\"></span>\
            <span class=\"gatsby-highlight-code-line\">c();</span>d();\ne();\n</code></pre>";
        assert_eq!(code(gatsby), ["a(1);\n  b();\n\nc();\nd();\ne();"]);
        // Lines as <div>s are one block, not a paragraph each.
        assert_eq!(
            code("<pre><div class=\"l\">x = 1</div><div class=\"l\">  y</div></pre><p>After.</p>"),
            ["x = 1\n  y", "After."]
        );
        // Line elements that bring their newline (Shiki) gain no blank lines; nor do <br>s.
        let shiki = "<pre><code><span class=\"line\">a</span>\n<span class=\"line\"></span>\n<span class=\"line\">b</span></code></pre>";
        assert_eq!(code(shiki), ["a\n\nb"]);
        let breaks = "<pre><span class=\"token-line\">a<br></span><span class=\"token-line\">b<br></span></pre>";
        assert_eq!(code(breaks), ["a\nb"]);
    }

    #[test]
    fn posts_inside_noscript_are_read() {
        let got = blocks(
            "<html><head><noscript><link rel=stylesheet href=x.css></noscript></head><body>\
             <noscript><div class=post><p>The first post, read as markup.</p></div>\
             <div class=post><p>A <b>reply</b> to it.</p></div></noscript></body></html>",
        );
        assert_eq!(
            got,
            [
                (BlockKind::Paragraph, "The first post, read as markup.".to_string()),
                (BlockKind::Paragraph, "A reply to it.".to_string()),
            ]
        );
    }

    #[test]
    fn streamed_parts_are_read_where_their_placeholder_stands() {
        let got = blocks(
            "<html><body><div hidden></div><h1>Title</h1><!--$?--><template id=\"B:0\"></template><!--/$-->\
             <p>After.</p><div hidden id=\"S:0\"><p>Streamed first.</p><!--$?--><template id=\"B:1\"></template>\
             <!--/$--></div><div hidden id=\"S:1\"><p>Streamed second.</p><template id=\"P:a\"></template></div>\
             <div hidden id=\"S:a\"><p>A segment.</p></div>\
             <div hidden id=\"S:7\"><p>No placeholder, never shown.</p></div></body></html>",
        );
        let texts: Vec<&str> = got.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(texts, ["Title", "Streamed first.", "Streamed second.", "A segment.", "After."]);
    }

    #[test]
    fn a_hidden_wrapper_around_most_of_the_page_is_read() {
        let got = blocks(
            "<html><body><div style=\"visibility:hidden\"><h1>Title</h1>\
             <p>The story, long enough to be most of the page's text.</p>\
             <div style=\"display:none\"><p>Menu</p></div></div><p>Footer</p></body></html>",
        );
        let texts: Vec<&str> = got.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(texts, ["Title", "The story, long enough to be most of the page's text.", "Footer"]);
    }

    #[test]
    fn the_page_address_is_absolute_or_not_given() {
        let page = |head: &str, url: Option<&str>| {
            parse(&format!("<html><head>{head}</head><body><p>Text.</p><img src=\"diagram.png\"></body></html>"), url)
        };
        let parsed =
            page(r#"<meta property="og:url" content="/spotter/blog/a">"#, Some("https://site.org/spotter/blog/a?r=1"));
        assert_eq!(parsed.meta.url.as_deref(), Some("https://site.org/spotter/blog/a"));
        assert_eq!(parsed.blocks[1].image.as_ref().unwrap().url, "https://site.org/spotter/blog/diagram.png");
        let parsed = page(r#"<link rel="canonical" href="//us.yahoo.com/news/">"#, Some("https://www.yahoo.com/x"));
        assert_eq!(parsed.meta.url.as_deref(), Some("https://us.yahoo.com/news/"));
        // With the page's own address unknown, a relative one is no address; an absolute one is.
        assert_eq!(page(r#"<meta property="og:url" content="/spotter/blog/a">"#, None).meta.url, None);
        assert_eq!(page(r#"<link rel="canonical" href="//us.yahoo.com/news/">"#, None).meta.url, None);
        let parsed =
            page(r#"<link rel="canonical" href="/a"><meta property="og:url" content="https://site.org/a">"#, None);
        assert_eq!(parsed.meta.url.as_deref(), Some("https://site.org/a"));
        assert_eq!(parsed.blocks[1].image.as_ref().unwrap().url, "https://site.org/diagram.png");
    }

    #[test]
    fn links_are_absolute_in_the_markdown() {
        let parsed = parse(r#"<p>See <a href="/a/b?c=1">the <i>report</i></a>.</p>"#, Some("https://example.org/x/y"));
        assert_eq!(markdown(&parsed.blocks[0]), "See [the *report*](https://example.org/a/b?c=1).");
        assert!(parsed.dom[0].link_density > 0.5);
    }

    #[test]
    fn emphasis_is_written_where_it_reads_back() {
        let markdown = |html: &str| markdown(&parse(&format!("<p>{html}</p>"), None).blocks[0]);
        assert_eq!(markdown("a <b></b>b"), "a b");
        assert_eq!(markdown("<b>a</b><b>b</b>"), "**ab**");
        assert_eq!(markdown("<b>a </b>b x<i> c</i>"), "**a** b x *c*");
        assert_eq!(markdown("<b><b>a</b> <i>c</i></b>"), "**a *c***");
        assert_eq!(markdown("<b>a<br>b</b>"), "**a\nb**");
        assert_eq!(markdown("x <b><a href=\"/u\">y</a> z</b>"), "x **[y](/u) z**");
        let outside = parse("<article><p>One.</p><b>bold</b> text <a href=\"/u\">link</a></article>", None);
        assert_eq!(super::tests::markdown(&outside.blocks[1]), "**bold** text [link](/u)");
        let outside = parse("<article><p>One.</p><a href=\"/u\"><i>link</i></a></article>", None);
        assert_eq!(super::tests::markdown(&outside.blocks[1]), "[*link*](/u)");
        assert_eq!(outside.blocks[1].links.len(), 1);
    }

    #[test]
    fn inline_code_is_code_and_the_inlines_read_as_the_text() {
        let parsed = parse("<p>Run <code>cargo  test</code> or <a href=\"/d\"><code>x`y</code></a>.</p>", None);
        let block = &parsed.blocks[0];
        assert_eq!(crate::article::plain_text(&block.inlines), block.text);
        assert_eq!(markdown(block), "Run `cargo test` or [``x`y``](/d).");
        assert_eq!(block.links[0].range, [18, 21]);
    }

    #[test]
    fn escaped_brackets_are_not_taken_for_links() {
        let parsed = parse("<p>[ ] a ![ b</p>", None);
        assert_eq!(markdown(&parsed.blocks[0]), "\\[ \\] a !\\[ b");
    }

    #[test]
    fn image_only_links_leave_no_stray_brackets() {
        let parsed = parse(
            r#"<p>Look <a href="/big.jpg"><img src="/small.jpg"></a> here and <a href="/x"> spaced </a>out.</p>"#,
            None,
        );
        // The spaces inside the link stand outside it, where they part words as in the text.
        assert_eq!(
            markdown(&parsed.blocks[0]).split_whitespace().collect::<Vec<_>>().join(" "),
            "Look here and [spaced](/x) out."
        );
    }

    #[test]
    fn containers_give_hints() {
        let parsed = parse(
            r#"<body><nav><a href="/">Home</a></nav><article><p>Story text here.</p>
               <div class="share-buttons">Share</div></article></body>"#,
            None,
        );
        assert_eq!(parsed.dom[0].landmark, Some(Landmark::Nav));
        assert!(parsed.dom[1].in_article && parsed.dom[1].landmark.is_none() && parsed.dom[1].class_words.is_empty());
        assert_eq!(words(&parsed.dom[2]), [["share", "buttons"]]);
    }

    #[test]
    fn words_are_gathered_outward_up_to_the_innermost_landmark() {
        let parsed = parse(
            r#"<div class="page"><footer class="site-footer"><div id="Menu"><p>x</p></div></footer></div>"#,
            None,
        );
        assert_eq!(parsed.dom[0].landmark, Some(Landmark::Footer));
        assert_eq!(words(&parsed.dom[0]), [["menu"]]);
    }

    #[test]
    fn many_cards_of_one_class_are_counted() {
        let card = r#"<div class="story-card"><h3>Other headline</h3><p>Its summary, one sentence long.</p></div>"#;
        let story = "<p>The story's own paragraph, which says rather more than the teasers after it do.</p>".repeat(12);
        let html = format!("<article>{story}</article>{}", card.repeat(20));
        let parsed = parse(&html, None);
        assert_eq!(parsed.dom[0].card_repeats, None);
        let last = parsed.dom.last().unwrap();
        assert_eq!(last.card_repeats, Some(20));
        assert!(last.landmark.is_none());
    }

    #[test]
    fn a_headings_permalink_sign_is_no_part_of_it() {
        let got =
            blocks(r##"<h2>Sessions<a class="headerlink" href="#sessions" title="Link to this heading">¶</a></h2>"##);
        assert_eq!(got, [(BlockKind::Heading, "Sessions".to_string())]);
        let got = blocks(r##"<h2><a class="header-anchor" href="#setup">#</a> Setup</h2>"##);
        assert_eq!(got, [(BlockKind::Heading, "Setup".to_string())]);
    }

    #[test]
    fn code_boxes_and_a_layout_class_are_no_cards() {
        let story = "<p>The story's own paragraph, which says rather more than the teasers after it do.</p>".repeat(8);
        // A highlighter's box around each example of a documentation page.
        let example = r#"<div class="highlight-python"><pre>s = requests.Session()</pre></div>"#;
        let parsed = parse(&format!("<main>{story}{}</main>", example.repeat(20)), None);
        assert_eq!(parsed.dom.last().unwrap().card_repeats, None);
        // A utility class on every box of the page, story included.
        let boxed = r#"<div class="flex gap-2"><p>One step of the guide, in a sentence of its own.</p></div>"#;
        let parsed = parse(&format!("<main>{}</main>", boxed.repeat(20)), None);
        assert!(parsed.dom.iter().all(|d| d.card_repeats.is_none()));
    }

    #[test]
    fn a_card_holding_a_long_post_is_no_card_but_its_short_siblings_are() {
        let answer =
            "Archive the whole disk with tar and leave out the folders the system makes up as it runs. ".repeat(5);
        let story = format!("<article><p>{answer}</p></article>").repeat(6);
        let post = format!(r#"<div class="post"><p>{answer}</p></div>"#);
        let teaser = r#"<div class="post"><h3><a href="/x">Other headline</a></h3><p>Its summary.</p></div>"#;
        let html = format!("{story}<main>{}{}</main>", post.repeat(4), teaser.repeat(16));
        let parsed = parse(&html, None);
        // Six paragraphs of story, then the first post.
        assert_eq!(parsed.dom[6].card_repeats, None);
        assert!(parsed.dom.last().unwrap().card_repeats.is_some());
        // A long card that is mostly links is still a list of links.
        let links = format!(r#"<div class="post"><p><a href="/y">{answer}</a></p></div>"#);
        let parsed = parse(&format!("{story}{story}{story}<main>{}</main>", links.repeat(16)), None);
        assert!(parsed.dom.last().unwrap().card_repeats.is_some());
        // A class whose elements hold most of the page (a thread's posts, long and short) is
        // the page's layout: none of them is a card.
        let parsed = parse(&format!("<main>{}{}</main>", post.repeat(20), teaser.repeat(16)), None);
        assert!(parsed.dom.iter().all(|d| d.card_repeats.is_none()));
    }

    #[test]
    fn data_tables_are_one_block_and_layout_tables_are_not() {
        let data = parse("<table><tr><th>a</th><th>b</th></tr><tr><td>1</td><td>2</td></tr></table>", None);
        assert_eq!(data.blocks.len(), 1);
        assert_eq!(data.blocks[0].kind, BlockKind::Table);
        let cells: Vec<Vec<String>> = data.blocks[0]
            .cells
            .iter()
            .map(|row| row.iter().map(|cell| crate::article::plain_text(cell)).collect())
            .collect();
        assert_eq!(cells, [["a", "b"], ["1", "2"]]);
        let layout = parse("<table><tr><td><p>Story.</p><p>More.</p></td></tr></table>", None);
        assert_eq!(layout.blocks.len(), 2);
    }

    /// Each block's text with its anchors.
    fn anchors(html: &str) -> Vec<(String, Vec<String>)> {
        parse(html, None).blocks.into_iter().map(|b| (b.text, b.anchors)).collect()
    }

    fn anchored(pairs: &[(&str, &[&str])]) -> Vec<(String, Vec<String>)> {
        pairs.iter().map(|(t, a)| (t.to_string(), a.iter().map(|s| s.to_string()).collect())).collect()
    }

    #[test]
    fn a_sections_id_leads_to_its_heading() {
        let got = anchors(
            r#"<section id="install"><h2 id="Install-Heading">Install</h2><p>Run it.</p></section>
               <section id="use"><div class="wrap"><h2>Use</h2></div><p>Read.</p></section>"#,
        );
        let want: &[(&str, &[&str])] =
            &[("Install", &["install", "Install-Heading"]), ("Run it.", &[]), ("Use", &["use"]), ("Read.", &[])];
        assert_eq!(got, anchored(want));
    }

    #[test]
    fn ids_inside_a_block_lead_to_it() {
        let got = anchors(
            r##"<h2><a class="headerlink" id="permalink" href="#x">¶</a><span id="mw-x">History</span></h2>
                <p>See <a id="ref-1" href="/a">this</a> and <a name="note">that</a>.</p>
                <h3>Ends with a mark<a name="end-mark"></a></h3>"##,
        );
        let want: &[(&str, &[&str])] = &[
            ("History", &["permalink", "mw-x"]),
            ("See this and that.", &["ref-1", "note"]),
            ("Ends with a mark", &["end-mark"]),
        ];
        assert_eq!(got, anchored(want));
    }

    #[test]
    fn an_empty_named_anchor_leads_to_the_next_block() {
        let got = anchors(
            r#"<div><p>Before.</p><a name="x"></a><p>After.</p>
               Loose text <a id="y"></a><h2>Heading</h2><span id="z"></span><img id="fig" src="/f.png" alt="F">
               <div id="empty"></div></div><p>Last.</p><div id="after-all"></div>"#,
        );
        let want: &[(&str, &[&str])] = &[
            ("Before.", &[]),
            ("After.", &["x"]),
            ("Loose text", &[]),
            ("Heading", &["y"]),
            // An image block (its text is empty; its alternative text is its image's).
            ("", &["z", "fig"]),
            ("Last.", &["empty", "after-all"]),
        ];
        assert_eq!(got, anchored(want));
    }

    #[test]
    fn a_wrapper_around_everything_leads_to_the_first_block() {
        let got = anchors(
            r#"<html id="page"><body id="body"><div id="top"><header><h1 id="title">Title</h1></header>
               <main id="content"><p>Text.</p></main></div></body></html>"#,
        );
        let want: &[(&str, &[&str])] = &[("Title", &["page", "body", "top", "title"]), ("Text.", &["content"])];
        assert_eq!(got, anchored(want));
    }

    #[test]
    fn ids_are_kept_as_written_and_hidden_elements_give_none() {
        let got = anchors(
            r#"<p id="Caf&eacute;-%20X">One.</p><div style="display:none" id="modal"><p>Log in</p></div>
               <p>Two.<span aria-hidden="true" id="icon">*</span></p>"#,
        );
        let want: &[(&str, &[&str])] = &[("One.", &["Café-%20X"]), ("Two.", &["icon"])];
        assert_eq!(got, anchored(want));
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let html = format!("{}<p>deep</p>{}", "<div>".repeat(100_000), "</div>".repeat(100_000));
        let parsed = parse(&html, None);
        assert!(parsed.blocks.iter().any(|b| b.text == "deep"));
    }
}
