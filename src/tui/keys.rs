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
    /// Opens the prompt that takes a link's number and opens that link.
    FollowLink,
    /// Marks the block at the top of the screen as clutter (a category is picked next),
    /// remembered for the page's site.
    MarkClutter,
    /// Marks the blocks of the fold nearest the top as story, remembered for the page's site.
    MarkStory,
    /// Copies the current claim's sentence to the clipboard.
    YankClaim,
    /// Copies the whole clean copy to the clipboard.
    YankCopy,
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
    /// Opens the list of articles read and copies saved.
    History,
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
    /// Copies the chosen entry: a link's address, a claim's sentence.
    Yank,
    // In the search prompt.
    /// A character typed into the query.
    SearchInput(char),
    /// Deletes the query's last character.
    SearchBackspace,
    /// Keeps the search and closes the prompt.
    SearchConfirm,
    // In the link prompt (after `f`).
    /// A digit of the link's number.
    LinkDigit(u8),
    // From the terminal.
    /// The terminal's new width and height.
    Resize(u16, u16),
}

/// One line of a key table: the keys, how help writes them, what they do.
pub struct Binding {
    /// The key presses (code and modifiers) bound; help and the README name every one of them.
    pub keys: &'static [(KeyCode, KeyModifiers)],
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
    ([$($key:expr),+], $action:expr, $help:expr, $hint:expr) => {
        Binding { keys: &[$($key),+], action: $action, help: $help, hint: $hint }
    };
}

/// The reader's keys (less and vim habits, arrows too).
pub const READING: &[Binding] = &[
    bind!(
        [(KeyCode::Char('j'), NONE), (KeyCode::Down, NONE), (KeyCode::Enter, NONE)],
        Action::Down(1),
        "down one line",
        None
    ),
    bind!([(KeyCode::Char('k'), NONE), (KeyCode::Up, NONE)], Action::Up(1), "up one line", None),
    bind!([(KeyCode::Char('d'), CTRL)], Action::HalfPageDown, "down half a page", None),
    bind!([(KeyCode::Char('u'), CTRL)], Action::HalfPageUp, "up half a page", None),
    bind!(
        [(KeyCode::Char(' '), NONE), (KeyCode::PageDown, NONE), (KeyCode::Char('f'), CTRL)],
        Action::PageDown,
        "down a page",
        None
    ),
    bind!(
        [(KeyCode::Char('b'), NONE), (KeyCode::PageUp, NONE), (KeyCode::Char('b'), CTRL)],
        Action::PageUp,
        "up a page",
        None
    ),
    bind!([(KeyCode::Char('g'), NONE), (KeyCode::Home, NONE)], Action::Top, "top of the article", None),
    bind!(
        [(KeyCode::Char('G'), SHIFT), (KeyCode::Char('G'), NONE), (KeyCode::End, NONE)],
        Action::Bottom,
        "end of the article",
        None
    ),
    bind!([(KeyCode::Char(']'), NONE)], Action::NextSection, "next section", Some("section")),
    bind!([(KeyCode::Char('['), NONE)], Action::PrevSection, "previous section", None),
    bind!([(KeyCode::Char('t'), NONE)], Action::Contents, "table of contents", Some("contents")),
    bind!([(KeyCode::Char('c'), NONE)], Action::NextClaim, "next flagged claim", Some("claim")),
    bind!([(KeyCode::Char('C'), SHIFT), (KeyCode::Char('C'), NONE)], Action::PrevClaim, "previous flagged claim", None),
    bind!([(KeyCode::Char('l'), NONE)], Action::ClaimsList, "list of claims: score, kinds, sentence, cues", None),
    bind!(
        [(KeyCode::Char('y'), NONE)],
        Action::YankClaim,
        "copy the current claim's sentence (OSC 52 clipboard)",
        None
    ),
    bind!(
        [(KeyCode::Char('Y'), SHIFT), (KeyCode::Char('Y'), NONE)],
        Action::YankCopy,
        "copy the whole clean Markdown copy (OSC 52 clipboard)",
        None
    ),
    bind!(
        [(KeyCode::Char('o'), NONE)],
        Action::LinksList,
        "list of links (the [n] markers in the text)",
        Some("links")
    ),
    bind!([(KeyCode::Char('f'), NONE)], Action::FollowLink, "open link [n]: type its number", None),
    bind!([(KeyCode::Char('z'), NONE)], Action::ToggleFold, "open or close the fold nearest the top", Some("fold")),
    bind!(
        [(KeyCode::Char('Z'), SHIFT), (KeyCode::Char('Z'), NONE)],
        Action::ToggleAllFolds,
        "open or close every fold",
        None
    ),
    bind!(
        [(KeyCode::Char('F'), SHIFT), (KeyCode::Char('F'), NONE)],
        Action::ChooseFolds,
        "choose which categories fold",
        None
    ),
    bind!(
        [(KeyCode::Char('x'), NONE)],
        Action::MarkClutter,
        "mark the top block as clutter (remembered for the site)",
        None
    ),
    bind!(
        [(KeyCode::Char('X'), SHIFT), (KeyCode::Char('X'), NONE)],
        Action::MarkStory,
        "mark the fold nearest the top as story (remembered for the site)",
        None
    ),
    bind!([(KeyCode::Char('/'), NONE)], Action::Search, "search (smart case)", Some("search")),
    bind!([(KeyCode::Char('n'), NONE)], Action::NextMatch, "next match", None),
    bind!([(KeyCode::Char('N'), SHIFT), (KeyCode::Char('N'), NONE)], Action::PrevMatch, "previous match", None),
    bind!([(KeyCode::Char('s'), NONE)], Action::Save, "save the clean Markdown copy", Some("save")),
    bind!(
        [(KeyCode::Char('H'), SHIFT), (KeyCode::Char('H'), NONE)],
        Action::History,
        "history: articles read and copies saved",
        None
    ),
    bind!([(KeyCode::Char('?'), NONE), (KeyCode::Char('?'), SHIFT)], Action::Help, "this help", Some("help")),
    bind!([(KeyCode::Esc, NONE)], Action::Escape, "close the overlay, clear the search", None),
    bind!([(KeyCode::Char('q'), NONE)], Action::Close, "close the overlay, else quit", Some("quit")),
    bind!([(KeyCode::Char('c'), CTRL)], Action::Quit, "quit", None),
];

