//! What the claim model sees of a sentence: hashed word n-grams, character n-grams inside
//! words, "shape" n-grams (numbers, years and names stand in for themselves), which cues of
//! `assets/claim_cues.toml` fired, and the sentence's length. Each n-gram family is binary
//! and scaled to unit length, so a long sentence weighs no more than a short one.

/// Buckets per hashed n-gram family.
pub const BUCKETS: usize = 1 << 16;

/// The hashed families, in the order their buckets sit in the weight vector.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    /// Lower-cased word unigrams and bigrams.
    Words = 0,
    /// Character 2- to 5-grams of each word, padded with a space at both ends.
    Chars = 1,
    /// Unigrams to trigrams of word shapes: YEAR, NUM, CAP (a name inside the sentence), else the word.
    Shapes = 2,
}

const FAMILIES: usize = 3;
/// How strongly a fired cue counts against the n-gram families (each has unit length).
pub const CUE_VALUE: f32 = 0.5;
/// Sentences longer than this many words count as this long.
const LONG: usize = 60;

/// Length of the weight vector for `cues` cue features: the hashed families, each cue, the length.
pub fn dimension(cues: usize) -> usize {
    FAMILIES * BUCKETS + cues + 1
}

/// A sentence as the model sees it: sparse (index, value) pairs, indices ascending and unique.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Features {
    /// The features present, as (index into the weight vector, value).
    pub entries: Vec<(u32, f32)>,
}

/// The features of `sentence`, given which of the cues fired.
pub fn features(sentence: &str, cues_fired: &[bool]) -> Features {
    let lower = sentence.to_lowercase();
    let mut entries = Vec::with_capacity(256);

    let mut family = Vec::with_capacity(64);
    each_word_gram(&lower, |bucket, _, _| family.push(bucket));
    push_unit(&mut entries, family);

    let mut family = Vec::with_capacity(lower.len() * 4);
    // Each padded word's characters as UTF-8, with where each character starts.
    let mut padded: Vec<u8> = Vec::with_capacity(64);
    let mut starts: Vec<usize> = Vec::with_capacity(32);
    for word in lower.split_whitespace() {
        padded.clear();
        starts.clear();
        for c in std::iter::once(' ').chain(word.chars()).chain(std::iter::once(' ')) {
            starts.push(padded.len());
            let mut utf8 = [0; 4];
            padded.extend_from_slice(c.encode_utf8(&mut utf8).as_bytes());
        }
        starts.push(padded.len());
        let chars = starts.len() - 1;
        for n in 2..=5.min(chars) {
            for i in 0..=chars - n {
                family.push(bucket(Family::Chars, &[&padded[starts[i]..starts[i + n]]]));
            }
        }
    }
    push_unit(&mut entries, family);

    let shapes = shapes(sentence);
    let mut family = Vec::with_capacity(shapes.len() * 3);
    let mut parts: Vec<&[u8]> = Vec::with_capacity(5);
    for i in 0..shapes.len() {
        for n in 1..=3.min(shapes.len() - i) {
            parts.clear();
            for (k, shape) in shapes[i..i + n].iter().enumerate() {
                if k > 0 {
                    parts.push(b" ");
                }
                parts.push(shape.as_bytes());
            }
            family.push(bucket(Family::Shapes, &parts));
        }
    }
    push_unit(&mut entries, family);

    let base = (FAMILIES * BUCKETS) as u32;
    for (i, _) in cues_fired.iter().enumerate().filter(|(_, fired)| **fired) {
        entries.push((base + i as u32, CUE_VALUE));
    }
    let length = sentence.split_whitespace().count().min(LONG) as f32 / LONG as f32;
    entries.push((base + cues_fired.len() as u32, length));
    Features { entries }
}

/// The sentence's word unigrams and bigrams with their buckets, for saying which words
/// raised a score (one n-gram per bucket).
pub fn word_grams(sentence: &str) -> Vec<(u32, String)> {
    let mut words = Vec::new();
    each_word_gram(&sentence.to_lowercase(), |bucket, word, next| {
        words.push((bucket, next.map_or_else(|| word.to_string(), |next| format!("{word} {next}"))));
    });
    words.sort();
    words.dedup_by_key(|(index, _)| *index);
    words
}

