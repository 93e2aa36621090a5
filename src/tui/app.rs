//! The reader's state and the one function that changes it: `update(&mut Model, Action)`.
//! Pure: what it asks of the world outside (saving a copy, opening a link…) it queues as an
//! `Effect` for the event loop; testable without a terminal.

use super::document::{Document, LineKind, Page, Pos, Seg};
use super::keys::{Action, KeyContext, Keymap};
use super::lists::claims::Claims;
use super::lists::contents::Contents;
use super::lists::folds::Folds;
use super::lists::help::Help;
use super::lists::history::History;
use super::lists::links::{Links, Sources};
use super::lists::picker::StoryChoice;
use super::lists::picker::{MarkAs, MarkStory};
use super::lists::{Context, List, Picked, move_selection};
use crate::article::{Article, Label, Relabel};
use crate::library::Library;
use crate::source::Input;
use crate::source::follow::{self, Destination};
use crate::text::safe::visible;
use regex::{Regex, RegexBuilder};
use std::collections::BTreeSet;
use std::ops::Range;
use std::path::PathBuf;

/// A search: the query, whether it is still being typed, and what it found. It finds what the
/// screen shows, the story and any fold opened: text in closed folds is only counted (`Z` opens
/// the folds, and then their matches are visited too), so `n` never leads into the clutter.
#[derive(Debug, Clone)]
pub struct Search {
    query: String,
    /// Still being typed (the prompt is open).
    typing: bool,
    /// Matches in reading order, outside closed folds: block id and byte range in its text.
    matches: Vec<(usize, Range<usize>)>,
    /// Index into `matches` of the match last gone to.
    current: Option<usize>,
    /// How many matches closed folds hide.
    folded: usize,
    /// The top line when the search began: where a failed or cancelled search goes back to.
    origin: Pos,
}

impl Search {
    /// The query as typed.
    pub fn query(&self) -> &str {
        &self.query
    }

    /// Whether the query is still being typed (the prompt is open).
    pub fn is_typing(&self) -> bool {
        self.typing
    }

    /// The matches in reading order: a block id and a byte range of its text.
    pub fn matches(&self) -> &[(usize, Range<usize>)] {
        &self.matches
    }

    /// Index into `matches()` of the match last gone to.
    pub fn current(&self) -> Option<usize> {
        self.current
    }

    /// How many matches are in closed folds (not visited until the folds are opened).
    pub fn folded(&self) -> usize {
        self.folded
    }

    /// An empty query, the prompt open, begun with `origin` on the top line.
    fn prompt(origin: Pos) -> Search {
        Search { query: String::new(), typing: true, matches: Vec::new(), current: None, folded: 0, origin }
    }

    /// Closes the prompt; false when there is nothing to keep (the query is empty).
    fn confirm(&mut self) -> bool {
        self.typing = false;
        !self.query.is_empty()
    }

    /// Finds the query again in every block the document shows, counting those in closed
    /// folds apart; the current match stays current if it is still found.
    fn find(&mut self, page: Page) {
        let (article, doc) = (page.article, page.doc);
        let current = self.current.and_then(|i| self.matches.get(i).cloned());
        self.matches.clear();
        self.current = None;
        self.folded = 0;
        let Some(regex) = smart_case(&self.query) else { return };
        for block in &article.blocks {
            let Some(seg) = doc.seg_of_block(block.id) else { continue };
            let hidden = doc.is_hidden(seg);
            for m in regex.find_iter(&block.text) {
                if m.range().is_empty() {
                    continue;
                }
                if hidden {
                    self.folded += 1;
                } else {
                    self.matches.push((block.id, m.range()));
                }
            }
        }
        self.current = current.and_then(|c| self.matches.iter().position(|m| *m == c));
    }

    /// What the status line says when nothing shown matches.
    fn not_found(&self, keys: &Keymap) -> String {
        let query = visible(&self.query);
        match self.folded {
            0 => format!("pattern not found: {query}"),
            n => format!(
                "no match for {query} in the story; {n} in folded text ({} opens every fold)",
                keys.reading_key(Action::ToggleAllFolds)
            ),
        }
    }

    /// Makes the next (or previous) match current: after the current one, else after `here`
    /// (a block and byte offset), wrapping round. None when nothing matches.
    fn advance(&mut self, forward: bool, here: (usize, usize)) -> Option<usize> {
        let n = self.matches.len();
        if n == 0 {
            return None;
        }
        let index = match (self.current, forward) {
            (Some(i), true) => (i + 1) % n,
            (Some(i), false) => (i + n - 1) % n,
            (None, forward) => {
                let after = self.matches.partition_point(|(b, r)| (*b, r.start) < here);
                if forward { after % n } else { after.checked_sub(1).unwrap_or(n - 1) }
            }
        };
        self.current = Some(index);
        Some(index)
    }

    /// Indices of the matches in block `id` (matches are in reading order).
    pub fn matches_in(&self, id: usize) -> Range<usize> {
        let start = self.matches.partition_point(|(b, _)| *b < id);
        start..self.matches.partition_point(|(b, _)| *b <= id)
    }
}

/// Something the reader asks of the world outside the model; the event loop does it (tests
/// look at it instead, so no browser opens and no clipboard changes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Open this address outside folio: `$BROWSER`'s commands in order, else the platform's
    /// opener (`outside::open_url`).
    Open(String),
    /// Put this text on the terminal's clipboard (OSC 52, which also works over ssh).
    Copy(String),
    /// Remember this mark for its site (in the data folder's `learned/marks.jsonl`).
    Learn(crate::sites::Mark),
    /// Load the history and the saved copies and show them (`Model::show_library`).
    ShowLibrary,
    /// Read this page in the background and open it in place of the article open now, which
    /// is kept to go back to; then go to the place its fragment names, if any.
    Read {
        /// The page: a web address or a local file.
        input: Input,
        /// Where in it to go (`#fragment`, without the `#`).
        fragment: Option<String>,
    },
    /// Stop reading the page being fetched; the article open now stays.
    CancelLoad,
    /// Go back to the page read before this one, as it was left.
    Back,
    /// Go forward again to the page gone back from, as it was left.
    Forward,
    /// Read the page open now again (fetch it anew), keeping the place.
    Reload,
    /// Hand the terminal back and stop folio, as Ctrl-z does in a shell; redraw when continued.
    Suspend,
    /// Forget these marks remembered earlier (`u` undid them).
    Forget(Vec<crate::sites::Mark>),
    /// Write this clean copy into the save folder (`s`), and say where it went.
    Save(CopyToSave),
}

