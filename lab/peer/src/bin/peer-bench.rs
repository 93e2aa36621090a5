//! `peer-bench [--corpus DIR]... [--rounds N]`: folio's in-process pipeline beside rs-trafilatura's
//! extraction on every page of each corpus directory, in one process and on one thread.
//!
//! Every page is read into memory first (`.html.gz` gunzipped there). Then, for each round, the
//! pages are timed one by one, interleaved (folio, rs-trafilatura, folio, rs-trafilatura, …) so
//! that whatever else the machine is doing hits both alike. A corpus's time for one extractor is
//! the sum over its pages in a round; the figure printed is the median of the rounds. Both the
//! wall-clock time and the thread's CPU time are kept: on a shared machine the wall clock also
//! counts the time another process held the core, the CPU time does not.
//!
//! folio's call is the one `benches/pipeline.rs` times: `Pipeline::read_loaded` on the page's
//! bytes with an HTML hint (decoding, parsing, classifying, claims). rs-trafilatura's is
//! `extract_bytes` with its default options (decoding, parsing, extraction, metadata).

use flate2::read::GzDecoder;
use folio::Pipeline;
use folio::article::{Format, SourceKind};
use folio::source::Loaded;
use std::hint::black_box;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

struct Page {
    name: String,
    bytes: Vec<u8>,
}

fn read_corpus(dir: &Path) -> Vec<Page> {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok()).map(|e| e.path()).collect();
    paths.retain(|p| {
        let name = p.file_name().unwrap_or_default().to_string_lossy();
        name.ends_with(".html") || name.ends_with(".htm") || name.ends_with(".html.gz")
    });
    paths.sort();
    paths
        .iter()
        .map(|p| {
            let raw = std::fs::read(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            let bytes = if name.ends_with(".gz") {
                let mut bytes = Vec::new();
                GzDecoder::new(&raw[..]).read_to_end(&mut bytes).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
                bytes
            } else {
                raw
            };
            Page { name, bytes }
        })
        .collect()
}

/// What `benches/pipeline.rs` times: `Pipeline::read` once the bytes are loaded.
fn folio(reader: &Pipeline, page: &Page) -> Option<usize> {
    let loaded = Loaded {
        bytes: page.bytes.to_vec(),
        kind: SourceKind::File,
        name: page.name.clone(),
        charset: None,
        hint: Some(Format::Html.into()),
    };
    reader.read_loaded(loaded).ok().map(|r| r.article.blocks.len())
}

fn trafilatura(page: &Page) -> Option<usize> {
    rs_trafilatura::extract_bytes(&page.bytes).ok().map(|r| r.content_text.len())
}

/// This thread's CPU time so far.
fn cpu_now() -> Duration {
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: a valid clock id and a pointer to a timespec we own.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    assert_eq!(rc, 0, "clock_gettime(CLOCK_THREAD_CPUTIME_ID)");
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

/// Wall-clock and CPU time of one call.
fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration, Duration) {
    let (wall, cpu) = (Instant::now(), cpu_now());
    let r = f();
    let cpu = cpu_now() - cpu;
    (r, wall.elapsed(), cpu)
}

fn median(mut xs: Vec<Duration>) -> Duration {
    xs.sort();
    let n = xs.len();
    if n % 2 == 1 { xs[n / 2] } else { (xs[n / 2 - 1] + xs[n / 2]) / 2 }
}

/// The locked version of a package, from this crate's Cargo.lock (what was built).
fn locked(package: &str) -> String {
    let lock = include_str!("../../Cargo.lock");
    let needle = format!("name = \"{package}\"\nversion = \"");
    lock.find(&needle)
        .map(|i| lock[i + needle.len()..].split('"').next().unwrap_or("?").to_string())
        .unwrap_or_else(|| "?".into())
}

/// The commit of the folio tree beside this crate, and whether it had changes (at run time).
fn folio_commit() -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let git = |args: &[&str]| {
        std::process::Command::new("git")
            .arg("-C")
            .arg(&root)
            .args(args)
            .output()
            .ok()
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
    };
    let commit = git(&["rev-parse", "--short", "HEAD"]).unwrap_or_else(|| "?".into());
    let dirty =
        git(&["status", "--porcelain", "--", "src", "assets", "build.rs", "Cargo.toml"]).is_some_and(|s| !s.is_empty());
    if dirty { format!("{commit} + uncommitted changes") } else { commit }
}