/// Keys inside a list overlay (contents, claims, links, folds, history, help).
pub const OVERLAY: &[Binding] = &[
    bind!([(KeyCode::Char('j'), NONE), (KeyCode::Down, NONE)], Action::Down(1), "next entry", None),
    bind!([(KeyCode::Char('k'), NONE), (KeyCode::Up, NONE)], Action::Up(1), "previous entry", None),
    bind!([(KeyCode::Char('g'), NONE), (KeyCode::Home, NONE)], Action::Top, "first entry", None),
    bind!(
        [(KeyCode::Char('G'), SHIFT), (KeyCode::Char('G'), NONE), (KeyCode::End, NONE)],
        Action::Bottom,
        "last entry",
        None
    ),
    bind!([(KeyCode::PageDown, NONE), (KeyCode::Char('d'), CTRL)], Action::PageDown, "down a page", None),
    bind!([(KeyCode::PageUp, NONE), (KeyCode::Char('u'), CTRL)], Action::PageUp, "up a page", None),
    bind!(
        [(KeyCode::Enter, NONE)],
        Action::Select,
        "jump there (links: open in the browser; history: open the article)",
        None
    ),
    bind!([(KeyCode::Char('y'), NONE)], Action::Yank, "copy the link's address or the claim's sentence", None),
    bind!([(KeyCode::Char(' '), NONE)], Action::Toggle, "fold or show the category (fold chooser)", None),
    bind!([(KeyCode::Char('q'), NONE), (KeyCode::Esc, NONE)], Action::Close, "close", None),
    bind!([(KeyCode::Char('c'), CTRL)], Action::Quit, "quit", None),
];

/// How one key press is written in help, hints and the README (`j`, `↓`, `Ctrl-f`, `Space`).
pub fn key_name(code: KeyCode, mods: KeyModifiers) -> String {
    let name = match code {
        KeyCode::Char(' ') => "Space".to_string(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Down => "↓".to_string(),
        KeyCode::Up => "↑".to_string(),
        KeyCode::Left => "←".to_string(),
        KeyCode::Right => "→".to_string(),
        KeyCode::PageDown => "PgDn".to_string(),
        KeyCode::PageUp => "PgUp".to_string(),
        KeyCode::Home => "Home".to_string(),
        KeyCode::End => "End".to_string(),
        KeyCode::Enter => "Enter".to_string(),
        KeyCode::Esc => "Esc".to_string(),
        KeyCode::Backspace => "Backspace".to_string(),
        KeyCode::Tab => "Tab".to_string(),
        other => format!("{other:?}"),
    };
    if mods.contains(CTRL) { format!("Ctrl-{name}") } else { name }
}

impl Binding {
    /// Every key of the binding, named once each (`G` bound with and without Shift is one `G`).
    pub fn names(&self) -> Vec<String> {
        let mut names: Vec<String> = Vec::new();
        for &(code, mods) in self.keys {
            let name = key_name(code, mods);
            if !names.contains(&name) {
                names.push(name);
            }
        }
        names
    }

    /// The keys as help writes them: `j ↓ Enter`.
    pub fn shown(&self) -> String {
        self.names().join(" ")
    }
}

/// The heading of the list keys in help.
pub const LISTS_HEADING: &str = "In lists (contents, claims, links, folds, history, help):";

/// The help overlay's lines, from the same tables that map the keys.
pub fn help_lines() -> Vec<String> {
    let line = |b: &Binding| format!("{:<18} {}", b.shown(), b.help);
    let mut lines: Vec<String> = READING.iter().map(line).collect();
    lines.push(String::new());
    lines.push(LISTS_HEADING.to_string());
    lines.extend(OVERLAY.iter().map(line));
    lines.push(String::new());
    lines.push("In the search prompt: type, Enter to keep, Esc to clear".to_string());
    lines.push("In the link prompt (f): type the number, Enter to open, Esc to cancel".to_string());
    lines
}

/// How the first key bound to `action` in `table` is written ("Enter", "z"), for titles and
/// hints that name a key; empty when the table does not bind the action.
pub fn key_for(table: &[Binding], action: Action) -> String {
    table.iter().find(|b| b.action == action).and_then(|b| b.names().into_iter().next()).unwrap_or_default()
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
    /// The link prompt is open (after `f`): keys type a link's number.
    LinkPrompt,
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
    if context == KeyContext::LinkPrompt {
        return match (key.code, key.modifiers) {
            (KeyCode::Char('c'), CTRL) => Some(Action::Quit),
            (KeyCode::Esc, _) | (KeyCode::Char('q'), _) => Some(Action::Escape),
            (KeyCode::Enter, _) => Some(Action::SearchConfirm),
            (KeyCode::Backspace, _) => Some(Action::SearchBackspace),
            (KeyCode::Char(c @ '0'..='9'), _) => Some(Action::LinkDigit(c as u8 - b'0')),
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
        let remapped = [bind!([(KeyCode::Char('o'), NONE)], Action::Select, "jump there", None)];
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
