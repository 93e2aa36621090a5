//! Labelling every block: the story (`content`), its title and metadata, or one category of
//! clutter, each with a reason the reader can read. Built in layers, each its own file, none
//! reaching up:
//! - measurements: `features` (a block's text), `rules` (phrases, from `assets/`),
//!   `containers` (what an HTML block's containers name), gathered once per block in `facts`;
//! - models: the block model (`model`) and the metadata model (`meta`, one file per field);
//! - decisions: the story region (`story`), the labels (`labels`), the title, byline and date
//!   (`metadata`).
//!
//! The story is the run of blocks with the most evidence for it: for HTML each block's weight
//! comes from the learned block model, for text dumps from the hand-written prose score; phrase
//! rules and the page's structure (what precedes and follows the story, repetition, containers)
//! then name the clutter. Also fills the article's metadata and marks inferred section
//! headings. Never changes a block's text.

mod containers;
mod facts;
mod features;
pub mod kind;
mod labels;
mod meta;
mod metadata;
pub mod model;
mod profile;
pub mod rules;
mod story;

pub use facts::reads_as_paragraph;
pub use kind::{Kind, KindFeature, KindModel};
pub use meta::{BylineFeature, Candidate, Candidates, DateFeature, Field, MetaModel, Scorer, TitleFeature};
pub use metadata::Choice;
pub use model::{BlockFeature, BlockModel, FEATURES, Vector};
pub use rules::{MetaField, Rules};

use crate::article::{Block, Format, Label, Meta, PageKind};
use crate::parse::Parsed;
use facts::facts_of;
use labels::{fill_meta, find_title, fold_repeats, infer_headings, keep_standfirst, label_blocks};
use profile::Profile;
use story::{beside_the_story, story_of};

/// Labelled blocks and what was learnt of the article's metadata on the way.
#[derive(Debug)]
pub struct Classified {
    /// Every block of the input, in order, each with its label and the reason for it.
    pub blocks: Vec<Block>,
    /// The metadata the input declared, with what the blocks told filled in (title, byline, date, site).
    pub meta: Meta,
    /// What kind of page it is, and why (also in `meta`: `kind`, and `reasons["kind"]`).
    pub kind: Kind,
}

/// Labels every block of `parsed` with a reason, fills in the metadata the blocks reveal and,
/// for text and HTML, marks the section headings it infers. Never changes a block's text.
/// An HTML page's story region is found with the bundled block model's scores; a text dump's
/// with the hand-written prose score, which the model does not beat there yet (see README).
pub fn classify(parsed: Parsed, format: Format, rules: &Rules) -> Classified {
    classify_with(parsed, format, rules, Models::bundled(format))
}

/// The learned models `classify` uses: the page-kind model, the block model (none: the story
/// region is found with the hand-written prose score) and the metadata model.
#[derive(Debug, Clone, Copy)]
pub struct Models<'m> {
    /// The page-kind model that decides what kind of page it is, and so how it is read.
    pub kind: &'m KindModel,
    /// The block model that weighs each block for the story region, if any.
    pub block: Option<&'m BlockModel>,
    /// The metadata model that chooses the title, byline and date.
    pub meta: &'m MetaModel,
}

impl<'m> Models<'m> {
    /// These models as `classify` uses them for `format`: the block model for HTML only (for
    /// text dumps the hand-written score does better, see README).
    pub fn for_format(block: &'m BlockModel, meta: &'m MetaModel, kind: &'m KindModel, format: Format) -> Models<'m> {
        Models { kind, block: (format == Format::Html).then_some(block), meta }
    }
}

impl Models<'static> {
    /// The models folio ships, as `classify` uses them for `format`.
    pub fn bundled(format: Format) -> Models<'static> {
        Models::for_format(BlockModel::bundled(), MetaModel::bundled(), KindModel::bundled(), format)
    }
}

/// What is measured of every block of a parsed page, as a page of `kind` is read.
fn facts_as<'r>(parsed: &Parsed, rules: &'r Rules, kind: PageKind) -> Vec<facts::Facts<'r>> {
    facts_of(&parsed.blocks, parsed.dom.clone(), rules, Profile::of(kind))
}