fn main() {
    let mut dirs = Vec::new();
    let mut rounds = 3usize;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--corpus" => dirs.push(PathBuf::from(args.next().expect("--corpus DIR"))),
            "--rounds" => rounds = args.next().and_then(|n| n.parse().ok()).expect("--rounds N"),
            _ => {
                eprintln!("usage: peer-bench [--corpus DIR]... [--rounds N]");
                std::process::exit(2);
            }
        }
    }
    if dirs.is_empty() {
        let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus");
        dirs = vec![corpus.join("zyte-dev/html"), corpus.join("wcxb-dev/html")];
    }
    assert!(rounds > 0, "--rounds must be at least 1");

    println!(
        "folio {} (commit {}) vs rs-trafilatura {}; one thread, {rounds} round(s), interleaved page by page",
        locked("folio"),
        folio_commit(),
        locked("rs-trafilatura")
    );
    let (reader, setup_wall, setup_cpu) = timed(Pipeline::bundled);
    println!(
        "set-up, once, not in the table: Pipeline::bundled() {:.1} ms wall, {:.1} ms CPU",
        setup_wall.as_secs_f64() * 1e3,
        setup_cpu.as_secs_f64() * 1e3
    );
    println!(
        "{:<30} {:<5} {:>6} {:>10} {:>10} {:>10} {:>10} {:>7}",
        "corpus", "clock", "pages", "folio s", "peer s", "folio p/s", "peer p/s", "ratio"
    );
    for dir in &dirs {
        let pages = read_corpus(dir);
        if pages.is_empty() {
            eprintln!("{}: no .html or .html.gz pages", dir.display());
            continue;
        }
        // Not in the table: the first call of each pays for lazily built tables and regexes.
        let (_, first_folio, _) = timed(|| black_box(folio(&reader, &pages[0])));
        let (_, first_theirs, _) = timed(|| black_box(trafilatura(&pages[0])));

        // Per round: [folio wall, folio CPU, rs-trafilatura wall, rs-trafilatura CPU].
        let mut totals: Vec<[Duration; 4]> = Vec::new();
        let (mut our_failures, mut their_failures) = (0, 0);
        for _ in 0..rounds {
            let mut t = [Duration::ZERO; 4];
            (our_failures, their_failures) = (0, 0);
            for page in &pages {
                let (r, wall, cpu) = timed(|| black_box(folio(&reader, black_box(page))));
                (t[0], t[1]) = (t[0] + wall, t[1] + cpu);
                our_failures += r.is_none() as usize;

                let (r, wall, cpu) = timed(|| black_box(trafilatura(black_box(page))));
                (t[2], t[3]) = (t[2] + wall, t[3] + cpu);
                their_failures += r.is_none() as usize;
            }
            totals.push(t);
        }
        let label = dir.components().rev().take(2).collect::<Vec<_>>();
        let label = label.iter().rev().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
        let n = pages.len() as f64;
        for (clock, ours, theirs) in [("wall", 0, 2), ("cpu", 1, 3)] {
            let (a, b) =
                (median(totals.iter().map(|t| t[ours]).collect()), median(totals.iter().map(|t| t[theirs]).collect()));
            println!(
                "{:<30} {:<5} {:>6} {:>10.3} {:>10.3} {:>10.1} {:>10.1} {:>6.2}×",
                label,
                clock,
                pages.len(),
                a.as_secs_f64(),
                b.as_secs_f64(),
                n / a.as_secs_f64(),
                n / b.as_secs_f64(),
                b.as_secs_f64() / a.as_secs_f64()
            );
        }
        let spread = |i: usize| {
            let xs: Vec<f64> = totals.iter().map(|t| t[i].as_secs_f64()).collect();
            if xs.len() <= 9 {
                xs.iter().map(|x| format!("{x:.3}")).collect::<Vec<_>>().join(" ")
            } else {
                let (lo, hi) = xs.iter().fold((f64::MAX, 0f64), |(lo, hi), &x| (lo.min(x), hi.max(x)));
                format!("{lo:.4} … {hi:.4}")
            }
        };
        println!("    rounds, wall s: folio {}; rs-trafilatura {}", spread(0), spread(2));
        println!(
            "    first call, not in the table (lazy set-up): folio {:.1} ms, rs-trafilatura {:.1} ms",
            first_folio.as_secs_f64() * 1e3,
            first_theirs.as_secs_f64() * 1e3
        );
        if our_failures + their_failures > 0 {
            println!("    errors (counted in the time): folio {our_failures}, rs-trafilatura {their_failures}");
        }
    }
    println!("medians of the rounds; ratio = rs-trafilatura time / folio time (above 1: folio is faster)");
}
