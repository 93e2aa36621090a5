//! The one model every view reads: an `Article` with its metadata, labelled blocks, sections
//! and claims. Built once by the pipeline in `lib.rs`; the exporters and the reader only read it.

use serde::Serialize;

/// Where the article came from.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Source {
    /// Whether it was a file, standard input or a fetched page.
    pub kind: SourceKind,
    /// File name as given, `-` for standard input, or the URL.
    pub name: String,
    /// The format its text was read in, as detected.
    pub format: Format,
    /// The web address a file or standard input was said to come from (`--base`): its links,
    /// images and `source:` are read against it. In `inspect --json` only when given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub base: Option<String>,
}

impl Source {
    /// The web address the article came from: a fetched page's, else the one given with `--base`.
    pub fn address(&self) -> Option<&str> {
        match self.kind {
            SourceKind::Url => Some(&self.name),
            SourceKind::File | SourceKind::Stdin => self.base.as_deref(),
        }
    }
}

/// How the article reached folio.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum SourceKind {
    /// A file named on the command line.
    File,
    /// A web page fetched over HTTP(S).
    Url,
    /// Standard input (`-`).
    Stdin,
}

/// The markup an input is written in, as detected from its content (helped by its extension or media type).
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Plain text, such as a web page copied with "select all".
    Text,
    /// Markdown, perhaps with front matter.
    Markdown,
    /// An HTML page.
    Html,
}

impl Format {
    /// The format's name as shown to people (`text`, `markdown`, `HTML`).
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Markdown => "markdown",
            Format::Html => "HTML",
        }
    }
}

/// What is known about the article itself, declared by the input (front matter, HTML head) or read from its blocks.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct Meta {
    /// The headline: as the input declares it, else the text of the block found to be the title.
    pub title: Option<String>,
    /// The author or authors, without the "By" ("Jane Doe and John Roe, Reuters").
    pub byline: Option<String>,
    /// ISO 8601 where the page's date could be parsed, else the date as written.
    pub published: Option<String>,
    /// The publication's name (`og:site_name`, front matter, or the first segment of a breadcrumb).
    pub site: Option<String>,
    /// The article's own address: as the input declares it (canonical link, `og:url`, front
    /// matter), else the URL it was fetched from.
    pub url: Option<String>,
    /// What kind of page it is (an article, documentation, a forum thread), decided from the
    /// whole page before its story was looked for; why is in `reasons` under `kind`.
    pub kind: PageKind,
    /// The program that wrote the file, from its front matter (`folio 0.1.0` for a clean copy).
    #[serde(skip)]
    pub generator: Option<String>,
    /// What decided each field that folio chose rather than read as declared, by field name
    /// (`"title": "block 4, agrees with Open Graph, <title>"`).
    #[serde(skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub reasons: std::collections::BTreeMap<String, String>,
}

/// What kind of page an input is. Markdown (a note, a folio copy) is read like a text dump: an
/// article unless its address or its blocks (code, lists, a thread's lines) say otherwise.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum PageKind {
    /// A story: news, a blog post, an essay, a list article.
    #[default]
    Article,
    /// Documentation: a reference, a guide, a tutorial, an API page.
    Documentation,
    /// A forum thread or a question with its answers: posts by several people.
    Forum,
}

impl PageKind {
    /// Every kind, in the order of the model's regressions (and of its weights file).
    pub const ALL: [PageKind; 3] = [PageKind::Article, PageKind::Documentation, PageKind::Forum];

    /// The kind's name, as `inspect`, JSON and WCXB's labels spell it.
    pub fn name(self) -> &'static str {
        match self {
            PageKind::Article => "article",
            PageKind::Documentation => "documentation",
            PageKind::Forum => "forum",
        }
    }

    /// The kind of this name (`article`, `documentation`, `forum`).
    pub fn of_name(name: &str) -> Option<PageKind> {
        PageKind::ALL.into_iter().find(|k| k.name() == name)
    }
}

/// What a block is in the input's structure (what it is to the reader is its [`Label`]).
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    /// A heading: `<h1>`–`<h6>`, a `#` line, or a short title-like line found between paragraphs.
    Heading,
    /// A paragraph of prose, or one line of plain text.
    Paragraph,
    /// An item of a list (a bullet line in plain text).
    ListItem,
    /// A block quotation.
    Quote,
    /// Preformatted text or code, kept as written.
    Code,
    /// A data table: its `text` is one line per row, its cells joined by ` | `; its
    /// [`Block::cells`] keep every cell apart, the empty ones included.
    Table,
    /// Anything else: an image on its own, or raw HTML in Markdown.
    Other,
}

