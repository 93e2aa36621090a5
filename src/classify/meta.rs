//! The metadata model: for the article's title, byline and date, every candidate is gathered
//! — what the page states about itself (`Stated`: JSON-LD, Open Graph, `<title>`, microdata,
//! `<time>`, the address) and the blocks that could be one — and measured, one file per field
//! (`title`, `byline`, `date`); a small learned model per field and input form
//! (`assets/meta_model.toml`, trained by `lab`, cross-validated by site) scores each. Agreement
//! between sources is a measurement like any other: a heading that `og:title` repeats, a date
//! the JSON-LD and the page's text both give. Which candidate is taken is `metadata`'s to say.

mod byline;
mod candidate;
mod date;
pub(super) mod names;
mod title;

/// What the field files' tests read: a page of blocks, and a sentence of story.
#[cfg(test)]
mod test_page {
    use crate::article::{Block, BlockKind};

    /// Blocks of these kinds and texts, numbered, headings at level 1.
    pub(super) fn page_of(texts: &[(BlockKind, &str)]) -> Vec<Block> {
        let mut blocks: Vec<Block> = texts.iter().map(|(k, t)| Block::new(*k, t.to_string(), [1, 1])).collect();
        for (id, b) in blocks.iter_mut().enumerate() {
            b.id = id;
            if b.kind == BlockKind::Heading {
                b.level = Some(1);
            }
        }
        blocks
    }

    /// A sentence of story prose.
    pub(super) const STORY: &str =
        "The council voted on Tuesday to close the old bridge to cars for the whole of next year.";
}

pub use byline::BylineFeature;
pub use candidate::Candidate;
pub(super) use candidate::Page;
pub use date::DateFeature;
pub use title::TitleFeature;

use crate::article::Format;
use crate::text::logistic::{Feature, Logistic};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::LazyLock;

const BUNDLED_TOML: &str = include_str!("../../assets/meta_model.toml");

/// A piece of metadata folio decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    /// The headline.
    Title,
    /// The author or authors.
    Byline,
    /// The date the article was published (or, where the page shows only that, last changed).
    Date,
}

impl Field {
    /// Every field, in the order they are decided.
    pub const ALL: [Field; 3] = [Field::Title, Field::Byline, Field::Date];

    /// The field's name, as in `assets/meta_model.toml` and in `inspect`'s reasons.
    pub fn name(self) -> &'static str {
        match self {
            Field::Title => "title",
            Field::Byline => "byline",
            Field::Date => "published",
        }
    }

    /// The names of the field's measurements, in the order of a candidate's vector.
    pub fn features(self) -> &'static [&'static str] {
        match self {
            Field::Title => TitleFeature::NAMES,
            Field::Byline => BylineFeature::NAMES,
            Field::Date => DateFeature::NAMES,
        }
    }
}

/// Every candidate of every field of one page.
#[derive(Debug, Clone, Default)]
pub struct Candidates {
    /// Candidate titles.
    pub title: Vec<Candidate>,
    /// Candidate bylines.
    pub byline: Vec<Candidate>,
    /// Candidate dates.
    pub date: Vec<Candidate>,
}

impl Candidates {
    /// The candidates of `field`.
    pub fn of(&self, field: Field) -> &[Candidate] {
        match field {
            Field::Title => &self.title,
            Field::Byline => &self.byline,
            Field::Date => &self.date,
        }
    }
}

/// One field's weights for one input form, and the probability the best candidate needs.
#[derive(Debug, Clone, PartialEq)]
pub struct Scorer {
    /// The best candidate is taken only when its probability is at least this.
    pub threshold: f32,
    /// The logistic regression over the field's features.
    pub model: Logistic,
}

impl Scorer {
    /// A scorer of `field` from its bias, threshold and one weight per feature, in the order
    /// of the field's features.
    pub fn new(field: Field, bias: f32, threshold: f32, weights: Vec<f32>) -> Scorer {
        Scorer { threshold, model: Logistic::new(field.features(), bias, weights) }
    }

    /// The probability that `candidate` is the field's value.
    pub fn probability(&self, candidate: &Candidate) -> f32 {
        self.model.probability(&candidate.vector)
    }

    /// The index of the best of `candidates`, if it is good enough.
    pub fn best(&self, candidates: &[Candidate]) -> Option<usize> {
        let scored = candidates.iter().map(|c| self.probability(c)).enumerate();
        let (i, p) = scored.fold(None, |best: Option<(usize, f32)>, (i, p)| match best {
            Some((_, q)) if q >= p => best,
            _ => Some((i, p)),
        })?;
        (p >= self.threshold).then_some(i)
    }
}

