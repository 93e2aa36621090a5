//! The key map: one table of bindings, from which key presses become `Action`s and the help
//! overlay and the status-line hints are generated, so that they can never drift apart. The
//! bundled tables are `READING` and `OVERLAY`; `Keymap` holds them as `[keys]` in the config
//! file remapped them, and everything that names a key reads it from there.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use std::borrow::Cow;

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
    /// Code and wide tables sideways, to the right (as `less -S` does).
    ScrollRight,
    /// Code and wide tables sideways, back to the left.
    ScrollLeft,
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
    /// Opens the prompt that takes a link's number and follows that link in folio (in a list:
    /// follows the selected link, or the selected claim's source).
    FollowLink,
    /// Opens the prompt that takes a link's number and opens that link in the browser (in the
    /// links list: opens the selected one there).
    OpenOutside,
    /// Back to where an in-page link was followed from, else to the page read before.
    Back,
    /// Forward to the page gone back from.
    Forward,
    /// Reads the page open now again.
    Reload,
    /// Marks the block at the top of the screen as clutter (a category is picked next),
    /// remembered for the page's site.
    MarkClutter,
    /// Marks the blocks of the fold nearest the top as story (of a fold of several blocks, the
    /// ones picked next), remembered for the page's site.
    MarkStory,
    /// Undoes the last mark (`x` or `X`) of this reading, and the site forgets it.
    UndoMark,
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
    /// Suspends folio to the shell from anywhere (Ctrl-z); `fg` brings it back.
    Suspend,
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

/// One line of a key table: the keys, the action's name, what they do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    /// The key presses (code and modifiers) bound; help and the README name every one of them.
    pub keys: Cow<'static, [(KeyCode, KeyModifiers)]>,
    /// The action's name in `[keys]` of `config.toml` (`next-claim`).
    pub name: &'static str,
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
const ALT: KeyModifiers = KeyModifiers::ALT;

macro_rules! bind {
    ([$($key:expr),+], $name:expr, $action:expr, $help:expr, $hint:expr) => {
        Binding { keys: Cow::Borrowed(&[$($key),+]), name: $name, action: $action, help: $help, hint: $hint }
    };
}

