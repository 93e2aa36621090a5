//! Deciding the article's title, byline and date. Every candidate is gathered — what the page
//! states about itself (`Stated`: JSON-LD, Open Graph, `<title>`, microdata, `<time>`, the
//! address) and the blocks that could be one (headings and short lines before the story, "By"
//! lines, date lines) — and measured; a small learned model per field and input form
//! (`assets/meta_model.toml`, trained by `lab`, cross-validated by site) scores each, and the
//! best is taken. Agreement between sources is a measurement like any other: a heading that
//! `og:title` repeats, a date the JSON-LD and the page's text both give.

use super::Facts;
use crate::article::{Block, BlockKind, Format, Label};
use crate::parse::{Stated, StatedBy};
use crate::text::logistic::{Feature, Logistic, Vector, features};
use crate::text::plain::title_parts;
use crate::text::{dates::parse_date, lexicon, plain};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use std::sync::LazyLock;

const BUNDLED_TOML: &str = include_str!("../../assets/meta_model.toml");

/// A piece of metadata folio decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    /// The headline.
    Title,
    /// The author or authors.
    Byline,
    /// The date the article was published (or, where the page shows only that, last changed).
    Date,
}

impl Field {
    /// Every field, in the order they are decided.
    pub const ALL: [Field; 3] = [Field::Title, Field::Byline, Field::Date];

    /// The field's name, as in `assets/meta_model.toml` and in `inspect`'s reasons.
    pub fn name(self) -> &'static str {
        match self {
            Field::Title => "title",
            Field::Byline => "byline",
            Field::Date => "published",
        }
    }

    /// The names of the field's measurements, in the order of a candidate's vector.
    pub fn features(self) -> &'static [&'static str] {
        match self {
            Field::Title => TitleFeature::NAMES,
            Field::Byline => BylineFeature::NAMES,
            Field::Date => DateFeature::NAMES,
        }
    }
}

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
struct Draft<F> {
    value: String,
    block: Option<usize>,
    stated_by: Vec<StatedBy>,
    vector: Vector<F>,
}

impl<F: Feature> Draft<F> {
    fn finish(self) -> Candidate {
        Candidate { value: self.value, block: self.block, stated_by: self.stated_by, vector: self.vector.into_vec() }
    }
}

/// Every candidate of every field of one page.
#[derive(Debug, Clone, Default)]
pub struct Candidates {
    /// Candidate titles.
    pub title: Vec<Candidate>,
    /// Candidate bylines.
    pub byline: Vec<Candidate>,
    /// Candidate dates.
    pub date: Vec<Candidate>,
}

impl Candidates {
    /// The candidates of `field`.
    pub fn of(&self, field: Field) -> &[Candidate] {
        match field {
            Field::Title => &self.title,
            Field::Byline => &self.byline,
            Field::Date => &self.date,
        }
    }
}

/// The candidate a field's model chose, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    /// The value.
    pub value: String,
    /// The block it was read from, if any.
    pub block: Option<usize>,
    /// What decided it, in the reader's words ("og:title, agrees with <h1>").
    pub reason: String,
}

/// One field's weights for one input form, and the probability the best candidate needs.
#[derive(Debug, Clone, PartialEq)]
pub struct Scorer {
    /// The best candidate is taken only when its probability is at least this.
    pub threshold: f32,
    /// The logistic regression over the field's features.
    pub model: Logistic,
}

impl Scorer {
    /// A scorer of `field` from its bias, threshold and one weight per feature, in the order
    /// of the field's features.
    pub fn new(field: Field, bias: f32, threshold: f32, weights: Vec<f32>) -> Scorer {
        Scorer { threshold, model: Logistic::new(field.features(), bias, weights) }
    }

    /// The probability that `candidate` is the field's value.
    pub fn probability(&self, candidate: &Candidate) -> f32 {
        self.model.probability(&candidate.vector)
    }

    /// The index of the best of `candidates`, if it is good enough.
    pub fn best(&self, candidates: &[Candidate]) -> Option<usize> {
        let scored = candidates.iter().map(|c| self.probability(c)).enumerate();
        let (i, p) = scored.fold(None, |best: Option<(usize, f32)>, (i, p)| match best {
            Some((_, q)) if q >= p => best,
            _ => Some((i, p)),
        })?;
        (p >= self.threshold).then_some(i)
    }
}