/// The link prompt: the number typed so far, and whether the link is to open outside folio.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LinkPrompt {
    /// The digits typed.
    pub typed: String,
    /// `O`: open it with the browser, not in folio (`f`).
    pub outside: bool,
}

/// A clean copy to keep: what `s` asks the event loop to write (see `outside::save_copy`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CopyToSave {
    /// The folder it goes in.
    pub folder: PathBuf,
    /// Its `saved:` time stamp, which also dates its file name.
    pub saved_at: String,
    /// What its file is named after.
    pub title: String,
    /// The copy: front matter and the clean Markdown.
    pub text: String,
}

/// A mark made in this reading, as `u` undoes it.
#[derive(Debug, Clone)]
struct MarkMade {
    /// Each block marked, with its category and reason before.
    before: Vec<(usize, Label, std::borrow::Cow<'static, str>)>,
    /// What was remembered for the site.
    remembered: Vec<crate::sites::Mark>,
}

/// What the reader is told from outside: configuration and command line.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Width of the reading column, in cells.
    pub column: u16,
    /// Where `s` saves the clean copy.
    pub save_dir: PathBuf,
    /// The keys in force (the bundled tables, or as `[keys]` remapped them).
    pub keys: Keymap,
}

/// The reader's state: the article, where it is read and what is open over it; `update` changes it.
pub struct Model {
    article: Article,
    doc: Document,
    /// The first line on the screen.
    top: Pos,
    /// Terminal size.
    width: u16,
    height: u16,
    settings: Settings,
    /// The categories that fold.
    folding: BTreeSet<Label>,
    /// The list open over the article, if any.
    overlay: Option<Box<dyn List>>,
    search: Option<Search>,
    /// Index into the article's claims of the claim last gone to.
    claim: Option<usize>,
    /// Shown on the status line until the next key.
    message: Option<String>,
    quit: bool,
    /// Minutes to read the story (230 words a minute), counted once.
    reading_minutes: usize,
    /// The time stamp written into saved copies (a function, so tests can fix it).
    clock: fn() -> String,
    /// What the event loop has yet to do outside the model.
    effects: Vec<Effect>,
    /// The link number being typed after `f` or `O` (the link prompt is open while this is some).
    link_prompt: Option<LinkPrompt>,
    /// The page being read in the background, by name, while it is (the loop says so).
    loading: Option<String>,
    /// Where this page is in the pages visited: its place (from 1) and how many there are.
    trail: (usize, usize),
    /// The top lines that in-page links (`#section`) left, the newest last: back returns there first.
    jumps: Vec<Pos>,
    /// The section last jumped to and the top line the jump left: while the top line stays
    /// there, that section is the current one (near the end the heading cannot reach the top).
    section_jump: Option<(usize, Pos)>,
    /// The site marks are remembered for (`sites::site_of`), if the page names one.
    site: Option<String>,
    /// The articles read and the saved copies, as last loaded for the `H` list.
    library: Library,
    /// The marks made in this reading, the newest last (`u` undoes them in turn).
    marks_made: Vec<MarkMade>,
    /// Cells that lines of code (and tables too wide to wrap) are scrolled sideways, as `less -S` does.
    shift: usize,
    /// What finds the claims again when a mark changes the story (the scorer that found them).
    claims: crate::claims::Scorer,
}

/// Rows above and below the article text: the header and the status line.
pub const CHROME_ROWS: u16 = 2;

impl Model {
    /// The reader on `article`, at its top, in a terminal `width` × `height` cells.
    pub fn new(article: Article, settings: Settings, width: u16, height: u16) -> Model {
        let folding: BTreeSet<Label> = Label::ALL.into_iter().filter(|l| l.is_boilerplate()).collect();
        let column = column_width(settings.column, width);
        let doc = Document::new(&article, &folding, column);
        let words: usize = article.story().map(|b| b.text.split_whitespace().count()).sum();
        let site = crate::sites::site_of(&article);
        Model {
            reading_minutes: words.div_ceil(230).max(1),
            article,
            doc,
            top: Pos::default(),
            width,
            height,
            settings,
            folding,
            overlay: None,
            search: None,
            claim: None,
            message: None,
            quit: false,
            clock: crate::save::now,
            effects: Vec::new(),
            link_prompt: None,
            loading: None,
            trail: (1, 1),
            jumps: Vec::new(),
            section_jump: None,
            site,
            library: Library::default(),
            marks_made: Vec::new(),
            shift: 0,
            claims: crate::claims::Scorer::bundled(),
        }
    }

    /// The same reader finding claims with `claims` when a mark changes the story (the scorer
    /// the article was read with; the bundled one unless said).
    pub fn with_claims(self, claims: crate::claims::Scorer) -> Model {
        Model { claims, ..self }
    }

    /// The article being read.
    pub fn article(&self) -> &Article {
        &self.article
    }

    /// The article as laid out: segments, folds, numbered links and wrapped lines.
    pub fn document(&self) -> &Document {
        &self.doc
    }

