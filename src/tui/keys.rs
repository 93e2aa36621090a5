//! The key map: one table of bindings, from which key presses become `Action`s and the help
//! overlay and the status-line hints are generated, so that they can never drift apart.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

/// Everything the reader can be asked to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Down this many lines (the next entry, in a list).
    Down(usize),
    /// Up this many lines (the previous entry, in a list).
    Up(usize),
    /// Down half a screen.
    HalfPageDown,
    /// Up half a screen.
    HalfPageUp,
    /// Down a screen.
    PageDown,
    /// Up a screen.
    PageUp,
    /// To the top of the article (the first entry, in a list).
    Top,
    /// To the end of the article (the last entry, in a list).
    Bottom,
    /// To the next section's heading.
    NextSection,
    /// To the start of this section, or the previous one.
    PrevSection,
    /// Opens the table of contents.
    Contents,
    /// To the next flagged claim.
    NextClaim,
    /// To the previous flagged claim.
    PrevClaim,
    /// Opens the list of claims.
    ClaimsList,
    /// Opens the list of links.
    LinksList,
    /// Opens or closes the fold nearest the top.
    ToggleFold,
    /// Opens or closes every fold.
    ToggleAllFolds,
    /// Opens the fold chooser.
    ChooseFolds,
    /// Opens the search prompt.
    Search,
    /// To the next search match.
    NextMatch,
    /// To the previous search match.
    PrevMatch,
    /// Saves the clean Markdown copy.
    Save,
    /// Opens the key help.
    Help,
    /// `q`: closes the top overlay, else quits.
    Close,
    /// Esc: closes overlays, clears the search.
    Escape,
    /// Quits from anywhere (Ctrl-c).
    Quit,
    // In overlays.
    /// Jumps to the chosen entry of a list.
    Select,
    /// Folds or shows the chosen category (fold chooser).
    Toggle,
    // In the search prompt.
    /// A character typed into the query.
    SearchInput(char),
    /// Deletes the query's last character.
    SearchBackspace,
    /// Keeps the search and closes the prompt.
    SearchConfirm,
    // From the terminal.
    /// The terminal's new width and height.
    Resize(u16, u16),
}

/// One line of a key table: the keys, how help writes them, what they do.
pub struct Binding {
    /// The key presses (code and modifiers) bound.
    pub keys: &'static [(KeyCode, KeyModifiers)],
    /// How the keys are written in help ("j ↓").
    pub shown: &'static str,
    /// What the keys do.
    pub action: Action,
    /// The help overlay's words for it.
    pub help: &'static str,
    /// A short word for the status line, for the few bindings worth a hint there.
    pub hint: Option<&'static str>,
}

const NONE: KeyModifiers = KeyModifiers::NONE;
const CTRL: KeyModifiers = KeyModifiers::CONTROL;
const SHIFT: KeyModifiers = KeyModifiers::SHIFT;

macro_rules! bind {
    ([$($key:expr),+], $shown:expr, $action:expr, $help:expr, $hint:expr) => {
        Binding { keys: &[$($key),+], shown: $shown, action: $action, help: $help, hint: $hint }
    };
}

