//! What folio learns of the reader's sites, kept in the data folder (`learned/`):
//!
//! - **marks**: a block the reader marked as clutter of a category (`x`) or as story (`X`),
//!   remembered for the page's site and applied to every later page of it
//!   ("you marked this as ad on example.com");
//! - **site memory**: hashes of the short blocks of each page read, per site; a short block of
//!   the story that two or more other pages of the same site also showed is folded ("seen on
//!   3 other pages of example.com"). Only hashes are kept, of at most `MAX_SEEN_BLOCKS` short
//!   blocks a page and the last `MAX_PAGES_PER_SITE` pages a site. Prose, headings, code and
//!   the title are never folded by it.
//!
//! Both files are JSON lines, appended one whole line per write (a file opened for appending
//! takes each write whole, so two folio processes writing at once lose nothing); removing a
//! mark rewrites the marks file atomically. A line that does not parse is reported with the
//! file's path, the file is kept aside as `.broken` and rewritten with the good lines; folio
//! goes on.

use crate::article::{Article, Block, BlockKind, Label, Meta, Source};
use crate::save::store::{Store, StoreError};
use crate::text::fnv;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

/// Short blocks of one page remembered, at most.
pub const MAX_SEEN_BLOCKS: usize = 400;
/// Pages of one site remembered, at most (the oldest forgotten first).
pub const MAX_PAGES_PER_SITE: usize = 40;
/// A block is short enough for site memory up to this many words.
pub const MAX_MEMORY_WORDS: usize = 30;
/// A story block seen on at least this many other pages of its site is folded.
pub const SEEN_ON_PAGES: usize = 2;
/// A marked block's text is kept up to this many bytes (a longer block is marked by its start).
const MAX_MARK_BYTES: usize = 2000;

/// A block the reader marked, for a site.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mark {
    /// The site: the page's host name, or the site name the page gives.
    pub site: String,
    /// The block's text, as it reads.
    pub text: String,
    /// `content` for a block marked as story, else the clutter category.
    pub label: Label,
    /// When it was marked (ISO 8601).
    pub when: String,
}

/// The short blocks one page showed: what site memory keeps of a page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Seen {
    /// The site.
    pub site: String,
    /// A hash of the page's text (the same page read twice counts once).
    pub page: String,
    /// Hashes of its short blocks.
    pub blocks: Vec<String>,
}

/// Everything learned, as read from the data folder.
#[derive(Debug, Clone, Default)]
pub struct Learned {
    /// Every mark, oldest first; `folio rules` numbers them from 1 in this order.
    pub marks: Vec<Mark>,
    /// Per site, the pages seen (oldest first), each with its short blocks' hashes.
    pub seen: HashMap<String, Vec<(String, HashSet<String>)>>,
}

fn marks_file(folder: &Path) -> PathBuf {
    folder.join("marks.jsonl")
}

fn seen_file(folder: &Path) -> PathBuf {
    folder.join("seen.jsonl")
}

/// The site an article belongs to: its address's host (without `www.`), else the site name it gives.
pub fn site_of(article: &Article) -> Option<String> {
    site_of_page(&article.meta, &article.source)
}

/// The site of a page with this metadata and source (see `site_of`).
pub fn site_of_page(meta: &Meta, source: &Source) -> Option<String> {
    let url = meta.url.as_deref().or(source.address());
    let host = url
        .and_then(|u| url::Url::parse(u).ok())
        .and_then(|u| u.host_str().map(|h| h.trim_start_matches("www.").to_string()));
    host.or_else(|| meta.site.clone()).filter(|s| !s.trim().is_empty())
}

/// Why a block the reader marked has its label: "you marked this as ad on example.com"
/// ("as story" for `content`; without "on …" when the page names no site).
pub fn mark_reason(label: Label, site: Option<&str>) -> String {
    let what = if label == Label::Content { "story" } else { label.name() };
    match site {
        Some(site) => format!("you marked this as {what} on {site}"),
        None => format!("you marked this as {what}"),
    }
}

