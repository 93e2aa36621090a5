//! Rules and claim cues are written as phrases (whole words, any case) and regular
//! expressions; this compiles a list of them (a rules file's rules, the cue list) for one pass
//! over a text.
//!
//! Compiling a regular expression costs far more than running it on a page (the bundled rules
//! and cues took 29 ms, three quarters of reading a small page), so none is compiled before a
//! text may need it. Each has lists of literals (`literals`): every match holds one literal of
//! each list. One scan of a text for all the list's literals (Aho-Corasick) tells which
//! expressions may match it; only those run, each compiled the first time (and `prepare`
//! compiles what a whole page will need at once, on several cores). The literals of the
//! bundled rules and cues are worked out when folio is built (`build.rs`), a user's when the
//! file is read, when their expressions are also compiled, to report a mistake at once.

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use regex_automata::meta::{Config, Regex};
use regex_automata::nfa::thompson::{self, WhichCaptures, pikevm};
use regex_automata::util::pool::Pool;
use regex_automata::{Input, hybrid};
use std::ops::Range;
use std::panic::{RefUnwindSafe, UnwindSafe};
use std::sync::OnceLock;

// `BUNDLED`: each bundled source with its literals, sorted by source (written by build.rs).
include!(concat!(env!("OUT_DIR"), "/bundled_literals.rs"));

/// The matchers of a list, each made of regular expressions tried in order of preference.
#[derive(Debug, Clone)]
pub struct Matchers {
    parts: Vec<Part>,
    /// Each matcher's parts.
    matchers: Vec<Range<usize>>,
    /// Finds the parts' literals in a text, any case (`None` when no part has any).
    scanner: Option<AhoCorasick>,
    /// The scanner's literals, each with the conditions it meets: (part, the part's list).
    literals: Vec<Vec<u8>>,
    owners: Vec<Vec<(usize, u8)>>,
    /// Each part's lists of literals, bit `i` for list `i` (0 for a part without: it may
    /// match every text).
    conditions: Vec<u8>,
}

/// One regular expression, compiled the first time a text needs it.
#[derive(Debug, Clone)]
struct Part {
    source: String,
    regex: OnceLock<Engine>,
    need: Need,
}

impl Part {
    fn regex(&self) -> &Engine {
        // A bundled source compiles (a test compiles each); a user's was compiled when read.
        self.regex.get_or_init(|| Engine::build(&self.source, self.need).expect("the bundled rules and cues compile"))
    }
}

/// What a list's matchers are asked: whether they match (rules), or also where (claim cues,
/// whose matched text is shown as the reason).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// `is_match` only: a forward automaton is enough, at about half the cost of compiling.
    Presence,
    /// `find` as well: the forward and the reverse automaton.
    Position,
}

/// A compiled expression: for presence alone, a lazy DFA run forward, which hands over to the
/// PikeVM where it gives up (a Unicode word boundary beside a non-ASCII letter); for
/// positions, the regex crate's whole engine.
#[derive(Debug, Clone)]
enum Engine {
    Forward(std::sync::Arc<Forward>),
    Whole(Regex),
}

type CacheFn = Box<dyn Fn() -> (hybrid::dfa::Cache, pikevm::Cache) + Send + Sync + UnwindSafe + RefUnwindSafe>;

#[derive(Debug)]
struct Forward {
    dfa: hybrid::dfa::DFA,
    pikevm: pikevm::PikeVM,
    caches: Pool<(hybrid::dfa::Cache, pikevm::Cache), CacheFn>,
}

impl Engine {
    /// Compiles `source` as `regex::Regex` would, less what the literal scan already does: no
    /// prefilter of its own (half the cost of compiling these) and no capture groups.
    fn build(source: &str, need: Need) -> Result<Engine, String> {
        let built = match need {
            Need::Position => Engine::whole(source),
            Need::Presence => Engine::forward(source),
        };
        // The parser's own message (as `regex` gives it) for a user's mistake.
        built.map_err(|e| regex_syntax::parse(source).err().map_or(e, |syntax| syntax.to_string()))
    }

