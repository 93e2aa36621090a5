//! Learning and measuring the metadata model on wcxb-dev's title, author and date labels:
//! every page in both input forms, its candidates gathered and measured as folio does
//! (`classify::meta_candidates`); a candidate is right when it matches the label as
//! `../shared/eval/metadata_score.py` counts a match; logistic regression per field and form;
//! 5-fold cross-validation grouped by site (no site in both a training and a test fold).

use crate::pages::{FOLDS, fold_of};
use folio::article::Format;
use folio::classify::{self, Candidate, Candidates, Field, MetaModel, Rules, Scorer};
use folio::source::{FormatHint, decode_page};
use regex::Regex;
use std::collections::{BTreeMap, HashMap};
use std::io::Read;
use std::path::Path;
use std::sync::LazyLock;

/// The inverse regularisation strength of the logistic regressions.
pub const C: f64 = 1.0;

/// The comment at the head of `assets/meta_model.toml`.
pub const MODEL_HEADER: &str = "folio's metadata model: per input form and field, logistic-regression weights over the\n\
    candidate measurements named in src/classify/meta.rs, and the probability the best candidate\n\
    needs to be taken. Trained on the title, author and date labels of wcxb-dev (WCXB: Web Content\n\
    eXtraction Benchmark, (c) 2026 Murrough Foley, CC BY 4.0) by\n\
    `cargo run --release --example eval_metadata -- ../shared/corpus --write`.";

/// What a page's labels say.
#[derive(Debug, Clone, Default)]
pub struct Truth {
    /// The headline.
    pub title: Option<String>,
    /// The author(s).
    pub author: Option<String>,
    /// The publication date, `YYYY-MM-DD…`.
    pub date: Option<String>,
}

impl Truth {
    /// The label of `field`, if the page has one.
    pub fn of(&self, field: Field) -> Option<&str> {
        match field {
            Field::Title => self.title.as_deref(),
            Field::Byline => self.author.as_deref(),
            Field::Date => self.date.as_deref(),
        }
    }
}

/// One input of one page with its candidates.
pub struct Page {
    /// The page's id in wcxb-dev.
    pub id: String,
    /// The site it comes from: what the folds are grouped by.
    pub site: String,
    /// The format it was read in (HTML, or text for the text dumps).
    pub format: Format,
    /// Every candidate folio measured.
    pub candidates: Candidates,
    /// The labels.
    pub truth: Truth,
}

/// Reads every page of `wcxb-dev` under `corpora`, both forms.
pub fn load(corpora: &Path, rules: &Rules) -> std::io::Result<Vec<Page>> {
    let wcxb = corpora.join("wcxb-dev");
    let index = std::fs::read_to_string(wcxb.join("index.tsv"))?;
    let mut pages = Vec::new();
    for line in index.lines().skip(1) {
        let cells: Vec<&str> = line.split('\t').collect();
        let (id, domain) = (cells[0], cells.get(2).copied().unwrap_or(""));
        let site =
            if domain.is_empty() { format!("unknown-{id}") } else { domain.trim_start_matches("www.").to_string() };
        let truth = read_truth(&wcxb.join("snippets").join(format!("{id}.json")))?;
        let html = std::fs::File::open(wcxb.join("html").join(format!("{id}.html.gz"))).ok().and_then(|f| {
            let mut bytes = Vec::new();
            flate2::read::GzDecoder::new(f).read_to_end(&mut bytes).ok().map(|_| bytes)
        });
        let text = std::fs::read(wcxb.join("text").join(format!("{id}.txt"))).ok();
        for (bytes, hint) in [(html, FormatHint::Html), (text, FormatHint::Text)] {
            let Some(read) = bytes.and_then(|b| decode_page(&b, Some(hint), None).ok()) else { continue };
            let parsed = folio::parse::parse(&read.decoded.text, read.format, None);
            let candidates = classify::meta_candidates(&parsed, read.format, rules);
            pages.push(Page {
                id: id.into(),
                site: site.clone(),
                format: read.format,
                candidates,
                truth: truth.clone(),
            });
        }
    }
    Ok(pages)
}

fn read_truth(path: &Path) -> std::io::Result<Truth> {
    let json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path)?)?;
    let text = |key: &str| {
        json.get(key)
            .and_then(|v| v.as_str())
            .map(|s| html_escape::decode_html_entities(s).to_string())
            .filter(|s| !s.trim().is_empty())
    };
    Ok(Truth { title: text("title"), author: text("author"), date: text("publish_date") })
}

