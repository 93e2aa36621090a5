//! The reader's state and the one function that changes it: `update(&mut Model, Action)`.
//! Pure apart from saving a copy (which goes through `save`); testable without a terminal.

use super::document::{Document, LineKind, Pos, Seg};
use super::keys::{Action, KeyContext};
use crate::article::{Article, Label};
use regex::{Regex, RegexBuilder};
use std::collections::BTreeSet;
use std::ops::Range;
use std::path::PathBuf;

/// A list shown over the article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    Contents { selected: usize },
    Claims { selected: usize },
    Links { selected: usize },
    Folds { selected: usize },
    Help { scroll: usize },
}

#[derive(Debug, Clone)]
pub struct Search {
    pub query: String,
    /// Still being typed (the prompt is open).
    pub typing: bool,
    /// Matches in reading order: block id and byte range in its text.
    pub matches: Vec<(usize, Range<usize>)>,
    pub current: Option<usize>,
}

pub struct Settings {
    /// Width of the reading column, in cells.
    pub column: u16,
    pub save_dir: PathBuf,
}

pub struct Model {
    pub article: Article,
    pub doc: Document,
    pub top: Pos,
    /// Terminal size.
    pub width: u16,
    pub height: u16,
    pub settings: Settings,
    pub folding: BTreeSet<Label>,
    pub overlay: Option<Overlay>,
    pub search: Option<Search>,
    pub claim: Option<usize>,
    pub message: Option<String>,
    pub quit: bool,
    /// Minutes to read the story (230 words a minute), counted once.
    pub reading_minutes: usize,
    /// The time stamp written into saved copies (a function, so tests can fix it).
    pub clock: fn() -> String,
}

/// Rows above and below the article text: the header and the status line.
pub const CHROME_ROWS: u16 = 2;

