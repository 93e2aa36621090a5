//! Where the reader left each article: a small JSON file under the platform's state (or
//! data) folder, keyed by a hash of the article's text. A broken file is reported once and
//! set aside; it never stops the reader.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

const KEEP: usize = 500;

/// Where an article was left: the block and byte offset on the top line, and when.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
pub struct Place {
    /// The block on the top line.
    pub block: usize,
    /// The byte of that block's text on the top line.
    pub offset: usize,
    /// Seconds since the epoch; the oldest places are forgotten first.
    pub seen: u64,
}

/// FNV-1a of the article's text: stable across runs and Rust versions.
pub fn content_key(text: &str) -> String {
    crate::text::fnv::text_key(text)
}

/// Reads the places file; a missing file is empty, a broken one gives a warning.
pub fn load() -> (BTreeMap<String, Place>, Option<String>) {
    let Some(path) = crate::paths::places_file() else { return (BTreeMap::new(), None) };
    match std::fs::read_to_string(&path) {
        Ok(text) => match serde_json::from_str(&text) {
            Ok(places) => (places, None),
            Err(e) => (BTreeMap::new(), Some(format!("{}: {e}; reading positions start afresh", path.display()))),
        },
        Err(_) => (BTreeMap::new(), None),
    }
}

/// Records `place` for `key` (or, for none, forgets the key: an article left at its start has
/// no place to resume), keeping the newest places only. Errors are returned, not fatal.
pub fn remember(key: &str, place: Option<Place>) -> Result<(), String> {
    let Some(path) = crate::paths::places_file() else { return Ok(()) };
    let (mut places, warning) = load();
    if warning.is_some() && path.exists() {
        // Keep the user's broken file aside rather than overwrite it silently.
        let aside = path.with_extension("json.broken");
        std::fs::rename(&path, &aside).map_err(|e| e.to_string())?;
    }
    match place {
        Some(place) => {
            places.insert(key.to_string(), place);
        }
        // Nothing to forget and nothing set aside: the file stays as it is.
        None if places.remove(key).is_none() && warning.is_none() => return Ok(()),
        None => {}
    }
    if places.len() > KEEP {
        let mut by_age: Vec<(String, u64)> = places.iter().map(|(k, p)| (k.clone(), p.seen)).collect();
        by_age.sort_by_key(|(_, seen)| *seen);
        for (k, _) in by_age.into_iter().take(places.len() - KEEP) {
            places.remove(&k);
        }
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    let text = serde_json::to_string(&places).map_err(|e| e.to_string())?;
    crate::save::write_atomically(&path, &text, true).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_keys_are_stable() {
        assert_eq!(content_key(""), "cbf29ce484222325");
        assert_ne!(content_key("a"), content_key("b"));
    }
}