    /// The article and its layout, read together (see `Page`).
    pub fn page(&self) -> Page<'_> {
        Page { article: &self.article, doc: &self.doc }
    }

    /// The first line on the screen.
    pub fn top(&self) -> Pos {
        self.top
    }

    /// The terminal's width and height, in cells.
    pub fn size(&self) -> (u16, u16) {
        (self.width, self.height)
    }

    /// Cells that lines of code (and tables too wide to wrap) are scrolled to the right.
    pub fn shift(&self) -> usize {
        self.shift
    }

    /// The list open over the article, if any.
    pub fn overlay(&self) -> Option<&dyn List> {
        self.overlay.as_deref()
    }

    /// The list open over the article, if it is a list of kind `L` (`model.list::<Links>()`).
    pub fn list<L: List>(&self) -> Option<&L> {
        let list: &dyn std::any::Any = self.overlay.as_deref()?;
        list.downcast_ref()
    }

    /// What the lists read of the reader.
    pub fn context(&self) -> Context<'_> {
        Context {
            page: self.page(),
            keys: &self.settings.keys,
            library: &self.library,
            folding: &self.folding,
            current_section: self.current_section(),
            columns: self.list_columns(),
        }
    }

    /// The search being typed or kept, if any.
    pub fn search(&self) -> Option<&Search> {
        self.search.as_ref()
    }

    /// Index into the article's claims of the claim last gone to (cleared by `Escape`).
    pub fn claim(&self) -> Option<usize> {
        self.claim
    }

    /// The status line's message, shown until the next key.
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// Shows `message` on the status line until the next key.
    pub fn show_message(&mut self, message: String) {
        self.message = Some(message);
    }

    /// Whether the reader has been asked to quit.
    pub fn has_quit(&self) -> bool {
        self.quit
    }

    /// Minutes to read the story, at 230 words a minute.
    pub fn reading_minutes(&self) -> usize {
        self.reading_minutes
    }

    /// Whether blocks of category `label` fold (the fold chooser's ticks).
    pub fn is_folding(&self, label: Label) -> bool {
        self.folding.contains(&label)
    }

    /// The settings the reader was opened with (a new article opened from the history keeps them).
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The articles read and the saved copies, as the `H` list shows them.
    pub fn library(&self) -> &Library {
        &self.library
    }

    /// Shows `library` (loaded by the event loop after `Effect::ShowLibrary`) as the `H` list,
    /// with its warnings on the status line; an empty one is only said.
    pub fn show_library(&mut self, library: Library) {
        self.message = (!library.warnings.is_empty()).then(|| library.warnings.join("; "));
        if library.is_empty() {
            self.message.get_or_insert_with(|| "no articles read and no copies saved yet".to_string());
        } else {
            self.overlay = Some(Box::new(History { selected: 0 }));
        }
        self.library = library;
    }

    /// Fixes the time stamp written into saved copies (tests use a constant one).
    pub fn set_clock(&mut self, clock: fn() -> String) {
        self.clock = clock;
    }

    /// Rows a list shows at once: the screen less the margin and the list's border.
    pub fn overlay_rows(&self) -> usize {
        self.height.saturating_sub(4).max(1) as usize
    }

    /// Cells inside a list of short entries (help, contents, folds): the screen less the
    /// margin and the border, at most 100 wide.
    pub fn list_columns(&self) -> usize {
        self.width.saturating_sub(4).clamp(1, 100).saturating_sub(2) as usize
    }

    /// Rows available for the article's text.
    pub fn rows(&self) -> usize {
        self.height.saturating_sub(CHROME_ROWS).max(1) as usize
    }

    /// What the event loop has yet to do (open a link, copy to the clipboard), oldest first;
    /// taking them empties the queue.
    pub fn take_effects(&mut self) -> Vec<Effect> {
        std::mem::take(&mut self.effects)
    }

    /// The link prompt after `f` or `O`, while it is open.
    pub fn link_prompt(&self) -> Option<&LinkPrompt> {
        self.link_prompt.as_ref()
    }

    /// The page being read in the background, by name, if one is.
    pub fn loading(&self) -> Option<&str> {
        self.loading.as_deref()
    }

    /// Says (for the status line) that `page` is being read in the background, or that none is.
    pub fn set_loading(&mut self, page: Option<String>) {
        self.loading = page;
    }

    /// Where this page is among the pages visited: its place, from 1, and how many there are.
    pub fn trail(&self) -> (usize, usize) {
        self.trail
    }

    /// Sets where this page is among the pages visited (the event loop keeps them).
    pub fn set_trail(&mut self, at: usize, of: usize) {
        self.trail = (at, of);
    }

    /// Which table the next key is looked up in: a prompt's, a list's or reading's.
    pub fn key_context(&self) -> KeyContext {
        if self.link_prompt.is_some() {
            KeyContext::LinkPrompt
        } else if self.search.as_ref().is_some_and(|s| s.typing) {
            KeyContext::SearchPrompt
        } else if self.overlay.is_some() {
            KeyContext::Overlay
        } else {
            KeyContext::Reading
        }
    }

    /// The block at the top of the screen (or the first block of a fold there).
    pub fn top_block(&self) -> Option<usize> {
        self.doc.block_at(self.top.seg)
    }

    /// Index into `article.sections()` of the section being read: the one last jumped to while
    /// the screen has not moved since, else the one the top line is in.
    pub fn current_section(&self) -> Option<usize> {
        if let Some((section, top)) = self.section_jump
            && top == self.top
        {
            return Some(section);
        }
        let block = self.top_block()?;
        self.article.sections().partition_point(|s| s.block <= block).checked_sub(1)
    }

    /// Position in the article, 0–100: how much of the text shown lies above the top line, as
    /// a share of what lies above it on the last screen (so the end is 100%, reached smoothly).
    pub fn percent(&self) -> u16 {
        let last = self.page().last_top(self.rows());
        if self.top >= last || self.doc.segs.len() <= 1 {
            return 100;
        }
        let (here, end) = (self.page().weight_before(self.top), self.page().weight_before(last));
        (here * 100).checked_div(end).map_or(100, |p| p.min(99) as u16)
    }

    fn clamp_top(&mut self) {
        let last = self.page().last_top(self.rows());
        if self.top > last {
            self.top = last;
        }
        if self.doc.is_hidden(self.top.seg) {
            self.top = Pos { seg: self.doc.fold_of(self.top.seg).map_or(0, |f| self.doc.folds[f].seg), line: 0 };
        }
    }

    fn scroll_down(&mut self, n: usize) {
        self.top = self.page().down(self.top, n);
        self.clamp_top();
    }

    fn scroll_up(&mut self, n: usize) {
        self.top = self.page().up(self.top, n);
    }

    /// Puts byte `offset` of block `id` on the top line, opening its fold if it is hidden.
    pub fn jump_to(&mut self, id: usize, offset: usize) {
        let Some(seg) = self.doc.seg_of_block(id) else { return };
        self.doc.reveal(seg);
        let line = self.page().line_of_offset(seg, offset);
        self.top = Pos { seg, line };
        self.clamp_top();
    }

    /// The block and byte offset at the top of the screen (what a resize keeps).
    pub fn anchor(&self) -> (usize, usize) {
        (self.top_block().unwrap_or(0), self.page().offset_of(self.top))
    }

    /// Where the reader is, as a place in the story to come back to: the story block on the top
    /// line and the byte there. From a fold line or folded text it is the first story block
    /// below (else, at the end, the last one above), never a folded block. None at the start:
    /// nothing of the story lies above the screen, and reopening is opening afresh.
    pub fn place(&self) -> Option<(usize, usize)> {
        let doc = self.page();
        let story = |seg: &usize| doc.fold_of(*seg).is_none();
        let (seg, offset) = if story(&self.top.seg) {
            (self.top.seg, doc.offset_of(self.top))
        } else if let Some(below) = (self.top.seg..doc.segs.len()).find(story) {
            (below, 0)
        } else {
            let above = (0..self.top.seg).rev().find(story)?;
            let last = Pos { seg: above, line: doc.height(above).saturating_sub(1) };
            (above, doc.offset_of(last))
        };
        let first = (0..doc.segs.len()).find(story)?;
        let block = doc.block_at(seg)?;
        (seg != first || offset > 0).then_some((block, offset))
    }

    /// Goes back to a place `place()` gave: byte `offset` of story block `id` on the top line,
    /// opening no fold (a block folded since then, or a place saved inside a fold by an older
    /// folio, is its closed fold's line). False when that is the article's start.
    pub fn resume(&mut self, id: usize, offset: usize) -> bool {
        let Some(seg) = self.doc.seg_of_block(id) else { return false };
        self.top = match self.doc.fold_of(seg) {
            Some(f) => Pos { seg: self.doc.folds[f].seg, line: 0 },
            None => Pos { seg, line: self.page().line_of_offset(seg, offset) },
        };
        self.clamp_top();
        self.top != self.doc.start()
    }

    fn resize(&mut self, width: u16, height: u16) {
        let (block, offset) = self.anchor();
        let on_fold = matches!(self.doc.segs.get(self.top.seg), Some(Seg::Fold(_)));
        let top_seg = self.top.seg;
        self.width = width;
        self.height = height;
        self.doc.set_width(column_width(self.settings.column, width));
        if on_fold {
            self.top = Pos { seg: top_seg, line: 0 };
            self.clamp_top();
        } else {
            self.jump_to(block, offset);
        }
    }

    /// The fold `ToggleFold` acts on: the first one seen on the screen, by its fold line or, when
    /// open, by its text (a closed fold whose line has scrolled off the top is not seen).
    fn fold_near_top(&self) -> Option<usize> {
        let window = self.page().window(self.top, self.rows());
        window.iter().find_map(|(seg, line)| {
            let f = self.doc.fold_of(*seg)?;
            (self.doc.folds[f].open || line.kind == LineKind::Fold).then_some(f)
        })
    }

    fn rebuild(&mut self) {
        let (block, offset) = self.anchor();
        self.doc = Document::new(&self.article, &self.folding, self.doc.width());
        self.jump_to(block, offset);
        self.find_again();
    }

    /// Searches again after folds opened or closed: the search finds what is shown.
    fn find_again(&mut self) {
        if let Some(search) = self.search.as_mut() {
            search.find(Page { article: &self.article, doc: &self.doc });
        }
    }

    /// `s`: asks the event loop to save the clean copy.
    fn save(&mut self) {
        let saved_at = (self.clock)();
        let text = crate::export::markdown::clean_markdown(&self.article, &saved_at);
        let (folder, title) = (self.settings.save_dir.clone(), self.article.copy_name());
        self.effects.push(Effect::Save(CopyToSave { folder, saved_at, title, text }));
    }

    /// Scrolls code sideways by half the column, as `less -S` does with its arrows: to the
    /// right only while a line on the screen goes on past the edge.
    fn scroll_sideways(&mut self, right: bool) {
        let step = (self.doc.width() / 2).max(1);
        if !right {
            self.shift = self.shift.saturating_sub(step);
            return;
        }
        let widest = self.widest_verbatim();
        let furthest = (widest + 1).saturating_sub(self.doc.width());
        if self.shift >= furthest {
            self.message = Some(match self.shift {
                0 => "no line on this screen goes on past the edge".to_string(),
                _ => "at the end of the longest line on this screen".to_string(),
            });
            return;
        }
        self.shift = (self.shift + step).min(furthest);
    }

    /// The width in cells of the widest line of code (or of a table too wide to wrap) on the screen.
    fn widest_verbatim(&self) -> usize {
        use unicode_width::UnicodeWidthStr;
        let window = self.page().window(self.top, self.rows());
        let widths = window.iter().filter(|(_, line)| line.kind == LineKind::Verbatim).map(|(seg, line)| {
            let Some(Seg::Block(id)) = self.doc.segs.get(*seg) else { return 0 };
            let layout = self.page().lines(*seg);
            let text = layout.text(&self.article.blocks[*id].text);
            text.get(line.range.clone()).map_or(0, |t| t.replace('\t', "    ").width())
        });
        widths.max().unwrap_or(0)
    }

    /// Goes to the next (or previous) match after the top line.
    fn goto_match(&mut self, forward: bool) {
        let here = self.anchor();
        let Some(search) = self.search.as_mut() else {
            self.message =
                Some(format!("no search: press {} to search", self.settings.keys.reading_key(Action::Search)));
            return;
        };
        let Some(index) = search.advance(forward, here) else {
            self.message = Some(search.not_found(&self.settings.keys));
            return;
        };
        let (id, start, n) = (search.matches[index].0, search.matches[index].1.start, search.matches.len());
        self.jump_to(id, start);
        self.message = Some(format!("match {} of {n}", index + 1));
    }

    fn goto_claim(&mut self, forward: bool) {
        let claims = &self.article.claims();
        if claims.is_empty() {
            self.message = Some("no claims flagged in this article".to_string());
            return;
        }
        let (block, offset) = self.anchor();
        let index = match (self.claim, forward) {
            (Some(i), true) => (i + 1).min(claims.len() - 1),
            (Some(i), false) => i.saturating_sub(1),
            (None, forward) => {
                let after = claims.partition_point(|c| (c.block, c.span[0]) < (block, offset));
                if forward { after.min(claims.len() - 1) } else { after.saturating_sub(1) }
            }
        };
        self.select_claim(index);
    }

    fn select_claim(&mut self, index: usize) {
        let Some(claim) = self.article.claims().get(index) else { return };
        let (block, start) = (claim.block, claim.span[0]);
        self.claim = Some(index);
        self.jump_to(block, start);
        self.message = None;
    }

    /// Forward: to the next section's heading. Back: to the start of this section, or of the
    /// previous one when already there.
    fn goto_section(&mut self, forward: bool) {
        // From the section last jumped to while the screen stays there (it may not be at the top).
        let (block, line) = match self.section_jump.filter(|&(_, top)| top == self.top) {
            Some((section, _)) => (self.article.sections()[section].block, 0),
            None => (self.top_block().unwrap_or(0), self.top.line),
        };
        let sections = &self.article.sections();
        let target = if forward {
            sections.iter().position(|s| s.block > block)
        } else {
            sections.iter().rposition(|s| s.block < block || (s.block == block && line > 0))
        };
        match target {
            Some(section) => self.goto_section_number(section),
            None if forward => self.message = Some("no next section".to_string()),
            None => self.top = self.doc.start(),
        }
    }

    /// Puts section `section`'s heading at the top (or as high as the article's end lets it),
    /// and makes it the current section.
    fn goto_section_number(&mut self, section: usize) {
        let Some(block) = self.article.sections().get(section).map(|s| s.block) else { return };
        self.jump_to(block, 0);
        self.section_jump = Some((section, self.top));
    }

    /// Indices of the claims in block `id` (claims are in reading order).
    pub fn claims_in(&self, id: usize) -> Range<usize> {
        let claims = &self.article.claims();
        let start = claims.partition_point(|c| c.block < id);
        start..claims.partition_point(|c| c.block <= id)
    }

    fn open_contents(&mut self) {
        if self.article.sections().is_empty() {
            self.message = Some("this article has no sections".to_string());
        } else {
            self.overlay = Some(Box::new(Contents { selected: self.current_section().unwrap_or(0) }));
        }
    }

    fn open_claims(&mut self) {
        if self.article.claims().is_empty() {
            self.message = Some("no claims flagged in this article".to_string());
        } else {
            self.overlay = Some(Box::new(Claims { selected: self.claim.unwrap_or(0) }));
        }
    }

    /// Opens the links list on the first link at or after the top of the screen.
    fn open_links(&mut self) {
        let links = &self.doc.links;
        if links.is_empty() {
            self.message = Some("no links in this article".to_string());
            return;
        }
        let here = self.anchor();
        let first = links.partition_point(|&(b, i)| (b, self.article.blocks[b].links[i].range[0]) < here);
        self.overlay = Some(Box::new(Links { selected: first.min(links.len() - 1) }));
    }

    /// Opens or closes the fold nearest the top; closing the fold under the top line moves
    /// to its fold line.
    fn toggle_fold(&mut self) {
        let Some(f) = self.fold_near_top() else {
            self.message = Some("no fold on this screen".to_string());
            return;
        };
        let fold = &mut self.doc.folds[f];
        fold.open = !fold.open;
        if !fold.open && self.doc.is_hidden(self.top.seg) {
            self.top = Pos { seg: self.doc.folds[f].seg, line: 0 };
        }
        self.clamp_top();
        self.find_again();
    }

    /// Opens every fold, or closes them all when all are open, keeping the text at the top.
    fn toggle_all_folds(&mut self) {
        let open = !self.doc.folds.iter().all(|f| f.open);
        let on_fold_line = matches!(self.doc.segs.get(self.top.seg), Some(Seg::Fold(_)));
        let (block, offset) = self.anchor();
        for fold in &mut self.doc.folds {
            fold.open = open;
        }
        match self.doc.seg_of_block(block) {
            _ if on_fold_line => self.top.line = 0,
            Some(seg) if self.doc.is_hidden(seg) => {
                let fold = self.doc.fold_of(seg).map_or(0, |f| self.doc.folds[f].seg);
                self.top = Pos { seg: fold, line: 0 };
            }
            _ => self.jump_to(block, offset),
        }
        self.clamp_top();
        self.find_again();
    }

    /// Does what choosing in a list asked for.
    fn carry_out(&mut self, picked: Picked) {
        match picked {
            Picked::Nothing => {}
            Picked::GoToSection(section) => self.goto_section_number(section),
            Picked::GoToClaim(claim) => self.select_claim(claim),
            Picked::FollowLink(number) => self.follow_link(number),
            Picked::OpenOutside(number) => self.open_link_outside(number),
            Picked::FollowSource(claim) => self.follow_source(claim),
            Picked::MarkAs { block, label } => self.mark_as(block, label),
            Picked::MarkStory(blocks) => self.mark_as_story(&blocks),
            Picked::ReadAgain(index) => self.read_again(index),
            Picked::ToggleFolding(label) => self.toggle_folding(label),
            Picked::Copy { what, text } => self.copy(&what, text),
            Picked::Say(message) => self.message = Some(message),
        }
    }

    /// Asks the event loop to open entry `index` of the `H` list (an article read, by its
    /// source; then the saved copies); an article read from standard input cannot be.
    fn read_again(&mut self, index: usize) {
        let (read, saved) = (&self.library.read, &self.library.saved);
        let input = match read.get(index) {
            Some(entry) => entry.input().ok_or(&entry.title),
            None => match saved.get(index - read.len()) {
                Some(copy) => Ok(Input::Path(copy.path.clone())),
                None => return,
            },
        };
        match input {
            Ok(input) => self.effects.push(Effect::Read { input, fragment: None }),
            Err(title) => {
                self.message = Some(format!(
                    "{} was read from standard input: folio cannot open it again (pipe it in anew)",
                    visible(title)
                ));
                self.overlay = Some(Box::new(History { selected: index }));
            }
        }
    }

    /// The address of link `[number]` (numbered from 1, as the text shows them).
    fn link_url(&self, number: usize) -> Option<&str> {
        super::lists::links::link_url(self.page(), number)
    }

    /// Reads link `[number]` in folio, or opens it outside (the link prompt's two keys).
    fn take_link(&mut self, number: usize, outside: bool) {
        if outside {
            self.open_link_outside(number);
        } else {
            self.follow_link(number);
        }
    }

    /// The address of link `[number]`, or says there is no such link.
    fn link_or_say(&mut self, number: usize) -> Option<String> {
        let url = self.link_url(number).map(str::to_string);
        if url.is_none() {
            let n = self.doc.links.len();
            self.message = Some(format!("no link [{number}]: this article's links are [1] to [{n}]"));
        }
        url
    }

    /// Asks the event loop to open link `[number]` in the browser (`O`).
    fn open_link_outside(&mut self, number: usize) {
        let Some(url) = self.link_or_say(number) else { return };
        self.message = Some(format!("opening [{number}] {} in the browser", visible(&url)));
        self.effects.push(Effect::Open(url));
    }

    /// Follows link `[number]` (`f`, `Enter` in the links list): a place in this article is
    /// jumped to; another page is read in folio, this one kept to come back to; what is not a
    /// page goes to the opener outside; a link folio may not follow is refused, saying why
    /// (`source::follow` decides, from where this article came from).
    fn follow_link(&mut self, number: usize) {
        let Some(url) = self.link_or_say(number) else { return };
        match follow::destination(&self.article.source, &url) {
            Ok(Destination::Here(fragment)) => {
                let left = self.top;
                if self.go_to_place(&fragment) {
                    self.jumps.push(left);
                }
            }
            // The status line says it is being read, while it is.
            Ok(Destination::Page { input, fragment }) => self.effects.push(Effect::Read { input, fragment }),
            Ok(Destination::Outside { url, what }) => {
                self.message = Some(format!("[{number}] is {what}, not a page: opening it outside folio"));
                self.effects.push(Effect::Open(url));
            }
            Err(refused) => self.message = Some(format!("[{number}] refused: {refused}")),
        }
    }

    /// Goes to the place `fragment` names in this article (an empty one, or `top` where
    /// nothing has that name, is the top) and says so; false when there is no such place.
    pub fn go_to_place(&mut self, fragment: &str) -> bool {
        let shown = visible(fragment);
        let block = match self.article.block_for_anchor(fragment) {
            Some(block) => block,
            None if fragment.is_empty() || fragment.eq_ignore_ascii_case("top") => {
                self.top = self.doc.start();
                return true;
            }
            None => {
                self.message = Some(format!("no place named #{shown} in this article"));
                return false;
            }
        };
        // A block shown in the header (the title) has no line: the text from the next one on.
        match (block..self.article.blocks.len()).find(|&b| self.doc.seg_of_block(b).is_some()) {
            Some(shown_block) => self.jump_to(shown_block, 0),
            None => self.top = self.doc.start(),
        }
        // Said by what is there (a heading's words), not by the id, which may be a code.
        let words = self.article.blocks[block].text.split_whitespace().collect::<Vec<_>>().join(" ");
        let there =
            if words.is_empty() { format!("#{shown}") } else { crate::text::cells::shorten(&visible(&words), 50) };
        let back = self.settings.keys.reading_key(Action::Back);
        self.message = Some(format!("→ {there} ({back} comes back)"));
        true
    }

    /// Back: to where the last in-page link left this article, else to the page before.
    fn back(&mut self) {
        match self.jumps.pop() {
            Some(left) => {
                self.top = left;
                self.clamp_top();
            }
            None if self.trail.0 > 1 => self.effects.push(Effect::Back),
            None => self.message = Some("no page before this one".to_string()),
        }
    }

    /// Forward: to the page gone back from.
    fn forward(&mut self) {
        if self.trail.0 < self.trail.1 {
            self.effects.push(Effect::Forward);
        } else {
            self.message = Some("no page after this one".to_string());
        }
    }

    /// Reload: reads this page again, when it came from a file or the web.
    fn reload(&mut self) {
        match self.article.source.kind {
            crate::article::SourceKind::Stdin => {
                self.message =
                    Some("this article was read from standard input: there is nothing to read again".to_string())
            }
            _ => self.effects.push(Effect::Reload),
        }
    }

    /// `f` in the claims list: goes to claim `claim`, then follows the links in its sentence
    /// (else in its paragraph): the one there is, or of several the list of them to choose from.
    fn follow_source(&mut self, claim: usize) {
        self.select_claim(claim);
        let sources = super::lists::claims::sources(self.page(), claim);
        match sources.as_slice() {
            [] => self.message = Some(format!("claim {} cites no link", claim + 1)),
            [number] => self.follow_link(*number),
            [..] => self.overlay = Some(Box::new(Sources { claim, numbers: sources, selected: 0 })),
        }
    }

    /// Asks the event loop to put `text` on the clipboard, and says what was copied.
    fn copy(&mut self, what: &str, text: String) {
        self.message = Some(format!("copied {what} (OSC 52: the terminal's clipboard, also over ssh)"));
        self.effects.push(Effect::Copy(text));
    }

    /// `y` while reading: the current claim's sentence.
    fn yank_claim(&mut self) {
        match self.claim.and_then(|i| self.article.claims().get(i)).map(|c| c.text.clone()) {
            Some(text) => self.copy(&format!("claim {}'s sentence", self.claim.unwrap_or(0) + 1), text),
            None => {
                self.message = Some(format!(
                    "no current claim: {} goes to the next one",
                    self.settings.keys.reading_key(Action::NextClaim)
                ))
            }
        }
    }

    /// `Y`: the whole clean copy, as `s` would save it.
    fn yank_copy(&mut self) {
        let text = crate::export::markdown::clean_markdown(&self.article, &(self.clock)());
        let what = format!("the clean copy ({} lines)", text.lines().count());
        self.copy(&what, text);
    }

    /// Opens the link prompt (`f` to read the link in folio, `O` to open it outside), when
    /// there are links to open.
    fn link_prompt_for(&mut self, outside: bool) {
        if self.doc.links.is_empty() {
            self.message = Some("no links in this article".to_string());
        } else {
            self.link_prompt = Some(LinkPrompt { typed: String::new(), outside });
        }
    }

    /// `x`: opens the category picker for the story block at the top of the screen.
    fn mark_clutter(&mut self) {
        match self.doc.segs.get(self.top.seg) {
            Some(Seg::Block(block)) => self.overlay = Some(Box::new(MarkAs { block: *block, selected: 0 })),
            _ => {
                let story = self.settings.keys.reading_key(Action::MarkStory);
                self.message = Some(format!("x marks the story block on the top line; {story} shows a fold as story"));
            }
        }
    }

    /// `Select` in the category picker: labels the block, folds it at once, and remembers it.
    fn mark_as(&mut self, block: usize, label: Label) {
        if block >= self.article.blocks.len() {
            return;
        }
        self.mark(&[block], label);
        // The marked block folds at once: its fold line takes its place on the top line.
        let fold = self.doc.seg_of_block(block).and_then(|seg| self.doc.fold_of(seg));
        self.top = Pos { seg: fold.map_or(0, |f| self.doc.folds[f].seg), line: 0 };
        self.clamp_top();
    }

    /// `X`: shows the blocks of the fold nearest the top as story, and remembers them; a fold of
    /// several blocks first asks which of them (`story_choices`).
    fn mark_story(&mut self) {
        let Some(f) = self.fold_near_top() else {
            self.message = Some("no fold on this screen".to_string());
            return;
        };
        let fold = &self.doc.folds[f];
        if fold.blocks() > 1 {
            self.overlay = Some(Box::new(MarkStory { fold: f, selected: 0 }));
            return;
        }
        let blocks: Vec<usize> = (fold.seg + 1..fold.end).filter_map(|seg| self.doc.block_at(seg)).collect();
        self.mark_as_story(&blocks);
    }

    /// What the `X` picker offers for fold `f`: each category of two or more blocks (all of its
    /// blocks in the fold), then each block on its own.
    pub fn story_choices(&self, f: usize) -> Vec<StoryChoice> {
        super::lists::picker::story_choices(self.page(), f)
    }

    /// Shows `blocks` as story, remembers them, and puts the first on the top line.
    fn mark_as_story(&mut self, blocks: &[usize]) {
        self.mark(blocks, Label::Content);
        if let Some(&first) = blocks.first() {
            self.jump_to(first, 0);
        }
    }

    /// Gives blocks other labels and keeps what is shown true: the sections and claims found
    /// again from the new labels (`pipeline::relabel`), the claim and section last gone to
    /// still ones that exist, the article laid out again.
    fn relabel(&mut self, changes: &[Relabel]) {
        crate::pipeline::relabel(&mut self.article, changes, &self.claims);
        self.claim = self.claim.filter(|&i| i < self.article.claims().len());
        self.section_jump = self.section_jump.filter(|&(i, _)| i < self.article.sections().len());
        self.doc = Document::new(&self.article, &self.folding, self.doc.width());
    }

    /// Labels `blocks` as `label` (the reader's mark), queues them to be remembered for the
    /// site, lays the article out again and says so; `u` undoes it.
    fn mark(&mut self, blocks: &[usize], label: Label) {
        let what = if label == Label::Content { "story" } else { label.name() };
        let reason = crate::sites::mark_reason(label, self.site.as_deref());
        let mut made = MarkMade { before: Vec::new(), remembered: Vec::new() };
        let mut changes = Vec::new();
        for &id in blocks {
            let Some(block) = self.article.blocks.get(id) else { continue };
            made.before.push((id, block.label, block.reason.clone()));
            changes.push(Relabel { block: id, label, reason: reason.clone() });
            if let Some(site) = &self.site {
                let when = (self.clock)();
                made.remembered.push(crate::sites::Mark { site: site.clone(), text: block.text.clone(), label, when });
            }
        }
        self.relabel(&changes);
        self.effects.extend(made.remembered.iter().cloned().map(Effect::Learn));
        self.marks_made.push(made);
        let count = if blocks.len() == 1 { String::new() } else { format!("{} blocks ", blocks.len()) };
        let undo = self.settings.keys.reading_key(Action::UndoMark);
        self.message = Some(match &self.site {
            Some(site) => format!("{count}marked as {what}: remembered for {site} ({undo} undoes)"),
            None => format!(
                "{count}marked as {what} for this reading (the page names no site to remember it for; {undo} undoes)"
            ),
        });
        self.find_again();
    }

    /// `u`: undoes the last mark of this reading: its blocks get their categories back, the site
    /// forgets it, and the first of them is shown where it now is.
    fn undo_mark(&mut self) {
        let Some(made) = self.marks_made.pop() else {
            self.message = Some("no mark to undo in this reading".to_string());
            return;
        };
        let changes: Vec<Relabel> = made
            .before
            .iter()
            .map(|(id, label, reason)| Relabel { block: *id, label: *label, reason: reason.to_string() })
            .collect();
        self.relabel(&changes);
        let n = made.before.len();
        let blocks = if n == 1 { "1 block".to_string() } else { format!("{n} blocks") };
        self.message = Some(match made.remembered.first() {
            Some(mark) => format!("mark undone: {blocks} as before, forgotten for {}", mark.site),
            None => format!("mark undone: {blocks} as before"),
        });
        if !made.remembered.is_empty() {
            self.effects.push(Effect::Forget(made.remembered));
        }
        if let Some(&(first, ..)) = made.before.first() {
            self.resume(first, 0);
        }
        self.find_again();
    }

    /// `Toggle` in the fold chooser: folds the category `label`, or shows it as text again.
    fn toggle_folding(&mut self, label: Label) {
        if !self.folding.remove(&label) {
            self.folding.insert(label);
        }
        self.rebuild();
    }
}

