//! The title's candidates and what is measured of each: headings and short lines before the
//! story and at its top, every level-1 heading, a breadcrumb's last part, and what the page
//! states (`<title>` split into its parts), each marked with the statements that agree with it.

use super::candidate::{
    AGREES, BESIDE, Candidate, DATE_LINE_BYTES, Draft, Page, TOP_OF_PAGE, agreement, flag, log1, word_share,
};
use super::names::byline_prefix;
use crate::article::{Block, BlockKind, Label};
use crate::classify::facts::{SHORT_WORDS, words_of};
use crate::classify::rules::MetaField;
use crate::parse::StatedBy;
use crate::text::dates::parse_date;
use crate::text::logistic::{Vector, features};
use crate::text::plain::title_parts;
use std::collections::HashMap;

features! {
    /// What is measured of a title candidate.
    pub enum TitleFeature {
        /// Read from a block of the page (not only stated by it).
        FromBlock = "from_block",
        /// Its block is a heading.
        KindHeading = "kind_heading",
        /// Its block is a level-1 heading.
        HeadingLevel1 = "heading_level_1",
        /// Its block is a level-2 or level-3 heading.
        HeadingLevel2Or3 = "heading_level_2_3",
        /// Words, log-scaled.
        LogWords = "log_words",
        /// Three to twenty words.
        Words3To20 = "words_3_to_20",
        /// Ends with `.`, `,`, `;` or `:`.
        EndsWithPunctuation = "ends_with_punctuation",
        /// Share of words that start with a capital.
        CapsRatio = "caps_ratio",
        /// More than three letters, none of them lower case.
        AllCaps = "all_caps",
        /// A rule matched its block.
        AnyRule = "any_rule",
        /// A metadata rule matched its block.
        RuleMetadata = "rule_metadata",
        /// Its block is before the story region.
        BeforeStory = "before_story",
        /// Blocks between it and the story's start, log-scaled.
        LogDistanceToStory = "log_distance_to_story",
        /// Its block is one of the story region's first six.
        TopOfStory = "top_of_story",
        /// How often else the page shows the same words, log-scaled.
        LogRepeats = "log_repeats",
        /// Inside `<article>` or `<main>`.
        InArticle = "in_article",
        /// Share of its text that is link text.
        LinkDensity = "link_density",
        /// Inside a container whose tag or class names clutter.
        ClutterContainer = "clutter_container",
        /// One of a run of short lines (a menu or link list).
        InMenu = "in_menu",
        /// One of the next three blocks carries metadata by a rule (a byline, a date).
        MetadataFollows = "metadata_follows",
        /// The page's first heading.
        FirstHeading = "first_heading",
        /// The JSON-LD states it.
        AgreesJsonLd = "agrees_json_ld",
        /// Open Graph or a Twitter card states it.
        AgreesOpenGraph = "agrees_open_graph",
        /// The `<title>` states it.
        AgreesTitleTag = "agrees_title_tag",
        /// Microdata or another statement of the page states it.
        AgreesMicrodata = "agrees_microdata",
        /// How many statements agree with it, log-scaled.
        LogAgreeing = "log_agreeing",
        /// Stated by the page, shown in none of its blocks.
        StatedOnly = "stated_only",
        /// One part of a `<title>` split at its separators ("Headline | Site").
        TitleTagPart = "title_tag_part",
        /// Names the site.
        IsSiteName = "is_site_name",
        /// The `<title>` begins with it and goes on.
        StartsTitleTag = "starts_title_tag",
        /// Its block is story prose.
        Prose = "prose",
        /// The block before has five words or fewer.
        PreviousShort = "previous_short",
        /// The block after is story prose.
        NextProse = "next_prose",
        /// Its block's place in the page, 0 at the top.
        Position = "position",
        /// Share of its content words that the story uses.
        StoryWordShare = "story_word_share",
        /// Blocks to the next prose (at most 20), log-scaled.
        LogBlocksToProse = "log_blocks_to_prose",
        /// A short date line within three blocks.
        DateBeside = "date_beside",
        /// A byline line within three blocks.
        BylineBeside = "byline_beside",
        /// The last part of a breadcrumb line ("Home » Guides » The title").
        BreadcrumbTail = "breadcrumb_tail",
        /// Of the candidates of three words or more, the one whose words the story uses most.
        MostStoryWords = "most_story_words",
        /// Three to twelve words.
        Words3To12 = "words_3_to_12",
        /// More than fifteen words.
        WordsOver15 = "words_over_15",
        /// The block before or after says the same words.
        RepeatedBeside = "repeated_beside",
    }
}

/// A sentence-ended block this long, not a heading, is a paragraph, never a title.
const MIN_PROSE_WORDS: usize = 20;

