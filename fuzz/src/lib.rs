//! What every fuzz target does with an input: the pipeline from bytes in one format through
//! classification and claims to every export, checking what must always hold.

use folio::article::{Format, SourceKind};
use folio::export::{json, listing, markdown};
use folio::source::{FormatHint, Loaded};

/// Reads `bytes` as a file whose extension says `format` would be read (the real path:
/// decoding, format detection and all), then checks every export.
pub fn exercise(bytes: &[u8], format: Format) {
    let hint = Some(FormatHint::from(format));
    let loaded = Loaded { bytes: bytes.to_vec(), kind: SourceKind::File, name: "fuzz".into(), charset: None, hint };
    let Ok(reading) = folio::Pipeline::bundled().read_loaded(loaded) else { return };
    let article = reading.article;
    let copy = markdown::clean_markdown(&article, "2026-01-01T00:00:00Z");
    assert!(!copy.chars().any(|c| c == '\u{1b}' || c == '\u{9b}' || c == '\u{7f}'), "a control character in the copy");
    let report = json::inspect_json(&article);
    assert!(serde_json::from_str::<serde_json::Value>(&report).is_ok(), "inspect --json is not JSON");
    let shown = listing::listing(&article, true, 80);
    assert!(!shown.contains("\u{1b}]"), "an OSC sequence in the listing");
    for claim in article.claims() {
        let block = &article.blocks[claim.block];
        assert_eq!(&block.text[claim.span[0]..claim.span[1]], claim.text);
    }
}
