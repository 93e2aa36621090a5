//! Labelling every block once the story region is known: the title and its repeats, what the
//! rules name, what the containers name, runs of clutter begun by a heading, menus inside the
//! story, and what lies before and after it; then the standfirst, inferred section headings,
//! repeated blocks, and (for Markdown) the byline and date the rules found. Every label with
//! the reason shown to the reader.

use super::facts::{Facts, PROSE_WORDS, same_title, words_of};
use super::meta::names::byline_name;
use super::profile::{Cards, Profile};
use super::rules::MetaField;
use crate::article::{Block, BlockKind, Format, Label, Meta};
use crate::text::dates::parse_date;
use std::collections::HashMap;

/// A metadata rule's match this many blocks past the title (or the story's start) is no
/// longer near the top, where bylines and dates stand.
const NEAR_TOP: usize = 4;

/// A sentence of more than this many words deep in the story is story text, whatever a
/// metadata rule says of it.
const METADATA_LINE_WORDS: usize = 3;

/// The standfirst between title and story has at least this many words.
const STANDFIRST_WORDS: usize = 6;

/// An inferred section heading has at most this many words…
const HEADING_WORDS: usize = 15;

/// …and at most this many characters.
const HEADING_CHARS: usize = 120;

/// The story block after an inferred heading has at least this many words.
const PARAGRAPH_AFTER_HEADING_WORDS: usize = 15;

/// A heading that begins the stated title has at least this many words.
const TITLE_PREFIX_WORDS: usize = 3;

/// With no title known, a Markdown file's title is looked for above its first story block of
/// at least this many bytes.
const FIRST_PARAGRAPH_BYTES: usize = 200;

/// The block that shows the title: one that says it, or a heading that begins it (a page's
/// `<title>` often carries the site's name too: "Headline | Site"); with no title known, a
/// Markdown file's first level-1 heading near its top.
pub(super) fn find_title(blocks: &[Block], title: Option<&str>) -> Option<usize> {
    if let Some(title) = title {
        let exact = blocks.iter().position(|b| same_title(&b.text, title));
        let prefix = || {
            let title = words_of(title);
            blocks.iter().position(|b| {
                let words = words_of(&b.text);
                b.kind == BlockKind::Heading && words.len() >= TITLE_PREFIX_WORDS && title.starts_with(&words)
            })
        };
        return exact.or_else(prefix);
    }
    blocks
        .iter()
        .take_while(|b| {
            b.kind == BlockKind::Heading || b.label != Label::Content || b.text.len() < FIRST_PARAGRAPH_BYTES
        })
        .position(|b| b.kind == BlockKind::Heading && b.level == Some(1))
}

/// A run of clutter begun by a heading rule ("Related stories", "Comments").
struct ClutterRun {
    label: Label,
    reason: String,
    /// Runs on through prose (a comment section after the story does; a related list does not).
    sticky: bool,
}

