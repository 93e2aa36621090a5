//! How each kind of page is read: the settings `classify` finds the story with once the page's
//! kind is known (a manual's steps and examples, a thread's replies), from
//! `assets/page_kinds.toml`.

use crate::article::{Label, PageKind};
use serde::Deserialize;
use std::sync::LazyLock;

const BUNDLED_TOML: &str = include_str!("../../assets/page_kinds.toml");

/// The settings one kind of page is read with.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// What a block that reads as no story costs the story region, times its own score.
    pub non_story_cost: f32,
    /// What many elements of one class are.
    pub cards: Cards,
    /// What is called a comment: clutter, or in a thread the replies under their heading.
    pub comments: Comments,
    /// Whether a clutter heading ("Related stories", "About Acme", "Discussion") begins a run of
    /// clutter; on a manual such a heading begins one of its sections.
    pub clutter_headings: bool,
    /// Whether a story line that repeats an earlier one word for word is folded; a manual
    /// repeats its lines on purpose (each lecture's "notes, slides", each method's "Returns").
    pub fold_repeats: bool,
}

/// What many elements of one class (cards) are on a kind of page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Cards {
    /// Teasers for other pages, wherever they stand (a thread's user cards are folded too).
    Teasers,
    /// Teasers outside the story region; inside it, the items of a list article.
    TeasersOutsideTheStory,
    /// Never teasers: a documentation page's notes, steps and example boxes.
    NoTeasers,
}

/// What is called a comment on a kind of page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Comments {
    /// Clutter: a comments heading begins a run of it, a container marked "comments" is it.
    Clutter,
    /// A comments heading ("Comments", "12 Replies") begins a thread's replies, which are its
    /// story; a container marked "comment" is still clutter (a reply box, a comment widget).
    RepliesUnderTheirHeading,
}

impl Comments {
    /// Whether a rule of this label that names a heading begins a run of clutter here.
    pub fn heading_begins_clutter(self, label: Label) -> bool {
        !(self == Comments::RepliesUnderTheirHeading && label == Label::Comments)
    }
}

impl Cards {
    /// Whether a card can be a teaser at all.
    pub fn can_be_teasers(self) -> bool {
        self != Cards::NoTeasers
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ProfilesFile {
    article: Profile,
    documentation: Profile,
    forum: Profile,
}

static PROFILES: LazyLock<ProfilesFile> =
    LazyLock::new(|| toml::from_str(BUNDLED_TOML).expect("assets/page_kinds.toml is valid"));

impl Profile {
    /// How a page of `kind` is read.
    pub fn of(kind: PageKind) -> &'static Profile {
        let profiles = &*PROFILES;
        match kind {
            PageKind::Article => &profiles.article,
            PageKind::Documentation => &profiles.documentation,
            PageKind::Forum => &profiles.forum,
        }
    }

    /// How an article is read (what the tests of a single step read with).
    #[cfg(test)]
    pub fn article() -> &'static Profile {
        Profile::of(PageKind::Article)
    }

    /// A block's evidence for the story region as this kind of page weighs it: what speaks
    /// against the story counts `non_story_cost` times.
    pub fn weigh(&self, score: f32) -> f32 {
        if score < 0.0 { score * self.non_story_cost } else { score }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_its_settings_and_an_article_is_read_as_before() {
        let article = Profile::of(PageKind::Article);
        assert_eq!(article.non_story_cost, 1.0);
        assert_eq!(article.cards, Cards::TeasersOutsideTheStory);
        assert_eq!(article.weigh(-2.0), -2.0);
        assert!((article.clutter_headings, article.fold_repeats) == (true, true));
        let manual = Profile::of(PageKind::Documentation);
        assert!(!manual.cards.can_be_teasers() && !manual.clutter_headings && !manual.fold_repeats);
        assert_eq!(article.comments, Comments::Clutter);
        assert_eq!(Profile::of(PageKind::Forum).comments, Comments::RepliesUnderTheirHeading);
        assert_eq!(Profile::of(PageKind::Forum).weigh(-2.0), -1.0);
        assert_eq!(Profile::of(PageKind::Forum).weigh(3.0), 3.0);
    }
}
