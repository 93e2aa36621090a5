//! The mark pickers: `x`'s category picker (what the block on the top line is) and `X`'s
//! picker on a fold of several blocks (which of them are story). Choosing marks; `app` does
//! the marking.

use super::folds::foldable_labels;
use super::{Context, List, Picked, Shown, quoted};
use crate::article::Label;
use crate::tui::document::Page;
use crate::tui::keys::{Action, Keymap};

/// The category picker of `x`: what the marked block is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkAs {
    /// The block being marked.
    pub block: usize,
    /// Index into `foldable_labels()`.
    pub selected: usize,
}

impl List for MarkAs {
    fn title(&self, keys: &Keymap) -> String {
        format!(
            "Mark as clutter — {} picks the category, {} closes",
            keys.list_key(Action::Select),
            keys.list_key(Action::Close)
        )
    }

    fn shown(&self, context: &Context, width: usize) -> Shown {
        // The block to be marked comes first, quoted, so that the mark is not made blind.
        let mut entries = vec![quoted(&context.page.article.blocks[self.block].text, width)];
        entries.extend(foldable_labels().iter().map(|l| vec![l.name().to_string()]));
        Shown { entries, selected: Some(self.selected + 1), scroll: 0 }
    }

    fn len(&self, _context: &Context, _rows: usize) -> usize {
        foldable_labels().len()
    }

    fn cursor(&mut self) -> &mut usize {
        &mut self.selected
    }

    fn select(&self, _context: &Context) -> Option<Picked> {
        Some(match foldable_labels().get(self.selected) {
            Some(&label) => Picked::MarkAs { block: self.block, label },
            None => Picked::Nothing,
        })
    }
}

/// The picker of `X` on a fold of several blocks: which of them are story.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkStory {
    /// The fold (index into the document's folds).
    pub fold: usize,
    /// Index into `story_choices(fold)`.
    pub selected: usize,
}

impl List for MarkStory {
    fn title(&self, keys: &Keymap) -> String {
        format!(
            "Which of the fold is story? — {} marks it, {} closes",
            keys.list_key(Action::Select),
            keys.list_key(Action::Close)
        )
    }

    fn shown(&self, context: &Context, _width: usize) -> Shown {
        let blocks = &context.page.article.blocks;
        let entries = story_choices(context.page, self.fold)
            .iter()
            .map(|choice| match &choice.blocks[..] {
                [one] => vec![format!("{:<17} {}", choice.label.name(), quoted(&blocks[*one].text, 1000)[0])],
                all => vec![format!("every {} block ({})", choice.label.name(), all.len())],
            })
            .collect();
        Shown { entries, selected: Some(self.selected), scroll: 0 }
    }

    fn len(&self, context: &Context, _rows: usize) -> usize {
        story_choices(context.page, self.fold).len()
    }

    fn cursor(&mut self) -> &mut usize {
        &mut self.selected
    }

    fn select(&self, context: &Context) -> Option<Picked> {
        Some(match story_choices(context.page, self.fold).into_iter().nth(self.selected) {
            Some(choice) => Picked::MarkStory(choice.blocks),
            None => Picked::Nothing,
        })
    }
}

/// One entry of the `X` picker: blocks of a fold to mark as story.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoryChoice {
    /// Their category.
    pub label: Label,
    /// The blocks, in reading order: every block of the category in the fold, or one block.
    pub blocks: Vec<usize>,
}

/// What the `X` picker offers for fold `f`: each category of two or more blocks (all of its
/// blocks in the fold), then each block on its own.
pub fn story_choices(page: Page, f: usize) -> Vec<StoryChoice> {
    let (article, doc) = (page.article, page.doc);
    let Some(fold) = doc.folds.get(f) else { return Vec::new() };
    let blocks: Vec<usize> = (fold.seg + 1..fold.end).filter_map(|seg| doc.block_at(seg)).collect();
    let label = |b: &usize| article.blocks[*b].label;
    let mut choices: Vec<StoryChoice> = fold
        .labels
        .iter()
        .filter(|(_, n)| *n > 1)
        .map(|&(l, _)| StoryChoice { label: l, blocks: blocks.iter().copied().filter(|b| label(b) == l).collect() })
        .collect();
    choices.extend(blocks.iter().map(|&b| StoryChoice { label: label(&b), blocks: vec![b] }));
    choices
}

#[cfg(test)]
mod tests {
    use super::super::tests::{context, laid_out};
    use super::*;

    #[test]
    fn a_fold_offers_each_category_of_several_blocks_then_each_block() {
        let (article, doc) = laid_out(&[
            ("The story begins here, as stories do.", Label::Content),
            ("Buy now", Label::Ad),
            ("Share", Label::Engagement),
            ("Buy more", Label::Ad),
        ]);
        let page = Page { article: &article, doc: &doc };
        let choices = story_choices(page, 0);
        let shown: Vec<(Label, Vec<usize>)> = choices.iter().map(|c| (c.label, c.blocks.clone())).collect();
        assert_eq!(
            shown,
            [(Label::Ad, vec![1, 3]), (Label::Ad, vec![1]), (Label::Engagement, vec![2]), (Label::Ad, vec![3])]
        );
        let (keys, library) = (Keymap::default(), crate::library::Library::default());
        let picker = MarkStory { fold: 0, selected: 2 };
        assert_eq!(picker.select(&context(page, &keys, &library)), Some(Picked::MarkStory(vec![2])));
        assert_eq!(story_choices(page, 5), [], "no such fold, nothing offered");
    }

    #[test]
    fn the_category_picker_quotes_its_block_first() {
        let (article, doc) = laid_out(&[("Try our app today", Label::Content)]);
        let (keys, library) = (Keymap::default(), crate::library::Library::default());
        let context = context(Page { article: &article, doc: &doc }, &keys, &library);
        let picker = MarkAs { block: 0, selected: 0 };
        let shown = picker.shown(&context, 40);
        assert_eq!(shown.entries[0][0], "“Try our app today”");
        assert_eq!(shown.selected, Some(1), "the quote is no choice");
        let first = foldable_labels()[0];
        assert_eq!(picker.select(&context), Some(Picked::MarkAs { block: 0, label: first }));
    }
}
