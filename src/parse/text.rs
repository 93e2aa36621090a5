//! Plain text, such as a web page copied with "select all": a block per line, except where a
//! blank-line paragraph is hard-wrapped prose, which becomes one block. Bullet lines become
//! list items.

use crate::article::{Block, BlockKind};

const BULLETS: [&str; 7] = ["• ", "· ", "- ", "* ", "– ", "▪ ", "◦ "];

pub fn parse(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut group: Vec<(usize, &str)> = Vec::new();
    for (index, line) in text.split('\n').enumerate() {
        if line.trim().is_empty() {
            flush(&mut group, &mut blocks);
        } else {
            group.push((index + 1, line));
        }
    }
    flush(&mut group, &mut blocks);
    blocks
}

fn flush(group: &mut Vec<(usize, &str)>, blocks: &mut Vec<Block>) {
    if group.is_empty() {
        return;
    }
    if is_hard_wrapped(group) {
        let text = group.iter().map(|(_, l)| l.trim()).collect::<Vec<_>>().join(" ");
        let lines = [group[0].0, group[group.len() - 1].0];
        blocks.push(block_of(text, lines));
    } else {
        for &(number, line) in group.iter() {
            blocks.push(block_of(line.trim().to_string(), [number, number]));
        }
    }
    group.clear();
}

fn block_of(text: String, lines: [usize; 2]) -> Block {
    let (kind, text) = match BULLETS.iter().find_map(|b| text.strip_prefix(b)) {
        Some(rest) if !rest.trim().is_empty() => (BlockKind::ListItem, rest.trim().to_string()),
        _ => (BlockKind::Paragraph, text),
    };
    Block::new(kind, collapse_spaces(&text), lines)
}

fn collapse_spaces(text: &str) -> String {
    if !text.contains("  ") && !text.contains('\t') {
        return text.to_string();
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Prose wrapped at a fixed width: every line but the last fills most of the width, the
/// width is that of a text file (not a web page's one-line paragraphs), and at least one
/// line breaks in the middle of a sentence.
fn is_hard_wrapped(group: &[(usize, &str)]) -> bool {
    if group.len() < 2 {
        return false;
    }
    let widths: Vec<usize> = group.iter().map(|(_, l)| l.trim_end().chars().count()).collect();
    let widest = widths.iter().copied().max().unwrap_or(0);
    if !(30..=100).contains(&widest) {
        return false;
    }
    let body = &group[..group.len() - 1];
    let full = body.iter().all(|(_, l)| l.trim_end().chars().count() * 10 >= widest * 6);
    let mid_sentence = body.iter().any(|(_, l)| {
        let l = l.trim_end();
        !l.ends_with(['.', '!', '?', ':', '"', '”']) && l.split_whitespace().count() >= 4
    });
    let bullets = group.iter().filter(|(_, l)| BULLETS.iter().any(|b| l.trim_start().starts_with(b))).count();
    full && mid_sentence && bullets == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn consecutive_short_lines_are_separate_blocks() {
        let blocks = parse("Published:\n2025-12-17 17:44:46\n5\n2\n");
        let texts: Vec<_> = blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, ["Published:", "2025-12-17 17:44:46", "5", "2"]);
        assert_eq!(blocks[1].source_lines, Some([2, 2]));
    }

    #[test]
    fn hard_wrapped_paragraph_is_one_block() {
        let text = "The committee met on Tuesday to consider the proposal, which\n\
                    had been delayed twice since the spring because of the costs\n\
                    involved.\n\nNext paragraph.";
        let blocks = parse(text);
        assert_eq!(blocks.len(), 2);
        assert_eq!(blocks[0].source_lines, Some([1, 3]));
        assert!(blocks[0].text.ends_with("costs involved."));
    }

    #[test]
    fn bullets_become_list_items() {
        let blocks = parse("• First point\n- Second point\n");
        assert!(blocks.iter().all(|b| b.kind == BlockKind::ListItem));
        assert_eq!(blocks[0].text, "First point");
    }
}
