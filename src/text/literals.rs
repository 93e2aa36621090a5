//! What text every match of a pattern must contain: a short list of literals, one of which is
//! in any text the pattern matches (compared without ASCII case). A block that holds none of
//! them cannot match, so its pattern need not run, nor even be compiled.
//!
//! The list is read off the pattern's syntax tree (`regex_syntax::hir`). It is shared by
//! `build.rs`, which works it out for the bundled rules and cues when folio is built, and by
//! the matcher, which works it out for a user's own rules; so it uses nothing of folio.

use regex_syntax::hir::{Class, Hir, HirKind};

/// At most this many literals are made by spelling out a sequence (`[Ss]ha[Rr]e`, `(a|b)c`).
const MOST: usize = 16;
/// At most this many literals stand for one pattern (a list of phrases makes one each).
const MOST_IN_ALL: usize = 512;
/// At most this many lists stand for one pattern.
const CONDITIONS: usize = 3;
/// Literals are cut to this many bytes.
const LONGEST: usize = 5;
/// A class of more characters than this (after ASCII case folding) is not spelt out.
const WIDEST_CLASS: usize = 8;

/// What every match of `hir` contains: lists of literals (ASCII letters in lower case), every
/// match holding one literal of each list; none when no short list can be told (`\d+`, say).
/// A pattern of several parts has a list for each of its most telling parts, at most
/// `CONDITIONS` (`(get|install) … app` has two: a text needs both `get` or `insta`, and `app`).
/// Each literal is cut to its first `LONGEST` bytes: a text holding a literal holds its start,
/// and short literals make a small scanner.
pub fn required(hir: &Hir) -> Vec<Vec<Vec<u8>>> {
    let mut conditions = needed(hir);
    for literals in &mut conditions {
        for literal in literals.iter_mut() {
            literal.truncate(LONGEST);
        }
        literals.sort();
        literals.dedup();
        // A literal containing a shorter one adds nothing to the scan.
        let shortest = literals.clone();
        literals.retain(|l| !shortest.iter().any(|s| s.len() < l.len() && contains(l, s)));
    }
    conditions.sort();
    conditions.dedup();
    conditions
}

/// Whether `hay` holds `needle`.
fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// Every text `hir` can match, when they are few: a finite language of folded literals.
fn exact(hir: &Hir) -> Option<Vec<Vec<u8>>> {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => Some(vec![Vec::new()]),
        HirKind::Literal(literal) => Some(vec![fold(&literal.0)]),
        HirKind::Class(class) => class_literals(class),
        HirKind::Capture(capture) => exact(&capture.sub),
        HirKind::Repetition(rep) => {
            let sub = exact(&rep.sub)?;
            match (rep.min, rep.max) {
                (1, Some(1)) => Some(sub),
                (0, Some(1)) => union(vec![vec![Vec::new()], sub], MOST),
                _ => None,
            }
        }
        HirKind::Concat(parts) => parts.iter().try_fold(vec![Vec::new()], |acc, part| product(&acc, &exact(part)?)),
        HirKind::Alternation(branches) => union(branches.iter().map(exact).collect::<Option<_>>()?, MOST),
    }
}

/// Lists of literals, every match of `hir` holding one of each list (none of them empty).
fn needed(hir: &Hir) -> Vec<Vec<Vec<u8>>> {
    if let Some(all) = exact(hir)
        && !all.is_empty()
        && !all.iter().any(Vec::is_empty)
    {
        return vec![all];
    }
    match hir.kind() {
        HirKind::Capture(capture) => needed(&capture.sub),
        HirKind::Repetition(rep) if rep.min >= 1 => needed(&rep.sub),
        // A match is one branch's: the best list of each branch, together.
        HirKind::Alternation(branches) => {
            let best: Option<Vec<Vec<Vec<u8>>>> = branches.iter().map(|b| best(needed(b))).collect();
            best.and_then(|lists| union(lists, MOST_IN_ALL)).into_iter().collect()
        }
        HirKind::Concat(parts) => {
            // A run of parts with few texts each makes longer literals; the runs and each
            // other part's own lists are each a condition, of which the most telling are kept.
            let mut conditions: Vec<Vec<Vec<u8>>> = Vec::new();
            let mut run: Option<Vec<Vec<u8>>> = None;
            for part in parts {
                match exact(part) {
                    Some(texts) => {
                        run = match run.take() {
                            Some(so_far) => match product(&so_far, &texts) {
                                Some(longer) => Some(longer),
                                None => {
                                    conditions.push(so_far);
                                    Some(texts)
                                }
                            },
                            None => Some(texts),
                        };
                    }
                    None => {
                        conditions.extend(run.take());
                        conditions.extend(needed(part));
                    }
                }
            }
            conditions.extend(run);
            conditions.retain(|list| !list.is_empty() && !list.iter().any(Vec::is_empty));
            conditions.sort_by_key(|list| std::cmp::Reverse(telling(list)));
            conditions.truncate(CONDITIONS);
            conditions
        }
        _ => Vec::new(),
    }
}

