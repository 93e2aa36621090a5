//! A data table laid out as a table: its cells in aligned columns (by display width), a rule
//! under the header row, columns apart by `│`; a table wider than the column wraps its cells
//! within their columns. The lines drawn are one string, mapped back to the block's text piece
//! by piece, so that search hits, link markers and reading positions stay on their words.

use super::lines::{LineKind, SegLayout, VisualLine};
use crate::article::Block;
use std::ops::Range;
use unicode_width::UnicodeWidthStr;

/// What stands between two columns.
pub const SEPARATOR: &str = " │ ";
/// The header rule, and where it crosses a separator.
const RULE: char = '─';
const CROSS: &str = "─┼─";
/// The narrowest a column is made by wrapping; a table that cannot keep every column this wide
/// is drawn at its natural width (and scrolls sideways like code).
const NARROWEST: usize = 4;

/// One cell as shown: its text with link markers, and for each run of the block's text in it,
/// (offset in the block's text, offset in the cell's string, length).
struct Cell {
    shown: String,
    pieces: Vec<(usize, usize, usize)>,
    /// Link markers: offset in the block's text, offset in the cell's string, length.
    markers: Vec<(usize, usize, usize)>,
}

/// Lays out `block` (a table) for a column `width` cells wide, its links numbered from
/// `first_link` (none when the block's links are not numbered); `None` when the block's text
/// holds no rows.
pub fn layout(block: &Block, width: usize, first_link: Option<usize>) -> Option<SegLayout> {
    let rows = cell_ranges(block);
    if rows.is_empty() {
        return None;
    }
    let cells: Vec<Vec<Cell>> =
        rows.iter().map(|row| row.iter().map(|r| cell(block, r.clone(), first_link)).collect()).collect();
    let columns = cells.iter().map(Vec::len).max().unwrap_or(0);
    let natural: Vec<usize> = (0..columns)
        .map(|c| cells.iter().filter_map(|row| row.get(c)).map(|cell| cell.shown.width()).max().unwrap_or(0))
        .collect();
    let widths = fit_columns(&natural, width);
    let numeric: Vec<bool> =
        (0..columns).map(|c| is_numeric(cells.iter().skip(1).filter_map(|row| row.get(c)))).collect();
    let mut out = Drawn::default();
    for (r, row) in cells.iter().enumerate() {
        // Each cell wrapped within its column; the row is as tall as its tallest cell.
        let wrapped: Vec<Vec<Range<usize>>> =
            (0..columns).map(|c| row.get(c).map_or_else(Vec::new, |cell| wrap(&cell.shown, widths[c]))).collect();
        let height = wrapped.iter().map(Vec::len).max().unwrap_or(1).max(1);
        for k in 0..height {
            let start = out.text.len();
            for c in 0..columns {
                if c > 0 {
                    let at = out.text.len();
                    out.text.push_str(SEPARATOR);
                    out.frame.push(at..out.text.len());
                }
                let (cell, part) = match (row.get(c), wrapped[c].get(k)) {
                    (Some(cell), Some(part)) => (Some(cell), part.clone()),
                    _ => (None, 0..0),
                };
                let text = cell.map_or("", |cell| &cell.shown[part.clone()]);
                let pad = widths[c].saturating_sub(text.width());
                let last = c + 1 == columns;
                if numeric[c] {
                    out.text.push_str(&" ".repeat(pad));
                }
                let at = out.text.len();
                out.text.push_str(text);
                if let Some(cell) = cell {
                    out.place(cell, part, at);
                }
                if !numeric[c] && !last {
                    out.text.push_str(&" ".repeat(pad));
                }
            }
            out.lines.push(VisualLine { kind: LineKind::Verbatim, range: start..out.text.len() });
            out.text.push('\n');
        }
        if r == 0 && cells.len() > 1 {
            out.head = out.text.len();
            let start = out.text.len();
            let rule: Vec<String> = widths.iter().map(|w| RULE.to_string().repeat(*w)).collect();
            out.text.push_str(&rule.join(CROSS));
            out.frame.push(start..out.text.len());
            out.lines.push(VisualLine { kind: LineKind::Verbatim, range: start..out.text.len() });
            out.text.push('\n');
        }
    }
    out.text.pop();
    Some(SegLayout {
        lines: out.lines,
        display: Some(out.text),
        markers: out.markers,
        pieces: out.pieces,
        frame: out.frame,
        head: out.head,
    })
}

/// The table as it is being drawn.
#[derive(Default)]
struct Drawn {
    text: String,
    lines: Vec<VisualLine>,
    pieces: Vec<(usize, usize, usize)>,
    markers: Vec<(usize, usize, usize)>,
    frame: Vec<Range<usize>>,
    head: usize,
}

impl Drawn {
    /// Records where the part `part` of `cell`'s string, drawn at `at`, comes from.
    fn place(&mut self, cell: &Cell, part: Range<usize>, at: usize) {
        for &(text_at, cell_at, len) in &cell.pieces {
            let (a, b) = (cell_at.max(part.start), (cell_at + len).min(part.end));
            if a < b {
                self.pieces.push((text_at + (a - cell_at), at + (a - part.start), b - a));
            }
        }
        for &(text_at, cell_at, len) in &cell.markers {
            if cell_at >= part.start && cell_at + len <= part.end {
                self.markers.push((text_at, at + (cell_at - part.start), len));
            }
        }
    }
}