/// Labels every block; returns the blocks a rule labelled that carry a piece of metadata
/// (a byline, a date, a breadcrumb), in reading order.
pub(super) fn label_blocks(
    blocks: &mut [Block],
    facts: &[Facts],
    (story, beside): (&std::ops::Range<usize>, &[bool]),
    title: Option<&str>,
    title_block: Option<usize>,
    profile: &Profile,
) -> Vec<(usize, MetaField)> {
    let in_story = |i: usize| story.contains(&i) || beside[i];
    let mut carriers = Vec::new();
    let mut run: Option<ClutterRun> = None;
    let near_top = title_block.map_or(story.start, |t| t.max(story.start)) + NEAR_TOP;
    let story_in_soft_clutter = story_lives_in_soft_clutter(facts, story);
    for (i, block) in blocks.iter_mut().enumerate() {
        let f = &facts[i].features;
        // A run begun by a clutter heading above the story ("Leave a comment" by the byline)
        // ends where the story begins.
        if i == story.start {
            run = None;
        }
        let prose = facts[i].is_paragraph();
        // A run of related links ends at the next prose; a comment section runs on through
        // its prose (the comments) to the end of the page.
        if (prose || block.kind == BlockKind::Heading) && run.as_ref().is_some_and(|r| !r.sticky) {
            run = None;
        }
        let repeats_title = title.is_some_and(|t| same_title(&block.text, t)) && block.kind != BlockKind::Code;
        if Some(i) == title_block || repeats_title {
            let reason = if Some(i) == title_block { "the article's title" } else { "repeats the title" };
            block.set_label(Label::Title, reason);
            continue;
        }
        // A sentence deep inside the story that a metadata rule matched is story text.
        let sentence_in_story = i > near_top && in_story(i) && f.sentence_end && f.words > METADATA_LINE_WORDS;
        if let Some(rule) = facts[i].rule
            && !(rule.label == Label::Metadata && sentence_in_story)
        {
            block.set_label(rule.label, rule.reason.clone());
            if let Some(field) = rule.meta {
                carriers.push((i, field));
            }
            if rule.heading {
                let sticky = matches!(rule.label, Label::Comments | Label::OtherBoilerplate) && i >= story.end;
                let reason = format!("under a \"{}\" heading", block.text.trim());
                run = Some(ClutterRun { label: rule.label, reason, sticky });
            }
            continue;
        }
        // A paragraph of the story keeps its place even inside a container whose name sounds
        // like clutter; anything else there takes the container's category.
        // When the story itself sits in such a container (a theme's "sidebar" wrapper), the
        // container's name says nothing about the story's blocks.
        let story_prose = in_story(i) && prose;
        let soft_in_story =
            in_story(i) && story_in_soft_clutter && facts[i].dom.is_some() && !facts[i].in_clutter_tag();
        // Nor, where the page's kind says so, is a card inside the story region a teaser:
        // there it is an item of a list article.
        let item_in_story = profile.cards == Cards::TeasersOutsideTheStory
            && story.contains(&i)
            && facts[i].clutter.as_ref().is_some_and(|c| c.card);
        if let Some(clutter) = &facts[i].clutter
            && (!story_prose || clutter.label == Label::Comments)
            && !soft_in_story
            && !item_in_story
        {
            block.set_label(clutter.label, clutter.reason.clone());
            continue;
        }
        if let Some(run) = &run {
            block.set_label(run.label, run.reason.clone());
            continue;
        }
        // A headline glued to its summary is how a teaser list comes out of a page copied as
        // text; in HTML the markup keeps them apart, and a glued word is a brand (GlossGenius).
        if in_story(i) && f.glued_teaser && facts[i].dom.is_none() {
            block.set_label(Label::Related, "teaser: a headline run into its summary");
        } else if in_story(i) && facts[i].in_menu {
            block.set_label(Label::Navigation, "one of a run of short lines (a menu or link list)");
        } else if story.contains(&i) {
            block.set_label(Label::Content, "story text");
        } else if beside[i] {
            block.set_label(Label::Content, "in the same kind of container as the story");
        } else if i < story.start {
            if f.words >= PROSE_WORDS {
                block.set_label(Label::OtherBoilerplate, "page text before the story starts");
            } else {
                block.set_label(Label::Navigation, "menu or header line before the story");
            }
        } else if f.words >= PROSE_WORDS {
            block.set_label(Label::OtherBoilerplate, "page text after the story ends");
        } else {
            block.set_label(Label::Navigation, "menu or footer line after the story");
        }
    }
    carriers
}

/// Whether most of the story's prose lies in containers whose class or id names clutter.
fn story_lives_in_soft_clutter(facts: &[Facts], story: &std::ops::Range<usize>) -> bool {
    let (mut inside, mut all) = (0, 0);
    for f in &facts[story.clone()] {
        if f.is_paragraph() {
            all += f.features.words;
            if f.in_clutter_word() {
                inside += f.features.words;
            }
        }
    }
    all > 0 && inside * 2 > all
}

/// A longer unpunctuated line between the title and the first paragraph is the standfirst.
pub(super) fn keep_standfirst(blocks: &mut [Block], facts: &[Facts], story_start: usize, title: Option<usize>) {
    let Some(i) = story_start.checked_sub(1) else { return };
    let after_title = title.is_some_and(|t| t < i);
    let f = &facts[i].features;
    if after_title && facts[i].rule.is_none() && blocks[i].label != Label::Title && f.words >= STANDFIRST_WORDS {
        blocks[i].set_label(Label::Content, "standfirst: the summary line between title and story");
    }
}

