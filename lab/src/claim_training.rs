//! Training the claim model from labelled sentences, and measuring it honestly: k-fold
//! cross-validation in which each held-out fold is scored by a model, and at a threshold,
//! that never saw it. Everything here is deterministic (fixed folds, full-batch L-BFGS in a
//! fixed order), so `lab/examples/train_claims.rs` rebuilds the shipped weights bit for bit.

use folio::claims::Cues;
use folio::claims::features::{Features, dimension};
use folio::claims::model::Model;

/// The inverse regularisation strength (as in scikit-learn's `C`).
pub const C: f64 = 8.0;
/// Folds of the cross-validation.
pub const FOLDS: usize = 5;
/// L-BFGS stops when an iteration lowers the objective by less than this fraction.
const TOLERANCE: f64 = 1e-7;

/// Labelled sentences from a `id<TAB>label<TAB>sentence` file with a header line (ClaimBuster's layout).
pub fn read_tsv(text: &str) -> Result<Vec<(String, bool)>, String> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate().skip(1).filter(|(_, l)| !l.trim().is_empty()) {
        let mut fields = line.splitn(3, '\t');
        let (_, label, sentence) = (fields.next(), fields.next(), fields.next());
        let label = match label.map(str::trim) {
            Some("1") => true,
            Some("0") => false,
            _ => return Err(format!("line {}: the label is not 0 or 1", n + 1)),
        };
        let sentence = sentence.ok_or_else(|| format!("line {}: no sentence", n + 1))?;
        out.push((sentence.to_string(), label));
    }
    Ok(out)
}

/// Precision, recall and F1 of the flags, and average precision of the scores.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Figures {
    /// Sentences flagged.
    pub flagged: usize,
    /// Share of the flagged sentences that are labelled check-worthy.
    pub precision: f64,
    /// Share of the check-worthy sentences that are flagged.
    pub recall: f64,
    /// Harmonic mean of precision and recall.
    pub f1: f64,
    /// Average precision of the ranking by score (threshold-free).
    pub average_precision: f64,
}

impl Figures {
    /// The figures of `flags` (and the ranking by `scores`) against `labels`.
    pub fn of(scores: &[f32], flags: &[bool], labels: &[bool]) -> Figures {
        let count =
            |flag: bool, label: bool| flags.iter().zip(labels).filter(|&(&f, &l)| f == flag && l == label).count();
        let (tp, fp, fneg) = (count(true, true), count(true, false), count(false, true));
        let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        let (precision, recall) = (ratio(tp, tp + fp), ratio(tp, tp + fneg));
        let f1 = if precision + recall > 0.0 { 2.0 * precision * recall / (precision + recall) } else { 0.0 };
        Figures { flagged: tp + fp, precision, recall, f1, average_precision: average_precision(scores, labels) }
    }
}

/// Average precision as scikit-learn computes it: one step per distinct score, ties together.
pub fn average_precision(scores: &[f32], labels: &[bool]) -> f64 {
    let positives = labels.iter().filter(|&&l| l).count();
    if positives == 0 {
        return 0.0;
    }
    let mut order: Vec<usize> = (0..scores.len()).collect();
    order.sort_by(|&a, &b| scores[b].total_cmp(&scores[a]));
    let (mut ap, mut hits, mut seen, mut last_recall) = (0.0, 0usize, 0usize, 0.0);
    let mut k = 0;
    while k < order.len() {
        let tied = scores[order[k]];
        while k < order.len() && scores[order[k]] == tied {
            hits += usize::from(labels[order[k]]);
            seen += 1;
            k += 1;
        }
        let recall = hits as f64 / positives as f64;
        ap += (recall - last_recall) * hits as f64 / seen as f64;
        last_recall = recall;
    }
    ap
}

/// The threshold (in steps of 0.01) with the best F1 on these scores.
pub fn best_threshold(scores: &[f32], labels: &[bool]) -> f32 {
    let mut best = (f64::MIN, 0.5);
    for step in 10..=90 {
        let threshold = step as f32 / 100.0;
        let flags: Vec<bool> = scores.iter().map(|&s| s >= threshold).collect();
        let f1 = Figures::of(scores, &flags, labels).f1;
        if f1 > best.0 {
            best = (f1, threshold);
        }
    }
    best.1
}

