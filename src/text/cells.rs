//! Text measured in terminal cells (a wide character takes two), for lines that must fit a width.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// The longest start of `text` that fits in `width` cells.
pub fn clip(text: &str, width: usize) -> String {
    let mut used = 0;
    text.chars()
        .take_while(|c| {
            used += c.width().unwrap_or(0);
            used <= width
        })
        .collect()
}

/// `text` in at most `width` cells: as it is where it fits, else cut with `…` at its end.
pub fn shorten(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    let mut out = clip(text, width.saturating_sub(1));
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_cut_to_its_width_in_cells() {
        assert_eq!(clip("harbour", 4), "harb");
        assert_eq!(clip("日本語", 5), "日本");
        assert_eq!(shorten("harbour", 7), "harbour");
        assert_eq!(shorten("harbour", 5), "harb…");
        assert_eq!(shorten("日本語", 4), "日…");
        assert_eq!(shorten("harbour", 0), "…");
    }
}
