//! One footing for the small files folio keeps of the reader's doings: the reading places
//! (`places.json`), the history (`history.json`) and what was learned of sites (`marks.jsonl`,
//! `seen.jsonl`). A `Store` is one such file: it reads it, writes it whole (atomically), adds a
//! line to it, locks it against other folio processes and sets a broken one aside as
//! `<name>.broken`. It knows nothing of what the files hold: each owner parses its own and words
//! its own warnings, which name the file.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use thiserror::Error;

/// Why a state file could not be read, locked, set aside or written.
#[derive(Debug, Error)]
pub enum StoreError {
    /// The file, its lock file or its folder could not be read, made, locked or moved.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// What the system reported.
        #[source]
        source: std::io::Error,
    },
    /// A line could not be added to the file. Shown as the system's words alone: the callers
    /// say which folder they were remembering in.
    #[error("{source}")]
    Append {
        /// The file.
        path: PathBuf,
        /// What the system reported.
        #[source]
        source: std::io::Error,
    },
    /// The file could not be written whole (see `save::write_atomically`).
    #[error(transparent)]
    Write(crate::error::Error),
    /// What was to be kept could not be written as JSON.
    #[error("{0}")]
    Encode(#[from] serde_json::Error),
}

/// One state file, by its path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Store {
    path: PathBuf,
}

/// Holds the exclusive lock on a store's lock file while it lives (Unix); dropping it lets go.
pub struct Lock {
    _file: std::fs::File,
}

impl Store {
    /// The state file at `path`.
    pub fn at(path: impl Into<PathBuf>) -> Store {
        Store { path: path.into() }
    }

    /// The file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether the file is there.
    pub fn exists(&self) -> bool {
        self.path.exists()
    }

    /// Where a broken file is kept: `<name>.broken` beside it (`history.json.broken`).
    pub fn broken_path(&self) -> PathBuf {
        let mut name = self.path.file_name().unwrap_or_default().to_os_string();
        name.push(".broken");
        self.path.with_file_name(name)
    }

    /// The file's bytes; none when there is no file.
    pub fn read(&self) -> Result<Option<Vec<u8>>, StoreError> {
        match std::fs::read(&self.path) {
            Ok(bytes) => Ok(Some(bytes)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(source) => Err(StoreError::Io { path: self.path.clone(), source }),
        }
    }

    /// Moves the file aside to `<name>.broken` (see `broken_path`) and says where it went.
    pub fn set_aside(&self) -> Result<PathBuf, StoreError> {
        let aside = self.broken_path();
        std::fs::rename(&self.path, &aside).map_err(|source| StoreError::Io { path: self.path.clone(), source })?;
        Ok(aside)
    }

    /// Replaces the file with `text`, whole: through a temporary file renamed into place, so
    /// no one ever reads half of it. Its folder is made if needed.
    pub fn write(&self, text: &str) -> Result<(), StoreError> {
        self.make_folder()?;
        crate::save::write_atomically(&self.path, text, true).map_err(StoreError::Write)
    }

    /// Adds `line` and a line break at the end of the file in one write (a file opened for
    /// appending takes each write whole, so two processes appending at once lose nothing).
    pub fn append(&self, line: &str) -> Result<(), StoreError> {
        let failed = |source| StoreError::Append { path: self.path.clone(), source };
        if let Some(dir) = self.path.parent() {
            std::fs::create_dir_all(dir).map_err(failed)?;
        }
        let mut file = std::fs::OpenOptions::new().create(true).append(true).open(&self.path).map_err(failed)?;
        file.write_all(format!("{line}\n").as_bytes()).map_err(failed)
    }

    /// Waits for the exclusive lock on the lock file beside the file (`history.lock` for
    /// `history.json`), making its folder. `flock` on Unix, which the system lets go of if
    /// folio dies; elsewhere the lock file is made but not locked.
    pub fn lock(&self) -> Result<Lock, StoreError> {
        self.make_folder()?;
        let lock_path = self.path.with_extension("lock");
        let failed = |source| StoreError::Io { path: lock_path.clone(), source };
        let file =
            std::fs::OpenOptions::new().create(true).truncate(false).write(true).open(&lock_path).map_err(failed)?;
        #[cfg(unix)]
        {
            use std::os::unix::io::AsRawFd;
            loop {
                // SAFETY: flock on a descriptor this function owns; no memory is involved.
                if unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX) } == 0 {
                    break;
                }
                let e = std::io::Error::last_os_error();
                if e.kind() != std::io::ErrorKind::Interrupted {
                    return Err(failed(e));
                }
            }
        }
        Ok(Lock { _file: file })
    }

    /// Makes the file's folder, if it names one.
    fn make_folder(&self) -> Result<(), StoreError> {
        match self.path.parent().filter(|d| !d.as_os_str().is_empty()) {
            Some(dir) => {
                std::fs::create_dir_all(dir).map_err(|source| StoreError::Io { path: dir.to_path_buf(), source })
            }
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_broken_file_is_set_aside_beside_itself() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::at(dir.path().join("places.json"));
        assert_eq!(store.read().unwrap(), None, "no file reads as none");
        store.write("{ not json").unwrap();
        let aside = store.set_aside().unwrap();
        assert_eq!(aside, dir.path().join("places.json.broken"));
        assert_eq!(std::fs::read_to_string(aside).unwrap(), "{ not json");
        assert!(!store.exists());
    }

    #[test]
    fn lines_are_appended_whole_and_folders_made() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::at(dir.path().join("learned/marks.jsonl"));
        store.append("{\"a\":1}").unwrap();
        store.append("{\"b\":2}").unwrap();
        assert_eq!(store.read().unwrap().unwrap(), b"{\"a\":1}\n{\"b\":2}\n");
    }

    #[test]
    fn the_lock_file_sits_beside_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::at(dir.path().join("state/history.json"));
        let lock = store.lock().unwrap();
        assert!(dir.path().join("state/history.lock").exists());
        drop(lock);
        assert!(!store.exists(), "locking makes no file of its own");
    }

    #[test]
    fn errors_name_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::at(dir.path().join("missing.json"));
        let e = store.set_aside().unwrap_err();
        assert!(e.to_string().starts_with(&dir.path().join("missing.json").display().to_string()), "{e}");
    }
}
