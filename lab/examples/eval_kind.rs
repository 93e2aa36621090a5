//! Trains and measures folio's page-kind model on zyte-dev and wcxb-dev, both input forms:
//!
//!     cargo run --release --example eval_kind -- ../shared/corpus [--write | --check] [--ablate] [--misses] [--without=F,G]
//!
//! Prints, per form (HTML, text dumps), the out-of-fold accuracy of 5-fold cross-validation
//! grouped by site and the confusion table (truth by row, decided by column); `--ablate` also
//! prints the accuracy with each feature left out, `--misses` the HTML pages whose kind is wrong; `--without=F,G` cross-validates with features F and
//! G left out (the shipped model always has them all). Then trains on every page: `--write` writes
//! assets/kind_model.toml; `--check` compares with it.

use folio::classify::{KindFeature, Rules};
use folio::text::logistic::Feature;
use folio_lab::kind::{MODEL_HEADER, accuracy, confusion, cross_validate, samples, shipped_model};
use folio_lab::pages::FOLDS;
use std::path::PathBuf;
use std::time::Instant;

const OUT: &str = "assets/kind_model.toml";

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(corpora) = args.iter().find(|a| !a.starts_with("--")) else {
        eprintln!("usage: eval_kind CORPORA_DIR [--write | --check] [--ablate] [--misses] [--without=F,G]");
        std::process::exit(2);
    };
    let started = Instant::now();
    let pages =
        folio_lab::pages::load(&PathBuf::from(corpora), Rules::bundled()).unwrap_or_else(|e| panic!("{corpora}: {e}"));
    let samples = samples(&pages, &PathBuf::from(corpora)).unwrap_or_else(|e| panic!("{corpora}: {e}"));
    println!("{} inputs read in {:.1} s", samples.len(), started.elapsed().as_secs_f64());
    // `--without=a,b`: the cross-validation with these features left out.
    let without = args.iter().find_map(|a| a.strip_prefix("--without=")).unwrap_or("");
    let left_out: Vec<usize> =
        without.split(',').filter_map(|n| KindFeature::NAMES.iter().position(|k| *k == n)).collect();
    let decided = cross_validate(&samples, &left_out);
    for form in ["html", "fetched", "text"] {
        println!(
            "\n{FOLDS}-fold by site, out of fold, {form}: accuracy {:.3} (wcxb-dev {:.3}, zyte-dev {:.3})\n{}",
            accuracy(&samples, &decided, form, None),
            accuracy(&samples, &decided, form, Some("wcxb-dev")),
            accuracy(&samples, &decided, form, Some("zyte-dev")),
            confusion(&samples, &decided, form)
        );
    }
    if args.iter().any(|a| a == "--misses") {
        for (sample, kind) in samples.iter().zip(&decided).filter(|(s, k)| s.truth != **k && s.form != "text") {
            println!(
                "{} {} {} {}: {} read as {}",
                sample.corpus,
                sample.id,
                sample.form,
                sample.site,
                sample.truth.name(),
                kind.name()
            );
        }
    }
    if args.iter().any(|a| a == "--ablate") {
        println!("wcxb-dev, left out           html   fetched text");
        for (i, name) in KindFeature::NAMES.iter().enumerate() {
            let without = cross_validate(&samples, &[i]);
            println!(
                "{name:28} {:.3}  {:.3}   {:.3}",
                accuracy(&samples, &without, "html", Some("wcxb-dev")),
                accuracy(&samples, &without, "fetched", Some("wcxb-dev")),
                accuracy(&samples, &without, "text", Some("wcxb-dev"))
            );
        }
    }
    let text = shipped_model(&samples).to_toml(MODEL_HEADER);
    folio_lab::corpus::write_or_check(&args, OUT, &text);
    println!("done in {:.1} s", started.elapsed().as_secs_f64());
}
