//! Finding check-worthy sentences in the story: each sentence of a content block is scored
//! from cues (numbers, money, attribution, quotes…) listed in `assets/claim_cues.toml`; those
//! above the threshold become claims with their kinds and the cues that fired.

mod sentences;

pub use sentences::split as split_sentences;

use crate::article::{Block, BlockKind, Claim, ClaimKind, Label};
use crate::error::{Error, Result};
use regex::Regex;
use serde::Deserialize;
use std::sync::LazyLock;

const DEFAULT_CUES: &str = include_str!("../../assets/claim_cues.toml");

#[derive(Debug)]
pub struct Cue {
    kind: Option<ClaimKind>,
    description: String,
    weight: f32,
    matcher: Regex,
}

/// The claim scorer: cues, a bias and the threshold above which a sentence is flagged.
#[derive(Debug)]
pub struct Scorer {
    bias: f32,
    pub threshold: f32,
    cues: Vec<Cue>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CueFile {
    bias: f32,
    threshold: f32,
    cue: Vec<CueEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CueEntry {
    kind: String,
    cue: String,
    weight: f32,
    #[serde(default)]
    phrases: Vec<String>,
    #[serde(default)]
    patterns: Vec<String>,
}

static DEFAULT: LazyLock<Scorer> =
    LazyLock::new(|| Scorer::from_toml(DEFAULT_CUES, "assets/claim_cues.toml").expect("the bundled cues are valid"));

/// One sentence's verdict.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    pub score: f32,
    pub kinds: Vec<ClaimKind>,
    pub cues: Vec<String>,
}

impl Scorer {
    pub fn bundled() -> &'static Scorer {
        &DEFAULT
    }

    pub fn from_toml(text: &str, origin: &str) -> Result<Scorer> {
        let problem = |problem: String| Error::Rules { path: origin.to_string(), problem };
        let file: CueFile = toml::from_str(text).map_err(|e| problem(e.to_string().trim().replace("\n", " ")))?;
        let mut cues = Vec::new();
        for entry in file.cue {
            let kind = match entry.kind.as_str() {
                "none" => None,
                name => Some(kind_named(name).ok_or_else(|| problem(format!("unknown claim kind {name:?}")))?),
            };
            let matcher = crate::matcher::compile(&entry.phrases, &entry.patterns)
                .map_err(|e| problem(format!("cue {:?}: {e}", entry.cue)))?;
            cues.push(Cue { kind, description: entry.cue, weight: entry.weight, matcher });
        }
        Ok(Scorer { bias: file.bias, threshold: file.threshold, cues })
    }

    /// Scores one sentence; the cues that fired are described with the text they matched.
    pub fn judge(&self, sentence: &str) -> Verdict {
        let mut logit = self.bias;
        let mut kinds = Vec::new();
        let mut cues = Vec::new();
        for cue in &self.cues {
            let Some(found) = cue.matcher.find(sentence) else { continue };
            logit += cue.weight;
            if let Some(kind) = cue.kind {
                if !kinds.contains(&kind) {
                    kinds.push(kind);
                }
                let evidence: String = found.as_str().trim().chars().take(40).collect();
                cues.push(format!("{}: {evidence}", cue.description));
            } else {
                cues.push(cue.description.clone());
            }
        }
        kinds.sort();
        let score = 1.0 / (1.0 + (-logit).exp());
        Verdict { score: (score * 1000.0).round() / 1000.0, kinds, cues }
    }

    /// Claims in the story blocks, in reading order.
    pub fn find(&self, blocks: &[Block]) -> Vec<Claim> {
        let mut claims = Vec::new();
        for block in blocks {
            let prose = matches!(block.kind, BlockKind::Paragraph | BlockKind::ListItem | BlockKind::Quote);
            if block.label != Label::Content || !prose {
                continue;
            }
            for (start, end) in split_sentences(&block.text) {
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

fn kind_named(name: &str) -> Option<ClaimKind> {
    use ClaimKind::*;
    [Statistic, Money, Percentage, Comparison, Date, Attribution, Quote, Forecast, Causal, Other]
        .into_iter()
        .find(|k| k.name() == name)
}

#[cfg(test)]
mod tests {
    use super::*;

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
