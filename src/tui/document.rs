//! The article as the reader lays it out: a list of segments (a story block, or one fold
//! line standing for a run of clutter, whatever its categories) and, per reading width, the wrapped
//! lines of each segment. Lines are wrapped only when asked for and cached per width, so
//! that moving through the article costs the same whatever its length.

use crate::article::{Article, BlockKind, Label};
use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap};
use std::rc::Rc;

use super::lines::wrap;
pub use super::lines::{LineKind, SegLayout, VisualLine};

/// One entry of the laid-out article: a story block, or the line that stands for a fold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seg {
    /// The fold line of fold `n`.
    Fold(usize),
    /// Block `id` of the article.
    Block(usize),
}

/// A run of consecutive clutter blocks, shown as one line while closed. Neighbouring runs of
/// different categories are one fold: a page that opens on menus, a cookie banner and an ad
/// opens on one fold line, then the story.
#[derive(Debug, Clone)]
pub struct Fold {
    /// The categories of the run's blocks, in the order they first appear, with how many
    /// blocks of each.
    pub labels: Vec<(Label, usize)>,
    /// Index of the fold line in `segs`; the run's blocks follow it up to `end` (exclusive).
    pub seg: usize,
    /// Index in `segs` just past the run's last block.
    pub end: usize,
    /// Whether the run's blocks are shown (else only the fold line is).
    pub open: bool,
}

impl Fold {
    /// How many blocks the fold holds.
    pub fn blocks(&self) -> usize {
        self.end - self.seg - 1
    }

    /// The categories' names, joined: `navigation, cookie, ad`.
    pub fn names(&self) -> String {
        self.labels.iter().map(|(l, _)| l.name()).collect::<Vec<_>>().join(", ")
    }

    fn add(&mut self, label: Label) {
        match self.labels.iter_mut().find(|(l, _)| *l == label) {
            Some((_, n)) => *n += 1,
            None => self.labels.push((label, 1)),
        }
    }
}

/// A place in the laid-out article: line `line` of segment `seg`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Pos {
    /// Index into the document's segments.
    pub seg: usize,
    /// Line of that segment, from 0.
    pub line: usize,
}

/// The article laid out for reading: its segments and folds, numbered links, wrapped lines.
pub struct Document {
    /// The segments in reading order.
    pub segs: Vec<Seg>,
    /// The folds, in reading order.
    pub folds: Vec<Fold>,
    /// For each segment, the fold it belongs to (its fold line included).
    fold_of: Vec<Option<usize>>,
    /// For each block id, its segment (title and metadata blocks have none: they are in the header).
    seg_of_block: Vec<Option<usize>>,
    kinds: Vec<BlockKind>,
    depths: Vec<u8>,
    /// For each block, the number of story links before it (links are numbered from 1).
    link_base: Vec<usize>,
    /// Every numbered link: its block and its index in that block's links.
    pub links: Vec<(usize, usize)>,
    /// For each segment, the weight of the segments before it (one more entry: the whole).
    weight_before: Vec<usize>,
    /// How many story blocks are shown outside the folds.
    story: usize,
    width: usize,
    cache: RefCell<HashMap<usize, Rc<SegLayout>>>,
}

impl Document {
    /// Lays out `article`, folding the categories in `folding`, for a column `width` cells wide.
    pub fn new(article: &Article, folding: &BTreeSet<Label>, width: usize) -> Document {
        let mut segs = Vec::new();
        let mut folds: Vec<Fold> = Vec::new();
        let mut fold_of = Vec::new();
        let mut seg_of_block = vec![None; article.blocks.len()];
        let mut open_fold: Option<usize> = None;
        // What each segment weighs in the position: its text's length (a fold line nothing).
        let mut weights: Vec<usize> = Vec::new();
        for block in &article.blocks {
            // A decorative image (no words for it) has nothing to show.
            let decorative = block.image.as_ref().is_some_and(|i| i.alt.trim().is_empty()) && block.text.is_empty();
            if matches!(block.label, Label::Title | Label::Metadata) || decorative {
                continue;
            }
            let folded = folding.contains(&block.label);
            if folded && open_fold.is_none() {
                folds.push(Fold { labels: Vec::new(), seg: segs.len(), end: 0, open: false });
                open_fold = Some(folds.len() - 1);
                segs.push(Seg::Fold(folds.len() - 1));
                fold_of.push(open_fold);
                weights.push(0);
            } else if !folded && let Some(f) = open_fold.take() {
                folds[f].end = segs.len();
            }
            if let Some(f) = open_fold {
                folds[f].add(block.label);
            }
            weights.push(block.text.len() + 1);
            seg_of_block[block.id] = Some(segs.len());
            segs.push(Seg::Block(block.id));
            fold_of.push(open_fold);
        }
        if let Some(f) = open_fold {
            folds[f].end = segs.len();
        }
        let mut weight_before = Vec::with_capacity(weights.len() + 1);
        let mut sum = 0;
        weight_before.push(0);
        for w in weights {
            sum += w;
            weight_before.push(sum);
        }
        let mut link_base = Vec::with_capacity(article.blocks.len());
        let mut links = Vec::new();
        for block in &article.blocks {
            link_base.push(links.len());
            if block.label == Label::Content {
                links.extend((0..block.links.len()).map(|i| (block.id, i)));
            }
        }
        Document {
            story: fold_of.iter().filter(|f| f.is_none()).count(),
            weight_before,
            link_base,
            links,
            segs,
            folds,
            fold_of,
            seg_of_block,
            kinds: article.blocks.iter().map(|b| b.kind).collect(),
            depths: article.blocks.iter().map(|b| b.depth).collect(),
            width: width.max(1),
            cache: RefCell::new(HashMap::new()),
        }
    }

