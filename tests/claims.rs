//! The shipped claim model: small, made for the bundled cues; the threshold flag, and what
//! `inspect` shows of each claim. (Its trained quality is held in lab/tests/claim_model.rs.)

mod common;

use common::{folio, inspect, temp_file};
use folio::claims::{Cues, Model};

#[test]
fn the_shipped_model_is_small_and_matches_the_cues() {
    let shipped = std::fs::read(common::asset("claim_model.bin")).unwrap();
    assert!(shipped.len() <= 1 << 20, "{} bytes", shipped.len());
    let model = Model::from_bytes(&shipped).unwrap();
    assert_eq!(model.cue_fingerprint, Cues::bundled().fingerprint());
    assert!((0.05..0.95).contains(&model.threshold));
}

#[test]
fn inspect_shows_kinds_and_cues_and_the_threshold_flag_moves_the_line() {
    let (_dir, page) = temp_file(
        "page.txt",
        b"The Harbour Report\n\nThe council met on Tuesday evening to hear from residents about the plan.\n\n\
         Unemployment fell to 4.1% in 2024, down from 5.3% a year earlier, the statistics office said.\n\n\
         I think we can all do better than that, honestly.\n",
    );
    let report = inspect(&page);
    let claims = report["claims"].as_array().unwrap();
    let figure = claims.iter().find(|c| c["text"].as_str().unwrap().starts_with("Unemployment")).expect("flagged");
    let kinds: Vec<&str> = figure["kinds"].as_array().unwrap().iter().map(|k| k.as_str().unwrap()).collect();
    assert!(kinds.contains(&"percentage") && kinds.contains(&"attribution"), "{kinds:?}");
    let cues: Vec<&str> = figure["cues"].as_array().unwrap().iter().map(|k| k.as_str().unwrap()).collect();
    assert!(cues.iter().any(|c| c.starts_with("a percentage: 4.1%")), "{cues:?}");
    assert!(!claims.iter().any(|c| c["text"].as_str().unwrap().starts_with("I think")));

    let count = |threshold: &str| {
        let out = folio().args(["inspect", "--json", "--claim-threshold", threshold]).arg(&page).output().unwrap();
        assert!(out.status.success());
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        report["claims"].as_array().unwrap().len()
    };
    assert!(count("0") > claims.len() && count("1") == 0, "0 flags every sentence, 1 none");
    folio().args(["inspect", "--claim-threshold", "2"]).arg(&page).assert().failure();

    let listing = folio().arg("inspect").arg(&page).output().unwrap();
    let listing = String::from_utf8(listing.stdout).unwrap();
    assert!(listing.contains("a percentage: 4.1%"), "{listing}");
}
