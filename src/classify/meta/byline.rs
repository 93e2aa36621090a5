//! The byline's candidates and what is measured of each: what the page states (JSON-LD,
//! `<meta>`, microdata, `rel="author"`), lines a rule found to be a byline, lines that begin
//! "By", and short name-like lines near the story's start.

use super::candidate::{AGREES, Candidate, DATE_LINE_BYTES, Draft, Page, TOP_OF_PAGE, agreement, flag, log1};
use super::names::{byline_name, byline_prefix, is_name};
use crate::article::BlockKind;
use crate::classify::facts::{SHORT_WORDS, words_of};
use crate::classify::rules::MetaField;
use crate::parse::StatedBy;
use crate::text::dates::parse_date;
use crate::text::logistic::{Vector, features};
use std::collections::HashMap;

/// Blocks before the story's start where a byline may stand.
const BLOCKS_BEFORE_STORY: usize = 40;

/// Blocks into the story where a byline may stand.
const BLOCKS_INTO_STORY: usize = 10;

/// A line that says only "By" is shorter than this (in bytes).
const BY_ALONE_BYTES: usize = 12;

/// A short line is name-like when at least this share of its words start with a capital.
const NAME_CAPS_RATIO: f32 = 0.5;

/// A line that begins "By" has at most this many words.
const BY_LINE_WORDS: usize = 20;

/// A byline names its authors in at most this many words.
const NAME_WORDS: usize = 12;

features! {
    /// What is measured of a byline candidate.
    pub enum BylineFeature {
        /// Read from a block of the page (not only stated by it).
        FromBlock = "from_block",
        /// The JSON-LD states it.
        StatedJsonLd = "stated_json_ld",
        /// A `<meta>` tag or Open Graph states it.
        StatedMeta = "stated_meta",
        /// Microdata states it.
        StatedMicrodata = "stated_microdata",
        /// A `rel="author"` link states it.
        StatedRelAuthor = "stated_rel_author",
        /// Another element of the page states it.
        StatedElement = "stated_element",
        /// How many sources give it, log-scaled.
        LogAgreeing = "log_agreeing",
        /// Its line begins with a byline prefix ("By").
        ByPrefix = "by_prefix",
        /// A byline rule matched its line.
        RuleByline = "rule_byline",
        /// Words of the name, log-scaled.
        LogWords = "log_words",
        /// Two to four words.
        Words2To4 = "words_2_to_4",
        /// Share of words that start with a capital.
        CapsRatio = "caps_ratio",
        /// Holds a digit.
        HasDigit = "has_digit",
        /// Holds no capital letter.
        NoCapital = "no_capital",
        /// Blocks between it and the story's start, log-scaled.
        LogDistanceToStory = "log_distance_to_story",
        /// Its block is before the story region.
        BeforeStory = "before_story",
        /// A date on its line or on a short line next to it.
        DateBeside = "date_beside",
        /// Names the site.
        IsSiteName = "is_site_name",
        /// Its block is a heading.
        KindHeading = "kind_heading",
        /// A rule other than a byline rule matched its line.
        OtherRule = "other_rule",
        /// Share of its text that is link text.
        LinkDensity = "link_density",
        /// Its block's place in the page, 0 at the top.
        Position = "position",
        /// A paragraph begins with the name (an author box: "Jo Roe is a writer who…").
        BioFollows = "bio_follows",
        /// How often else the page shows the same line, log-scaled.
        LogRepeats = "log_repeats",
        /// One of a run of short lines (a menu or link list).
        InMenu = "in_menu",
        /// Two or three words, each capitalised.
        NameWords = "name_words",
        /// Follows a line that says only "By".
        AfterByLine = "after_by_line",
        /// The first name the page states in that way.
        FirstStated = "first_stated",
        /// Stated by the page, but never first.
        OnlyLaterStated = "only_later_stated",
    }
}