/// The reader's keys (less and vim habits, arrows too).
pub const READING: &[Binding] = &[
    bind!(
        [(KeyCode::Char('j'), NONE), (KeyCode::Down, NONE), (KeyCode::Enter, NONE)],
        "down",
        Action::Down(1),
        "down one line",
        None
    ),
    bind!([(KeyCode::Char('k'), NONE), (KeyCode::Up, NONE)], "up", Action::Up(1), "up one line", None),
    bind!([(KeyCode::Char('d'), CTRL)], "half-page-down", Action::HalfPageDown, "down half a page", None),
    bind!([(KeyCode::Char('u'), CTRL)], "half-page-up", Action::HalfPageUp, "up half a page", None),
    bind!(
        [(KeyCode::Char(' '), NONE), (KeyCode::PageDown, NONE), (KeyCode::Char('f'), CTRL)],
        "page-down",
        Action::PageDown,
        "down a page",
        None
    ),
    bind!(
        [(KeyCode::Char('b'), NONE), (KeyCode::PageUp, NONE), (KeyCode::Char('b'), CTRL)],
        "page-up",
        Action::PageUp,
        "up a page",
        None
    ),
    bind!([(KeyCode::Char('g'), NONE), (KeyCode::Home, NONE)], "top", Action::Top, "top of the article", None),
    bind!(
        [(KeyCode::Char('G'), SHIFT), (KeyCode::Char('G'), NONE), (KeyCode::End, NONE)],
        "bottom",
        Action::Bottom,
        "end of the article",
        None
    ),
    bind!([(KeyCode::Char(']'), NONE)], "next-section", Action::NextSection, "next section", Some("section")),
    bind!([(KeyCode::Char('['), NONE)], "previous-section", Action::PrevSection, "previous section", None),
    bind!([(KeyCode::Char('t'), NONE)], "contents", Action::Contents, "table of contents", Some("contents")),
    bind!([(KeyCode::Char('c'), NONE)], "next-claim", Action::NextClaim, "next flagged claim", Some("claim")),
    bind!(
        [(KeyCode::Char('C'), SHIFT), (KeyCode::Char('C'), NONE)],
        "previous-claim",
        Action::PrevClaim,
        "previous flagged claim",
        None
    ),
    bind!(
        [(KeyCode::Char('l'), NONE)],
        "claims",
        Action::ClaimsList,
        "list of claims: score, kinds, sentence, cues",
        None
    ),
    bind!(
        [(KeyCode::Char('y'), NONE)],
        "copy-claim",
        Action::YankClaim,
        "copy the current claim's sentence (OSC 52 clipboard)",
        None
    ),
    bind!(
        [(KeyCode::Char('Y'), SHIFT), (KeyCode::Char('Y'), NONE)],
        "copy-all",
        Action::YankCopy,
        "copy the whole clean Markdown copy (OSC 52 clipboard)",
        None
    ),
    bind!(
        [(KeyCode::Char('o'), NONE)],
        "links",
        Action::LinksList,
        "list of links (the [n] markers in the text)",
        Some("links")
    ),
    bind!(
        [(KeyCode::Char('f'), NONE)],
        "follow-link",
        Action::FollowLink,
        "follow link [n] in folio: type its number",
        None
    ),
    bind!(
        [(KeyCode::Char('O'), SHIFT), (KeyCode::Char('O'), NONE)],
        "open-outside",
        Action::OpenOutside,
        "open link [n] in the browser: type its number",
        None
    ),
    bind!(
        [(KeyCode::Backspace, NONE), (KeyCode::Left, ALT)],
        "back",
        Action::Back,
        "back: before the in-page jump, else the page before",
        None
    ),
    bind!(
        [(KeyCode::Tab, NONE), (KeyCode::Right, ALT)],
        "forward",
        Action::Forward,
        "forward to the page gone back from",
        None
    ),
    bind!(
        [(KeyCode::Char('R'), SHIFT), (KeyCode::Char('R'), NONE)],
        "reload",
        Action::Reload,
        "read this page again (fetch it anew)",
        None
    ),
    bind!(
        [(KeyCode::Char('z'), NONE)],
        "fold",
        Action::ToggleFold,
        "open or close the fold nearest the top",
        Some("fold")
    ),
    bind!(
        [(KeyCode::Char('Z'), SHIFT), (KeyCode::Char('Z'), NONE)],
        "all-folds",
        Action::ToggleAllFolds,
        "open or close every fold",
        None
    ),
    bind!(
        [(KeyCode::Char('F'), SHIFT), (KeyCode::Char('F'), NONE)],
        "choose-folds",
        Action::ChooseFolds,
        "choose which categories fold",
        None
    ),
    bind!(
        [(KeyCode::Char('x'), NONE)],
        "mark-clutter",
        Action::MarkClutter,
        "mark the top block as clutter (remembered for the site)",
        None
    ),
    bind!(
        [(KeyCode::Char('X'), SHIFT), (KeyCode::Char('X'), NONE)],
        "mark-story",
        Action::MarkStory,
        "mark the fold nearest the top as story (remembered for the site)",
        None
    ),
    bind!(
        [(KeyCode::Char('u'), NONE)],
        "undo-mark",
        Action::UndoMark,
        "undo the last mark (x or X) of this reading",
        None
    ),
    bind!([(KeyCode::Char('/'), NONE)], "search", Action::Search, "search (smart case)", Some("search")),
    bind!([(KeyCode::Char('n'), NONE)], "next-match", Action::NextMatch, "next match", None),
    bind!(
        [(KeyCode::Char('N'), SHIFT), (KeyCode::Char('N'), NONE)],
        "previous-match",
        Action::PrevMatch,
        "previous match",
        None
    ),
    bind!(
        [(KeyCode::Right, NONE)],
        "right",
        Action::ScrollRight,
        "code and wide tables: scroll right (a › ends a line that goes on)",
        None
    ),
    bind!([(KeyCode::Left, NONE)], "left", Action::ScrollLeft, "code and wide tables: scroll back left", None),
    bind!([(KeyCode::Char('s'), NONE)], "save", Action::Save, "save the clean Markdown copy", Some("save")),
    bind!(
        [(KeyCode::Char('H'), SHIFT), (KeyCode::Char('H'), NONE)],
        "history",
        Action::History,
        "history: articles read and copies saved",
        None
    ),
    bind!([(KeyCode::Char('?'), NONE), (KeyCode::Char('?'), SHIFT)], "help", Action::Help, "this help", Some("help")),
    bind!([(KeyCode::Esc, NONE)], "cancel", Action::Escape, "stop loading a page, else clear the search", None),
    bind!([(KeyCode::Char('q'), NONE)], "close", Action::Close, "close the overlay, else quit", Some("quit")),
    bind!([(KeyCode::Char('c'), CTRL)], "quit", Action::Quit, "quit", None),
    bind!([(KeyCode::Char('z'), CTRL)], "suspend", Action::Suspend, "suspend to the shell (fg comes back)", None),
];

