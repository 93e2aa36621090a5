//! The key help (`?`): every key of the tables in force, with what it does; it scrolls, and
//! chooses nothing.

use super::{Context, List, Shown};
use crate::tui::keys::{Action, Keymap};

/// The key help.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Help {
    /// The first line shown.
    pub scroll: usize,
}

impl List for Help {
    fn title(&self, keys: &Keymap) -> String {
        format!("Keys — {} closes", keys.list_key(Action::Close))
    }

    fn shown(&self, context: &Context, width: usize) -> Shown {
        let entries = context.keys.help_lines_in(width).into_iter().map(|l| vec![l]).collect();
        Shown { entries, selected: None, scroll: self.scroll }
    }

    fn len(&self, context: &Context, rows: usize) -> usize {
        context.keys.help_lines_in(context.columns).len().saturating_sub(rows) + 1
    }

    fn cursor(&mut self) -> &mut usize {
        &mut self.scroll
    }
}
