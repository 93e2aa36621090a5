//! The block model: a logistic regression that scores each block as story or not from what
//! can be measured of it — its text, its kind, its place in the page, the rules it matched and,
//! for HTML, its container. The score is the evidence `classify` sums into the story region.
//! Its weights are learned by `lab` (`cargo run --release --example eval_folding`), cross-
//! validated by site, and shipped as `assets/block_model.toml`, one weight per named feature.

use super::facts::{Facts, LONG_WORDS, SHORT_WORDS};
use crate::article::{Block, BlockKind, Label};
use crate::text::logistic::{self, Feature, Logistic, features};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::LazyLock;

const BUNDLED_TOML: &str = include_str!("../../assets/block_model.toml");

features! {
    /// What the block model measures of a block, in the order of its vector (and of the weights file).
    pub enum BlockFeature {
        /// Words, log-scaled: `ln(1 + words)`.
        LogWords = "log_words",
        /// Ends like a sentence.
        SentenceEnd = "sentence_end",
        /// Share of function words (0 outside Latin script, where the list means nothing).
        StopRatio = "stop_ratio",
        /// Most letters are not Latin.
        NotLatin = "not_latin",
        /// Share of words that start with a capital.
        CapsRatio = "caps_ratio",
        /// A headline run into its summary.
        GluedTeaser = "glued_teaser",
        /// Five words or fewer.
        Short = "short",
        /// Twenty words or more.
        Long = "long",
        /// Story prose: a sentence of twelve words or more that no rule claimed.
        Prose = "prose",
        /// A rule called it metadata.
        RuleMetadata = "rule_metadata",
        /// A rule called it navigation.
        RuleNavigation = "rule_navigation",
        /// A rule called it engagement.
        RuleEngagement = "rule_engagement",
        /// A rule called it an ad.
        RuleAd = "rule_ad",
        /// A rule called it an app prompt.
        RuleAppPrompt = "rule_app_prompt",
        /// A rule called it legal.
        RuleLegal = "rule_legal",
        /// A rule called it a newsletter sign-up.
        RuleNewsletter = "rule_newsletter",
        /// A rule called it a cookie notice.
        RuleCookie = "rule_cookie",
        /// A rule called it related links.
        RuleRelated = "rule_related",
        /// A rule called it comments.
        RuleComments = "rule_comments",
        /// A rule called it other boilerplate.
        RuleOtherBoilerplate = "rule_other_boilerplate",
        /// The rule that matched is a heading rule (it begins a run of clutter).
        RuleHeading = "rule_heading",
        /// The block comes from an HTML page.
        Html = "html",
        /// Inside `<nav>`, `<footer>`, `<aside>` or the like.
        ContainerClutterTag = "container_clutter_tag",
        /// Inside a container whose class or id names clutter (and no such tag).
        ContainerClutterWord = "container_clutter_word",
        /// Inside `<article>` or `<main>`.
        ContainerArticle = "container_article",
        /// Share of its text that is link text.
        LinkDensity = "link_density",
        /// A heading.
        KindHeading = "kind_heading",
        /// A list item.
        KindListItem = "kind_list_item",
        /// A quote.
        KindQuote = "kind_quote",
        /// A code block.
        KindCode = "kind_code",
        /// A table.
        KindTable = "kind_table",
        /// Another kind of block.
        KindOther = "kind_other",
        /// Its place in the page, 0 at the top to 1 at the bottom.
        Position = "position",
        /// The block before is story prose.
        PreviousProse = "previous_prose",
        /// The block after is story prose.
        NextProse = "next_prose",
        /// The words of the block before, log-scaled.
        PreviousLogWords = "previous_log_words",
        /// The words of the block after, log-scaled.
        NextLogWords = "next_log_words",
        /// Story prose within three blocks either side.
        NearProse = "near_prose",
        /// The hand-written prose score per word, clamped to ±3.
        ProseScorePerWord = "prose_score_per_word",
        /// The hand-written prose score is positive.
        ProseScorePositive = "prose_score_positive",
        /// One of a run of short lines (a menu or link list).
        InMenuRun = "in_menu_run",
    }
}

/// The names of the features, in the order of a block's vector (and of the weights file).
pub const FEATURES: &[&str] = BlockFeature::NAMES;

/// A block's measurements as the model reads them.
pub type Vector = logistic::Vector<BlockFeature>;

/// The feature of a rule's label (every label but story and title has one).
fn rule_feature(label: Label) -> Option<BlockFeature> {
    Some(match label {
        Label::Content | Label::Title => return None,
        Label::Metadata => BlockFeature::RuleMetadata,
        Label::Navigation => BlockFeature::RuleNavigation,
        Label::Engagement => BlockFeature::RuleEngagement,
        Label::Ad => BlockFeature::RuleAd,
        Label::AppPrompt => BlockFeature::RuleAppPrompt,
        Label::Legal => BlockFeature::RuleLegal,
        Label::Newsletter => BlockFeature::RuleNewsletter,
        Label::Cookie => BlockFeature::RuleCookie,
        Label::Related => BlockFeature::RuleRelated,
        Label::Comments => BlockFeature::RuleComments,
        Label::OtherBoilerplate => BlockFeature::RuleOtherBoilerplate,
    })
}

/// The feature of a block's kind (a paragraph has none).
fn kind_feature(kind: BlockKind) -> Option<BlockFeature> {
    match kind {
        BlockKind::Heading => Some(BlockFeature::KindHeading),
        BlockKind::ListItem => Some(BlockFeature::KindListItem),
        BlockKind::Quote => Some(BlockFeature::KindQuote),
        BlockKind::Code => Some(BlockFeature::KindCode),
        BlockKind::Table => Some(BlockFeature::KindTable),
        BlockKind::Other => Some(BlockFeature::KindOther),
        _ => None,
    }
}