/// Keys inside a list overlay (contents, claims, links, folds, history, help).
pub const OVERLAY: &[Binding] = &[
    bind!([(KeyCode::Char('j'), NONE), (KeyCode::Down, NONE)], "down", Action::Down(1), "next entry", None),
    bind!([(KeyCode::Char('k'), NONE), (KeyCode::Up, NONE)], "up", Action::Up(1), "previous entry", None),
    bind!([(KeyCode::Char('g'), NONE), (KeyCode::Home, NONE)], "top", Action::Top, "first entry", None),
    bind!(
        [(KeyCode::Char('G'), SHIFT), (KeyCode::Char('G'), NONE), (KeyCode::End, NONE)],
        "bottom",
        Action::Bottom,
        "last entry",
        None
    ),
    bind!([(KeyCode::PageDown, NONE), (KeyCode::Char('d'), CTRL)], "page-down", Action::PageDown, "down a page", None),
    bind!([(KeyCode::PageUp, NONE), (KeyCode::Char('u'), CTRL)], "page-up", Action::PageUp, "up a page", None),
    bind!(
        [(KeyCode::Enter, NONE)],
        "select",
        Action::Select,
        "jump there (links: read it in folio; history: open the article)",
        None
    ),
    bind!(
        [(KeyCode::Char('f'), NONE)],
        "follow",
        Action::FollowLink,
        "follow the link, or the claim's source (claims list)",
        None
    ),
    bind!(
        [(KeyCode::Char('O'), SHIFT), (KeyCode::Char('O'), NONE)],
        "open-outside",
        Action::OpenOutside,
        "open the link (or the claim's source) in the browser",
        None
    ),
    bind!([(KeyCode::Char('y'), NONE)], "copy", Action::Yank, "copy the link's address or the claim's sentence", None),
    bind!([(KeyCode::Char(' '), NONE)], "toggle", Action::Toggle, "fold or show the category (fold chooser)", None),
    bind!([(KeyCode::Char('q'), NONE), (KeyCode::Esc, NONE)], "close", Action::Close, "close", None),
    bind!([(KeyCode::Char('c'), CTRL)], "quit", Action::Quit, "quit", None),
    bind!([(KeyCode::Char('z'), CTRL)], "suspend", Action::Suspend, "suspend to the shell (fg comes back)", None),
];

