//! Labelling every block: the story (`content`), its title and metadata, or one category of
//! clutter, each with a reason the reader can read. The story is the run of blocks with the
//! most evidence for it: for HTML each block's weight comes from the learned block model
//! (`model`), for text dumps from the hand-written prose score; phrase rules (`rules`) and
//! the page's structure (what precedes and follows the story, repetition, containers) then
//! name the clutter. Also fills the article's metadata and marks inferred section headings.
//! Never changes a block's text.

mod containers;
mod features;
mod meta;
pub mod model;
pub mod rules;

pub use meta::{BylineFeature, Candidate, Candidates, Choice, DateFeature, Field, MetaModel, Scorer, TitleFeature};
pub use model::{BlockFeature, BlockModel, FEATURES, Vector};
pub use rules::{MetaField, Rules};

use crate::article::{Block, BlockKind, Format, Label, Meta};
use crate::parse::{DomHint, Parsed};
use crate::text::dates::parse_date;
use containers::ContainerClutter;
use features::Features;
use meta::words_of;
use rules::Rule;
use std::collections::HashMap;

/// Labelled blocks and what was learnt of the article's metadata on the way.
#[derive(Debug)]
pub struct Classified {
    /// Every block of the input, in order, each with its label and the reason for it.
    pub blocks: Vec<Block>,
    /// The metadata the input declared, with what the blocks told filled in (title, byline, date, site).
    pub meta: Meta,
}

struct Facts<'r> {
    features: Features,
    rule: Option<&'r Rule>,
    /// For HTML: what the block's place in the page says (boxed: a text's million blocks
    /// carry no hint and should not pay for one).
    dom: Option<Box<DomHint>>,
    /// For HTML: the clutter its containers name, if any.
    clutter: Option<ContainerClutter>,
    /// One of a run of short lines (see `mark_menu_runs`).
    in_menu: bool,
}

/// Labels every block of `parsed` with a reason, fills in the metadata the blocks reveal and,
/// for text and HTML, marks the section headings it infers. Never changes a block's text.
/// An HTML page's story region is found with the bundled block model's scores; a text dump's
/// with the hand-written prose score, which the model does not beat there yet (see README).
pub fn classify(parsed: Parsed, format: Format, rules: &Rules) -> Classified {
    classify_with(parsed, format, rules, (format == Format::Html).then(BlockModel::bundled))
}

/// What is measured of every block: its text, the first rule that matched it, its container.
fn facts_of<'r>(blocks: &[Block], dom: Vec<DomHint>, rules: &'r Rules) -> Vec<Facts<'r>> {
    let mut dom = dom.into_iter();
    let mut facts: Vec<Facts> = blocks
        .iter()
        .map(|b| {
            let features = features::measure(&b.text);
            let rule = if b.kind == BlockKind::Code { None } else { rules.find(&b.text, features.words) };
            let dom = dom.next().map(Box::new);
            let clutter = dom.as_deref().and_then(containers::clutter_of);
            Facts { features, rule, dom, clutter, in_menu: false }
        })
        .collect();
    mark_menu_runs(&mut facts, blocks);
    facts
}

/// The block model's view of every block of a parsed page (what `lab` trains it on).
pub fn block_vectors(parsed: &Parsed, rules: &Rules) -> Vec<Vector> {
    let facts = facts_of(&parsed.blocks, parsed.dom.clone(), rules);
    (0..parsed.blocks.len()).map(|i| model::vector(&parsed.blocks, &facts, i)).collect()
}