/// How much a list of literals tells: the longer its shortest literal (up to `LONGEST`), the
/// fewer texts hold one; then the fewer literals, the better.
fn telling(list: &[Vec<u8>]) -> (usize, std::cmp::Reverse<usize>) {
    (list.iter().map(Vec::len).min().unwrap_or(0).min(LONGEST), std::cmp::Reverse(list.len()))
}

/// The most telling of the lists.
fn best(lists: Vec<Vec<Vec<u8>>>) -> Option<Vec<Vec<u8>>> {
    lists.into_iter().max_by_key(|list| telling(list))
}

/// The characters of a narrow class as literals, ASCII letters folded to lower case.
fn class_literals(class: &Class) -> Option<Vec<Vec<u8>>> {
    let mut out: Vec<Vec<u8>> = Vec::new();
    match class {
        Class::Unicode(class) => {
            for range in class.iter() {
                if u32::from(range.end()) - u32::from(range.start()) >= 2 * WIDEST_CLASS as u32 {
                    return None;
                }
                for c in range.start()..=range.end() {
                    out.push(fold(c.to_string().as_bytes()));
                }
            }
        }
        Class::Bytes(class) => {
            for range in class.iter() {
                if usize::from(range.end() - range.start()) >= 2 * WIDEST_CLASS {
                    return None;
                }
                out.extend((range.start()..=range.end()).map(|b| fold(&[b])));
            }
        }
    }
    out.sort();
    out.dedup();
    (out.len() <= WIDEST_CLASS).then_some(out)
}

/// ASCII letters in lower case; every other byte as it is.
fn fold(bytes: &[u8]) -> Vec<u8> {
    bytes.to_ascii_lowercase()
}

/// Each of `a` followed by each of `b`, unless that makes too many.
fn product(a: &[Vec<u8>], b: &[Vec<u8>]) -> Option<Vec<Vec<u8>>> {
    if a.len() * b.len() > MOST {
        return None;
    }
    let mut out: Vec<Vec<u8>> = a.iter().flat_map(|x| b.iter().map(move |y| [x.as_slice(), y].concat())).collect();
    out.sort();
    out.dedup();
    Some(out)
}

/// All of the sets, unless that makes more than `most`.
fn union(sets: Vec<Vec<Vec<u8>>>, most: usize) -> Option<Vec<Vec<u8>>> {
    let mut out: Vec<Vec<u8>> = sets.into_iter().flatten().collect();
    out.sort();
    out.dedup();
    (out.len() <= most).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(pattern: &str) -> Vec<Vec<String>> {
        let hir = regex_syntax::parse(pattern).unwrap();
        let text = |l: Vec<u8>| String::from_utf8_lossy(&l).into_owned();
        required(&hir).into_iter().map(|list| list.into_iter().map(text).collect()).collect()
    }

    #[test]
    fn literals_are_what_every_match_holds() {
        // `k` in any case is also the Kelvin sign, whose three bytes the five-byte cut splits.
        assert_eq!(of(r"(?i)\bcookies?\b"), [["cooki", "coo\u{FFFD}"]]);
        assert_eq!(of(r"(?i)^\s*(advert|ads?)\s*:?\s*$"), [["ad"]]);
        assert!(of(r"^\s*\d+([.,]\d+)?\s*$").is_empty());
        assert_eq!(of(r"\d[\d.,]*\s?%"), [["%"]]);
        assert_eq!(of(r"(?:share|tweet)\s+this|print"), [["print", "share", "tweet"]]);
        assert_eq!(of(r"newsletters?"), [["newsl"]]);
        assert_eq!(of(r"(get|install)\s+(\w+\s+)?app"), [vec!["app"], vec!["get", "insta"]]);
        assert!(of(r"a|\w+").is_empty());
        assert_eq!(of("무단 전재"), [[String::from_utf8_lossy(&"무단 전재".as_bytes()[..5]).into_owned()]]);
    }

    #[test]
    fn what_a_pattern_matches_holds_one_of_its_literals() {
        let cases = [
            (r"(?i)\b(said|says|told \w+)\b", "Officials SAID so; she told them"),
            (r"(?i)politique de confidentialité", "POLITIQUE DE CONFIDENTIALITÉ"),
            (r"(?i)\bshare\b", "ſhare this"),
        ];
        for (pattern, text) in cases {
            let regex = regex::Regex::new(pattern).unwrap();
            let conditions = required(&regex_syntax::parse(pattern).unwrap());
            assert!(!conditions.is_empty());
            for m in regex.find_iter(text) {
                let found = m.as_str().as_bytes().to_ascii_lowercase();
                for literals in &conditions {
                    assert!(literals.iter().any(|l| contains(&found, l)), "{pattern} on {text}: {literals:?}");
                }
            }
        }
    }
}
