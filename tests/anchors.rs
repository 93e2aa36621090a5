//! In-page links on real pages: the `#fragment` links of a page's story lead to one of its
//! blocks, through the anchors the parser keeps (`Block::anchors`, `Article::block_for_anchor`).

mod common;

use folio::article::{Article, Format, Source, SourceKind};
use rayon::prelude::*;

/// The address a page's `href="#…"` links are given before it is read. folio keeps no link
/// that begins with `#` (there was nowhere to follow one), so to meet them where the reader
/// would, in the story's blocks, the test points them here; no page uses this address, and
/// links change no label.
const SAME_PAGE: &str = "https://same-page.folio.invalid/";

/// A wcxb-dev page, read as fetched from its address with its `#…` links kept.
fn read_page(id: &str, url: &str) -> Option<Article> {
    let path = common::shared(&format!("corpus/wcxb-dev/html/{id}.html.gz"))?;
    let bytes = common::input_bytes(&path);
    let page = folio::source::decode_page(&bytes, Some(folio::source::FormatHint::Html), None).ok()?;
    let in_page = regex::Regex::new(r#"(?i)(\bhref\s*=\s*["']?)#"#).unwrap();
    let html = in_page.replace_all(&page.decoded.text, format!("${{1}}{SAME_PAGE}#"));
    let source = Source { kind: SourceKind::Url, name: url.to_string(), format: Format::Html, base: None };
    Some(folio::Pipeline::bundled().build(&html, source))
}

/// Fragments of a page's links, each with the block it leads to, if any.
type Fragments = Vec<(String, Option<usize>)>;

/// The fragments of the story's links to its own page (written `#…`, or the page's address
/// or its canonical one with a fragment), with the block each leads to; empty fragments
/// (`href="#"`, a script's button) are no link to a place.
fn story_fragments(article: &Article, url: &str) -> Fragments {
    let without_fragment = |u: &str| -> Option<String> {
        let mut u = url::Url::parse(u).ok()?;
        u.set_fragment(None);
        Some(u.to_string().trim_end_matches('/').to_string())
    };
    let pages: Vec<String> =
        [Some(url), article.meta.url.as_deref()].into_iter().flatten().filter_map(without_fragment).collect();
    let mut out = Vec::new();
    for block in article.story() {
        for link in &block.links {
            let Some((page, fragment)) = link.url.split_once('#') else { continue };
            let same = page == SAME_PAGE || without_fragment(page).is_some_and(|p| pages.contains(&p));
            if same && !fragment.is_empty() {
                out.push((fragment.to_string(), article.block_for_anchor(fragment)));
            }
        }
    }
    out
}

/// The pages of wcxb-dev: id, page type and address, from its index.
fn wcxb_pages() -> Option<Vec<(String, String, String)>> {
    let index = std::fs::read_to_string(common::shared("corpus/wcxb-dev/index.tsv")?).unwrap();
    Some(
        index
            .lines()
            .skip(1)
            .filter_map(|line| {
                let fields: Vec<&str> = line.split('\t').collect();
                Some((fields.first()?.to_string(), fields.get(1)?.to_string(), fields.get(3)?.to_string()))
            })
            .collect(),
    )
}

#[test]
fn a_documentation_pages_section_links_lead_to_their_headings() {
    // The ArchWiki's pacman page (MediaWiki): each heading holds a `<span id>`, and the text
    // sends the reader to other sections by `#…` links.
    let url = "https://wiki.archlinux.org/title/Pacman";
    let Some(article) = read_page("2998", url) else { return };
    let fragments = story_fragments(&article, url);
    let resolved = fragments.iter().filter(|(_, b)| b.is_some()).count();
    assert!(fragments.len() >= 10, "{fragments:?}");
    assert!(resolved * 10 >= fragments.len() * 9, "{resolved} of {}: {fragments:?}", fragments.len());
    let heading = |fragment: &str| {
        let block = article.block_for_anchor(fragment).map(|b| &article.blocks[b]);
        block.filter(|b| b.kind == folio::article::BlockKind::Heading).map(|b| b.text.as_str())
    };
    assert_eq!(heading("Upgrading_packages"), Some("Upgrading packages"));
    assert_eq!(heading("upgrading_packages"), Some("Upgrading packages"), "any case, when no id is written so");
    assert_eq!(heading("Installing_specific_packages"), Some("Installing specific packages"));
    assert_eq!(heading("pacman_crashes_during_an_upgrade"), Some("pacman crashes during an upgrade"));
}

#[test]
fn most_same_page_links_of_the_story_lead_to_a_block() {
    let Some(pages) = wcxb_pages() else { return };
    let found: Vec<(String, String, Fragments)> = pages
        .par_iter()
        .filter_map(|(id, kind, url)| {
            let article = read_page(id, url)?;
            Some((id.clone(), kind.clone(), story_fragments(&article, url)))
        })
        .collect();
    assert!(found.len() > 900, "read {} pages", found.len());
    let mut by_kind: std::collections::BTreeMap<&str, (usize, usize)> = Default::default();
    let mut missed = Vec::new();
    for (id, kind, fragments) in &found {
        for (fragment, block) in fragments {
            for key in [kind.as_str(), "all"] {
                let counts = by_kind.entry(key).or_default();
                counts.0 += 1;
                counts.1 += usize::from(block.is_some());
            }
            if block.is_none() {
                missed.push(format!("{id}#{fragment}"));
            }
        }
    }
    for (kind, (links, resolved)) in &by_kind {
        eprintln!("{kind}: {resolved} of {links} same-page fragment links of the story lead to a block");
    }
    // What is missed leads nowhere a reader could go: no element of the page has that id (a
    // script gives it, or reads `data-anchor-id`), or it is on one not drawn (a closed tab,
    // a `display: none` list of footnotes), whose text folio does not read.
    eprintln!("missed ({}): {}", missed.len(), missed.iter().take(40).cloned().collect::<Vec<_>>().join(" "));
    let (links, resolved) = by_kind.get("all").copied().unwrap_or_default();
    assert!(links > 500, "only {links} same-page fragment links in the stories");
    // 2291 of 2383 (96.1 %) when written; the floor leaves room for what the pages' scripts
    // would have named.
    assert!(resolved * 100 >= links * 90, "{resolved} of {links} lead to a block");
}