/// The reading column: the configured width, or the terminal's less a margin when narrower.
pub fn column_width(configured: u16, terminal: u16) -> usize {
    let room = if terminal > 10 { terminal - 2 } else { terminal };
    configured.min(room).max(1) as usize
}

/// A literal search that ignores case unless the query has an upper-case letter.
pub fn smart_case(query: &str) -> Option<Regex> {
    if query.is_empty() {
        return None;
    }
    let insensitive = !query.chars().any(char::is_uppercase);
    RegexBuilder::new(&regex::escape(query)).case_insensitive(insensitive).build().ok()
}

/// Applies one action to the model: a resize or Ctrl-c in any mode, else the action goes to
/// the search prompt, the open list or the reading view, whichever has the keys.
pub fn update(model: &mut Model, action: Action) {
    if let Action::Resize(width, height) = action {
        // The status line's message outlives a resize.
        model.resize(width, height);
        return;
    }
    model.message = None;
    match (action, model.key_context()) {
        (Action::Quit, _) => model.quit = true,
        (Action::Suspend, _) => model.effects.push(Effect::Suspend),
        (_, KeyContext::SearchPrompt) => update_search(model, action),
        (_, KeyContext::LinkPrompt) => update_link_prompt(model, action),
        (_, KeyContext::Overlay) => update_overlay(model, action),
        (_, KeyContext::Reading) => update_reading(model, action),
    }
}