/// `classify`, with the story region found from `model`'s scores where one is given.
pub fn classify_with(parsed: Parsed, format: Format, rules: &Rules, model: Option<&BlockModel>) -> Classified {
    let Parsed { mut blocks, mut meta, dom, stated } = parsed;
    // A copy folio cleaned is clean already: every block of it is kept, so that cleaning it
    // again gives the same copy.
    if format == Format::Markdown && meta.generator.as_deref().is_some_and(|g| g.starts_with("folio ")) {
        for block in &mut blocks {
            block.label = Label::Content;
            block.reason = "a folio clean copy: kept as it is".into();
        }
        return Classified { blocks, meta };
    }
    let facts = facts_of(&blocks, dom, rules);
    let story = story_of(&blocks, &facts, format, model);
    let title = if format == Format::Markdown {
        let title = find_title(&blocks, meta.title.as_deref());
        if meta.title.is_none() {
            meta.title = title.map(|i| blocks[i].text.clone());
        }
        title
    } else {
        let page =
            meta::Page { blocks: &blocks, facts: &facts, story: &story, stated: &stated, site: meta.site.as_deref() };
        let mut chosen = meta::decide(&meta::candidates(&page), MetaModel::bundled(), format, &blocks);
        for (field, choice) in &chosen {
            meta.reasons.insert(field.name().to_string(), choice.reason.clone());
        }
        meta.byline = chosen.remove(&meta::Field::Byline).map(|c| c.value);
        meta.published = chosen.remove(&meta::Field::Date).map(|c| c.value);
        let title = chosen.remove(&meta::Field::Title);
        meta.title = title.as_ref().map(|c| c.value.clone());
        title.and_then(|c| c.block).or_else(|| find_title(&blocks, meta.title.as_deref()))
    };

    let beside = beside_the_story(&blocks, &facts, &story);
    let carriers = label_blocks(&mut blocks, &facts, (&story, &beside), meta.title.as_deref(), title);
    if format != Format::Markdown {
        keep_standfirst(&mut blocks, &facts, story.start, title);
        infer_headings(&mut blocks, &facts, format);
    }
    fold_repeats(&mut blocks);
    // Outside Markdown the byline and the date were decided above, from every candidate.
    if format == Format::Markdown {
        fill_meta(&blocks, &carriers, &mut meta);
    }
    // A text dump states no name: no line of it is taken for one (a breadcrumb's or a menu's
    // first entry is a link, "Home"; a copyright line's holder is often a link to it too).
    if meta.site.is_none()
        && let Some(host) =
            meta.url.as_deref().and_then(|u| url::Url::parse(u).ok()).and_then(|u| u.host_str().map(str::to_string))
    {
        meta.site = Some(host.trim_start_matches("www.").to_string());
        meta.reasons.insert("site".into(), "the address's host name".into());
    }
    // A name is one line.
    meta.site = meta.site.map(|s| s.split_whitespace().collect::<Vec<_>>().join(" ")).filter(|s| !s.is_empty());
    Classified { blocks, meta }
}

/// The story region: the run of blocks with the most evidence for story prose.
fn story_of(blocks: &[Block], facts: &[Facts], format: Format, model: Option<&BlockModel>) -> std::ops::Range<usize> {
    match format {
        Format::Markdown => 0..blocks.len(),
        Format::Text | Format::Html => {
            let hand = || densest_prose(facts.iter().map(prose_score).collect());
            let region = model.map(|model| {
                let weight = |i| model.story_weight(&model::vector(blocks, facts, i), facts[i].features.words);
                densest_prose((0..blocks.len()).map(weight).collect())
            });
            // Where the model sees no story at all, the hand-written score still may.
            let region = region.filter(|r| !r.is_empty());
            extend_over_list(blocks, facts, end_before_comments(facts, region.unwrap_or_else(hand)))
        }
    }
}

/// Every candidate title, byline and date of a parsed page, measured as `classify` measures
/// them (what `lab` trains the metadata model on).
pub fn meta_candidates(parsed: &Parsed, format: Format, rules: &Rules) -> Candidates {
    let facts = facts_of(&parsed.blocks, parsed.dom.clone(), rules);
    let model = (format == Format::Html).then(BlockModel::bundled);
    let story = story_of(&parsed.blocks, &facts, format, model);
    let page = meta::Page {
        blocks: &parsed.blocks,
        facts: &facts,
        story: &story,
        stated: &parsed.stated,
        site: parsed.meta.site.as_deref(),
    };
    meta::candidates(&page)
}

/// Consecutive short lines that make a menu or a link list.
const MENU_RUN: usize = 3;

/// Share of link text from which a short line of an HTML page can be a menu item.
const MENU_LINK_DENSITY: f32 = 0.5;

/// How much a block looks like story prose: positive for sentences dense with function
/// words, negative for short unpunctuated lines and anything a rule calls clutter.
fn prose_score(facts: &Facts) -> f32 {
    let f = &facts.features;
    if let Some(rule) = facts.rule {
        return if rule.label == Label::Metadata { -2.0 } else { -5.0 - f.words as f32 * 0.5 };
    }
    let Some(dom) = facts.dom.as_deref() else { return text_score(f) };
    if facts.clutter.as_ref().is_some_and(|c| c.by_tag) || dom.link_density > 0.5 {
        return -3.0 - f.words as f32 * 0.5;
    }
    let score = text_score(f);
    match (facts.clutter.is_some(), dom.in_article) {
        // A class name that sounds like clutter is a weaker sign than a <nav>.
        (true, _) if score > 0.0 => score * 0.5,
        (true, _) => score - 2.0,
        (false, true) => score.max(0.0) * 1.5 + 1.0,
        (false, false) => score,
    }
}

/// The prose score from the text alone.
fn text_score(f: &Features) -> f32 {
    if f.glued_teaser {
        return -4.0;
    }
    let words = f.words as f32;
    let density = if f.latin { (f.stop_ratio / 0.3).clamp(0.3, 1.3) } else { 1.0 };
    if f.sentence_end && f.words >= 4 {
        words * 0.6 * density
    } else if f.words >= 20 {
        words * 0.4 * density
    } else {
        -2.0
    }
}