/// The metadata model: a scorer per field and input form, as `lab` trained it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct MetaModel {
    /// Scorers for HTML pages, by field name.
    pub html: BTreeMap<String, Scorer>,
    /// Scorers for text dumps, by field name.
    pub text: BTreeMap<String, Scorer>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ScorerFile {
    bias: f32,
    threshold: f32,
    weights: BTreeMap<String, f32>,
}

#[derive(Deserialize)]
struct ModelFile {
    html: BTreeMap<String, ScorerFile>,
    text: BTreeMap<String, ScorerFile>,
}

static BUNDLED: LazyLock<MetaModel> =
    LazyLock::new(|| MetaModel::from_toml(BUNDLED_TOML).expect("assets/meta_model.toml is valid"));

impl MetaModel {
    /// The model folio ships (`assets/meta_model.toml`).
    pub fn bundled() -> &'static MetaModel {
        &BUNDLED
    }

    /// A model from its weights file: per form and field, `bias`, `threshold` and every
    /// feature's weight by name (a file for other features is refused).
    pub fn from_toml(text: &str) -> Result<MetaModel, String> {
        let file: ModelFile = toml::from_str(text).map_err(|e| e.to_string())?;
        let form = |scorers: BTreeMap<String, ScorerFile>| -> Result<BTreeMap<String, Scorer>, String> {
            scorers
                .into_iter()
                .map(|(name, s)| {
                    let field = Field::ALL.into_iter().find(|f| f.name() == name);
                    let field = field.ok_or_else(|| format!("no field {name}"))?;
                    let model = Logistic::from_named(field.features(), s.bias, &s.weights)
                        .map_err(|e| format!("{name}: {e}"))?;
                    Ok((name, Scorer { threshold: s.threshold, model }))
                })
                .collect()
        };
        Ok(MetaModel { html: form(file.html)?, text: form(file.text)? })
    }

    /// The weights file of this model (what `from_toml` reads back, to the bit), weights in
    /// the order of each field's features.
    pub fn to_toml(&self, header: &str) -> String {
        let mut out: String = header.lines().map(|l| format!("# {l}\n")).collect();
        for (form, scorers) in [("html", &self.html), ("text", &self.text)] {
            for field in Field::ALL {
                let Some(scorer) = scorers.get(field.name()) else { continue };
                out.push_str(&format!(
                    "\n[{form}.{}]\nbias = {:?}\nthreshold = {:?}\n",
                    field.name(),
                    scorer.model.bias(),
                    scorer.threshold
                ));
                out.push_str(&format!("\n[{form}.{}.weights]\n", field.name()));
                for (name, weight) in scorer.model.named() {
                    out.push_str(&format!("{name} = {weight:?}\n"));
                }
            }
        }
        out
    }

    /// The scorer of `field` for pages of `format` (Markdown is read as text).
    pub fn scorer(&self, field: Field, format: Format) -> Option<&Scorer> {
        let form = if format == Format::Html { &self.html } else { &self.text };
        form.get(field.name())
    }
}

/// Lower-cased words, punctuation dropped: how two titles or names are compared.
pub(super) fn words_of(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
}

/// How far two values agree: the F1 of their words.
fn agreement(a: &[String], b: &[String]) -> f32 {
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
const AGREES: f32 = 0.8;

fn flag(b: bool) -> f32 {
    if b { 1.0 } else { 0.0 }
}

fn log1(n: usize) -> f32 {
    (1.0 + n as f32).ln()
}

/// What the candidates of a page are measured against.
pub(super) struct Page<'a, 'r> {
    /// The page's blocks.
    pub blocks: &'a [Block],
    /// What was measured of each.
    pub facts: &'a [Facts<'r>],
    /// The story region.
    pub story: &'a Range<usize>,
    /// What the page states of itself.
    pub stated: &'a Stated,
    /// The site's name, where the page states it.
    pub site: Option<&'a str>,
}

impl Page<'_, '_> {
    fn distance_to_story(&self, i: usize) -> usize {
        if i < self.story.start { self.story.start - i } else { i.saturating_sub(self.story.start) }
    }

    fn position(&self, i: usize) -> f32 {
        i as f32 / self.blocks.len().max(1) as f32
    }

    fn is_prose(&self, i: usize) -> bool {
        self.facts.get(i).is_some_and(|f| f.features.sentence_end && f.features.words >= 12 && f.rule.is_none())
    }

    fn rule_meta(&self, i: usize) -> Option<super::MetaField> {
        self.facts[i].rule.and_then(|r| r.meta)
    }

    /// The words of the story region's prose.
    fn story_words(&self) -> std::collections::HashSet<String> {
        self.story.clone().filter(|&i| self.is_prose(i)).flat_map(|i| words_of(&self.blocks[i].text)).collect()
    }

