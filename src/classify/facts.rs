//! What is measured of every block, once, before anything is decided: its text's measurements
//! (`features`), the first rule that matched it, what its HTML containers say (`containers`),
//! whether it is one of a run of short lines; and the named predicates every later step reads
//! (`is_prose()`…), each threshold named once here. Decides no label.

use super::containers::{self, ContainerClutter};
use super::features::{self, Features};
use super::profile::Profile;
use super::rules::{Rule, Rules};
use crate::article::{Block, BlockKind, Label};
use crate::parse::DomHint;

/// A sentence of at least this many words is a paragraph of prose, not a line.
pub(super) const PROSE_WORDS: usize = 12;

/// A sentence of at least this many words counts as a sentence of the story (a shorter one
/// may be a caption or a button's label).
pub(super) const SENTENCE_WORDS: usize = 8;

/// A line of at most this many words is a short line (a menu entry, a label).
pub(super) const SHORT_WORDS: usize = 5;

/// A block of at least this many words is long, punctuated or not.
pub(super) const LONG_WORDS: usize = 20;

/// Consecutive short lines that make a menu or a link list.
pub(super) const MENU_RUN: usize = 3;

/// Share of link text from which a short line of an HTML page can be a menu item.
const MENU_LINK_DENSITY: f32 = 0.5;

/// Share of link text from which a block of an HTML page is mostly links.
pub(super) const LINKS_MOSTLY: f32 = 0.5;

/// A sentence of at least this many words scores as prose in the hand-written score.
const SCORED_SENTENCE_WORDS: usize = 4;

/// Share of function words typical of story prose: a block's density of them is measured
/// against it.
const TYPICAL_STOP_RATIO: f32 = 0.3;

/// What is measured of one block.
pub(super) struct Facts<'r> {
    /// Its text's measurements.
    pub features: Features,
    /// The first rule that matched it (none for code).
    pub rule: Option<&'r Rule>,
    /// For HTML: what the block's place in the page says (boxed: a text's million blocks
    /// carry no hint and should not pay for one).
    pub dom: Option<Box<DomHint>>,
    /// For HTML: the clutter its containers name, if any.
    pub clutter: Option<ContainerClutter>,
    /// One of a run of short lines (see `mark_menu_runs`).
    pub in_menu: bool,
}

/// Whether `text` alone reads as a paragraph of prose: a sentence of at least `PROSE_WORDS`
/// words (what `Facts::is_paragraph` holds of a measured block), for those that hold a
/// block's text and not its facts (site memory never folds prose).
pub fn reads_as_paragraph(text: &str) -> bool {
    features::ends_sentence(text) && text.split_whitespace().count() >= PROSE_WORDS
}

impl Facts<'_> {
    /// Story prose: a sentence of a paragraph's length that no rule claimed.
    pub fn is_prose(&self) -> bool {
        self.is_paragraph() && self.rule.is_none()
    }

    /// A sentence of a paragraph's length, whether or not a rule claimed it.
    pub fn is_paragraph(&self) -> bool {
        self.features.sentence_end && self.features.words >= PROSE_WORDS
    }

    /// A sentence long enough to be one of the story's, whether or not a rule claimed it.
    pub fn is_sentence(&self) -> bool {
        self.features.sentence_end && self.features.words >= SENTENCE_WORDS
    }

    /// Its words, log-scaled: `ln(1 + words)`.
    pub fn log_words(&self) -> f32 {
        (1.0 + self.features.words as f32).ln()
    }

    /// Its containers name clutter by an element made for it (`<nav>`, `<footer>`…).
    pub fn in_clutter_tag(&self) -> bool {
        self.clutter.as_ref().is_some_and(|c| c.by_tag)
    }

    /// Its containers name clutter by a class or id word only.
    pub fn in_clutter_word(&self) -> bool {
        self.clutter.as_ref().is_some_and(|c| !c.by_tag)
    }

    /// Share of its text that is link text (0 outside HTML).
    pub fn link_density(&self) -> f32 {
        self.dom.as_deref().map_or(0.0, |d| d.link_density)
    }

    /// How much the block looks like story prose: positive for sentences dense with function
    /// words, negative for short unpunctuated lines and anything a rule calls clutter.
    pub fn prose_score(&self) -> f32 {
        let f = &self.features;
        if let Some(rule) = self.rule {
            return if rule.label == Label::Metadata { -2.0 } else { -5.0 - f.words as f32 * 0.5 };
        }
        let Some(dom) = self.dom.as_deref() else { return text_score(f) };
        if self.in_clutter_tag() || dom.link_density > LINKS_MOSTLY {
            return -3.0 - f.words as f32 * 0.5;
        }
        let score = text_score(f);
        match (self.clutter.is_some(), dom.in_article) {
            // A class name that sounds like clutter is a weaker sign than a <nav>.
            (true, _) if score > 0.0 => score * 0.5,
            (true, _) => score - 2.0,
            (false, true) => score.max(0.0) * 1.5 + 1.0,
            (false, false) => score,
        }
    }
}