/// The story region of a page dump: the contiguous run of blocks with the largest total
/// prose score (a maximum-sum segment).
fn densest_prose(mut scores: Vec<f32>) -> std::ops::Range<usize> {
    // Runs of non-prose lines are menus and link lists: each line of a run costs half as
    // much again (measured on zyte-dev text: F1 0.906 -> 0.916; doubling cost recall).
    let mut i = 0;
    while i < scores.len() {
        let run = scores[i..].iter().take_while(|&&s| s < 0.0).count();
        if run >= MENU_RUN {
            for s in &mut scores[i..i + run] {
                *s *= 1.5;
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
    let intro =
        |i: usize| blocks[i].text.trim_end().ends_with(':') && facts[i].features.words <= 30 && facts[i].rule.is_none();
    let mut introduced = intro(end - 1);
    if !introduced && intro(end) {
        introduced = true;
        end += 1;
    }
    // Without a colon, a short title line ("Tour Dates") followed by at least three items
    // split by the same dash also introduces a list.
    if !introduced && facts[end].features.words <= 8 && facts[end].rule.is_none() {
        let dashed = |i: usize, sep: &str| blocks.get(i).is_some_and(|b| b.text.contains(sep));
        if SEPARATORS[..3].iter().any(|sep| (end + 1..end + 4).all(|i| dashed(i, sep))) {
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
            && facts[end].features.words <= 40
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
    if end - start_of_list >= 2 { story.start..end } else { story }
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
    let is_prose = |f: &Facts| f.features.sentence_end && f.features.words >= 12 && f.rule.is_none();
    let mut prose_words = 0;
    // The words of prose from each block of the story to its end (one pass, however many headings).
    let mut prose_after = vec![0; story.len() + 1];
    for i in story.clone().rev() {
        let words = if is_prose(&facts[i]) { facts[i].features.words } else { 0 };
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
        if prose_words >= 50 && clutter_heading.is_some_and(|r| runs_to_the_end(&r)) {
            return story.start..i;
        }
        // A "More from…" heading followed only by teasers (never two paragraphs in a row)
        // ends the story too.
        let teasers_follow = || !facts[i + 1..story.end].windows(2).any(|w| is_prose(&w[0]) && is_prose(&w[1]));
        if clutter_heading.is_some_and(|r| r.label == Label::Related) && prose_words >= 50 && teasers_follow() {
            return story.start..i;
        }
        if f.features.sentence_end && f.features.words >= 8 && f.rule.is_none() {
            prose_words += f.features.words;
        }
    }
    story
}

fn same_title(text: &str, title: &str) -> bool {
    text.len() < title.len() * 2 + 8 && words_of(text) == words_of(title) && !words_of(title).is_empty()
}

/// The block that shows the title: one that says it, or a heading that begins it (a page's
/// `<title>` often carries the site's name too: "Headline | Site"); with no title known, a
/// Markdown file's first level-1 heading near its top.
fn find_title(blocks: &[Block], title: Option<&str>) -> Option<usize> {
    if let Some(title) = title {
        let exact = blocks.iter().position(|b| same_title(&b.text, title));
        let prefix = || {
            let title = words_of(title);
            blocks.iter().position(|b| {
                let words = words_of(&b.text);
                b.kind == BlockKind::Heading && words.len() >= 3 && title.starts_with(&words)
            })
        };
        return exact.or_else(prefix);
    }
    blocks
        .iter()
        .take_while(|b| b.kind == BlockKind::Heading || b.label != Label::Content || b.text.len() < 200)
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
fn label_blocks(
    blocks: &mut [Block],
    facts: &[Facts],
    (story, beside): (&std::ops::Range<usize>, &[bool]),
    title: Option<&str>,
    title_block: Option<usize>,
) -> Vec<(usize, MetaField)> {
    let in_story = |i: usize| story.contains(&i) || beside[i];
    let mut carriers = Vec::new();
    let mut run: Option<ClutterRun> = None;
    let near_top = title_block.map_or(story.start, |t| t.max(story.start)) + 4;
    let story_in_soft_clutter = story_lives_in_soft_clutter(facts, story);
    for (i, block) in blocks.iter_mut().enumerate() {
        let f = &facts[i].features;
        // A run begun by a clutter heading above the story ("Leave a comment" by the byline)
        // ends where the story begins.
        if i == story.start {
            run = None;
        }
        let prose = f.sentence_end && f.words >= 12;
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
        let sentence_in_story = i > near_top && in_story(i) && f.sentence_end && f.words > 3;
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
        let soft_in_story = in_story(i)
            && story_in_soft_clutter
            && facts[i].dom.is_some()
            && !facts[i].clutter.as_ref().is_some_and(|c| c.by_tag);
        if let Some(clutter) = &facts[i].clutter
            && (!story_prose || clutter.label == Label::Comments)
            && !soft_in_story
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
            if f.words >= 12 {
                block.set_label(Label::OtherBoilerplate, "page text before the story starts");
            } else {
                block.set_label(Label::Navigation, "menu or header line before the story");
            }
        } else if f.words >= 12 {
            block.set_label(Label::OtherBoilerplate, "page text after the story ends");
        } else {
            block.set_label(Label::Navigation, "menu or footer line after the story");
        }
    }
    carriers
}

/// The blocks outside the story region that sit in the same kind of container as most of its
/// prose (the element around them has the same name and class): the other answers of a Q&A
/// page, the later posts of a thread, the entries of a list the region stopped short of. A
/// block a rule claimed, one inside `<nav>`, `<footer>` or `<aside>`, or one that is mostly
/// link text is not taken.
fn beside_the_story(blocks: &[Block], facts: &[Facts], story: &std::ops::Range<usize>) -> Vec<bool> {
    let mut beside = vec![false; blocks.len()];
    let container = |i: usize| facts[i].dom.as_ref().and_then(|d| d.container);
    let mut words: HashMap<u64, usize> = HashMap::new();
    let mut all = 0;
    for i in story.clone() {
        let f = &facts[i].features;
        if f.sentence_end && f.words >= 12 && facts[i].rule.is_none() {
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
            && !facts[i].clutter.as_ref().is_some_and(|c| c.by_tag)
            && dom.link_density < 0.5;
    }
    beside
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
            && f.features.words <= 5
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

/// Whether most of the story's prose lies in containers whose class or id names clutter.
fn story_lives_in_soft_clutter(facts: &[Facts], story: &std::ops::Range<usize>) -> bool {
    let (mut inside, mut all) = (0, 0);
    for f in &facts[story.clone()] {
        if f.features.sentence_end && f.features.words >= 12 {
            all += f.features.words;
            if f.clutter.as_ref().is_some_and(|c| !c.by_tag) {
                inside += f.features.words;
            }
        }
    }
    all > 0 && inside * 2 > all
}

/// A longer unpunctuated line between the title and the first paragraph is the standfirst.
fn keep_standfirst(blocks: &mut [Block], facts: &[Facts], story_start: usize, title: Option<usize>) {
    let Some(i) = story_start.checked_sub(1) else { return };
    let after_title = title.is_some_and(|t| t < i);
    let f = &facts[i].features;
    if after_title && facts[i].rule.is_none() && blocks[i].label != Label::Title && f.words >= 6 {
        blocks[i].set_label(Label::Content, "standfirst: the summary line between title and story");
    }
}

/// Section headings of a text dump: short, title-like lines between paragraphs of the story
/// (HTML gives its headings in its markup: there, only a short line inside a `<figure>` between
/// paragraphs is told apart, as the image's credit).
fn infer_headings(blocks: &mut [Block], facts: &[Facts], format: Format) {
    let is_story = |b: &Block| b.label == Label::Content;
    for i in 0..blocks.len() {
        let f = &facts[i].features;
        let text = blocks[i].text.trim();
        let title_like = (1..=15).contains(&f.words)
            && !text.ends_with(['.', ',', ';', ':', '!'])
            && text.chars().next().is_some_and(|c| c.is_uppercase() || c.is_numeric())
            && text.chars().count() <= 120;
        if !(title_like && is_story(&blocks[i]) && blocks[i].kind == BlockKind::Paragraph) {
            continue;
        }
        // Neighbours in the story, looking past folded clutter such as an ad between sections.
        let prev = (0..i).rev().find(|&p| is_story(&blocks[p]));
        let next = (i + 1..blocks.len()).find(|&n| is_story(&blocks[n]));
        let prev_prose = prev.is_some_and(|p| facts[p].features.sentence_end && facts[p].features.words >= 8);
        let next_prose = next.is_some_and(|n| facts[n].features.words >= 15);
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
fn fold_repeats(blocks: &mut [Block]) {
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
fn fill_meta(blocks: &[Block], carriers: &[(usize, MetaField)], meta: &mut Meta) {
    for &(i, field) in carriers {
        let text = &blocks[i].text;
        match field {
            MetaField::Byline if meta.byline.is_none() => meta.byline = Some(meta::byline_name(text)),
            // A second byline line often carries the date ("Feb 11, 2019 · 3 min read").
            MetaField::Byline | MetaField::Date if meta.published.is_none() => meta.published = parse_date(text),
            _ => {}
        }
    }
}
