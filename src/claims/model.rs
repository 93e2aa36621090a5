//! The claim model: a logistic regression over [`features`](super::features), its weights
//! stored in `assets/claim_model.bin` as 16-bit integers with one scale.
//!
//! File layout (little-endian): `FOLIOCLM`, version u32 (the head every weights file has, see
//! [`logistic`]), buckets u32, cues u32, cue fingerprint u64, threshold f32, bias f32, scale f32,
//! then one i16 per weight. The hashed buckets stay one dense block, read by index.

use super::features::{self, BUCKETS, Features};
use crate::text::logistic;

const MAGIC: &[u8; 8] = b"FOLIOCLM";
const VERSION: u32 = 1;
const HEADER: usize = logistic::HEAD + 4 + 4 + 8 + 4 + 4 + 4;

/// The trained claim model: a weight per feature and a bias, the threshold chosen in
/// training, and which cue list it knows.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    /// The score from which a sentence is flagged (0–1).
    pub threshold: f32,
    /// Fingerprint of the cue list the model was trained with (see [`super::Cues::fingerprint`]).
    pub cue_fingerprint: u64,
    /// How many cue features it has: the length of the cue list it was trained with.
    pub cues: usize,
    bias: f32,
    scale: f32,
    weights: Vec<i16>,
}

impl Model {
    /// A model from trained weights (the last one is the bias), quantised to 16 bits.
    pub fn from_weights(weights: &[f64], cues: usize, cue_fingerprint: u64, threshold: f32) -> Model {
        let (bias, weights) = weights.split_last().expect("weights and a bias");
        assert_eq!(weights.len(), features::dimension(cues), "weights for {cues} cues");
        let largest = weights.iter().fold(0.0f64, |m, w| m.max(w.abs()));
        let scale = if largest > 0.0 { (largest / f64::from(i16::MAX)) as f32 } else { 1.0 };
        let weights = weights.iter().map(|w| (w / f64::from(scale)).round() as i16).collect();
        Model { threshold, cue_fingerprint, cues, bias: *bias as f32, scale, weights }
    }

    /// Refuses a model trained on other cues than those of `fingerprint` (see [`super::Cues::fingerprint`]).
    pub fn check_cues(&self, fingerprint: u64) -> Result<(), String> {
        logistic::check_fingerprint(self.cue_fingerprint, fingerprint, "the claim model")
    }

    /// The probability that a sentence with these features is a check-worthy claim.
    pub fn probability(&self, features: &Features) -> f32 {
        logistic::sigmoid(self.logit(features))
    }

    /// The log-odds that a sentence with these features is a check-worthy claim.
    pub fn logit(&self, features: &Features) -> f32 {
        self.bias + features.entries.iter().map(|&(i, v)| self.weight(i) * v).sum::<f32>()
    }

    /// The weight of feature `index`, back from 16 bits.
    pub fn weight(&self, index: u32) -> f32 {
        f32::from(self.weights[index as usize]) * self.scale
    }

    /// The model in its file format (see the module docs), as `assets/claim_model.bin` holds it.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(HEADER + 2 * self.weights.len());
        logistic::write_head(&mut out, MAGIC, VERSION);
        out.extend_from_slice(&(BUCKETS as u32).to_le_bytes());
        out.extend_from_slice(&(self.cues as u32).to_le_bytes());
        out.extend_from_slice(&self.cue_fingerprint.to_le_bytes());
        for value in [self.threshold, self.bias, self.scale] {
            out.extend_from_slice(&value.to_le_bytes());
        }
        for w in &self.weights {
            out.extend_from_slice(&w.to_le_bytes());
        }
        out
    }

    /// Reads a model in its file format; the error says why the bytes are not one this folio can use.
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, String> {
        logistic::read_head(bytes, MAGIC, VERSION, "a folio claim model")?;
        if bytes.len() < HEADER {
            return Err("not a folio claim model".to_string());
        }
        let u32_at = |at: usize| u32::from_le_bytes(bytes[at..at + 4].try_into().unwrap());
        let f32_at = |at: usize| f32::from_le_bytes(bytes[at..at + 4].try_into().unwrap());
        if u32_at(12) as usize != BUCKETS {
            return Err(format!("a claim model with {} buckets is not this folio's", u32_at(12)));
        }
        let cues = u32_at(16) as usize;
        let cue_fingerprint = u64::from_le_bytes(bytes[20..28].try_into().unwrap());
        let (threshold, bias, scale) = (f32_at(28), f32_at(32), f32_at(36));
        let body = &bytes[HEADER..];
        if body.len() != 2 * features::dimension(cues) {
            return Err(format!("{} bytes of weights, expected {}", body.len(), 2 * features::dimension(cues)));
        }
        let weights = body.chunks_exact(2).map(|c| i16::from_le_bytes([c[0], c[1]])).collect();
        Ok(Model { threshold, cue_fingerprint, cues, bias, scale, weights })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_model_survives_its_file_format() {
        let mut weights = vec![0.0; features::dimension(2) + 1];
        weights[7] = 1.5;
        weights[features::dimension(2) - 1] = -0.25;
        *weights.last_mut().unwrap() = -1.0;
        let model = Model::from_weights(&weights, 2, 42, 0.4);
        let back = Model::from_bytes(&model.to_bytes()).unwrap();
        assert_eq!(back, model);
        assert!((back.weight(7) - 1.5).abs() < 1e-4);
        assert!(Model::from_bytes(b"FOLIOCLM").is_err());
        assert!(Model::from_bytes(&model.to_bytes()[..100]).is_err());
    }
}
