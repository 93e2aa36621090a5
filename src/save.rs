//! Keeping a clean copy on disk: a safe file name from the title, a path that never replaces
//! a different file, and an atomic write (a temporary file in the target folder, renamed
//! into place). Used by `folio clean -o` and the reader's save key.

pub mod store;

use crate::error::{Error, Result};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The time stamp written into a copy's `saved:` line: now, in UTC, to the second.
pub fn now() -> String {
    chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// Longest slug, in bytes; cut on a character boundary.
const MAX_SLUG_BYTES: usize = 80;

/// A file name stem from a title: lower-case letters and digits joined by `-`, no path
/// separators, dots or control characters, at most 80 bytes; `article` when nothing is left.
pub fn slug(title: &str) -> String {
    let mut out = String::new();
    let mut dash = false;
    for c in title.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            if out.len() + c.len_utf8() > MAX_SLUG_BYTES {
                break;
            }
            out.push(c);
        } else {
            dash = true;
        }
    }
    let out = out.trim_end_matches('-').to_string();
    // Names Windows keeps for devices, whatever the extension.
    let device = |s: &str| {
        ["con", "prn", "aux", "nul"].contains(&s)
            || ((s.starts_with("com") || s.starts_with("lpt")) && s.len() == 4 && s.as_bytes()[3].is_ascii_digit())
    };
    if out.is_empty() || device(&out) { format!("article-{out}").trim_end_matches('-').to_string() } else { out }
}

/// A saved copy's file name without `.md`: the day it was saved and the title's slug
/// (`2026-11-27-the-title`); `saved_at` is the copy's `saved:` time stamp (its first ten
/// characters, when they are a date, give the day).
pub fn copy_stem(saved_at: &str, title: &str) -> String {
    let day = saved_at.get(..10).filter(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").is_ok());
    match day {
        Some(day) => format!("{day}-{}", slug(title)),
        None => slug(title),
    }
}

/// Saves `text` as `<day>-<slug>.md` in `folder` (created if needed; see `copy_stem`). An
/// existing file with the same text (ignoring the `saved:` line) is kept and its path
/// returned; a different one is never replaced: the copy goes to `<stem>-2.md`, `<stem>-3.md`…
pub fn save_copy(folder: &Path, saved_at: &str, title: &str, text: &str) -> Result<PathBuf> {
    let write_error = |path: &Path, source| Error::Write { path: path.display().to_string(), source };
    std::fs::create_dir_all(folder).map_err(|e| write_error(folder, e))?;
    let stem = copy_stem(saved_at, title);
    for n in 1..10_000 {
        let name = if n == 1 { format!("{stem}.md") } else { format!("{stem}-{n}.md") };
        let path = folder.join(name);
        match std::fs::read_to_string(&path) {
            Ok(existing) if same_copy(&existing, text) => return Ok(path),
            Ok(_) => continue,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(_) => continue,
        }
        match write_atomically(&path, text, false) {
            Err(Error::WouldOverwrite { .. }) => continue,
            other => return other.map(|()| path),
        }
    }
    Err(write_error(folder, std::io::Error::other("too many copies with this title")))
}

fn same_copy(a: &str, b: &str) -> bool {
    let without_time = |s: &str| s.lines().filter(|l| !l.starts_with("saved: ")).collect::<Vec<_>>().join("\n");
    without_time(a) == without_time(b)
}

/// Writes through a temporary file in the same folder and renames it into place. Without
/// `replace`, an existing file is left alone and `Error::WouldOverwrite` returned.
pub fn write_atomically(path: &Path, text: &str, replace: bool) -> Result<()> {
    let shown = path.display().to_string();
    let write_error = |source| Error::Write { path: shown.clone(), source };
    if !replace && path.exists() {
        return Err(Error::WouldOverwrite { path: shown });
    }
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut temp = tempfile::Builder::new().prefix(".folio-").tempfile_in(folder).map_err(write_error)?;
    temp.write_all(text.as_bytes()).and_then(|()| temp.as_file().sync_all()).map_err(write_error)?;
    #[cfg(unix)]
    {
        // A copy is a document, readable like any other (the temporary file starts private).
        use std::os::unix::fs::PermissionsExt;
        let _ = temp.as_file().set_permissions(std::fs::Permissions::from_mode(0o644));
    }
    if replace {
        temp.persist(path).map_err(|e| write_error(e.error))?;
    } else {
        temp.persist_noclobber(path).map_err(|e| match e.error.kind() {
            std::io::ErrorKind::AlreadyExists => Error::WouldOverwrite { path: shown.clone() },
            _ => write_error(e.error),
        })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_safe_and_short() {
        assert_eq!(
            slug("Vitalik Buterin Dismisses U.S.-China AI ‘Arms Race’"),
            "vitalik-buterin-dismisses-u-s-china-ai-arms-race"
        );
        assert_eq!(slug("../../etc/passwd"), "etc-passwd");
        assert_eq!(slug("\u{1b}[31m"), "31m");
        assert_eq!(slug("///"), "article");
        assert_eq!(slug("CON"), "article-con");
        assert_eq!(slug("lpt9"), "article-lpt9");
        assert_eq!(slug("com7"), "article-com7");
        assert_eq!(slug("console"), "console");
        let long = slug(&"é".repeat(100));
        assert!(long.len() <= 80 && long.chars().all(|c| c == 'é'));
    }

    #[test]
    fn copies_are_named_by_day_and_title() {
        assert_eq!(copy_stem("2026-11-27T14:03:00Z", "The Title!"), "2026-11-27-the-title");
        assert_eq!(copy_stem("1", "The Title"), "the-title");
        assert_eq!(copy_stem("2026-13-45T00:00:00Z", "x"), "x");
    }

    #[test]
    fn saving_never_replaces_a_different_file() {
        let dir = tempfile::tempdir().unwrap();
        let day = "2026-11-27T10:00:00Z";
        let first = save_copy(dir.path(), day, "A title", "---\nsaved: \"1\"\n---\nBody\n").unwrap();
        assert_eq!(first.file_name().unwrap(), "2026-11-27-a-title.md");
        let again = save_copy(dir.path(), day, "A title", "---\nsaved: \"2\"\n---\nBody\n").unwrap();
        assert_eq!(again, first, "the same copy is not written twice");
        let other = save_copy(dir.path(), day, "A title", "---\nsaved: \"3\"\n---\nOther body\n").unwrap();
        assert_eq!(other.file_name().unwrap(), "2026-11-27-a-title-2.md");
        assert_eq!(std::fs::read_to_string(&first).unwrap(), "---\nsaved: \"1\"\n---\nBody\n");
    }
}
