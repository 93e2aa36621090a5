//! Regression floor for boilerplate folding on real pages copied as text
//! (../shared/corpus/zyte-dev/text), scored with the benchmark's own metric.
//! The floor sits just under the measured figure; see README for the current numbers.

mod common;

use folio::article::{Format, Source, SourceKind};
use folio::classify::Rules;
use folio::eval::{kept_text, score_document, summary};

const TEXT_F1_FLOOR: f64 = 0.93;

#[test]
fn zyte_dev_text_f1_stays_above_its_floor() {
    let Some(corpus) = common::shared("corpus/zyte-dev") else { return };
    let mut scores = Vec::new();
    let mut names: Vec<_> = std::fs::read_dir(corpus.join("text")).unwrap().map(|e| e.unwrap().path()).collect();
    names.sort();
    for path in names {
        let id = path.file_stem().unwrap().to_string_lossy().into_owned();
        let truth = std::fs::read_to_string(corpus.join("truth").join(format!("{id}.txt"))).unwrap();
        let decoded = folio::source::decode(&std::fs::read(&path).unwrap()).unwrap();
        let source = Source { kind: SourceKind::File, name: id.clone(), format: Format::Text };
        let article = folio::build(&decoded.text, Format::Text, source, Rules::bundled());
        scores.push(score_document(&id, &truth, &kept_text(&article)));
    }
    assert_eq!(scores.len(), 93);
    let (p, r, f1) = summary(&scores);
    eprintln!("zyte-dev text: precision {p:.3} recall {r:.3} f1 {f1:.3}");
    assert!(f1 >= TEXT_F1_FLOOR, "zyte-dev text F1 fell to {f1:.3} (floor {TEXT_F1_FLOOR})");
}
