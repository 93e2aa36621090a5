//! The block model: a logistic regression that scores each block as story or not from what
//! can be measured of it — its text, its kind, its place in the page, the rules it matched and,
//! for HTML, its container. The score is the evidence `classify` sums into the story region.
//! Its weights are learned by `lab` (`cargo run --release --example eval_folding`), cross-
//! validated by site, and shipped as `assets/block_model.toml`, one weight per named feature.

use super::Facts;
use crate::article::{Block, BlockKind, Label};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::LazyLock;

const BUNDLED_TOML: &str = include_str!("../../assets/block_model.toml");

/// The labels a rule can give (every label but story and title), one feature each, in this order.
const RULE_LABELS: &[Label] = Label::ALL.as_slice().split_at(2).1;

/// The names of the features, in the order of a block's vector (and of the weights file).
pub const FEATURES: [&str; 41] = [
    "log_words",
    "sentence_end",
    "stop_ratio",
    "not_latin",
    "caps_ratio",
    "glued_teaser",
    "short",
    "long",
    "prose",
    "rule_metadata",
    "rule_navigation",
    "rule_engagement",
    "rule_ad",
    "rule_app_prompt",
    "rule_legal",
    "rule_newsletter",
    "rule_cookie",
    "rule_related",
    "rule_comments",
    "rule_other_boilerplate",
    "rule_heading",
    "html",
    "container_clutter_tag",
    "container_clutter_word",
    "container_article",
    "link_density",
    "kind_heading",
    "kind_list_item",
    "kind_quote",
    "kind_code",
    "kind_table",
    "kind_other",
    "position",
    "previous_prose",
    "next_prose",
    "previous_log_words",
    "next_log_words",
    "near_prose",
    "prose_score_per_word",
    "prose_score_positive",
    "in_menu_run",
];

/// A block's measurements as the model reads them, in the order of [`FEATURES`].
pub type Vector = [f32; FEATURES.len()];

/// The vector of block `i` of a page.
pub(super) fn vector(blocks: &[Block], facts: &[Facts], i: usize) -> Vector {
    let f = &facts[i].features;
    let log_words = |j: usize| (1.0 + facts[j].features.words as f32).ln();
    let prose = |j: usize| facts[j].features.sentence_end && facts[j].features.words >= 12 && facts[j].rule.is_none();
    let flag = |b: bool| if b { 1.0 } else { 0.0 };
    let mut v = [0.0; FEATURES.len()];
    v[0] = log_words(i);
    v[1] = flag(f.sentence_end);
    v[2] = if f.latin { f.stop_ratio } else { 0.0 };
    v[3] = flag(!f.latin);
    v[4] = f.caps_ratio;
    v[5] = flag(f.glued_teaser);
    v[6] = flag(f.words <= 5);
    v[7] = flag(f.words >= 20);
    v[8] = flag(prose(i));
    if let Some(rule) = facts[i].rule {
        if let Some(k) = RULE_LABELS.iter().position(|l| *l == rule.label) {
            v[9 + k] = 1.0;
        }
        v[20] = flag(rule.heading);
    }
    if let Some(dom) = facts[i].dom.as_deref() {
        v[21] = 1.0;
        v[22] = flag(dom.clutter_by_tag);
        v[23] = flag(dom.clutter.is_some() && !dom.clutter_by_tag);
        v[24] = flag(dom.in_article);
        v[25] = dom.link_density;
    }
    let kind = match blocks[i].kind {
        BlockKind::Heading => Some(26),
        BlockKind::ListItem => Some(27),
        BlockKind::Quote => Some(28),
        BlockKind::Code => Some(29),
        BlockKind::Table => Some(30),
        BlockKind::Other => Some(31),
        _ => None,
    };
    if let Some(k) = kind {
        v[k] = 1.0;
    }
    let n = blocks.len();
    v[32] = if n > 1 { i as f32 / (n - 1) as f32 } else { 0.0 };
    if i > 0 {
        v[33] = flag(prose(i - 1));
        v[35] = log_words(i - 1);
    }
    if i + 1 < n {
        v[34] = flag(prose(i + 1));
        v[36] = log_words(i + 1);
    }
    // Prose within three blocks either side: a short line among paragraphs is likelier story.
    v[37] = flag((i.saturating_sub(3)..(i + 4).min(n)).any(|j| j != i && prose(j)));
    // The hand-written prose score, as evidence the model weighs.
    let hand = super::prose_score(f, facts[i].rule, facts[i].dom.as_deref());
    v[38] = (hand / f.words.max(1) as f32).clamp(-3.0, 3.0);
    v[39] = flag(hand > 0.0);
    v[40] = flag(facts[i].in_menu);
    v
}