/// What a block is to the reader: the story, its title or metadata, or one kind of clutter.
#[derive(Debug, Clone, Copy, Serialize, serde::Deserialize, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum Label {
    /// The story itself, its section headings included.
    Content,
    /// The article's title, and any repeat of it.
    Title,
    /// About the article rather than of it: the byline, the date ("Published: …"), reading time, an author's bio.
    Metadata,
    /// Menus, breadcrumbs, tag lists and links to other parts of the site.
    Navigation,
    /// Share and follow buttons, and counts of likes, shares or comments.
    Engagement,
    /// An advertisement, its "Advertisement" label, or a promotional offer.
    Ad,
    /// A prompt to install the site's app ("Get our app").
    AppPrompt,
    /// A copyright notice, a disclaimer, or links to legal pages ("Privacy policy").
    Legal,
    /// A newsletter or e-mail sign-up.
    Newsletter,
    /// A cookie consent notice, or its buttons.
    Cookie,
    /// Links to other articles ("Related stories", teasers, "Read more: …").
    Related,
    /// The comment section: its heading, its policy and the comments.
    Comments,
    /// Any other clutter: image captions and credits, page-builder leftovers, page text before or after the story.
    OtherBoilerplate,
}

impl Label {
    /// Every label: the story, its title and metadata, then the clutter categories.
    pub const ALL: [Label; 13] = [
        Label::Content,
        Label::Title,
        Label::Metadata,
        Label::Navigation,
        Label::Engagement,
        Label::Ad,
        Label::AppPrompt,
        Label::Legal,
        Label::Newsletter,
        Label::Cookie,
        Label::Related,
        Label::Comments,
        Label::OtherBoilerplate,
    ];

    /// The name used in `inspect`, the rules file and the reader's fold lines.
    pub fn name(self) -> &'static str {
        match self {
            Label::Content => "content",
            Label::Title => "title",
            Label::Metadata => "metadata",
            Label::Navigation => "navigation",
            Label::Engagement => "engagement",
            Label::Ad => "ad",
            Label::AppPrompt => "app-prompt",
            Label::Legal => "legal",
            Label::Newsletter => "newsletter",
            Label::Cookie => "cookie",
            Label::Related => "related",
            Label::Comments => "comments",
            Label::OtherBoilerplate => "other-boilerplate",
        }
    }

    /// Clutter that the reader folds and the clean copy leaves out.
    pub fn is_boilerplate(self) -> bool {
        !matches!(self, Label::Content | Label::Title | Label::Metadata)
    }
}

/// One unit of the input (a heading, a paragraph, a list item…) with its label and the reason for it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Block {
    /// Its place in the article's blocks, counting from 0 in reading order.
    pub id: usize,
    /// What the block is in the input's structure.
    pub kind: BlockKind,
    /// The heading level, 1–6, for headings; `None` for other blocks.
    pub level: Option<u8>,
    /// What the block is to the reader: the story, its title or metadata, or a kind of clutter.
    pub label: Label,
    /// Why the block got its label, in the reader's words (mostly a fixed phrase: not copied per block).
    pub reason: std::borrow::Cow<'static, str>,
    /// Plain text, as the reader sees it.
    pub text: String,
    /// The same text with its inline structure (emphasis, links, code…), for the clean copy and
    /// the reader; empty when that is `text` itself, so a large plain text is held once. Its
    /// plain text ([`plain_text`]) is always `text`.
    #[serde(skip)]
    pub inlines: Vec<Inline>,
    /// A table's rows, each a list of its cells' inline content (empty for other blocks).
    #[serde(skip)]
    pub cells: Vec<Vec<Vec<Inline>>>,
    /// A code block's language, as its fence names it (empty when none does).
    #[serde(skip)]
    pub language: String,
    /// Nesting depth of list items (0 for top level) and quotes.
    #[serde(skip)]
    pub depth: u8,
    /// First and last 1-based input line.
    pub source_lines: Option<[usize; 2]>,
    /// Links in `text`, in order (HTML and Markdown input), where the inlines put them.
    #[serde(skip)]
    pub links: Vec<Link>,
    /// The image this block is, when it is an image standing on its own.
    #[serde(skip)]
    pub image: Option<Image>,
    /// The fragment names (`#…` without the `#`) that lead to this block: ids and `<a name>` of
    /// its element, of elements inside it, and of empty or wrapper elements just before it whose
    /// first block it is; a Markdown heading's slug. As written (case kept), in input order.
    #[serde(skip)]
    pub anchors: Vec<String>,
}

