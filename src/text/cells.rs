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

/// The longest end of `text` that fits in `width` cells.
pub fn clip_start(text: &str, width: usize) -> String {
    let mut used = 0;
    let mut kept: Vec<char> = text
        .chars()
        .rev()
        .take_while(|c| {
            used += c.width().unwrap_or(0);
            used <= width
        })
        .collect();
    kept.reverse();
    kept.into_iter().collect()
}

/// `text` less its first `cells` cells (a wide character cut in two goes whole), and how
/// many cells of padding stand for the half of it that was cut off.
pub fn skip(text: &str, cells: usize) -> (&str, usize) {
    let mut used = 0;
    for (at, c) in text.char_indices() {
        if used >= cells {
            return (&text[at..], used - cells);
        }
        used += c.width().unwrap_or(0);
    }
    ("", used.saturating_sub(cells))
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

/// `text` in at most `width` cells: as it is where it fits, else with `…` in place of its
/// middle, a third of the room for its start and the rest for its end (a path keeps its file
/// name, an address its host and its last part).
pub fn shorten_middle(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    let room = width.saturating_sub(1);
    let head = clip(text, room / 3);
    let tail = clip_start(text, room - head.width());
    format!("{head}…{tail}")
}

/// A line of words in at most `width` cells, never cut inside a word where that can be
/// helped: its longest words (paths, addresses) are shortened in the middle first, down to
/// a dozen cells each; what is still too wide ends with `…` after its last whole word.
pub fn fit(text: &str, width: usize) -> String {
    const LEAST: usize = 12;
    let mut words: Vec<String> = text.split(' ').map(str::to_string).collect();
    let total = |words: &[String]| words.iter().map(|w| w.width()).sum::<usize>() + words.len().saturating_sub(1);
    while total(&words) > width {
        let Some((i, longest)) = words.iter().enumerate().max_by_key(|(_, w)| w.width()).map(|(i, w)| (i, w.width()))
        else {
            break;
        };
        if longest <= LEAST {
            break;
        }
        let excess = total(&words) - width;
        words[i] = shorten_middle(&words[i], longest.saturating_sub(excess).max(LEAST));
    }
    let line = words.join(" ");
    if line.width() <= width {
        return line;
    }
    // Still too wide: whole words up to the edge, then `…`.
    let mut out = String::new();
    for word in &words {
        let next = if out.is_empty() { word.clone() } else { format!("{out} {word}") };
        if next.width() + 1 > width {
            break;
        }
        out = next;
    }
    if out.is_empty() {
        return shorten(&line, width);
    }
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
        assert_eq!(clip_start("harbour", 4), "bour");
        assert_eq!(clip_start("日本語", 5), "本語");
        assert_eq!(shorten("harbour", 7), "harbour");
        assert_eq!(shorten("harbour", 5), "harb…");
        assert_eq!(shorten("日本語", 4), "日…");
        assert_eq!(shorten("harbour", 0), "…");
    }

    #[test]
    fn skipping_cells_keeps_the_rest_whole() {
        assert_eq!(skip("harbour", 3), ("bour", 0));
        assert_eq!(skip("日本語", 1), ("本語", 1));
        assert_eq!(skip("ab", 5), ("", 0));
    }

    #[test]
    fn long_words_lose_their_middle_not_their_ends() {
        assert_eq!(shorten_middle("harbour", 7), "harbour");
        let path = "/home/sam/folio/saved/2026-12-05-harbour-town-swaps-diesel-for-heat-pumps.md";
        let short = shorten_middle(path, 40);
        assert_eq!(short.width(), 40);
        assert!(short.starts_with("/home/sam/fol") && short.ends_with("for-heat-pumps.md"), "{short}");
        let line = format!("saved {path}");
        let fitted = fit(&line, 60);
        assert!(fitted.width() <= 60 && fitted.starts_with("saved /home") && fitted.ends_with("heat-pumps.md"));
        assert_eq!(fit("one two three", 13), "one two three");
        assert_eq!(fit("one two three four five", 12), "one two…");
    }
}
