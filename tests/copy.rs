//! The clean copy reads back as the story: on every page of the corpora (zyte-dev and
//! wcxb-dev, HTML and text), the copy parsed again with pulldown-cmark gives every story block's
//! text, table cells and links; and the faults of the old copy (a link's `]` without its `[`, a
//! table's cells in the wrong column) stay fixed.

mod common;

use folio::article::{Article, Block, BlockKind, Format, Label, Source, SourceKind, plain_text};
use folio::classify::{Rules, classify};
use folio::export::markdown::clean_markdown;
use folio::source::{FormatHint, decode_page};
use folio::text::safe::strip;
use rayon::prelude::*;

/// The article of a page as `folio clean` reads a file (claims left out: the copy does not
/// need them).
fn article_of(bytes: &[u8], hint: FormatHint) -> Option<Article> {
    let page = decode_page(bytes, Some(hint), None).ok()?;
    article_from(&page.decoded.text, page.format)
}

fn article_from(text: &str, format: Format) -> Option<Article> {
    let parsed = folio::parse::parse(text, format, None);
    let classified = classify(parsed, format, Rules::bundled());
    let source = Source { kind: SourceKind::Stdin, name: "-".into(), format, base: None };
    Some(Article::new(source, classified.meta, classified.blocks, |_| Vec::new()))
}

/// What a block reads as once written and read again: its text (a table its cells), and its
/// links as (text, address).
#[derive(Debug, PartialEq)]
struct Reading {
    text: String,
    cells: Vec<Vec<String>>,
    links: Vec<(String, String)>,
}

/// Lines trimmed, empty ones left out (as a copy writes a paragraph's hard breaks).
fn lines(text: &str, join: &str) -> String {
    text.split('\n').map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(join)
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What a story block should read as in its copy; `None` for a block the copy cannot show (an
/// image without words, a block of control characters).
fn expected(block: &Block) -> Option<Reading> {
    if let Some(image) = &block.image {
        let alt = collapse(&strip(&image.alt));
        return (!alt.is_empty()).then(|| Reading { text: alt, cells: Vec::new(), links: Vec::new() });
    }
    let text = strip(&block.text);
    let text = match block.kind {
        BlockKind::Code => text.trim_end().to_string(),
        BlockKind::Heading => lines(&text, " "),
        BlockKind::Table => String::new(),
        BlockKind::Other => text.trim().to_string(),
        _ => lines(&text, "\n"),
    };
    let cells = cells_of(block);
    if text.is_empty() && cells.iter().flatten().all(String::is_empty) {
        return None;
    }
    let links = block
        .links
        .iter()
        .map(|l| (collapse(&strip(block.text.get(l.range[0]..l.range[1]).unwrap_or(""))), strip(&l.url).into_owned()))
        .filter(|(text, _)| !text.is_empty())
        .collect();
    Some(Reading { text, cells, links })
}

/// A table's cells as plain text, each row as wide as the widest (as the copy writes them).
fn cells_of(block: &Block) -> Vec<Vec<String>> {
    let mut rows: Vec<Vec<String>> =
        block.cells.iter().map(|row| row.iter().map(|cell| collapse(&strip(&plain_text(cell)))).collect()).collect();
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    for row in &mut rows {
        row.resize(columns, String::new());
    }
    rows
}

/// What the copy's blocks read as, parsed again.
fn read_back(copy: &str) -> Vec<Reading> {
    let parsed = folio::parse::parse(copy, Format::Markdown, None);
    parsed
        .blocks
        .iter()
        .map(|b| Reading {
            text: if b.kind == BlockKind::Table { String::new() } else { b.text.clone() },
            cells: cells_of(b),
            links: b
                .links
                .iter()
                .map(|l| (collapse(b.text.get(l.range[0]..l.range[1]).unwrap_or("")), l.url.clone()))
                .collect(),
        })
        .collect()
}

/// The first difference between what the story says and what its copy reads back as.
fn first_difference(article: &Article) -> Option<String> {
    let copy = clean_markdown(article, "2026-01-01T00:00:00Z");
    let want: Vec<Reading> = article.blocks.iter().filter(|b| b.label == Label::Content).filter_map(expected).collect();
    let got = read_back(&copy);
    for (i, (w, g)) in want.iter().zip(&got).enumerate() {
        if w != g {
            return Some(format!("block {i} of the copy:\n  story: {w:?}\n  copy:  {g:?}"));
        }
    }
    (want.len() != got.len()).then(|| format!("{} story blocks, {} in the copy read back", want.len(), got.len()))
}

#[test]
fn every_clean_copy_reads_back_as_the_story() {
    let Some(corpus) = common::shared("corpus") else { return };
    let inputs = common::corpus_inputs(&corpus);
    let bad: Vec<String> = inputs
        .par_iter()
        .filter_map(|(path, hint)| {
            let article = article_of(&common::input_bytes(path), *hint)?;
            first_difference(&article).map(|d| format!("{}: {d}", path.display()))
        })
        .collect();
    assert!(inputs.len() > 2000, "read {} inputs", inputs.len());
    assert!(
        bad.is_empty(),
        "{} copies read back otherwise, such as:\n{}",
        bad.len(),
        bad[..bad.len().min(12)].join("\n")
    );
}

/// Every block of a page, whatever its label, written as the copy writes the story.
fn every_block_as_story(mut article: Article) -> Article {
    for block in &mut article.blocks {
        block.label = Label::Content;
    }
    article
}

/// A zyte-dev page by the start of its name, read as HTML.
fn zyte_page(prefix: &str) -> Option<Article> {
    let dir = common::shared("corpus/zyte-dev/html")?;
    let path = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with(prefix)))
        .unwrap();
    article_of(&common::input_bytes(&path), FormatHint::Html)
}