/// An image standing as a block of its own: what it shows, in words, and where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Image {
    /// Its alternative text (empty for a decorative image).
    pub alt: String,
    /// Its address.
    pub url: String,
}

/// A link: where its text lies in the block's `text`, and where it points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// Byte range of the link's text in the block's `text`.
    pub range: [usize; 2],
    /// Where the link points; in HTML, made absolute against the page's address where one is known.
    pub url: String,
}

/// A run of a block's text with its inline markup. What the clean copy writes as Markdown
/// (`export::markdown`, the only writer of Markdown) and the reader lays out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    /// Text as it reads, with no markup of its own.
    Text(String),
    /// Emphasised text (`<em>`, `<i>`, `*a*`).
    Emphasis(Vec<Inline>),
    /// Strong text (`<strong>`, `<b>`, `**a**`).
    Strong(Vec<Inline>),
    /// Struck-out text (`~~a~~`).
    Strikethrough(Vec<Inline>),
    /// Code inside a line (`<code>`, `` `a` ``).
    Code(String),
    /// A link: its content and where it points.
    Link {
        /// Where it points; in HTML, made absolute against the page's address where one is known.
        url: String,
        /// What it reads as.
        content: Vec<Inline>,
    },
    /// An image inside a line; it reads as its alternative text.
    Image {
        /// Its alternative text.
        alt: String,
        /// Its address.
        url: String,
    },
    /// A line break (`<br>`, a hard break); it reads as `\n`.
    Break,
    /// Markup kept as written (a Markdown input's raw HTML block).
    Html(String),
}

/// The text `inlines` read as: what a block's `text` is made of.
pub fn plain_text(inlines: &[Inline]) -> String {
    let mut out = String::new();
    push_plain(inlines, &mut out);
    out
}

fn push_plain(inlines: &[Inline], out: &mut String) {
    for inline in inlines {
        match inline {
            Inline::Text(t) | Inline::Code(t) | Inline::Html(t) => out.push_str(t),
            Inline::Image { alt, .. } => out.push_str(alt),
            Inline::Break => out.push('\n'),
            Inline::Emphasis(c) | Inline::Strong(c) | Inline::Strikethrough(c) | Inline::Link { content: c, .. } => {
                push_plain(c, out)
            }
        }
    }
}

/// The links of `inlines`, in order, with the byte range of each one's text in their plain text
/// (links with no text are left out: there is nothing to mark).
pub fn links_of(inlines: &[Inline]) -> Vec<Link> {
    fn walk(inlines: &[Inline], at: &mut usize, links: &mut Vec<Link>) {
        for inline in inlines {
            match inline {
                Inline::Text(t) | Inline::Code(t) | Inline::Html(t) => *at += t.len(),
                Inline::Image { alt, .. } => *at += alt.len(),
                Inline::Break => *at += 1,
                Inline::Emphasis(c) | Inline::Strong(c) | Inline::Strikethrough(c) => walk(c, at, links),
                Inline::Link { url, content } => {
                    let start = *at;
                    walk(content, at, links);
                    if *at > start {
                        links.push(Link { range: [start, *at], url: url.clone() });
                    }
                }
            }
        }
    }
    let mut links = Vec::new();
    walk(inlines, &mut 0, &mut links);
    links
}

/// Removes white space (and line breaks) at both ends of `inlines`, as `str::trim` does to
/// their plain text; runs left empty go, and so do links and emphasis left with nothing in them.
pub fn trim_inlines(inlines: &mut Vec<Inline>) {
    trim_end(inlines, true);
    trim_end(inlines, false);
}

