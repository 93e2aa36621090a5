//! Measurements of one block's text that tell story prose from clutter: length, sentence
//! punctuation, function-word density, capitalisation.

use crate::text::lexicon::is_stopword;

#[derive(Debug, Clone, Copy, Default)]
pub struct Features {
    /// Words; for scripts written without spaces, about one word per two characters.
    pub words: usize,
    /// Ends like a sentence: `.`, `!`, `?`, `…`, or a closing quote after one.
    pub sentence_end: bool,
    /// Share of words that are function words ("the", "und", "les"…).
    pub stop_ratio: f32,
    /// Share of words that start with a capital letter.
    pub caps_ratio: f32,
    /// Most letters are Latin: the stop-word list means something.
    pub latin: bool,
    /// A headline glued to its summary ("…At Troy SteakhouseA party of six…"), as teaser
    /// lists come out when a page is copied as text.
    pub glued_teaser: bool,
}

pub fn measure(text: &str) -> Features {
    let tokens: Vec<&str> = text.split_whitespace().collect();
    let (mut letters, mut latin, mut unspaced) = (0usize, 0usize, 0usize);
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        letters += 1;
        if (c as u32) < 0x250 {
            latin += 1;
        } else if is_unspaced_script(c) {
            unspaced += 1;
        }
    }
    let words = tokens.len() + unspaced / 2;
    let mut stops = 0;
    let mut caps = 0;
    let mut alpha_tokens = 0;
    for token in &tokens {
        let word: String = token.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
        if word.is_empty() {
            continue;
        }
        alpha_tokens += 1;
        if is_stopword(&word) {
            stops += 1;
        }
        if token.trim_start_matches(|c: char| !c.is_alphanumeric()).starts_with(char::is_uppercase) {
            caps += 1;
        }
    }
    let ratio = |n: usize| if alpha_tokens == 0 { 0.0 } else { n as f32 / alpha_tokens as f32 };
    Features {
        words,
        sentence_end: ends_sentence(text),
        stop_ratio: ratio(stops),
        caps_ratio: ratio(caps),
        latin: letters > 0 && latin * 2 >= letters,
        glued_teaser: glued_teaser(&tokens),
    }
}

/// A title-case run of 3–20 words whose last word runs straight into the next sentence:
/// `SteakhouseA`, `250,000The`, `(This Morning)Some`.
fn glued_teaser(tokens: &[&str]) -> bool {
    for (k, token) in tokens.iter().enumerate().take(21).skip(2) {
        let chars: Vec<char> = token.chars().collect();
        let glue = chars.windows(3).enumerate().any(|(i, w)| {
            let before_ok = w[0].is_lowercase() && i >= 2 && chars[i - 2..i].iter().all(|c| c.is_lowercase())
                || w[0].is_ascii_digit()
                || matches!(w[0], ')' | '?' | '!' | '”' | '"' | '’');
            before_ok && w[1].is_uppercase() && (w[2].is_lowercase() || i + 3 == chars.len() && w[2] == ' ')
        }) || (chars.len() >= 4
            && chars[chars.len() - 1].is_uppercase()
            && chars[chars.len() - 4..chars.len() - 1].iter().all(|c| c.is_lowercase()));
        if glue {
            let head = &tokens[..k];
            let capitalised =
                head.iter().filter(|t| t.starts_with(|c: char| c.is_uppercase() || c.is_numeric())).count();
            return capitalised * 10 >= head.len() * 6;
        }
    }
    false
}

/// Han, kana and Thai are written without spaces between words.
fn is_unspaced_script(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x0E00..=0x0E7F)
}

pub fn ends_sentence(text: &str) -> bool {
    let trimmed = text.trim_end().trim_end_matches(['"', '”', '’', '\'', ')', '»', '」', '』']);
    trimmed.ends_with(['.', '!', '?', '…', '。', '！', '？', ';'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prose_has_function_words_and_a_full_stop() {
        let f = measure("The narrative of an escalating arms race between the U.S. and China is not new.");
        assert!(f.sentence_end && f.latin && f.stop_ratio > 0.3, "{f:?}");
        let menu = measure("Home World Politics Economy Business Tech");
        assert!(!menu.sentence_end && menu.stop_ratio == 0.0 && menu.caps_ratio == 1.0);
    }

    #[test]
    fn unspaced_scripts_count_words_by_characters() {
        assert!(measure("这是一个关于人工智能发展的长句子，我们需要认真阅读。").words >= 10);
        assert_eq!(measure("one two three").words, 3);
    }

    #[test]
    fn glued_headlines_are_teasers() {
        let teaser = |t: &str| measure(t).glued_teaser;
        assert!(teaser("Customers Leave Without Paying $690 Bill At Troy SteakhouseA party of six left"));
        assert!(teaser("Michigan To Mail Redistricting Panel Applications To 250,000The state of Michigan will"));
        assert!(!teaser("The company moved its blog to WordPress and its videos to YouTube last year."));
        assert!(!teaser("Sony sold more PlayStation consoles than expected, the report said."));
    }

    #[test]
    fn closing_quotes_after_a_full_stop_end_a_sentence() {
        assert!(ends_sentence("He said “yes.”"));
        assert!(!ends_sentence("Get the app"));
    }
}