/// Blocks before the story's start where a title may stand.
const BLOCKS_BEFORE_STORY: usize = 40;

/// Blocks into the story (and past its end, for a level-1 heading) where a title may stand.
const BLOCKS_INTO_STORY: usize = 6;

/// A title has at most this many words.
const MOST_WORDS: usize = 40;

/// A line this short (in bytes) that begins "By" is a byline line.
const BYLINE_LINE_BYTES: usize = 120;

/// How far ahead the next prose is looked for.
const PROSE_IN_REACH: usize = 20;

/// Title candidates: headings and short lines before the story and at its top, every heading
/// of level 1, and what the page states (`<title>` split into its parts).
pub(super) fn title_candidates(page: &Page) -> Vec<Candidate> {
    use TitleFeature as T;
    let blocks = page.blocks;
    let mut repeats: HashMap<Vec<String>, usize> = HashMap::new();
    for b in blocks {
        *repeats.entry(words_of(&b.text)).or_default() += 1;
    }
    let first_heading = blocks.iter().position(|b| b.kind == BlockKind::Heading);
    let stated: Vec<(StatedBy, bool, Vec<String>, String)> = page
        .stated
        .titles
        .iter()
        .flat_map(|s| {
            let whole = (s.by, false, words_of(&s.value), s.value.clone());
            let parts = if s.by == StatedBy::TitleTag { title_parts(&s.value) } else { Vec::new() };
            let parts = parts.into_iter().filter(|p| *p != s.value).map(move |p| (s.by, true, words_of(&p), p));
            std::iter::once(whole).chain(parts)
        })
        .collect();
    let title_tag: Vec<String> =
        page.stated.titles.iter().find(|s| s.by == StatedBy::TitleTag).map(|s| words_of(&s.value)).unwrap_or_default();
    let site = page.site.map(words_of).unwrap_or_default();

    let mut seen: HashMap<Vec<String>, usize> = HashMap::new();
    let mut out: Vec<Draft<T>> = Vec::new();
    let window = page.near_start(BLOCKS_BEFORE_STORY, BLOCKS_INTO_STORY);
    let in_reach = |i: usize, b: &Block| {
        window.contains(&i)
            || i < TOP_OF_PAGE
            || (b.kind == BlockKind::Heading && b.level == Some(1) && i < page.story.end + BLOCKS_INTO_STORY)
    };
    let story_words = page.story_words();
    let short_date =
        |j: usize| page.blocks.get(j).is_some_and(|b| b.text.len() < DATE_LINE_BYTES && parse_date(&b.text).is_some());
    let byline_line = |j: usize| {
        page.blocks.get(j).is_some_and(|b| b.text.len() < BYLINE_LINE_BYTES && byline_prefix(&b.text).is_some())
            || page.facts.get(j).is_some_and(|_| page.rule_meta(j) == Some(MetaField::Byline))
    };
    // An HTML fragment (a feed item's body, a mail part), which states no title, not even in a
    // <title>, has its title outside it (the item's, the mail's subject): only a heading of its
    // own may be one, never its first short line.
    let fragment = page.stated.titles.is_empty() && page.facts.iter().any(|f| f.dom.is_some());
    let mut tails = Vec::new();
    for (i, b) in blocks.iter().enumerate() {
        let f = &page.facts[i].features;
        // A paragraph of prose is never the title: taking it would fold the story's first paragraph away.
        let paragraph = page.is_prose(i) && f.words >= MIN_PROSE_WORDS && b.kind != BlockKind::Heading;
        // Nor is a sentence of the story itself.
        let story_sentence =
            page.story.contains(&i) && b.text.trim_end().ends_with(['.', '!']) && b.kind != BlockKind::Heading;
        // A line inside <nav>, <footer> or <aside> is no title (unless it is a level-1 heading).
        let in_clutter = page.facts[i].clutter.as_ref().is_some_and(|c| c.by_tag)
            && !(b.kind == BlockKind::Heading && b.level == Some(1));
        if !in_reach(i, b)
            || !(1..=MOST_WORDS).contains(&f.words)
            || paragraph
            || story_sentence
            || in_clutter
            || (fragment && b.kind != BlockKind::Heading)
            || matches!(b.kind, BlockKind::Code | BlockKind::Table)
        {
            continue;
        }
        let words = words_of(&b.text);
        if words.is_empty() {
            continue;
        }
        // A line the page repeats is measured where it stands nearest the story: a title is
        // often in the menu or the breadcrumb too, and again as the story's heading.
        let earlier = seen.get(&words).copied();
        if earlier.and_then(|c| out[c].block).is_some_and(|j| page.distance_to_story(j) <= page.distance_to_story(i)) {
            continue;
        }
        let text = b.text.trim();
        let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
        let dom = page.facts[i].dom.as_deref();
        let mut v = Vector::<T>::zeros();
        v[T::FromBlock] = 1.0;
        v[T::KindHeading] = flag(b.kind == BlockKind::Heading);
        v[T::HeadingLevel1] = flag(b.kind == BlockKind::Heading && b.level == Some(1));
        v[T::HeadingLevel2Or3] = flag(b.kind == BlockKind::Heading && matches!(b.level, Some(2 | 3)));
        v[T::LogWords] = log1(f.words);
        v[T::Words3To20] = flag((3..=20).contains(&f.words));
        v[T::EndsWithPunctuation] = flag(text.ends_with(['.', ',', ';', ':']));
        v[T::CapsRatio] = f.caps_ratio;
        v[T::AllCaps] = flag(letters.len() > 3 && letters.iter().all(|c| !c.is_lowercase()));
        v[T::AnyRule] = flag(page.facts[i].rule.is_some());
        v[T::RuleMetadata] = flag(page.facts[i].rule.is_some_and(|r| r.label == Label::Metadata));
        v[T::BeforeStory] = flag(i < page.story.start);
        v[T::LogDistanceToStory] = log1(page.distance_to_story(i));
        v[T::TopOfStory] = flag(page.story.contains(&i) && i < page.story.start + BLOCKS_INTO_STORY);
        v[T::LogRepeats] = log1(repeats.get(&words).copied().unwrap_or(1) - 1);
        v[T::InArticle] = flag(dom.is_some_and(|d| d.in_article));
        v[T::LinkDensity] = page.facts[i].link_density();
        v[T::ClutterContainer] = flag(page.facts[i].clutter.is_some());
        v[T::InMenu] = flag(page.facts[i].in_menu);
        v[T::MetadataFollows] = flag((i + 1..(i + 1 + BESIDE).min(blocks.len())).any(|j| page.rule_meta(j).is_some()));
        v[T::FirstHeading] = flag(first_heading == Some(i));
        v[T::StartsTitleTag] = flag(words.len() >= 3 && title_tag.len() > words.len() && title_tag.starts_with(&words));
        v[T::Prose] = flag(page.is_prose(i));
        v[T::PreviousShort] = flag(i > 0 && page.facts[i - 1].features.words <= SHORT_WORDS);
        v[T::NextProse] = flag(page.is_prose(i + 1));
        v[T::Position] = page.position(i);
        v[T::StoryWordShare] = word_share(&words, &story_words);
        v[T::LogBlocksToProse] =
            log1((i + 1..blocks.len()).take(PROSE_IN_REACH).position(|j| page.is_prose(j)).unwrap_or(PROSE_IN_REACH));
        v[T::DateBeside] = flag((i.saturating_sub(BESIDE)..i + 1 + BESIDE).any(|j| j != i && short_date(j)));
        v[T::BylineBeside] = flag((i.saturating_sub(BESIDE)..i + 1 + BESIDE).any(|j| j != i && byline_line(j)));
        v[T::Words3To12] = flag((3..=12).contains(&f.words));
        v[T::WordsOver15] = flag(f.words > 15);
        let same = |j: usize| blocks.get(j).is_some_and(|b| words_of(&b.text) == words);
        v[T::RepeatedBeside] = flag((i > 0 && same(i - 1)) || same(i + 1));
        // A breadcrumb ends with the page's own title ("Home » Guides » The title").
        if let Some((_, tail)) =
            text.rsplit_once(" » ").or_else(|| text.rsplit_once(" / ")).or_else(|| text.rsplit_once(" > "))
        {
            let mut tv = v.clone();
            let tail_words = words_of(tail);
            tv[T::LogWords] = log1(tail_words.len());
            tv[T::Words3To20] = flag((3..=20).contains(&tail_words.len()));
            tv[T::StoryWordShare] = word_share(&tail_words, &story_words);
            tv[T::BreadcrumbTail] = 1.0;
            if tail_words.len() >= 2 {
                tails.push(Draft { value: tail.trim().to_string(), block: Some(i), stated_by: Vec::new(), vector: tv });
            }
        }
        let candidate = Draft { value: text.to_string(), block: Some(i), stated_by: Vec::new(), vector: v };
        match earlier {
            Some(c) => out[c] = candidate,
            None => {
                seen.insert(words, out.len());
                out.push(candidate);
            }
        }
    }
    for tail in tails {
        let words = words_of(&tail.value);
        if let std::collections::hash_map::Entry::Vacant(entry) = seen.entry(words) {
            entry.insert(out.len());
            out.push(tail);
        }
    }
    // What the page states: agreeing with a block marks the block; otherwise a candidate of its own.
    for (by, part, words, value) in &stated {
        if words.is_empty() {
            continue;
        }
        let agreeing: Vec<usize> =
            (0..out.len()).filter(|&c| agreement(&words_of(&out[c].value), words) >= AGREES).collect();
        let index = match agreeing.first() {
            Some(_) => None,
            None => seen.get(words).copied(),
        };
        let targets = if agreeing.is_empty() {
            let c = index.unwrap_or_else(|| {
                seen.insert(words.clone(), out.len());
                let mut v = Vector::<T>::zeros();
                v[T::LogWords] = log1(words.len());
                v[T::Words3To20] = flag((3..=20).contains(&words.len()));
                v[T::StatedOnly] = 1.0;
                v[T::TitleTagPart] = flag(*part);
                v[T::IsSiteName] = flag(!site.is_empty() && agreement(words, &site) >= AGREES);
                v[T::StoryWordShare] = word_share(words, &story_words);
                out.push(Draft { value: value.clone(), block: None, stated_by: Vec::new(), vector: v });
                out.len() - 1
            });
            vec![c]
        } else {
            agreeing
        };
        for c in targets {
            let v = &mut out[c].vector;
            let slot = match by {
                StatedBy::JsonLd => T::AgreesJsonLd,
                StatedBy::OpenGraph | StatedBy::Twitter => T::AgreesOpenGraph,
                StatedBy::TitleTag => T::AgreesTitleTag,
                _ => T::AgreesMicrodata,
            };
            v[slot] = 1.0;
            if !out[c].stated_by.contains(by) {
                out[c].stated_by.push(*by);
            }
        }
    }
    // The candidate whose words the story uses most (of those with three words or more).
    let most = out
        .iter()
        .filter(|c| c.vector[T::LogWords] >= log1(3))
        .map(|c| c.vector[T::StoryWordShare])
        .fold(0.0f32, f32::max);
    for c in &mut out {
        c.vector[T::LogAgreeing] = log1(c.stated_by.len());
        c.vector[T::MostStoryWords] =
            flag(most > 0.0 && c.vector[T::LogWords] >= log1(3) && c.vector[T::StoryWordShare] >= most);
    }
    out.into_iter().map(Draft::finish).collect()
}

