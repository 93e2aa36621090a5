//! What an HTML page states about itself: every title, author and date in its head, its
//! JSON-LD, its microdata, its byline elements and its address, each with where it was
//! stated (`Stated`); and the canonical URL and site name, which `Meta` takes as stated.

use crate::article::Meta;
use crate::parse::{Stated, StatedBy, Statement};
use crate::text::dates::parse_date;
use crate::text::plain::plain as clean;
use regex::Regex;
use scraper::Html;
use std::sync::LazyLock;

/// At most this many byline elements and `<time>` elements are read: the first ones are the
/// article's, later ones belong to comments and teasers.
const MAX_ELEMENTS: usize = 4;

/// A byline element's text longer than this is a box about the author, not a name.
const MAX_BYLINE_CHARS: usize = 100;

/// The metadata the page states outright (canonical URL, site name) and everything it states
/// about its title, authors and dates.
pub(super) fn read(document: &Html, page_url: Option<&str>) -> (Meta, Stated) {
    let mut meta = Meta::default();
    let mut stated = Stated::default();
    let mut ld = LinkedData::default();
    let (mut bylines, mut times) = (0, 0);
    // The page's own address as it states it, each possibly relative: canonical, og:url.
    let (mut canonical, mut og_url) = (None, None);
    // Names the page states for itself (`og:site_name`, `application-name`), and the places
    // it shows its brand (its logo, a link to its home page, its copyright line).
    let (mut og_site, mut app_name, mut brand) = (None, None, Vec::new());
    for node in document.tree.root().descendants() {
        let Some(element) = node.value().as_element() else { continue };
        // Text nodes joined by a space: a byline's name and date often sit in elements side by side.
        let text_of = || {
            node.descendants().filter_map(|c| c.value().as_text().map(|t| t.to_string())).collect::<Vec<_>>().join(" ")
        };
        match element.name() {
            "title" if !stated.titles.iter().any(|s| s.by == StatedBy::TitleTag) => {
                push(&mut stated.titles, StatedBy::TitleTag, &text_of());
            }
            "meta" => {
                let key = element.attr("property").or(element.attr("name")).unwrap_or("").to_ascii_lowercase();
                let Some(content) = element.attr("content").map(str::trim).filter(|c| !c.is_empty()) else { continue };
                match key.as_str() {
                    "og:title" => push(&mut stated.titles, StatedBy::OpenGraph, content),
                    "twitter:title" => push(&mut stated.titles, StatedBy::Twitter, content),
                    "og:site_name" if og_site.is_none() => og_site = Some(content.to_string()),
                    "application-name" if app_name.is_none() => app_name = Some(content.to_string()),
                    "og:url" if og_url.is_none() => og_url = Some(content.to_string()),
                    "author" | "byl" | "parsely-author" | "sailthru.author" | "dc.creator" | "citation_author" => {
                        push_name(&mut stated.bylines, StatedBy::MetaTag, content)
                    }
                    "article:author" => push_name(&mut stated.bylines, StatedBy::OpenGraph, content),
                    "article:published_time" | "og:published_time" => {
                        push_date(&mut stated.published, StatedBy::OpenGraph, content)
                    }
                    "datepublished"
                    | "pubdate"
                    | "publishdate"
                    | "publish-date"
                    | "date"
                    | "dc.date"
                    | "dc.date.issued"
                    | "parsely-pub-date"
                    | "sailthru.date"
                    | "citation_publication_date" => push_date(&mut stated.published, StatedBy::MetaTag, content),
                    "article:modified_time" | "og:updated_time" => {
                        push_date(&mut stated.modified, StatedBy::OpenGraph, content)
                    }
                    "datemodified" | "last-modified" | "dc.date.modified" => {
                        push_date(&mut stated.modified, StatedBy::MetaTag, content)
                    }
                    _ => {}
                }
            }
            "link" if element.attr("rel").is_some_and(|r| r.eq_ignore_ascii_case("canonical")) => {
                if let Some(href) = element.attr("href") {
                    canonical = Some(href.to_string());
                }
            }
            "script" if element.attr("type").is_some_and(|t| t.eq_ignore_ascii_case("application/ld+json")) => {
                if let Ok(value) = serde_json::from_str::<serde_json::Value>(text_of().trim()) {
                    ld.read(&value, 0);
                }
            }
            _ => {}
        }
        if brand.len() < MAX_BRAND_PLACES
            && let Some(place) = brand_place(element)
        {
            let mut shown = vec![text_of()];
            shown.extend(node.descendants().filter_map(|n| n.value().as_element()?.attr("alt")).map(str::to_string));
            brand.push((place, shown));
        }
        if let Some(itemtype) = element.attr("itemtype") {
            itemtype.split_whitespace().for_each(|t| push_type(&mut stated.types, t));
        }
        if let Some(prop) = element.attr("itemprop") {
            let value = || element.attr("content").or(element.attr("datetime")).map(str::to_string);
            match prop {
                "headline" => push(&mut stated.titles, StatedBy::ItemProp, &value().unwrap_or_else(text_of)),
                "author" | "creator" => {
                    let name = node
                        .descendants()
                        .filter_map(|n| n.value().as_element().map(|e| (n, e)))
                        .find(|(_, e)| e.attr("itemprop") == Some("name"))
                        .map(|(n, e)| {
                            e.attr("content").map(str::to_string).unwrap_or_else(|| {
                                n.descendants().filter_map(|c| c.value().as_text().map(|t| t.to_string())).collect()
                            })
                        });
                    let name = name.or_else(value).unwrap_or_else(text_of);
                    if name.len() <= MAX_BYLINE_CHARS {
                        push_name(&mut stated.bylines, StatedBy::ItemProp, &name);
                    }
                }
                "datePublished" => {
                    push_date(&mut stated.published, StatedBy::ItemProp, &value().unwrap_or_else(text_of))
                }
                "dateModified" => push_date(&mut stated.modified, StatedBy::ItemProp, &value().unwrap_or_else(text_of)),
                _ => {}
            }
        }
        if element.name() == "a" && element.attr("rel").is_some_and(|r| r.split_whitespace().any(|r| r == "author")) {
            push_name(&mut stated.bylines, StatedBy::RelAuthor, &text_of());
        } else if bylines < MAX_ELEMENTS && names_byline(element) {
            let text = text_of();
            if !text.trim().is_empty() && text.len() <= MAX_BYLINE_CHARS {
                bylines += 1;
                push_name(&mut stated.bylines, StatedBy::AuthorElement, &text);
            }
        }
        if element.name() == "time"
            && times < MAX_ELEMENTS
            && let Some(datetime) = element.attr("datetime")
        {
            times += 1;
            let marks = format!("{} {}", element.attr("class").unwrap_or(""), element.attr("itemprop").unwrap_or(""));
            let marks = marks.to_ascii_lowercase();
            let list = if marks.contains("modif") || marks.contains("updat") {
                &mut stated.modified
            } else {
                &mut stated.published
            };
            push_date(list, StatedBy::TimeElement, datetime);
        }
    }
    // The canonical link before og:url; a relative or scheme-relative one is read against the
    // page's own address, and one that cannot be made absolute is no address.
    let page = page_url.and_then(|u| url::Url::parse(u).ok());
    meta.url = [canonical, og_url].into_iter().flatten().find_map(|u| crate::parse::absolute_url(&u, page.as_ref()));
    ld.add_to(&mut stated);
    for kind in std::mem::take(&mut ld.types) {
        push_type(&mut stated.types, &kind);
    }
    let host = meta.url.as_deref().or(page_url).and_then(|u| url::Url::parse(u).ok()?.host_str().map(str::to_string));
    let mut brand: Vec<String> =
        brand.into_iter().filter(|(place, _)| place.is_home(host.as_deref())).flat_map(|(_, shown)| shown).collect();
    brand.extend(copyright_lines(document));
    let title = stated.titles.iter().find(|s| s.by == StatedBy::TitleTag).map(|s| s.value.as_str());
    let named = [
        (og_site, "og:site_name"),
        (app_name, "<meta name=\"application-name\">"),
        (ld.website, "the JSON-LD WebSite's name"),
        (
            title.and_then(|t| brand_in_title(t, &brand, host.as_deref())),
            "the part of <title> the page repeats as its brand",
        ),
        (ld.publisher, "the JSON-LD publisher"),
    ];
    if let Some((site, reason)) = named.into_iter().find_map(|(name, reason)| Some((site_name(&name?)?, reason))) {
        meta.site = Some(site);
        meta.reasons.insert("site".into(), reason.into());
    }
    if let Some(date) = meta.url.as_deref().or(page_url).and_then(date_in_address) {
        stated.published.push(Statement { by: StatedBy::Url, value: date });
    }
    (meta, stated)
}

