//! Logistic models, the one kind of learned model folio ships: features declared once by name
//! (an enum made by [`features!`]), a vector indexed by those names, named weights resolved to a
//! dense vector when a model is loaded, the one [`sigmoid`], and what makes a binary weights file
//! refuse what it does not match (magic, version, a fingerprint of the feature names).
//! Knows nothing of blocks, candidates or sentences: the stages that measure them declare their features.

use super::fnv;
use std::collections::BTreeMap;
use std::marker::PhantomData;
use std::ops::{Index, IndexMut};

/// The logistic function: a model's log-odds as a probability from 0 to 1.
pub fn sigmoid(logit: f32) -> f32 {
    1.0 / (1.0 + (-logit).exp())
}

/// The features of one model: an enum whose every variant is one feature, declared with
/// [`features!`] so that its name, its doc and its place in a vector are written once.
pub trait Feature: Copy + std::fmt::Debug + PartialEq + 'static {
    /// Every feature's name, in the order of a vector (and of a weights file).
    const NAMES: &'static [&'static str];

    /// The feature's place in a vector.
    fn index(self) -> usize;

    /// The feature's name, as weights files spell it.
    fn name(self) -> &'static str {
        Self::NAMES[self.index()]
    }
}

/// Declares a model's features: one line each, its doc above it and its name in weights files
/// after it (`/// Words, log-scaled.` / `LogWords = "log_words",`). Makes the enum, its
/// [`Feature`] implementation.
macro_rules! features {
    ($(#[$attr:meta])* $vis:vis enum $name:ident { $($(#[$doc:meta])* $variant:ident = $key:literal,)+ }) => {
        $(#[$attr])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        $vis enum $name {
            $($(#[$doc])* $variant,)+
        }

        impl $crate::text::logistic::Feature for $name {
            const NAMES: &'static [&'static str] = &[$($key,)+];

            fn index(self) -> usize {
                self as usize
            }
        }
    };
}
pub(crate) use features;

/// What was measured of one thing a model scores, one value per feature of `F`, read and
/// written by the feature's name (`v[Title::KindHeading] = 1.0`).
#[derive(Debug, Clone, PartialEq)]
pub struct Vector<F> {
    values: Vec<f32>,
    features: PhantomData<fn() -> F>,
}

impl<F: Feature> Vector<F> {
    /// Every value zero.
    pub fn zeros() -> Vector<F> {
        Vector { values: vec![0.0; F::NAMES.len()], features: PhantomData }
    }

    /// Sets a yes-or-no feature: 1 for yes, 0 for no.
    pub fn set(&mut self, feature: F, yes: bool) {
        self[feature] = if yes { 1.0 } else { 0.0 };
    }

    /// The values, in the order of `F::NAMES`.
    pub fn as_slice(&self) -> &[f32] {
        &self.values
    }

    /// The values, in the order of `F::NAMES`.
    pub fn into_vec(self) -> Vec<f32> {
        self.values
    }
}

impl<F: Feature> Default for Vector<F> {
    fn default() -> Vector<F> {
        Vector::zeros()
    }
}

impl<F: Feature> Index<F> for Vector<F> {
    type Output = f32;

    fn index(&self, feature: F) -> &f32 {
        &self.values[feature.index()]
    }
}

impl<F: Feature> IndexMut<F> for Vector<F> {
    fn index_mut(&mut self, feature: F) -> &mut f32 {
        &mut self.values[feature.index()]
    }
}

/// A logistic regression: a bias and one weight per named feature, held as a dense vector in
/// the order of the names.
#[derive(Debug, Clone, PartialEq)]
pub struct Logistic {
    names: &'static [&'static str],
    bias: f32,
    weights: Vec<f32>,
}

impl Logistic {
    /// A model over the features `names` (one weight each, in their order).
    pub fn new(names: &'static [&'static str], bias: f32, weights: Vec<f32>) -> Logistic {
        assert_eq!(weights.len(), names.len(), "one weight per feature");
        Logistic { names, bias, weights }
    }

    /// A model over the features of `F`.
    pub fn of<F: Feature>(bias: f32, weights: Vec<f32>) -> Logistic {
        Logistic::new(F::NAMES, bias, weights)
    }

    /// A model from weights by name, as a weights file gives them: every feature of `names`
    /// must have one, and no other name may (a file for other features is refused).
    pub fn from_named(
        names: &'static [&'static str],
        bias: f32,
        weights: &BTreeMap<String, f32>,
    ) -> Result<Logistic, String> {
        let dense = names
            .iter()
            .map(|name| weights.get(*name).copied().ok_or_else(|| format!("no weight for {name}")))
            .collect::<Result<Vec<f32>, String>>()?;
        if let Some(unknown) = weights.keys().find(|k| !names.contains(&k.as_str())) {
            return Err(format!("a weight for an unknown feature: {unknown}"));
        }
        Ok(Logistic { names, bias, weights: dense })
    }

    /// The log-odds of a thing whose features are all zero.
    pub fn bias(&self) -> f32 {
        self.bias
    }

    /// The weights, in the order of [`Logistic::names`].
    pub fn weights(&self) -> &[f32] {
        &self.weights
    }

    /// The names of the features, in the order of a vector.
    pub fn names(&self) -> &'static [&'static str] {
        self.names
    }

    /// Each feature's name with its weight, in the order of a vector.
    pub fn named(&self) -> impl Iterator<Item = (&'static str, f32)> + '_ {
        self.names.iter().copied().zip(self.weights.iter().copied())
    }

    /// The log-odds of a thing with these values (in the order of the names).
    pub fn logit(&self, values: &[f32]) -> f32 {
        debug_assert_eq!(values.len(), self.weights.len(), "a vector of this model's features");
        self.bias + self.weights.iter().zip(values).map(|(w, x)| w * x).sum::<f32>()
    }

    /// The probability (0–1) of a thing with these values.
    pub fn probability(&self, values: &[f32]) -> f32 {
        sigmoid(self.logit(values))
    }

    /// The fingerprint of the model's feature names.
    pub fn fingerprint(&self) -> u64 {
        fingerprint(self.names.iter())
    }
}