/// The search prompt: every keystroke searches again from where the search began and shows the
/// first match after it (none: the screen is back there). Confirming keeps the search and says
/// which match is shown, or that none is (an empty query is dropped); `Escape` drops it and goes
/// back to where it began.
fn update_search(model: &mut Model, action: Action) {
    let Some(search) = model.search.as_mut() else { return };
    let origin = search.origin;
    match action {
        Action::SearchInput(c) => search.query.push(c),
        Action::SearchBackspace => {
            search.query.pop();
        }
        Action::SearchConfirm => {
            let (current, n) = (search.current, search.matches.len());
            if !search.confirm() {
                model.search = None;
                return;
            }
            model.message = Some(match current {
                Some(i) => format!("match {} of {n}", i + 1),
                None => search.not_found(&model.settings.keys),
            });
            if search.matches.is_empty() && search.folded == 0 {
                model.search = None;
            }
            return;
        }
        Action::Escape => {
            model.search = None;
            model.top = origin;
            model.clamp_top();
            return;
        }
        _ => return,
    }
    search.current = None;
    search.find(Page { article: &model.article, doc: &model.doc });
    let found = !search.matches.is_empty();
    model.top = origin;
    model.clamp_top();
    if found {
        model.goto_match(true);
    }
}

/// The link prompt after `f`: digits make the number; the link opens as soon as no other
/// link's number starts with the digits typed (with ten links, `2` opens [2] and `1` waits
/// for `Enter` or a `0`), or on `Enter`.
fn update_link_prompt(model: &mut Model, action: Action) {
    let Some(prompt) = model.link_prompt.as_mut() else { return };
    let outside = prompt.outside;
    let typed = &mut prompt.typed;
    match action {
        Action::LinkDigit(d) => typed.push(char::from(b'0' + d)),
        Action::SearchBackspace => {
            typed.pop();
            return;
        }
        Action::SearchConfirm => {
            let number = typed.parse().unwrap_or(0);
            model.link_prompt = None;
            model.take_link(number, outside);
            return;
        }
        Action::Escape => {
            model.link_prompt = None;
            return;
        }
        _ => return,
    }
    let number: usize = typed.parse().unwrap_or(0);
    let links = model.doc.links.len();
    if number == 0 && !typed.is_empty() && typed.chars().all(|c| c == '0') {
        return;
    }
    if number > links || number.saturating_mul(10) > links {
        model.link_prompt = None;
        model.take_link(number, outside);
    }
}

