//! Article text is hostile: no byte of it may reach a terminal as a control sequence.
//! `visible` shows control and bidi-override characters as placeholders (for screens);
//! `strip` removes them (for the clean copy). JSON output escapes them by itself.

use std::borrow::Cow;

fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t') || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `ESC` becomes `␛`, other C0 controls their U+2400 picture, DEL `␡`, C1 controls and bidi
/// overrides `�`.
pub fn visible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| match c {
                c if !is_unsafe(c) => c,
                '\u{0}'..='\u{1F}' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{FFFD}'),
                '\u{7F}' => '␡',
                _ => '\u{FFFD}',
            })
            .collect(),
    )
}

/// The text without any control or bidi-override character (tabs and newlines kept).
pub fn strip(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.chars().filter(|&c| !is_unsafe(c)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_become_placeholders_or_vanish() {
        let evil = "a\u{1b}]52;c;aGk=\u{7}b\u{202E}c\u{9b}d";
        assert_eq!(visible(evil), "a␛]52;c;aGk=␇b\u{FFFD}c\u{FFFD}d");
        assert_eq!(strip(evil), "a]52;c;aGk=bcd");
        assert!(matches!(visible("plain\ttext"), Cow::Borrowed(_)));
    }
}