    fn whole(source: &str) -> Result<Engine, String> {
        let config = Config::new()
            .nfa_size_limit(Some(1 << 24))
            .auto_prefilter(false)
            .which_captures(WhichCaptures::Implicit)
            .onepass(false)
            .backtrack(false);
        Regex::builder().configure(config).build(source).map(Engine::Whole).map_err(|e| e.to_string())
    }

    fn forward(source: &str) -> Result<Engine, String> {
        let nfa = thompson::Compiler::new()
            .configure(thompson::Config::new().nfa_size_limit(Some(1 << 24)).which_captures(WhichCaptures::Implicit))
            .build(source)
            .map_err(|e| e.to_string())?;
        // As the regex crate configures its lazy DFA: give up rather than thrash.
        let config = hybrid::dfa::Config::new()
            .unicode_word_boundary(true)
            .minimum_cache_clear_count(Some(3))
            .minimum_bytes_per_state(Some(10));
        let dfa =
            hybrid::dfa::Builder::new().configure(config).build_from_nfa(nfa.clone()).map_err(|e| e.to_string())?;
        let pikevm = pikevm::PikeVM::new_from_nfa(nfa).map_err(|e| e.to_string())?;
        let (d, p) = (dfa.clone(), pikevm.clone());
        let caches: CacheFn = Box::new(move || (d.create_cache(), p.create_cache()));
        Ok(Engine::Forward(std::sync::Arc::new(Forward { dfa, pikevm, caches: Pool::new(caches) })))
    }

    fn is_match(&self, text: &str) -> bool {
        match self {
            Engine::Whole(regex) => regex.is_match(text),
            Engine::Forward(forward) => {
                let input = Input::new(text).earliest(true);
                let mut caches = forward.caches.get();
                let (dfa_cache, pikevm_cache) = &mut *caches;
                match forward.dfa.try_search_fwd(dfa_cache, &input) {
                    Ok(found) => found.is_some(),
                    Err(_) => forward.pikevm.is_match(pikevm_cache, input),
                }
            }
        }
    }

    fn find(&self, text: &str) -> Option<Range<usize>> {
        match self {
            Engine::Whole(regex) => regex.find(text).map(|m| m.range()),
            Engine::Forward(_) => unreachable!("a list asked only for presence is not asked where"),
        }
    }
}

/// Which parts of a list may match one text: those with a literal of each of their lists in it,
/// and those without lists.
#[derive(Debug)]
pub struct Candidates(Vec<bool>);

