//! What has been read and what has been kept: the history of articles opened in the reader
//! (`history.json` in the state folder) and the saved copies in the save folder (listed from
//! their front matter). It knows nothing of the terminal; `folio history` and the reader's
//! `H` list show it.
//!
//! The history is one JSON file (a `save::store::Store`), always rewritten whole (a
//! temporary file renamed into place, so no one ever reads half a file). Every change is a
//! read-modify-write done while holding an exclusive lock on `history.lock` beside it
//! (`flock` on Unix, which the system lets go of if folio dies), so two folio processes
//! recording at once both keep their entries: the second reads what the first wrote. (A lock
//! rather than an append-only log, because the file is small, bounded to `KEEP` entries and
//! rewritten in place when an article is closed.) Without `flock` (not Unix) the lock is not
//! taken: each write is still whole, but of two written at the same instant one may be lost.
//! A file that does not parse is reported with its path, moved aside to `history.json.broken`
//! and the history starts afresh; folio carries on.

use crate::article::{Article, SourceKind};
use crate::save::store::{Store, StoreError};
use crate::source::Input;
use serde::{Deserialize, Serialize};
use std::io::Read as _;
use std::path::{Path, PathBuf};

/// How many articles the history remembers; the ones read longest ago are forgotten first.
pub const KEEP: usize = 500;

/// How an article reached folio, as the history records it.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    /// A file, by its absolute path.
    File,
    /// A web page, by its address.
    Url,
    /// Standard input: it cannot be read again.
    Stdin,
}

/// One article read in the reader.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Entry {
    /// What makes two readings the same article: `file:PATH`, `url:ADDRESS`, or for standard
    /// input `stdin:` and a hash of its text.
    pub key: String,
    /// The title (else what a saved copy would be named after).
    pub title: String,
    /// The publication's name, where known.
    pub site: Option<String>,
    /// How it reached folio.
    pub origin: Origin,
    /// Where to read it again: the file's absolute path or the address; none for standard input.
    pub source: Option<String>,
    /// When it was last opened or closed, in UTC (`2026-11-27T14:03:00Z`).
    pub read_at: String,
    /// How far it was read when last closed, 0–100 (the reader's position).
    pub percent: u16,
}

impl Entry {
    /// The history entry for `article`, opened now (`read_at`), nothing read yet.
    pub fn of(article: &Article, read_at: &str) -> Entry {
        let name = &article.source.name;
        let (origin, source) = match article.source.kind {
            SourceKind::File => (Origin::File, Some(crate::paths::full_path(name))),
            SourceKind::Url => (Origin::Url, Some(name.clone())),
            SourceKind::Stdin => (Origin::Stdin, None),
        };
        let key = match (&origin, &source) {
            (Origin::File, Some(path)) => format!("file:{path}"),
            (Origin::Url, Some(url)) => format!("url:{url}"),
            _ => {
                let text = article.blocks.iter().map(|b| b.text.as_str()).collect::<Vec<_>>().join("\n");
                format!("stdin:{:016x}", crate::text::fnv::fnv1a(crate::text::fnv::OFFSET, text.bytes()))
            }
        };
        Entry {
            key,
            title: article.copy_name(),
            site: article.meta.site.clone(),
            origin,
            source,
            read_at: read_at.to_string(),
            percent: 0,
        }
    }

    /// What to read to open it again; none for standard input.
    pub fn input(&self) -> Option<Input> {
        match (self.origin, &self.source) {
            (Origin::File, Some(path)) => Some(Input::Path(PathBuf::from(path))),
            (Origin::Url, Some(url)) => Some(Input::Url(url.clone())),
            _ => None,
        }
    }
}

/// The history file as stored.
#[derive(Debug, Default, Serialize, Deserialize)]
struct HistoryFile {
    /// Newest first.
    read: Vec<Entry>,
}

/// Reads the history in `store` while its lock is held. A missing file is empty; one that does
/// not parse is moved aside to `*.broken` and reported (the warning); one that cannot be read
/// at all is an error (and is left alone).
fn read_locked(store: &Store) -> Result<(HistoryFile, Option<String>), StoreError> {
    let Some(text) = store.read()? else { return Ok((HistoryFile::default(), None)) };
    match serde_json::from_slice::<HistoryFile>(&text) {
        Ok(history) => Ok((history, None)),
        Err(e) => {
            let aside = store.set_aside()?;
            let path = store.path().display();
            let warning = format!("{path}: {e}; kept as {}, the history starts afresh", aside.display());
            Ok((HistoryFile::default(), Some(warning)))
        }
    }
}

/// Where a broken history file is kept: `history.json.broken` beside it.
pub fn broken_path(path: &Path) -> PathBuf {
    Store::at(path).broken_path()
}

