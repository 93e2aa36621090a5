//! Trains folio's claim model and writes it to `assets/claim_model.bin`:
//!
//!     cargo run --release --example train_claims -- ../shared/corpus/claimbuster-dev/claims.tsv
//!
//! Prints the 5-fold cross-validated figures first (each fold scored by a model, and flagged
//! at a threshold, chosen without it), then trains on every sentence. Deterministic: the same
//! data gives the same file, byte for byte. `--check` compares instead of writing.
//!
//! The data is ClaimBuster (Arslan, Hassan, Li & Tremayne, ICWSM 2020), CC BY 4.0.

use folio::claims::Cues;
use folio_lab::claim_training::{Corpus, FOLDS, read_tsv};
use std::time::Instant;

const OUT: &str = "assets/claim_model.bin";

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let check = args.iter().any(|a| a == "--check");
    let Some(tsv) = args.iter().find(|a| !a.starts_with("--")) else {
        eprintln!("usage: train_claims CLAIMS_TSV [--check]");
        std::process::exit(2);
    };
    let text = std::fs::read_to_string(tsv).unwrap_or_else(|e| panic!("{tsv}: {e}"));
    let examples = read_tsv(&text).unwrap_or_else(|e| panic!("{tsv}: {e}"));
    let corpus = Corpus::new(Cues::bundled(), &examples);
    let positives = corpus.labels().iter().filter(|&&l| l).count();
    println!("{} sentences, {positives} check-worthy", examples.len());

    let started = Instant::now();
    let cv = corpus.cross_validate(FOLDS);
    let f = cv.figures;
    println!(
        "{FOLDS}-fold cross-validation: flagged {} precision {:.3} recall {:.3} f1 {:.3} average_precision {:.3} (thresholds {:?}, {:.1} s)",
        f.flagged,
        f.precision,
        f.recall,
        f.f1,
        f.average_precision,
        cv.thresholds,
        started.elapsed().as_secs_f64()
    );

    let started = Instant::now();
    let bytes = corpus.final_model(FOLDS).to_bytes();
    println!(
        "final model: threshold {:.2}, {} bytes, {:.1} s",
        model_threshold(&bytes),
        bytes.len(),
        started.elapsed().as_secs_f64()
    );
    if check {
        let shipped = std::fs::read(OUT).unwrap_or_default();
        if shipped != bytes {
            eprintln!("{OUT} differs from the weights this data trains");
            std::process::exit(1);
        }
        println!("{OUT} is the same, byte for byte");
    } else {
        std::fs::write(OUT, &bytes).unwrap_or_else(|e| panic!("{OUT}: {e}"));
        println!("wrote {OUT}");
    }
}

fn model_threshold(bytes: &[u8]) -> f32 {
    folio::claims::Model::from_bytes(bytes).map(|m| m.threshold).unwrap_or(f32::NAN)
}