/// Byline candidates: what the page states, lines a rule found to be a byline, lines that
/// begin "By", and short name-like lines near the story's start.
pub(super) fn byline_candidates(page: &Page) -> Vec<Candidate> {
    use BylineFeature as B;
    let mut out: Vec<Draft<B>> = Vec::new();
    let site = page.site.map(words_of).unwrap_or_default();
    let measure = |value: &str, v: &mut Vector<B>| {
        let words = value.split_whitespace().count();
        v[B::LogWords] = log1(words);
        v[B::Words2To4] = flag((2..=4).contains(&words));
        let caps = value.split_whitespace().filter(|w| w.starts_with(char::is_uppercase)).count();
        v[B::CapsRatio] = caps as f32 / words.max(1) as f32;
        v[B::HasDigit] = flag(value.chars().any(|c| c.is_ascii_digit()));
        v[B::NoCapital] = flag(!value.chars().any(char::is_uppercase));
        v[B::IsSiteName] = flag(!site.is_empty() && agreement(&words_of(value), &site) >= AGREES);
    };
    let window = page.near_start(BLOCKS_BEFORE_STORY, BLOCKS_INTO_STORY);
    let mut repeats: HashMap<&str, usize> = HashMap::new();
    for b in page.blocks {
        *repeats.entry(b.text.trim()).or_default() += 1;
    }
    // Author boxes open with the name: "Jo Roe is a writer who…".
    let bios: Vec<&str> =
        (0..page.blocks.len()).filter(|&i| page.is_prose(i)).map(|i| page.blocks[i].text.trim()).collect();
    for i in 0..page.blocks.len() {
        let text = page.blocks[i].text.trim();
        let f = &page.facts[i].features;
        let by_rule = page.rule_meta(i) == Some(MetaField::Byline);
        let prefixed = byline_prefix(text).is_some();
        // "By" on a line of its own, the name on the next.
        // The length first: reading a name out of every block before it is most of this pass.
        let after_by = i > 0
            && page.blocks[i - 1].text.trim().len() < BY_ALONE_BYTES
            && !is_name(&byline_name(&page.blocks[i - 1].text));
        let after_by = after_by && byline_prefix(&format!("{} x", page.blocks[i - 1].text.trim())).is_some();
        let name_like = (window.contains(&i) || i < TOP_OF_PAGE)
            && (1..=SHORT_WORDS).contains(&f.words)
            && !f.sentence_end
            && f.caps_ratio >= NAME_CAPS_RATIO
            && page.facts[i].rule.is_none_or(|r| r.meta.is_some());
        if !(by_rule || (prefixed && f.words <= BY_LINE_WORDS) || name_like) {
            continue;
        }
        let value = byline_name(text);
        if !is_name(&value) || value.split_whitespace().count() > NAME_WORDS || out.iter().any(|c| c.value == value) {
            continue;
        }
        let mut v = Vector::<B>::zeros();
        v[B::FromBlock] = 1.0;
        v[B::ByPrefix] = flag(prefixed);
        v[B::RuleByline] = flag(by_rule);
        measure(&value, &mut v);
        v[B::LogDistanceToStory] = log1(page.distance_to_story(i));
        v[B::BeforeStory] = flag(i < page.story.start);
        v[B::DateBeside] = flag(
            [i.wrapping_sub(1), i + 1].iter().any(|&j| {
                page.blocks.get(j).is_some_and(|b| b.text.len() < DATE_LINE_BYTES && parse_date(&b.text).is_some())
            }) || parse_date(text).is_some(),
        );
        v[B::KindHeading] = flag(page.blocks[i].kind == BlockKind::Heading);
        v[B::OtherRule] = flag(page.facts[i].rule.is_some_and(|r| r.meta != Some(MetaField::Byline)));
        v[B::LinkDensity] = page.facts[i].link_density();
        v[B::Position] = page.position(i);
        v[B::BioFollows] = flag(
            bios.iter()
                .any(|b| b.len() > value.len() + 1 && b.starts_with(&value) && b.as_bytes()[value.len()] == b' '),
        );
        v[B::LogRepeats] = log1(repeats.get(text).copied().unwrap_or(1) - 1);
        v[B::InMenu] = flag(page.facts[i].in_menu);
        v[B::AfterByLine] = flag(after_by);
        v[B::NameWords] = flag(
            value.split_whitespace().all(|w| w.starts_with(char::is_uppercase))
                && (2..=3).contains(&value.split_whitespace().count()),
        );
        out.push(Draft { value, block: Some(i), stated_by: Vec::new(), vector: v });
    }
    // Where a page states several authors one way (a forum's posts), the first is the article's.
    let mut seen_kinds: Vec<StatedBy> = Vec::new();
    for statement in &page.stated.bylines {
        let first = !seen_kinds.contains(&statement.by);
        seen_kinds.push(statement.by);
        let value = byline_name(&statement.value);
        let words = words_of(&value);
        if !is_name(&value) || words.len() > NAME_WORDS {
            continue;
        }
        let c = match out.iter().position(|c| agreement(&words_of(&c.value), &words) >= AGREES) {
            Some(c) => c,
            None => {
                let mut v = Vector::<B>::zeros();
                measure(&value, &mut v);
                out.push(Draft { value, block: None, stated_by: Vec::new(), vector: v });
                out.len() - 1
            }
        };
        let slot = match statement.by {
            StatedBy::JsonLd => B::StatedJsonLd,
            StatedBy::MetaTag | StatedBy::OpenGraph => B::StatedMeta,
            StatedBy::ItemProp => B::StatedMicrodata,
            StatedBy::RelAuthor => B::StatedRelAuthor,
            _ => B::StatedElement,
        };
        out[c].vector[slot] = 1.0;
        if first {
            out[c].vector[B::FirstStated] = 1.0;
        }
        if !out[c].stated_by.contains(&statement.by) {
            out[c].stated_by.push(statement.by);
        }
    }
    for c in &mut out {
        c.vector[B::OnlyLaterStated] = flag(!c.stated_by.is_empty() && c.vector[B::FirstStated] == 0.0);
        c.vector[B::LogAgreeing] = log1(c.stated_by.len() + usize::from(c.block.is_some()));
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
    fn a_by_line_and_a_statement_of_the_same_name_are_one_candidate() {
        let blocks = page_of(&[(BlockKind::Paragraph, "By Jo Roe"), (BlockKind::Paragraph, STORY)]);
        let facts = facts_of(&blocks, Vec::new(), Rules::bundled(), crate::classify::profile::Profile::article());
        let stated =
            Stated { bylines: vec![Statement { by: StatedBy::JsonLd, value: "Jo Roe".into() }], ..Stated::default() };
        let page = Page { blocks: &blocks, facts: &facts, story: &(1..2), stated: &stated, site: None };
        let names = byline_candidates(&page);
        assert_eq!(names.len(), 1, "{names:?}");
        assert_eq!((names[0].value.as_str(), names[0].block), ("Jo Roe", Some(0)));
        let v = &names[0].vector;
        for f in
            [BylineFeature::ByPrefix, BylineFeature::StatedJsonLd, BylineFeature::FirstStated, BylineFeature::NameWords]
        {
            assert_eq!(v[f.index()], 1.0, "{f:?}");
        }
        assert_eq!(v[BylineFeature::OnlyLaterStated.index()], 0.0);
    }

    #[test]
    fn features_keep_their_names() {
        assert_eq!(BylineFeature::NAMES.len(), 29);
        assert_eq!(BylineFeature::ByPrefix.name(), "by_prefix");
        assert_eq!(BylineFeature::OnlyLaterStated.name(), "only_later_stated");
    }
}
