//! folio: a terminal reader for articles. This library is the whole pipeline without a
//! terminal; the binary (`main.rs`) adds the command line.
//!
//! ```text
//! bytes ─decode─▶ text ─parse─▶ blocks ─classify─▶ labelled blocks ─claims─▶ Article ─▶ Markdown | JSON
//! ```

pub mod article;
pub mod batch;
pub mod claims;
pub mod classify;
pub mod config;
pub mod error;
pub mod eval;
pub mod export;
mod fnv;
mod matcher;
pub mod parse;
pub mod safe;
pub mod save;
pub mod source;
pub mod tui;

use article::{Article, Format, Section};
use classify::Rules;
use error::{Error, Result};
use source::Input;

/// An article and the warnings met while reading it (one line each, for stderr).
#[derive(Debug)]
pub struct Reading {
    pub article: Article,
    pub warnings: Vec<String>,
}

/// Reads (or fetches), decodes, parses, labels and scores one input.
pub fn read(input: &Input, rules: &Rules, claims: &claims::Scorer) -> Result<Reading> {
    let loaded = source::load(input)?;
    // A server's media type is a hint like a file's extension.
    let extension = match loaded.media_type.as_deref() {
        Some("text/markdown" | "text/x-markdown") => Some("md".to_string()),
        Some("text/plain") => Some("txt".to_string()),
        Some(_) => Some("html".to_string()),
        None => input.extension(),
    };
    read_loaded(loaded, extension.as_deref(), rules, claims)
}

/// The pipeline from loaded bytes on: decode, tell the format (`extension` is a hint), then
/// parse, label and score.
pub fn read_loaded(
    loaded: source::Loaded,
    extension: Option<&str>,
    rules: &Rules,
    claims: &claims::Scorer,
) -> Result<Reading> {
    let source::Loaded { bytes, mut source, charset, .. } = loaded;
    let not_text = |why: source::decode::NotText| Error::Binary { name: source.name.clone(), why: why.0 };
    let decoded = source::decode(&bytes).map_err(not_text)?;
    let format = parse::detect(&decoded.text, extension);
    let decoded = match format {
        Format::Html => source::decode_html(&bytes, charset.as_deref()).map_err(not_text)?,
        _ => decoded,
    };
    // A large input is held once, not twice, while it is parsed.
    drop(bytes);
    source.format = format;
    let parsed = parse_for(&decoded.text, &source);
    let warnings = decoded.warnings.into_iter().map(|w| format!("{}: {w}", source.name)).collect();
    // The blocks own their text now: the whole decoded text is let go before classifying.
    drop(decoded.text);
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

/// The pipeline from decoded text on: parse → classify → sections → claims.
pub fn build(
    text: &str,
    format: Format,
    mut source: article::Source,
    rules: &Rules,
    claims: &claims::Scorer,
) -> Article {
    source.format = format;
    finish(parse_for(text, &source), source, rules, claims)
}

/// Parses `text` in the source's format; a fetched page's links are made absolute against its URL.
fn parse_for(text: &str, source: &article::Source) -> parse::Parsed {
    let url = (source.kind == article::SourceKind::Url).then_some(source.name.as_str());
    parse::parse(text, source.format, url)
}

/// The pipeline from parsed blocks on: classify → sections → claims.
fn finish(parsed: parse::Parsed, source: article::Source, rules: &Rules, claims: &claims::Scorer) -> Article {
    let classified = classify::classify(parsed, source.format, rules);
    let sections = Section::of(&classified.blocks);
    let claims = claims.find(&classified.blocks);
    Article { source, meta: classified.meta, blocks: classified.blocks, sections, claims }
}
