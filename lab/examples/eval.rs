//! Scores folio's boilerplate folding on a corpus laid out like shared/corpus/zyte-dev
//! (`text/` or `html/` inputs, `truth/` article bodies), in one process:
//!
//!     cargo run --release --example eval -- ../shared/corpus/zyte-dev text [--worst 10]
//!
//! Prints the worst documents, then precision, recall and F1 (the benchmark's metric).

use folio_lab::extraction::{score_corpus, summary};
use std::path::PathBuf;

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut worst = 10;
    if let Some(i) = args.iter().position(|a| a == "--worst") {
        worst = args.get(i + 1).and_then(|n| n.parse().ok()).unwrap_or(10);
        args.drain(i..(i + 2).min(args.len()));
    }
    let (Some(corpus), Some(form)) = (args.first(), args.get(1)) else {
        eprintln!("usage: eval CORPUS_DIR text|html [--worst N]");
        std::process::exit(2);
    };
    let started = std::time::Instant::now();
    let (scores, failures) = score_corpus(&PathBuf::from(corpus), form).unwrap_or_else(|e| panic!("{corpus}: {e}"));
    for failure in failures {
        eprintln!("failed {failure}");
    }
    let seconds = started.elapsed().as_secs_f64();
    let mut ranked = scores.clone();
    ranked.sort_by(|a, b| a.f1().total_cmp(&b.f1()));
    for d in ranked.iter().take(worst) {
        println!(
            "worst {} f1={:.3} p={:.3} r={:.3}",
            d.name,
            d.f1(),
            d.precision.unwrap_or(0.0),
            d.recall.unwrap_or(0.0)
        );
    }
    let (p, r, f1) = summary(&scores);
    println!("documents {} seconds {seconds:.2}", scores.len());
    println!("precision {p:.3}\nrecall {r:.3}\nf1 {f1:.3}");
}
