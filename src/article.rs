//! The one model every view reads: an `Article` with its metadata, labelled blocks, sections
//! and claims. Built once by the pipeline in `lib.rs`; the exporters and the reader only read it.

use serde::Serialize;

/// Where the article came from.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Source {
    pub kind: SourceKind,
    /// File name as given, `-` for standard input, or the URL.
    pub name: String,
    pub format: Format,
}

#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum SourceKind {
    File,
    Url,
    Stdin,
}

#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Text,
    Markdown,
    Html,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Markdown => "markdown",
            Format::Html => "HTML",
        }
    }
}

#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct Meta {
    pub title: Option<String>,
    pub byline: Option<String>,
    /// ISO 8601 where the page's date could be parsed, else the date as written.
    pub published: Option<String>,
    pub site: Option<String>,
    pub url: Option<String>,
    /// The program that wrote the file, from its front matter (`folio 0.1.0` for a clean copy).
    #[serde(skip)]
    pub generator: Option<String>,
}

#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    Heading,
    Paragraph,
    ListItem,
    Quote,
    Code,
    Table,
    Other,
}

/// What a block is to the reader: the story, its title or metadata, or one kind of clutter.
#[derive(Debug, Clone, Copy, Serialize, serde::Deserialize, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum Label {
    Content,
    Title,
    Metadata,
    Navigation,
    Engagement,
    Ad,
    AppPrompt,
    Legal,
    Newsletter,
    Cookie,
    Related,
    Comments,
    OtherBoilerplate,
}

impl Label {
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

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Block {
    pub id: usize,
    pub kind: BlockKind,
    pub level: Option<u8>,
    pub label: Label,
    /// Why the block got its label, in the reader's words (mostly a fixed phrase: not copied per block).
    pub reason: std::borrow::Cow<'static, str>,
    /// Plain text, as the reader sees it.
    pub text: String,
    /// The same text with inline Markdown (emphasis, links, code) for the clean copy; empty
    /// when that is `text` itself (see [`Block::markdown`]), so a large plain text is held once.
    #[serde(skip)]
    pub markdown: String,
    /// A code block's language, as its fence names it (empty when none does).
    #[serde(skip)]
    pub language: String,
    /// Nesting depth of list items (0 for top level) and quotes.
    #[serde(skip)]
    pub depth: u8,
    /// First and last 1-based input line.
    pub source_lines: Option<[usize; 2]>,
    /// Links in `text`, in order (HTML and Markdown input).
    #[serde(skip)]
    pub links: Vec<Link>,
}

/// A link: where its text lies in the block's `text`, and where it points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub range: [usize; 2],
    pub url: String,
}

/// Finds each (link text, url) of `found`, in order, in `text`; links whose text cannot be
/// found (or is empty) are left out.
pub fn locate_links(text: &str, found: Vec<(String, String)>) -> Vec<Link> {
    let mut links = Vec::new();
    let mut from = 0;
    for (label, url) in found {
        let label = label.split_whitespace().collect::<Vec<_>>().join(" ");
        if label.is_empty() || url.is_empty() {
            continue;
        }
        if let Some(at) = text.get(from..).and_then(|rest| rest.find(&label)) {
            let start = from + at;
            links.push(Link { range: [start, start + label.len()], url });
            from = start + label.len();
        }
    }
    links
}

impl Block {
    pub fn new(kind: BlockKind, text: String, lines: [usize; 2]) -> Block {
        Block {
            id: 0,
            kind,
            level: None,
            label: Label::Content,
            reason: std::borrow::Cow::Borrowed(""),
            markdown: String::new(),
            language: String::new(),
            text,
            depth: 0,
            source_lines: Some(lines),
            links: Vec::new(),
        }
    }

    pub fn set_label(&mut self, label: Label, reason: impl Into<std::borrow::Cow<'static, str>>) {
        self.label = label;
        self.reason = reason.into();
    }

    /// The block as inline Markdown, for the clean copy.
    pub fn markdown(&self) -> &str {
        if self.markdown.is_empty() { &self.text } else { &self.markdown }
    }
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Section {
    pub title: String,
    pub level: u8,
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

#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum ClaimKind {
    Statistic,
    Money,
    Percentage,
    Comparison,
    Date,
    Attribution,
    Quote,
    Forecast,
    Causal,
    Other,
}

impl ClaimKind {
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
    pub block: usize,
    pub text: String,
    /// Byte range of the sentence inside the block's `text`.
    pub span: [usize; 2],
    pub kinds: Vec<ClaimKind>,
    pub score: f32,
    /// The cues that fired, in the reader's words ("a money amount: $109 billion").
    pub cues: Vec<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Article {
    pub source: Source,
    pub meta: Meta,
    pub blocks: Vec<Block>,
    pub sections: Vec<Section>,
    pub claims: Vec<Claim>,
}

impl Article {
    /// The blocks a reader keeps: the story, without title, metadata or clutter.
    pub fn story(&self) -> impl Iterator<Item = &Block> {
        self.blocks.iter().filter(|b| b.label == Label::Content)
    }
}
