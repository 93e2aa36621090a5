//! `folio inspect --json`: the contract in shared/docs/inspect-json.md.

use crate::article::{Article, Block, Claim, Meta, Section, Source};
use serde::Serialize;

#[derive(Serialize)]
struct Report<'a> {
    folio: &'static str,
    source: &'a Source,
    meta: &'a Meta,
    blocks: &'a [Block],
    sections: &'a [Section],
    claims: &'a [Claim],
}

pub fn inspect_json(article: &Article) -> String {
    let report = Report {
        folio: env!("CARGO_PKG_VERSION"),
        source: &article.source,
        meta: &article.meta,
        blocks: &article.blocks,
        sections: &article.sections,
        claims: &article.claims,
    };
    serde_json::to_string_pretty(&report).expect("an article always serialises")
}