/// How one key press is written in help, hints, the README and `[keys]` (`j`, `↓`, `Ctrl-f`, `Space`).
pub fn key_name(code: KeyCode, mods: KeyModifiers) -> String {
    let name = match code {
        KeyCode::Char(' ') => "Space".to_string(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::F(n) => format!("F{n}"),
        other => NAMED.iter().find(|(_, c)| *c == other).map_or_else(|| format!("{other:?}"), |(n, _)| n.to_string()),
    };
    let alt = if mods.contains(KeyModifiers::ALT) { "Alt-" } else { "" };
    let ctrl = if mods.contains(CTRL) { "Ctrl-" } else { "" };
    format!("{ctrl}{alt}{name}")
}

/// Keys written by name, as help writes them, and the other names `[keys]` takes for them.
const NAMED: &[(&str, KeyCode)] = &[
    ("↓", KeyCode::Down),
    ("↑", KeyCode::Up),
    ("←", KeyCode::Left),
    ("→", KeyCode::Right),
    ("PgDn", KeyCode::PageDown),
    ("PgUp", KeyCode::PageUp),
    ("Home", KeyCode::Home),
    ("End", KeyCode::End),
    ("Enter", KeyCode::Enter),
    ("Esc", KeyCode::Esc),
    ("Backspace", KeyCode::Backspace),
    ("Tab", KeyCode::Tab),
    ("Delete", KeyCode::Delete),
    ("Insert", KeyCode::Insert),
    ("Down", KeyCode::Down),
    ("Up", KeyCode::Up),
    ("Left", KeyCode::Left),
    ("Right", KeyCode::Right),
    ("PageDown", KeyCode::PageDown),
    ("PageUp", KeyCode::PageUp),
    ("Return", KeyCode::Enter),
    ("Escape", KeyCode::Esc),
    ("Del", KeyCode::Delete),
];

/// The key press `name` writes (`j`, `G`, `Space`, `Ctrl-f`, `Alt-x`, `PgDn` or `PageDown`,
/// `F5`; names of keys are read in any case), or `None` for a name that is no key.
pub fn parse_key(name: &str) -> Option<(KeyCode, KeyModifiers)> {
    let mut mods = NONE;
    let mut rest = name;
    loop {
        let lower = rest.to_ascii_lowercase();
        let (prefix, flag) = match () {
            _ if lower.starts_with("ctrl-") => ("ctrl-", CTRL),
            _ if lower.starts_with("alt-") => ("alt-", KeyModifiers::ALT),
            _ if lower.starts_with("shift-") => ("shift-", SHIFT),
            _ => break,
        };
        if rest.len() == prefix.len() {
            break;
        }
        mods |= flag;
        rest = &rest[prefix.len()..];
    }
    let mut chars = rest.chars();
    let code = match (NAMED.iter().find(|(n, _)| n.eq_ignore_ascii_case(rest)), chars.next(), chars.next()) {
        (Some(&(_, code)), _, _) => code,
        (None, Some(c), None) if !c.is_control() => KeyCode::Char(c),
        _ if rest.eq_ignore_ascii_case("space") => KeyCode::Char(' '),
        _ => {
            let n: u8 = rest.strip_prefix(['F', 'f'])?.parse().ok()?;
            if !(1..=24).contains(&n) {
                return None;
            }
            KeyCode::F(n)
        }
    };
    // Shift is in the character (`G`); Ctrl with a letter is the same key in either case.
    let code = match code {
        KeyCode::Char(c) if mods.contains(SHIFT) => KeyCode::Char(c.to_ascii_uppercase()),
        KeyCode::Char(c) if mods.contains(CTRL) => KeyCode::Char(c.to_ascii_lowercase()),
        other => other,
    };
    if mods.contains(SHIFT) && !matches!(code, KeyCode::Char(_)) {
        return None;
    }
    Some((code, mods - SHIFT))
}

impl Binding {
    /// Every key of the binding, named once each (`G` bound with and without Shift is one `G`).
    pub fn names(&self) -> Vec<String> {
        let mut names: Vec<String> = Vec::new();
        for &(code, mods) in self.keys.iter() {
            let name = key_name(code, mods);
            if !names.contains(&name) {
                names.push(name);
            }
        }
        names
    }

    /// The keys as help writes them: `j ↓ Enter` (`none` when a remap took them all).
    pub fn shown(&self) -> String {
        let names = self.names();
        if names.is_empty() { "none".to_string() } else { names.join(" ") }
    }

    /// Whether the key press `key` is one of this binding's (a character that is no lowercase
    /// letter is the same key with or without Shift: terminals differ on `?` and `G`).
    fn binds(&self, key: &KeyEvent) -> bool {
        let pressed = normal((key.code, key.modifiers));
        self.keys.iter().any(|&k| normal(k) == pressed)
    }
}

/// A key press as the user knows it: Shift is in the character (`G`, `?`), so a character that
/// is no lowercase letter is the same key with or without Shift (terminals differ on which they send).
fn normal((code, mods): (KeyCode, KeyModifiers)) -> (KeyCode, KeyModifiers) {
    match code {
        KeyCode::Char(c) if !c.is_ascii_lowercase() => (code, mods - SHIFT),
        _ => (code, mods),
    }
}

/// The heading of the list keys in help.
pub const LISTS_HEADING: &str = "In lists (contents, claims, links, folds, history, help):";

/// How the first key bound to `action` in `table` is written ("Enter", "z"), for titles and
/// hints that name a key; empty when the table does not bind the action.
pub fn key_for(table: &[Binding], action: Action) -> String {
    table.iter().find(|b| b.action == action).and_then(|b| b.names().into_iter().next()).unwrap_or_default()
}

/// The key that always quits, whatever `[keys]` says: a way out is never remapped away.
const ALWAYS_QUITS: (KeyCode, KeyModifiers) = (KeyCode::Char('c'), CTRL);

/// The keys in force: the reader's and the lists' tables, as bundled or remapped by `[keys]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    /// Keys while reading the article.
    pub reading: Vec<Binding>,
    /// Keys inside a list overlay.
    pub lists: Vec<Binding>,
}