/// At most this many elements are read for the page's brand (logo, home link).
const MAX_BRAND_PLACES: usize = 40;

/// A site's name: one line of plain text, short (a sentence or an address is no name).
fn site_name(value: &str) -> Option<String> {
    let name = clean(value);
    let words = name.split_whitespace().count();
    (!name.is_empty() && words <= 8 && name.chars().count() <= 60 && !name.contains("://")).then_some(name)
}

/// An element that may show the site's brand.
enum BrandPlace {
    /// A logo or brand element (by its class or id).
    Logo,
    /// A link, to be a link to the site's home page.
    Link(String),
}

impl BrandPlace {
    /// Whether it shows the brand of the site at `host` (a link to another site's home page
    /// shows that site's).
    fn is_home(&self, host: Option<&str>) -> bool {
        let BrandPlace::Link(href) = self else { return true };
        let same = |a: &str, b: &str| a.trim_start_matches("www.") == b.trim_start_matches("www.");
        match url::Url::parse(href.trim()) {
            Ok(url) => host.is_some_and(|h| url.host_str().is_some_and(|u| same(u, h))),
            Err(_) => true,
        }
    }
}

/// Whether an element may show the site's brand: a logo or brand element, or a link to a
/// home page.
fn brand_place(element: &scraper::node::Element) -> Option<BrandPlace> {
    let marks = format!("{} {}", element.attr("class").unwrap_or(""), element.id().unwrap_or("")).to_ascii_lowercase();
    if marks
        .split(|c: char| !c.is_ascii_alphanumeric())
        .any(|t| matches!(t, "logo" | "brand" | "wordmark" | "sitename"))
    {
        return Some(BrandPlace::Logo);
    }
    let href = element.attr("href").filter(|_| element.name() == "a")?;
    let root = match url::Url::parse(href.trim()) {
        Ok(url) => matches!(url.path(), "" | "/" | "/index.html" | "/index.php") && url.query().is_none(),
        Err(_) => matches!(href.trim(), "/" | "./" | "/index.html" | "/index.php"),
    };
    root.then(|| BrandPlace::Link(href.to_string()))
}

