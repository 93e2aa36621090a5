//! What every fuzz target does with an input: the pipeline from bytes in one format through
//! classification and claims to every export, checking what must always hold.

use folio::article::{Format, Source, SourceKind};
use folio::claims::Scorer;
use folio::classify::Rules;
use folio::export::{json, listing, markdown};

pub fn exercise(bytes: &[u8], format: Format) {
    let Ok(decoded) = folio::decode_as(bytes, format) else { return };
    let text = decoded.text;
    let source = Source { kind: SourceKind::File, name: "fuzz".to_string(), format };
    let article = folio::build(&text, source, Rules::bundled(), &Scorer::bundled());
    let copy = markdown::clean_markdown(&article, "2026-01-01T00:00:00Z");
    assert!(!copy.chars().any(|c| c == '\u{1b}' || c == '\u{9b}' || c == '\u{7f}'), "a control character in the copy");
    let report = json::inspect_json(&article);
    assert!(serde_json::from_str::<serde_json::Value>(&report).is_ok(), "inspect --json is not JSON");
    let shown = listing::listing(&article, true, 80);
    assert!(!shown.contains("\u{1b}]"), "an OSC sequence in the listing");
    for claim in &article.claims {
        let block = &article.blocks[claim.block];
        assert_eq!(&block.text[claim.span[0]..claim.span[1]], claim.text);
    }
}