impl Matchers {
    /// Compiles each `(phrases, patterns)` into a matcher: phrases case-insensitive and bounded
    /// by word edges where a phrase starts or ends with a letter or digit; patterns as written,
    /// `\b` being an ASCII boundary. An error names the index of the entry at fault.
    pub fn compile<'a>(
        lists: impl IntoIterator<Item = (&'a [String], &'a [String])>,
        need: Need,
    ) -> Result<Matchers, (usize, String)> {
        let mut parts = Vec::new();
        let mut matchers = Vec::new();
        let mut literals: Vec<(Vec<u8>, (usize, u8))> = Vec::new();
        let mut conditions = Vec::new();
        for (index, (phrases, patterns)) in lists.into_iter().enumerate() {
            if phrases.is_empty() && patterns.is_empty() {
                return Err((index, "neither phrases nor patterns".to_string()));
            }
            let start = parts.len();
            for source in crate::text::pattern::sources(phrases, patterns) {
                let (found, regex) = literals_of(&source, need).map_err(|e| (index, e))?;
                for (i, list) in found.iter().enumerate() {
                    literals.extend(list.iter().map(|l| (l.clone(), (parts.len(), i as u8))));
                }
                conditions.push(((1u16 << found.len()) - 1) as u8);
                parts.push(Part { source, regex: regex.map(OnceLock::from).unwrap_or_default(), need });
            }
            matchers.push(start..parts.len());
        }
        Ok(Matchers::assemble(parts, matchers, literals, conditions))
    }

    fn assemble(
        parts: Vec<Part>,
        matchers: Vec<Range<usize>>,
        mut literals: Vec<(Vec<u8>, (usize, u8))>,
        conditions: Vec<u8>,
    ) -> Matchers {
        literals.sort();
        let mut owners: Vec<Vec<(usize, u8)>> = Vec::new();
        let mut distinct: Vec<Vec<u8>> = Vec::new();
        for (literal, owner) in literals {
            if distinct.last() != Some(&literal) {
                distinct.push(literal);
                owners.push(Vec::new());
            }
            owners.last_mut().expect("pushed").push(owner);
        }
        let scanner = (!distinct.is_empty()).then(|| {
            AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::Standard)
                .kind(Some(AhoCorasickKind::ContiguousNFA))
                .build(&distinct)
                .expect("literals of bounded number and length")
        });
        Matchers { parts, matchers, scanner, literals: distinct, owners, conditions }
    }

    /// These matchers followed by `other`'s (the expressions compiled so far are kept).
    pub fn chain(&self, other: &Matchers) -> Matchers {
        let shift = self.parts.len();
        let parts = self.parts.iter().chain(&other.parts).cloned().collect();
        let matchers =
            self.matchers.iter().cloned().chain(other.matchers.iter().map(|r| r.start + shift..r.end + shift));
        let conditions = self.conditions.iter().chain(&other.conditions).copied().collect();
        let mut literals = Vec::new();
        for (list, shift) in [(self, 0), (other, shift)] {
            for (literal, owners) in list.literals.iter().zip(&list.owners) {
                literals.extend(owners.iter().map(|&(part, i)| (literal.clone(), (part + shift, i))));
            }
        }
        Matchers::assemble(parts, matchers.collect(), literals, conditions)
    }

    /// How many matchers the list holds.
    pub fn len(&self) -> usize {
        self.matchers.len()
    }

    /// Whether the list holds none.
    pub fn is_empty(&self) -> bool {
        self.matchers.is_empty()
    }

    /// The parts that may match `text`, found in one scan.
    pub fn candidates(&self, text: &str) -> Candidates {
        let mut met = vec![0u8; self.parts.len()];
        if let Some(scanner) = &self.scanner {
            for found in scanner.find_overlapping_iter(text) {
                for &(part, list) in &self.owners[found.pattern().as_usize()] {
                    met[part] |= 1 << list;
                }
            }
        }
        Candidates(met.iter().zip(&self.conditions).map(|(met, all)| met == all).collect())
    }

    /// Compiles now, on up to four cores, the expressions that matching `texts` will need, so
    /// that matching them afterwards compiles nothing (compiling is most of the cost of a small
    /// page, and a page's parts are known before they are matched).
    pub fn prepare<'t>(&self, texts: impl IntoIterator<Item = &'t str>) {
        self.prepare_parts(texts.into_iter().map(|text| (text, 0..self.matchers.len())));
    }

    /// As `prepare`, each text being tried with some of the matchers only.
    pub fn prepare_parts<'t>(&self, uses: impl IntoIterator<Item = (&'t str, Range<usize>)>) {
        let mut wanted = vec![false; self.parts.len()];
        for (text, matchers) in uses {
            let candidates = self.candidates(text);
            for part in self.matchers[matchers].iter().flat_map(Range::clone) {
                wanted[part] |= candidates.0[part];
            }
        }
        let mut todo: Vec<&Part> = self
            .parts
            .iter()
            .zip(wanted)
            .filter(|(part, wanted)| *wanted && part.regex.get().is_none())
            .map(|(p, _)| p)
            .collect();
        let cores = std::thread::available_parallelism().map_or(1, usize::from).min(4).min(todo.len());
        if cores < 2 {
            return;
        }
        // The longest first, so that no core is left with a long one at the end.
        todo.sort_by_key(|part| std::cmp::Reverse(part.source.len()));
        let next = std::sync::atomic::AtomicUsize::new(0);
        std::thread::scope(|scope| {
            for _ in 0..cores {
                scope.spawn(|| {
                    while let Some(part) = todo.get(next.fetch_add(1, std::sync::atomic::Ordering::Relaxed)) {
                        part.regex();
                    }
                });
            }
        });
    }

    /// Whether matcher `index` matches somewhere in `text` (`candidates` being `text`'s).
    pub fn is_match(&self, index: usize, text: &str, candidates: &Candidates) -> bool {
        self.matchers[index].clone().any(|part| candidates.0[part] && self.parts[part].regex().is_match(text))
    }

    /// Where matcher `index` first matches in `text`, the earlier part's match where two start
    /// together (as in one alternation of the parts).
    pub fn find(&self, index: usize, text: &str, candidates: &Candidates) -> Option<Range<usize>> {
        let mut best: Option<Range<usize>> = None;
        for part in self.matchers[index].clone().filter(|&part| candidates.0[part]) {
            if let Some(found) = self.parts[part].regex().find(text)
                && best.as_ref().is_none_or(|b| found.start < b.start)
            {
                best = Some(found);
            }
        }
        best
    }
}