static WORD: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\w+").expect("valid"));

/// Words as the scorer compares them: lower case, curly quotes straightened, `\w+` runs.
fn words(text: &str) -> Vec<String> {
    let text = text.to_lowercase().replace(['\u{2019}', '\u{2018}'], "'").replace(['\u{201c}', '\u{201d}'], "\"");
    WORD.find_iter(&text).map(|m| m.as_str().to_string()).collect()
}

/// The F1 of two texts' words, as the scorer computes it.
pub fn word_f1(a: &str, b: &str) -> f64 {
    let (a, b) = (words(a), words(b));
    let mut counts: HashMap<&str, i64> = HashMap::new();
    for w in &a {
        *counts.entry(w).or_default() += 1;
    }
    let mut common = 0;
    for w in &b {
        if let Some(n) = counts.get_mut(w.as_str()).filter(|n| **n > 0) {
            *n -= 1;
            common += 1;
        }
    }
    if common == 0 { 0.0 } else { 2.0 * common as f64 / (a.len() + b.len()) as f64 }
}

/// Whether `value` is right for `field` against the label `truth`, as the scorer counts it.
pub fn is_right(field: Field, value: &str, truth: &str) -> bool {
    match field {
        Field::Date => value.get(..10).is_some_and(|d| truth.get(..10) == Some(d)),
        _ => word_f1(value, truth) >= 0.8,
    }
}

fn form_of(format: Format) -> &'static str {
    if format == Format::Html { "html" } else { "text" }
}

/// One page's choice in training: its candidates' vectors, which of them are right, and
/// whether "none" is right.
type Choice<'p> = (Vec<&'p [f32]>, Vec<bool>, bool);

/// Trains `field`'s scorer on `pages` as a choice among each page's candidates (a
/// conditional logit: the softmax of the candidates' scores, the right ones' share maximised).
/// For the byline and the date "none" is a choice too, scored 0: a labelled page with no
/// right candidate teaches that nothing should be taken. Pages without a label are left out. A title is always taken.
pub fn train(pages: &[&Page], field: Field) -> Scorer {
    let names = field.features();
    let dim = names.len();
    let none_allowed = field != Field::Title;
    // Per page: the candidates' vectors, which are right, and whether "none" is right.
    let groups: Vec<Choice> = pages
        .iter()
        .filter_map(|page| {
            let list = page.candidates.of(field);
            // A page without a label says nothing: the label may be missing, not the author.
            let truth = Some(page.truth.of(field)?);
            let rights: Vec<bool> = list.iter().map(|c| truth.is_some_and(|t| is_right(field, &c.value, t))).collect();
            let none_right = none_allowed && !rights.contains(&true);
            let useful = !list.is_empty() && (rights.contains(&true) || none_right);
            useful.then(|| (list.iter().map(|c| c.vector.as_slice()).collect(), rights, none_right))
        })
        .collect();
    let objective = |w: &[f64], grad: &mut [f64]| -> f64 {
        grad.iter_mut().zip(w).for_each(|(g, w)| *g = w / C);
        let mut loss = w.iter().map(|w| w * w).sum::<f64>() / (2.0 * C);
        for (vectors, rights, none_right) in &groups {
            let z: Vec<f64> = vectors.iter().map(|x| x.iter().zip(w).map(|(x, w)| f64::from(*x) * w).sum()).collect();
            let top = z.iter().copied().fold(if none_allowed { 0.0 } else { f64::MIN }, f64::max);
            let all: f64 =
                z.iter().map(|z| (z - top).exp()).sum::<f64>() + if none_allowed { (-top).exp() } else { 0.0 };
            let right: f64 = z.iter().zip(rights).filter(|(_, r)| **r).map(|(z, _)| (z - top).exp()).sum::<f64>()
                + if *none_right { (-top).exp() } else { 0.0 };
            loss += all.ln() - right.ln();
            for ((x, z), r) in vectors.iter().zip(&z).zip(rights) {
                let p = (z - top).exp() / all;
                let q = if *r { (z - top).exp() / right } else { 0.0 };
                for (g, x) in grad.iter_mut().zip(x.iter()) {
                    *g += (p - q) * f64::from(*x);
                }
            }
        }
        loss
    };
    let learned = crate::claim_training::lbfgs(vec![0.0; dim], objective, 300);
    let weights = learned.iter().map(|w| *w as f32).collect();
    // Scored against "none" at 0: a candidate is taken when its score is above it.
    Scorer::new(field, 0.0, if none_allowed { 0.5 } else { 0.0 }, weights)
}

