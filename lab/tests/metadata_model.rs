//! The metadata model: the training example rebuilds the shipped weights bit for bit, and
//! the out-of-fold share of wcxb-dev pages whose title, byline and date folio gets right
//! (5-fold cross-validation grouped by site) stays above its floors; so does what the shipped
//! model gets right through folio's whole pipeline.

use folio::classify::{Field, Rules};
use folio_lab::corpus::{asset, shared};
use folio_lab::metadata::{MODEL_HEADER, choose, cross_validate, is_right, load, shipped_model, to_toml};

/// Floors a little under the out-of-fold figures measured when the model was trained
/// (README, "How folio decides"): (form, field, floor).
const CROSS_VALIDATED_FLOORS: [(&str, &str, f64); 6] = [
    ("html", "title", 0.91),
    ("html", "byline", 0.74),
    ("html", "published", 0.84),
    ("text", "title", 0.64),
    ("text", "byline", 0.35),
    ("text", "published", 0.62),
];

#[test]
fn metadata_model_is_rebuilt_bit_for_bit_and_its_figures_hold() {
    let Some(corpora) = shared("corpus") else { return };
    let pages = load(&corpora, Rules::bundled()).unwrap();
    let model = shipped_model(&pages);
    let shipped = std::fs::read_to_string(asset("meta_model.toml")).unwrap();
    assert!(
        to_toml(&model, MODEL_HEADER) == shipped,
        "assets/meta_model.toml is not what lab/examples/eval_metadata.rs trains; run it with --write"
    );
    let figures = cross_validate(&pages);
    for (form, field, floor) in CROSS_VALIDATED_FLOORS {
        let f = figures[&(form, field)];
        eprintln!("cross-validated {form} {field}: {:.3} right (floor {floor})", f.accuracy());
        assert!(f.accuracy() >= floor, "cross-validated {form} {field} fell to {:.3} (floor {floor})", f.accuracy());
    }
    // The bundled model is the one trained here: its choices are folio's.
    let (mut right, mut labelled) = (0, 0);
    for page in pages.iter().filter(|p| p.format == folio::article::Format::Html) {
        let Some(truth) = page.truth.of(Field::Title) else { continue };
        labelled += 1;
        let scorer = folio::classify::MetaModel::bundled().scorer(Field::Title, page.format).unwrap();
        right +=
            usize::from(choose(page, Field::Title, scorer).is_some_and(|c| is_right(Field::Title, &c.value, truth)));
    }
    assert!(right as f64 / labelled as f64 >= 0.92, "shipped HTML titles right: {right} of {labelled}");
}
