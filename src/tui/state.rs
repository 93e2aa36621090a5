//! Where the reader left each article: a small JSON file under the platform's state (or
//! data) folder, keyed by a hash of the article's text. A broken file is reported once and
//! set aside; it never stops the reader.

use crate::save::store::{Store, StoreError};
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

/// The places file, where the platform (or `FOLIO_STATE_DIR`) gives a state folder.
fn store() -> Option<Store> {
    crate::paths::places_file().map(Store::at)
}

/// Reads the places file; a missing file is empty, a broken one gives a warning.
pub fn load() -> (BTreeMap<String, Place>, Option<String>) {
    let Some(store) = store() else { return (BTreeMap::new(), None) };
    read(&store)
}

/// The places in `store`; a file that cannot be read is empty, a broken one gives a warning
/// naming it (the file is set aside only when the places are next written).
fn read(store: &Store) -> (BTreeMap<String, Place>, Option<String>) {
    let text = match store.read() {
        Ok(Some(bytes)) => String::from_utf8(bytes).ok(),
        Ok(None) | Err(_) => None,
    };
    match text.map(|text| serde_json::from_str(&text)) {
        Some(Ok(places)) => (places, None),
        Some(Err(e)) => {
            (BTreeMap::new(), Some(format!("{}: {e}; reading positions start afresh", store.path().display())))
        }
        None => (BTreeMap::new(), None),
    }
}

/// Records `place` for `key` (or, for none, forgets the key: an article left at its start has
/// no place to resume), keeping the newest places only. Errors are returned, not fatal.
pub fn remember(key: &str, place: Option<Place>) -> Result<(), StoreError> {
    let Some(store) = store() else { return Ok(()) };
    let (mut places, warning) = read(&store);
    if warning.is_some() && store.exists() {
        // Keep the user's broken file aside rather than overwrite it silently.
        store.set_aside()?;
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
    store.write(&serde_json::to_string(&places)?)
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