/// Section headings of a text dump: short, title-like lines between paragraphs of the story
/// (HTML gives its headings in its markup: there, only a short line inside a `<figure>` between
/// paragraphs is told apart, as the image's credit).
pub(super) fn infer_headings(blocks: &mut [Block], facts: &[Facts], format: Format) {
    let is_story = |b: &Block| b.label == Label::Content;
    for i in 0..blocks.len() {
        let f = &facts[i].features;
        let text = blocks[i].text.trim();
        let title_like = (1..=HEADING_WORDS).contains(&f.words)
            && !text.ends_with(['.', ',', ';', ':', '!'])
            && text.chars().next().is_some_and(|c| c.is_uppercase() || c.is_numeric())
            && text.chars().count() <= HEADING_CHARS;
        if !(title_like && is_story(&blocks[i]) && blocks[i].kind == BlockKind::Paragraph) {
            continue;
        }
        // Neighbours in the story, looking past folded clutter such as an ad between sections.
        let prev = (0..i).rev().find(|&p| is_story(&blocks[p]));
        let next = (i + 1..blocks.len()).find(|&n| is_story(&blocks[n]));
        let prev_prose = prev.is_some_and(|p| facts[p].is_sentence());
        let next_prose = next.is_some_and(|n| facts[n].features.words >= PARAGRAPH_AFTER_HEADING_WORDS);
        // A short line inside an HTML <figure> is the image's credit ("Sakib Ali/Hindustan
        // Times/Getty Images") or source: clutter beside its caption, not a section.
        if prev_prose && next_prose && facts[i].dom.as_ref().is_some_and(|d| d.in_figure) {
            blocks[i].set_label(Label::OtherBoilerplate, "image credit: a short line inside the image's <figure>");
        } else if prev_prose && next_prose && format == Format::Text {
            // Only a text dump's headings must be guessed: HTML's come from its markup, and a
            // short sentence there (after a code block, say) is a sentence.
            blocks[i].kind = BlockKind::Heading;
            blocks[i].level = Some(2);
            blocks[i].reason = "section heading: a short title-like line between paragraphs".into();
        }
    }
}

/// A story block that repeats an earlier one word for word (a pull quote, a doubled caption)
/// is folded: the reader has already read it.
pub(super) fn fold_repeats(blocks: &mut [Block]) {
    let mut seen: HashMap<String, usize> = HashMap::new();
    for block in blocks.iter_mut() {
        if block.label != Label::Content
            || block.kind == BlockKind::Heading
            || block.text.split_whitespace().count() < 4
        {
            continue;
        }
        let key: String = block.text.to_lowercase().split_whitespace().collect::<Vec<_>>().join(" ");
        if let Some(first) = seen.get(&key) {
            let reason = format!("repeats block {first} word for word");
            block.set_label(Label::OtherBoilerplate, reason);
        } else {
            seen.insert(key, block.id);
        }
    }
}

/// The byline and date from the first block of each that a rule marked as carrying it.
pub(super) fn fill_meta(blocks: &[Block], carriers: &[(usize, MetaField)], meta: &mut Meta) {
    for &(i, field) in carriers {
        let text = &blocks[i].text;
        match field {
            MetaField::Byline if meta.byline.is_none() => meta.byline = Some(byline_name(text)),
            // A second byline line often carries the date ("Feb 11, 2019 · 3 min read").
            MetaField::Byline | MetaField::Date if meta.published.is_none() => meta.published = parse_date(text),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(texts: &[&str]) -> Vec<Block> {
        let mut blocks: Vec<Block> =
            texts.iter().map(|t| Block::new(BlockKind::Paragraph, t.to_string(), [1, 1])).collect();
        for (id, block) in blocks.iter_mut().enumerate() {
            block.id = id;
            block.label = Label::Content;
        }
        blocks
    }

    #[test]
    fn a_block_that_repeats_an_earlier_one_is_folded() {
        let mut blocks =
            blocks(&["The same four words here.", "Something else entirely.", "the same four  words here."]);
        fold_repeats(&mut blocks);
        assert_eq!(blocks[2].label, Label::OtherBoilerplate);
        assert_eq!(blocks[2].reason, "repeats block 0 word for word");
        assert_eq!(blocks[1].label, Label::Content);
    }

    #[test]
    fn the_title_block_says_the_title_or_a_heading_begins_it() {
        let mut page = blocks(&["Menu", "The Big Story", "Text."]);
        assert_eq!(find_title(&page, Some("The big story")), Some(1));
        page[1].kind = BlockKind::Heading;
        page[1].text = "Big Story Begins".into();
        assert_eq!(find_title(&page, Some("Big Story Begins Here | Site")), Some(1));
        assert_eq!(find_title(&page, Some("Nothing alike")), None);
    }
}
