//! `docs/inspect-json.md` is the contract of `folio inspect --json`: every field it names is in
//! real output, every field real output has is named there, every label, kind and claim kind
//! the code knows is listed, and its example is what folio prints for the sample.

mod common;

use common::{asset, inspect};
use folio::article::PageKind;
use folio::article::{BlockKind, ClaimKind, Label};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The contract page, by the heading (`### …`) or table caption (`Labels (…):`) above each table,
/// mapped to the names in the first column of its rows.
fn tables() -> BTreeMap<String, Vec<String>> {
    let page = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/inspect-json.md")).unwrap();
    let mut tables: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut caption = String::new();
    for line in page.lines() {
        if let Some(heading) = line.strip_prefix("### ") {
            caption = heading.trim().to_string();
        } else if line.ends_with("):") && !line.starts_with('|') {
            caption = line.trim_end_matches(':').to_string();
        } else if let Some(row) = line.strip_prefix("| `") {
            let name = row.split('`').next().unwrap().to_string();
            tables.entry(caption.clone()).or_default().push(name);
        }
    }
    tables
}

/// The names a table of the page lists, as a set.
fn listed(tables: &BTreeMap<String, Vec<String>>, caption: &str) -> BTreeSet<String> {
    let names = tables.get(caption).unwrap_or_else(|| panic!("docs/inspect-json.md has no table under {caption:?}"));
    names.iter().cloned().collect()
}

/// The inputs whose reports are held to the page: both samples, and a spread of corpus pages
/// in every form when the corpus is beside the checkout.
fn inputs() -> Vec<PathBuf> {
    let mut inputs = vec![asset("samples/harbour-heat-pumps.txt"), asset("samples/field-notes.md")];
    for (corpus, form) in [("zyte-dev", "html"), ("zyte-dev", "text"), ("wcxb-dev", "html"), ("wcxb-dev", "text")] {
        let Some(dir) = common::shared(&format!("corpus/{corpus}/{form}")) else { continue };
        let mut pages: Vec<PathBuf> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
        pages.sort();
        inputs.extend(pages.into_iter().step_by(40));
    }
    inputs
}

fn keys(value: &Value) -> BTreeSet<String> {
    value.as_object().map(|o| o.keys().cloned().collect()).unwrap_or_default()
}

#[test]
fn every_field_of_real_output_is_in_the_contract_and_every_field_of_the_contract_in_real_output() {
    let tables = tables();
    let mut seen: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    let mut reasons = BTreeSet::new();
    let mut values: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    let dir = tempfile::tempdir().unwrap();
    for input in inputs() {
        // Corpus pages are gzipped; folio reads what a user would save, the page itself.
        let path = if input.extension().is_some_and(|e| e == "gz") {
            let plain = dir.path().join(input.file_stem().unwrap());
            std::fs::write(&plain, common::input_bytes(&input)).unwrap();
            plain
        } else {
            input.clone()
        };
        let report = inspect(&path);
        seen.entry("The report").or_default().extend(keys(&report));
        seen.entry("`source`").or_default().extend(keys(&report["source"]));
        seen.entry("`meta`").or_default().extend(keys(&report["meta"]));
        reasons.extend(keys(&report["meta"]["reasons"]));
        for (list, caption) in [("blocks", "`blocks[]`"), ("sections", "`sections[]`"), ("claims", "`claims[]`")] {
            for item in report[list].as_array().unwrap() {
                seen.entry(caption).or_default().extend(keys(item));
            }
        }
        for block in report["blocks"].as_array().unwrap() {
            values.entry("kind").or_default().insert(block["kind"].as_str().unwrap().to_string());
            values.entry("label").or_default().insert(block["label"].as_str().unwrap().to_string());
        }
        for claim in report["claims"].as_array().unwrap() {
            for kind in claim["kinds"].as_array().unwrap() {
                values.entry("claim kind").or_default().insert(kind.as_str().unwrap().to_string());
            }
        }
        values.entry("page kind").or_default().insert(report["meta"]["kind"].as_str().unwrap().to_string());
        let format = report["source"]["format"].as_str().unwrap();
        assert!(["text", "markdown", "html"].contains(&format), "{format}");
        if let Some(url) = report["meta"]["url"].as_str() {
            assert!(url.contains("://"), "{input:?}: meta.url {url:?} is not absolute");
        }
    }
    // `source.base` is written only when `--base` gave one.
    let based = common::folio()
        .args(["inspect", "--json", "--base", "https://example.org/a"])
        .arg(common::asset("samples/harbour-heat-pumps.txt"))
        .output()
        .unwrap();
    let based: serde_json::Value = serde_json::from_slice(&based.stdout).unwrap();
    assert_eq!(based["source"]["base"], "https://example.org/a");
    seen.entry("`source`").or_default().extend(keys(&based["source"]));
    for (caption, fields) in &seen {
        assert_eq!(fields, &listed(&tables, caption), "{caption}: real output (left) against the contract (right)");
    }
    let documented_reasons: BTreeSet<String> =
        ["title", "byline", "published", "site", "kind"].iter().map(|s| s.to_string()).collect();
    assert!(reasons.is_subset(&documented_reasons), "meta.reasons has {reasons:?}");
    assert!(values["kind"].is_subset(&listed(&tables, "Kinds (`kind`)")), "{:?}", values["kind"]);
    let page_kinds = &values["page kind"];
    assert!(page_kinds.is_subset(&listed(&tables, "Page kinds (`meta.kind`)")), "{page_kinds:?}");
    assert!(values["label"].is_subset(&listed(&tables, "Labels (`label`)")), "{:?}", values["label"]);
    assert!(values["claim kind"].is_subset(&listed(&tables, "Claim kinds (`kinds`)")), "{:?}", values["claim kind"]);
}

