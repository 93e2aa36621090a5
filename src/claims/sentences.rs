//! Splitting a block's text into sentences without breaking at "U.S.", "Dr.", "3.5",
//! initials, ellipses followed by lower case, or inside quotes.

use crate::text::lexicon::is_abbreviation;

/// Byte ranges of the sentences of `text`, trimmed of surrounding white space.
pub fn split(text: &str) -> Vec<(usize, usize)> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < chars.len() {
        let (_, c) = chars[i];
        if matches!(c, '.' | '!' | '?' | '…' | '。' | '！' | '？') {
            // Take the whole run of terminal punctuation and any closing quotes or brackets.
            let mut j = i + 1;
            while j < chars.len() && matches!(chars[j].1, '.' | '!' | '?' | '…') {
                j += 1;
            }
            while j < chars.len() && matches!(chars[j].1, '"' | '”' | '’' | '\'' | ')' | ']' | '»') {
                j += 1;
            }
            let end = chars.get(j).map_or(text.len(), |&(b, _)| b);
            if is_boundary(text, &chars, i, j) {
                push_trimmed(text, start, end, &mut out);
                start = end;
            }
            i = j;
        } else {
            i += 1;
        }
    }
    push_trimmed(text, start, text.len(), &mut out);
    out
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
    let piece = &text[start..end];
    let lead = piece.len() - piece.trim_start().len();
    let trimmed = piece.trim();
    if !trimmed.is_empty() {
        out.push((start + lead, start + lead + trimmed.len()));
    }
}

/// Whether the punctuation at `chars[at..after]` ends a sentence.
fn is_boundary(text: &str, chars: &[(usize, char)], at: usize, after: usize) -> bool {
    let mark = chars[at].1;
    if matches!(mark, '。' | '！' | '？') {
        return true;
    }
    // Must be followed by white space (or the end), then something that can start a sentence.
    let Some(&(_, space)) = chars.get(after) else { return true };
    if !space.is_whitespace() {
        return false;
    }
    let next = chars[after..].iter().map(|&(_, c)| c).find(|c| !c.is_whitespace());
    let Some(next) = next else { return true };
    let starts_sentence = next.is_uppercase()
        || next.is_numeric()
        || matches!(next, '"' | '“' | '‘' | '\'' | '(' | '[' | '«' | '¿' | '¡')
        || !next.is_alphabetic() && !next.is_ascii_punctuation();
    if !starts_sentence {
        return false;
    }
    if mark == '.' && after == at + 1 {
        let word = word_before(text, chars[at].0);
        let lower = word.to_lowercase();
        if is_abbreviation(&lower) {
            return false;
        }
        // An initial: "J. K. Rowling".
        if word.chars().count() == 1 && word.chars().all(char::is_uppercase) {
            return false;
        }
    }
    true
}

/// The word that ends at byte `end` (dots inside it kept: "U.S").
fn word_before(text: &str, end: usize) -> &str {
    let before = &text[..end];
    let start = before
        .char_indices()
        .rev()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '.'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    &before[start..]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        split(text).into_iter().map(|(a, b)| &text[a..b]).collect()
    }

    #[test]
    fn abbreviations_numbers_and_initials_do_not_split() {
        let text = "Dr. Smith met J. K. Rowling in the U.S. on Monday. Growth was 3.5 percent. Next.";
        assert_eq!(
            sentences(text),
            ["Dr. Smith met J. K. Rowling in the U.S. on Monday.", "Growth was 3.5 percent.", "Next."]
        );
    }

    #[test]
    fn quotes_and_ellipses() {
        let text = "“It is over,” she said. “Really.” He paused… and left. Then what?";
        assert_eq!(sentences(text), ["“It is over,” she said.", "“Really.”", "He paused… and left.", "Then what?"]);
    }

    #[test]
    fn question_inside_a_paragraph() {
        let text = "The narrative of an arms race? He's not buying it.";
        assert_eq!(sentences(text), ["The narrative of an arms race?", "He's not buying it."]);
    }

    #[test]
    fn cjk_full_stops() {
        assert_eq!(sentences("今日は晴れ。明日は雨。"), ["今日は晴れ。", "明日は雨。"]);
    }
}