fn trim_end(inlines: &mut Vec<Inline>, start: bool) {
    loop {
        let Some(edge) = (if start { inlines.first_mut() } else { inlines.last_mut() }) else { return };
        let empty = match edge {
            Inline::Text(t) | Inline::Code(t) | Inline::Html(t) => {
                *t = if start { t.trim_start() } else { t.trim_end() }.to_string();
                t.is_empty()
            }
            Inline::Image { alt, .. } => {
                *alt = if start { alt.trim_start() } else { alt.trim_end() }.to_string();
                false
            }
            Inline::Break => true,
            Inline::Emphasis(c) | Inline::Strong(c) | Inline::Strikethrough(c) | Inline::Link { content: c, .. } => {
                trim_end(c, start);
                c.is_empty()
            }
        };
        if !empty {
            return;
        }
        if start {
            inlines.remove(0);
        } else {
            inlines.pop();
        }
    }
}

impl Block {
    /// A block of `kind` with its text and its first and last input line; not yet numbered or
    /// labelled (it starts as content, with no reason).
    pub fn new(kind: BlockKind, text: String, lines: [usize; 2]) -> Block {
        Block {
            id: 0,
            kind,
            level: None,
            label: Label::Content,
            reason: std::borrow::Cow::Borrowed(""),
            inlines: Vec::new(),
            cells: Vec::new(),
            language: String::new(),
            text,
            depth: 0,
            source_lines: Some(lines),
            links: Vec::new(),
            image: None,
            anchors: Vec::new(),
        }
    }

    /// Gives the block its label and the reason the reader is shown for it.
    pub fn set_label(&mut self, label: Label, reason: impl Into<std::borrow::Cow<'static, str>>) {
        self.label = label;
        self.reason = reason.into();
    }

    /// Gives the block its inline content: its `text` becomes their plain text, and its links
    /// are where the inlines put them.
    pub fn set_inlines(&mut self, inlines: Vec<Inline>) {
        self.text = plain_text(&inlines);
        self.links = links_of(&inlines);
        self.inlines = inlines;
    }

    /// Gives a table its cells, and its links where each cell's text stands in `text` (the
    /// cells in order, each found after the one before).
    pub fn set_cells(&mut self, cells: Vec<Vec<Vec<Inline>>>) {
        self.links.clear();
        let mut from = 0;
        for cell in cells.iter().flatten() {
            let text = plain_text(cell);
            if text.is_empty() {
                continue;
            }
            let Some(at) = self.text.get(from..).and_then(|rest| rest.find(text.as_str())) else { continue };
            let start = from + at;
            self.links.extend(
                links_of(cell)
                    .into_iter()
                    .map(|l| Link { range: [start + l.range[0], start + l.range[1]], url: l.url }),
            );
            from = start + text.len();
        }
        self.cells = cells;
    }

    /// The block's inline content: its inlines, or its text as one run when it has none.
    pub fn inline_content(&self) -> std::borrow::Cow<'_, [Inline]> {
        if self.inlines.is_empty() && !self.text.is_empty() {
            std::borrow::Cow::Owned(vec![Inline::Text(self.text.clone())])
        } else {
            std::borrow::Cow::Borrowed(&self.inlines)
        }
    }
}

/// A heading of the story, as the table of contents lists it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Section {
    /// The heading's text.
    pub title: String,
    /// The heading's level, 1–6 (2 where the input gives none).
    pub level: u8,
    /// The `id` of the heading's block.
    pub block: usize,
}

impl Section {
    /// One section per heading of the story.
    pub fn of(blocks: &[Block]) -> Vec<Section> {
        blocks
            .iter()
            .filter(|b| b.kind == BlockKind::Heading && b.label == Label::Content)
            .map(|b| Section { title: b.text.clone(), level: b.level.unwrap_or(2), block: b.id })
            .collect()
    }
}

/// What sort of checkable fact a claim states, after the cues of `assets/claim_cues.toml` that found it.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum ClaimKind {
    /// A number or a count ("12,000 jobs", "three times").
    Statistic,
    /// An amount of money ("$109 billion").
    Money,
    /// A percentage or percentage points.
    Percentage,
    /// A measured comparison or a superlative ("more than", "the largest", "rose").
    Comparison,
    /// A date or a year.
    Date,
    /// A statement attributed to a source ("according to", "the study shows").
    Attribution,
    /// A direct quotation, perhaps attributed ("…," she said).
    Quote,
    /// A prediction ("is expected to", "by 2030").
    Forecast,
    /// A stated cause ("due to", "led to").
    Causal,
    /// Anything else checkable: a reported action ("voted", "signed"), or a claim no cue named.
    Other,
}

