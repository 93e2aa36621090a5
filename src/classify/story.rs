//! The story region: the run of blocks with the most evidence for story prose (each block's
//! weight from the block model for HTML, from the hand-written prose score for text), ended
//! before a comment section or a teaser list and carried on over a list it introduces; and
//! the blocks beside it that sit in the same kind of container. Decides no label.

use super::facts::{Facts, LINKS_MOSTLY, MENU_RUN};
use super::model::{BlockModel, vector as block_vector};
use super::profile::Profile;
use super::rules::Rule;
use crate::article::{Block, BlockKind, Format, Label};
use std::collections::HashMap;

/// A line that ends with a colon and has at most this many words introduces a list.
const LIST_INTRO_WORDS: usize = 30;

/// A title line of a list (no colon, "Tour Dates") has at most this many words.
const LIST_TITLE_WORDS: usize = 8;

/// An item of a list the story runs on through has at most this many words.
const LIST_ITEM_WORDS: usize = 40;

/// Words of story prose before a comment or "More from…" heading for it to end the story.
const STORY_BEFORE_END_WORDS: usize = 50;

/// What each line of a run of `MENU_RUN` or more non-prose lines costs, times its own score
/// (measured on zyte-dev text: F1 0.906 -> 0.916; doubling cost recall).
const MENU_RUN_COST: f32 = 1.5;

/// A list the story runs on through has at least this many items.
const LIST_ITEMS: usize = 2;

/// Items split by the same dash after a short title line that make it introduce a list.
const DASHED_ITEMS: usize = 3;

/// The story region: the run of blocks with the most evidence for story prose, weighed as
/// `profile` (the page's kind) weighs it.
pub(super) fn story_of(
    blocks: &[Block],
    facts: &[Facts],
    format: Format,
    model: Option<&BlockModel>,
    profile: &Profile,
) -> std::ops::Range<usize> {
    match format {
        Format::Markdown => 0..blocks.len(),
        Format::Text | Format::Html => {
            let hand = || densest_prose(facts.iter().map(|f| profile.weigh(f.prose_score())).collect());
            let region = model.map(|model| {
                let weight =
                    |i| profile.weigh(model.story_weight(&block_vector(blocks, facts, i), facts[i].features.words));
                densest_prose((0..blocks.len()).map(weight).collect())
            });
            // Where the model sees no story at all, the hand-written score still may.
            let region = region.filter(|r| !r.is_empty());
            extend_over_list(blocks, facts, end_before_comments(facts, region.unwrap_or_else(hand)))
        }
    }
}

/// The story region of a page dump: the contiguous run of blocks with the largest total
/// prose score (a maximum-sum segment).
fn densest_prose(mut scores: Vec<f32>) -> std::ops::Range<usize> {
    // Runs of non-prose lines are menus and link lists: each line of a run costs half as
    // much again.
    let mut i = 0;
    while i < scores.len() {
        let run = scores[i..].iter().take_while(|&&s| s < 0.0).count();
        if run >= MENU_RUN {
            for s in &mut scores[i..i + run] {
                *s *= MENU_RUN_COST;
            }
        }
        i += run.max(1);
    }
    let (mut best, mut best_range) = (0.0f32, 0..0);
    let (mut sum, mut start) = (0.0f32, 0);
    for (i, score) in scores.into_iter().enumerate() {
        if sum <= 0.0 {
            sum = 0.0;
            start = i;
        }
        sum += score;
        if sum > best {
            best = sum;
            best_range = start..i + 1;
        }
    }
    best_range
}

/// A story that ends by introducing a list ("Tour dates:", or an item numbered 1) goes on
/// through the list: items of one shape (numbered, or split by the same separator), which
/// the prose score alone would leave out as short lines.
fn extend_over_list(blocks: &[Block], facts: &[Facts], story: std::ops::Range<usize>) -> std::ops::Range<usize> {
    let mut end = story.end;
    if story.is_empty() || end >= blocks.len() {
        return story;
    }
    let intro = |i: usize| {
        blocks[i].text.trim_end().ends_with(':')
            && facts[i].features.words <= LIST_INTRO_WORDS
            && facts[i].rule.is_none()
    };
    let mut introduced = intro(end - 1);
    if !introduced && intro(end) {
        introduced = true;
        end += 1;
    }
    // Without a colon, a short title line ("Tour Dates") followed by at least three items
    // split by the same dash also introduces a list.
    if !introduced && facts[end].features.words <= LIST_TITLE_WORDS && facts[end].rule.is_none() {
        let dashed = |i: usize, sep: &str| blocks.get(i).is_some_and(|b| b.text.contains(sep));
        // The first three separators are the dashes.
        if SEPARATORS[..3].iter().any(|sep| (end + 1..end + 1 + DASHED_ITEMS).all(|i| dashed(i, sep))) {
            introduced = true;
            end += 1;
        }
    }
    let Some(first) = blocks.get(end) else { return story };
    let shape = if numbered(&first.text) == Some(1) {
        ItemShape::Numbered
    } else if let Some(sep) = SEPARATORS.iter().find(|s| first.text.contains(**s)).filter(|_| introduced) {
        ItemShape::Split(sep)
    } else if introduced && first.kind == BlockKind::ListItem {
        ItemShape::Bullet
    } else {
        return story;
    };
    let start_of_list = end;
    while let Some(block) = blocks.get(end) {
        let fits = facts[end].rule.is_none()
            && facts[end].features.words <= LIST_ITEM_WORDS
            && match shape {
                ItemShape::Numbered => numbered(&block.text).is_some() || is_bare_link(&block.text),
                ItemShape::Split(sep) => block.text.contains(sep),
                ItemShape::Bullet => block.kind == BlockKind::ListItem,
            };
        if !fits {
            break;
        }
        end += 1;
    }
    if end - start_of_list >= LIST_ITEMS { story.start..end } else { story }
}

