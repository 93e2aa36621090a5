//! The lists shown over the article (contents, claims, links, folds, history, help and the
//! mark pickers), one module each behind the `List` trait: a list owns its state (the
//! selection), what its keys choose (`Picked`, which `app` carries out) and what it draws
//! (its title and entries; `view` draws the box). A list reads the reader through a
//! `Context` and never changes the model itself, so nothing here imports `app` or `view`.

pub mod claims;
pub mod contents;
pub mod folds;
pub mod help;
pub mod history;
pub mod links;
pub mod picker;

use super::document::Page;
use super::keys::Keymap;
use crate::article::Label;
use crate::library::Library;
use crate::text::cells::clip;
use crate::text::safe::visible;
use std::collections::BTreeSet;
use unicode_width::UnicodeWidthStr;

/// What a list reads of the reader: the article and its layout, the keys, the library, which
/// categories fold, the section being read and the width of a list of short entries.
#[derive(Clone, Copy)]
pub struct Context<'a> {
    /// The article and its layout (folds, numbered links).
    pub page: Page<'a>,
    /// The keys in force.
    pub keys: &'a Keymap,
    /// The articles read and the saved copies, as last loaded for the `H` list.
    pub library: &'a Library,
    /// The categories that fold.
    pub folding: &'a BTreeSet<Label>,
    /// Index into the article's sections of the section being read.
    pub current_section: Option<usize>,
    /// Cells inside a list of short entries (`Model::list_columns`).
    pub columns: usize,
}

/// What choosing in a list asks the reader to do; `app` carries it out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Picked {
    /// Nothing more (the list closes).
    Nothing,
    /// Put section `n`'s heading at the top.
    GoToSection(usize),
    /// Go to claim `n` and make it the current one.
    GoToClaim(usize),
    /// Follow link `[n]` (numbered from 1): read its page in folio, or go to its place here.
    FollowLink(usize),
    /// Open link `[n]` (numbered from 1) outside folio, in the browser.
    OpenOutside(usize),
    /// Go to claim `n` and follow the links it cites (in its sentence, else its paragraph).
    FollowSource(usize),
    /// Mark `block` as clutter of category `label`.
    MarkAs {
        /// The block.
        block: usize,
        /// Its category.
        label: Label,
    },
    /// Mark these blocks as story.
    MarkStory(Vec<usize>),
    /// Open entry `n` of the history list again.
    ReadAgain(usize),
    /// Fold the category, or show it as text again.
    ToggleFolding(Label),
    /// Put `text` on the clipboard, saying `what` was copied.
    Copy {
        /// What was copied, as the status line names it.
        what: String,
        /// The text.
        text: String,
    },
    /// Say this on the status line.
    Say(String),
}

/// What a list shows: its entries (each one or more lines), the one selected, and for a list
/// without a selection (help) the first line shown.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Shown {
    /// The entries, each its lines.
    pub entries: Vec<Vec<String>>,
    /// The entry selected (kept in view), if the list has a selection.
    pub selected: Option<usize>,
    /// The first line shown, for a list without a selection.
    pub scroll: usize,
}

/// A list over the article: its state, what its keys choose and what it shows.
pub trait List: std::any::Any + std::fmt::Debug {
    /// The title on its box, naming its keys as the key table binds them.
    fn title(&self, keys: &Keymap) -> String;

    /// Whether its entries are long (claims, links, history) and use the whole width; the
    /// others keep to a readable one.
    fn wide(&self) -> bool {
        false
    }

    /// The entries, wrapped to `width` cells, and the selection.
    fn shown(&self, context: &Context, width: usize) -> Shown;

    /// How many places the selection can take: the entries, or for help (which scrolls
    /// `rows` lines at a time) the first lines that still fill the box.
    fn len(&self, context: &Context, rows: usize) -> usize;

    /// The entry the selection keys move (for help, the first line shown).
    fn cursor(&mut self) -> &mut usize;

    /// `Select`: what choosing the selected entry does; the list closes. None: nothing, and
    /// the list stays open.
    fn select(&self, _context: &Context) -> Option<Picked> {
        None
    }

    /// `Toggle`: what toggling the selected entry does; the list stays open.
    fn toggle(&self, _context: &Context) -> Option<Picked> {
        None
    }