impl Default for Keymap {
    fn default() -> Self {
        Keymap { reading: READING.to_vec(), lists: OVERLAY.to_vec() }
    }
}

/// Which of the two tables a `[keys]` remap is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    /// `[keys]`: while reading.
    Reading,
    /// `[keys.lists]`: inside a list.
    Lists,
}

impl Table {
    /// How `config.toml` heads the remaps of this table.
    pub fn heading(self) -> &'static str {
        match self {
            Table::Reading => "[keys]",
            Table::Lists => "[keys.lists]",
        }
    }
}

/// One line of `[keys]` or `[keys.lists]`, as the config file gives it: the action's name and
/// the keys it is to have (none when the line gives no key or list of keys).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Remap {
    /// The table the line is in.
    pub table: Table,
    /// The action, as `[keys]` writes it (`next-claim`).
    pub name: String,
    /// The keys, written as help writes them; none when the value was not keys.
    pub keys: Option<Vec<String>>,
}

impl Keymap {
    /// The table `which` names.
    fn table_mut(&mut self, which: Table) -> &mut Vec<Binding> {
        match which {
            Table::Reading => &mut self.reading,
            Table::Lists => &mut self.lists,
        }
    }

    /// The action names a table knows, as `[keys]` writes them.
    pub fn names(&self, which: Table) -> Vec<&'static str> {
        let table = match which {
            Table::Reading => &self.reading,
            Table::Lists => &self.lists,
        };
        table.iter().map(|b| b.name).collect()
    }

    /// Binds the action `name` of table `which` to exactly the keys `keys` (written as help
    /// writes them); each key leaves whichever other action of that table had it. An unknown
    /// action or key, or Ctrl-c (it always quits), changes nothing and comes back as the problem.
    pub fn remap(&mut self, which: Table, name: &str, keys: &[String]) -> Result<(), String> {
        let known = self.names(which);
        if !known.contains(&name) {
            return Err(format!("unknown action `{name}` (the actions are {})", known.join(", ")));
        }
        let mut presses = Vec::new();
        for key in keys {
            let press = parse_key(key).ok_or_else(|| {
                format!(
                    "`{key}` is no key (write keys as help does: \"j\", \"G\", \"Ctrl-f\", \"PgDn\", \"Space\", \"F5\")"
                )
            })?;
            if press == ALWAYS_QUITS && name != "quit" {
                return Err(format!("`{key}` always quits; {name} keeps its keys"));
            }
            if !presses.contains(&press) {
                presses.push(press);
            }
        }
        let table = self.table_mut(which);
        for binding in table.iter_mut() {
            if binding.name == name {
                binding.keys = Cow::Owned(presses.clone());
            } else if binding.keys.iter().any(|&k| presses.contains(&normal(k))) {
                let kept = binding.keys.iter().filter(|&&k| !presses.contains(&normal(k))).copied();
                binding.keys = Cow::Owned(kept.collect());
            }
        }
        if let Some(quit) = table.iter_mut().find(|b| b.action == Action::Quit)
            && !quit.keys.contains(&ALWAYS_QUITS)
        {
            quit.keys.to_mut().push(ALWAYS_QUITS);
        }
        Ok(())
    }

    /// Applies the lines of `[keys]` and `[keys.lists]` in their order, each binding an action
    /// to a key or a list of keys (see `remap`). A line that cannot apply is a warning naming
    /// it; the others apply, and an action whose keys all went to others is named too.
    pub fn apply(&mut self, remaps: &[Remap]) -> Vec<String> {
        let mut warnings = Vec::new();
        let mut applied: Vec<(Table, &str, &[String])> = Vec::new();
        for remap in remaps {
            let (table, name) = (remap.table, remap.name.as_str());
            let problem = match &remap.keys {
                Some(given) => match self.remap(table, name, given) {
                    Ok(()) => {
                        applied.push((table, name, given));
                        None
                    }
                    Err(problem) => Some(problem),
                },
                None => {
                    Some(format!("{name} must be a key in quotes or a list of them, as \"n\" or [\"n\", \"Ctrl-n\"]"))
                }
            };
            if let Some(problem) = problem {
                warnings.push(format!("{} {problem}; that line is ignored, the rest applies", table.heading()));
            }
        }
        // A key given to two actions of a table stays with the one remapped last.
        for &(table, name, given) in &applied {
            let bindings = if table == Table::Lists { &self.lists } else { &self.reading };
            let Some(binding) = bindings.iter().find(|b| b.name == name) else { continue };
            for key in given {
                let taken_by = parse_key(key)
                    .filter(|press| !binding.keys.contains(press))
                    .and_then(|press| bindings.iter().find(|b| b.keys.contains(&press)));
                if let Some(other) = taken_by {
                    warnings.push(format!(
                        "{} `{key}` is given to {name} and {}; {} has it",
                        table.heading(),
                        other.name,
                        other.name
                    ));
                }
            }
        }
        for table in [Table::Reading, Table::Lists] {
            let bindings = if table == Table::Lists { &self.lists } else { &self.reading };
            let set = |name: &str| remaps.iter().any(|r| r.table == table && r.name == name);
            for lost in bindings.iter().filter(|b| b.keys.is_empty() && !set(b.name)) {
                warnings.push(format!(
                    "{} {} has no key left: its keys went to other actions",
                    table.heading(),
                    lost.name
                ));
            }
        }
        warnings
    }

    /// The action a key press asks for in `context`, if any (key releases ask for none).
    pub fn action_for(&self, context: KeyContext, key: KeyEvent) -> Option<Action> {
        if key.kind != KeyEventKind::Press {
            return None;
        }
        match context {
            KeyContext::SearchPrompt => search_prompt_action(key),
            KeyContext::LinkPrompt => link_prompt_action(key),
            KeyContext::Overlay => self.lists.iter().find(|b| b.binds(&key)).map(|b| b.action),
            KeyContext::Reading => self.reading.iter().find(|b| b.binds(&key)).map(|b| b.action),
        }
    }

    /// The help overlay's lines, from the same tables that map the keys.
    pub fn help_lines(&self) -> Vec<String> {
        let line = |b: &Binding| format!("{:<18} {}", b.shown(), b.help);
        let mut lines: Vec<String> = self.reading.iter().map(line).collect();
        lines.push(String::new());
        lines.push(LISTS_HEADING.to_string());
        lines.extend(self.lists.iter().map(line));
        lines.push(String::new());
        lines.push("In the search prompt: type, Enter to keep, Esc to clear".to_string());
        lines.push("In the link prompt (f): type the number, Enter to open, Esc to cancel".to_string());
        lines.push("Keys are remapped in config.toml, [keys] and [keys.lists] (see the README)".to_string());
        lines.push(
            "Colours: theme = \"dark\", \"light\" or \"auto\" in config.toml, or --theme; NO_COLOR: none".to_string(),
        );
        lines
    }

    /// The help overlay's lines wrapped to `width` cells between words: a key's description
    /// goes on under itself, after the keys' column.
    pub fn help_lines_in(&self, width: usize) -> Vec<String> {
        let keyed: std::collections::HashSet<String> =
            self.reading.iter().chain(&self.lists).map(|b| format!("{:<18} {}", b.shown(), b.help)).collect();
        let mut out = Vec::new();
        for line in self.help_lines() {
            let indent = if keyed.contains(&line) && width > 40 { " ".repeat(19) } else { String::new() };
            let options = textwrap::Options::new(width.max(1)).subsequent_indent(&indent).break_words(true);
            if line.is_empty() {
                out.push(line);
            } else {
                out.extend(textwrap::wrap(&line, options).into_iter().map(|l| l.into_owned()));
            }
        }
        out
    }

    /// How the first key bound to `action` while reading is written, for messages that name it.
    pub fn reading_key(&self, action: Action) -> String {
        key_for(&self.reading, action)
    }

    /// How the first key bound to `action` in lists is written, for list titles.
    pub fn list_key(&self, action: Action) -> String {
        key_for(&self.lists, action)
    }
}

