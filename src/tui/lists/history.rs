//! The history list (`H`): the articles read, then the copies saved; choosing one reads it
//! again in place of the article open now.

use super::{Context, List, Picked, Shown, wrapped};
use crate::library::Library;
use crate::text::safe::visible;
use crate::tui::keys::{Action, Keymap};

/// The articles read and the saved copies (`Model::library`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct History {
    /// Index into the articles read, then the saved copies.
    pub selected: usize,
}

impl List for History {
    fn title(&self, keys: &Keymap) -> String {
        format!(
            "History — articles read, then copies saved; {} opens, {} closes",
            keys.list_key(Action::Select),
            keys.list_key(Action::Close)
        )
    }

    fn wide(&self) -> bool {
        true
    }

    fn shown(&self, context: &Context, width: usize) -> Shown {
        Shown { entries: library_entries(context.library, width), selected: Some(self.selected), scroll: 0 }
    }

    fn len(&self, context: &Context, _rows: usize) -> usize {
        context.library.len()
    }

    fn cursor(&mut self) -> &mut usize {
        &mut self.selected
    }

    fn select(&self, _context: &Context) -> Option<Picked> {
        Some(Picked::ReadAgain(self.selected))
    }
}

/// The `H` list's entries: each article read (title; then site, when, how far, where from),
/// then each saved copy (title; then site, when saved, its file), the details wrapped to `width`.
fn library_entries(library: &Library, width: usize) -> Vec<Vec<String>> {
    let one_line = |text: &str| visible(&text.split_whitespace().collect::<Vec<_>>().join(" ")).into_owned();
    let entry = |kind: &str, title: &str, details: Vec<String>| {
        let details: Vec<String> = details.into_iter().filter(|d| !d.is_empty()).collect();
        let mut lines = vec![format!("{kind:<5} {}", one_line(title))];
        lines.extend(wrapped(&details.join(" · "), width, "      "));
        lines
    };
    let read = library.read.iter().map(|e| {
        let source = e.source.as_deref().map_or_else(|| "standard input".to_string(), one_line);
        let site = e.site.as_deref().map(one_line).unwrap_or_default();
        let details = vec![site, crate::library::when(&e.read_at), format!("{}% read", e.percent), source];
        entry("read", &e.title, details)
    });
    let saved = library.saved.iter().map(|c| {
        let site = c.site.as_deref().map(one_line).unwrap_or_default();
        let when = c.saved.as_deref().map(|s| format!("saved {}", crate::library::when(s))).unwrap_or_default();
        entry("saved", &c.title, vec![site, when, one_line(&c.path.display().to_string())])
    });
    read.chain(saved).collect()
}
