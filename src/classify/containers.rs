//! What an HTML block's containers say it is: the category of clutter that the markup around
//! it names, and the reason shown for it. A landmark element (`<nav>`, `<footer>`, `<aside>`,
//! `<figcaption>`) names it by its tag; an element's class or id words by the word lists of
//! `assets/clutter_words.toml`; a card among many of one class is a teaser. Reads only the facts
//! `parse` hands over (`DomHint`), never the page.

use crate::article::Label;
use crate::parse::{DomHint, Landmark};
use serde::Deserialize;
use std::collections::HashMap;
use std::sync::LazyLock;

const BUNDLED_TOML: &str = include_str!("../../assets/clutter_words.toml");

/// The category of clutter a block's containers name, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct ContainerClutter {
    /// The category.
    pub label: Label,
    /// Why, in the reader's words ("inside <nav>", "in an element marked \"share\"").
    pub reason: String,
    /// Named by an element made for it (`<nav>`, `<footer>`, `<aside>`, `<figcaption>`), not
    /// merely by a class or id that sounds like it: the stronger sign.
    pub by_tag: bool,
    /// Named by a card's repeats alone (one of many elements of one class), not by any word.
    pub card: bool,
}

/// The word lists: which class and id words name which clutter, and which name a layout wrapper.
#[derive(Debug)]
struct ClutterWords {
    labels: HashMap<String, Label>,
    wrappers: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WordsFile {
    wrappers: Vec<String>,
    clutter: Vec<WordsEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WordsEntry {
    label: Label,
    words: Vec<String>,
}

impl ClutterWords {
    fn from_toml(text: &str) -> Result<ClutterWords, String> {
        let file: WordsFile = toml::from_str(text).map_err(|e| e.to_string())?;
        let mut labels = HashMap::new();
        for entry in file.clutter {
            if !entry.label.is_boilerplate() {
                return Err(format!("{}: not a category of clutter", entry.label.name()));
            }
            for word in entry.words {
                labels.entry(word).or_insert(entry.label);
            }
        }
        Ok(ClutterWords { labels, wrappers: file.wrappers })
    }
}

static WORDS: LazyLock<ClutterWords> =
    LazyLock::new(|| ClutterWords::from_toml(BUNDLED_TOML).expect("assets/clutter_words.toml is valid"));

/// The category of a landmark element, and the reason shown for it.
fn of_landmark(landmark: Landmark) -> ContainerClutter {
    let label = match landmark {
        Landmark::Nav => Label::Navigation,
        Landmark::Footer | Landmark::Figcaption => Label::OtherBoilerplate,
        Landmark::Aside => Label::Related,
    };
    let reason = match landmark {
        Landmark::Figcaption => "image caption".to_string(),
        _ => format!("inside <{}>", landmark.element()),
    };
    ContainerClutter { label, reason, by_tag: true, card: false }
}

/// What the containers around a block name it, if anything: the innermost element that names
/// a kind of clutter decides (a layout wrapper names none, whatever else its class says); then,
/// where the page's kind has teaser lists (`teasers`), a card among many of its kind is a teaser.
pub fn clutter_of(dom: &DomHint, teasers: bool) -> Option<ContainerClutter> {
    let words = &*WORDS;
    for tokens in &dom.class_words {
        if tokens.iter().any(|t| words.wrappers.contains(t)) {
            continue;
        }
        if let Some((label, word)) = tokens.iter().find_map(|t| Some((*words.labels.get(t)?, t))) {
            let reason = format!("in an element marked \"{word}\"");
            return Some(ContainerClutter { label, reason, by_tag: false, card: false });
        }
    }
    if let Some(landmark) = dom.landmark {
        return Some(of_landmark(landmark));
    }
    dom.card_repeats.filter(|_| teasers).map(|n| ContainerClutter {
        label: Label::Related,
        reason: format!("one of {n} repeated cards"),
        by_tag: false,
        card: true,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hint(landmark: Option<Landmark>, class_words: &[&[&str]], card_repeats: Option<usize>) -> DomHint {
        let class_words = class_words.iter().map(|ws| ws.iter().map(|w| w.to_string()).collect()).collect();
        DomHint { landmark, class_words, card_repeats, ..DomHint::default() }
    }

    #[test]
    fn a_landmark_names_its_clutter_by_its_tag() {
        let nav = clutter_of(&hint(Some(Landmark::Nav), &[], None), true).unwrap();
        assert_eq!((nav.label, nav.reason.as_str(), nav.by_tag), (Label::Navigation, "inside <nav>", true));
        let caption = clutter_of(&hint(Some(Landmark::Figcaption), &[], None), true).unwrap();
        assert_eq!(caption.reason, "image caption");
    }

    #[test]
    fn the_innermost_marked_element_decides_and_wrappers_are_passed_over() {
        let share = clutter_of(&hint(Some(Landmark::Nav), &[&["share", "buttons"]], None), true).unwrap();
        assert_eq!((share.label, share.reason.as_str()), (Label::Engagement, "in an element marked \"share\""));
        assert!(!share.by_tag);
        let wrapped = clutter_of(&hint(None, &[&["content", "sidebar", "wrap"], &["comments"]], None), true).unwrap();
        assert_eq!(wrapped.label, Label::Comments);
        assert_eq!(clutter_of(&hint(None, &[&["entry", "text"]], None), true), None);
    }

    #[test]
    fn a_card_among_many_is_a_teaser() {
        let card = clutter_of(&hint(None, &[&["story", "card"]], Some(20)), true).unwrap();
        assert_eq!((card.label, card.reason.as_str()), (Label::Related, "one of 20 repeated cards"));
        // A documentation page has no teaser lists: its repeated boxes are notes and steps.
        assert_eq!(clutter_of(&hint(None, &[&["story", "card"]], Some(20)), false), None);
    }

    #[test]
    fn the_word_lists_load_and_name_only_clutter() {
        assert_eq!(WORDS.labels.get("breadcrumb"), Some(&Label::Navigation));
        assert!(WORDS.wrappers.iter().any(|w| w == "wrapper"));
        assert!(ClutterWords::from_toml("wrappers = []\n[[clutter]]\nlabel = \"content\"\nwords = [\"x\"]\n").is_err());
    }
}