/// The metadata model: a scorer per field and input form, as `lab` trained it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct MetaModel {
    /// Scorers for HTML pages, by field name.
    pub html: BTreeMap<String, Scorer>,
    /// Scorers for text dumps, by field name.
    pub text: BTreeMap<String, Scorer>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ScorerFile {
    bias: f32,
    threshold: f32,
    weights: BTreeMap<String, f32>,
}

#[derive(Deserialize)]
struct ModelFile {
    html: BTreeMap<String, ScorerFile>,
    text: BTreeMap<String, ScorerFile>,
}

static BUNDLED: LazyLock<MetaModel> =
    LazyLock::new(|| MetaModel::from_toml(BUNDLED_TOML).expect("assets/meta_model.toml is valid"));

impl MetaModel {
    /// The model folio ships (`assets/meta_model.toml`).
    pub fn bundled() -> &'static MetaModel {
        &BUNDLED
    }

    /// A model from its weights file: per form and field, `bias`, `threshold` and every
    /// feature's weight by name (a file for other features is refused).
    pub fn from_toml(text: &str) -> Result<MetaModel, String> {
        let file: ModelFile = toml::from_str(text).map_err(|e| e.to_string())?;
        let form = |scorers: BTreeMap<String, ScorerFile>| -> Result<BTreeMap<String, Scorer>, String> {
            scorers
                .into_iter()
                .map(|(name, s)| {
                    let field = Field::ALL.into_iter().find(|f| f.name() == name);
                    let field = field.ok_or_else(|| format!("no field {name}"))?;
                    let model = Logistic::from_named(field.features(), s.bias, &s.weights)
                        .map_err(|e| format!("{name}: {e}"))?;
                    Ok((name, Scorer { threshold: s.threshold, model }))
                })
                .collect()
        };
        Ok(MetaModel { html: form(file.html)?, text: form(file.text)? })
    }

    /// The weights file of this model (what `from_toml` reads back, to the bit), weights in
    /// the order of each field's features.
    pub fn to_toml(&self, header: &str) -> String {
        let mut out: String = header.lines().map(|l| format!("# {l}\n")).collect();
        for (form, scorers) in [("html", &self.html), ("text", &self.text)] {
            for field in Field::ALL {
                let Some(scorer) = scorers.get(field.name()) else { continue };
                out.push_str(&format!(
                    "\n[{form}.{}]\nbias = {:?}\nthreshold = {:?}\n",
                    field.name(),
                    scorer.model.bias(),
                    scorer.threshold
                ));
                out.push_str(&format!("\n[{form}.{}.weights]\n", field.name()));
                for (name, weight) in scorer.model.named() {
                    out.push_str(&format!("{name} = {weight:?}\n"));
                }
            }
        }
        out
    }

    /// The scorer of `field` for pages of `format` (Markdown is read as text).
    pub fn scorer(&self, field: Field, format: Format) -> Option<&Scorer> {
        let form = if format == Format::Html { &self.html } else { &self.text };
        form.get(field.name())
    }
}

/// Every candidate of every field of a page.
pub(super) fn candidates(page: &Page) -> Candidates {
    Candidates {
        title: title::title_candidates(page),
        byline: byline::byline_candidates(page),
        date: date::date_candidates(page),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_model_reads_back_to_the_bit() {
        let model = MetaModel::bundled();
        for field in Field::ALL {
            assert!(model.scorer(field, Format::Html).is_some() && model.scorer(field, Format::Text).is_some());
        }
        let again = MetaModel::from_toml(&model.to_toml("test")).unwrap();
        assert_eq!(&again, model);
    }

    #[test]
    fn a_weights_file_for_other_features_is_refused() {
        let file = "[html.title]\nbias = 0.0\nthreshold = 0.0\n[html.title.weights]\nfrom_block = 1.0\n[text]\n";
        assert!(MetaModel::from_toml(file).is_err());
    }

    #[test]
    fn the_best_candidate_is_taken_only_from_its_threshold() {
        let scorer = Scorer::new(Field::Date, 0.0, 0.5, vec![0.0; DateFeature::NAMES.len()]);
        let mut strong = vec![0.0; DateFeature::NAMES.len()];
        strong[DateFeature::FromBlock.index()] = 1.0;
        let candidate =
            |vector: Vec<f32>| Candidate { value: "2025-05-03".into(), block: None, stated_by: Vec::new(), vector };
        let mut scorer_for_strong = scorer.clone();
        scorer_for_strong.model = Logistic::of::<DateFeature>(0.0, strong.clone());
        assert_eq!(scorer_for_strong.best(&[candidate(vec![0.0; 21]), candidate(strong)]), Some(1));
        assert_eq!(scorer.best(&[candidate(vec![0.0; 21])]), Some(0));
        let strict = Scorer { threshold: 0.9, ..scorer };
        assert_eq!(strict.best(&[candidate(vec![0.0; 21])]), None);
    }
}
