//! The Zyte article-extraction benchmark metric, as `shared/eval/extraction_score.py` computes
//! it: texts become multisets of 4-word shingles of lower-cased `\w+` tokens; per document
//! precision and recall over shingle counts; F1 of the mean precision and mean recall.
//! Used by `lab/examples/eval.rs` and the regression floors in `lab/tests/`.

use regex::Regex;
use std::collections::HashMap;
use std::sync::LazyLock;

static TOKEN: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\w+").expect("valid"));

/// The multiset of 4-word shingles of lower-cased `\w+` tokens (all tokens, for a text of fewer than four).
pub fn shingles(text: &str) -> HashMap<Vec<String>, usize> {
    let tokens: Vec<String> = TOKEN.find_iter(&text.to_lowercase()).map(|m| m.as_str().to_string()).collect();
    let mut out = HashMap::new();
    if tokens.is_empty() {
        return out;
    }
    if tokens.len() < 4 {
        out.insert(tokens, 1);
        return out;
    }
    for window in tokens.windows(4) {
        *out.entry(window.to_vec()).or_default() += 1;
    }
    out
}

/// One document's score.
#[derive(Debug, Clone, PartialEq)]
pub struct DocScore {
    /// The document's id (its file name without `.txt`).
    pub name: String,
    /// Share of the kept shingles that are in the truth; `None` when nothing was kept.
    pub precision: Option<f64>,
    /// Share of the truth's shingles that were kept; `None` when the truth is empty.
    pub recall: Option<f64>,
}

impl DocScore {
    /// Harmonic mean of precision and recall (0 where either is missing).
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision.unwrap_or(0.0), self.recall.unwrap_or(0.0));
        if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
    }
}

/// The score of `kept` against the document's `truth`.
pub fn score_document(name: &str, truth: &str, kept: &str) -> DocScore {
    let (t, p) = (shingles(truth), shingles(kept));
    let tp: usize = p.iter().map(|(k, &n)| n.min(t.get(k).copied().unwrap_or(0))).sum();
    let fp = p.values().sum::<usize>() - tp;
    let fn_ = t.values().sum::<usize>() - tp;
    let ratio = |a: usize, b: usize| if a + b == 0 { None } else { Some(a as f64 / (a + b) as f64) };
    DocScore { name: name.to_string(), precision: ratio(tp, fp), recall: ratio(tp, fn_) }
}

/// Mean precision, mean recall and their F1 over documents.
pub fn summary(docs: &[DocScore]) -> (f64, f64, f64) {
    let mean =
        |values: Vec<f64>| if values.is_empty() { 0.0 } else { values.iter().sum::<f64>() / values.len() as f64 };
    let p = mean(docs.iter().filter_map(|d| d.precision).collect());
    let r = mean(docs.iter().filter_map(|d| d.recall).collect());
    let f1 = if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) };
    (p, r, f1)
}

/// The text a reader keeps: the story blocks joined by blank lines (what the scorer compares).
pub fn kept_text(article: &folio::article::Article) -> String {
    article.story().map(|b| b.text.as_str()).collect::<Vec<_>>().join("\n\n")
}

/// Every page of a corpus laid out like shared/corpus/zyte-dev (`truth/<id>.txt` and
/// `<form>/<id>.txt|.html`) read with the bundled rules and scored; pages folio could not read
/// score as empty and are listed in `failures`.
pub fn score_corpus(corpus: &std::path::Path, form: &str) -> std::io::Result<(Vec<DocScore>, Vec<String>)> {
    let mut names: Vec<String> = std::fs::read_dir(corpus.join("truth"))?
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .filter(|n| n.ends_with(".txt"))
        .collect();
    names.sort();
    let (mut scores, mut failures) = (Vec::new(), Vec::new());
    let pipeline = folio::Pipeline::bundled();
    for name in &names {
        let id = name.trim_end_matches(".txt");
        let truth = std::fs::read_to_string(corpus.join("truth").join(name))?;
        let extension = if form == "html" { "html" } else { "txt" };
        let input = folio::source::Input::Path(corpus.join(form).join(format!("{id}.{extension}")));
        let kept = match pipeline.read(&input) {
            Ok(reading) => kept_text(&reading.article),
            Err(e) => {
                failures.push(format!("{id}: {e}"));
                String::new()
            }
        };
        scores.push(score_document(id, &truth, &kept));
    }
    Ok((scores, failures))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identical_texts_score_one_and_disjoint_zero() {
        let same = score_document("a", "one two three four five", "One two three four five.");
        assert_eq!((same.precision, same.recall), (Some(1.0), Some(1.0)));
        let none = score_document("b", "one two three four five", "six seven eight nine ten");
        assert_eq!(none.f1(), 0.0);
    }

    #[test]
    fn means_are_over_documents() {
        let docs = [
            DocScore { name: "a".into(), precision: Some(1.0), recall: Some(0.5) },
            DocScore { name: "b".into(), precision: None, recall: Some(0.5) },
        ];
        let (p, r, _) = summary(&docs);
        assert_eq!((p, r), (1.0, 0.5));
    }
}
