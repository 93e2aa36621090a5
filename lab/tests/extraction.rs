//! Regression floor for boilerplate folding on real pages copied as text
//! (../shared/corpus/zyte-dev/text), scored with the benchmark's own metric.
//! The floor sits just under the measured figure; see README for the current numbers.

use folio_lab::corpus::shared;
use folio_lab::extraction::{score_corpus, summary};

const TEXT_F1_FLOOR: f64 = 0.93;
const HTML_F1_FLOOR: f64 = 0.97;

/// F1 of what folio keeps from every page of `zyte-dev/<form>/`, or `None` without the corpus.
fn zyte_dev_f1(form: &str) -> Option<f64> {
    let corpus = shared("corpus/zyte-dev")?;
    let (scores, failures) = score_corpus(&corpus, form).unwrap();
    assert!(failures.is_empty(), "pages folio could not read: {failures:?}");
    assert_eq!(scores.len(), 93);
    let (p, r, f1) = summary(&scores);
    eprintln!("zyte-dev {form}: precision {p:.3} recall {r:.3} f1 {f1:.3}");
    Some(f1)
}

#[test]
fn zyte_dev_text_f1_stays_above_its_floor() {
    let Some(f1) = zyte_dev_f1("text") else { return };
    assert!(f1 >= TEXT_F1_FLOOR, "zyte-dev text F1 fell to {f1:.3} (floor {TEXT_F1_FLOOR})");
}

#[test]
fn zyte_dev_html_f1_stays_above_its_floor() {
    let Some(f1) = zyte_dev_f1("html") else { return };
    assert!(f1 >= HTML_F1_FLOOR, "zyte-dev html F1 fell to {f1:.3} (floor {HTML_F1_FLOOR})");
}