/// The block model's view of every block of a parsed page (what `lab` trains it on), read as
/// the bundled page-kind model decides the page's kind.
pub fn block_vectors(parsed: &Parsed, rules: &Rules) -> Vec<Vector> {
    let facts = facts_as(parsed, rules, KindModel::bundled().kind_of(parsed).kind);
    (0..parsed.blocks.len()).map(|i| model::vector(&parsed.blocks, &facts, i)).collect()
}

/// `classify`, with these models.
pub fn classify_with(parsed: Parsed, format: Format, rules: &Rules, models: Models) -> Classified {
    // The page's kind, from the whole page before anything is labelled: it decides how the
    // page is read (its `Profile`).
    let kind = models.kind.kind_of(&parsed);
    let profile = Profile::of(kind.kind);
    let Parsed { mut blocks, mut meta, dom, stated, .. } = parsed;
    meta.kind = kind.kind;
    meta.reasons.insert("kind".into(), kind.reason.clone());
    // A copy folio cleaned is clean already: every block of it is kept, so that cleaning it
    // again gives the same copy.
    if format == Format::Markdown && meta.generator.as_deref().is_some_and(|g| g.starts_with("folio ")) {
        for block in &mut blocks {
            block.label = Label::Content;
            block.reason = "a folio clean copy: kept as it is".into();
        }
        return Classified { blocks, meta, kind };
    }
    let facts = facts_of(&blocks, dom, rules, profile);
    let mut story = story_of(&blocks, &facts, format, models.block, profile);
    // An HTML fragment (a feed item's body, a mail part), which states no title, not even in a
    // <title>, has no page around it: nothing before its story is a page's header or menu.
    if format == Format::Html && stated.titles.is_empty() {
        story = 0..story.end;
    }
    let title = if format == Format::Markdown {
        let title = find_title(&blocks, meta.title.as_deref());
        if meta.title.is_none() {
            meta.title = title.map(|i| blocks[i].text.clone());
        }
        title
    } else {
        let page =
            meta::Page { blocks: &blocks, facts: &facts, story: &story, stated: &stated, site: meta.site.as_deref() };
        let mut chosen = metadata::decide(&meta::candidates(&page), models.meta, format, &blocks);
        for (field, choice) in &chosen {
            meta.reasons.insert(field.name().to_string(), choice.reason.clone());
        }
        meta.byline = chosen.remove(&Field::Byline).map(|c| c.value);
        meta.published = chosen.remove(&Field::Date).map(|c| c.value);
        let title = chosen.remove(&Field::Title);
        meta.title = title.as_ref().map(|c| c.value.clone());
        title.and_then(|c| c.block).or_else(|| find_title(&blocks, meta.title.as_deref()))
    };

    let beside = beside_the_story(&blocks, &facts, &story);
    let carriers = label_blocks(&mut blocks, &facts, (&story, &beside), meta.title.as_deref(), title, profile);
    if format != Format::Markdown {
        keep_standfirst(&mut blocks, &facts, story.start, title);
        infer_headings(&mut blocks, &facts, format);
    }
    if profile.fold_repeats {
        fold_repeats(&mut blocks);
    }
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
    Classified { blocks, meta, kind }
}

/// Every candidate title, byline and date of a parsed page, measured as `classify` measures
/// them (what `lab` trains the metadata model on).
pub fn meta_candidates(parsed: &Parsed, format: Format, rules: &Rules) -> Candidates {
    let kind = KindModel::bundled().kind_of(parsed).kind;
    let facts = facts_as(parsed, rules, kind);
    let model = (format == Format::Html).then(BlockModel::bundled);
    let story = story_of(&parsed.blocks, &facts, format, model, Profile::of(kind));
    let page = meta::Page {
        blocks: &parsed.blocks,
        facts: &facts,
        story: &story,
        stated: &parsed.stated,
        site: parsed.meta.site.as_deref(),
    };
    meta::candidates(&page)
}
