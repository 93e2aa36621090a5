//! The bundled sample page shows every kind of clutter folio knows; each line must get its
//! category, so that the README's first command shows what folio does.

mod common;

use common::{asset, block_at, inspect};

#[test]
fn every_line_of_the_text_sample_has_its_label() {
    let report = inspect(&asset("samples/harbour-heat-pumps.txt"));
    let expected: &[(u64, &str)] = &[
        (1, "navigation"),
        (2, "navigation"),
        (3, "cookie"),
        (4, "cookie"),
        (5, "title"),
        (7, "title"),
        (9, "metadata"),
        (10, "metadata"),
        (11, "metadata"),
        (12, "engagement"),
        (13, "engagement"),
        (15, "content"),
        (17, "content"),
        (19, "content"),
        (21, "content"),
        (23, "content"),
        (25, "ad"),
        (27, "content"),
        (29, "content"),
        (31, "content"),
        (33, "newsletter"),
        (35, "content"),
        (37, "content"),
        (39, "content"),
        (41, "ad"),
        (42, "app-prompt"),
        (43, "engagement"),
        (44, "engagement"),
        (46, "related"),
        (47, "related"),
        (48, "related"),
        (49, "related"),
        (51, "comments"),
        (52, "comments"),
        (53, "legal"),
    ];
    let mut wrong = Vec::new();
    for &(line, label) in expected {
        let block = block_at(&report, line).unwrap();
        if block["label"] != label {
            wrong.push(format!("line {line}: want {label}, got {} ({})", block["label"], block["reason"]));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    let sections: Vec<&str> =
        report["sections"].as_array().unwrap().iter().map(|s| s["title"].as_str().unwrap()).collect();
    assert_eq!(sections, ["How the system works", "What it costs", "What comes next"]);
    assert_eq!(report["meta"]["byline"], "Maren Holt");
}

#[test]
fn markdown_sample_keeps_its_structure() {
    let report = inspect(&asset("samples/field-notes.md"));
    let kinds: Vec<&str> = report["blocks"].as_array().unwrap().iter().map(|b| b["kind"].as_str().unwrap()).collect();
    for kind in ["heading", "paragraph", "list_item", "quote", "table", "code"] {
        assert!(kinds.contains(&kind), "no {kind} block in {kinds:?}");
    }
    let last = report["blocks"].as_array().unwrap().last().unwrap();
    assert_eq!(last["label"], "newsletter");
    assert_eq!(report["blocks"][0]["label"], "title");
}