impl Model {
    pub fn new(article: Article, settings: Settings, width: u16, height: u16) -> Model {
        let folding: BTreeSet<Label> = Label::ALL.into_iter().filter(|l| l.is_boilerplate()).collect();
        let column = column_width(settings.column, width);
        let doc = Document::new(&article, &folding, column);
        let words: usize = article.story().map(|b| b.text.split_whitespace().count()).sum();
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
        }
    }

    /// Rows available for the article's text.
    pub fn rows(&self) -> usize {
        self.height.saturating_sub(CHROME_ROWS).max(1) as usize
    }

    pub fn key_context(&self) -> KeyContext {
        if self.search.as_ref().is_some_and(|s| s.typing) {
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

    /// Index into `article.sections` of the section the top line is in.
    pub fn current_section(&self) -> Option<usize> {
        let block = self.top_block()?;
        self.article.sections.partition_point(|s| s.block <= block).checked_sub(1)
    }

    /// Position in the article, 0–100.
    pub fn percent(&self) -> u16 {
        let last = self.doc.last_top(&self.article, self.rows());
        if self.top >= last || self.doc.segs.len() <= 1 {
            return 100;
        }
        (self.top.seg * 100 / self.doc.segs.len()) as u16
    }

    fn clamp_top(&mut self) {
        let last = self.doc.last_top(&self.article, self.rows());
        if self.top > last {
            self.top = last;
        }
        if self.doc.is_hidden(self.top.seg) {
            self.top = Pos { seg: self.doc.fold_of(self.top.seg).map_or(0, |f| self.doc.folds[f].seg), line: 0 };
        }
    }

    fn scroll_down(&mut self, n: usize) {
        self.top = self.doc.down(&self.article, self.top, n);
        self.clamp_top();
    }

    fn scroll_up(&mut self, n: usize) {
        self.top = self.doc.up(&self.article, self.top, n);
    }

    /// Puts byte `offset` of block `id` on the top line, opening its fold if it is hidden.
    pub fn jump_to(&mut self, id: usize, offset: usize) {
        let Some(seg) = self.doc.seg_of_block(id) else { return };
        self.doc.reveal(seg);
        let line = self.doc.line_of_offset(&self.article, seg, offset);
        self.top = Pos { seg, line };
        self.clamp_top();
    }

    /// The block and byte offset at the top of the screen (what a resize or a reopen keeps).
    pub fn anchor(&self) -> (usize, usize) {
        (self.top_block().unwrap_or(0), self.doc.offset_of(&self.article, self.top))
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

    /// The fold `z` acts on: the one whose fold line or open run holds the top line, else the
    /// first fold line on the screen.
    fn fold_near_top(&self) -> Option<usize> {
        if let Some(f) = self.doc.fold_of(self.top.seg) {
            return Some(f);
        }
        let window = self.doc.window(&self.article, self.top, self.rows());
        window.iter().find_map(|(seg, line)| match (line.kind.clone(), self.doc.segs[*seg]) {
            (LineKind::Fold, Seg::Fold(f)) => Some(f),
            _ => None,
        })
    }

    fn rebuild(&mut self) {
        let (block, offset) = self.anchor();
        self.doc = Document::new(&self.article, &self.folding, self.doc.width());
        self.jump_to(block, offset);
    }

    fn save(&mut self) {
        let text = crate::export::markdown::clean_markdown(&self.article, &(self.clock)());
        let title = self.article.meta.title.clone().unwrap_or_else(|| "article".to_string());
        self.message = Some(match crate::save::save_copy(&self.settings.save_dir, &title, &text) {
            Ok(path) => format!("saved {}", path.display()),
            Err(e) => format!("not saved: {e}"),
        });
    }

    fn search_update(&mut self) {
        let Some(search) = self.search.as_mut() else { return };
        search.matches.clear();
        search.current = None;
        let Some(regex) = smart_case(&search.query) else { return };
        for block in &self.article.blocks {
            if self.doc.seg_of_block(block.id).is_none() {
                continue;
            }
            for m in regex.find_iter(&block.text) {
                if !m.range().is_empty() {
                    search.matches.push((block.id, m.range()));
                }
            }
        }
    }

    /// Goes to the next (or previous) match after the top line.
    fn goto_match(&mut self, forward: bool) {
        let Some(search) = self.search.as_ref() else {
            self.message = Some("no search: press / to search".to_string());
            return;
        };
        if search.matches.is_empty() {
            self.message = Some(format!("pattern not found: {}", search.query));
            return;
        }
        let (block, offset) = self.anchor();
        let here = (block, offset);
        let n = search.matches.len();
        let index = match (search.current, forward) {
            (Some(i), true) => (i + 1) % n,
            (Some(i), false) => (i + n - 1) % n,
            (None, forward) => {
                let after = search.matches.partition_point(|(b, r)| (*b, r.start) < here);
                if forward { after % n } else { after.checked_sub(1).unwrap_or(n - 1) }
            }
        };
        let (id, range) = search.matches[index].clone();
        if let Some(search) = self.search.as_mut() {
            search.current = Some(index);
        }
        self.jump_to(id, range.start);
        self.message = Some(format!("match {} of {n}", index + 1));
    }

    fn goto_claim(&mut self, forward: bool) {
        let claims = &self.article.claims;
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
        let Some(claim) = self.article.claims.get(index) else { return };
        let (block, start) = (claim.block, claim.span[0]);
        self.claim = Some(index);
        self.jump_to(block, start);
        self.message = None;
    }

    /// `]` goes to the next section's heading; `[` to the start of this section, or the
    /// previous one when already there.
    fn goto_section(&mut self, forward: bool) {
        let block = self.top_block().unwrap_or(0);
        let line = self.top.line;
        let sections = &self.article.sections;
        let target = if forward {
            sections.iter().find(|s| s.block > block)
        } else {
            sections.iter().rev().find(|s| s.block < block || (s.block == block && line > 0))
        };
        match target.map(|s| s.block) {
            Some(id) => self.jump_to(id, 0),
            None if forward => self.message = Some("no next section".to_string()),
            None => self.top = self.doc.start(),
        }
    }

    /// Indices of the claims in block `id` (claims are in reading order).
    pub fn claims_in(&self, id: usize) -> std::ops::Range<usize> {
        let claims = &self.article.claims;
        let start = claims.partition_point(|c| c.block < id);
        start..claims.partition_point(|c| c.block <= id)
    }

    /// Indices of the search matches in block `id` (matches are in reading order).
    pub fn matches_in(&self, id: usize) -> std::ops::Range<usize> {
        let Some(search) = &self.search else { return 0..0 };
        let start = search.matches.partition_point(|(b, _)| *b < id);
        start..search.matches.partition_point(|(b, _)| *b <= id)
    }

    fn overlay_len(&self) -> usize {
        match self.overlay {
            Some(Overlay::Contents { .. }) => self.article.sections.len(),
            Some(Overlay::Claims { .. }) => self.article.claims.len(),
            Some(Overlay::Links { .. }) => self.doc.links.len(),
            Some(Overlay::Folds { .. }) => foldable_labels().len(),
            Some(Overlay::Help { .. }) => super::keys::help_lines().len(),
            None => 0,
        }
    }

    fn overlay_move(&mut self, to: impl Fn(usize, usize) -> usize) {
        let len = self.overlay_len();
        if let Some(
            Overlay::Contents { selected }
            | Overlay::Claims { selected }
            | Overlay::Folds { selected }
            | Overlay::Help { scroll: selected },
        ) = self.overlay.as_mut()
        {
            *selected = to(*selected, len).min(len.saturating_sub(1));
        }
    }

    fn overlay_action(&mut self, action: Action) {
        let page = self.rows().saturating_sub(4).max(1);
        match action {
            Action::Down(n) => self.overlay_move(|s, _| s + n),
            Action::Up(n) => self.overlay_move(|s, _| s.saturating_sub(n)),
            Action::PageDown => self.overlay_move(|s, _| s + page),
            Action::PageUp => self.overlay_move(|s, _| s.saturating_sub(page)),
            Action::Top => self.overlay_move(|_, _| 0),
            Action::Bottom => self.overlay_move(|_, len| len.saturating_sub(1)),
            Action::Close | Action::Escape => self.overlay = None,
            Action::Select => match self.overlay.take() {
                Some(Overlay::Contents { selected }) => {
                    if let Some(section) = self.article.sections.get(selected) {
                        let block = section.block;
                        self.jump_to(block, 0);
                    }
                }
                Some(Overlay::Claims { selected }) => self.select_claim(selected),
                Some(Overlay::Links { selected }) => {
                    if let Some(&(block, i)) = self.doc.links.get(selected) {
                        let start = self.article.blocks[block].links[i].range[0];
                        self.jump_to(block, start);
                    }
                }
                other => self.overlay = other,
            },
            Action::Toggle => {
                if let Some(Overlay::Folds { selected }) = self.overlay {
                    if let Some(&label) = foldable_labels().get(selected) {
                        if !self.folding.remove(&label) {
                            self.folding.insert(label);
                        }
                        self.rebuild();
                    }
                }
            }
            _ => {}
        }
    }
}

/// The categories the fold chooser offers.
pub fn foldable_labels() -> Vec<Label> {
    Label::ALL.into_iter().filter(|l| l.is_boilerplate()).collect()
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

/// Applies one action to the model.
pub fn update(model: &mut Model, action: Action) {
    if !matches!(action, Action::Resize(..)) {
        model.message = None;
    }
    if let Action::Resize(w, h) = action {
        model.resize(w, h);
        return;
    }
    if action == Action::Quit {
        model.quit = true;
        return;
    }
    match model.key_context() {
        KeyContext::SearchPrompt => {
            match action {
                Action::SearchInput(c) => {
                    if let Some(s) = model.search.as_mut() {
                        s.query.push(c)
                    }
                }
                Action::SearchBackspace => {
                    if let Some(s) = model.search.as_mut() {
                        s.query.pop();
                    }
                }
                Action::SearchConfirm => {
                    if let Some(s) = model.search.as_mut() {
                        s.typing = false;
                    }
                    if model.search.as_ref().is_some_and(|s| s.query.is_empty()) {
                        model.search = None;
                    }
                    return;
                }
                Action::Escape => {
                    model.search = None;
                    return;
                }
                _ => return,
            }
            // Incremental: every keystroke searches again and shows the first match from here.
            model.search_update();
            if model.search.as_ref().is_some_and(|s| !s.matches.is_empty()) {
                model.goto_match(true);
            }
            return;
        }
        KeyContext::Overlay => {
            model.overlay_action(action);
            return;
        }
        KeyContext::Reading => {}
    }
    let rows = model.rows();
    match action {
        Action::Down(n) => model.scroll_down(n),
        Action::Up(n) => model.scroll_up(n),
        Action::HalfPageDown => model.scroll_down((rows / 2).max(1)),
        Action::HalfPageUp => model.scroll_up((rows / 2).max(1)),
        Action::PageDown => model.scroll_down(rows.saturating_sub(1).max(1)),
        Action::PageUp => model.scroll_up(rows.saturating_sub(1).max(1)),
        Action::Top => model.top = model.doc.start(),
        Action::Bottom => model.top = model.doc.last_top(&model.article, rows),
        Action::NextSection => model.goto_section(true),
        Action::PrevSection => model.goto_section(false),
        Action::Contents => {
            if model.article.sections.is_empty() {
                model.message = Some("this article has no sections".to_string());
            } else {
                model.overlay = Some(Overlay::Contents { selected: model.current_section().unwrap_or(0) });
            }
        }
        Action::NextClaim => model.goto_claim(true),
        Action::PrevClaim => model.goto_claim(false),
        Action::ClaimsList => {
            if model.article.claims.is_empty() {
                model.message = Some("no claims flagged in this article".to_string());
            } else {
                model.overlay = Some(Overlay::Claims { selected: model.claim.unwrap_or(0) });
            }
        }
        Action::LinksList => {
            if model.doc.links.is_empty() {
                model.message = Some("no links in this article".to_string());
            } else {
                // Start at the first link at or after the top of the screen.
                let (block, offset) = model.anchor();
                let first = model
                    .doc
                    .links
                    .partition_point(|&(b, i)| (b, model.article.blocks[b].links[i].range[0]) < (block, offset));
                model.overlay = Some(Overlay::Links { selected: first.min(model.doc.links.len() - 1) });
            }
        }
        Action::ToggleFold => match model.fold_near_top() {
            Some(f) => {
                model.doc.folds[f].open = !model.doc.folds[f].open;
                if !model.doc.folds[f].open && model.doc.is_hidden(model.top.seg) {
                    model.top = Pos { seg: model.doc.folds[f].seg, line: 0 };
                }
                model.clamp_top();
            }
            None => model.message = Some("no fold on this screen".to_string()),
        },
        Action::ToggleAllFolds => {
            let open = !model.doc.folds.iter().all(|f| f.open);
            let on_fold_line = matches!(model.doc.segs.get(model.top.seg), Some(Seg::Fold(_)));
            let (block, offset) = model.anchor();
            for fold in &mut model.doc.folds {
                fold.open = open;
            }
            match model.doc.seg_of_block(block) {
                _ if on_fold_line => model.top.line = 0,
                Some(seg) if model.doc.is_hidden(seg) => {
                    let fold = model.doc.fold_of(seg).map_or(0, |f| model.doc.folds[f].seg);
                    model.top = Pos { seg: fold, line: 0 };
                }
                _ => model.jump_to(block, offset),
            }
            model.clamp_top();
        }
        Action::ChooseFolds => model.overlay = Some(Overlay::Folds { selected: 0 }),
        Action::Search => {
            model.search = Some(Search { query: String::new(), typing: true, matches: Vec::new(), current: None })
        }
        Action::NextMatch => model.goto_match(true),
        Action::PrevMatch => model.goto_match(false),
        Action::Save => model.save(),
        Action::Help => model.overlay = Some(Overlay::Help { scroll: 0 }),
        Action::Close => model.quit = true,
        Action::Escape => {
            model.search = None;
            model.claim = None;
        }
        _ => {}
    }
}