fn html_article(html: &str) -> Article {
    every_block_as_story(article_from(html, Format::Html).unwrap())
}

#[test]
fn a_link_in_a_figure_credit_reads_back_whole() {
    let article = html_article(
        "<html><body><article><p>The planet is warming, and the record shows it.</p><figure><img src=\"/c.png\" \
         alt=\"Chart\"><span><figcaption>Air pollution in Delhi. </figcaption> <cite><a href=\"https://berkeleyearth.org/\">\
         Berkeley Earth</a></cite></span></figure><p>More.</p></article></body></html>",
    );
    assert_eq!(first_difference(&article), None);
    let copy = clean_markdown(&article, "T");
    assert!(copy.contains("\n[Berkeley Earth](https://berkeleyearth.org/)\n"), "{copy}");
}

#[test]
fn every_block_of_the_vox_page_reads_back_with_its_links() {
    // Its figure credits ("NASA Worldview", "Berkeley Earth") are links inside <cite>.
    let Some(article) = zyte_page("16c30add") else { return };
    assert_eq!(first_difference(&every_block_as_story(article)), None);
}

#[test]
fn every_block_of_zyte_a078b365_reads_back_with_its_links() {
    let Some(article) = zyte_page("a078b365") else { return };
    assert_eq!(first_difference(&every_block_as_story(article)), None);
}

#[test]
fn every_block_of_zyte_4a44ab3e_reads_back_with_its_links() {
    let Some(article) = zyte_page("4a44ab3e") else { return };
    assert_eq!(first_difference(&every_block_as_story(article)), None);
}

/// The copy's table, read back: its rows of cells.
fn table_read_back(html: &str) -> Vec<Vec<String>> {
    let copy = clean_markdown(&html_article(html), "T");
    let parsed = folio::parse::parse(&copy, Format::Markdown, None);
    let table = parsed.blocks.iter().find(|b| b.kind == BlockKind::Table).expect("a table in the copy");
    cells_of(table)
}

#[test]
fn an_empty_table_cell_keeps_the_next_value_in_its_column() {
    let rows = table_read_back(
        "<table><tr><th>Team</th><th>Won</th><th>Lost</th></tr><tr><td>Ajax</td><td></td><td>3</td></tr>\
         <tr><td></td><td>2</td><td>1</td></tr></table>",
    );
    assert_eq!(rows, [["Team", "Won", "Lost"], ["Ajax", "", "3"], ["", "2", "1"]]);
}

#[test]
fn a_table_cell_holding_a_bar_stays_one_cell() {
    let rows = table_read_back(
        "<table><tr><th>Pipe</th><th>Means</th></tr><tr><td><code>a | b</code></td><td>either a | or b</td></tr></table>",
    );
    assert_eq!(rows, [["Pipe", "Means"], ["a | b", "either a | or b"]]);
}

#[test]
fn a_link_whose_words_came_earlier_is_marked_where_it_stands() {
    let article = html_article("<p>Apple makes phones. <a href=\"https://apple.com/\">Apple</a> said so.</p>");
    let block = &article.blocks[0];
    assert_eq!(block.links.len(), 1);
    assert_eq!(block.links[0].range, [20, 25], "{:?}", block.links);
}