/// Changes the history at `path` under the lock: reads it, lets `change` edit the entries
/// (newest first), keeps the newest `KEEP` and writes it back atomically. Returns a warning
/// when the file was broken and set aside.
fn change(path: &Path, change: impl FnOnce(&mut Vec<Entry>)) -> Result<Option<String>, StoreError> {
    let store = Store::at(path);
    let _lock = store.lock()?;
    let (mut history, warning) = read_locked(&store)?;
    change(&mut history.read);
    history.read.sort_by(|a, b| b.read_at.cmp(&a.read_at));
    history.read.truncate(KEEP);
    store.write(&serde_json::to_string_pretty(&history)?)?;
    Ok(warning)
}

/// Records that `entry` was opened: it goes to the top of the history, keeping how far an
/// earlier reading of the same article got (the reader resumes there).
pub fn record_open(path: &Path, entry: Entry) -> Result<Option<String>, StoreError> {
    change(path, |read| {
        let percent = read.iter().find(|e| e.key == entry.key).map_or(entry.percent, |e| e.percent);
        read.retain(|e| e.key != entry.key);
        read.insert(0, Entry { percent, ..entry });
    })
}

/// Records that the article `key` was closed at `percent`, at `read_at` (an article not in
/// the history is left out).
pub fn record_close(path: &Path, key: &str, percent: u16, read_at: &str) -> Result<Option<String>, StoreError> {
    change(path, |read| {
        if let Some(entry) = read.iter_mut().find(|e| e.key == key) {
            entry.percent = percent.min(100);
            entry.read_at = read_at.to_string();
        }
    })
}

/// The history at `path`, newest first, and a warning when it was broken (and set aside).
pub fn history(path: &Path) -> (Vec<Entry>, Option<String>) {
    if !path.exists() {
        // Nothing read yet: no folder or lock file is made just to say so.
        return (Vec::new(), None);
    }
    let store = Store::at(path);
    let loaded = store.lock().and_then(|_lock| read_locked(&store));
    match loaded {
        Ok((history, warning)) => (history.read, warning),
        Err(e) => (Vec::new(), Some(format!("{e}; the history is not shown"))),
    }
}

/// A clean copy in the save folder, as its front matter describes it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Saved {
    /// The title (else the file's name).
    pub title: String,
    /// The publication's name, where the copy names one.
    pub site: Option<String>,
    /// When it was saved (`saved:`), in UTC.
    pub saved: Option<String>,
    /// The copy's file.
    pub path: PathBuf,
}

/// The copies folio saved in `folder` (Markdown files whose front matter names folio as their
/// generator), newest first. Other files, and a folder that does not exist, give nothing.
pub fn saved_copies(folder: &Path) -> Vec<Saved> {
    let Ok(dir) = std::fs::read_dir(folder) else { return Vec::new() };
    let mut copies: Vec<Saved> = dir
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "md") && p.is_file())
        .filter_map(|path| {
            let mut head = Vec::new();
            let file = std::fs::File::open(&path).ok()?;
            file.take(16 * 1024).read_to_end(&mut head).ok()?;
            let fields = crate::text::front_matter::at_top(&String::from_utf8_lossy(&head));
            // A value on one line, as the list shows it.
            let field = |key: &str| {
                fields.iter().find(|(k, _)| k == key).map(|(_, v)| v.split_whitespace().collect::<Vec<_>>().join(" "))
            };
            field("generator").filter(|g| g.starts_with("folio"))?;
            let stem = || path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
            Some(Saved { title: field("title").unwrap_or_else(stem), site: field("site"), saved: field("saved"), path })
        })
        .collect();
    copies.sort_by(|a, b| b.saved.cmp(&a.saved).then_with(|| a.path.cmp(&b.path)));
    copies
}

/// Everything `folio history` and the reader's `H` list show.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Library {
    /// Articles read, newest first.
    pub read: Vec<Entry>,
    /// Copies in the save folder, newest first.
    pub saved: Vec<Saved>,
    /// Problems met on the way (a broken history file set aside), one line each.
    #[serde(skip)]
    pub warnings: Vec<String>,
}

impl Library {
    /// The history at `history` (none: no history) and the copies in `save_dir`.
    pub fn load(history: Option<&Path>, save_dir: &Path) -> Library {
        let (read, warning) = history.map(self::history).unwrap_or_default();
        Library { read, saved: saved_copies(save_dir), warnings: warning.into_iter().collect() }
    }

    /// Whether there is nothing to list.
    pub fn is_empty(&self) -> bool {
        self.read.is_empty() && self.saved.is_empty()
    }