/// The vector of block `i` of a page.
pub(super) fn vector(blocks: &[Block], facts: &[Facts], i: usize) -> Vector {
    use BlockFeature as B;
    let f = &facts[i].features;
    let log_words = |j: usize| facts[j].log_words();
    let prose = |j: usize| facts[j].is_prose();
    let mut v = Vector::zeros();
    v[B::LogWords] = log_words(i);
    v.set(B::SentenceEnd, f.sentence_end);
    v[B::StopRatio] = if f.latin { f.stop_ratio } else { 0.0 };
    v.set(B::NotLatin, !f.latin);
    v[B::CapsRatio] = f.caps_ratio;
    v.set(B::GluedTeaser, f.glued_teaser);
    v.set(B::Short, f.words <= SHORT_WORDS);
    v.set(B::Long, f.words >= LONG_WORDS);
    v.set(B::Prose, prose(i));
    if let Some(rule) = facts[i].rule {
        if let Some(feature) = rule_feature(rule.label) {
            v[feature] = 1.0;
        }
        v.set(B::RuleHeading, rule.heading);
    }
    if let Some(dom) = facts[i].dom.as_deref() {
        v[B::Html] = 1.0;
        let clutter = facts[i].clutter.as_ref();
        v.set(B::ContainerClutterTag, clutter.is_some_and(|c| c.by_tag));
        v.set(B::ContainerClutterWord, clutter.is_some_and(|c| !c.by_tag));
        v.set(B::ContainerArticle, dom.in_article);
        v[B::LinkDensity] = dom.link_density;
    }
    if let Some(feature) = kind_feature(blocks[i].kind) {
        v[feature] = 1.0;
    }
    let n = blocks.len();
    v[B::Position] = if n > 1 { i as f32 / (n - 1) as f32 } else { 0.0 };
    if i > 0 {
        v.set(B::PreviousProse, prose(i - 1));
        v[B::PreviousLogWords] = log_words(i - 1);
    }
    if i + 1 < n {
        v.set(B::NextProse, prose(i + 1));
        v[B::NextLogWords] = log_words(i + 1);
    }
    // Prose within three blocks either side: a short line among paragraphs is likelier story.
    v.set(B::NearProse, (i.saturating_sub(3)..(i + 4).min(n)).any(|j| j != i && prose(j)));
    // The hand-written prose score, as evidence the model weighs.
    let hand = facts[i].prose_score();
    v[B::ProseScorePerWord] = (hand / f.words.max(1) as f32).clamp(-3.0, 3.0);
    v.set(B::ProseScorePositive, hand > 0.0);
    v.set(B::InMenuRun, facts[i].in_menu);
    v
}

/// The block model: a logistic regression over [`BlockFeature`].
#[derive(Debug, Clone, PartialEq)]
pub struct BlockModel {
    model: Logistic,
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

    /// A model from its bias and one weight per feature, in the order of [`BlockFeature`].
    pub fn new(bias: f32, weights: Vec<f32>) -> BlockModel {
        BlockModel { model: Logistic::of::<BlockFeature>(bias, weights) }
    }

    /// A model from a weights file: `bias`, and `[weights]` with every feature by name.
    pub fn from_toml(text: &str) -> Result<BlockModel, String> {
        let file: ModelFile = toml::from_str(text).map_err(|e| e.to_string())?;
        Ok(BlockModel { model: Logistic::from_named(BlockFeature::NAMES, file.bias, &file.weights)? })
    }

    /// The weights file of this model (what `from_toml` reads back, to the bit).
    pub fn to_toml(&self, header: &str) -> String {
        let mut out = String::new();
        for line in header.lines() {
            out.push_str(&format!("# {line}\n"));
        }
        out.push_str(&format!("bias = {:?}\n\n[weights]\n", self.model.bias()));
        for (name, weight) in self.model.named() {
            out.push_str(&format!("{name} = {weight:?}\n"));
        }
        out
    }

    /// What a block adds to the story region: its chance of being story above even, times
    /// its words (so that a long paragraph outweighs a menu line).
    pub fn story_weight(&self, vector: &Vector, words: usize) -> f32 {
        let story = self.model.probability(vector.as_slice());
        (story - 0.5) * words.max(1) as f32
    }

    /// The log-odds that a block with these features is story.
    pub fn logit(&self, vector: &Vector) -> f32 {
        self.model.logit(vector.as_slice())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_rule_label_has_its_named_feature() {
        for label in Label::ALL.into_iter().skip(2) {
            let feature = rule_feature(label).expect("a clutter label has a feature");
            assert_eq!(feature.name(), format!("rule_{}", label.name().replace('-', "_")));
        }
    }

    #[test]
    fn the_bundled_weights_load_and_write_back_unchanged() {
        let body = |t: &str| t.lines().filter(|l| !l.starts_with('#')).collect::<Vec<_>>().join("\n");
        assert_eq!(body(&BlockModel::bundled().to_toml("")), body(BUNDLED_TOML));
    }

    #[test]
    fn the_weights_file_reads_back_to_the_bit() {
        let mut weights = vec![0.0; FEATURES.len()];
        weights[BlockFeature::NotLatin.index()] = -1.25e-3;
        weights[BlockFeature::Long.index()] = 0.1 + 0.2;
        let model = BlockModel::new(-0.7, weights);
        assert_eq!(BlockModel::from_toml(&model.to_toml("test")).unwrap(), model);
        assert!(BlockModel::from_toml("bias = 0.0\n[weights]\nlog_words = 1.0\n").is_err());
    }
}