/// Keys in the search prompt: they type the query (fixed, not remapped).
fn search_prompt_action(key: KeyEvent) -> Option<Action> {
    match (key.code, key.modifiers) {
        (KeyCode::Char('c'), CTRL) => Some(Action::Quit),
        (KeyCode::Char('z'), CTRL) => Some(Action::Suspend),
        (KeyCode::Esc, _) => Some(Action::Escape),
        (KeyCode::Enter, _) => Some(Action::SearchConfirm),
        (KeyCode::Backspace, _) => Some(Action::SearchBackspace),
        (KeyCode::Char(c), m) if !m.contains(CTRL) && !m.contains(KeyModifiers::ALT) => Some(Action::SearchInput(c)),
        _ => None,
    }
}

/// Keys in the link prompt (after `f`): they type a link's number (fixed, not remapped).
fn link_prompt_action(key: KeyEvent) -> Option<Action> {
    match (key.code, key.modifiers) {
        (KeyCode::Char('c'), CTRL) => Some(Action::Quit),
        (KeyCode::Char('z'), CTRL) => Some(Action::Suspend),
        (KeyCode::Esc, _) | (KeyCode::Char('q'), _) => Some(Action::Escape),
        (KeyCode::Enter, _) => Some(Action::SearchConfirm),
        (KeyCode::Backspace, _) => Some(Action::SearchBackspace),
        (KeyCode::Char(c @ '0'..='9'), _) => Some(Action::LinkDigit(c as u8 - b'0')),
        _ => None,
    }
}

