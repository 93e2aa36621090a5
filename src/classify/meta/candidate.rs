//! What every metadata candidate is and what it is measured against: the candidate itself,
//! the page (blocks, their facts, the story region, what the page states), and the measures
//! the three fields share (how far two values agree, how much of a value the story uses).

use crate::article::Block;
use crate::classify::facts::{Facts, words_of};
use crate::classify::rules::MetaField;
use crate::parse::{Stated, StatedBy};
use crate::text::lexicon;
use crate::text::logistic::{Feature, Vector};
use std::collections::{HashMap, HashSet};
use std::ops::Range;

/// One value a field could take, with what was measured of it.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// The value as it would be shown (a date as ISO 8601).
    pub value: String,
    /// The block it was read from, if any.
    pub block: Option<usize>,
    /// The places the page states it.
    pub stated_by: Vec<StatedBy>,
    /// Its measurements, in the order of its field's features.
    pub vector: Vec<f32>,
}

/// A candidate while it is measured: its vector read and written by feature name.
pub(super) struct Draft<F> {
    /// The value as it would be shown.
    pub value: String,
    /// The block it was read from, if any.
    pub block: Option<usize>,
    /// The places the page states it.
    pub stated_by: Vec<StatedBy>,
    /// Its measurements so far.
    pub vector: Vector<F>,
}

impl<F: Feature> Draft<F> {
    /// The candidate as the field's model reads it.
    pub fn finish(self) -> Candidate {
        Candidate { value: self.value, block: self.block, stated_by: self.stated_by, vector: self.vector.into_vec() }
    }
}

/// How far two values agree: the F1 of their words.
pub(super) fn agreement(a: &[String], b: &[String]) -> f32 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let mut counts: HashMap<&str, i32> = HashMap::new();
    for w in a {
        *counts.entry(w).or_default() += 1;
    }
    let mut common = 0;
    for w in b {
        if let Some(n) = counts.get_mut(w.as_str()).filter(|n| **n > 0) {
            *n -= 1;
            common += 1;
        }
    }
    2.0 * common as f32 / (a.len() + b.len()) as f32
}

/// Two values name the same thing when most of their words are shared.
pub(super) const AGREES: f32 = 0.8;

/// 1 for yes, 0 for no.
pub(super) fn flag(b: bool) -> f32 {
    if b { 1.0 } else { 0.0 }
}

/// `ln(1 + n)`: a count, log-scaled.
pub(super) fn log1(n: usize) -> f32 {
    (1.0 + n as f32).ln()
}

/// What the candidates of a page are measured against.
pub(in crate::classify) struct Page<'a, 'r> {
    /// The page's blocks.
    pub(in crate::classify) blocks: &'a [Block],
    /// What was measured of each.
    pub(in crate::classify) facts: &'a [Facts<'r>],
    /// The story region.
    pub(in crate::classify) story: &'a Range<usize>,
    /// What the page states of itself.
    pub(in crate::classify) stated: &'a Stated,
    /// The site's name, where the page states it.
    pub(in crate::classify) site: Option<&'a str>,
}

impl Page<'_, '_> {
    /// Blocks between block `i` and the story's start.
    pub(super) fn distance_to_story(&self, i: usize) -> usize {
        if i < self.story.start { self.story.start - i } else { i.saturating_sub(self.story.start) }
    }

    /// Block `i`'s place in the page, 0 at the top.
    pub(super) fn position(&self, i: usize) -> f32 {
        i as f32 / self.blocks.len().max(1) as f32
    }

    /// Block `i` is story prose (false past the end).
    pub(super) fn is_prose(&self, i: usize) -> bool {
        self.facts.get(i).is_some_and(Facts::is_prose)
    }

    /// The piece of metadata the rule that matched block `i` says it carries.
    pub(super) fn rule_meta(&self, i: usize) -> Option<MetaField> {
        self.facts[i].rule.and_then(|r| r.meta)
    }

    /// The words of the story region's prose.
    pub(super) fn story_words(&self) -> HashSet<String> {
        self.story.clone().filter(|&i| self.is_prose(i)).flat_map(|i| words_of(&self.blocks[i].text)).collect()
    }

    /// Blocks near the story's start, where a title, byline or date stands.
    pub(super) fn near_start(&self, before: usize, after: usize) -> Range<usize> {
        self.story.start.saturating_sub(before)..(self.story.start + after).min(self.blocks.len())
    }
}

/// Blocks at the very top of a page are title candidates wherever the story starts: a text
/// dump's story region may begin well after its title, or before it (a menu of prose-like teasers).
pub(super) const TOP_OF_PAGE: usize = 120;

/// A line this short (in bytes) that holds a date is a date line, not a sentence with one.
pub(super) const DATE_LINE_BYTES: usize = 80;

/// Blocks either side of a candidate that count as beside it.
pub(super) const BESIDE: usize = 3;
/// The share of a candidate's content words (not function words, three letters or more) that
/// the story uses.
pub(super) fn word_share(words: &[String], story: &HashSet<String>) -> f32 {
    let content: Vec<&String> = words.iter().filter(|w| w.chars().count() >= 3 && !lexicon::is_stopword(w)).collect();
    if content.is_empty() {
        return 0.0;
    }
    content.iter().filter(|w| story.contains(w.as_str())).count() as f32 / content.len() as f32
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        words_of(text)
    }

    #[test]
    fn agreement_is_the_f1_of_the_words() {
        assert_eq!(agreement(&words("Jo Roe"), &words("jo roe")), 1.0);
        assert_eq!(agreement(&words("Jo Roe"), &words("Jo")), 2.0 / 3.0);
        assert_eq!(agreement(&words(""), &words("Jo")), 0.0);
    }

    #[test]
    fn word_share_counts_content_words_the_story_uses() {
        let story: HashSet<String> = words("the council closed the bridge").into_iter().collect();
        assert_eq!(word_share(&words("Council closes bridge"), &story), 2.0 / 3.0);
        assert_eq!(word_share(&words("of the"), &story), 0.0);
    }
}