/// The fold of each example: stratified, in file order (the i-th example of a class goes to fold i mod k).
pub fn folds(labels: &[bool], k: usize) -> Vec<usize> {
    let mut seen = [0usize; 2];
    labels
        .iter()
        .map(|&l| {
            let n = &mut seen[usize::from(l)];
            *n += 1;
            (*n - 1) % k
        })
        .collect()
}

/// A cross-validated measurement: the held-out scores and flags of every example.
#[derive(Debug, Clone)]
pub struct CrossValidation {
    /// Each example's score from the model that did not see it.
    pub scores: Vec<f32>,
    /// Whether that score reached its fold's threshold.
    pub flags: Vec<bool>,
    /// The threshold each fold was flagged at, chosen by an inner cross-validation of its training part.
    pub thresholds: Vec<f32>,
    /// The figures over all held-out examples.
    pub figures: Figures,
}

/// The corpus turned into features once.
pub struct Corpus<'a> {
    cues: &'a Cues,
    features: Vec<Features>,
    labels: Vec<bool>,
}

impl<'a> Corpus<'a> {
    /// Features of every labelled sentence, with `cues` as the cue features.
    pub fn new(cues: &'a Cues, examples: &[(String, bool)]) -> Corpus<'a> {
        let features = examples.iter().map(|(s, _)| cues.features(s)).collect();
        Corpus { cues, features, labels: examples.iter().map(|(_, l)| *l).collect() }
    }

    /// The labels, in the examples' order.
    pub fn labels(&self) -> &[bool] {
        &self.labels
    }

    /// The model trained on the examples `chosen`, flagging from `threshold`.
    pub fn train(&self, chosen: &[usize], threshold: f32) -> Model {
        let xs: Vec<&Features> = chosen.iter().map(|&i| &self.features[i]).collect();
        let ys: Vec<bool> = chosen.iter().map(|&i| self.labels[i]).collect();
        let dim = dimension(self.cues.len());
        let weights = fit(&xs, &ys, dim, &self.cues.fixed_weights(), C);
        Model::from_weights(&weights, self.cues.len(), self.cues.fingerprint(), threshold)
    }

    /// Scores of the examples `chosen` by a model trained on the others (k folds among `chosen`).
    fn held_out_scores(&self, chosen: &[usize], k: usize) -> Vec<f32> {
        let labels: Vec<bool> = chosen.iter().map(|&i| self.labels[i]).collect();
        let fold = folds(&labels, k);
        let mut scores = vec![0.0; chosen.len()];
        for f in 0..k {
            let train: Vec<usize> = chosen.iter().zip(&fold).filter(|&(_, &g)| g != f).map(|(&i, _)| i).collect();
            let model = self.train(&train, 0.5);
            for (j, _) in fold.iter().enumerate().filter(|&(_, &g)| g == f) {
                scores[j] = model.probability(&self.features[chosen[j]]);
            }
        }
        scores
    }

    /// K-fold cross-validation; each fold's threshold comes from a (k-1)-fold cross-validation
    /// of its own training part, so no held-out label touches the model or the threshold.
    pub fn cross_validate(&self, k: usize) -> CrossValidation {
        let fold = folds(&self.labels, k);
        let n = self.labels.len();
        let (mut scores, mut flags, mut thresholds) = (vec![0.0; n], vec![false; n], Vec::new());
        for f in 0..k {
            let train: Vec<usize> = (0..n).filter(|&i| fold[i] != f).collect();
            let inner = self.held_out_scores(&train, k - 1);
            let train_labels: Vec<bool> = train.iter().map(|&i| self.labels[i]).collect();
            let threshold = best_threshold(&inner, &train_labels);
            let model = self.train(&train, threshold);
            for i in (0..n).filter(|&i| fold[i] == f) {
                scores[i] = model.probability(&self.features[i]);
                flags[i] = scores[i] >= threshold;
            }
            thresholds.push(threshold);
        }
        let figures = Figures::of(&scores, &flags, &self.labels);
        CrossValidation { scores, flags, thresholds, figures }
    }

    /// The model to ship: trained on everything, flagging from the threshold with the best
    /// F1 on k-fold held-out scores.
    pub fn final_model(&self, k: usize) -> Model {
        let all: Vec<usize> = (0..self.labels.len()).collect();
        let threshold = best_threshold(&self.held_out_scores(&all, k), &self.labels);
        self.train(&all, threshold)
    }
}

/// L2-regularised logistic regression, `min Σ log(1 + e^(−y·z)) + |w|² / 2C` with an
/// unregularised bias, by full-batch L-BFGS; the `fixed` (index, weight) pairs are held as
/// they are. Returns the weights with the bias last.
///
/// A weight whose feature never occurs stays at zero, so the optimisation runs over the
/// features that occur only (in ascending index order), which makes it several times faster.
pub fn fit(xs: &[&Features], ys: &[bool], dim: usize, fixed: &[(u32, f64)], c: f64) -> Vec<f64> {
    let held = |i: u32| fixed.iter().find(|(j, _)| *j == i).map(|(_, w)| *w);
    let mut used: Vec<u32> =
        xs.iter().flat_map(|x| x.entries.iter().map(|&(i, _)| i)).filter(|&i| held(i).is_none()).collect();
    used.sort_unstable();
    used.dedup();
    // Each example's learned features, and the log-odds its held features add.
    let compact: Vec<(Vec<(usize, f64)>, f64)> = xs
        .iter()
        .map(|x| {
            let (mut learned, mut offset) = (Vec::with_capacity(x.entries.len()), 0.0);
            for &(i, v) in &x.entries {
                match held(i) {
                    Some(w) => offset += w * f64::from(v),
                    None => learned.push((used.binary_search(&i).unwrap(), f64::from(v))),
                }
            }
            (learned, offset)
        })
        .collect();
    let n = used.len();
    let objective = |theta: &[f64], grad: &mut [f64]| -> f64 {
        let (w, b) = theta.split_at(n);
        grad.iter_mut().zip(w).for_each(|(g, w)| *g = w / c);
        grad[n] = 0.0;
        let mut loss = w.iter().map(|w| w * w).sum::<f64>() / (2.0 * c);
        for ((x, offset), &y) in compact.iter().zip(ys) {
            let z = b[0] + offset + x.iter().map(|&(i, v)| w[i] * v).sum::<f64>();
            let y = if y { 1.0 } else { -1.0 };
            let m = y * z;
            loss += if m > 0.0 { (-m).exp().ln_1p() } else { -m + m.exp().ln_1p() };
            let slope = -y / (1.0 + m.exp());
            for &(i, v) in x {
                grad[i] += slope * v;
            }
            grad[n] += slope;
        }
        loss
    };
    let theta = lbfgs(vec![0.0; n + 1], objective, 300);
    let mut weights = vec![0.0; dim + 1];
    for &(i, w) in fixed {
        weights[i as usize] = w;
    }
    for (&i, &w) in used.iter().zip(&theta) {
        weights[i as usize] = w;
    }
    weights[dim] = theta[n];
    weights
}

/// Limited-memory BFGS (10 pairs) with a backtracking Armijo line search.
pub fn lbfgs(mut x: Vec<f64>, mut f: impl FnMut(&[f64], &mut [f64]) -> f64, iterations: usize) -> Vec<f64> {
    const MEMORY: usize = 10;
    let n = x.len();
    let dot = |a: &[f64], b: &[f64]| a.iter().zip(b).map(|(a, b)| a * b).sum::<f64>();
    let mut g = vec![0.0; n];
    let mut fx = f(&x, &mut g);
    let mut pairs: Vec<(Vec<f64>, Vec<f64>, f64)> = Vec::new();
    let (mut x_new, mut g_new) = (vec![0.0; n], vec![0.0; n]);
    for iteration in 0..iterations {
        let g_norm = dot(&g, &g).sqrt();
        if g_norm < 1e-5 {
            break;
        }
        // Two-loop recursion: d = −H·g.
        let mut d: Vec<f64> = g.iter().map(|v| -v).collect();
        let mut alphas = Vec::with_capacity(pairs.len());
        for (s, y, rho) in pairs.iter().rev() {
            let a = rho * dot(s, &d);
            d.iter_mut().zip(y).for_each(|(d, y)| *d -= a * y);
            alphas.push(a);
        }
        if let Some((s, y, _)) = pairs.last() {
            let gamma = dot(s, y) / dot(y, y);
            d.iter_mut().for_each(|d| *d *= gamma);
        }
        for ((s, y, rho), a) in pairs.iter().zip(alphas.iter().rev()) {
            let b = rho * dot(y, &d);
            d.iter_mut().zip(s).for_each(|(d, s)| *d += (a - b) * s);
        }
        let mut slope = dot(&g, &d);
        if slope >= 0.0 {
            d = g.iter().map(|v| -v).collect();
            slope = -g_norm * g_norm;
            pairs.clear();
        }
        let mut step = if iteration == 0 { 1.0 / g_norm } else { 1.0 };
        let mut f_new;
        loop {
            x_new.iter_mut().zip(&x).zip(&d).for_each(|((xn, x), d)| *xn = x + step * d);
            f_new = f(&x_new, &mut g_new);
            if f_new <= fx + 1e-4 * step * slope || step < 1e-12 {
                break;
            }
            step *= 0.5;
        }
        let s: Vec<f64> = x_new.iter().zip(&x).map(|(a, b)| a - b).collect();
        let y: Vec<f64> = g_new.iter().zip(&g).map(|(a, b)| a - b).collect();
        let sy = dot(&s, &y);
        let converged = (fx - f_new).abs() <= TOLERANCE * fx.abs().max(1.0);
        std::mem::swap(&mut x, &mut x_new);
        std::mem::swap(&mut g, &mut g_new);
        fx = f_new;
        if sy > 1e-12 {
            if pairs.len() == MEMORY {
                pairs.remove(0);
            }
            pairs.push((s, y, 1.0 / sy));
        }
        if converged {
            break;
        }
    }
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn average_precision_takes_ties_together() {
        assert!((average_precision(&[0.9, 0.8, 0.7], &[true, false, true]) - (1.0 + 2.0 / 3.0) / 2.0).abs() < 1e-9);
        assert!((average_precision(&[0.5, 0.5], &[true, false]) - 0.5).abs() < 1e-9);
    }

    #[test]
    fn folds_are_stratified() {
        assert_eq!(folds(&[true, false, true, false, true], 2), [0, 0, 1, 1, 0]);
    }

    #[test]
    fn lbfgs_finds_a_quadratic_minimum() {
        let x = lbfgs(
            vec![0.0, 0.0],
            |x, g| {
                g[0] = 2.0 * (x[0] - 3.0);
                g[1] = 20.0 * (x[1] + 1.0);
                (x[0] - 3.0).powi(2) + 10.0 * (x[1] + 1.0).powi(2)
            },
            100,
        );
        assert!((x[0] - 3.0).abs() < 1e-4 && (x[1] + 1.0).abs() < 1e-4, "{x:?}");
    }

    #[test]
    fn a_separable_toy_set_is_learned() {
        let cues = Cues::bundled();
        let data: Vec<(String, bool)> = [
            ("Unemployment fell to 4% in 2019.", true),
            ("We spent $3 billion on roads last year.", true),
            ("The deficit doubled since 2001.", true),
            ("I think we can do better.", false),
            ("Thank you very much.", false),
            ("Let me say this to you.", false),
        ]
        .iter()
        .map(|(s, l)| (s.to_string(), *l))
        .collect();
        let corpus = Corpus::new(cues, &data);
        let model = corpus.train(&[0, 1, 2, 3, 4, 5], 0.5);
        for (s, l) in &data {
            assert_eq!(model.probability(&cues.features(s)) >= 0.5, *l, "{s}");
        }
    }
}
