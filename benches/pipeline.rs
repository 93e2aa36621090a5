//! The pipeline's throughput on every page of ../shared/corpus/zyte-dev, as text and as
//! HTML: bytes → decode → parse → classify → claims → Article, all pages in one iteration,
//! and each stage on its own (the bundled samples when the corpus is absent); and two built
//! pages that would show work growing with the square of the page.
//!
//!     cargo bench --bench pipeline

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use folio::Pipeline;
use folio::article::{Format, SourceKind};
use folio::classify::Rules;
use folio::source::{FormatHint, Loaded};
use std::hint::black_box;
use std::path::Path;

fn pages(form: &str) -> Vec<Vec<u8>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = root.join("../shared/corpus/zyte-dev").join(form);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("note: {} is absent; using the bundled samples", dir.display());
        let samples = ["assets/samples/harbour-heat-pumps.txt", "assets/samples/field-notes.md"];
        return samples.iter().map(|s| std::fs::read(root.join(s)).unwrap()).collect();
    };
    let mut paths: Vec<_> = entries.filter_map(|e| e.ok()).map(|e| e.path()).collect();
    paths.sort();
    paths.iter().map(|p| std::fs::read(p).unwrap()).collect()
}

/// What the file's extension would say of a page in `format`.
fn hint(format: Format) -> Option<FormatHint> {
    Some(format.into())
}

/// What `Pipeline::read` does once the bytes are loaded: the real path, decoding included.
fn pipeline(reader: &Pipeline, bytes: &[u8], format: Format) -> usize {
    let loaded = Loaded {
        bytes: bytes.to_vec(),
        kind: SourceKind::File,
        name: "bench".into(),
        charset: None,
        hint: hint(format),
    };
    reader.read_loaded(loaded).map_or(0, |r| r.article.blocks.len())
}

fn bench(c: &mut Criterion) {
    let reader = Pipeline::bundled();
    let scorer = *reader.claims();
    for (form, format) in [("text", Format::Text), ("html", Format::Html)] {
        let pages = pages(form);
        let bytes: usize = pages.iter().map(Vec::len).sum();
        pipeline(&reader, &pages[0], format);
        let mut group = c.benchmark_group(format!("pipeline/{form}"));
        group.sample_size(10).throughput(Throughput::Bytes(bytes as u64));
        group.bench_function(format!("all {} pages", pages.len()), |b| {
            b.iter(|| pages.iter().map(|p| pipeline(&reader, black_box(p), format)).sum::<usize>())
        });
        let texts: Vec<String> =
            pages.iter().map(|p| folio::source::decode_page(p, hint(format), None).unwrap().decoded.text).collect();
        group.bench_function("decode", |b| {
            b.iter(|| {
                pages
                    .iter()
                    .map(|p| folio::source::decode_page(black_box(p), hint(format), None).unwrap().decoded.text.len())
                    .sum::<usize>()
            })
        });
        group.bench_function("parse", |b| {
            b.iter(|| texts.iter().map(|t| folio::parse::parse(black_box(t), format, None).blocks.len()).sum::<usize>())
        });
        let parsed: Vec<_> = texts.iter().map(|t| folio::parse::parse(t, format, None)).collect();
        group.bench_function("classify", |b| {
            b.iter(|| {
                parsed
                    .iter()
                    .map(|p| folio::classify::classify(black_box(p.clone()), format, Rules::bundled()).blocks.len())
                    .sum::<usize>()
            })
        });
        let classified: Vec<_> =
            parsed.iter().map(|p| folio::classify::classify(p.clone(), format, Rules::bundled()).blocks).collect();
        group.bench_function("claims", |b| {
            b.iter(|| classified.iter().map(|blocks| scorer.find(black_box(blocks)).len()).sum::<usize>())
        });
        group.finish();
    }
}

/// Pages built to catch work that grows with the square of the page: a dump whose every other
/// line is a boilerplate heading ("About Acme"), and HTML of 20,000 cards of one class.
fn bench_adversarial(c: &mut Criterion) {
    let paragraph = "The council met on Tuesday evening to hear from residents about the plan today.";
    let headings = format!("About Acme\n\n{paragraph}\n\n").repeat(20_000);
    let card = format!("<div class=\"card\"><h3><a href=\"/x\">Other headline</a></h3><p>{paragraph}</p></div>");
    let cards = format!("<html><body>{}</body></html>", card.repeat(20_000));
    let reader = Pipeline::bundled();
    let mut group = c.benchmark_group("pipeline/adversarial");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(headings.len() as u64));
    group.bench_function("text, a heading on every other line", |b| {
        b.iter(|| pipeline(&reader, black_box(headings.as_bytes()), Format::Text))
    });
    group.throughput(Throughput::Bytes(cards.len() as u64));
    group.bench_function("html, 20,000 cards of one class", |b| {
        b.iter(|| pipeline(&reader, black_box(cards.as_bytes()), Format::Html))
    });
    group.finish();
}

criterion_group!(benches, bench, bench_adversarial);
criterion_main!(benches);