/// The prose score from the text alone.
fn text_score(f: &Features) -> f32 {
    if f.glued_teaser {
        return -4.0;
    }
    let words = f.words as f32;
    let density = if f.latin { (f.stop_ratio / TYPICAL_STOP_RATIO).clamp(0.3, 1.3) } else { 1.0 };
    if f.sentence_end && f.words >= SCORED_SENTENCE_WORDS {
        words * 0.6 * density
    } else if f.words >= LONG_WORDS {
        words * 0.4 * density
    } else {
        -2.0
    }
}

/// What is measured of every block: its text, the first rule that matched it, its container.
pub(super) fn facts_of<'r>(blocks: &[Block], dom: Vec<DomHint>, rules: &'r Rules, profile: &Profile) -> Vec<Facts<'r>> {
    let mut dom = dom.into_iter();
    let measured: Vec<features::Features> = blocks.iter().map(|b| features::measure(&b.text)).collect();
    let ruled = blocks.iter().zip(&measured).filter(|(b, _)| b.kind != BlockKind::Code);
    rules.prepare(ruled.map(|(b, f)| (b.text.as_str(), f.words)));
    let mut facts: Vec<Facts> = blocks
        .iter()
        .zip(measured)
        .map(|(b, features)| {
            let rule = if b.kind == BlockKind::Code { None } else { rules.find(&b.text, features.words) };
            // A manual's clutter headings begin its sections; a thread's comments heading its replies.
            let rule = rule.filter(|r| {
                !r.heading || (profile.clutter_headings && profile.comments.heading_begins_clutter(r.label))
            });
            let dom = dom.next().map(Box::new);
            let clutter = dom.as_deref().and_then(|d| containers::clutter_of(d, profile.cards.can_be_teasers()));
            Facts { features, rule, dom, clutter, in_menu: false }
        })
        .collect();
    mark_menu_runs(&mut facts, blocks);
    facts
}

/// Marks the blocks that are one of at least `MENU_RUN` consecutive short, unpunctuated lines
/// that no rule claimed: inside a story region such a run is a menu or a list of links. One
/// pass, however long the runs.
fn mark_menu_runs(facts: &mut [Facts], blocks: &[Block]) {
    // In a page whose markup shows the links, a line that is not mostly link text is no menu
    // item: a list of short items inside the story ("Qualified teams") stays story. In
    // Markdown a code block is no menu line either (a README's `cargo test`); HTML keeps its
    // measurement as the block model was trained on it.
    let short = |(f, b): (&Facts, &Block)| {
        !(b.kind == BlockKind::Code && f.dom.is_none())
            && f.rule.is_none()
            && f.features.words <= SHORT_WORDS
            && !f.features.sentence_end
            && f.dom.as_ref().is_none_or(|d| d.link_density >= MENU_LINK_DENSITY)
    };
    let mut start = 0;
    while start < facts.len() {
        let run = facts[start..].iter().zip(&blocks[start..]).take_while(|&pair| short(pair)).count();
        if run >= MENU_RUN {
            facts[start..start + run].iter_mut().for_each(|f| f.in_menu = true);
        }
        start += run.max(1);
    }
}

