//! Metadata: what a page states is decoded and weighed with what it shows, with a reason; and
//! on every page of the corpora no title keeps an HTML entity or a tag.

mod common;

use folio::classify::{Rules, classify};
use folio::source::decode_page;
use rayon::prelude::*;

#[test]
fn no_title_keeps_an_entity_or_a_tag() {
    let Some(corpus) = common::shared("corpus") else { return };
    // An entity, a closing tag or a tag with attributes: markup, not a title. (A bare `<table>`
    // can be the subject of a documentation page.)
    let entity =
        regex::Regex::new(r"&(#\d+|#x[0-9a-fA-F]+|[a-zA-Z]{2,8});|</[a-zA-Z]+>|<[a-zA-Z]+\s+[a-zA-Z-]+=").unwrap();
    let rules = Rules::bundled();
    let inputs = common::corpus_inputs(&corpus);
    let bad: Vec<String> = inputs
        .par_iter()
        .filter_map(|(path, hint)| {
            let page = decode_page(&common::input_bytes(path), Some(*hint), None).ok()?;
            let parsed = folio::parse::parse(&page.decoded.text, page.format, None);
            let title = classify(parsed, page.format, rules).meta.title?;
            entity.is_match(&title).then(|| format!("{}: {title}", path.display()))
        })
        .collect();
    assert!(inputs.len() > 2000, "read {} inputs", inputs.len());
    assert!(bad.is_empty(), "titles with an entity or a tag:\n{}", bad.join("\n"));
}

fn article_of(html: &str) -> folio::article::Article {
    let source = folio::article::Source {
        kind: folio::article::SourceKind::File,
        name: "page.html".into(),
        format: folio::article::Format::Html,
        base: None,
    };
    folio::Pipeline::bundled().build(html, source)
}

const STORY: &str = "<p>The coach said after the game that the team had needed the win more than any other this \
    season, and that the players had answered every question asked of them in the second half.</p>";

#[test]
fn a_json_ld_headline_is_read_as_plain_text_and_the_choice_says_why() {
    let page = format!(
        r#"<html><head><title>Lynn: "We needed to win this game" | Chargers</title>
        <meta property="og:title" content="Anthony Lynn: &amp;#8220;We needed to win this&amp;nbsp;game&amp;#8221;">
        <script type="application/ld+json">{{"@type":"NewsArticle",
          "headline":"Anthony Lynn: &#8220;We needed to win this&nbsp;game&#8221;",
          "author":{{"@type":"Person","name":"Jo Roe"}},"datePublished":"2019-11-20T10:00:00Z"}}</script>
        </head><body><article><h1>Anthony Lynn: “We needed to win this game”</h1>
        <p class="byline">By Jo Roe</p>{STORY}{STORY}</article></body></html>"#
    );
    let article = article_of(&page);
    let meta = &article.meta;
    // The <h1> that the statements agree with, as the page shows it.
    assert_eq!(meta.title.as_deref(), Some("Anthony Lynn: \u{201c}We needed to win this game\u{201d}"));
    assert_eq!(meta.byline.as_deref(), Some("Jo Roe"));
    assert_eq!(meta.published.as_deref().map(|d| &d[..10]), Some("2019-11-20"));
    let why = &meta.reasons["title"];
    assert!(why.contains("<h1>") && why.contains("JSON-LD") && why.contains("Open Graph"), "{why}");
    // The copy is named after the decided title.
    assert_eq!(folio::save::slug(&article.copy_name()), "anthony-lynn-we-needed-to-win-this-game");
}

#[test]
fn a_site_suffix_is_split_off_the_title_tag() {
    let page = format!(
        "<html><head><title>Harbour pump heats 1,140 homes | The Ledger</title></head>\
         <body><article><h2>Harbour pump heats 1,140 homes</h2>{STORY}{STORY}</article></body></html>"
    );
    assert_eq!(article_of(&page).meta.title.as_deref(), Some("Harbour pump heats 1,140 homes"));
}

#[test]
fn an_untitled_copy_is_named_after_its_host() {
    let page = format!(
        "<html><head><link rel=canonical href=\"https://news.example.org/a\"></head><body>{STORY}</body></html>"
    );
    let article = article_of(&page);
    // A paragraph of the story is never taken for the title.
    assert_eq!(article.meta.title, None);
    assert_eq!(article.copy_name(), "news.example.org");
    assert_eq!(article.meta.site.as_deref(), Some("news.example.org"));
}

/// The id of a corpus input: its file name without extensions (`0001`, a zyte-dev hash).
fn id_of(path: &std::path::Path) -> String {
    path.file_name().unwrap().to_string_lossy().split('.').next().unwrap().to_string()
}

/// What an HTML page states of itself in its head, lower-cased: every `<meta content>`, the
/// `<title>`, the JSON-LD, and the host of its canonical address.
fn stated_text(html: &scraper::Html) -> String {
    let mut out = String::new();
    for element in html.root_element().descendants().filter_map(|n| n.value().as_element().map(|e| (n, e))) {
        let (node, element) = element;
        match element.name() {
            "meta" => out.push_str(element.attr("content").unwrap_or("")),
            "title" => out.extend(node.descendants().filter_map(|n| n.value().as_text().map(|t| t.to_string()))),
            "script" if element.attr("type").is_some_and(|t| t.contains("ld+json")) => {
                out.extend(node.descendants().filter_map(|n| n.value().as_text().map(|t| t.to_string())))
            }
            "link" if element.attr("rel") == Some("canonical") => out.push_str(element.attr("href").unwrap_or("")),
            _ => continue,
        }
        out.push('\n');
    }
    folio::text::plain::decode_entities(&out).to_lowercase()
}

