//! Learning and measuring the page-kind model on the corpora: every page of wcxb-dev (its
//! `page_type`: article, documentation, forum) and zyte-dev (all articles), both input forms,
//! read as `folding` reads them; one-vs-rest logistic regressions, cross-validated by site
//! (no site in both a training and a test fold).

use crate::pages::{FOLDS, Page, fold_of};
use folio::article::PageKind;
use folio::claims::features::Features;
use folio::classify::kind::{self, KindFeature, KindModel};
use folio::parse::Parsed;
use folio::text::logistic::Feature;
use std::collections::HashMap;
use std::path::Path;

/// The inverse regularisation strength of each kind's logistic regression (out of fold on
/// wcxb-dev: C = 1 gives HTML 0.946, text 0.808; 10 gives 0.955, 0.845; 100 gives 0.952, 0.869;
/// one model per form instead of one for both gained nothing).
pub const C: f64 = 10.0;

/// One input of one page, as the page-kind model sees it.
#[derive(Debug, Clone)]
pub struct Sample {
    /// `zyte-dev` or `wcxb-dev`.
    pub corpus: String,
    /// The page's id in its corpus.
    pub id: String,
    /// `html` (as a file), `fetched` (HTML with the address it came from) or `text`.
    pub form: String,
    /// The site it comes from: what the folds are grouped by.
    pub site: String,
    /// Its kind, as the corpus labels it.
    pub truth: PageKind,
    /// The model's view of it.
    pub vector: Vec<f32>,
}

/// The samples of every page folio could read: each HTML page twice, as a file (its address
/// only where it states one, form `html`) and as fetched from its address (form `fetched`), and
/// each text dump (form `text`). The addresses are the corpora's (`urls.tsv`, `index.tsv`).
pub fn samples(pages: &[Page], corpora: &Path) -> std::io::Result<Vec<Sample>> {
    let mut addresses: HashMap<(String, String), String> = HashMap::new();
    for line in std::fs::read_to_string(corpora.join("zyte-dev/urls.tsv"))?.lines() {
        if let Some((id, url)) = line.split_once('\t') {
            addresses.insert(("zyte-dev".into(), id.into()), url.into());
        }
    }
    for line in std::fs::read_to_string(corpora.join("wcxb-dev/index.tsv"))?.lines().skip(1) {
        let cells: Vec<&str> = line.split('\t').collect();
        if let (Some(id), Some(url)) = (cells.first(), cells.get(3)) {
            addresses.insert(("wcxb-dev".into(), id.to_string()), url.to_string());
        }
    }
    let mut samples = Vec::new();
    for page in pages {
        let Some(parsed) = page.parsed.as_ref() else { continue };
        let sample = |form: &str, parsed: &Parsed| Sample {
            corpus: page.corpus.clone(),
            id: page.id.clone(),
            form: form.into(),
            site: page.site.clone(),
            truth: PageKind::of_name(&page.page_type).expect("a WCXB page type"),
            vector: kind::vector(parsed).into_vec(),
        };
        samples.push(sample(&page.form, parsed));
        if page.form == "html" {
            let mut fetched = parsed.clone();
            if fetched.meta.url.is_none() {
                fetched.meta.url = addresses.get(&(page.corpus.clone(), page.id.clone())).cloned();
            }
            samples.push(sample("fetched", &fetched));
        }
    }
    Ok(samples)
}

/// A page-kind model trained on `samples`, features whose place is in `left_out` set to zero.
pub fn train(samples: &[&Sample], left_out: &[usize]) -> KindModel {
    let xs: Vec<Features> = samples
        .iter()
        .map(|s| Features {
            entries: s
                .vector
                .iter()
                .enumerate()
                .filter(|(i, v)| **v != 0.0 && !left_out.contains(i))
                .map(|(i, v)| (i as u32, *v))
                .collect(),
        })
        .collect();
    let refs: Vec<&Features> = xs.iter().collect();
    let models = PageKind::ALL.map(|kind| {
        let ys: Vec<bool> = samples.iter().map(|s| s.truth == kind).collect();
        let weights = crate::claim_training::fit(&refs, &ys, KindFeature::NAMES.len(), &[], C);
        let (bias, weights) = weights.split_last().expect("weights and a bias");
        (*bias as f32, weights.iter().map(|w| *w as f32).collect())
    });
    KindModel::new(models)
}

/// The kind `model` decides for a sample, features whose place is in `left_out` set to zero.
pub fn decide(model: &KindModel, sample: &Sample, left_out: &[usize]) -> PageKind {
    let values: Vec<f32> =
        sample.vector.iter().enumerate().map(|(i, v)| if left_out.contains(&i) { 0.0 } else { *v }).collect();
    model.decide(&values)
}

/// Each sample's kind as decided by a model trained on the other folds' samples (both forms together).
pub fn cross_validate(samples: &[Sample], left_out: &[usize]) -> Vec<PageKind> {
    let mut decided = vec![PageKind::Article; samples.len()];
    for fold in 0..FOLDS {
        let training: Vec<&Sample> = samples.iter().filter(|s| fold_of(&s.site) != fold).collect();
        let model = train(&training, left_out);
        for (i, sample) in samples.iter().enumerate().filter(|(_, s)| fold_of(&s.site) == fold) {
            decided[i] = decide(&model, sample, left_out);
        }
    }
    decided
}

/// The share of the samples of `form` (of `corpus`, or of both with `None`) whose kind was decided right.
pub fn accuracy(samples: &[Sample], decided: &[PageKind], form: &str, corpus: Option<&str>) -> f64 {
    let of_form: Vec<(&Sample, &PageKind)> =
        samples.iter().zip(decided).filter(|(s, _)| s.form == form && corpus.is_none_or(|c| s.corpus == c)).collect();
    let right = of_form.iter().filter(|(s, d)| s.truth == **d).count();
    right as f64 / of_form.len().max(1) as f64
}

/// The confusion table of the samples of `form`: truth by row, decided by column.
pub fn confusion(samples: &[Sample], decided: &[PageKind], form: &str) -> String {
    let mut out = format!("{form:14}{:>10}{:>15}{:>8}\n", "article", "documentation", "forum");
    for truth in PageKind::ALL {
        let count = |d: PageKind| {
            samples.iter().zip(decided).filter(|(s, k)| s.form == form && s.truth == truth && **k == d).count()
        };
        out.push_str(&format!(
            "{:14}{:>10}{:>15}{:>8}\n",
            truth.name(),
            count(PageKind::Article),
            count(PageKind::Documentation),
            count(PageKind::Forum)
        ));
    }
    out
}

/// The comment at the head of `assets/kind_model.toml`.
pub const MODEL_HEADER: &str = "folio's page-kind model: one-vs-rest logistic-regression weights over the page features\n\
    named in src/classify/kind.rs, trained on every page of zyte-dev (MIT) and wcxb-dev (WCXB:\n\
    Web Content eXtraction Benchmark, (c) 2026 Murrough Foley, CC BY 4.0), HTML and text dumps,\n\
    by `cargo run --release --example eval_kind -- ../shared/corpus --write`.";

/// The model folio ships: trained on every page of both forms.
pub fn shipped_model(samples: &[Sample]) -> KindModel {
    train(&samples.iter().collect::<Vec<_>>(), &[])
}