/// Where keys go: the search prompt takes text; overlays and reading have their tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyContext {
    /// Reading the article: the keymap's reading table.
    Reading,
    /// A list is open: the keymap's list table.
    Overlay,
    /// The search prompt is open: keys type the query.
    SearchPrompt,
    /// The link prompt is open (after `f`): keys type a link's number.
    LinkPrompt,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    fn action_for(context: KeyContext, key: KeyEvent) -> Option<Action> {
        Keymap::default().action_for(context, key)
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
        let remapped = [bind!([(KeyCode::Char('o'), NONE)], "select", Action::Select, "jump there", None)];
        assert_eq!(key_for(&remapped, Action::Select), "o");
        assert_eq!(key_for(&remapped, Action::Close), "");
    }

    #[test]
    fn key_releases_are_ignored() {
        let mut key = press(KeyCode::Char('j'), NONE);
        key.kind = KeyEventKind::Release;
        assert_eq!(action_for(KeyContext::Reading, key), None);
    }

    #[test]
    fn every_bound_key_reads_back_from_its_name() {
        for binding in READING.iter().chain(OVERLAY) {
            for &(code, mods) in binding.keys.iter() {
                let name = key_name(code, mods);
                let (back, back_mods) = parse_key(&name).unwrap_or_else(|| panic!("{name} does not parse"));
                assert_eq!(back, code, "{name}");
                assert!(back_mods == mods || mods == SHIFT, "{name}: {back_mods:?} against {mods:?}");
            }
        }
        assert_eq!(parse_key("PageDown"), Some((KeyCode::PageDown, NONE)));
        assert_eq!(parse_key("ctrl-F"), Some((KeyCode::Char('f'), CTRL)));
        assert_eq!(parse_key("Shift-g"), Some((KeyCode::Char('G'), NONE)));
        assert_eq!(parse_key("space"), Some((KeyCode::Char(' '), NONE)));
        assert_eq!(parse_key("F5"), Some((KeyCode::F(5), NONE)));
        assert_eq!(parse_key("Alt-x"), Some((KeyCode::Char('x'), KeyModifiers::ALT)));
        assert_eq!(key_name(KeyCode::F(5), NONE), "F5");
        for bad in ["", "Ctrl-", "jj", "F99", "Shift-Enter", "Hyper-x"] {
            assert_eq!(parse_key(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_remapped_key_does_the_new_action_and_leaves_the_old_one() {
        let mut keys = Keymap::default();
        keys.remap(Table::Reading, "search", &["s".to_string(), "Ctrl-s".to_string()]).unwrap();
        assert_eq!(keys.action_for(KeyContext::Reading, press(KeyCode::Char('s'), NONE)), Some(Action::Search));
        assert_eq!(keys.action_for(KeyContext::Reading, press(KeyCode::Char('s'), CTRL)), Some(Action::Search));
        assert_eq!(keys.action_for(KeyContext::Reading, press(KeyCode::Char('/'), NONE)), None);
        assert_eq!(keys.reading_key(Action::Search), "s");
        assert_eq!(keys.reading_key(Action::Save), "");
        assert!(keys.help_lines().iter().any(|l| l.starts_with("s Ctrl-s ") && l.contains("search")));
        assert!(keys.help_lines().iter().any(|l| l.starts_with("none ") && l.contains("save the clean")));
        // The lists keep their own keys.
        assert_eq!(keys.action_for(KeyContext::Overlay, press(KeyCode::Char('j'), NONE)), Some(Action::Down(1)));
        // A capital takes the key with and without Shift from the action that had it.
        keys.remap(Table::Reading, "next-claim", &["G".to_string()]).unwrap();
        assert_eq!(keys.action_for(KeyContext::Reading, press(KeyCode::Char('G'), SHIFT)), Some(Action::NextClaim));
        assert_eq!(keys.reading_key(Action::Bottom), "End");
        keys.remap(Table::Lists, "select", &["l".to_string()]).unwrap();
        assert_eq!(keys.action_for(KeyContext::Overlay, press(KeyCode::Char('l'), NONE)), Some(Action::Select));
        assert_eq!(keys.list_key(Action::Select), "l");
    }

    #[test]
    fn a_remap_that_cannot_be_is_a_problem_and_changes_nothing() {
        let mut keys = Keymap::default();
        let err = keys.remap(Table::Reading, "jump", &["j".to_string()]).unwrap_err();
        assert!(err.contains("unknown action `jump`") && err.contains("next-claim"), "{err}");
        let err = keys.remap(Table::Reading, "save", &["Ctrl-".to_string()]).unwrap_err();
        assert!(err.contains("`Ctrl-` is no key"), "{err}");
        let err = keys.remap(Table::Lists, "select", &["Ctrl-c".to_string()]).unwrap_err();
        assert!(err.contains("always quits"), "{err}");
        assert_eq!(keys, Keymap::default());
        // Quit can be given more keys, never lose Ctrl-c.
        keys.remap(Table::Reading, "quit", &["Q".to_string()]).unwrap();
        assert_eq!(keys.action_for(KeyContext::Reading, press(KeyCode::Char('c'), CTRL)), Some(Action::Quit));
        assert_eq!(keys.action_for(KeyContext::Reading, press(KeyCode::Char('Q'), SHIFT)), Some(Action::Quit));
    }

    #[test]
    fn remaps_apply_in_order_and_each_problem_names_its_table() {
        let line = |table, name: &str, keys: Option<&[&str]>| Remap {
            table,
            name: name.to_string(),
            keys: keys.map(|k| k.iter().map(|k| k.to_string()).collect()),
        };
        let mut keys = Keymap::default();
        let warnings = keys.apply(&[
            line(Table::Reading, "save", Some(&["w"])),
            line(Table::Reading, "search", Some(&["w"])),
            line(Table::Lists, "close", None),
        ]);
        assert_eq!(keys.action_for(KeyContext::Reading, press(KeyCode::Char('w'), NONE)), Some(Action::Search));
        assert_eq!(warnings.len(), 2, "save is named by a line, so its lost keys are not news: {warnings:?}");
        assert!(warnings[0].starts_with("[keys.lists] close must be a key"), "{warnings:?}");
        assert!(warnings[1].contains("[keys] `w` is given to save and search; search has it"), "{warnings:?}");
        let warnings = keys.apply(&[line(Table::Reading, "fold", Some(&["s"]))]);
        assert_eq!(warnings, ["[keys] save has no key left: its keys went to other actions"]);
    }
}
