//! A laid-out line and a segment's lines at one width, and the one way text is wrapped: what
//! the document lays out and a table's cells are wrapped with, below both of them.

use std::ops::Range;
use textwrap::WordSeparator;

/// What a laid-out line is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LineKind {
    /// Wrapped text: `range` is a byte range of the block's text; `first` marks the first line.
    Text {
        /// Whether this is the block's first line (where a list item's bullet goes).
        first: bool,
    },
    /// A line of a code block or table, never re-wrapped (clipped at the column's edge).
    Verbatim,
    /// The fold line.
    Fold,
    /// The empty line after a block or a fold line.
    Blank,
}

/// One line on the screen, as laid out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisualLine {
    /// What the line is.
    pub kind: LineKind,
    /// The bytes of the segment's shown text on this line (empty for fold and blank lines).
    pub range: Range<usize>,
}

/// A segment laid out at one width: its lines, and for a block with links the text as shown,
/// with a numbered marker (`[3]`) after each link. Line ranges index the shown text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SegLayout {
    /// The segment's lines, its spacing blank line included.
    pub lines: Vec<VisualLine>,
    /// The text with link markers, where there are links (else the block's own text is shown).
    pub display: Option<String>,
    /// Each marker: its place in the block's text, its place in the shown text, its length.
    pub markers: Vec<(usize, usize, usize)>,
    /// Where the shown text is the block's text rearranged (a table drawn as a table): each
    /// run of the block's text shown, as its place in the block's text, its place in the shown
    /// text and its length, in order. Empty where the shown text is the block's text with the
    /// markers put in.
    pub pieces: Vec<(usize, usize, usize)>,
    /// The shown text's drawing (a table's rules and column separators), drawn dim.
    pub frame: Vec<Range<usize>>,
    /// Where a table's header row ends in the shown text (0: no header).
    pub head: usize,
}

impl SegLayout {
    /// The text the line ranges index.
    pub fn text<'a>(&'a self, block_text: &'a str) -> &'a str {
        self.display.as_deref().unwrap_or(block_text)
    }

    /// Where byte `offset` of the block's text is shown (a marker at `offset` comes first).
    pub fn shown_start(&self, offset: usize) -> usize {
        if !self.pieces.is_empty() {
            // The first piece that holds the byte or comes after it.
            return match self.pieces.iter().find(|p| p.0 + p.2 > offset) {
                Some(&(at, shown, _)) => shown + offset.saturating_sub(at),
                None => self.display.as_ref().map_or(0, String::len),
            };
        }
        offset + self.markers.iter().filter(|m| m.0 <= offset).map(|m| m.2).sum::<usize>()
    }

    /// Where a range of the block's text that ends at `offset` ends when shown.
    pub fn shown_end(&self, offset: usize) -> usize {
        if !self.pieces.is_empty() {
            // The last piece that starts before the end.
            return self
                .pieces
                .iter()
                .rev()
                .find(|p| p.0 < offset)
                .map_or(0, |&(at, shown, len)| shown + (offset - at).min(len));
        }
        offset + self.markers.iter().filter(|m| m.0 < offset).map(|m| m.2).sum::<usize>()
    }

    /// Where the bytes `range` of the block's text are shown: one range of the shown text, or
    /// where the shown text is rearranged (a table), one for each piece they run through (so
    /// that what lies between two of a cell's lines is left out).
    pub fn shown_ranges(&self, range: Range<usize>) -> Vec<Range<usize>> {
        if self.pieces.is_empty() {
            let shown = self.shown_start(range.start)..self.shown_end(range.end);
            return Vec::from([shown]);
        }
        self.pieces
            .iter()
            .filter(|&&(at, _, len)| at < range.end && at + len > range.start)
            .map(|&(at, shown, len)| shown + range.start.saturating_sub(at)..shown + (range.end - at).min(len))
            .collect()
    }

    /// The byte of the block's text shown at `shown` (a marker maps to where it stands).
    pub fn text_offset(&self, shown: usize) -> usize {
        if !self.pieces.is_empty() {
            return self
                .pieces
                .iter()
                .rev()
                .find(|p| p.1 <= shown)
                .map_or(0, |&(at, start, len)| at + (shown - start).min(len));
        }
        let mut offset = shown;
        for &(at, display, len) in &self.markers {
            if shown >= display + len {
                offset -= len;
            } else if shown >= display {
                return at;
            }
        }
        offset
    }
}

/// Greedy wrapping with textwrap's word splitting (Unicode line-break rules, so CJK breaks
/// between characters) and display widths; over-long words are broken. Lines are byte ranges.
pub(crate) fn wrap(text: &str, width: usize) -> Vec<VisualLine> {
    let mut out = Vec::new();
    let mut first = true;
    let mut base = 0;
    for paragraph in text.split('\n') {
        let words: Vec<_> = WordSeparator::UnicodeBreakProperties.find_words(paragraph).collect();
        let words = textwrap::core::break_words(words, width);
        let lines = textwrap::wrap_algorithms::wrap_first_fit(&words, &[width as f64]);
        for line in lines {
            let (Some(a), Some(z)) = (line.first(), line.last()) else { continue };
            let start = base + (a.word.as_ptr() as usize - paragraph.as_ptr() as usize);
            let end = base + (z.word.as_ptr() as usize - paragraph.as_ptr() as usize) + z.word.len();
            out.push(VisualLine { kind: LineKind::Text { first }, range: start..end });
            first = false;
        }
        base += paragraph.len() + 1;
    }
    if out.is_empty() {
        out.push(VisualLine { kind: LineKind::Text { first: true }, range: 0..0 });
    }
    out
}

/// `text` (one paragraph) wrapped to `width` cells as `wrap` does, as byte ranges.
pub(crate) fn wrap_ranges(text: &str, width: usize) -> Vec<Range<usize>> {
    wrap(text, width).into_iter().map(|l| l.range).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_range_is_shown_piece_by_piece_where_the_text_is_rearranged() {
        let shown = |layout: &SegLayout, range| -> Vec<(usize, usize)> {
            layout.shown_ranges(range).into_iter().map(|r| (r.start, r.end)).collect()
        };
        // "alpha beta gamma" in a table cell two lines high: "alpha beta" shown at 2, "gamma" at 20.
        let table = SegLayout { pieces: vec![(0, 2, 10), (11, 20, 5)], ..SegLayout::default() };
        assert_eq!(shown(&table, 6..16), [(8, 12), (20, 25)]);
        assert_eq!(shown(&table, 0..5), [(2, 7)]);
        // A marker `[1]` after "alpha": what follows it moves on by its length.
        let marked = SegLayout { markers: vec![(5, 5, 3)], ..SegLayout::default() };
        assert_eq!(shown(&marked, 0..5), [(0, 5)]);
        assert_eq!(shown(&marked, 6..10), [(9, 13)]);
    }
}
