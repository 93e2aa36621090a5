//! The claim model: loading the bundled weights, and scoring every sentence of the
//! ClaimBuster development set (4,837 sentences; the bundled samples' when ../shared is absent).

use criterion::{Criterion, criterion_group, criterion_main};
use folio::claims::{Model, Scorer};
use std::hint::black_box;

fn sentences() -> Vec<String> {
    let root = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."));
    match std::fs::read_to_string(root.join("../shared/corpus/claimbuster-dev/claims.tsv")) {
        Ok(text) => folio_lab::claim_training::read_tsv(&text).unwrap().into_iter().map(|(s, _)| s).collect(),
        Err(_) => {
            eprintln!("../shared is absent: scoring the bundled sample's sentences instead");
            let text = std::fs::read_to_string(root.join("assets/samples/harbour-heat-pumps.txt")).unwrap();
            text.lines().filter(|l| !l.trim().is_empty()).map(str::to_string).collect()
        }
    }
}

fn claims(c: &mut Criterion) {
    let bytes = std::fs::read(folio_lab::corpus::asset("claim_model.bin")).unwrap();
    c.bench_function("claims/load model", |b| b.iter(|| Model::from_bytes(black_box(&bytes)).unwrap()));
    let sentences = sentences();
    let scorer = Scorer::bundled();
    scorer.judge("warm up the cues and the model");
    c.bench_function(&format!("claims/score {} sentences", sentences.len()), |b| {
        b.iter(|| sentences.iter().map(|s| scorer.judge(black_box(s)).score).sum::<f32>())
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = claims
}
criterion_main!(benches);