    /// How many entries the reader's list has: the articles read, then the saved copies.
    pub fn len(&self) -> usize {
        self.read.len() + self.saved.len()
    }

    /// What the plain `folio history` prints: a table of the articles read, then one of the
    /// saved copies (in `save_dir`). Nothing from a page reaches the terminal as a control.
    pub fn table(&self, save_dir: &Path) -> String {
        let mut out = String::new();
        if self.read.is_empty() {
            out.push_str("No articles read yet.\n");
        } else {
            out.push_str("Read\n");
            let rows: Vec<Vec<String>> = self
                .read
                .iter()
                .map(|e| {
                    vec![
                        when(&e.read_at),
                        format!("{}%", e.percent),
                        shown(e.site.as_deref().unwrap_or("")),
                        crate::text::cells::shorten(&shown(&e.title), 60),
                        e.source.as_deref().map_or_else(|| "(standard input)".to_string(), shown),
                    ]
                })
                .collect();
            out.push_str(&columns(&["WHEN", "READ", "SITE", "TITLE", "SOURCE"], &rows));
        }
        out.push('\n');
        if self.saved.is_empty() {
            out.push_str(&format!("No saved copies in {}.\n", save_dir.display()));
        } else {
            out.push_str(&format!("Saved copies in {}\n", save_dir.display()));
            let rows: Vec<Vec<String>> = self
                .saved
                .iter()
                .map(|s| {
                    vec![
                        s.saved.as_deref().map_or_else(String::new, when),
                        shown(s.site.as_deref().unwrap_or("")),
                        crate::text::cells::shorten(&shown(&s.title), 60),
                        shown(&s.path.display().to_string()),
                    ]
                })
                .collect();
            out.push_str(&columns(&["SAVED", "SITE", "TITLE", "PATH"], &rows));
        }
        out
    }
}

/// A UTC time stamp as a person reads it, in local time: `2026-11-27 14:03`.
pub fn when(stamp: &str) -> String {
    match chrono::DateTime::parse_from_rfc3339(stamp) {
        Ok(t) => t.with_timezone(&chrono::Local).format("%Y-%m-%d %H:%M").to_string(),
        Err(_) => shown(stamp),
    }
}

/// Text from a page made safe and one line: control characters as placeholders.
fn shown(text: &str) -> String {
    crate::text::safe::visible(&text.split_whitespace().collect::<Vec<_>>().join(" ")).into_owned()
}