/// The reader's keys (less and vim habits, arrows too).
pub const READING: &[Binding] = &[
    bind!(
        [(KeyCode::Char('j'), NONE), (KeyCode::Down, NONE), (KeyCode::Enter, NONE)],
        "j ↓",
        Action::Down(1),
        "down one line",
        None
    ),
    bind!([(KeyCode::Char('k'), NONE), (KeyCode::Up, NONE)], "k ↑", Action::Up(1), "up one line", None),
    bind!([(KeyCode::Char('d'), CTRL)], "Ctrl-d", Action::HalfPageDown, "down half a page", None),
    bind!([(KeyCode::Char('u'), CTRL)], "Ctrl-u", Action::HalfPageUp, "up half a page", None),
    bind!(
        [(KeyCode::Char(' '), NONE), (KeyCode::PageDown, NONE), (KeyCode::Char('f'), CTRL)],
        "Space PgDn",
        Action::PageDown,
        "down a page",
        None
    ),
    bind!(
        [(KeyCode::Char('b'), NONE), (KeyCode::PageUp, NONE), (KeyCode::Char('b'), CTRL)],
        "b PgUp",
        Action::PageUp,
        "up a page",
        None
    ),
    bind!([(KeyCode::Char('g'), NONE), (KeyCode::Home, NONE)], "g Home", Action::Top, "top of the article", None),
    bind!(
        [(KeyCode::Char('G'), SHIFT), (KeyCode::Char('G'), NONE), (KeyCode::End, NONE)],
        "G End",
        Action::Bottom,
        "end of the article",
        None
    ),
    bind!([(KeyCode::Char(']'), NONE)], "]", Action::NextSection, "next section", Some("section")),
    bind!([(KeyCode::Char('['), NONE)], "[", Action::PrevSection, "previous section", None),
    bind!([(KeyCode::Char('t'), NONE)], "t", Action::Contents, "table of contents", Some("contents")),
    bind!([(KeyCode::Char('c'), NONE)], "c", Action::NextClaim, "next flagged claim", Some("claim")),
    bind!(
        [(KeyCode::Char('C'), SHIFT), (KeyCode::Char('C'), NONE)],
        "C",
        Action::PrevClaim,
        "previous flagged claim",
        None
    ),
    bind!([(KeyCode::Char('l'), NONE)], "l", Action::ClaimsList, "list of claims", None),
    bind!(
        [(KeyCode::Char('z'), NONE)],
        "z",
        Action::ToggleFold,
        "open or close the fold nearest the top",
        Some("fold")
    ),
    bind!(
        [(KeyCode::Char('Z'), SHIFT), (KeyCode::Char('Z'), NONE)],
        "Z",
        Action::ToggleAllFolds,
        "open or close every fold",
        None
    ),
    bind!(
        [(KeyCode::Char('F'), SHIFT), (KeyCode::Char('F'), NONE)],
        "F",
        Action::ChooseFolds,
        "choose which categories fold",
        None
    ),
    bind!([(KeyCode::Char('/'), NONE)], "/", Action::Search, "search (smart case)", Some("search")),
    bind!([(KeyCode::Char('n'), NONE)], "n", Action::NextMatch, "next match", None),
    bind!([(KeyCode::Char('N'), SHIFT), (KeyCode::Char('N'), NONE)], "N", Action::PrevMatch, "previous match", None),
    bind!([(KeyCode::Char('s'), NONE)], "s", Action::Save, "save the clean Markdown copy", Some("save")),
    bind!([(KeyCode::Char('?'), NONE), (KeyCode::Char('?'), SHIFT)], "?", Action::Help, "this help", Some("help")),
    bind!([(KeyCode::Esc, NONE)], "Esc", Action::Escape, "close the overlay, clear the search", None),
    bind!([(KeyCode::Char('q'), NONE)], "q", Action::Close, "close the overlay, else quit", Some("quit")),
    bind!([(KeyCode::Char('c'), CTRL)], "Ctrl-c", Action::Quit, "quit", None),
];

/// Keys inside a list overlay (contents, claims, links, folds, help).
pub const OVERLAY: &[Binding] = &[
    bind!([(KeyCode::Char('j'), NONE), (KeyCode::Down, NONE)], "j ↓", Action::Down(1), "next entry", None),
    bind!([(KeyCode::Char('k'), NONE), (KeyCode::Up, NONE)], "k ↑", Action::Up(1), "previous entry", None),
    bind!([(KeyCode::Char('g'), NONE), (KeyCode::Home, NONE)], "g Home", Action::Top, "first entry", None),
    bind!(
        [(KeyCode::Char('G'), SHIFT), (KeyCode::Char('G'), NONE), (KeyCode::End, NONE)],
        "G End",
        Action::Bottom,
        "last entry",
        None
    ),
    bind!([(KeyCode::PageDown, NONE), (KeyCode::Char('d'), CTRL)], "PgDn", Action::PageDown, "down a page", None),
    bind!([(KeyCode::PageUp, NONE), (KeyCode::Char('u'), CTRL)], "PgUp", Action::PageUp, "up a page", None),
    bind!([(KeyCode::Enter, NONE)], "Enter", Action::Select, "jump there", None),
    bind!([(KeyCode::Char(' '), NONE)], "Space", Action::Toggle, "fold or show the category (fold chooser)", None),
    bind!([(KeyCode::Char('q'), NONE), (KeyCode::Esc, NONE)], "q Esc", Action::Close, "close", None),
    bind!([(KeyCode::Char('c'), CTRL)], "Ctrl-c", Action::Quit, "quit", None),
];