/// How a block's text is compared: lower case, spaces collapsed.
fn key_of(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// A hash of a page's text, as the reader keys its reading position: the same page read
/// twice is one page.
fn page_key(blocks: &[Block]) -> String {
    fnv::text_key(&blocks.iter().map(|b| b.text.as_str()).collect::<Vec<_>>().join("\n"))
}

fn hash_of(text: &str) -> String {
    fnv::text_key(&key_of(text))
}

/// Reads what was learned from `folder`; problems come back as warnings naming the file.
pub fn load(folder: &Path) -> (Learned, Vec<String>) {
    let mut warnings = Vec::new();
    let marks = read_lines::<Mark>(&marks_file(folder), &mut warnings);
    let mut learned = Learned { marks, seen: HashMap::new() };
    for page in read_lines::<Seen>(&seen_file(folder), &mut warnings) {
        learned.add_seen(page);
    }
    (learned, warnings)
}

impl Learned {
    /// Whether nothing was learned yet (no mark, no page remembered).
    pub fn is_empty(&self) -> bool {
        self.marks.is_empty() && self.seen.is_empty()
    }

    /// Adds a page to site memory (the same page again replaces itself; the oldest pages of
    /// a site beyond `MAX_PAGES_PER_SITE` are forgotten).
    pub fn add_seen(&mut self, page: Seen) {
        let pages = self.seen.entry(page.site).or_default();
        pages.retain(|(p, _)| *p != page.page);
        pages.push((page.page, page.blocks.into_iter().collect()));
        if pages.len() > MAX_PAGES_PER_SITE {
            pages.remove(0);
        }
    }
}

/// The lines of a JSON-lines file that parse. A file with a line that does not is kept aside
/// as `<name>.broken` and rewritten with its good lines, and a warning says so.
fn read_lines<T: for<'de> Deserialize<'de> + Serialize>(path: &Path, warnings: &mut Vec<String>) -> Vec<T> {
    let store = Store::at(path);
    let Some(text) = store.read().ok().flatten().and_then(|bytes| String::from_utf8(bytes).ok()) else {
        return Vec::new();
    };
    let mut good = Vec::new();
    let mut bad = 0;
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        match serde_json::from_str::<T>(line) {
            Ok(item) => good.push(item),
            Err(_) => bad += 1,
        }
    }
    if bad > 0 {
        let aside = store.set_aside().ok().filter(|_| rewrite(path, &good).is_ok());
        warnings.push(match aside {
            Some(aside) => format!(
                "{}: {bad} broken line(s); the file is kept as {} and the rest goes on",
                path.display(),
                aside.display()
            ),
            None => format!("{}: {bad} broken line(s) skipped", path.display()),
        });
    }
    good
}

fn rewrite<T: Serialize>(path: &Path, items: &[T]) -> Result<(), StoreError> {
    let text: String = items.iter().filter_map(|i| serde_json::to_string(i).ok()).map(|l| l + "\n").collect();
    Store::at(path).write(&text)
}

/// Appends one line to a JSON-lines file, in one write.
fn append<T: Serialize>(path: &Path, item: &T) -> Result<(), StoreError> {
    Store::at(path).append(&serde_json::to_string(item)?)
}

/// A mark as the marks file keeps it: a long block's text cut to its start.
fn as_stored(mut mark: Mark) -> Mark {
    if mark.text.len() > MAX_MARK_BYTES {
        let mut cut = MAX_MARK_BYTES;
        while !mark.text.is_char_boundary(cut) {
            cut -= 1;
        }
        mark.text.truncate(cut);
    }
    mark
}

/// Remembers a mark in `folder`.
pub fn remember_mark(folder: &Path, mark: Mark) -> Result<(), StoreError> {
    append(&marks_file(folder), &as_stored(mark))
}

