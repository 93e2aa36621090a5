//! The fold chooser (`F`): every clutter category, ticked where it folds; toggling one folds
//! it or shows it as text again.

use super::{Context, List, Picked, Shown};
use crate::article::Label;
use crate::tui::keys::{Action, Keymap};

/// The categories the fold chooser offers (and the `x` picker too).
pub fn foldable_labels() -> Vec<Label> {
    Label::ALL.into_iter().filter(|l| l.is_boilerplate()).collect()
}

/// The fold chooser.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Folds {
    /// Index into `foldable_labels()`.
    pub selected: usize,
}

impl List for Folds {
    fn title(&self, keys: &Keymap) -> String {
        format!(
            "Fold these categories — {} toggles, {} closes",
            keys.list_key(Action::Toggle),
            keys.list_key(Action::Close)
        )
    }

    fn shown(&self, context: &Context, _width: usize) -> Shown {
        let entries = foldable_labels()
            .iter()
            .map(|l| vec![format!("[{}] {}", if context.folding.contains(l) { "x" } else { " " }, l.name())])
            .collect();
        Shown { entries, selected: Some(self.selected), scroll: 0 }
    }

    fn len(&self, _context: &Context, _rows: usize) -> usize {
        foldable_labels().len()
    }

    fn cursor(&mut self) -> &mut usize {
        &mut self.selected
    }

    fn toggle(&self, _context: &Context) -> Option<Picked> {
        foldable_labels().get(self.selected).map(|&label| Picked::ToggleFolding(label))
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{context, laid_out};
    use super::*;
    use crate::tui::document::Page;

    #[test]
    fn toggling_asks_for_the_selected_category_and_ticks_show_what_folds() {
        let (article, doc) = laid_out(&[("Words.", Label::Content)]);
        let (keys, library) = (Keymap::default(), crate::library::Library::default());
        let context = context(Page { article: &article, doc: &doc }, &keys, &library);
        let list = Folds { selected: 1 };
        assert_eq!(list.toggle(&context), Some(Picked::ToggleFolding(foldable_labels()[1])));
        assert_eq!(list.select(&context), None, "choosing keeps the chooser open");
        let shown = list.shown(&context, 40);
        assert!(shown.entries.iter().all(|e| e[0].starts_with("[x] ")), "{:?}", shown.entries);
    }
}
