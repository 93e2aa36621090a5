//! The date's candidates, one per day, and what is measured of each: what the page states
//! (published and modified, by JSON-LD, Open Graph, `<meta>`, microdata, `<time>`, the
//! address), and the short lines near the story's start, or that a rule found, that hold a date.

use super::candidate::{Candidate, Draft, Page, flag, log1};
use crate::classify::rules::MetaField;
use crate::parse::StatedBy;
use crate::text::dates::parse_date;
use crate::text::lexicon;
use crate::text::logistic::{Vector, features};

/// Blocks before the story's start where a date may stand.
const BLOCKS_BEFORE_STORY: usize = 12;

/// Blocks into the story where a date may stand.
const BLOCKS_INTO_STORY: usize = 8;

/// A line that gives the date has at most this many words.
const DATE_LINE_WORDS: usize = 25;

/// The day of an ISO 8601 date: its first ten characters (`2025-05-03`).
const DAY: usize = 10;

features! {
    /// What is measured of a date candidate.
    pub enum DateFeature {
        /// Read from a block of the page (not only stated by it).
        FromBlock = "from_block",
        /// The JSON-LD gives it as published.
        JsonLdPublished = "json_ld_published",
        /// Open Graph gives it as published.
        OpenGraphPublished = "open_graph_published",
        /// Another `<meta>` tag gives it as published.
        MetaPublished = "meta_published",
        /// Microdata gives it as published.
        MicrodataPublished = "microdata_published",
        /// A `<time>` element gives it.
        TimePublished = "time_published",
        /// The page's address holds it.
        Address = "address",
        /// The JSON-LD gives it as modified.
        JsonLdModified = "json_ld_modified",
        /// Open Graph gives it as modified.
        OpenGraphModified = "open_graph_modified",
        /// Another statement gives it as modified.
        OtherModified = "other_modified",
        /// How many sources give it, log-scaled.
        LogAgreeing = "log_agreeing",
        /// A block of the page shows it.
        Shown = "shown",
        /// Its line says it is the publication ("Published", "Posted").
        PublishedWord = "published_word",
        /// Its line says it is an update ("Updated").
        UpdatedWord = "updated_word",
        /// A date or byline rule matched its line.
        RuleDate = "rule_date",
        /// Blocks between it and the story's start, log-scaled.
        LogDistanceToStory = "log_distance_to_story",
        /// Its block is before the story region.
        BeforeStory = "before_story",
        /// The latest of several days.
        Latest = "latest",
        /// The earliest of several days.
        Earliest = "earliest",
        /// Words of its line, log-scaled.
        LogBlockWords = "log_block_words",
        /// The only candidate.
        OnlyCandidate = "only_candidate",
    }
}

