//! folio: a terminal reader for articles. This library is the whole pipeline without a
//! terminal; the binary (`main.rs`) adds the command line.
//!
//! ```text
//! bytes ─decode─▶ text ─parse─▶ blocks ─classify─▶ labelled blocks ─claims─▶ Article ─▶ Markdown | JSON
//! ```

pub mod article;
pub mod claims;
pub mod classify;
pub mod config;
pub mod error;
pub mod eval;
pub mod export;
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

/// Reads, decodes, parses, labels and scores one input.
pub fn read(input: &Input, rules: &Rules) -> Result<Reading> {
    let bytes = source::load(input)?;
    let decoded = source::decode(&bytes).map_err(|why| Error::Binary { name: input.name(), why: why.0 })?;
    let format = parse::detect(&decoded.text, input.extension().as_deref());
    let decoded = match format {
        Format::Html => {
            source::decode_html(&bytes, None).map_err(|why| Error::Binary { name: input.name(), why: why.0 })?
        }
        _ => decoded,
    };
    let article = build(&decoded.text, format, input.source(format), rules);
    let warnings = decoded.warnings.into_iter().map(|w| format!("{}: {w}", input.name())).collect();
    Ok(Reading { article, warnings })
}

/// The pipeline from decoded text on: parse → classify → sections → claims.
pub fn build(text: &str, format: Format, source: article::Source, rules: &Rules) -> Article {
    let url = (source.kind == article::SourceKind::Url).then_some(source.name.as_str());
    let parsed = parse::parse(text, format, url);
    let classified = classify::classify(parsed, format, rules);
    let sections = Section::of(&classified.blocks);
    let claims = claims::Scorer::bundled().find(&classified.blocks);
    Article { source, meta: classified.meta, blocks: classified.blocks, sections, claims }
}