/// What `scorer` chooses on `page` for `field`.
pub fn choose<'p>(page: &'p Page, field: Field, scorer: &Scorer) -> Option<&'p Candidate> {
    let list = page.candidates.of(field);
    scorer.best(list).map(|i| &list[i])
}

/// A field's figures in one form: right pages of labelled ones (as the scorer counts), and how
/// often any candidate was right (the ceiling).
#[derive(Debug, Clone, Copy, Default)]
pub struct Figures {
    /// Pages with a label for the field.
    pub labelled: usize,
    /// Of those, pages whose chosen value is right.
    pub right: usize,
    /// Of those, pages where some candidate is right.
    pub reachable: usize,
}

impl Figures {
    /// Share of labelled pages right.
    pub fn accuracy(&self) -> f64 {
        self.right as f64 / self.labelled.max(1) as f64
    }

    /// Share of labelled pages where a candidate is right.
    pub fn ceiling(&self) -> f64 {
        self.reachable as f64 / self.labelled.max(1) as f64
    }
}

/// Out-of-fold figures per (form, field): each fold's pages scored by a scorer trained on the
/// other folds' pages of the same form.
pub fn cross_validate(pages: &[Page]) -> BTreeMap<(&'static str, &'static str), Figures> {
    let mut figures: BTreeMap<(&str, &str), Figures> = BTreeMap::new();
    for html in [true, false] {
        let of_form = |p: &&Page| (p.format == Format::Html) == html;
        for field in Field::ALL {
            for fold in 0..FOLDS {
                let training: Vec<&Page> = pages.iter().filter(of_form).filter(|p| fold_of(&p.site) != fold).collect();
                let scorer = train(&training, field);
                for page in pages.iter().filter(of_form).filter(|p| fold_of(&p.site) == fold) {
                    let Some(truth) = page.truth.of(field) else { continue };
                    let f = figures.entry((form_of(page.format), field.name())).or_default();
                    f.labelled += 1;
                    f.right +=
                        usize::from(choose(page, field, &scorer).is_some_and(|c| is_right(field, &c.value, truth)));
                    f.reachable +=
                        usize::from(page.candidates.of(field).iter().any(|c| is_right(field, &c.value, truth)));
                }
            }
        }
    }
    figures
}

/// The model folio ships: each scorer trained on every page of its form.
pub fn shipped_model(pages: &[Page]) -> MetaModel {
    let mut model = MetaModel { html: BTreeMap::new(), text: BTreeMap::new() };
    for html in [true, false] {
        let of_form: Vec<&Page> = pages.iter().filter(|p| (p.format == Format::Html) == html).collect();
        for field in Field::ALL {
            let scorer = train(&of_form, field);
            let form = if html { &mut model.html } else { &mut model.text };
            form.insert(field.name().to_string(), scorer);
        }
    }
    model
}

/// `model` as `assets/meta_model.toml`, weights in the order of each field's features.
pub fn to_toml(model: &MetaModel, header: &str) -> String {
    model.to_toml(header)
}

/// Prints the pages of `form` where `scorer` chooses wrong for `field`: the label, the choice,
/// and the right candidate where there is one.
pub fn show_misses(pages: &[Page], form: &str, field: Field, scorer: &Scorer) {
    for page in pages.iter().filter(|p| form_of(p.format) == form) {
        let Some(truth) = page.truth.of(field) else { continue };
        let chosen = choose(page, field, scorer);
        if chosen.is_some_and(|c| is_right(field, &c.value, truth)) {
            continue;
        }
        let list = page.candidates.of(field);
        let right = list.iter().position(|c| is_right(field, &c.value, truth));
        let show = |c: Option<&Candidate>| {
            c.map_or("-".to_string(), |c| {
                let p = scorer.probability(c);
                format!("{:.60} [{:.2} b{:?} {:?}]", c.value, p, c.block, c.stated_by)
            })
        };
        println!(
            "{} | truth {:.60} | chose {} | right {} of {}",
            page.id,
            truth,
            show(chosen),
            show(right.map(|i| &list[i])),
            list.len()
        );
    }
}
