//! What one page costs from a standing start, as the reader, `folio clean` and the mail and
//! feed filters run folio: the whole process (`folio clean PAGE`) on a 0.2 KB page (the fixed
//! cost), on a 50 KB news page from ../shared/corpus/zyte-dev (skipped when the corpus is
//! absent), and `folio --version` (the process alone). The binary is the bench profile's (no
//! LTO); README's speed section gives the shipped build's figures, taken with hyperfine.
//!
//!     cargo bench --bench startup

use criterion::{Criterion, criterion_group, criterion_main};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The 50 KB news page the speed figures use.
const NEWS_PAGE: &str =
    "../shared/corpus/zyte-dev/html/cc03ddb5ef7d5f1fdb8a87f5e6dfd058a2a70acedf2551655a898dc5c18eb79e.html";

fn run(args: &[&str], state: &Path) {
    let status = Command::new(env!("CARGO_BIN_EXE_folio"))
        .args(args)
        // No history, memory or config of the person running the bench.
        .env("FOLIO_STATE_DIR", state)
        .env("XDG_CONFIG_HOME", state)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("folio runs");
    assert!(status.success(), "folio {args:?}");
}

fn bench(c: &mut Criterion) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let state = tempfile::tempdir().expect("a temporary folder");
    let small = root.join("benches/pages/small.html");
    let news: PathBuf = root.join(NEWS_PAGE);
    let mut group = c.benchmark_group("startup");
    group.sample_size(30);
    group.bench_function("folio --version", |b| b.iter(|| run(&["--version"], state.path())));
    let small = small.to_str().expect("a UTF-8 path");
    group.bench_function("clean a 0.2 KB page", |b| b.iter(|| run(&["clean", small], state.path())));
    if news.exists() {
        let news = news.to_str().expect("a UTF-8 path");
        group.bench_function("clean a 50 KB news page", |b| b.iter(|| run(&["clean", news], state.path())));
    } else {
        eprintln!("note: {} is absent; the 50 KB page is not measured", news.display());
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
