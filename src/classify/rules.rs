//! The phrase and pattern rules from `assets/rules.toml` (embedded in the binary), compiled
//! once. A rule only says "this text looks like clutter of this kind, because…"; where it
//! counts is decided in `classify`.

use crate::article::Label;
use crate::error::{Error, Result};
use crate::text::matcher::Matchers;
use serde::Deserialize;
use std::sync::LazyLock;

/// The bundled rules file, `assets/rules.toml`, as text.
pub const DEFAULT_RULES: &str = include_str!("../../assets/rules.toml");

/// One rule: text that marks a block as a kind of clutter (or as metadata), and the reason shown for it.
#[derive(Debug, Clone)]
pub struct Rule {
    /// The label a matching block gets: a clutter category or `metadata`.
    pub label: Label,
    /// What the reader is told about a matching block ("cookie consent notice").
    pub reason: String,
    /// The rule applies only to blocks of at most this many words (40 unless the file says).
    pub max_words: usize,
    /// A match starts a run of clutter of this label (a "Related stories" heading).
    pub heading: bool,
    /// What a block this rule labels tells about the article (its byline, date or site).
    pub meta: Option<MetaField>,
}

/// A compiled list of rules, tried in order: the first that matches a block counts.
#[derive(Debug, Clone)]
pub struct Rules {
    rules: Vec<Rule>,
    /// Rule `i`'s text is matcher `i`; shared by copies, so that what one compiles serves all.
    matchers: std::sync::Arc<Matchers>,
    /// No rule applies to a block of more words than this.
    most_words: usize,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RulesFile {
    #[serde(default)]
    rule: Vec<RuleEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleEntry {
    label: Label,
    reason: String,
    #[serde(default)]
    phrases: Vec<String>,
    #[serde(default)]
    patterns: Vec<String>,
    #[serde(default = "default_max_words")]
    max_words: usize,
    #[serde(default)]
    heading: bool,
    #[serde(default)]
    meta: Option<MetaField>,
}

/// A piece of the article's metadata that a rule's block carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MetaField {
    /// The block names the author(s): "By Jane Doe".
    Byline,
    /// The block holds the publication date.
    Date,
    /// Read from older rule files and ignored: a breadcrumb's first segment ("Home / News")
    /// is a link, not the site's name, which comes only from what the page states.
    Site,
}

fn default_max_words() -> usize {
    40
}

static DEFAULT: LazyLock<Rules> =
    LazyLock::new(|| Rules::from_toml(DEFAULT_RULES, "assets/rules.toml").expect("the bundled rules are valid"));

impl Rules {
    /// The rules bundled with folio.
    pub fn bundled() -> &'static Rules {
        &DEFAULT
    }

    /// Parses a rules file; `origin` names it in error messages.
    pub fn from_toml(text: &str, origin: &str) -> Result<Rules> {
        let problem = |problem: String| Error::Rules { path: origin.to_string(), problem };
        let file: RulesFile = toml::from_str(text).map_err(|e| problem(e.to_string().trim().replace("\n", " ")))?;
        if let Some(entry) = file.rule.iter().find(|e| e.label == Label::Content || e.label == Label::Title) {
            return Err(problem(format!("rule {:?}: label must be a clutter category or metadata", entry.reason)));
        }
        let texts = file.rule.iter().map(|e| (e.phrases.as_slice(), e.patterns.as_slice()));
        let matchers = Matchers::compile(texts, crate::text::matcher::Need::Presence)
            .map_err(|(index, e)| problem(format!("rule {:?}: {e}", file.rule[index].reason)))?;
        let rules: Vec<Rule> = file
            .rule
            .into_iter()
            .map(|entry| Rule {
                label: entry.label,
                reason: entry.reason,
                max_words: entry.max_words,
                heading: entry.heading,
                // A metadata line that is no byline or breadcrumb may still hold the date.
                meta: entry.meta.or((entry.label == Label::Metadata).then_some(MetaField::Date)),
            })
            .collect();
        Ok(Rules::of(rules, matchers))
    }

    fn of(rules: Vec<Rule>, matchers: Matchers) -> Rules {
        let most_words = rules.iter().map(|r| r.max_words).max().unwrap_or(0);
        Rules { rules, matchers: std::sync::Arc::new(matchers), most_words }
    }

    /// The first rule (in file order) that matches a block of `words` words.
    pub fn find(&self, text: &str, words: usize) -> Option<&Rule> {
        if words > self.most_words {
            return None;
        }
        let candidates = self.matchers.candidates(text);
        let applies = |(i, r): &(usize, &Rule)| words <= r.max_words && self.matchers.is_match(*i, text, &candidates);
        self.rules.iter().enumerate().find(applies).map(|(_, r)| r)
    }

    /// Readies the rules for blocks of these texts and word counts (compiling now, on several
    /// cores, what `find` would compile one by one).
    pub fn prepare<'t>(&self, blocks: impl IntoIterator<Item = (&'t str, usize)>) {
        let applies = |words: usize| {
            let first = self.rules.iter().position(|r| words <= r.max_words).unwrap_or(self.rules.len());
            let last = self.rules.iter().rposition(|r| words <= r.max_words).map_or(first, |i| i + 1);
            first..last
        };
        let uses = blocks.into_iter().filter(|(_, words)| *words <= self.most_words);
        self.matchers.prepare_parts(uses.map(|(text, words)| (text, applies(words))));
    }

    /// Adds `other`'s rules in front of these, so that a user's rules win.
    pub fn extended_by(self, other: Rules) -> Rules {
        let matchers = other.matchers.chain(&self.matchers);
        Rules::of(other.rules.into_iter().chain(self.rules).collect(), matchers)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_rules_compile() {
        assert!(Rules::bundled().rules.len() >= 15);
    }

    #[test]
    fn phrases_are_case_insensitive_and_word_bounded() {
        let rules = Rules::bundled();
        assert_eq!(rules.find("We use Cookies to improve your visit.", 8).map(|r| r.label), Some(Label::Cookie));
        assert_eq!(
            rules.find("Get the BTCC app to start your crypto journey", 8).map(|r| r.label),
            Some(Label::AppPrompt)
        );
    }

    #[test]
    fn long_blocks_escape_short_rules() {
        let story = "The council said it would subscribe to the plan. ".repeat(3);
        assert!(Rules::bundled().find("Subscribe", 1).is_some());
        assert!(Rules::bundled().find(&story, 30).is_none());
    }

    #[test]
    fn bad_rules_are_reported_with_their_origin() {
        let err =
            Rules::from_toml("[[rule]]\nlabel = \"ad\"\nreason = \"x\"\npatterns = [\"(\"]\n", "my.toml").unwrap_err();
        assert!(err.to_string().starts_with("my.toml: rule \"x\""), "{err}");
        assert!(Rules::from_toml("[[rule]]\nlabel = \"story\"\nreason = \"x\"\n", "my.toml").is_err());
    }
}