/// The page's copyright lines ("© 2025 The Ledger. All rights reserved."), where sites name
/// themselves.
fn copyright_lines(document: &Html) -> Vec<String> {
    let mut lines = Vec::new();
    for node in document.tree.root().descendants() {
        let Some(text) = node.value().as_text() else { continue };
        let in_script =
            node.parent().and_then(|p| p.value().as_element()).is_some_and(|e| matches!(e.name(), "script" | "style"));
        if !in_script && text.len() <= 300 && (text.contains('©') || text.to_ascii_lowercase().contains("copyright")) {
            lines.push(text.to_string());
            if lines.len() >= 4 {
                break;
            }
        }
    }
    lines
}

/// The part of a `<title>` ("Headline | Brand") that the page repeats as its brand: shown
/// by its logo, a home link or its copyright line, or spelt by its host name. The last part
/// is tried first, then the first, then the rest.
fn brand_in_title(title: &str, brand: &[String], host: Option<&str>) -> Option<String> {
    let parts = crate::text::plain::title_parts(title);
    if parts.len() < 2 {
        return None;
    }
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
    };
    let shown: Vec<Vec<String>> = brand.iter().map(|b| words(b)).collect();
    let host: Vec<String> = host.map(words).unwrap_or_default();
    let order = std::iter::once(parts.len() - 1).chain(0..parts.len() - 1);
    order
        .map(|i| &parts[i])
        .find(|part| {
            let part_words = words(part);
            !part_words.is_empty()
                && part_words.len() <= 6
                && (shown.iter().any(|b| b.windows(part_words.len()).any(|w| w == part_words.as_slice()))
                    || (!host.is_empty() && part_words.iter().all(|w| host.contains(w))))
        })
        .cloned()
}