#[cfg(test)]
mod tests {
    use super::super::test_page::{STORY, page_of};
    use super::*;
    use crate::article::BlockKind;
    use crate::classify::facts::facts_of;
    use crate::classify::rules::Rules;
    use crate::parse::{Stated, StatedBy, Statement};
    use crate::text::logistic::Feature;

    #[test]
    fn title_tags_split_into_parts() {
        assert_eq!(
            title_parts("Machine learning, explained | MIT Sloan"),
            ["Machine learning, explained", "MIT Sloan"]
        );
        assert_eq!(title_parts("One – Two - Three"), ["One", "Two", "Three"]);
    }

    #[test]
    fn a_heading_the_page_states_as_its_title_is_marked_agreeing() {
        let headline = "The Old Bridge Closes For A Year";
        let blocks = page_of(&[(BlockKind::Heading, headline), (BlockKind::Paragraph, STORY)]);
        let facts = facts_of(&blocks, Vec::new(), Rules::bundled(), crate::classify::profile::Profile::article());
        let stated = Stated {
            titles: vec![
                Statement { by: StatedBy::OpenGraph, value: headline.into() },
                Statement { by: StatedBy::TitleTag, value: format!("{headline} | The Paper") },
            ],
            ..Stated::default()
        };
        let page = Page { blocks: &blocks, facts: &facts, story: &(1..2), stated: &stated, site: Some("The Paper") };
        let titles = title_candidates(&page);
        let heading = titles.iter().find(|c| c.block == Some(0)).expect("the heading is a candidate");
        let v = &heading.vector;
        for f in [
            TitleFeature::KindHeading,
            TitleFeature::HeadingLevel1,
            TitleFeature::AgreesOpenGraph,
            TitleFeature::AgreesTitleTag,
        ] {
            assert_eq!(v[f.index()], 1.0, "{f:?}");
        }
        // The site's name, a part of the <title>, is a candidate of its own that says so.
        let site = titles.iter().find(|c| c.value == "The Paper").expect("the title tag's part");
        assert_eq!(site.vector[TitleFeature::IsSiteName.index()], 1.0);
        assert_eq!(site.vector[TitleFeature::TitleTagPart.index()], 1.0);
    }

    #[test]
    fn features_keep_their_names() {
        assert_eq!(TitleFeature::NAMES.len(), 43);
        assert_eq!(TitleFeature::KindHeading.name(), "kind_heading");
        assert_eq!(TitleFeature::RepeatedBeside.name(), "repeated_beside");
    }
}