#[derive(Clone, Copy)]
enum ItemShape {
    Numbered,
    Split(&'static str),
    Bullet,
}

const SEPARATORS: [&str; 4] = [" -- ", " – ", " — ", " | "];

/// The number of an item written "3) …" or "3. …".
fn numbered(text: &str) -> Option<u32> {
    let digits: String = text.chars().take_while(char::is_ascii_digit).collect();
    let rest = &text[digits.len()..];
    (!digits.is_empty() && digits.len() <= 3 && (rest.starts_with(") ") || rest.starts_with(". ")))
        .then(|| digits.parse().ok())
        .flatten()
}

fn is_bare_link(text: &str) -> bool {
    let t = text.trim();
    (t.starts_with("http://") || t.starts_with("https://")) && !t.contains(' ')
}

/// Comments are prose too: a story region that runs into a comment section (its heading or
/// first author line, after some story prose) ends there; so does one that runs into a
/// press release's "About the company" tail, or a list of teasers under a "More from…" heading.
fn end_before_comments(facts: &[Facts], story: std::ops::Range<usize>) -> std::ops::Range<usize> {
    let mut prose_words = 0;
    // The words of prose from each block of the story to its end (one pass, however many headings).
    let mut prose_after = vec![0; story.len() + 1];
    for i in story.clone().rev() {
        let words = if facts[i].is_prose() { facts[i].features.words } else { 0 };
        prose_after[i - story.start] = prose_after[i - story.start + 1] + words;
    }
    for i in story.clone() {
        let f = &facts[i];
        let clutter_heading = f.rule.filter(|r| r.heading);
        // Comments run to the end of the page, however long; boilerplate after the story
        // ("About Acme") is shorter than the story before it, so a heading with more prose
        // after it than before is a menu entry above the story ("About Us"), not its end.
        let runs_to_the_end = |r: &&Rule| match r.label {
            Label::Comments => true,
            Label::OtherBoilerplate => prose_after[i - story.start + 1] < prose_words,
            _ => false,
        };
        if prose_words >= STORY_BEFORE_END_WORDS && clutter_heading.is_some_and(|r| runs_to_the_end(&r)) {
            return story.start..i;
        }
        // A "More from…" heading followed only by teasers (never two paragraphs in a row)
        // ends the story too.
        let teasers_follow = || !facts[i + 1..story.end].windows(2).any(|w| w[0].is_prose() && w[1].is_prose());
        if clutter_heading.is_some_and(|r| r.label == Label::Related)
            && prose_words >= STORY_BEFORE_END_WORDS
            && teasers_follow()
        {
            return story.start..i;
        }
        if f.is_sentence() && f.rule.is_none() {
            prose_words += f.features.words;
        }
    }
    story
}

/// The blocks outside the story region that sit in the same kind of container as most of its
/// prose (the element around them has the same name and class): the other answers of a Q&A
/// page, the later posts of a thread, the entries of a list the region stopped short of. A
/// block a rule claimed, one inside `<nav>`, `<footer>` or `<aside>`, or one that is mostly
/// link text is not taken.
pub(super) fn beside_the_story(blocks: &[Block], facts: &[Facts], story: &std::ops::Range<usize>) -> Vec<bool> {
    let mut beside = vec![false; blocks.len()];
    let container = |i: usize| facts[i].dom.as_ref().and_then(|d| d.container);
    let mut words: HashMap<u64, usize> = HashMap::new();
    let mut all = 0;
    for i in story.clone() {
        let f = &facts[i].features;
        if facts[i].is_prose() {
            all += f.words;
            if let Some(key) = container(i) {
                *words.entry(key).or_insert(0) += f.words;
            }
        }
    }
    // Ties go to the larger key, so that every run chooses alike.
    let Some((&main, &most)) = words.iter().max_by_key(|&(key, w)| (*w, *key)) else { return beside };
    if most * 2 < all {
        return beside;
    }
    for (i, b) in beside.iter_mut().enumerate() {
        let Some(dom) = facts[i].dom.as_deref() else { continue };
        *b = !story.contains(&i)
            && container(i) == Some(main)
            && facts[i].rule.is_none()
            && !facts[i].in_clutter_tag()
            && dom.link_density < LINKS_MOSTLY;
    }
    beside
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_densest_run_of_prose_is_the_story() {
        assert_eq!(densest_prose(vec![-1.0, 5.0, 4.0, -2.0, -1.0, -1.0, 1.0]), 1..3);
        assert_eq!(densest_prose(vec![-1.0, -1.0]), 0..0);
        // A run of three non-prose lines costs half as much again: it no longer bridges.
        assert_eq!(densest_prose(vec![4.0, -1.0, -1.0, -1.0, 2.5]), 0..1);
        assert_eq!(densest_prose(vec![4.0, -1.0, -1.0, 2.5]), 0..4);
    }

    #[test]
    fn list_items_are_numbered_or_bare_links() {
        assert_eq!(numbered("3) Third"), Some(3));
        assert_eq!(numbered("12. Twelfth"), Some(12));
        assert_eq!(numbered("1999 was a year"), None);
        assert!(is_bare_link("https://example.org/a"));
        assert!(!is_bare_link("see https://example.org/a"));
    }
}
