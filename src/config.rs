//! The user's files: `config.toml` (the reader's settings) and `rules.toml` (read on top of
//! the bundled rules); where they live is `paths`' business. A broken file never stops
//! folio: it is reported with its path, and the defaults or the bundled rules are used.

use crate::classify::Rules;
use std::path::{Path, PathBuf};

/// The bundled rules, with the user's in front where `path` exists and parses. A problem
/// with the user's file comes back as a warning line, and the bundled rules alone are used.
pub fn load_rules(path: Option<&Path>) -> (Rules, Option<String>) {
    let bundled = || Rules::bundled().clone();
    let Some(path) = path.filter(|p| p.exists()) else { return (bundled(), None) };
    let shown = path.display().to_string();
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) => return (bundled(), Some(format!("{shown}: {e}; using the bundled rules"))),
    };
    match Rules::from_toml(&text, &shown) {
        Ok(user) => (bundled().extended_by(user), None),
        Err(e) => (bundled(), Some(format!("{e}; using the bundled rules"))),
    }
}

/// The reader's settings from `config.toml` in the config folder; flags override them.
#[derive(Debug, Clone, Default, serde::Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Width of the reading column in cells (default 80).
    pub width: Option<u16>,
    /// Capture the mouse for wheel scrolling (default true; false keeps the terminal's own selection).
    pub mouse: Option<bool>,
    /// Folder for saved copies (default: `saved` in the platform data folder).
    pub save_dir: Option<PathBuf>,
    /// Claim score (0–1) from which a sentence is flagged (default: the one the model was trained with).
    pub claim_threshold: Option<f32>,
}

/// Reads `config.toml`; a missing file gives the defaults, a broken one the defaults and a
/// warning naming the file and the problem (the file is left as it is).
pub fn load_config() -> (Config, Option<String>) {
    let Some(path) = crate::paths::config_file().filter(|p| p.exists()) else { return (Config::default(), None) };
    let shown = path.display();
    match std::fs::read_to_string(&path) {
        Err(e) => (Config::default(), Some(format!("{shown}: {e}; using the defaults"))),
        Ok(text) => match toml::from_str::<Config>(&text) {
            Ok(config) if config.claim_threshold.is_some_and(|t| !crate::claims::THRESHOLDS.contains(&t)) => {
                (Config::default(), Some(format!("{shown}: claim_threshold must be from 0 to 1; using the defaults")))
            }
            Ok(config) => (config, None),
            Err(e) => {
                let problem = e.to_string().trim().replace('\n', " ");
                (Config::default(), Some(format!("{shown}: {problem}; using the defaults")))
            }
        },
    }
}
