//! Text of one format to a flat list of unlabelled blocks, in reading order, each with the
//! input lines it came from. Parsing decides only what a block *is* (heading, paragraph, list
//! item…), never whether it is clutter: that is `classify`'s job.

mod html;
mod markdown;
mod text;

use crate::article::{Block, Format, Meta};

/// Blocks of the input, plus metadata the format states outright (Markdown front matter,
/// HTML head), plus for HTML one hint per block from its place in the page.
#[derive(Debug, Clone, Default)]
pub struct Parsed {
    /// The blocks, in reading order, numbered from 0 and not yet labelled.
    pub blocks: Vec<Block>,
    /// What the input itself declares of the article (front matter, HTML head); the rest is `classify`'s to find.
    pub meta: Meta,
    /// One per block for HTML input; empty for text and Markdown.
    pub dom: Vec<DomHint>,
    /// Every title, author and date the page states about itself, by whom (HTML only); which
    /// of them is the article's is `classify`'s to decide.
    pub stated: Stated,
    /// How many elements of one class hold a post each (HTML only): the most, over the page's
    /// classes, of elements sharing a class attribute that each hold a long text of their own,
    /// little of it link text (a thread's posts, a Q&A page's answers; also a long page's
    /// repeated sections).
    pub posts: usize,
}

/// What an HTML page states about itself, each value with where it was stated, in page order.
/// Values are plain text: entities decoded, tags stripped, spaces collapsed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Stated {
    /// Headlines: JSON-LD `headline`, `og:title`, `twitter:title`, `itemprop=headline`, `<title>`.
    pub titles: Vec<Statement>,
    /// Authors: JSON-LD `author`, `<meta name=author>`, `rel=author`, `itemprop=author`, author elements.
    pub bylines: Vec<Statement>,
    /// Publication dates (ISO 8601 where they parse): JSON-LD, `article:published_time`, `<time>`, the URL.
    pub published: Vec<Statement>,
    /// Dates of the last change: JSON-LD `dateModified`, `article:modified_time`, an "updated" `<time>`.
    pub modified: Vec<Statement>,
    /// What the page says it is: every schema.org `@type` of its JSON-LD and every microdata
    /// `itemtype`, by its last word (`NewsArticle`, `TechArticle`, `DiscussionForumPosting`), in
    /// page order, each once.
    pub types: Vec<String>,
}

/// One value a page states, and where.
#[derive(Debug, Clone, PartialEq)]
pub struct Statement {
    /// Where in the page it was stated.
    pub by: StatedBy,
    /// The value, as plain text.
    pub value: String,
}

/// The places a page states its own metadata.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StatedBy {
    /// Schema.org JSON-LD (`<script type="application/ld+json">`).
    JsonLd,
    /// Open Graph or article `<meta property>` tags (`og:title`, `article:published_time`).
    OpenGraph,
    /// Twitter card tags (`twitter:title`).
    Twitter,
    /// The `<title>` element, its site part split off where it has one.
    TitleTag,
    /// Other `<meta name>` tags (`author`, `date`, `parsely-pub-date`…).
    MetaTag,
    /// Schema.org microdata (`itemprop="headline"`, `itemprop="author"`, `itemprop="datePublished"`).
    ItemProp,
    /// A link marked `rel="author"`.
    RelAuthor,
    /// An element whose class names it the author or byline (`class="byline"`).
    AuthorElement,
    /// A `<time datetime>` element.
    TimeElement,
    /// The date in the page's address (`/2025/09/04/`).
    Url,
}

impl StatedBy {
    /// The place's name as the reader sees it in a reason ("og:title", "JSON-LD").
    pub fn name(self) -> &'static str {
        match self {
            StatedBy::JsonLd => "JSON-LD",
            StatedBy::OpenGraph => "Open Graph",
            StatedBy::Twitter => "twitter card",
            StatedBy::TitleTag => "<title>",
            StatedBy::MetaTag => "<meta>",
            StatedBy::ItemProp => "microdata",
            StatedBy::RelAuthor => "rel=author",
            StatedBy::AuthorElement => "byline element",
            StatedBy::TimeElement => "<time>",
            StatedBy::Url => "the address",
        }
    }
}

/// What a block's place in an HTML page says about it: facts of the markup only (which
/// elements are around it, what their classes say, how much of it is link text); what they
/// mean for the block is `classify`'s to say.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DomHint {
    /// The innermost landmark element around the block (`<nav>`, `<footer>`, `<aside>`,
    /// `<figcaption>`), the block's own element included.
    pub landmark: Option<Landmark>,
    /// The class, id and role words of each element around the block inside that landmark
    /// (or all of them, without one), lower-cased: the block's own element first, then outward;
    /// elements without such words left out.
    pub class_words: Vec<std::sync::Arc<[String]>>,
    /// Inside a card: an element whose class many elements of the page share (a teaser list's
    /// items), with how many share it. (Not the block's own `<p>`, `<li>`, `<span>`, cell or
    /// quote; not an element that holds a post.)
    pub card_repeats: Option<usize>,
    /// Inside `<article>`, `<main>` or an element marked as the article's body.
    pub in_article: bool,
    /// Share of the block's characters that are link text.
    pub link_density: f32,
    /// Inside a `<figure>`: an image's caption or credit, never a heading of the story. (Not a
    /// measurement of the block model.)
    pub in_figure: bool,
    /// The nearest element around the block that has a class: its name and class as one key.
    /// Blocks under the same key sit in the same kind of container (the body of every answer
    /// of a Q&A page). (Not a measurement of the block model.)
    pub container: Option<u64>,
}

/// An element made to hold what is not the story. (Not `<form>`: some sites wrap whole pages in one.)
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Landmark {
    /// `<nav>`.
    Nav,
    /// `<footer>`.
    Footer,
    /// `<aside>`.
    Aside,
    /// `<figcaption>`.
    Figcaption,
}

impl Landmark {
    /// The landmark an element of this name is, if any.
    pub fn of(element: &str) -> Option<Landmark> {
        match element {
            "nav" => Some(Landmark::Nav),
            "footer" => Some(Landmark::Footer),
            "aside" => Some(Landmark::Aside),
            "figcaption" => Some(Landmark::Figcaption),
            _ => None,
        }
    }

    /// The element's name.
    pub fn element(self) -> &'static str {
        match self {
            Landmark::Nav => "nav",
            Landmark::Footer => "footer",
            Landmark::Aside => "aside",
            Landmark::Figcaption => "figcaption",
        }
    }
}

/// `href` as an absolute `http(s)` address: as it is when it is one, else read against `base`
/// (a relative or scheme-relative address); `None` when it cannot be made one.
pub(crate) fn absolute_url(href: &str, base: Option<&url::Url>) -> Option<String> {
    let href = href.trim();
    if href.is_empty() {
        return None;
    }
    let url = match url::Url::parse(href) {
        Ok(url) => url,
        Err(url::ParseError::RelativeUrlWithoutBase) => base?.join(href).ok()?,
        Err(_) => return None,
    };
    (matches!(url.scheme(), "http" | "https") && url.has_host()).then(|| url.to_string())
}

/// Parses `text` of `format`; `url` is the page's own address (for HTML links), if known.
pub fn parse(text: &str, format: Format, url: Option<&str>) -> Parsed {
    let mut parsed = match format {
        Format::Markdown => markdown::parse(text, url),
        Format::Text => Parsed { blocks: text::parse(text), ..Parsed::default() },
        Format::Html => html::parse(text, url),
    };
    for (id, block) in parsed.blocks.iter_mut().enumerate() {
        block.id = id;
    }
    parsed
}
