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
    let source::Loaded { bytes, source, charset, media_type } = source::load(input)?;
    let not_text = |why: source::decode::NotText| Error::Binary { name: input.name(), why: why.0 };
    let decoded = source::decode(&bytes).map_err(not_text)?;
    // A server's media type is a hint like a file's extension.
    let extension = match media_type.as_deref() {
        Some("text/markdown" | "text/x-markdown") => Some("md".to_string()),
        Some("text/plain") => Some("txt".to_string()),
        Some(_) => Some("html".to_string()),
        None => input.extension(),
    };
    let format = parse::detect(&decoded.text, extension.as_deref());
    let decoded = match format {
        Format::Html => source::decode_html(&bytes, charset.as_deref()).map_err(not_text)?,
        _ => decoded,
    };
    // A large input is held once, not twice, while it is parsed.
    drop(bytes);
    let mut source = source;
    source.format = format;
    let url = (source.kind == article::SourceKind::Url).then_some(source.name.as_str());
    let parsed = parse::parse(&decoded.text, format, url);
    let warnings = decoded.warnings.into_iter().map(|w| format!("{}: {w}", input.name())).collect();
    // The blocks own their text now: the whole decoded text is let go before classifying.
    drop(decoded.text);
    let article = finish(parsed, format, source, rules, claims);
    Ok(Reading { article, warnings })
}

/// The pipeline from decoded text on: parse → classify → sections → claims.
pub fn build(text: &str, format: Format, source: article::Source, rules: &Rules, claims: &claims::Scorer) -> Article {
    let url = (source.kind == article::SourceKind::Url).then_some(source.name.as_str());
    let parsed = parse::parse(text, format, url);
    finish(parsed, format, source, rules, claims)
}

/// The pipeline from parsed blocks on: classify → sections → claims.
fn finish(
    parsed: parse::Parsed,
    format: Format,
    source: article::Source,
    rules: &Rules,
    claims: &claims::Scorer,
) -> Article {
    let classified = classify::classify(parsed, format, rules);
    let sections = Section::of(&classified.blocks);
    let claims = claims.find(&classified.blocks);
    Article { source, meta: classified.meta, blocks: classified.blocks, sections, claims }
}