/// Why `folio rules --forget` forgot nothing.
#[derive(Debug, thiserror::Error)]
pub enum ForgetError {
    /// A number names no mark.
    #[error("there is no learned rule {number} (there are {count})")]
    NoSuchRule {
        /// The number asked for.
        number: usize,
        /// How many marks there are.
        count: usize,
    },
    /// The marks file could not be rewritten.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Forgets the marks numbered `numbers` (from 1, as `folio rules` lists them) all at once, so
/// that no number shifts between them; returns each with its number. A number that is no mark
/// forgets nothing and is the error.
pub fn forget_marks(folder: &Path, numbers: &[usize]) -> Result<Vec<(usize, Mark)>, ForgetError> {
    let mut warnings = Vec::new();
    let path = marks_file(folder);
    let mut marks = read_lines::<Mark>(&path, &mut warnings);
    if let Some(&number) = numbers.iter().find(|&&n| n == 0 || n > marks.len()) {
        return Err(ForgetError::NoSuchRule { number, count: marks.len() });
    }
    let mut numbers = numbers.to_vec();
    numbers.sort_unstable();
    numbers.dedup();
    let gone: Vec<(usize, Mark)> = numbers.iter().map(|&n| (n, marks[n - 1].clone())).collect();
    let mut n = 0;
    marks.retain(|_| {
        n += 1;
        numbers.binary_search(&n).is_err()
    });
    rewrite(&path, &marks)?;
    Ok(gone)
}

/// Forgets `marks`, each the newest one remembered like it: what `u` in the reader undoes.
pub fn unlearn(folder: &Path, marks: &[Mark]) -> Result<(), StoreError> {
    let mut warnings = Vec::new();
    let path = marks_file(folder);
    let mut kept = read_lines::<Mark>(&path, &mut warnings);
    for mark in marks.iter().cloned().map(as_stored) {
        if let Some(i) = kept.iter().rposition(|m| *m == mark) {
            kept.remove(i);
        }
    }
    rewrite(&path, &kept)
}

/// Remembers the short blocks of `article` for its site, so that later pages can be compared.
pub fn remember_page(folder: &Path, article: &Article) -> Result<(), StoreError> {
    match seen_of(article) {
        Some(seen) => append(&seen_file(folder), &seen),
        None => Ok(()),
    }
}

/// What site memory keeps of `article`: its site, a hash of the page, and its short blocks' hashes.
pub fn seen_of(article: &Article) -> Option<Seen> {
    let site = site_of(article)?;
    let mut blocks: Vec<String> = article
        .blocks
        .iter()
        .filter(|b| b.text.split_whitespace().count() <= MAX_MEMORY_WORDS)
        .map(|b| hash_of(&b.text))
        .collect();
    blocks.sort();
    blocks.dedup();
    blocks.truncate(MAX_SEEN_BLOCKS);
    Some(Seen { site, page: page_key(&article.blocks), blocks })
}

/// Applies what was learned to the blocks of a page of `site`: the reader's marks for the
/// site first, then site memory. Changes labels and reasons only; the pipeline does this
/// before it finds the article's sections and claims.
pub fn apply(blocks: &mut [Block], site: &str, learned: &Learned) {
    let marks: HashMap<String, &Mark> =
        learned.marks.iter().filter(|m| m.site == site).map(|m| (key_of(&m.text), m)).collect();
    let this_page = page_key(blocks);
    let pages: Vec<&HashSet<String>> = learned
        .seen
        .get(site)
        .map(|p| p.iter().filter(|(page, _)| *page != this_page).map(|(_, b)| b).collect())
        .unwrap_or_default();
    for block in blocks.iter_mut() {
        let key = key_of(&block.text);
        let marked = marks.get(&key).or_else(|| {
            // A long block was remembered by its start.
            (key.len() > MAX_MARK_BYTES)
                .then(|| marks.iter().find(|(k, _)| key.starts_with(k.as_str())).map(|(_, m)| m))
                .flatten()
        });
        if let Some(mark) = marked {
            block.set_label(mark.label, mark_reason(mark.label, Some(site)));
            continue;
        }
        let words = block.text.split_whitespace().count();
        let prose = crate::classify::reads_as_paragraph(&block.text);
        // Code repeats across a site's pages too (an import line in every example): not clutter.
        let code = matches!(block.kind, BlockKind::Code | BlockKind::Table)
            || block.text.contains(['{', '}', '='])
            || block.text.trim_end().ends_with(';');
        if block.label != Label::Content
            || block.kind == BlockKind::Heading
            || prose
            || code
            || words > MAX_MEMORY_WORDS
        {
            continue;
        }
        let hash = hash_of(&block.text);
        let others = pages.iter().filter(|p| p.contains(&hash)).count();
        if others >= SEEN_ON_PAGES {
            block.set_label(Label::OtherBoilerplate, format!("seen on {others} other pages of {site}"));
        }
    }
}

/// The marks, numbered from 1, grouped by site: what `folio rules` prints.
pub fn listing(learned: &Learned) -> String {
    if learned.marks.is_empty() {
        return "no learned rules yet: mark a block with x (clutter) or X (story) in the reader\n".into();
    }
    let mut by_site: BTreeMap<&str, Vec<(usize, &Mark)>> = BTreeMap::new();
    for (i, mark) in learned.marks.iter().enumerate() {
        by_site.entry(&mark.site).or_default().push((i + 1, mark));
    }
    let mut out = String::new();
    for (site, marks) in by_site {
        out.push_str(&format!("{site}\n"));
        for (n, mark) in marks {
            let what = if mark.label == Label::Content { "story".to_string() } else { mark.label.name().to_string() };
            let text: String = crate::text::safe::visible(&mark.text).chars().take(60).collect();
            out.push_str(&format!("  {n:>3}  {what:<17} \"{text}\"\n"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{Block, Format, Meta, Source, SourceKind};

    fn page(url: &str, texts: &[(&str, BlockKind, Label)]) -> Article {
        let blocks = texts
            .iter()
            .enumerate()
            .map(|(id, (text, kind, label))| {
                let mut b = Block::new(*kind, text.to_string(), [1, 1]);
                b.id = id;
                b.set_label(*label, "test");
                b
            })
            .collect();
        let source = Source { kind: SourceKind::File, name: "page.html".into(), format: Format::Html, base: None };
        Article::new(source, Meta { url: Some(url.into()), ..Meta::default() }, blocks, |_| Vec::new())
    }

    /// What the pipeline does with what was learned: applies it for the page's site.
    fn apply_to(article: &mut Article, learned: &Learned) {
        if let Some(site) = site_of(article) {
            apply(&mut article.blocks, &site, learned);
        }
    }

    const PROSE: &str = "The council met on Tuesday evening to hear from residents about the plan for the schools.";

    #[test]
    fn a_mark_applies_to_every_page_of_its_site_and_says_so() {
        let dir = tempfile::tempdir().unwrap();
        let mark = Mark {
            site: "example.com".into(),
            text: "Try our  app today".into(),
            label: Label::AppPrompt,
            when: "2026-11-27T00:00:00Z".into(),
        };
        remember_mark(dir.path(), mark).unwrap();
        let (learned, warnings) = load(dir.path());
        assert!(warnings.is_empty());
        let mut other = page(
            "https://www.example.com/b",
            &[
                (PROSE, BlockKind::Paragraph, Label::Content),
                ("Try our app TODAY", BlockKind::Paragraph, Label::Content),
            ],
        );
        apply_to(&mut other, &learned);
        assert_eq!(other.blocks[1].label, Label::AppPrompt);
        assert_eq!(other.blocks[1].reason, "you marked this as app-prompt on example.com");
        assert_eq!(other.blocks[0].label, Label::Content);
        let mut elsewhere = page("https://other.org/b", &[("Try our app today", BlockKind::Paragraph, Label::Content)]);
        apply_to(&mut elsewhere, &learned);
        assert_eq!(elsewhere.blocks[0].label, Label::Content);
        assert!(listing(&learned).contains("example.com\n    1  app-prompt"));
        assert_eq!(forget_marks(dir.path(), &[1]).unwrap()[0].1.label, Label::AppPrompt);
        assert!(load(dir.path()).0.marks.is_empty());
        assert!(forget_marks(dir.path(), &[1]).is_err());
    }

    #[test]
    fn a_short_block_seen_on_two_other_pages_of_the_site_folds_and_prose_never_does() {
        let dir = tempfile::tempdir().unwrap();
        fn blocks(n: &str) -> Vec<(&str, BlockKind, Label)> {
            vec![
                (PROSE, BlockKind::Paragraph, Label::Content),
                ("Share this story", BlockKind::Paragraph, Label::Content),
                ("Background", BlockKind::Heading, Label::Content),
                (n, BlockKind::Paragraph, Label::Content),
            ]
        }
        for n in ["one", "two"] {
            remember_page(dir.path(), &page("https://example.com/a", &blocks(n))).unwrap();
        }
        let (learned, _) = load(dir.path());
        let mut third = page("https://example.com/c", &blocks("three"));
        apply_to(&mut third, &learned);
        assert_eq!(third.blocks[1].label, Label::OtherBoilerplate);
        assert_eq!(third.blocks[1].reason, "seen on 2 other pages of example.com");
        assert_eq!(third.blocks[0].label, Label::Content, "prose is never folded by site memory");
        assert_eq!(third.blocks[2].label, Label::Content, "nor a heading of the story");
        // The same page read again is one page, not a second witness.
        let mut again = page("https://example.com/a", &blocks("one"));
        let (learned, _) = load(dir.path());
        apply_to(&mut again, &learned);
        assert_eq!(again.blocks[1].label, Label::Content);
    }

    #[test]
    fn a_broken_file_is_kept_aside_and_its_good_lines_go_on() {
        let dir = tempfile::tempdir().unwrap();
        let good = Mark { site: "a.org".into(), text: "Ad".into(), label: Label::Ad, when: "t".into() };
        remember_mark(dir.path(), good.clone()).unwrap();
        let path = marks_file(dir.path());
        let mut text = std::fs::read_to_string(&path).unwrap();
        text.push_str("{not json\n");
        std::fs::write(&path, text).unwrap();
        let (learned, warnings) = load(dir.path());
        assert_eq!(learned.marks, [good]);
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].contains("marks.jsonl") && warnings[0].contains(".broken"), "{}", warnings[0]);
        assert!(dir.path().join("marks.jsonl.broken").exists());
        assert!(load(dir.path()).1.is_empty(), "the rewritten file is clean");
    }

    #[test]
    fn two_writers_at_once_lose_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let writers: Vec<_> = (0..2)
            .map(|w| {
                let folder = dir.path().to_path_buf();
                std::thread::spawn(move || {
                    for i in 0..200 {
                        let text = format!("writer {w} block {i} {}", "x".repeat(i * 7));
                        let mark = Mark { site: "a.org".into(), text, label: Label::Ad, when: "t".into() };
                        remember_mark(&folder, mark).unwrap();
                    }
                })
            })
            .collect();
        writers.into_iter().for_each(|w| w.join().unwrap());
        let (learned, warnings) = load(dir.path());
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(learned.marks.len(), 400);
    }
}
