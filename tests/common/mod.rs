//! Helpers shared by the integration tests.
#![allow(dead_code)]

pub mod pty;

use std::path::PathBuf;

/// A file under `../shared/` (the evaluation corpus beside the repo), or `None` with a note
/// on stderr when it is absent, so that the test can skip instead of failing. With
/// `FOLIO_REQUIRE_CORPUS=1` (as `.ci/run` sets, CI having the corpus beside its clone) an
/// absent file fails the test instead: a test that measures nothing must not pass unseen.
pub fn shared(relative: &str) -> Option<PathBuf> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared").join(relative);
    if path.exists() {
        return Some(path);
    }
    if std::env::var_os("FOLIO_REQUIRE_CORPUS").is_some_and(|v| v == "1") {
        panic!(
            "{} is absent, and FOLIO_REQUIRE_CORPUS=1 says the shared corpus must be beside this checkout \
             (unset it to skip the tests that need the corpus)",
            path.display()
        );
    }
    eprintln!("skipped: {} is absent (the shared corpus is not beside this checkout)", path.display());
    None
}

/// A file named `name` holding `bytes`, in a new temporary folder (kept while the guard lives).
pub fn temp_file(name: &str, bytes: &[u8]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    (dir, path)
}

pub fn asset(relative: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets").join(relative)
}

pub fn folio() -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("folio").expect("the folio binary is built");
    // Nothing the user's folio learned (marks, site memory) changes what the tests see.
    cmd.env_remove("NO_COLOR")
        .env("FOLIO_CONFIG_DIR", "/nonexistent-folio-config")
        .env("FOLIO_DATA_DIR", "/nonexistent-folio-data");
    cmd
}

/// `folio inspect --json PATH`, parsed.
pub fn inspect(path: &std::path::Path) -> serde_json::Value {
    let out = folio().arg("inspect").arg("--json").arg(path).output().expect("folio runs");
    assert!(out.status.success(), "folio failed: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("inspect --json prints JSON")
}

/// The block whose source lines include `line`.
pub fn block_at(report: &serde_json::Value, line: u64) -> Option<&serde_json::Value> {
    report["blocks"].as_array()?.iter().find(|b| {
        let lines = &b["source_lines"];
        lines[0].as_u64().is_some_and(|a| a <= line) && lines[1].as_u64().is_some_and(|z| z >= line)
    })
}

/// Every HTML page and text dump of zyte-dev and wcxb-dev under `corpus`, with the form each
/// is read in, in a fixed order.
pub fn corpus_inputs(corpus: &std::path::Path) -> Vec<(PathBuf, folio::source::FormatHint)> {
    use folio::source::FormatHint;
    let mut out = Vec::new();
    for name in ["zyte-dev", "wcxb-dev"] {
        for (form, hint) in [("html", FormatHint::Html), ("text", FormatHint::Text)] {
            let dir = corpus.join(name).join(form);
            let mut files: Vec<PathBuf> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
            files.sort();
            out.extend(files.into_iter().map(|f| (f, hint)));
        }
    }
    out
}

/// The bytes of a corpus input, gunzipped where it is `.gz`.
pub fn input_bytes(path: &std::path::Path) -> Vec<u8> {
    use std::io::Read;
    let raw = std::fs::read(path).unwrap();
    if path.extension().is_some_and(|e| e == "gz") {
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(&raw[..]).read_to_end(&mut out).unwrap();
        out
    } else {
        raw
    }
}
