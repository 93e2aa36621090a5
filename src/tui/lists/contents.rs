//! The table of contents (`t`): the article's sections, the one being read marked; choosing
//! one puts its heading at the top.

use super::{Context, List, Picked, Shown};
use crate::text::safe::visible;
use crate::tui::keys::{Action, Keymap};

/// The table of contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contents {
    /// Index into the article's sections.
    pub selected: usize,
}

impl List for Contents {
    fn title(&self, keys: &Keymap) -> String {
        format!("Contents — {} jumps, {} closes", keys.list_key(Action::Select), keys.list_key(Action::Close))
    }

    fn shown(&self, context: &Context, _width: usize) -> Shown {
        let current = context.current_section;
        let entries = context
            .page
            .article
            .sections()
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let mark = if Some(i) == current { "▶ " } else { "  " };
                vec![format!("{mark}{}{}", "  ".repeat(s.level.saturating_sub(2) as usize), visible(&s.title))]
            })
            .collect();
        Shown { entries, selected: Some(self.selected), scroll: 0 }
    }

    fn len(&self, context: &Context, _rows: usize) -> usize {
        context.page.article.sections().len()
    }

    fn cursor(&mut self) -> &mut usize {
        &mut self.selected
    }

    fn select(&self, _context: &Context) -> Option<Picked> {
        Some(Picked::GoToSection(self.selected))
    }
}
