//! The claim model's training: its cross-validated quality on ClaimBuster (a floor just under
//! the figure measured when it was trained), and the training program rebuilding the shipped
//! weights bit for bit.

use folio::claims::Cues;
use folio_lab::claim_training::{Corpus, FOLDS, read_tsv};
use folio_lab::corpus::{asset, shared};

/// Cross-validated F1 was 0.781 and average precision 0.865 when the shipped model was trained.
const F1_FLOOR: f64 = 0.77;
const AP_FLOOR: f64 = 0.855;

fn claimbuster() -> Option<Vec<(String, bool)>> {
    let path = shared("corpus/claimbuster-dev/claims.tsv")?;
    Some(read_tsv(&std::fs::read_to_string(path).unwrap()).unwrap())
}

#[test]
fn cross_validated_quality_stays_above_its_floor() {
    let Some(examples) = claimbuster() else { return };
    let cv = Corpus::new(Cues::bundled(), &examples).cross_validate(FOLDS);
    let f = cv.figures;
    eprintln!("{FOLDS}-fold: P {:.3} R {:.3} F1 {:.3} AP {:.3}", f.precision, f.recall, f.f1, f.average_precision);
    assert!(f.f1 >= F1_FLOOR, "cross-validated F1 {:.3} fell below {F1_FLOOR}", f.f1);
    assert!(f.average_precision >= AP_FLOOR, "cross-validated AP {:.3} fell below {AP_FLOOR}", f.average_precision);
}

#[test]
fn training_rebuilds_the_shipped_weights_bit_for_bit() {
    let Some(examples) = claimbuster() else { return };
    let trained = Corpus::new(Cues::bundled(), &examples).final_model(FOLDS).to_bytes();
    let shipped = std::fs::read(asset("claim_model.bin")).unwrap();
    assert!(trained == shipped, "assets/claim_model.bin is not what lab/examples/train_claims.rs trains; run it again");
}
