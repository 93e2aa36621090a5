//! Trains and measures folio's block model on zyte-dev and wcxb-dev, both input forms:
//!
//!     cargo run --release --example eval_folding -- ../shared/corpus [--write | --check]
//!
//! Prints, per corpus, form and page type, the out-of-fold figures of 5-fold cross-validation
//! grouped by site (no site in both a training and a test fold) beside the hand-written prose
//! score's, then trains on every HTML page (folio reads HTML with the model, text dumps with
//! the hand-written score, which the cross-validation does not beat there yet). `--write` writes assets/block_model.toml; `--check`
//! compares with it.

use folio::classify::Rules;
use folio_lab::folding::{MODEL_HEADER, breakdown, cross_validate, shipped_model};
use folio_lab::pages::FOLDS;
use std::path::PathBuf;
use std::time::Instant;

const OUT: &str = "assets/block_model.toml";

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(corpora) = args.iter().find(|a| !a.starts_with("--")) else {
        eprintln!("usage: eval_folding CORPORA_DIR [--write | --check]");
        std::process::exit(2);
    };
    let rules = Rules::bundled();
    let started = Instant::now();
    let pages = folio_lab::pages::load(&PathBuf::from(corpora), rules).unwrap_or_else(|e| panic!("{corpora}: {e}"));
    let blocks: usize = pages.iter().map(|p| p.labels.len()).sum();
    println!("{} inputs, {blocks} blocks, read in {:.1} s", pages.len(), started.elapsed().as_secs_f64());
    let samples =
        folio_lab::kind::samples(&pages, &PathBuf::from(corpora)).unwrap_or_else(|e| panic!("{corpora}: {e}"));
    let scores = cross_validate(&pages, &samples, rules);
    let hand = breakdown(&pages, &scores.hand);
    let learned = breakdown(&pages, &scores.learned);
    println!("{FOLDS}-fold by site, out of fold   | learned: P R F1 lost | hand-written: F1 lost | folio uses");
    for (key, l) in &learned {
        let h = hand[key];
        let uses = if key.contains(" html ") { "learned" } else { "hand-written" };
        println!(
            "{key:32} {:5} | {:.3} {:.3} {:.3} {:4} | {:.3} {:4} | {uses}",
            l.pages, l.precision, l.recall, l.f1, l.lost, h.f1, h.lost
        );
    }
    let model = shipped_model(&pages);
    let text = model.to_toml(MODEL_HEADER);
    folio_lab::corpus::write_or_check(&args, OUT, &text);
    println!("done in {:.1} s", started.elapsed().as_secs_f64());
}