/// Whether an element's class or id names it the article's byline or author name (not a
/// box about the author, nor an avatar).
fn names_byline(element: &scraper::node::Element) -> bool {
    let marks = format!("{} {}", element.attr("class").unwrap_or(""), element.id().unwrap_or("")).to_ascii_lowercase();
    marks.split(|c: char| c.is_whitespace()).any(|token| {
        let named = token.contains("byline") || token.contains("author");
        let other = ["bio", "avatar", "image", "img", "photo", "box", "desc", "about", "wrap", "social", "link"];
        named && !other.iter().any(|o| token.contains(o))
    })
}

static ADDRESS_DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:/|-|$)").expect("valid"));

/// The date in a page's address (`https://site/2025/09/04/story/`), as `2025-09-04`.
fn date_in_address(url: &str) -> Option<String> {
    let c = ADDRESS_DATE.captures(url)?;
    let (month, day): (u32, u32) = (c[2].parse().ok()?, c[3].parse().ok()?);
    ((1..=12).contains(&month) && (1..=31).contains(&day)).then(|| format!("{}-{month:02}-{day:02}", &c[1]))
}

fn push(list: &mut Vec<Statement>, by: StatedBy, value: &str) {
    let value = clean(value);
    if !value.is_empty() && !list.iter().any(|s| s.by == by && s.value == value) {
        list.push(Statement { by, value });
    }
}

/// A name: not an address (`article:author` is often the author's page) nor a handle alone.
fn push_name(list: &mut Vec<Statement>, by: StatedBy, value: &str) {
    let value = value.trim();
    if value.contains("://") || value.starts_with("www.") || value.starts_with('@') {
        return;
    }
    push(list, by, value);
}

/// A date, as ISO 8601 where it parses (a date that does not parse is not kept).
fn push_date(list: &mut Vec<Statement>, by: StatedBy, value: &str) {
    if let Some(date) = parse_date(&clean(value)) {
        push(list, by, &date);
    }
}

/// What the page's JSON-LD says of the article, in the order it says it.
#[derive(Default)]
struct LinkedData {
    headlines: Vec<String>,
    authors: Vec<String>,
    published: Vec<String>,
    modified: Vec<String>,
    publisher: Option<String>,
    /// The name of the `WebSite` the page belongs to.
    website: Option<String>,
    /// Every `@type` named, in the order named.
    types: Vec<String>,
}

impl LinkedData {
    fn read(&mut self, value: &serde_json::Value, depth: usize) {
        use serde_json::Value;
        if depth > 8 {
            return;
        }
        match value {
            Value::Array(items) => items.iter().for_each(|v| self.read(v, depth + 1)),
            Value::Object(map) => {
                if let Some(graph) = map.get("@graph") {
                    self.read(graph, depth + 1);
                }
                match map.get("@type") {
                    Some(Value::String(t)) => self.types.push(t.clone()),
                    Some(Value::Array(ts)) => {
                        self.types.extend(ts.iter().filter_map(Value::as_str).map(str::to_string))
                    }
                    _ => {}
                }
                let kind = map.get("@type").map(|t| t.to_string()).unwrap_or_default();
                if kind.contains("WebSite") && self.website.is_none() {
                    self.website = map.get("name").and_then(serde_json::Value::as_str).map(str::to_string);
                }
                let creative = ["Article", "Posting", "Report", "WebPage", "Blog", "Question", "Recipe", "HowTo"];
                if !creative.iter().any(|k| kind.contains(k)) {
                    return;
                }
                let text = |key: &str| map.get(key).and_then(Value::as_str).map(str::to_string);
                // A WebPage's `name` is the page's title, much as `<title>` is; an article's headline is its own.
                let page = kind.contains("WebPage");
                self.headlines.extend(text("headline").or_else(|| text("name").filter(|_| !page)));
                self.published.extend(text("datePublished"));
                self.modified.extend(text("dateModified"));
                self.authors.extend(map.get("author").and_then(name_of));
                if self.publisher.is_none() {
                    self.publisher = map.get("publisher").and_then(name_of);
                }
            }
            _ => {}
        }
    }

