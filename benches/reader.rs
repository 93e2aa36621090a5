//! The reader's cost per frame and per key press, on the largest page of
//! ../shared/corpus/zyte-dev/text and on synthetic 5 MB and 50 MB articles assembled from
//! the corpus (or from the bundled sample when the corpus is absent).
//!
//!     cargo bench --bench reader
//!
//! A key press must cost the same whatever the article's length: only what is on screen is
//! wrapped and drawn, and wrapping is cached per width.

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use folio::article::{Article, Format, Source, SourceKind};
use folio::tui::app::{Model, Settings, update};
use folio::tui::keys::Action;
use folio::tui::view::{Theme, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::path::{Path, PathBuf};
use std::time::Instant;

fn corpus_texts() -> Vec<(PathBuf, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/zyte-dev/text");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("note: {} is absent; using the bundled sample", dir.display());
        let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/samples/harbour-heat-pumps.txt");
        return vec![(sample.clone(), std::fs::read_to_string(sample).unwrap())];
    };
    let mut texts: Vec<(PathBuf, String)> = entries
        .filter_map(|e| e.ok())
        .map(|e| (e.path(), std::fs::read_to_string(e.path()).unwrap_or_default()))
        .collect();
    texts.sort();
    texts
}

fn article(text: &str) -> Article {
    let source = Source { kind: SourceKind::File, name: "bench".into(), format: Format::Text, base: None };
    folio::Pipeline::bundled().build(text, source)
}

/// Pages of the corpus, one after another, until `bytes` is reached.
fn synthetic(texts: &[(PathBuf, String)], bytes: usize) -> String {
    let mut out = String::with_capacity(bytes + 100_000);
    while out.len() < bytes {
        for (_, t) in texts {
            out.push_str(t);
            out.push_str("\n\n");
            if out.len() >= bytes {
                break;
            }
        }
    }
    out
}

fn model(article: Article) -> Model {
    let settings = Settings { column: 80, save_dir: std::env::temp_dir(), keys: Default::default() };
    Model::new(article, settings, 100, 40)
}

fn draw(terminal: &mut Terminal<TestBackend>, model: &Model) {
    terminal
        .draw(|f| view(model, Theme { color: true, look: folio::tui::view::Look::Dark, hyperlinks: false }, f))
        .unwrap();
}

fn bench_reader(c: &mut Criterion) {
    let texts = corpus_texts();
    let largest = texts.iter().max_by_key(|(_, t)| t.len()).unwrap().1.clone();
    let inputs = [
        ("largest zyte-dev text", largest),
        ("synthetic 5 MB", synthetic(&texts, 5 << 20)),
        ("synthetic 50 MB", synthetic(&texts, 50 << 20)),
    ];
    for (name, text) in inputs {
        let started = Instant::now();
        let built = article(&text);
        eprintln!("{name}: {} bytes, {} blocks, pipeline {:?}", text.len(), built.blocks.len(), started.elapsed());
        let mut terminal = Terminal::new(TestBackend::new(100, 40)).unwrap();

        let mut group = c.benchmark_group(name);
        group.sample_size(if text.len() > 10 << 20 { 10 } else { 50 });
        group.bench_function("first frame (layout + draw)", |b| {
            b.iter_batched(
                || built.clone(),
                |a| {
                    let m = model(a);
                    draw(&mut terminal, &m);
                    m
                },
                BatchSize::PerIteration,
            )
        });
        let mut m = model(built.clone());
        update(&mut m, Action::Bottom);
        update(&mut m, Action::Top);
        group.bench_function("page down + draw", |b| {
            b.iter(|| {
                update(&mut m, Action::PageDown);
                if m.percent() == 100 {
                    update(&mut m, Action::Top);
                }
                draw(&mut terminal, &m);
            })
        });
        group.bench_function("next claim + draw", |b| {
            b.iter(|| {
                update(&mut m, Action::NextClaim);
                draw(&mut terminal, &m);
            })
        });
        group.finish();
    }
}

criterion_group!(benches, bench_reader);
criterion_main!(benches);