/// The byte ranges of the cells of each row in the block's text (rows are its lines, cells
/// joined by ` | `): found from the block's cells where it has them, so that empty cells keep
/// their column; else the text split at each ` | `.
fn cell_ranges(block: &Block) -> Vec<Vec<Range<usize>>> {
    let text = &block.text;
    let mut lines: Vec<Range<usize>> = Vec::new();
    let mut start = 0;
    for line in text.split('\n') {
        if !line.trim().is_empty() {
            lines.push(start..start + line.len());
        }
        start += line.len() + 1;
    }
    let found = (block.cells.len() == lines.len()).then(|| {
        lines
            .iter()
            .zip(&block.cells)
            .map(|(line, row)| {
                let mut at = line.start;
                let mut cells = Vec::new();
                for cell in row {
                    let words = crate::article::plain_text(cell);
                    let words = words.trim();
                    if words.is_empty() {
                        cells.push(at..at);
                        continue;
                    }
                    let found = text[at..line.end].find(words)?;
                    cells.push(at + found..at + found + words.len());
                    at += found + words.len();
                }
                Some(cells)
            })
            .collect::<Option<Vec<_>>>()
    });
    if let Some(Some(rows)) = found {
        return rows;
    }
    lines
        .into_iter()
        .map(|line| {
            let mut cells = Vec::new();
            let mut at = line.start;
            for part in text[line.clone()].split(" | ") {
                let trimmed = part.trim();
                let lead = part.len() - part.trim_start().len();
                cells.push(at + lead..at + lead + trimmed.len());
                at += part.len() + 3;
            }
            cells
        })
        .collect()
}

/// A cell's string: its text, with `[n]` after each numbered link that ends in it.
fn cell(block: &Block, range: Range<usize>, first_link: Option<usize>) -> Cell {
    let mut shown = String::new();
    let mut pieces = Vec::new();
    let mut markers = Vec::new();
    let mut copied = range.start;
    if let Some(first) = first_link {
        for (i, link) in block.links.iter().enumerate() {
            let end = link.range[1];
            if end <= range.start || end > range.end || end < copied || !block.text.is_char_boundary(end) {
                continue;
            }
            pieces.push((copied, shown.len(), end - copied));
            shown.push_str(&block.text[copied..end]);
            let marker = format!("[{}]", first + i + 1);
            markers.push((end, shown.len(), marker.len()));
            shown.push_str(&marker);
            copied = end;
        }
    }
    pieces.push((copied, shown.len(), range.end - copied));
    shown.push_str(&block.text[copied..range.end]);
    pieces.retain(|p| p.2 > 0);
    Cell { shown, pieces, markers }
}

/// Column widths that fit `width` with the separators: the natural ones where they fit; else
/// the narrow columns keep theirs and the wide ones share what is left. Where even that leaves
/// a column narrower than `NARROWEST`, the natural widths (the table then scrolls sideways).
fn fit_columns(natural: &[usize], width: usize) -> Vec<usize> {
    let columns = natural.len();
    let room = width.saturating_sub(SEPARATOR.width() * columns.saturating_sub(1));
    if natural.iter().sum::<usize>() <= room {
        return natural.to_vec();
    }
    if room < NARROWEST * columns {
        return natural.to_vec();
    }
    let mut widths = vec![0; columns];
    let mut left: Vec<usize> = (0..columns).collect();
    let mut rest = room;
    // Columns narrower than a fair share keep their width; the others share the rest.
    loop {
        let fair = rest / left.len().max(1);
        let (narrow, wide): (Vec<usize>, Vec<usize>) = left.iter().partition(|&&c| natural[c] <= fair);
        if narrow.is_empty() {
            for (i, &c) in wide.iter().enumerate() {
                widths[c] = fair + usize::from(i < rest % wide.len().max(1));
            }
            break;
        }
        for &c in &narrow {
            widths[c] = natural[c];
            rest -= natural[c];
        }
        left = wide;
        if left.is_empty() {
            break;
        }
    }
    widths
}

/// Whether a column's cells (the header row left out) are numbers, to be aligned right:
/// digits with signs, separators, units in `%`, currency signs or fractions, and at least one.
fn is_numeric<'a>(cells: impl Iterator<Item = &'a Cell>) -> bool {
    let mut any = false;
    for cell in cells {
        let text = cell.shown.trim();
        if text.is_empty() {
            continue;
        }
        if !text.chars().any(|c| c.is_ascii_digit())
            || !text.chars().all(|c| c.is_ascii_digit() || ".,%+-−/$€£ ".contains(c))
        {
            return false;
        }
        any = true;
    }
    any
}

/// A cell's string wrapped to `width` cells, as byte ranges (one empty line for an empty cell).
fn wrap(text: &str, width: usize) -> Vec<Range<usize>> {
    if text.width() <= width {
        return std::iter::once(0..text.len()).collect();
    }
    super::lines::wrap_ranges(text, width.max(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_share_what_is_left_after_the_narrow_ones() {
        assert_eq!(fit_columns(&[5, 6], 20), [5, 6]);
        // 40 cells less two separators leave 34: the narrow column keeps 4, the two wide share 30.
        assert_eq!(fit_columns(&[4, 50, 60], 40), [4, 15, 15]);
        // Too narrow for every column to keep four cells: natural widths.
        assert_eq!(fit_columns(&[30, 30, 30], 12), [30, 30, 30]);
    }
}