/// The JSON name of a value, as serde writes it.
fn name_of(value: impl serde::Serialize) -> String {
    serde_json::to_value(value).unwrap().as_str().unwrap().to_string()
}

#[test]
fn every_label_and_kind_the_code_knows_is_listed_and_nothing_else() {
    let tables = tables();
    let labels: BTreeSet<String> = Label::ALL.into_iter().map(name_of).collect();
    assert_eq!(labels, listed(&tables, "Labels (`label`)"));
    let claim_kinds: BTreeSet<String> = ClaimKind::ALL.into_iter().map(name_of).collect();
    assert_eq!(claim_kinds, listed(&tables, "Claim kinds (`kinds`)"));
    // Every block kind, named by a match the compiler holds complete.
    let all_kinds = [
        BlockKind::Heading,
        BlockKind::Paragraph,
        BlockKind::ListItem,
        BlockKind::Quote,
        BlockKind::Code,
        BlockKind::Table,
        BlockKind::Other,
    ];
    for kind in all_kinds {
        match kind {
            BlockKind::Heading
            | BlockKind::Paragraph
            | BlockKind::ListItem
            | BlockKind::Quote
            | BlockKind::Code
            | BlockKind::Table
            | BlockKind::Other => {}
        }
    }
    let kinds: BTreeSet<String> = all_kinds.into_iter().map(name_of).collect();
    assert_eq!(kinds, listed(&tables, "Kinds (`kind`)"));
    let page_kinds: BTreeSet<String> = PageKind::ALL.into_iter().map(name_of).collect();
    assert_eq!(page_kinds, listed(&tables, "Page kinds (`meta.kind`)"));
}

#[test]
fn the_example_is_what_folio_prints_for_the_sample() {
    let page = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/inspect-json.md")).unwrap();
    let example = page.split("```json\n").nth(1).and_then(|rest| rest.split("```").next()).expect("a JSON example");
    let example: Value = serde_json::from_str(example).expect("the example is JSON");
    // Run from the checkout, as the example was, so the source's name reads the same.
    let out = common::folio()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["inspect", "--json", "assets/samples/harbour-heat-pumps.txt"])
        .output()
        .unwrap();
    let real: Value = serde_json::from_slice(&out.stdout).unwrap();
    for field in ["folio", "source", "meta"] {
        assert_eq!(example[field], real[field], "{field}");
    }
    for list in ["blocks", "sections", "claims"] {
        for item in example[list].as_array().unwrap() {
            assert!(real[list].as_array().unwrap().contains(item), "{list}: {item} is not in real output");
        }
    }
}
