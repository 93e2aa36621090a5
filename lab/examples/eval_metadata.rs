//! Trains and measures folio's metadata model (title, byline, date) on wcxb-dev's labels,
//! HTML pages and text dumps:
//!
//!     cargo run --release --example eval_metadata -- ../shared/corpus [--write | --check]
//!
//! Prints, per form and field, the out-of-fold share of labelled pages right (5-fold
//! cross-validation grouped by site) beside the ceiling (pages where some candidate is right),
//! then trains on every page. `--write` writes assets/meta_model.toml; `--check` compares with it.

use folio::classify::Rules;
use folio_lab::metadata::{MODEL_HEADER, cross_validate, load, shipped_model, to_toml};
use std::path::PathBuf;
use std::time::Instant;

const OUT: &str = "assets/meta_model.toml";

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(corpora) = args.iter().find(|a| !a.starts_with("--")) else {
        eprintln!("usage: eval_metadata CORPORA_DIR [--write | --check]");
        std::process::exit(2);
    };
    let started = Instant::now();
    let pages = load(&PathBuf::from(corpora), Rules::bundled()).unwrap_or_else(|e| panic!("{corpora}: {e}"));
    println!("{} inputs read in {:.1} s", pages.len(), started.elapsed().as_secs_f64());
    println!("form  field      labelled  right (out of fold)  ceiling");
    for ((form, field), f) in cross_validate(&pages) {
        println!(
            "{form:5} {field:10} {:8}  {:.3} ({:4})         {:.3}",
            f.labelled,
            f.accuracy(),
            f.right,
            f.ceiling()
        );
    }
    if let Some(i) = args.iter().position(|a| a == "--show") {
        // --show FORM FIELD: the in-sample misses, to see what kinds of failure remain.
        let (form, field) = (args[i + 1].as_str(), args[i + 2].as_str());
        let field =
            folio::classify::Field::ALL.into_iter().find(|f| f.name() == field).expect("title, byline or published");
        let model = shipped_model(&pages);
        let scorers = if form == "html" { &model.html } else { &model.text };
        folio_lab::metadata::show_misses(&pages, form, field, &scorers[field.name()]);
    }
    let text = to_toml(&shipped_model(&pages), MODEL_HEADER);
    folio_lab::corpus::write_or_check(&args, OUT, &text);
    println!("done in {:.1} s", started.elapsed().as_secs_f64());
}