    /// Blocks near the story's start, where a title, byline or date stands.
    fn near_start(&self, before: usize, after: usize) -> Range<usize> {
        self.story.start.saturating_sub(before)..(self.story.start + after).min(self.blocks.len())
    }
}

/// A sentence-ended block this long, not a heading, is a paragraph, never a title.
const MIN_PROSE_WORDS: usize = 20;

/// Blocks at the very top of a page are title candidates wherever the story starts: a text
/// dump's story region may begin well after its title, or before it (a menu of prose-like teasers).
const TOP_OF_PAGE: usize = 120;

/// The share of a candidate's content words (not function words, three letters or more) that
/// the story uses.
fn word_share(words: &[String], story: &std::collections::HashSet<String>) -> f32 {
    let content: Vec<&String> = words.iter().filter(|w| w.chars().count() >= 3 && !lexicon::is_stopword(w)).collect();
    if content.is_empty() {
        return 0.0;
    }
    content.iter().filter(|w| story.contains(w.as_str())).count() as f32 / content.len() as f32
}

/// Every candidate of every field of a page.
pub(super) fn candidates(page: &Page) -> Candidates {
    Candidates { title: title_candidates(page), byline: byline_candidates(page), date: date_candidates(page) }
}

/// Title candidates: headings and short lines before the story and at its top, every heading
/// of level 1, and what the page states (`<title>` split into its parts).
fn title_candidates(page: &Page) -> Vec<Candidate> {
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
    let window = page.near_start(40, 6);
    let in_reach = |i: usize, b: &Block| {
        window.contains(&i)
            || i < TOP_OF_PAGE
            || (b.kind == BlockKind::Heading && b.level == Some(1) && i < page.story.end + 6)
    };
    let story_words = page.story_words();
    let short_date = |j: usize| page.blocks.get(j).is_some_and(|b| b.text.len() < 80 && parse_date(&b.text).is_some());
    let byline_line = |j: usize| {
        page.blocks.get(j).is_some_and(|b| b.text.len() < 120 && byline_prefix(&b.text).is_some())
            || page.facts.get(j).is_some_and(|_| page.rule_meta(j) == Some(super::MetaField::Byline))
    };
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
            || !(1..=40).contains(&f.words)
            || paragraph
            || story_sentence
            || in_clutter
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
        v[T::TopOfStory] = flag(page.story.contains(&i) && i < page.story.start + 6);
        v[T::LogRepeats] = log1(repeats.get(&words).copied().unwrap_or(1) - 1);
        v[T::InArticle] = flag(dom.is_some_and(|d| d.in_article));
        v[T::LinkDensity] = dom.map_or(0.0, |d| d.link_density);
        v[T::ClutterContainer] = flag(page.facts[i].clutter.is_some());
        v[T::InMenu] = flag(page.facts[i].in_menu);
        v[T::MetadataFollows] = flag((i + 1..(i + 4).min(blocks.len())).any(|j| page.rule_meta(j).is_some()));
        v[T::FirstHeading] = flag(first_heading == Some(i));
        v[T::StartsTitleTag] = flag(words.len() >= 3 && title_tag.len() > words.len() && title_tag.starts_with(&words));
        v[T::Prose] = flag(page.is_prose(i));
        v[T::PreviousShort] = flag(i > 0 && page.facts[i - 1].features.words <= 5);
        v[T::NextProse] = flag(page.is_prose(i + 1));
        v[T::Position] = page.position(i);
        v[T::StoryWordShare] = word_share(&words, &story_words);
        v[T::LogBlocksToProse] = log1((i + 1..blocks.len()).take(20).position(|j| page.is_prose(j)).unwrap_or(20));
        v[T::DateBeside] = flag((i.saturating_sub(3)..i + 4).any(|j| j != i && short_date(j)));
        v[T::BylineBeside] = flag((i.saturating_sub(3)..i + 4).any(|j| j != i && byline_line(j)));
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

/// Byline candidates: what the page states, lines a rule found to be a byline, lines that
/// begin "By", and short name-like lines near the story's start.
fn byline_candidates(page: &Page) -> Vec<Candidate> {
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
    let window = page.near_start(40, 10);
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
        let by_rule = page.rule_meta(i) == Some(super::MetaField::Byline);
        let prefixed = byline_prefix(text).is_some();
        // "By" on a line of its own, the name on the next.
        let after_by =
            i > 0 && !is_name(&byline_name(&page.blocks[i - 1].text)) && page.blocks[i - 1].text.trim().len() < 12;
        let after_by = after_by && byline_prefix(&format!("{} x", page.blocks[i - 1].text.trim())).is_some();
        let name_like = (window.contains(&i) || i < TOP_OF_PAGE)
            && (1..=5).contains(&f.words)
            && !f.sentence_end
            && f.caps_ratio >= 0.5
            && page.facts[i].rule.is_none_or(|r| r.meta.is_some());
        if !(by_rule || (prefixed && f.words <= 20) || name_like) {
            continue;
        }
        let value = byline_name(text);
        if !is_name(&value) || value.split_whitespace().count() > 12 || out.iter().any(|c| c.value == value) {
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
            [i.wrapping_sub(1), i + 1]
                .iter()
                .any(|&j| page.blocks.get(j).is_some_and(|b| b.text.len() < 80 && parse_date(&b.text).is_some()))
                || parse_date(text).is_some(),
        );
        v[B::KindHeading] = flag(page.blocks[i].kind == BlockKind::Heading);
        v[B::OtherRule] = flag(page.facts[i].rule.is_some_and(|r| r.meta != Some(super::MetaField::Byline)));
        v[B::LinkDensity] = page.facts[i].dom.as_deref().map_or(0.0, |d| d.link_density);
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
        if !is_name(&value) || words.len() > 12 {
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

/// Date candidates, one per day: what the page states (published and modified), and the
/// short lines near the story's start, or that a rule found, that hold a date.
fn date_candidates(page: &Page) -> Vec<Candidate> {
    use DateFeature as D;
    let mut out: Vec<Draft<D>> = Vec::new();
    let lexicon = lexicon::bundled();
    let says = |text: &str, words: &[String]| {
        let lower = text.trim().to_lowercase();
        words.iter().any(|w| lower.starts_with(w.as_str()) || lower.contains(&format!(" {w}")))
    };
    let day_of = |value: String, out: &mut Vec<Draft<D>>| -> usize {
        let day = value[..value.len().min(10)].to_string();
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
    let window = page.near_start(12, 8);
    for i in 0..page.blocks.len() {
        let text = &page.blocks[i].text;
        let f = &page.facts[i].features;
        let by_rule = matches!(page.rule_meta(i), Some(super::MetaField::Date | super::MetaField::Byline));
        if f.words > 25 || !(window.contains(&i) || by_rule) {
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
    let days: Vec<String> = out.iter().map(|c| c.value[..c.value.len().min(10)].to_string()).collect();
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

/// The decision for each field, by `model`, with its reason.
pub(super) fn decide(
    candidates: &Candidates,
    model: &MetaModel,
    format: Format,
    blocks: &[Block],
) -> HashMap<Field, Choice> {
    let mut chosen = HashMap::new();
    for field in Field::ALL {
        let list = candidates.of(field);
        let Some(scorer) = model.scorer(field, format) else { continue };
        let Some(i) = scorer.best(list) else { continue };
        let c = &list[i];
        let reason = reason_for(field, c, blocks);
        // A block's text is as the page showed it, and some pages show `&#x26;` escaped twice.
        let value = if field == Field::Title { plain::decode_entities(&c.value) } else { c.value.clone() };
        chosen.insert(field, Choice { value, block: c.block, reason });
    }
    chosen
}

/// What decided a choice, in the reader's words: "the <h1> (block 4), agrees with Open Graph,
/// <title>"; "line 12, the likeliest of the page's lines"; "stated by JSON-LD".
fn reason_for(field: Field, c: &Candidate, blocks: &[Block]) -> String {
    let stated: Vec<&str> = c.stated_by.iter().map(|b| b.name()).collect();
    let block = c.block.and_then(|i| Some((i, blocks.get(i)?))).map(|(i, b)| {
        let at = match b.source_lines {
            Some([line, _]) => format!("line {line}"),
            None => format!("block {i}"),
        };
        let what = match (field, b.kind, b.level) {
            (Field::Title, BlockKind::Heading, Some(level)) => format!("the <h{level}>"),
            (Field::Title, _, _) => "the heading line".to_string(),
            (Field::Byline, _, _) => "the byline".to_string(),
            (Field::Date, _, _) => "the date shown".to_string(),
        };
        format!("{what} at {at}")
    });
    match (stated.is_empty(), block) {
        (false, Some(block)) => format!("{block}, agrees with {}", stated.join(", ")),
        (false, None) => format!("stated by {}", stated.join(", ")),
        (true, Some(block)) => format!("{block}, the likeliest of the page's lines"),
        (true, None) => "the likeliest candidate".to_string(),
    }
}

/// The part of a byline line that names the author(s): without "By", and without a date or
/// what follows it ("By Jo Roe | May 3, 2025 · 4 min read" → "Jo Roe").
pub fn byline_name(text: &str) -> String {
    let t = text.trim();
    let named = byline_prefix(t).unwrap_or(t);
    // "Jo RoePublished: May 3": a label glued to the name by the page's markup.
    let lexicon = lexicon::bundled();
    let lower = named.to_lowercase();
    let glued = lexicon.published_words.iter().chain(&lexicon.updated_words).filter_map(|w| {
        let at = lower.find(w.as_str())?;
        let glued = at > 0 && named.is_char_boundary(at) && named[..at].ends_with(char::is_lowercase);
        glued.then_some(at)
    });
    let named = glued.min().map_or(named, |at| &named[..at]);
    let tokens: Vec<&str> = named.split_whitespace().collect();
    let digit = |token: &&str| token.chars().any(|c| c.is_ascii_digit());
    let end = (1..tokens.len())
        .find(|&k| {
            let bare = tokens[k].trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
            let dated_after = tokens[k + 1..].iter().any(digit);
            digit(&tokens[k])
                || (lexicon::month_number(&bare).is_some() && tokens.get(k + 1).is_some_and(digit))
                || (matches!(tokens[k], "|" | "·" | "•" | "—" | "–" | "-") && dated_after)
                || (["on", "updated", "published", "posted"].contains(&bare.as_str()) && dated_after)
        })
        .unwrap_or(tokens.len());
    let name = tokens[..end].join(" ");
    name.trim_end_matches([',', ';', '|', '·', '•', '-', '—', '–', ' ']).to_string()
}

/// Whether a byline's remainder can name someone: not empty, not a byline prefix on its own
/// ("By", "Written by"), not a label ("The Author").
fn is_name(value: &str) -> bool {
    let lower = value.trim().to_lowercase();
    let prefixes = &lexicon::bundled().byline_prefixes;
    !lower.is_empty()
        && !prefixes.iter().any(|p| p.trim() == lower || p.trim_end_matches(':') == lower)
        && !["the author", "author", "authors", "about the author", "by"].contains(&lower.as_str())
        && value.chars().any(char::is_alphabetic)
}

/// The rest of a line that begins with a byline prefix ("By Jane Doe" → "Jane Doe").
fn byline_prefix(text: &str) -> Option<&str> {
    let t = text.trim();
    lexicon::bundled().byline_prefixes.iter().find_map(|prefix| {
        let head = t.get(..prefix.len())?;
        (t.len() > prefix.len() && head.eq_ignore_ascii_case(prefix))
            .then(|| t[prefix.len()..].trim().trim_start_matches(':').trim())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byline_prefix_is_dropped() {
        assert_eq!(byline_name("By Jane Doe"), "Jane Doe");
        assert_eq!(byline_name("Written by: Jo Roe"), "Jo Roe");
    }

    #[test]
    fn a_byline_loses_its_date() {
        assert_eq!(byline_name("By Jo Roe | May 3, 2025"), "Jo Roe");
        assert_eq!(byline_name("By Jo Roe, May 3, 2025"), "Jo Roe");
        assert_eq!(byline_name("Jo Roe on May 3, 2025"), "Jo Roe");
        assert_eq!(byline_name("Korin MillerPublished: May 3"), "Korin Miller");
        assert_eq!(byline_name("Jane Doe and John Roe, Reuters"), "Jane Doe and John Roe, Reuters");
    }

    #[test]
    fn title_tags_split_into_parts() {
        assert_eq!(
            title_parts("Machine learning, explained | MIT Sloan"),
            ["Machine learning, explained", "MIT Sloan"]
        );
        assert_eq!(title_parts("One – Two - Three"), ["One", "Two", "Three"]);
    }

    #[test]
    fn the_bundled_model_reads_back_to_the_bit() {
        let model = MetaModel::bundled();
        for field in Field::ALL {
            assert!(model.scorer(field, Format::Html).is_some() && model.scorer(field, Format::Text).is_some());
        }
        let again = MetaModel::from_toml(&model.to_toml("test")).unwrap();
        assert_eq!(&again, model);
    }

    #[test]
    fn a_weights_file_for_other_features_is_refused() {
        let file = "[html.title]\nbias = 0.0\nthreshold = 0.0\n[html.title.weights]\nfrom_block = 1.0\n[text]\n";
        assert!(MetaModel::from_toml(file).is_err());
    }
}
