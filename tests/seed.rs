//! The seed page (../shared/corpus/seed): every line's label, the four sections and the
//! claim expectations, as a careful human reader marked them.

mod common;

use common::{block_at, inspect, shared};

#[test]
fn every_seed_line_has_its_gold_label() {
    let Some(page) = shared("corpus/seed/btcc-buterin.txt") else { return };
    let Some(labels) = shared("corpus/seed/btcc-buterin.labels.tsv") else { return };
    let report = inspect(&page);
    let mut wrong = Vec::new();
    for row in std::fs::read_to_string(labels).unwrap().lines().filter(|l| !l.starts_with('#')) {
        let mut fields = row.split('\t');
        let (line, gold) = (fields.next().unwrap().parse::<u64>().unwrap(), fields.next().unwrap());
        let block = block_at(&report, line).unwrap_or_else(|| panic!("no block covers line {line}"));
        let (want_label, want_kind) = match gold {
            "title-duplicate" => ("title", None),
            "heading" => ("content", Some("heading")),
            other => (other, None),
        };
        let label_ok = block["label"] == want_label;
        let kind_ok =
            want_kind.is_none_or(|k| block["kind"] == k) && (want_kind.is_some() || block["kind"] != "heading");
        if !(label_ok && kind_ok) {
            wrong.push(format!(
                "line {line}: want {gold}, got {} {} ({})",
                block["label"], block["kind"], block["reason"]
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn seed_has_its_four_sections_and_metadata() {
    let Some(page) = shared("corpus/seed/btcc-buterin.txt") else { return };
    let report = inspect(&page);
    let titles: Vec<&str> =
        report["sections"].as_array().unwrap().iter().map(|s| s["title"].as_str().unwrap()).collect();
    assert_eq!(
        titles,
        [
            "The Flawed Frame",
            "A Call for Cooperative Governance",
            "Is a moratorium on AI development needed?",
            "Is China really racing toward Artificial Superintelligence?"
        ]
    );
    assert_eq!(report["meta"]["published"], "2025-12-17T17:44:46");
    // The page names no author: no byline is invented.
    assert!(report["meta"]["byline"].is_null(), "{}", report["meta"]);
    // A text dump states no name of its own (its breadcrumb's first entry is a link label): no site.
    assert!(report["meta"]["site"].is_null(), "{}", report["meta"]);
    assert!(report["meta"]["title"].as_str().unwrap().starts_with("Vitalik Buterin Dismisses"));
    assert_eq!(report["source"]["format"], "text");
    assert_eq!(report["source"]["kind"], "file");
}

#[test]
fn seed_claims_are_flagged_and_rhetoric_is_not() {
    let Some(page) = shared("corpus/seed/btcc-buterin.txt") else { return };
    let Some(expected) = shared("corpus/seed/btcc-buterin.claims.tsv") else { return };
    let report = inspect(&page);
    let claims = report["claims"].as_array().unwrap();
    let mut wrong = Vec::new();
    let mut flagged = 0;
    for row in std::fs::read_to_string(expected).unwrap().lines().filter(|l| !l.starts_with('#')) {
        let fields: Vec<&str> = row.split('\t').collect();
        let (expect, line, start) = (fields[0], fields[1].parse::<u64>().unwrap(), fields[2]);
        let block = block_at(&report, line).unwrap()["id"].clone();
        let found = claims.iter().find(|c| c["block"] == block && c["text"].as_str().unwrap().starts_with(start));
        match (expect, found) {
            ("flag", Some(claim)) => {
                flagged += 1;
                let score = claim["score"].as_f64().unwrap();
                assert!((0.0..=1.0).contains(&score));
                assert!(!claim["kinds"].as_array().unwrap().is_empty());
            }
            ("skip", None) => {}
            _ => wrong.push(format!("{expect} line {line}: {start}")),
        }
    }
    assert!(wrong.is_empty(), "claims not as expected:\n{}", wrong.join("\n"));
    assert_eq!(flagged, 7);
}