impl ClaimKind {
    /// Every kind, in the order of the enum.
    pub const ALL: [ClaimKind; 10] = [
        ClaimKind::Statistic,
        ClaimKind::Money,
        ClaimKind::Percentage,
        ClaimKind::Comparison,
        ClaimKind::Date,
        ClaimKind::Attribution,
        ClaimKind::Quote,
        ClaimKind::Forecast,
        ClaimKind::Causal,
        ClaimKind::Other,
    ];

    /// The kind of a name as `name` writes it.
    pub fn named(name: &str) -> Option<ClaimKind> {
        ClaimKind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// The name used in `inspect`, its JSON and the cue file.
    pub fn name(self) -> &'static str {
        match self {
            ClaimKind::Statistic => "statistic",
            ClaimKind::Money => "money",
            ClaimKind::Percentage => "percentage",
            ClaimKind::Comparison => "comparison",
            ClaimKind::Date => "date",
            ClaimKind::Attribution => "attribution",
            ClaimKind::Quote => "quote",
            ClaimKind::Forecast => "forecast",
            ClaimKind::Causal => "causal",
            ClaimKind::Other => "other",
        }
    }
}

/// A sentence that asserts something checkable.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Claim {
    /// The `id` of the block the sentence is in.
    pub block: usize,
    /// The sentence, as it stands in the block's `text`.
    pub text: String,
    /// Byte range of the sentence inside the block's `text`.
    pub span: [usize; 2],
    /// What sort of facts it states, from the cues that raised its score (`other` when none did).
    pub kinds: Vec<ClaimKind>,
    /// How check-worthy the sentence is, 0–1; higher is more check-worthy.
    pub score: f32,
    /// The cues that fired, in the reader's words ("a money amount: $109 billion").
    pub cues: Vec<String>,
}

/// An article read whole: where it came from, its metadata, every block labelled, its sections and claims.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Article {
    /// Where the article came from, and in which format.
    pub source: Source,
    /// Its title, byline, date, site and address, as far as they are known.
    pub meta: Meta,
    /// Every block of the input, in reading order; a block's `id` is its index here. Labels
    /// change through `relabel`, which keeps the sections and claims true.
    pub blocks: Vec<Block>,
    /// One per heading of the story, in reading order (derived from the blocks).
    sections: Vec<Section>,
    /// The check-worthy sentences of the story, in reading order (derived from the blocks).
    claims: Vec<Claim>,
}

/// A block given another label, and why (the reader's words).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Relabel {
    /// The block's `id`.
    pub block: usize,
    /// Its new label.
    pub label: Label,
    /// Why, as the reader is told.
    pub reason: String,
}

impl Article {
    /// An article of labelled blocks; its sections follow from the labels and its claims are
    /// what `find_claims` finds in them (the claim scorer lives above this module).
    pub fn new(
        source: Source,
        meta: Meta,
        blocks: Vec<Block>,
        find_claims: impl FnOnce(&[Block]) -> Vec<Claim>,
    ) -> Article {
        let sections = Section::of(&blocks);
        let claims = find_claims(&blocks);
        Article { source, meta, blocks, sections, claims }
    }

    /// Gives blocks other labels and finds the sections and claims again from the new labels.
    /// An id that is no block is skipped.
    pub fn relabel(&mut self, changes: &[Relabel], find_claims: impl FnOnce(&[Block]) -> Vec<Claim>) {
        for change in changes {
            if let Some(block) = self.blocks.get_mut(change.block) {
                block.set_label(change.label, change.reason.clone());
            }
        }
        self.sections = Section::of(&self.blocks);
        self.claims = find_claims(&self.blocks);
    }

    /// One per heading of the story, in reading order.
    pub fn sections(&self) -> &[Section] {
        &self.sections
    }

    /// The check-worthy sentences of the story, in reading order.
    pub fn claims(&self) -> &[Claim] {
        &self.claims
    }

    /// The blocks a reader keeps: the story, without title, metadata or clutter.
    pub fn story(&self) -> impl Iterator<Item = &Block> {
        self.blocks.iter().filter(|b| b.label == Label::Content)
    }

