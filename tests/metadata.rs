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
    };
    folio::build(html, source, Rules::bundled(), &folio::claims::Scorer::bundled())
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