/// A plain table: a header row and rows, columns padded to their widest cell (the last one
/// not padded), two spaces between.
fn columns(header: &[&str], rows: &[Vec<String>]) -> String {
    use unicode_width::UnicodeWidthStr;
    let mut widths: Vec<usize> = header.iter().map(|h| h.width()).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.width());
        }
    }
    let line = |cells: Vec<&str>| {
        let last = cells.len().saturating_sub(1);
        let mut out = String::new();
        for (i, (cell, w)) in cells.iter().zip(&widths).enumerate() {
            out.push_str(cell);
            if i < last {
                out.push_str(&" ".repeat(w.saturating_sub(cell.width()) + 2));
            }
        }
        out.trim_end().to_string() + "\n"
    };
    let mut out = line(header.to_vec());
    for row in rows {
        out.push_str(&line(row.iter().map(String::as_str).collect()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(key: &str, read_at: &str) -> Entry {
        Entry {
            key: key.to_string(),
            title: format!("Title of {key}"),
            site: Some("Site".to_string()),
            origin: Origin::File,
            source: Some(format!("/articles/{key}.txt")),
            read_at: read_at.to_string(),
            percent: 0,
        }
    }

    #[test]
    fn a_file_is_one_entry_whatever_path_it_was_typed_as() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("w")).unwrap();
        std::fs::write(dir.path().join("a.txt"), "Words.").unwrap();
        let entry_for = |name: std::path::PathBuf| {
            let source = crate::article::Source {
                kind: SourceKind::File,
                name: name.display().to_string(),
                format: crate::article::Format::Text,
                base: None,
            };
            let meta = crate::article::Meta::default();
            let article = Article::new(source, meta, Vec::new(), |_| Vec::new());
            Entry::of(&article, "2026-01-01T00:00:00Z")
        };
        let typed = entry_for(dir.path().join("w/../a.txt"));
        let plain = entry_for(dir.path().join("a.txt"));
        assert_eq!(typed.key, plain.key);
        let source = typed.source.unwrap();
        assert!(!source.contains(".."), "{source}");
        assert!(source.ends_with("a.txt") && std::path::Path::new(&source).is_absolute(), "{source}");
    }

    #[test]
    fn opening_again_keeps_how_far_it_was_read_and_moves_it_to_the_top() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("history.json");
        record_open(&path, entry("a", "2026-01-01T00:00:00Z")).unwrap();
        record_close(&path, "a", 42, "2026-01-01T00:10:00Z").unwrap();
        record_open(&path, entry("b", "2026-01-02T00:00:00Z")).unwrap();
        record_open(&path, entry("a", "2026-01-03T00:00:00Z")).unwrap();
        let (read, warning) = history(&path);
        assert_eq!(warning, None);
        let keys: Vec<(&str, u16)> = read.iter().map(|e| (e.key.as_str(), e.percent)).collect();
        assert_eq!(keys, [("a", 42), ("b", 0)]);
    }

    #[test]
    fn a_broken_history_is_reported_kept_aside_and_started_afresh() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("history.json");
        std::fs::write(&path, "{\"read\": [ {\"key\": tru").unwrap();
        let (read, warning) = history(&path);
        let warning = warning.expect("a warning");
        assert!(read.is_empty());
        assert!(warning.starts_with(&path.display().to_string()), "{warning}");
        assert!(warning.contains("history.json.broken"), "{warning}");
        assert_eq!(std::fs::read_to_string(broken_path(&path)).unwrap(), "{\"read\": [ {\"key\": tru");
        // And recording goes on into a fresh file.
        assert_eq!(record_open(&path, entry("a", "2026-01-01T00:00:00Z")).unwrap(), None);
        assert_eq!(history(&path).0.len(), 1);
    }

    #[test]
    fn a_history_that_is_not_text_is_set_aside_too() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("history.json");
        std::fs::write(&path, [0xff, 0xfe, 0x00, 0x01]).unwrap();
        let warning = record_open(&path, entry("a", "2026-01-01T00:00:00Z")).unwrap();
        assert!(warning.is_some_and(|w| w.contains(".broken")));
        assert!(broken_path(&path).exists());
        assert_eq!(history(&path).0.len(), 1);
    }

    #[test]
    fn the_newest_entries_are_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("history.json");
        change(&path, |read| {
            for i in 0..KEEP + 5 {
                read.push(entry(&i.to_string(), &format!("2026-01-01T00:00:{:02}Z", i % 60)));
            }
        })
        .unwrap();
        assert_eq!(history(&path).0.len(), KEEP);
    }

    #[test]
    fn two_writers_at_once_lose_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("history.json");
        let writers: Vec<_> = ["left", "right"]
            .into_iter()
            .map(|name| {
                let path = path.clone();
                std::thread::spawn(move || {
                    for i in 0..100 {
                        let key = format!("{name}-{i}");
                        record_open(&path, entry(&key, "2026-01-01T00:00:00Z")).unwrap();
                        record_close(&path, &key, 50, "2026-01-01T00:00:01Z").unwrap();
                    }
                })
            })
            .collect();
        for writer in writers {
            writer.join().unwrap();
        }
        let (read, warning) = history(&path);
        assert_eq!(warning, None);
        assert_eq!(read.len(), 200, "every entry of both writers is there");
        assert!(read.iter().all(|e| e.percent == 50));
    }

    #[test]
    fn saved_copies_are_listed_from_their_front_matter() {
        let dir = tempfile::tempdir().unwrap();
        let copy = "---\ntitle: \"A \\\"quoted\\\" title\"\nsite: \"Example\"\nsaved: \"2026-11-27T10:00:00Z\"\ngenerator: \"folio 0.1.0\"\n---\n\nBody\n";
        std::fs::write(dir.path().join("2026-11-27-a-quoted-title.md"), copy).unwrap();
        std::fs::write(dir.path().join("notes.md"), "# My own notes\n").unwrap();
        std::fs::write(dir.path().join("broken.md"), [0xff, 0xfe, 0xfd]).unwrap();
        let saved = saved_copies(dir.path());
        assert_eq!(saved.len(), 1);
        assert_eq!(saved[0].title, "A \"quoted\" title");
        assert_eq!(saved[0].site.as_deref(), Some("Example"));
        assert_eq!(saved[0].saved.as_deref(), Some("2026-11-27T10:00:00Z"));
    }

    #[test]
    fn the_table_lines_up_and_shows_no_controls() {
        let mut e = entry("a", "not a time");
        e.title = "Evil \u{1b}[31m title".to_string();
        let library = Library { read: vec![e], saved: Vec::new(), warnings: Vec::new() };
        let table = library.table(Path::new("/saved"));
        assert!(!table.contains('\u{1b}'), "{table}");
        assert!(table.contains("WHEN        READ  SITE  TITLE"), "{table}");
        assert!(table.contains("No saved copies in /saved."), "{table}");
    }
}