    /// Whether there is something to read and all of it is folded away: no block stands
    /// outside a fold, and every fold is closed.
    pub fn all_folded(&self) -> bool {
        self.story == 0 && !self.folds.is_empty() && self.folds.iter().all(|f| !f.open)
    }

    /// The reading width, in cells.
    pub fn width(&self) -> usize {
        self.width
    }

    /// Changes the reading width; wrapped lines are recomputed as they are needed.
    pub fn set_width(&mut self, width: usize) {
        if width.max(1) != self.width {
            self.width = width.max(1);
            self.cache.get_mut().clear();
        }
    }

    /// The number `[n]` the text shows for link `index` of block `block`, for a story block's link.
    pub fn link_number(&self, block: usize, index: usize) -> Option<usize> {
        let base = *self.link_base.get(block)?;
        let number = base + index + 1;
        (self.links.get(number - 1) == Some(&(block, index))).then_some(number)
    }

    /// The segment that shows block `block` (none for the title and metadata blocks).
    pub fn seg_of_block(&self, block: usize) -> Option<usize> {
        self.seg_of_block.get(block).copied().flatten()
    }

    /// The fold segment `seg` belongs to, as its fold line or as one of its blocks.
    pub fn fold_of(&self, seg: usize) -> Option<usize> {
        self.fold_of.get(seg).copied().flatten()
    }

    /// Whether the segment is hidden inside a closed fold.
    pub fn is_hidden(&self, seg: usize) -> bool {
        self.fold_of(seg).is_some_and(|f| !self.folds[f].open && self.folds[f].seg != seg)
    }

    /// Opens the fold that hides `seg`, if any.
    pub fn reveal(&mut self, seg: usize) {
        if let Some(f) = self.fold_of(seg) {
            self.folds[f].open = true;
        }
    }

    /// The block a segment shows (a fold line stands for the first block of its run).
    pub fn block_at(&self, seg: usize) -> Option<usize> {
        match self.segs.get(seg)? {
            Seg::Block(id) => Some(*id),
            Seg::Fold(f) => match self.segs.get(self.folds[*f].seg + 1) {
                Some(Seg::Block(id)) => Some(*id),
                _ => None,
            },
        }
    }

    /// The segment shown after `seg` (a closed fold's blocks are skipped).
    pub fn next_seg(&self, seg: usize) -> Option<usize> {
        let next = match self.segs.get(seg)? {
            Seg::Fold(f) if !self.folds[*f].open => self.folds[*f].end,
            _ => seg + 1,
        };
        (next < self.segs.len()).then_some(next)
    }

    /// The segment shown before `seg` (a closed fold is its fold line).
    pub fn prev_seg(&self, seg: usize) -> Option<usize> {
        let prev = seg.checked_sub(1)?;
        Some(match self.fold_of(prev) {
            Some(f) if !self.folds[f].open => self.folds[f].seg,
            _ => prev,
        })
    }

    /// The block's text with `[n]` after each numbered link, and where the markers went; an
    /// image shows as `[image: its alt text]`.
    fn with_markers(&self, block: &crate::article::Block) -> (Option<String>, Vec<(usize, usize, usize)>) {
        if let Some(image) = &block.image {
            let alt = image.alt.split_whitespace().collect::<Vec<_>>().join(" ");
            return if block.text.is_empty() {
                let shown = format!("[image: {alt}]");
                let len = shown.len();
                (Some(shown), vec![(0, 0, len)])
            } else {
                // The alt text is the block's text (Markdown): the words stay searchable.
                let (open, close) = ("[image: ", "]");
                let shown = format!("{open}{}{close}", block.text);
                (Some(shown), vec![(0, 0, open.len()), (block.text.len(), open.len() + block.text.len(), close.len())])
            };
        }
        if block.links.is_empty() || block.label != Label::Content {
            return (None, Vec::new());
        }
        let mut shown = String::with_capacity(block.text.len() + 4 * block.links.len());
        let mut markers = Vec::new();
        let mut copied = 0;
        for (i, link) in block.links.iter().enumerate() {
            let end = link.range[1].min(block.text.len());
            if end < copied || !block.text.is_char_boundary(end) {
                continue;
            }
            shown.push_str(&block.text[copied..end]);
            let marker = format!("[{}]", self.link_base[block.id] + i + 1);
            markers.push((end, shown.len(), marker.len()));
            shown.push_str(&marker);
            copied = end;
        }
        shown.push_str(&block.text[copied..]);
        (Some(shown), markers)
    }