/// Each word unigram and bigram of a lower-cased text (words of two characters or more), as
/// its bucket, its word, and the next word for a bigram.
fn each_word_gram(lower: &str, mut visit: impl FnMut(u32, &str, Option<&str>)) {
    let words: Vec<&str> =
        lower.split(|c: char| !(c.is_alphanumeric() || c == '_')).filter(|t| t.chars().nth(1).is_some()).collect();
    for (i, word) in words.iter().enumerate() {
        visit(bucket(Family::Words, &[word.as_bytes()]), word, None);
        if let Some(next) = words.get(i + 1) {
            visit(bucket(Family::Words, &[word.as_bytes(), b" ", next.as_bytes()]), word, Some(next));
        }
    }
}

/// Adds one family's buckets, each once, scaled so that the family has unit length.
fn push_unit(entries: &mut Vec<(u32, f32)>, mut family: Vec<u32>) {
    family.sort_unstable();
    family.dedup();
    if family.is_empty() {
        return;
    }
    let value = 1.0 / (family.len() as f32).sqrt();
    entries.extend(family.into_iter().map(|index| (index, value)));
}

/// The bucket of an n-gram, given as consecutive pieces, within its family (FNV-1a, 64-bit, folded).
fn bucket(family: Family, gram: &[&[u8]]) -> u32 {
    let hash = crate::text::fnv::fnv1a(
        crate::text::fnv::OFFSET ^ family as u64,
        gram.iter().flat_map(|piece| piece.iter().copied()),
    );
    let folded = (hash ^ (hash >> 32)) as usize % BUCKETS;
    (family as usize * BUCKETS + folded) as u32
}

/// The sentence's tokens as shapes: a year → YEAR, another number → NUM, a capitalised word
/// that does not open the sentence → CAP, a currency or per-cent sign or other punctuation as
/// itself, any other word lower-cased.
fn shapes(sentence: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut chars = sentence.char_indices().peekable();
    let mut after_stop = true;
    while let Some((start, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        let mut end = start + c.len_utf8();
        if c.is_ascii_digit() {
            while let Some(&(i, d)) = chars.peek() {
                if !(d.is_ascii_digit() || d == ',' || d == '.') {
                    break;
                }
                end = i + d.len_utf8();
                chars.next();
            }
            let number = sentence[start..end].trim_end_matches([',', '.']);
            let year = number.len() == 4 && (number.starts_with("19") || number.starts_with("20"));
            out.push(if year { "YEAR" } else { "NUM" }.to_string());
            after_stop = false;
        } else if c.is_alphanumeric() || c == '_' {
            while let Some(&(i, d)) = chars.peek() {
                let apostrophe = d == '\'' || d == '’';
                if !(d.is_alphanumeric() || d == '_' || apostrophe) {
                    break;
                }
                end = i + d.len_utf8();
                chars.next();
            }
            let word = sentence[start..end].trim_end_matches(['\'', '’']);
            let name = c.is_uppercase() && word != "I" && !after_stop;
            out.push(if name { "CAP".to_string() } else { word.to_lowercase() });
            after_stop = false;
        } else {
            out.push(c.to_string());
            after_stop = matches!(c, '.' | '!' | '?' | '"' | '“' | ':');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_stand_for_numbers_years_and_names() {
        assert_eq!(
            shapes("In 2019 Stanford found 1,200.5 cases, I don't know."),
            ["in", "YEAR", "CAP", "found", "NUM", "cases", ",", "i", "don't", "know", "."]
        );
    }

    #[test]
    fn families_have_unit_length_and_indices_are_sorted_and_unique() {
        let f = features("The rate rose 12% in 2024, the report said.", &[true, false, true]);
        let base = 3 * BUCKETS as u32;
        for family in 0..3u32 {
            let norm: f32 =
                f.entries.iter().filter(|(i, _)| *i / BUCKETS as u32 == family && *i < base).map(|(_, v)| v * v).sum();
            assert!((norm - 1.0).abs() < 1e-4, "family {family}: {norm}");
        }
        assert!(f.entries.windows(2).all(|w| w[0].0 < w[1].0), "{:?}", f.entries);
        assert!(f.entries.contains(&(base, CUE_VALUE)) && f.entries.contains(&(base + 2, CUE_VALUE)));
        assert!(word_grams("The rate rose, the report said.").iter().any(|(_, w)| w == "report said"));
    }

    #[test]
    fn empty_and_odd_sentences_have_only_the_length() {
        assert_eq!(features("", &[]).entries, vec![(3 * BUCKETS as u32, 0.0)]);
        let odd = features("\u{1b}[31m ☃ 𝔘 ۳", &[false]);
        assert!(odd.entries.iter().all(|(i, v)| (*i as usize) < dimension(1) && v.is_finite()));
    }
}
