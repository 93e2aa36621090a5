//! Where folio's own files live (from `directories`) and the user's rules file, which is
//! read on top of the bundled rules. A broken user file never stops folio: it is reported
//! with its path, and the bundled rules are used.

use crate::classify::Rules;
use std::path::{Path, PathBuf};

/// `~/.config/folio` on Linux, the platform's equivalent elsewhere.
/// `FOLIO_CONFIG_DIR` overrides it (tests use that to stay away from the user's files).
pub fn config_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("FOLIO_CONFIG_DIR").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("", "", "folio").map(|d| d.config_dir().to_path_buf())
}

/// The user's extra rules: `rules.toml` in the config folder.
pub fn user_rules_path() -> Option<PathBuf> {
    config_dir().map(|d| d.join("rules.toml"))
}

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

pub fn config_path() -> Option<PathBuf> {
    config_dir().map(|d| d.join("config.toml"))
}

/// Reads `config.toml`; a missing file gives the defaults, a broken one the defaults and a
/// warning naming the file and the problem (the file is left as it is).
pub fn load_config() -> (Config, Option<String>) {
    let Some(path) = config_path().filter(|p| p.exists()) else { return (Config::default(), None) };
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

/// Where saved copies go by default: `…/folio/saved` under the platform data folder.
pub fn default_save_dir() -> PathBuf {
    directories::ProjectDirs::from("", "", "folio")
        .map(|d| d.data_dir().join("saved"))
        .unwrap_or_else(|| PathBuf::from("folio-saved"))
}
