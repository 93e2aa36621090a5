//! `folio inspect --json`: the contract in docs/inspect-json.md (held to real output by tests/contract.rs).

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

fn report(article: &Article) -> Report<'_> {
    Report {
        folio: env!("CARGO_PKG_VERSION"),
        source: &article.source,
        meta: &article.meta,
        blocks: &article.blocks,
        sections: article.sections(),
        claims: article.claims(),
    }
}

/// The `inspect --json` report of `article`, pretty-printed, as one string.
pub fn inspect_json(article: &Article) -> String {
    serde_json::to_string_pretty(&report(article)).expect("an article always serialises")
}

/// The same report written as it is made (a 50 MB article's report is never held whole),
/// followed by a newline.
pub fn write_inspect_json(article: &Article, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &report(article)).map_err(std::io::Error::from)?;
    out.write_all(b"\n")
}