/// A fingerprint of a list of feature names, in order: a weights file stores it, and a file
/// whose fingerprint differs was trained on other features.
pub fn fingerprint<S: AsRef<[u8]>>(names: impl IntoIterator<Item = S>) -> u64 {
    names.into_iter().fold(fnv::OFFSET, |hash, name| fnv::fnv1a(hash, name.as_ref().iter().copied().chain([0])))
}

/// Refuses a weights file trained on other features than the ones it is loaded for.
pub fn check_fingerprint(stored: u64, expected: u64, what: &str) -> Result<(), String> {
    if stored == expected {
        Ok(())
    } else {
        Err(format!("{what} was trained on other features (fingerprint {stored:016x}, expected {expected:016x})"))
    }
}

/// Bytes of the head every binary weights file starts with: 8 bytes of magic, a u32 version.
pub const HEAD: usize = 8 + 4;

/// Writes the head of a binary weights file: its magic and its layout's version (little-endian).
pub fn write_head(out: &mut Vec<u8>, magic: &[u8; 8], version: u32) {
    out.extend_from_slice(magic);
    out.extend_from_slice(&version.to_le_bytes());
}

/// Reads the head of a binary weights file: the rest of the bytes when the magic is `magic` and
/// the version `version`; the error names `what` the bytes are not.
pub fn read_head<'b>(bytes: &'b [u8], magic: &[u8; 8], version: u32, what: &str) -> Result<&'b [u8], String> {
    if bytes.len() < HEAD || &bytes[..8] != magic {
        return Err(format!("not {what}"));
    }
    let stored = u32::from_le_bytes([bytes[8], bytes[9], bytes[10], bytes[11]]);
    if stored != version {
        return Err(format!("{what} of version {stored}, not this folio's ({version})"));
    }
    Ok(&bytes[HEAD..])
}

#[cfg(test)]
mod tests {
    use super::*;

    features! {
        /// Two features to test with.
        enum Test {
            /// The first.
            One = "one",
            /// The second.
            Two = "two",
        }
    }

    #[test]
    fn features_are_read_and_written_by_name() {
        assert_eq!(Test::NAMES, ["one", "two"]);
        assert_eq!(Test::Two.name(), "two");
        let mut v = Vector::<Test>::zeros();
        v[Test::Two] = 0.5;
        v.set(Test::One, true);
        assert_eq!(v.as_slice(), [1.0, 0.5]);
    }

    #[test]
    fn named_weights_resolve_to_a_dense_vector_and_refuse_a_mismatch() {
        let named: BTreeMap<String, f32> = [("two".to_string(), 2.0), ("one".to_string(), -1.0)].into();
        let model = Logistic::from_named(Test::NAMES, 0.5, &named).unwrap();
        assert_eq!(model.weights(), [-1.0, 2.0]);
        assert_eq!(model.logit(&[1.0, 1.0]), 1.5);
        assert_eq!(model, Logistic::of::<Test>(0.5, vec![-1.0, 2.0]));
        let missing: BTreeMap<String, f32> = [("one".to_string(), 1.0)].into();
        assert!(Logistic::from_named(Test::NAMES, 0.0, &missing).is_err());
        let unknown: BTreeMap<String, f32> =
            [("one", 1.0), ("two", 1.0), ("three", 1.0)].into_iter().map(|(k, v)| (k.to_string(), v)).collect();
        assert!(Logistic::from_named(Test::NAMES, 0.0, &unknown).is_err());
    }

    #[test]
    fn sigmoid_is_even_at_zero_and_bounded() {
        assert_eq!(sigmoid(0.0), 0.5);
        assert!(sigmoid(40.0) <= 1.0 && sigmoid(-40.0) >= 0.0);
    }

    #[test]
    fn a_file_head_refuses_other_magic_and_versions() {
        let mut bytes = Vec::new();
        write_head(&mut bytes, b"FOLIOTST", 3);
        bytes.push(7);
        assert_eq!(read_head(&bytes, b"FOLIOTST", 3, "a test file").unwrap(), [7]);
        assert!(read_head(&bytes, b"FOLIOTST", 4, "a test file").is_err());
        assert!(read_head(&bytes, b"FOLIOXXX", 3, "a test file").is_err());
        assert!(read_head(b"FOLIO", b"FOLIOTST", 3, "a test file").is_err());
    }

    #[test]
    fn fingerprints_tell_lists_of_names_apart() {
        assert_eq!(fingerprint(["a", "b"]), fingerprint(["a", "b"]));
        assert_ne!(fingerprint(["a", "b"]), fingerprint(["b", "a"]));
        assert_ne!(fingerprint(["ab"]), fingerprint(["a", "b"]));
        assert!(check_fingerprint(1, 2, "a model").is_err());
    }
}