/// A list over the article: the selection moves; `Select` closes it and does what it chose
/// (the fold chooser and help stay open), `Toggle` and `Yank` do what it chose and keep it open.
fn update_overlay(model: &mut Model, action: Action) {
    let rows = model.overlay_rows();
    let page = rows.saturating_sub(1).max(1);
    let Some(list) = model.overlay.as_deref() else { return };
    let context = model.context();
    let picked = match action {
        Action::Select => {
            let picked = list.select(&context);
            if let Some(picked) = picked {
                model.overlay = None;
                model.carry_out(picked);
            }
            return;
        }
        Action::Toggle => list.toggle(&context),
        Action::Yank => list.yank(&context),
        Action::FollowLink | Action::OpenOutside => {
            let picked = if action == Action::FollowLink { list.follow(&context) } else { list.outside(&context) };
            // Following leaves the list; a list with nothing to follow stays open and says so.
            if let Some(picked) = picked {
                if !matches!(picked, Picked::Say(_)) {
                    model.overlay = None;
                }
                model.carry_out(picked);
            }
            return;
        }
        Action::Close | Action::Escape => {
            model.overlay = None;
            return;
        }
        _ => None,
    };
    if let Some(picked) = picked {
        model.carry_out(picked);
        return;
    }
    let len = list.len(&context, rows);
    let Some(list) = model.overlay.as_deref_mut() else { return };
    match action {
        Action::Down(n) => move_selection(list, len, |s| s + n),
        Action::Up(n) => move_selection(list, len, |s| s.saturating_sub(n)),
        Action::PageDown => move_selection(list, len, |s| s + page),
        Action::PageUp => move_selection(list, len, |s| s.saturating_sub(page)),
        Action::Top => move_selection(list, len, |_| 0),
        Action::Bottom => move_selection(list, len, |_| usize::MAX),
        _ => {}
    }
}