/// The help overlay's lines, from the same tables that map the keys.
pub fn help_lines() -> Vec<String> {
    let mut lines: Vec<String> = READING.iter().map(|b| format!("{:<12} {}", b.shown, b.help)).collect();
    lines.push(String::new());
    lines.push("In lists (contents, claims, links, folds, help):".to_string());
    lines.extend(OVERLAY.iter().map(|b| format!("{:<12} {}", b.shown, b.help)));
    lines.push(String::new());
    lines.push("In the search prompt: type, Enter to keep, Esc to clear".to_string());
    lines
}

/// How the first key bound to `action` in `table` is written ("Enter", "z"), for titles and
/// hints that name a key; empty when the table does not bind the action.
pub fn key_for(table: &[Binding], action: Action) -> &'static str {
    table.iter().find(|b| b.action == action).and_then(|b| b.shown.split(' ').next()).unwrap_or("")
}

/// Where keys go: the search prompt takes text; overlays and reading have their tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyContext {
    /// Reading the article: the `READING` table.
    Reading,
    /// A list is open: the `OVERLAY` table.
    Overlay,
    /// The search prompt is open: keys type the query.
    SearchPrompt,
}

/// The action a key press asks for in `context`, if any (key releases ask for none).
pub fn action_for(context: KeyContext, key: KeyEvent) -> Option<Action> {
    if key.kind != KeyEventKind::Press {
        return None;
    }
    if context == KeyContext::SearchPrompt {
        return match (key.code, key.modifiers) {
            (KeyCode::Char('c'), CTRL) => Some(Action::Quit),
            (KeyCode::Esc, _) => Some(Action::Escape),
            (KeyCode::Enter, _) => Some(Action::SearchConfirm),
            (KeyCode::Backspace, _) => Some(Action::SearchBackspace),
            (KeyCode::Char(c), m) if !m.contains(CTRL) && !m.contains(KeyModifiers::ALT) => {
                Some(Action::SearchInput(c))
            }
            _ => None,
        };
    }
    let table = if context == KeyContext::Overlay { OVERLAY } else { READING };
    table
        .iter()
        .find(|b| {
            b.keys.iter().any(|&(code, mods)| {
                code == key.code
                    && (mods == key.modifiers
                        || (mods == NONE
                            && key.modifiers == SHIFT
                            && matches!(code, KeyCode::Char(c) if !c.is_ascii_lowercase())))
            })
        })
        .map(|b| b.action)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn keys_map_to_actions_by_context() {
        assert_eq!(action_for(KeyContext::Reading, press(KeyCode::Char('j'), NONE)), Some(Action::Down(1)));
        assert_eq!(action_for(KeyContext::Reading, press(KeyCode::Char('G'), SHIFT)), Some(Action::Bottom));
        assert_eq!(action_for(KeyContext::Reading, press(KeyCode::Char('?'), SHIFT)), Some(Action::Help));
        assert_eq!(action_for(KeyContext::Reading, press(KeyCode::Char('c'), CTRL)), Some(Action::Quit));
        assert_eq!(action_for(KeyContext::Overlay, press(KeyCode::Enter, NONE)), Some(Action::Select));
        assert_eq!(
            action_for(KeyContext::SearchPrompt, press(KeyCode::Char('q'), NONE)),
            Some(Action::SearchInput('q'))
        );
    }

    #[test]
    fn keys_named_on_screen_come_from_the_tables() {
        assert_eq!(key_for(OVERLAY, Action::Select), "Enter");
        assert_eq!(key_for(OVERLAY, Action::Close), "q");
        assert_eq!(key_for(OVERLAY, Action::Toggle), "Space");
        assert_eq!(key_for(READING, Action::ToggleFold), "z");
        assert_eq!(key_for(READING, Action::Search), "/");
        assert_eq!(key_for(READING, Action::Top), "g");
        let remapped = [bind!([(KeyCode::Char('o'), NONE)], "o", Action::Select, "jump there", None)];
        assert_eq!(key_for(&remapped, Action::Select), "o");
        assert_eq!(key_for(&remapped, Action::Close), "");
    }

    #[test]
    fn key_releases_are_ignored() {
        let mut key = press(KeyCode::Char('j'), NONE);
        key.kind = KeyEventKind::Release;
        assert_eq!(action_for(KeyContext::Reading, key), None);
    }
}
