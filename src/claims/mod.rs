//! Finding check-worthy sentences in the story. Each sentence of a content block is scored by
//! a logistic regression (`assets/claim_model.bin`, trained by `examples/train_claims.rs` on
//! ClaimBuster) over word and character n-grams and the cues of `assets/claim_cues.toml`
//! (numbers, money, attribution, quotes…). Those from the threshold up become claims, with
//! their kinds and, in the reader's words, the cues and words that raised the score.

pub mod features;
pub mod model;
mod sentences;

pub use features::Features;
pub use model::Model;
pub use sentences::split as split_sentences;

use crate::article::{Block, BlockKind, Claim, ClaimKind, Label};
use crate::error::{Error, Result};
use crate::text::lexicon::is_stopword;
use serde::Deserialize;
use std::sync::LazyLock;

const BUNDLED_CUES: &str = include_str!("../../assets/claim_cues.toml");
const BUNDLED_MODEL: &[u8] = include_bytes!("../../assets/claim_model.bin");
/// Words whose weight times presence adds at least this much log-odds are named as a reason.
const WORD_REASON: f32 = 0.15;
/// At most this many words are named.
const WORD_REASONS: usize = 3;
/// The thresholds a user may set: a score is a probability.
pub const THRESHOLDS: std::ops::RangeInclusive<f32> = 0.0..=1.0;
/// A "sentence" longer than this (bytes) is a run of text without full stops, not a claim.
const LONGEST_SENTENCE: usize = 2_000;

#[derive(Debug)]
struct Cue {
    kind: Option<ClaimKind>,
    description: String,
    /// Log-odds the cue adds, held as it is by training; `None` for a cue whose weight is learned.
    weight: Option<f32>,
}

/// The cue list of `assets/claim_cues.toml`, in file order.
#[derive(Debug)]
pub struct Cues {
    list: Vec<Cue>,
    /// Cue `i`'s text is matcher `i`.
    matchers: crate::text::matcher::Matchers,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CueFile {
    cue: Vec<CueEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CueEntry {
    kind: String,
    cue: String,
    weight: Option<f32>,
    #[serde(default)]
    phrases: Vec<String>,
    #[serde(default)]
    patterns: Vec<String>,
}

static CUES: LazyLock<Cues> =
    LazyLock::new(|| Cues::from_toml(BUNDLED_CUES, "assets/claim_cues.toml").expect("the bundled cues are valid"));

static MODEL: LazyLock<Model> = LazyLock::new(|| {
    let model = Model::from_bytes(BUNDLED_MODEL).expect("the bundled claim model is valid");
    model.check_cues(CUES.fingerprint()).expect("assets/claim_model.bin is made for assets/claim_cues.toml");
    model
});

impl Cues {
    /// The cues of `assets/claim_cues.toml`, as built into folio.
    pub fn bundled() -> &'static Cues {
        &CUES
    }

    /// Parses a cue file; `origin` names it in error messages.
    pub fn from_toml(text: &str, origin: &str) -> Result<Cues> {
        let problem = |problem: String| Error::Rules { path: origin.to_string(), problem };
        let file: CueFile = toml::from_str(text).map_err(|e| problem(e.to_string().trim().replace("\n", " ")))?;
        let texts = file.cue.iter().map(|e| (e.phrases.as_slice(), e.patterns.as_slice()));
        let matchers = crate::text::matcher::Matchers::compile(texts, crate::text::matcher::Need::Position)
            .map_err(|(index, e)| problem(format!("cue {:?}: {e}", file.cue[index].cue)))?;
        let mut list = Vec::new();
        for entry in file.cue {
            let kind = match entry.kind.as_str() {
                "none" => None,
                name => Some(ClaimKind::named(name).ok_or_else(|| problem(format!("unknown claim kind {name:?}")))?),
            };
            list.push(Cue { kind, description: entry.cue, weight: entry.weight });
        }
        Ok(Cues { list, matchers })
    }

    /// How many cues the list holds.
    pub fn len(&self) -> usize {
        self.list.len()
    }

    /// Whether the list holds no cue at all.
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// Identifies the list (kinds and descriptions, in order) that a model was trained with.
    pub fn fingerprint(&self) -> u64 {
        // Each cue's name is its kind and its description.
        let names =
            self.list.iter().map(|cue| format!("{}\0{}", cue.kind.map_or("none", ClaimKind::name), cue.description));
        crate::text::logistic::fingerprint(names)
    }

    /// The weights training holds as they are: (feature index, weight) of each cue with a set weight.
    pub fn fixed_weights(&self) -> Vec<(u32, f64)> {
        let base = features::dimension(0) - 1;
        let fixed = self.list.iter().enumerate().filter_map(|(i, cue)| Some((i, cue.weight?)));
        fixed.map(|(i, w)| ((base + i) as u32, f64::from(w / features::CUE_VALUE))).collect()
    }

    /// Where each cue first matched in `sentence`, if it did.
    fn find<'s>(&self, sentence: &'s str) -> Vec<Option<&'s str>> {
        let candidates = self.matchers.candidates(sentence);
        (0..self.list.len()).map(|i| self.matchers.find(i, sentence, &candidates).map(|at| &sentence[at])).collect()
    }

    /// The model's view of a sentence.
    pub fn features(&self, sentence: &str) -> Features {
        let candidates = self.matchers.candidates(sentence);
        let fired: Vec<bool> = (0..self.list.len()).map(|i| self.matchers.is_match(i, sentence, &candidates)).collect();
        features::features(sentence, &fired)
    }
}