/// Weights of a logistic regression over [`FEATURES`].
#[derive(Debug, Clone, PartialEq)]
pub struct BlockModel {
    /// The log-odds of story for a block whose features are all zero.
    pub bias: f32,
    /// One weight per feature, in the order of [`FEATURES`].
    pub weights: Vector,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ModelFile {
    bias: f32,
    weights: BTreeMap<String, f32>,
}

static BUNDLED: LazyLock<BlockModel> =
    LazyLock::new(|| BlockModel::from_toml(BUNDLED_TOML).expect("assets/block_model.toml is valid"));

impl BlockModel {
    /// The model shipped with folio.
    pub fn bundled() -> &'static BlockModel {
        &BUNDLED
    }

    /// A model from a weights file: `bias`, and `[weights]` with every feature by name.
    pub fn from_toml(text: &str) -> Result<BlockModel, String> {
        let file: ModelFile = toml::from_str(text).map_err(|e| e.to_string())?;
        let mut weights = [0.0; FEATURES.len()];
        for (i, name) in FEATURES.iter().enumerate() {
            weights[i] = *file.weights.get(*name).ok_or_else(|| format!("no weight for {name}"))?;
        }
        if let Some(unknown) = file.weights.keys().find(|k| !FEATURES.contains(&k.as_str())) {
            return Err(format!("a weight for an unknown feature: {unknown}"));
        }
        Ok(BlockModel { bias: file.bias, weights })
    }

    /// The weights file of this model (what `from_toml` reads back, to the bit).
    pub fn to_toml(&self, header: &str) -> String {
        let mut out = String::new();
        for line in header.lines() {
            out.push_str(&format!("# {line}\n"));
        }
        out.push_str(&format!("bias = {:?}\n\n[weights]\n", self.bias));
        for (name, weight) in FEATURES.iter().zip(self.weights) {
            out.push_str(&format!("{name} = {weight:?}\n"));
        }
        out
    }

    /// What a block adds to the story region: its chance of being story above even, times
    /// its words (so that a long paragraph outweighs a menu line).
    pub fn story_weight(&self, vector: &Vector, words: usize) -> f32 {
        let story = 1.0 / (1.0 + (-self.logit(vector)).exp());
        (story - 0.5) * words.max(1) as f32
    }

    /// The log-odds that a block with these features is story.
    pub fn logit(&self, vector: &Vector) -> f32 {
        self.bias + self.weights.iter().zip(vector).map(|(w, x)| w * x).sum::<f32>()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_rule_label_has_its_named_feature() {
        assert_eq!(RULE_LABELS.len(), 11);
        for (k, label) in RULE_LABELS.iter().enumerate() {
            assert_eq!(FEATURES[9 + k], format!("rule_{}", label.name().replace('-', "_")));
        }
    }

    #[test]
    fn the_weights_file_reads_back_to_the_bit() {
        let mut weights = [0.0; FEATURES.len()];
        weights[3] = -1.25e-3;
        weights[7] = 0.1 + 0.2;
        let model = BlockModel { bias: -0.7, weights };
        assert_eq!(BlockModel::from_toml(&model.to_toml("test")).unwrap(), model);
        assert!(BlockModel::from_toml("bias = 0.0\n[weights]\nlog_words = 1.0\n").is_err());
    }
}