    /// Cells taken before the text of block `id`: list bullets and quote bars.
    pub fn indent(&self, id: usize) -> usize {
        match self.kinds[id] {
            BlockKind::ListItem => 2 + 2 * self.depths[id] as usize,
            BlockKind::Quote => 2 * self.depths[id].max(1) as usize,
            _ => 0,
        }
    }

    /// The first line of the article.
    pub fn start(&self) -> Pos {
        Pos { seg: 0, line: 0 }
    }
}

/// The article and its layout, read together: what moving through the article and drawing it
/// need. The `Model` owns the article and the `Document`; a `Page` borrows both, so the
/// article is handed to the layout in this one place (it derefs to the `Document`).
#[derive(Clone, Copy)]
pub struct Page<'a> {
    /// The article being read.
    pub article: &'a Article,
    /// Its layout.
    pub doc: &'a Document,
}

impl std::ops::Deref for Page<'_> {
    type Target = Document;

    fn deref(&self) -> &Document {
        self.doc
    }
}

impl Page<'_> {
    /// The laid-out lines of a segment at the current width, blank spacing line included.
    pub fn lines(&self, seg: usize) -> Rc<SegLayout> {
        if let Some(layout) = self.cache.borrow().get(&seg) {
            return Rc::clone(layout);
        }
        let layout = Rc::new(self.layout(seg));
        self.cache.borrow_mut().insert(seg, Rc::clone(&layout));
        layout
    }

    /// How many lines segment `seg` takes at the current width.
    pub fn height(&self, seg: usize) -> usize {
        self.lines(seg).lines.len()
    }

    fn layout(&self, seg: usize) -> SegLayout {
        let blank = VisualLine { kind: LineKind::Blank, range: 0..0 };
        // An empty article has no segments: nothing to lay out.
        let Some(this) = self.segs.get(seg) else { return SegLayout::default() };
        let id = match *this {
            Seg::Fold(_) => {
                let lines = vec![VisualLine { kind: LineKind::Fold, range: 0..0 }, blank];
                return SegLayout { lines, ..SegLayout::default() };
            }
            Seg::Block(id) => id,
        };
        let block = &self.article.blocks[id];
        if block.kind == BlockKind::Table && block.image.is_none() {
            let numbered = (block.label == Label::Content).then_some(self.link_base[id]);
            if let Some(mut table) = super::table::layout(block, self.width, numbered) {
                table.lines.push(blank);
                return table;
            }
        }
        let (mut display, markers) = self.with_markers(block);
        if block.image.is_some() {
            // An image is one line: its words cut to the column, with an ellipsis.
            display = display.map(|shown| crate::text::cells::shorten(&shown, self.width));
        }
        let shown = display.as_deref().unwrap_or(&block.text);
        let mut lines = match block.kind {
            _ if block.image.is_some() => {
                vec![VisualLine { kind: LineKind::Text { first: true }, range: 0..shown.len() }]
            }
            BlockKind::Code | BlockKind::Table => verbatim_lines(shown),
            _ => wrap(shown, self.width.saturating_sub(self.indent(id)).max(1)),
        };
        let tight = block.kind == BlockKind::ListItem
            && self.next_seg(seg).and_then(|n| self.block_at(n)).is_some_and(|n| self.kinds[n] == BlockKind::ListItem)
            && matches!(self.segs.get(seg + 1), Some(Seg::Block(_)));
        if !tight {
            lines.push(blank);
        }
        SegLayout { lines, display, markers, ..SegLayout::default() }
    }

    /// Moves `pos` down by `n` lines, stopping at the last line.
    pub fn down(&self, mut pos: Pos, mut n: usize) -> Pos {
        while n > 0 {
            let height = self.height(pos.seg);
            if pos.line + n < height {
                pos.line += n;
                break;
            }
            match self.next_seg(pos.seg) {
                Some(next) => {
                    n -= height - pos.line;
                    pos = Pos { seg: next, line: 0 };
                }
                None => {
                    pos.line = height.saturating_sub(1);
                    break;
                }
            }
        }
        pos
    }

    /// Moves `pos` up by `n` lines, stopping at the first line.
    pub fn up(&self, mut pos: Pos, mut n: usize) -> Pos {
        while n > 0 {
            if pos.line >= n {
                pos.line -= n;
                break;
            }
            n -= pos.line;
            match self.prev_seg(pos.seg) {
                Some(prev) => {
                    n -= 1;
                    pos = Pos { seg: prev, line: self.height(prev).saturating_sub(1) };
                }
                None => {
                    pos.line = 0;
                    break;
                }
            }
        }
        pos
    }

    /// How much of what is shown lies before `pos`, by the length of its text: a closed
    /// fold's text is left out (so a screen of folds is not a third of the article). Costs
    /// one step per fold, not per block.
    pub fn weight_before(&self, pos: Pos) -> usize {
        let weight = |a: usize, b: usize| self.weight_before[b] - self.weight_before[a];
        let mut before = weight(0, pos.seg.min(self.segs.len()));
        for fold in self.folds.iter().filter(|f| !f.open && f.end <= pos.seg) {
            before -= weight(fold.seg + 1, fold.end);
        }
        if pos.seg < self.segs.len() {
            before += weight(pos.seg, pos.seg + 1) * pos.line / self.height(pos.seg).max(1);
        }
        before
    }

    /// The last line of the article (a closed fold's fold line when the article ends in it).
    pub fn end(&self) -> Pos {
        let mut seg = self.segs.len().saturating_sub(1);
        if self.is_hidden(seg) {
            seg = self.fold_of(seg).map_or(seg, |f| self.folds[f].seg);
        }
        if self.segs.is_empty() {
            return Pos::default();
        }
        Pos { seg, line: self.height(seg).saturating_sub(1) }
    }

    /// The top position that shows the article's last line on the screen's last row.
    pub fn last_top(&self, rows: usize) -> Pos {
        self.up(self.end(), rows.saturating_sub(1))
    }

    /// `rows` lines from `top`, as (segment, line) pairs.
    pub fn window(&self, top: Pos, rows: usize) -> Vec<(usize, VisualLine)> {
        let mut out = Vec::with_capacity(rows);
        let mut pos = Some(top);
        while let Some(p) = pos {
            if out.len() >= rows || self.segs.is_empty() {
                break;
            }
            let layout = self.lines(p.seg);
            for line in layout.lines.iter().skip(p.line) {
                if out.len() >= rows {
                    break;
                }
                out.push((p.seg, line.clone()));
            }
            pos = self.next_seg(p.seg).map(|seg| Pos { seg, line: 0 });
        }
        out
    }

    /// The line of segment `seg` that holds byte `offset` of its block's text.
    pub fn line_of_offset(&self, seg: usize, offset: usize) -> usize {
        let layout = self.lines(seg);
        let shown = layout.shown_start(offset);
        layout
            .lines
            .iter()
            .rposition(|l| matches!(l.kind, LineKind::Text { .. } | LineKind::Verbatim) && l.range.start <= shown)
            .unwrap_or(0)
    }

    /// The byte offset of the block's text on line `pos` (to find the same text after a re-wrap).
    pub fn offset_of(&self, pos: Pos) -> usize {
        let layout = self.lines(pos.seg);
        let shown =
            layout.lines.iter().take(pos.line + 1).rev().find(|l| !l.range.is_empty()).map_or(0, |l| l.range.start);
        layout.text_offset(shown)
    }
}