/// The claim scorer: the cues, the model and the threshold from which a sentence is flagged.
#[derive(Debug, Clone, Copy)]
pub struct Scorer {
    cues: &'static Cues,
    model: &'static Model,
    /// The score from which a sentence is flagged as a claim (0–1).
    pub threshold: f32,
}

/// One sentence's verdict.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    /// How check-worthy the sentence is, 0–1, rounded to four places.
    pub score: f32,
    /// The kinds of claim named by the cues that raised its score, in order (may be empty).
    pub kinds: Vec<ClaimKind>,
    /// The reasons, in the reader's words: the cues that raised the score (with the text they
    /// matched) and, for a flagged sentence, the words that weighed most.
    pub cues: Vec<String>,
}

impl Scorer {
    /// The bundled cues and model, flagging from the threshold chosen when it was trained.
    pub fn bundled() -> Scorer {
        Scorer { cues: &CUES, model: &MODEL, threshold: MODEL.threshold }
    }

    /// The same scorer flagging from another threshold (0–1; higher flags fewer sentences).
    pub fn with_threshold(self, threshold: f32) -> Scorer {
        Scorer { threshold, ..self }
    }

    /// Scores one sentence. The reasons given are the cues and words that raised its score,
    /// the cues with the text they matched.
    pub fn judge(&self, sentence: &str) -> Verdict {
        let found = self.cues.find(sentence);
        let fired: Vec<bool> = found.iter().map(Option::is_some).collect();
        let features = features::features(sentence, &fired);
        let score = self.model.probability(&features);
        let base = features::dimension(0) as u32 - 1;
        let mut kinds = Vec::new();
        let mut cues = Vec::new();
        for (i, (cue, found)) in self.cues.list.iter().zip(&found).enumerate() {
            let Some(found) = found else { continue };
            if self.model.weight(base + i as u32) <= 0.0 {
                continue;
            }
            match cue.kind {
                Some(kind) => {
                    if !kinds.contains(&kind) {
                        kinds.push(kind);
                    }
                    let evidence: String = found.trim().chars().take(40).collect();
                    cues.push(format!("{}: {evidence}", cue.description));
                }
                None => cues.push(cue.description.clone()),
            }
        }
        kinds.sort();
        let score = (score * 10_000.0).round() / 10_000.0;
        // Naming the words costs more than scoring: only for a sentence that is flagged.
        if score < self.threshold {
            return Verdict { score, kinds, cues };
        }
        let grams = features::word_grams(sentence);
        let mut words: Vec<(f32, &str)> = grams
            .iter()
            .map(|(index, word)| {
                let found = features.entries.binary_search_by_key(index, |e| e.0);
                let value = found.map_or(0.0, |k| features.entries[k].1);
                (self.model.weight(*index) * value, word.as_str())
            })
            .filter(|(contribution, word)| *contribution > 0.0 && !word.split(' ').all(is_stopword))
            .collect();
        words.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
        // Words are named when they weigh; when no cue fired, the strongest ones are the reason.
        if !cues.is_empty() {
            words.retain(|(contribution, _)| *contribution >= WORD_REASON);
        }
        if !words.is_empty() {
            let named: Vec<&str> = words.iter().take(WORD_REASONS).map(|(_, w)| *w).collect();
            cues.push(format!("words: {}", named.join(", ")));
        }
        Verdict { score, kinds, cues }
    }

    /// Claims in the story blocks, in reading order.
    pub fn find(&self, blocks: &[Block]) -> Vec<Claim> {
        let judged = |block: &&Block| {
            let prose = matches!(block.kind, BlockKind::Paragraph | BlockKind::ListItem | BlockKind::Quote);
            block.label == Label::Content && prose
        };
        self.cues.matchers.prepare(blocks.iter().filter(judged).map(|b| b.text.as_str()));
        let mut claims = Vec::new();
        for block in blocks.iter().filter(judged) {
            for (start, end) in split_sentences(&block.text) {
                if end - start > LONGEST_SENTENCE {
                    continue;
                }
                let sentence = &block.text[start..end];
                let verdict = self.judge(sentence);
                if verdict.score >= self.threshold {
                    let kinds = if verdict.kinds.is_empty() { vec![ClaimKind::Other] } else { verdict.kinds };
                    claims.push(Claim {
                        block: block.id,
                        text: sentence.to_string(),
                        span: [start, end],
                        kinds,
                        score: verdict.score,
                        cues: verdict.cues,
                    });
                }
            }
        }
        claims
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_claim_kind_is_named_alike_everywhere() {
        for kind in ClaimKind::ALL {
            assert_eq!(ClaimKind::named(kind.name()), Some(kind));
            assert_eq!(serde_json::to_string(&kind).unwrap(), format!("\"{}\"", kind.name()));
        }
    }

    #[test]
    fn figures_and_attribution_are_flagged_with_kinds() {
        let v = Scorer::bundled().judge(
            "For instance, the 2025 AI Index Report from Stanford shows that U.S. private investment in AI reached $109 billion, which is nearly 12 times that of China.",
        );
        assert!(v.score > 0.9, "{v:?}");
        for kind in [ClaimKind::Statistic, ClaimKind::Money, ClaimKind::Comparison, ClaimKind::Attribution] {
            assert!(v.kinds.contains(&kind), "{kind:?} missing from {v:?}");
        }
    }

    #[test]
    fn rhetoric_is_not_flagged() {
        let scorer = Scorer::bundled();
        for s in [
            "He's not buying it.",
            "It's a vision that bypasses geopolitical tension in favor of collective problem-solving.",
        ] {
            assert!(scorer.judge(s).score < scorer.threshold, "{s}");
        }
    }
}
