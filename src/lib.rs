//! folio: a terminal reader for articles. This library is the whole pipeline without a
//! terminal; the binary (`main.rs`) adds the command line.
//!
//! ```text
//! bytes ─decode─▶ text ─parse─▶ blocks ─classify─▶ labelled blocks ─claims─▶ Article ─▶ Markdown | JSON
//! ```

#![warn(missing_docs)]

pub mod article;
pub mod batch;
pub mod claims;
pub mod classify;
pub mod config;
pub mod error;
pub mod export;
pub mod library;
pub mod parse;
pub mod paths;
pub mod save;
pub mod sites;
pub mod source;
pub mod text;
pub mod tui;

use article::{Article, Format, Section, Source};
use classify::Rules;
use error::{Error, Result};
use source::Input;

/// An article and the warnings met while reading it (one line each, for stderr).
#[derive(Debug)]
pub struct Reading {
    /// The article, read whole.
    pub article: Article,
    /// What the user should hear about the input ("invalid UTF-8: …"), one line each.
    pub warnings: Vec<String>,
}

/// Reads (or fetches), decodes, parses, labels and scores one input.
pub fn read(input: &Input, rules: &Rules, claims: &claims::Scorer) -> Result<Reading> {
    read_loaded(source::load(input)?, rules, claims)
}

/// The pipeline from loaded bytes on: decode once (telling the format on the way), then
/// parse, label and score.
pub fn read_loaded(loaded: source::Loaded, rules: &Rules, claims: &claims::Scorer) -> Result<Reading> {
    let source::Loaded { bytes, kind, name, charset, hint } = loaded;
    let page = source::decode_page(&bytes, hint, charset.as_deref())
        .map_err(|why| Error::Binary { name: name.clone(), why: why.0 })?;
    // A large input is held once, not twice, while it is parsed.
    drop(bytes);
    let source = Source { kind, name, format: page.format };
    let parsed = parse_for(&page.decoded.text, &source);
    let warnings = page.decoded.warnings.into_iter().map(|w| format!("{}: {w}", source.name)).collect();
    // The blocks own their text now: the whole decoded text is let go before classifying.
    drop(page.decoded.text);
    let article = finish(parsed, source, rules, claims);
    Ok(Reading { article, warnings })
}

/// Bytes decoded as `read` decodes a page already known to be in `format` (HTML by its
/// charset declarations, anything else by BOM and UTF-8).
pub fn decode_as(bytes: &[u8], format: Format) -> std::result::Result<source::Decoded, source::decode::NotText> {
    match format {
        Format::Html => source::decode_html(bytes, None),
        _ => source::decode(bytes),
    }
}

/// The pipeline from decoded text on, in the source's format: parse → classify → sections → claims.
pub fn build(text: &str, source: Source, rules: &Rules, claims: &claims::Scorer) -> Article {
    finish(parse_for(text, &source), source, rules, claims)
}

/// Parses `text` in the source's format; a fetched page's links are made absolute against its URL.
fn parse_for(text: &str, source: &Source) -> parse::Parsed {
    let url = (source.kind == article::SourceKind::Url).then_some(source.name.as_str());
    parse::parse(text, source.format, url)
}

/// Applies what folio learned of the article's site (the reader's marks, site memory; see
/// `sites`), then finds its sections and claims again from the new labels.
pub fn apply_learned(article: &mut Article, learned: &sites::Learned, claims: &claims::Scorer) {
    sites::apply(article, learned);
    article.sections = Section::of(&article.blocks);
    article.claims = claims.find(&article.blocks);
}

/// The pipeline from parsed blocks on: classify → sections → claims.
fn finish(parsed: parse::Parsed, source: Source, rules: &Rules, claims: &claims::Scorer) -> Article {
    let classified = classify::classify(parsed, source.format, rules);
    let sections = Section::of(&classified.blocks);
    let claims = claims.find(&classified.blocks);
    Article { source, meta: classified.meta, blocks: classified.blocks, sections, claims }
}
