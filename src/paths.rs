//! Where folio keeps its own files, and nothing else: the config folder (config.toml,
//! rules.toml), the state folder (reading positions, history) and the data folder (saved copies,
//! what was learned of the reader's sites), each
//! from the platform's conventions (`directories`) unless a `FOLIO_*` variable names it.

use std::path::PathBuf;

/// The platform's folders for folio (`~/.config/folio`, `~/.local/share/folio`… on Linux).
fn project() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("", "", "folio")
}

/// A folder named by the environment variable `name`, if it is set and not empty.
fn from_env(name: &str) -> Option<PathBuf> {
    std::env::var_os(name).filter(|d| !d.is_empty()).map(PathBuf::from)
}

/// The config folder: `FOLIO_CONFIG_DIR`, else `~/.config/folio` on Linux and the platform's
/// equivalent elsewhere. (Tests set the variable to stay away from the user's files.)
pub fn config_dir() -> Option<PathBuf> {
    from_env("FOLIO_CONFIG_DIR").or_else(|| project().map(|d| d.config_dir().to_path_buf()))
}

/// The reader's settings: `config.toml` in the config folder.
pub fn config_file() -> Option<PathBuf> {
    config_dir().map(|d| d.join("config.toml"))
}

/// The user's extra rules: `rules.toml` in the config folder.
pub fn user_rules_file() -> Option<PathBuf> {
    config_dir().map(|d| d.join("rules.toml"))
}

/// The state folder: `FOLIO_STATE_DIR`, else the platform's state folder (its data folder
/// where it has none).
pub fn state_dir() -> Option<PathBuf> {
    from_env("FOLIO_STATE_DIR").or_else(|| {
        let dirs = project()?;
        Some(dirs.state_dir().unwrap_or_else(|| dirs.data_dir()).to_path_buf())
    })
}

/// Where the reader left each article: `places.json` in the state folder.
pub fn places_file() -> Option<PathBuf> {
    state_dir().map(|d| d.join("places.json"))
}

/// The articles read in the reader: `history.json` in the state folder (`history.lock`
/// beside it while it is written).
pub fn history_file() -> Option<PathBuf> {
    state_dir().map(|d| d.join("history.json"))
}

/// The data folder: `FOLIO_DATA_DIR`, else the platform's data folder.
pub fn data_dir() -> Option<PathBuf> {
    from_env("FOLIO_DATA_DIR").or_else(|| project().map(|d| d.data_dir().to_path_buf()))
}

/// What folio learned of the reader's sites (marks, site memory; see `sites`): `learned` in
/// the data folder.
pub fn learned_dir() -> Option<PathBuf> {
    data_dir().map(|d| d.join("learned"))
}

/// Where saved copies go unless the user names a folder: `saved` in the data folder (or
/// `folio-saved` in the working folder on a system without a home).
pub fn default_save_dir() -> PathBuf {
    data_dir().map(|d| d.join("saved")).unwrap_or_else(|| PathBuf::from("folio-saved"))
}

/// The full path of a file the user named, as the history and a copy's `source:` record it:
/// canonical where the file exists (no `..`, no symbolic links: one file, one name), else
/// made absolute, else as given.
pub fn full_path(name: &str) -> String {
    std::fs::canonicalize(name)
        .or_else(|_| std::path::absolute(name))
        .map_or_else(|_| name.to_string(), |p| p.display().to_string())
}