fn verbatim_lines(text: &str) -> Vec<VisualLine> {
    let mut out = Vec::new();
    let mut start = 0;
    for line in text.split('\n') {
        out.push(VisualLine { kind: LineKind::Verbatim, range: start..start + line.len() });
        start += line.len() + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_of<'a>(text: &'a str, lines: &[VisualLine]) -> Vec<&'a str> {
        lines.iter().map(|l| &text[l.range.clone()]).collect()
    }

    #[test]
    fn wraps_by_display_width() {
        let text = "one two three four five six";
        assert_eq!(text_of(text, &wrap(text, 9)), ["one two", "three", "four five", "six"]);
    }

    #[test]
    fn long_words_and_cjk_are_broken_to_fit() {
        let text = "abcdefghijkl";
        assert_eq!(text_of(text, &wrap(text, 5)), ["abcde", "fghij", "kl"]);
        let cjk = "日本語の文章を折り返す";
        let lines = wrap(cjk, 6);
        assert!(lines.len() >= 4);
        for l in &lines {
            assert!(unicode_width::UnicodeWidthStr::width(&cjk[l.range.clone()]) <= 6);
        }
    }

    #[test]
    fn emoji_count_two_cells() {
        let text = "😀😀😀😀";
        assert_eq!(wrap(text, 4).len(), 2);
    }
}
