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

/// What a training example does with the weights it trained, as its arguments say: `--write`
/// writes `text` to `path` (an asset, relative to the repo root); `--check` compares and exits
/// with 1 when they differ; neither leaves the file alone.
pub fn write_or_check(args: &[String], path: &str, text: &str) {
    if args.iter().any(|a| a == "--write") {
        std::fs::write(path, text).unwrap_or_else(|e| panic!("{path}: {e}"));
        println!("wrote {path}");
    } else if args.iter().any(|a| a == "--check") {
        let same = std::fs::read_to_string(path).is_ok_and(|shipped| shipped == text);
        println!("{path} is {}", if same { "the same, byte for byte" } else { "DIFFERENT" });
        if !same {
            std::process::exit(1);
        }
    }
}