    fn add_to(&self, stated: &mut Stated) {
        // JSON-LD speaks for the page as a whole: first in each list.
        let first = |list: &mut Vec<Statement>, values: &[String], date: bool| {
            let mut ours = Vec::new();
            for value in values {
                if date {
                    push_date(&mut ours, StatedBy::JsonLd, value);
                } else {
                    push_name(&mut ours, StatedBy::JsonLd, value);
                }
            }
            ours.append(list);
            *list = ours;
        };
        first(&mut stated.titles, &self.headlines, false);
        first(&mut stated.bylines, &self.authors, false);
        first(&mut stated.published, &self.published, true);
        first(&mut stated.modified, &self.modified, true);
    }
}

/// At most this many types are kept of a page (a catalogue's JSON-LD can name hundreds).
const MAX_TYPES: usize = 32;

/// Adds a schema.org type, by the last word of its name or address
/// (`https://schema.org/TechArticle` → `TechArticle`), unless it is there already.
fn push_type(types: &mut Vec<String>, value: &str) {
    let name = value.trim().rsplit(['/', '#', ':']).next().unwrap_or("").trim();
    if !name.is_empty() && types.len() < MAX_TYPES && !types.iter().any(|t| t == name) {
        types.push(name.to_string());
    }
}

fn name_of(value: &serde_json::Value) -> Option<String> {
    use serde_json::Value;
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Object(map) => map.get("name").and_then(Value::as_str).map(str::to_string),
        Value::Array(items) => {
            let names: Vec<String> = items.iter().filter_map(name_of).collect();
            (!names.is_empty()).then(|| names.join(", "))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_page(html: &str) -> (Meta, Stated) {
        read(&Html::parse_document(html), None)
    }

    #[test]
    fn everything_the_page_states_is_gathered() {
        let (meta, stated) = read_page(
            r#"<html><head><title>Page | Site</title><meta property="og:site_name" content="The Site">
               <link rel="canonical" href="https://site.example/2019/11/20/a">
               <meta property="og:title" content="The &amp;#8220;headline&amp;#8221;">
               <script type="application/ld+json">{"@type":"NewsArticle","headline":"The &#8220;headline&#8221;",
               "datePublished":"2019-11-20T10:00:00Z","dateModified":"2019-11-21",
               "author":[{"@type":"Person","name":"Jo Roe"}]}</script>
               </head><body><p class="byline">By <a rel="author" href="/jo">Jo Roe</a></p>
               <time class="updated" datetime="2019-11-22">Nov 22</time></body></html>"#,
        );
        assert_eq!(meta.site.as_deref(), Some("The Site"));
        assert_eq!(meta.url.as_deref(), Some("https://site.example/2019/11/20/a"));
        fn values(l: &[Statement]) -> Vec<(StatedBy, &str)> {
            l.iter().map(|s| (s.by, s.value.as_str())).collect()
        }
        assert_eq!(
            values(&stated.titles),
            [
                (StatedBy::JsonLd, "The \u{201c}headline\u{201d}"),
                (StatedBy::TitleTag, "Page | Site"),
                (StatedBy::OpenGraph, "The \u{201c}headline\u{201d}")
            ]
        );
        assert_eq!(
            values(&stated.bylines),
            [(StatedBy::JsonLd, "Jo Roe"), (StatedBy::AuthorElement, "By Jo Roe"), (StatedBy::RelAuthor, "Jo Roe")]
        );
        assert_eq!(
            values(&stated.published),
            [(StatedBy::JsonLd, "2019-11-20T10:00:00"), (StatedBy::Url, "2019-11-20")]
        );
        assert_eq!(values(&stated.modified), [(StatedBy::JsonLd, "2019-11-21"), (StatedBy::TimeElement, "2019-11-22")]);
    }

    #[test]
    fn dates_in_addresses() {
        assert_eq!(date_in_address("https://x.com/2025/9/04/story"), Some("2025-09-04".into()));
        assert_eq!(date_in_address("https://x.com/2025/13/04/story"), None);
    }
}
