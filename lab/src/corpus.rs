//! The evaluation corpora live in `../shared/` beside the repository, never inside it. A test
//! or example that needs them asks here; without them it skips with a note, unless
//! `FOLIO_REQUIRE_CORPUS=1` says they must be there (CI sets it), and then it fails.

use std::path::PathBuf;

/// A file or folder under `../shared/` (relative to the repository root), or `None` with a note
/// on stderr when it is absent. Panics instead when `FOLIO_REQUIRE_CORPUS=1`.
pub fn shared(relative: &str) -> Option<PathBuf> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared").join(relative);
    if path.exists() {
        return Some(path);
    }
    if std::env::var_os("FOLIO_REQUIRE_CORPUS").is_some_and(|v| v == "1") {
        panic!("{} is absent, and FOLIO_REQUIRE_CORPUS=1 says the corpus must be there", path.display());
    }
    eprintln!("skipped: {} is absent (the shared corpus is not beside this checkout)", path.display());
    None
}

/// A file of folio's own `assets/`.
pub fn asset(relative: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../assets").join(relative)
}