/// Reading: moving through the article, opening lists and folds, searching, saving.
fn update_reading(model: &mut Model, action: Action) {
    let rows = model.rows();
    let (half, page) = ((rows / 2).max(1), rows.saturating_sub(1).max(1));
    match action {
        Action::Down(n) => model.scroll_down(n),
        Action::Up(n) => model.scroll_up(n),
        Action::HalfPageDown => model.scroll_down(half),
        Action::HalfPageUp => model.scroll_up(half),
        Action::PageDown => model.scroll_down(page),
        Action::PageUp => model.scroll_up(page),
        Action::ScrollRight => model.scroll_sideways(true),
        Action::ScrollLeft => model.scroll_sideways(false),
        Action::Top => model.top = model.doc.start(),
        Action::Bottom => model.top = model.page().last_top(rows),
        Action::NextSection => model.goto_section(true),
        Action::PrevSection => model.goto_section(false),
        Action::Contents => model.open_contents(),
        Action::NextClaim => model.goto_claim(true),
        Action::PrevClaim => model.goto_claim(false),
        Action::ClaimsList => model.open_claims(),
        Action::LinksList => model.open_links(),
        Action::FollowLink => model.link_prompt_for(false),
        Action::OpenOutside => model.link_prompt_for(true),
        Action::Back => model.back(),
        Action::Forward => model.forward(),
        Action::Reload => model.reload(),
        Action::MarkClutter => model.mark_clutter(),
        Action::MarkStory => model.mark_story(),
        Action::UndoMark => model.undo_mark(),
        Action::YankClaim => model.yank_claim(),
        Action::YankCopy => model.yank_copy(),
        Action::ToggleFold => model.toggle_fold(),
        Action::ToggleAllFolds => model.toggle_all_folds(),
        Action::ChooseFolds => model.overlay = Some(Box::new(Folds { selected: 0 })),
        Action::Search => model.search = Some(Search::prompt(model.top)),
        Action::NextMatch => model.goto_match(true),
        Action::PrevMatch => model.goto_match(false),
        Action::Save => model.save(),
        Action::Help => model.overlay = Some(Box::new(Help { scroll: 0 })),
        Action::History => model.effects.push(Effect::ShowLibrary),
        Action::Close => model.quit = true,
        Action::Escape if model.loading.is_some() => model.effects.push(Effect::CancelLoad),
        Action::Escape => {
            model.search = None;
            model.claim = None;
        }
        _ => {}
    }
}
