//! Measures site memory (`folio::sites`) on the corpora: the pages of zyte-dev and wcxb-dev
//! grouped by host, read in order as a reader would, each page folded with the memory of the
//! same site's earlier pages:
//!
//!     cargo run --release --example eval_site_memory -- ../shared/corpus
//!
//! Prints, per corpus and form, the pages that had earlier pages of their site, the blocks site
//! memory folded, how many of those were story by the truth (most of their shingles in it),
//! and the F1 of the kept text on those pages without and with it.

use folio::article::{Article, Label, Source, SourceKind};
use folio::classify::{Rules, classify};
use folio::sites::{Learned, apply, seen_of, site_of};
use folio_lab::extraction::score_document;
use folio_lab::pages::{Page, load};
use std::collections::BTreeMap;
use std::path::PathBuf;

fn article_of(page: &Page, rules: &Rules) -> Option<Article> {
    let classified = classify(page.parsed.clone()?, page.format, rules);
    let source = Source { kind: SourceKind::File, name: page.id.clone(), format: page.format, base: None };
    let mut meta = classified.meta;
    // Every page as if fetched from its site, so that text dumps have a site too.
    meta.url = Some(format!("https://{}/", page.site));
    Some(Article::new(source, meta, classified.blocks, |_| Vec::new()))
}

fn kept(article: &Article) -> String {
    article.story().map(|b| b.text.as_str()).collect::<Vec<_>>().join("\n\n")
}

#[derive(Default)]
struct Tally {
    pages: usize,
    folded: usize,
    folded_story: usize,
    f1_without: f64,
    f1_with: f64,
}

fn main() {
    let corpora = std::env::args().nth(1).unwrap_or_else(|| "../shared/corpus".into());
    let rules = Rules::bundled();
    let pages = load(&PathBuf::from(&corpora), rules).unwrap_or_else(|e| panic!("{corpora}: {e}"));
    let mut by_site: BTreeMap<(String, String, String), Vec<&Page>> = BTreeMap::new();
    for page in &pages {
        by_site.entry((page.corpus.clone(), page.form.clone(), page.site.clone())).or_default().push(page);
    }
    let mut tallies: BTreeMap<(String, String), Tally> = BTreeMap::new();
    for ((corpus, form, _), site_pages) in by_site.iter().filter(|(_, p)| p.len() >= 2) {
        let mut learned = Learned::default();
        for (k, page) in site_pages.iter().enumerate() {
            let Some(mut article) = article_of(page, rules) else { continue };
            if k > 0 {
                let before = score_document(&page.id, &page.truth, &kept(&article)).f1();
                if let Some(site) = site_of(&article) {
                    apply(&mut article.blocks, &site, &learned);
                }
                let tally = tallies.entry((corpus.clone(), form.clone())).or_default();
                tally.pages += 1;
                for (i, block) in article.blocks.iter().enumerate() {
                    if block.label == Label::OtherBoilerplate && block.reason.starts_with("seen on ") {
                        tally.folded += 1;
                        let story = page.labels.get(i).copied().unwrap_or(false);
                        tally.folded_story += usize::from(story);
                        if story && std::env::var_os("SHOW").is_some() {
                            println!("story folded: {} {} {:?}", page.id, page.form, block.text);
                        }
                    }
                }
                tally.f1_without += before;
                tally.f1_with += score_document(&page.id, &page.truth, &kept(&article)).f1();
            }
            if let Some(seen) = seen_of(&article) {
                learned.add_seen(seen);
            }
        }
    }
    println!("corpus    form  pages  folded  of which story  F1 without  F1 with");
    for ((corpus, form), t) in &tallies {
        let n = t.pages.max(1) as f64;
        println!(
            "{corpus:9} {form:5} {:5}  {:6}  {:14}  {:10.4}  {:7.4}",
            t.pages,
            t.folded,
            t.folded_story,
            t.f1_without / n,
            t.f1_with / n
        );
    }
}
