//! Metadata on every page of the corpora: no title keeps an HTML entity or a tag, and the
//! seed's title and date stay right.

mod common;

use folio::classify::{Rules, classify};
use folio::source::{FormatHint, decode_page};
use rayon::prelude::*;
use std::io::Read;
use std::path::PathBuf;

/// Every HTML page and text dump of zyte-dev and wcxb-dev, with the form it is read in.
fn inputs(corpus: &std::path::Path) -> Vec<(PathBuf, FormatHint)> {
    let mut out = Vec::new();
    for name in ["zyte-dev", "wcxb-dev"] {
        for (form, hint) in [("html", FormatHint::Html), ("text", FormatHint::Text)] {
            let dir = corpus.join(name).join(form);
            let mut files: Vec<PathBuf> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
            files.sort();
            out.extend(files.into_iter().map(|f| (f, hint)));
        }
    }
    out
}

fn bytes_of(path: &std::path::Path) -> Vec<u8> {
    let raw = std::fs::read(path).unwrap();
    if path.extension().is_some_and(|e| e == "gz") {
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(&raw[..]).read_to_end(&mut out).unwrap();
        out
    } else {
        raw
    }
}

#[test]
fn no_title_keeps_an_entity_or_a_tag() {
    let Some(corpus) = common::shared("corpus") else { return };
    // An entity, a closing tag or a tag with attributes: markup, not a title. (A bare `<table>`
    // can be the subject of a documentation page.)
    let entity =
        regex::Regex::new(r"&(#\d+|#x[0-9a-fA-F]+|[a-zA-Z]{2,8});|</[a-zA-Z]+>|<[a-zA-Z]+\s+[a-zA-Z-]+=").unwrap();
    let rules = Rules::bundled();
    let inputs = inputs(&corpus);
    let bad: Vec<String> = inputs
        .par_iter()
        .filter_map(|(path, hint)| {
            let page = decode_page(&bytes_of(path), Some(*hint), None).ok()?;
            let parsed = folio::parse::parse(&page.decoded.text, page.format, None);
            let title = classify(parsed, page.format, rules).meta.title?;
            entity.is_match(&title).then(|| format!("{}: {title}", path.display()))
        })
        .collect();
    assert!(inputs.len() > 2000, "read {} inputs", inputs.len());
    assert!(bad.is_empty(), "titles with an entity or a tag:\n{}", bad.join("\n"));
}