#[test]
fn no_site_is_a_link_label_or_holds_a_newline() {
    let Some(corpus) = common::shared("corpus") else { return };
    let rules = Rules::bundled();
    let inputs = common::corpus_inputs(&corpus);
    // Each page's link labels and its statements, from its HTML form (its text dump has none).
    let pages: std::collections::HashMap<String, (std::collections::HashSet<String>, String)> = inputs
        .par_iter()
        .filter(|(_, hint)| *hint == folio::source::FormatHint::Html)
        .map(|(path, _)| {
            let page = decode_page(&common::input_bytes(path), None, None).unwrap();
            let html = scraper::Html::parse_document(&page.decoded.text);
            let selector = scraper::Selector::parse("a").unwrap();
            let labels = html
                .select(&selector)
                .map(|a| a.text().collect::<Vec<_>>().join(" ").split_whitespace().collect::<Vec<_>>().join(" "))
                .map(|l| l.to_lowercase())
                .filter(|l| !l.is_empty())
                .collect();
            (id_of(path), (labels, stated_text(&html)))
        })
        .collect();
    let bad: Vec<String> = inputs
        .par_iter()
        .filter_map(|(path, hint)| {
            let page = decode_page(&common::input_bytes(path), Some(*hint), None).ok()?;
            let parsed = folio::parse::parse(&page.decoded.text, page.format, None);
            let site = classify(parsed, page.format, rules).meta.site?;
            let (labels, stated) = pages.get(&id_of(path))?;
            let letters = |s: &str| s.to_lowercase().chars().filter(|c| c.is_alphanumeric()).collect::<String>();
            let label = labels.contains(&site.to_lowercase()) && !letters(stated).contains(&letters(&site));
            (label || site.contains('\n')).then(|| format!("{}: {site:?}", path.display()))
        })
        .collect();
    assert!(pages.len() > 1000, "read {} pages", pages.len());
    assert!(bad.is_empty(), "{} sites that are a link label or hold a newline:\n{}", bad.len(), bad.join("\n"));
}

#[test]
fn the_site_is_what_the_page_states_and_inspect_says_why() {
    let site = |head: &str, body: &str| {
        let article = article_of(&format!(
            "<html><head>{head}</head><body>{body}<article>{STORY}{STORY}</article></body></html>"
        ));
        (article.meta.site.clone(), article.meta.reasons.get("site").cloned())
    };
    let crumbs =
        "<nav><a href=\"/\">Home</a> / <a href=\"/news\">News</a></nav><p><a href=\"/\">Go to Home Page</a></p>";
    // A breadcrumb or a menu names no site: the host does, or nothing.
    assert_eq!(site("", crumbs), (None, None));
    let canonical = "<link rel=canonical href=\"https://www.ledger.example/a\">";
    assert_eq!(site(canonical, crumbs), (Some("ledger.example".into()), Some("the address's host name".into())));
    let (name, why) = site(&format!("{canonical}<meta property=\"og:site_name\" content=\"The\n Ledger\">"), crumbs);
    assert_eq!((name.as_deref(), why.as_deref()), (Some("The Ledger"), Some("og:site_name")));
    let (name, why) = site("<meta name=\"application-name\" content=\"Ledger\">", crumbs);
    assert_eq!((name.as_deref(), why.as_deref()), (Some("Ledger"), Some("<meta name=\"application-name\">")));
    let ld = r#"<script type="application/ld+json">{"@type":"WebSite","name":"Ledger Online"}</script>"#;
    assert_eq!(site(ld, crumbs).0.as_deref(), Some("Ledger Online"));
    // A part of <title> the page repeats as its brand: its logo's text.
    let title = "<title>Harbour pump heats homes | The Ledger</title>";
    let logo = "<a class=\"site-logo\" href=\"/\"><img src=\"l.png\" alt=\"The Ledger\"></a>";
    let (name, why) = site(title, &format!("{logo}{crumbs}"));
    assert_eq!(name.as_deref(), Some("The Ledger"));
    assert!(why.is_some_and(|w| w.contains("<title>")));
    // ...and not when the page never shows it as its brand.
    assert_eq!(site(title, crumbs).0, None);
}

#[test]
fn a_text_dump_is_not_named_by_its_breadcrumb() {
    let source = folio::article::Source {
        kind: folio::article::SourceKind::File,
        name: "page.txt".into(),
        format: folio::article::Format::Text,
        base: None,
    };
    let story = "The coach said after the game that the team had needed the win more than any other this season, \
        and that the players had answered every question asked of them in the second half.";
    let text = format!("Home / News / Sport\n\nA headline here\n\n{story}\n\n{story}\n");
    let meta = folio::Pipeline::bundled().build(&text, source).meta;
    assert_eq!(meta.site, None);
}
