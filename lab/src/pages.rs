//! The corpus pages the lab learns from and measures on: every page of zyte-dev and wcxb-dev
//! in both input forms, parsed once, each block labelled story when most of its shingles are in
//! the page's truth, and the folds of a cross-validation grouped by site (no site in both a
//! training and a test fold).

use crate::extraction::shingles;
use folio::article::Format;
use folio::classify::{self, Rules, Vector};
use folio::parse::Parsed;
use folio::source::{FormatHint, decode_page};
use std::io::Read;
use std::path::Path;

/// Folds of the cross-validation.
pub const FOLDS: usize = 5;

/// One input of one page, parsed, with what it is scored against.
pub struct Page {
    /// `zyte-dev` or `wcxb-dev`.
    pub corpus: String,
    /// The page's id in its corpus.
    pub id: String,
    /// `html` or `text`.
    pub form: String,
    /// `article`, `documentation` or `forum` (zyte-dev: all `article`).
    pub page_type: String,
    /// The site (host name) it comes from: what the folds are grouped by.
    pub site: String,
    /// The format it was read in.
    pub format: Format,
    /// Its blocks; `None` where the corpus has no input of this form or folio could not read it.
    pub parsed: Option<Parsed>,
    /// The human-checked main text.
    pub truth: String,
    /// Whether each block is story (most of its shingles are in the truth).
    pub labels: Vec<bool>,
    /// The block model's view of each block.
    pub vectors: Vec<Vector>,
}

/// Reads every page of `zyte-dev` and `wcxb-dev` under `corpora` in both forms.
pub fn load(corpora: &Path, rules: &Rules) -> std::io::Result<Vec<Page>> {
    let mut pages = Vec::new();
    let zyte = corpora.join("zyte-dev");
    let urls = std::fs::read_to_string(zyte.join("urls.tsv"))?;
    for line in urls.lines() {
        let Some((id, url)) = line.split_once('\t') else { continue };
        let site = url.split('/').nth(2).unwrap_or(id).trim_start_matches("www.").to_string();
        for form in ["html", "text"] {
            let input = zyte.join(form).join(format!("{id}.{}", if form == "html" { "html" } else { "txt" }));
            let bytes = std::fs::read(&input).ok();
            pages.push(page("zyte-dev", id, form, "article", &site, bytes, &zyte, rules)?);
        }
    }
    let wcxb = corpora.join("wcxb-dev");
    let index = std::fs::read_to_string(wcxb.join("index.tsv"))?;
    for line in index.lines().skip(1) {
        let cells: Vec<&str> = line.split('\t').collect();
        let (id, page_type, domain) = (cells[0], cells[1], cells.get(2).copied().unwrap_or(""));
        let site =
            if domain.is_empty() { format!("unknown-{id}") } else { domain.trim_start_matches("www.").to_string() };
        let html = std::fs::File::open(wcxb.join("html").join(format!("{id}.html.gz"))).ok().and_then(|f| {
            let mut bytes = Vec::new();
            flate2::read::GzDecoder::new(f).read_to_end(&mut bytes).ok().map(|_| bytes)
        });
        pages.push(page("wcxb-dev", id, "html", page_type, &site, html, &wcxb, rules)?);
        let text = std::fs::read(wcxb.join("text").join(format!("{id}.txt"))).ok();
        pages.push(page("wcxb-dev", id, "text", page_type, &site, text, &wcxb, rules)?);
    }
    Ok(pages)
}

#[allow(clippy::too_many_arguments)]
fn page(
    corpus: &str,
    id: &str,
    form: &str,
    page_type: &str,
    site: &str,
    bytes: Option<Vec<u8>>,
    root: &Path,
    rules: &Rules,
) -> std::io::Result<Page> {
    let truth = std::fs::read_to_string(root.join("truth").join(format!("{id}.txt")))?;
    let hint = if form == "html" { FormatHint::Html } else { FormatHint::Text };
    let read = bytes.and_then(|b| decode_page(&b, Some(hint), None).ok());
    let (parsed, format) = match read {
        Some(page) => (Some(folio::parse::parse(&page.decoded.text, page.format, None)), page.format),
        None => (None, Format::Text),
    };
    let truth_shingles = shingles(&truth);
    let labels = parsed.as_ref().map_or(Vec::new(), |p| {
        p.blocks
            .iter()
            .map(|b| {
                let s = shingles(&b.text);
                let all: usize = s.values().sum();
                let inside: usize = s.iter().map(|(k, n)| (*n).min(truth_shingles.get(k).copied().unwrap_or(0))).sum();
                all > 0 && inside * 2 > all
            })
            .collect()
    });
    let vectors = parsed.as_ref().map_or(Vec::new(), |p| classify::block_vectors(p, rules));
    Ok(Page {
        corpus: corpus.into(),
        id: id.into(),
        form: form.into(),
        page_type: page_type.into(),
        site: site.into(),
        format,
        parsed,
        truth,
        labels,
        vectors,
    })
}

/// The fold (0..FOLDS) of a site: the same for every page of it, fixed across runs.
pub fn fold_of(site: &str) -> usize {
    let hash = site.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3));
    (hash % FOLDS as u64) as usize
}