    /// The block an in-page link's fragment (`setup` of `#setup`; a leading `#` is allowed)
    /// leads to: the first block with that anchor as written, else as percent-decoded (as a
    /// browser looks), else the first matching it case-insensitively. An empty fragment, or
    /// `top` that no block claims, is the article's start. `None` when nothing matches.
    pub fn block_for_anchor(&self, fragment: &str) -> Option<usize> {
        let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
        let first = |wanted: &dyn Fn(&str) -> bool| {
            self.blocks.iter().find(|b| b.anchors.iter().any(|a| wanted(a))).map(|b| b.id)
        };
        let decoded = percent_encoding::percent_decode_str(fragment).decode_utf8_lossy();
        let same_letters =
            |a: &str, b: &str| a.chars().flat_map(char::to_lowercase).eq(b.chars().flat_map(char::to_lowercase));
        first(&|a| a == fragment)
            .or_else(|| first(&|a| a == decoded))
            .or_else(|| first(&|a| same_letters(a, &decoded)))
            .or_else(|| {
                let top = decoded.is_empty() || decoded.eq_ignore_ascii_case("top");
                self.blocks.first().filter(|_| top).map(|b| b.id)
            })
    }

    /// What a saved copy is named after: the title; with none, the story's first heading;
    /// else the site or the address's host; else "article".
    pub fn copy_name(&self) -> String {
        let heading = || self.story().find(|b| b.kind == BlockKind::Heading).map(|b| b.text.clone());
        let host = || {
            let url = self.meta.url.as_deref()?;
            let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
            rest.split('/').next().map(str::to_string).filter(|h| !h.is_empty())
        };
        self.meta
            .title
            .clone()
            .or_else(heading)
            .or_else(|| self.meta.site.clone())
            .or_else(host)
            .unwrap_or_else(|| "article".into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article_with_anchors(anchors: &[&[&str]]) -> Article {
        let blocks = anchors
            .iter()
            .enumerate()
            .map(|(id, names)| {
                let mut block = Block::new(BlockKind::Paragraph, format!("Block {id}."), [id + 1, id + 1]);
                block.id = id;
                block.anchors = names.iter().map(|n| n.to_string()).collect();
                block
            })
            .collect();
        let source = Source { kind: SourceKind::File, name: "a.html".into(), format: Format::Html, base: None };
        Article::new(source, Meta::default(), blocks, |_| Vec::new())
    }

    #[test]
    fn a_fragment_leads_to_the_first_block_with_its_anchor() {
        let article = article_with_anchors(&[&[], &["Setup", "install"], &["setup"], &["café", "a b"], &["install"]]);
        assert_eq!(article.block_for_anchor("install"), Some(1));
        assert_eq!(article.block_for_anchor("#install"), Some(1));
        // Written case first, then any case.
        assert_eq!(article.block_for_anchor("setup"), Some(2));
        assert_eq!(article.block_for_anchor("SETUP"), Some(1));
        // Percent-decoded, as a browser reads the address's fragment.
        assert_eq!(article.block_for_anchor("caf%C3%A9"), Some(3));
        assert_eq!(article.block_for_anchor("a%20b"), Some(3));
        assert_eq!(article.block_for_anchor("CAF%C3%89"), Some(3));
        assert_eq!(article.block_for_anchor("missing"), None);
        assert_eq!(article.block_for_anchor("100%"), None);
    }

    #[test]
    fn an_empty_fragment_or_top_is_the_start_unless_a_block_is_named_top() {
        let article = article_with_anchors(&[&["intro"], &[], &["other"]]);
        assert_eq!(article.block_for_anchor(""), Some(0));
        assert_eq!(article.block_for_anchor("#"), Some(0));
        assert_eq!(article.block_for_anchor("top"), Some(0));
        assert_eq!(article.block_for_anchor("Top"), Some(0));
        let article = article_with_anchors(&[&["intro"], &["top"]]);
        assert_eq!(article.block_for_anchor("top"), Some(1));
        assert_eq!(article_with_anchors(&[]).block_for_anchor("top"), None);
    }

    #[test]
    fn a_fragment_is_found_percent_decoded_too() {
        let article = article_with_anchors(&[&["intro"], &["café au lait"], &["50%-off%"]]);
        assert_eq!(article.block_for_anchor("caf%C3%A9%20au%20lait"), Some(1));
        assert_eq!(article.block_for_anchor("50%-off%"), Some(2), "a % with no hex digits after it stays");
        assert_eq!(article.block_for_anchor("%FF"), None);
    }
}