/// The literals of `source`: from the table `build.rs` wrote when it is a bundled one, else
/// read off the compiled pattern (which is returned, so that it is not compiled twice).
type Conditions = Vec<Vec<Vec<u8>>>;

fn literals_of(source: &str, need: Need) -> Result<(Conditions, Option<Engine>), String> {
    if let Ok(at) = BUNDLED.binary_search_by(|(s, _)| (*s).cmp(source)) {
        let found = BUNDLED[at].1.iter().map(|list| list.iter().map(|l| l.to_vec()).collect()).collect();
        return Ok((found, None));
    }
    let regex = Engine::build(source, need)?;
    let hir = regex_syntax::parse(source).map_err(|e| e.to_string())?;
    Ok((crate::text::literals::required(&hir), Some(regex)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(phrases: &[&str], patterns: &[&str]) -> Matchers {
        let phrases: Vec<String> = phrases.iter().map(|s| s.to_string()).collect();
        let patterns: Vec<String> = patterns.iter().map(|s| s.to_string()).collect();
        Matchers::compile([(phrases.as_slice(), patterns.as_slice())], Need::Position).unwrap()
    }

    fn matches(m: &Matchers, text: &str) -> bool {
        m.is_match(0, text, &m.candidates(text))
    }

    #[test]
    fn phrases_match_whole_words_in_any_case() {
        let m = one(&["get the app", "privacy & cookies", "l'application"], &[]);
        assert!(matches(&m, "Please GET THE APP now"));
        assert!(!matches(&m, "forget the apples"));
        assert!(matches(&m, "See Privacy & Cookies."));
        assert!(matches(&m, "téléchargez l'application"));
        assert!(Matchers::compile([(&[][..], &[][..])], Need::Presence).is_err());
        let p = one(&[], &[r"\bper cent\b"]);
        assert!(matches(&p, "“10 per cent”") && !matches(&p, "super centre"));
        assert_eq!(Matchers::compile([(&[][..], &["(".to_string()][..])], Need::Presence).unwrap_err().0, 0);
    }

    #[test]
    fn the_leftmost_match_wins_and_the_earlier_part_at_a_tie() {
        let m = one(&["rose"], &[r"\d+ per ?cent", r"\d+"]);
        let text = "It rose 12 per cent";
        assert_eq!(m.find(0, text, &m.candidates(text)).map(|f| &text[f]), Some("rose"));
        let text = "by 12 per cent";
        assert_eq!(m.find(0, text, &m.candidates(text)).map(|f| &text[f]), Some("12 per cent"));
    }

    #[test]
    fn chained_lists_keep_their_literals() {
        let a = one(&["cookie policy"], &[]);
        let b = one(&[], &[r"(?i)\bsubscribe\b", r"^\d+$"]);
        let both = a.chain(&b);
        assert_eq!(both.len(), 2);
        for (text, first, second) in
            [("Our COOKIE POLICY", true, false), ("Subscribe now", false, true), ("42", false, true)]
        {
            let c = both.candidates(text);
            assert_eq!((both.is_match(0, text, &c), both.is_match(1, text, &c)), (first, second), "{text}");
        }
    }

    /// Each bundled rule and cue, as its phrases and patterns.
    fn bundled_lists() -> Vec<(Vec<String>, Vec<String>)> {
        let mut lists = Vec::new();
        for (text, key) in
            [(include_str!("../../assets/rules.toml"), "rule"), (include_str!("../../assets/claim_cues.toml"), "cue")]
        {
            let file: toml::Table = toml::from_str(text).unwrap();
            for entry in file[key].as_array().unwrap() {
                let strings = |field: &str| -> Vec<String> {
                    let values = entry.get(field).and_then(toml::Value::as_array).cloned().unwrap_or_default();
                    values.iter().map(|v| v.as_str().unwrap().to_string()).collect()
                };
                lists.push((strings("phrases"), strings("patterns")));
            }
        }
        lists
    }

    /// Lines to match: the bundled samples, awkward characters, and the zyte-dev text dumps
    /// when the corpus is beside the project.
    fn lines() -> Vec<String> {
        let mut lines: Vec<String> = [
            "Share this article",
            "ſhare this story",
            "Cookie KPolicy",
            "© 2024 Example Ltd. All rights reserved.",
            "무단전재 및 재배포 금지",
            "Politique de confidentialité",
            "POLITIQUE DE CONFIDENTIALITÉ",
            "By Jane Doe and John Roe",
            "Jane Doe is a senior reporter at the Post.",
            "“It rose 12 per cent,” she said.",
            "Home › News › World",
            "Updated: March 3, 2021 at 5:07 pm ET",
            "3 min read",
            "1.2K",
            "Sign up for our newsletter",
            "",
        ]
        .map(String::from)
        .to_vec();
        let samples = [
            include_str!("../../assets/samples/harbour-heat-pumps.txt"),
            include_str!("../../assets/samples/field-notes.md"),
        ];
        lines.extend(samples.iter().flat_map(|s| s.lines().map(String::from)));
        let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/zyte-dev/text");
        for entry in std::fs::read_dir(corpus).into_iter().flatten().flatten().take(40) {
            let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
            lines.extend(text.lines().map(String::from));
        }
        lines
    }

    #[test]
    fn the_scan_and_the_split_change_no_answer_of_one_whole_regex() {
        let lists = bundled_lists();
        let texts = lists.iter().map(|(p, q)| (p.as_slice(), q.as_slice()));
        let presence = Matchers::compile(texts.clone(), Need::Presence).unwrap();
        let position = Matchers::compile(texts, Need::Position).unwrap();
        // What folio did before: one regex of the patterns and the ASCII-edged phrases, one of
        // the rest, the earlier one's match preferred where both start together.
        let whole: Vec<(Option<regex::Regex>, Option<regex::Regex>)> = lists
            .iter()
            .map(|(phrases, patterns)| {
                let sources = crate::text::pattern::sources(phrases, patterns);
                let unicode_phrases = sources.last().filter(|s| s.contains(r"|") || s.starts_with(r"(?i:"));
                let (fast, unicode) = match unicode_phrases {
                    Some(last) => (sources[..sources.len() - 1].to_vec(), Some(last.clone())),
                    None => (sources.clone(), None),
                };
                let fast = (!fast.is_empty()).then(|| {
                    regex::Regex::new(&fast.iter().map(|s| format!("(?:{s})")).collect::<Vec<_>>().join("|")).unwrap()
                });
                (fast, unicode.map(|u| regex::Regex::new(&u).unwrap()))
            })
            .collect();
        for line in lines() {
            let (c, d) = (presence.candidates(&line), position.candidates(&line));
            for (i, (fast, unicode)) in whole.iter().enumerate() {
                let a = fast.as_ref().and_then(|r| r.find(&line)).map(|m| m.range());
                let b = unicode.as_ref().and_then(|r| r.find(&line)).map(|m| m.range());
                let expected = match (a, b) {
                    (Some(a), Some(b)) => Some(if b.start < a.start { b } else { a }),
                    (a, b) => a.or(b),
                };
                assert_eq!(presence.is_match(i, &line, &c), expected.is_some(), "list {i} on {line:?}");
                assert_eq!(position.is_match(i, &line, &d), expected.is_some(), "list {i} on {line:?}");
                assert_eq!(position.find(i, &line, &d), expected, "list {i} on {line:?}");
            }
        }
    }

    #[test]
    fn every_bundled_source_compiles() {
        for (source, _) in BUNDLED {
            for need in [Need::Presence, Need::Position] {
                assert!(Engine::build(source, need).is_ok(), "{source}");
            }
        }
    }
}