/// Lower-cased words, punctuation dropped: how two titles or names are compared.
pub(super) fn words_of(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
}

/// Whether `text` says the title: the same words, and not much longer.
pub(super) fn same_title(text: &str, title: &str) -> bool {
    text.len() < title.len() * 2 + 8 && words_of(text) == words_of(title) && !words_of(title).is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::BlockKind;

    fn facts_of_texts(texts: &[&str]) -> Vec<Facts<'static>> {
        let blocks: Vec<Block> =
            texts.iter().map(|t| Block::new(BlockKind::Paragraph, t.to_string(), [1, 1])).collect();
        facts_of(&blocks, Vec::new(), Rules::bundled(), Profile::article())
    }

    #[test]
    fn prose_is_a_long_sentence_no_rule_claimed() {
        let facts = facts_of_texts(&[
            "The council voted on Tuesday to close the old bridge to cars for the whole of next year.",
            "Home",
            "The vote was close.",
        ]);
        assert!(facts[0].is_prose() && facts[0].is_paragraph() && facts[0].is_sentence());
        assert!(facts[0].prose_score() > 0.0);
        assert!(!facts[1].is_prose() && facts[1].prose_score() < 0.0);
        assert!(!facts[2].is_prose() && !facts[2].is_sentence());
    }

    #[test]
    fn three_short_lines_in_a_row_are_a_menu() {
        let facts =
            facts_of_texts(&["World", "Politics", "Sport", "A sentence that ends the run of short lines here."]);
        assert!(facts[..3].iter().all(|f| f.in_menu));
        assert!(!facts[3].in_menu);
        let two = facts_of_texts(&["World", "Politics"]);
        assert!(two.iter().all(|f| !f.in_menu));
    }

    #[test]
    fn a_title_is_the_same_words_not_much_longer() {
        assert!(same_title("The Title!", "the title"));
        assert!(!same_title("The Title and more", "The Title"));
        assert_eq!(words_of("It's a-b"), ["it", "s", "a", "b"]);
    }

    #[test]
    fn a_landmark_container_makes_any_text_clutter() {
        let blocks = vec![Block::new(
            BlockKind::Paragraph,
            "A sentence long enough to be story prose, if it were anywhere else.".to_string(),
            [1, 1],
        )];
        let nav = DomHint { landmark: Some(crate::parse::Landmark::Nav), ..DomHint::default() };
        let facts = facts_of(&blocks, vec![nav], Rules::bundled(), Profile::article());
        assert!(facts[0].in_clutter_tag() && facts[0].prose_score() < 0.0);
    }

    #[test]
    fn text_alone_reads_as_a_paragraph_as_measured_facts_do() {
        let sentence = "The pump on the old ferry pier now heats 1,140 homes, the council said.";
        let short = "Read more about the pump.";
        let facts =
            facts_of_texts(&[sentence, short, "Subscribe to our newsletter for weekly harbour news and updates"]);
        for (f, text) in
            facts.iter().zip([sentence, short, "Subscribe to our newsletter for weekly harbour news and updates"])
        {
            assert_eq!(reads_as_paragraph(text), f.is_paragraph(), "{text}");
        }
        assert!(reads_as_paragraph(sentence) && !reads_as_paragraph(short));
        assert!(reads_as_paragraph(
            "\u{201c}The pump heats every home on the pier now, and the bills are lower,\u{201d} she said on Tuesday.\u{201d}"
        ));
    }
}