    /// `Yank`: what copying the selected entry does; the list stays open.
    fn yank(&self, _context: &Context) -> Option<Picked> {
        Some(Picked::Say("nothing to copy in this list".to_string()))
    }

    /// `FollowLink`: what following the selected entry does (a link, a claim's source); the
    /// list closes unless there is nothing to follow.
    fn follow(&self, _context: &Context) -> Option<Picked> {
        Some(Picked::Say("nothing to follow in this list".to_string()))
    }

    /// `OpenOutside`: what opening the selected entry in the browser does; the list closes
    /// unless there is nothing to open.
    fn outside(&self, _context: &Context) -> Option<Picked> {
        Some(Picked::Say("nothing to open in the browser in this list".to_string()))
    }
}

/// Moves the selection of `list` to `to(current)`, kept within a list of `len` entries.
pub fn move_selection(list: &mut dyn List, len: usize, to: impl FnOnce(usize) -> usize) {
    let selected = list.cursor();
    *selected = to(*selected).min(len.saturating_sub(1));
}

/// Text wrapped to `width` cells, each line after the first (and the first too) led by `indent`.
fn wrapped(text: &str, width: usize, indent: &str) -> Vec<String> {
    let room = width.saturating_sub(indent.width()).max(1);
    let options = textwrap::Options::new(room).break_words(true);
    textwrap::wrap(text, options).into_iter().map(|l| format!("{indent}{l}")).collect()
}

/// A block's text quoted in at most two lines of `width` cells (the second cut with `…`), then
/// an empty line: what a picker is about to mark.
fn quoted(text: &str, width: usize) -> Vec<String> {
    let one_line = visible(text).split_whitespace().collect::<Vec<_>>().join(" ");
    let mut lines = wrapped(&format!("“{one_line}”"), width, "");
    if lines.len() > 2 {
        lines.truncate(2);
        lines[1] = format!("{}…", clip(&lines[1], width.saturating_sub(1)));
    }
    lines.push(String::new());
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{Article, Block, BlockKind, Format, Meta, Source, SourceKind};
    use crate::tui::document::Document;

    /// An article of `blocks` (text and category), laid out folding every clutter category.
    pub(super) fn laid_out(blocks: &[(&str, Label)]) -> (Article, Document) {
        let blocks = blocks
            .iter()
            .enumerate()
            .map(|(id, (text, label))| {
                let mut block = Block::new(BlockKind::Paragraph, text.to_string(), [id + 1, id + 1]);
                block.id = id;
                block.set_label(*label, "test");
                block
            })
            .collect();
        let source = Source { kind: SourceKind::File, name: "a.txt".into(), format: Format::Text, base: None };
        let article = Article::new(source, Meta::default(), blocks, |_| Vec::new());
        let folding: BTreeSet<Label> = folds::foldable_labels().into_iter().collect();
        let doc = Document::new(&article, &folding, 60);
        (article, doc)
    }

    /// What a list reads, for `page`.
    pub(super) fn context<'a>(page: Page<'a>, keys: &'a Keymap, library: &'a Library) -> Context<'a> {
        static FOLDING: std::sync::OnceLock<BTreeSet<Label>> = std::sync::OnceLock::new();
        let folding = FOLDING.get_or_init(|| folds::foldable_labels().into_iter().collect());
        Context { page, keys, library, folding, current_section: None, columns: 60 }
    }

    #[test]
    fn the_selection_stays_within_the_list() {
        let mut list = contents::Contents { selected: 1 };
        move_selection(&mut list, 3, |s| s + 10);
        assert_eq!(list.selected, 2);
        move_selection(&mut list, 3, |s| s.saturating_sub(10));
        assert_eq!(list.selected, 0);
        move_selection(&mut list, 0, |_| usize::MAX);
        assert_eq!(list.selected, 0, "an empty list keeps its selection at 0");
    }

    #[test]
    fn a_quoted_block_takes_two_lines_at_most_then_a_blank_one() {
        let lines = quoted(&"word ".repeat(40), 20);
        assert_eq!(lines.len(), 3);
        assert!(lines[0].starts_with('“') && lines[1].ends_with('…'), "{lines:?}");
        assert_eq!(lines[2], "");
        assert_eq!(quoted("Short.", 20), ["“Short.”", ""]);
    }
}