/// Date candidates, one per day: what the page states (published and modified), and the
/// short lines near the story's start, or that a rule found, that hold a date.
pub(super) fn date_candidates(page: &Page) -> Vec<Candidate> {
    use DateFeature as D;
    let mut out: Vec<Draft<D>> = Vec::new();
    let lexicon = lexicon::bundled();
    let says = |text: &str, words: &[String]| {
        let lower = text.trim().to_lowercase();
        words.iter().any(|w| lower.starts_with(w.as_str()) || lower.contains(&format!(" {w}")))
    };
    let day_of = |value: String, out: &mut Vec<Draft<D>>| -> usize {
        let day = value[..value.len().min(DAY)].to_string();
        match out.iter().position(|c| c.value.starts_with(&day)) {
            Some(c) => {
                // The more precise form of the same day is kept.
                if value.len() > out[c].value.len() {
                    out[c].value = value;
                }
                c
            }
            None => {
                out.push(Draft { value, block: None, stated_by: Vec::new(), vector: Vector::<D>::zeros() });
                out.len() - 1
            }
        }
    };
    let window = page.near_start(BLOCKS_BEFORE_STORY, BLOCKS_INTO_STORY);
    for i in 0..page.blocks.len() {
        let text = &page.blocks[i].text;
        let f = &page.facts[i].features;
        let by_rule = matches!(page.rule_meta(i), Some(MetaField::Date | MetaField::Byline));
        if f.words > DATE_LINE_WORDS || !(window.contains(&i) || by_rule) {
            continue;
        }
        let Some(date) = parse_date(text) else { continue };
        let c = day_of(date, &mut out);
        let candidate = &mut out[c];
        if candidate.block.is_some() {
            continue;
        }
        candidate.block = Some(i);
        let v = &mut candidate.vector;
        v[D::FromBlock] = 1.0;
        v[D::Shown] = 1.0;
        v[D::PublishedWord] = flag(says(text, &lexicon.published_words));
        v[D::UpdatedWord] = flag(says(text, &lexicon.updated_words));
        v[D::RuleDate] = flag(by_rule);
        v[D::LogDistanceToStory] = log1(page.distance_to_story(i));
        v[D::BeforeStory] = flag(i < page.story.start);
        v[D::LogBlockWords] = log1(f.words);
    }
    let statements =
        page.stated.published.iter().map(|s| (s, false)).chain(page.stated.modified.iter().map(|s| (s, true)));
    for (statement, modified) in statements {
        let c = day_of(statement.value.clone(), &mut out);
        let slot = match (statement.by, modified) {
            (StatedBy::JsonLd, false) => D::JsonLdPublished,
            (StatedBy::OpenGraph, false) => D::OpenGraphPublished,
            (StatedBy::ItemProp, false) => D::MicrodataPublished,
            (StatedBy::TimeElement, false) => D::TimePublished,
            (StatedBy::Url, false) => D::Address,
            (_, false) => D::MetaPublished,
            (StatedBy::JsonLd, true) => D::JsonLdModified,
            (StatedBy::OpenGraph, true) => D::OpenGraphModified,
            (_, true) => D::OtherModified,
        };
        out[c].vector[slot] = 1.0;
        if !out[c].stated_by.contains(&statement.by) {
            out[c].stated_by.push(statement.by);
        }
    }
    let days: Vec<String> = out.iter().map(|c| c.value[..c.value.len().min(DAY)].to_string()).collect();
    let (latest, earliest) = (days.iter().max().cloned(), days.iter().min().cloned());
    let only = out.len() == 1;
    for (c, day) in out.iter_mut().zip(&days) {
        c.vector[D::LogAgreeing] = log1(c.stated_by.len() + usize::from(c.block.is_some()));
        c.vector[D::Latest] = flag(latest.as_ref() == Some(day) && !only);
        c.vector[D::Earliest] = flag(earliest.as_ref() == Some(day) && !only);
        c.vector[D::OnlyCandidate] = flag(only);
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
    fn a_date_shown_and_stated_is_one_candidate_with_both() {
        let blocks = page_of(&[(BlockKind::Paragraph, "May 3, 2025"), (BlockKind::Paragraph, STORY)]);
        let facts = facts_of(&blocks, Vec::new(), Rules::bundled(), crate::classify::profile::Profile::article());
        let stated = Stated {
            published: vec![Statement { by: StatedBy::JsonLd, value: "2025-05-03".into() }],
            ..Stated::default()
        };
        let page = Page { blocks: &blocks, facts: &facts, story: &(1..2), stated: &stated, site: None };
        let dates = date_candidates(&page);
        assert_eq!(dates.len(), 1, "{dates:?}");
        assert!(dates[0].value.starts_with("2025-05-03") && dates[0].block == Some(0));
        let v = &dates[0].vector;
        for f in
            [DateFeature::Shown, DateFeature::JsonLdPublished, DateFeature::BeforeStory, DateFeature::OnlyCandidate]
        {
            assert_eq!(v[f.index()], 1.0, "{f:?}");
        }
        assert_eq!(v[DateFeature::Latest.index()], 0.0);
    }

    #[test]
    fn features_keep_their_names() {
        assert_eq!(DateFeature::NAMES.len(), 21);
        assert_eq!(DateFeature::JsonLdPublished.name(), "json_ld_published");
        assert_eq!(DateFeature::OnlyCandidate.name(), "only_candidate");
    }
}
