//! The user's files: `config.toml` (the reader's settings) and `rules.toml` (read on top of
//! the bundled rules); where they live is `paths`' business. A broken file never stops
//! folio: it is reported with its path, and the defaults or the bundled rules are used.

use crate::classify::Rules;
use crate::tui::hyperlinks::HyperlinkChoice;
use crate::tui::keys::{Keymap, Remap, Table};
use crate::tui::view::ThemeChoice;
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
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Config {
    /// Width of the reading column in cells, 10–1000 (default 80).
    pub width: Option<u16>,
    /// Capture the mouse for wheel scrolling (default true; false keeps the terminal's own selection).
    pub mouse: Option<bool>,
    /// Folder for saved copies (default: `saved` in the platform data folder).
    pub save_dir: Option<PathBuf>,
    /// Claim score (0–1) from which a sentence is flagged (default: the one the model was trained with).
    pub claim_threshold: Option<f32>,
    /// The reader's colours: for a dark or a light background, or asked of the terminal (default dark).
    pub theme: Option<ThemeChoice>,
    /// Link text as terminal hyperlinks: where the terminal is known to draw them, always or never (default auto).
    pub hyperlinks: Option<HyperlinkChoice>,
    /// The User-Agent sent when fetching pages (default `folio/VERSION (terminal article reader)`).
    pub user_agent: Option<String>,
    /// The reader's keys: the bundled tables with `[keys]` and `[keys.lists]` applied.
    pub keys: Keymap,
    /// What of `[keys]` could not apply, one line each: only the reader uses keys, so only the
    /// reader reports these (when it starts), not `folio clean` or `folio history`.
    pub key_warnings: Vec<String>,
}

/// The options `config.toml` knows, as its keys are written.
pub const CONFIG_KEYS: [&str; 8] =
    ["width", "mouse", "save_dir", "claim_threshold", "theme", "hyperlinks", "user_agent", "keys"];

/// Reads `config.toml`; a missing file gives the defaults. A file that is not TOML gives the
/// defaults and a warning; an unknown key or a bad value is a warning naming the key, and
/// the rest of the file applies. Warnings name the file; the file is left as it is.
pub fn load_config() -> (Config, Vec<String>) {
    let Some(path) = crate::paths::config_file().filter(|p| p.exists()) else { return (Config::default(), Vec::new()) };
    let shown = path.display().to_string();
    match std::fs::read_to_string(&path) {
        Err(e) => (Config::default(), vec![format!("{shown}: {e}; using the defaults")]),
        Ok(text) => parse_config(&text, &shown),
    }
}

/// The settings in `text` (a `config.toml` shown as `shown` in warnings), and a warning for
/// each key that is unknown or whose value is not usable (that key keeps its default).
pub fn parse_config(text: &str, shown: &str) -> (Config, Vec<String>) {
    let table: toml::Table = match text.parse() {
        Ok(table) => table,
        Err(e) => {
            let problem = e.to_string().trim().replace('\n', " ");
            return (Config::default(), vec![format!("{shown}: {problem}; using the defaults")]);
        }
    };
    let mut config = Config::default();
    let mut warnings = Vec::new();
    for (key, value) in &table {
        let problem = match key.as_str() {
            "width" => match value.as_integer().and_then(|w| u16::try_from(w).ok()).filter(|w| (10..=1000).contains(w))
            {
                Some(w) => {
                    config.width = Some(w);
                    None
                }
                None => Some("must be a whole number of cells from 10 to 1000"),
            },
            "mouse" => match value.as_bool() {
                Some(m) => {
                    config.mouse = Some(m);
                    None
                }
                None => Some("must be true or false"),
            },
            "save_dir" => match value.as_str() {
                Some(dir) => {
                    config.save_dir = Some(PathBuf::from(dir));
                    None
                }
                None => Some("must be a folder's path, in quotes"),
            },
            "claim_threshold" => {
                let t = value.as_float().or_else(|| value.as_integer().map(|i| i as f64)).map(|t| t as f32);
                match t.filter(|t| crate::claims::THRESHOLDS.contains(t)) {
                    Some(t) => {
                        config.claim_threshold = Some(t);
                        None
                    }
                    None => Some("must be from 0 to 1"),
                }
            }
            "theme" => match value.as_str() {
                Some("dark") => {
                    config.theme = Some(ThemeChoice::Dark);
                    None
                }
                Some("light") => {
                    config.theme = Some(ThemeChoice::Light);
                    None
                }
                Some("auto") => {
                    config.theme = Some(ThemeChoice::Auto);
                    None
                }
                _ => Some("must be \"dark\", \"light\" or \"auto\""),
            },
            "hyperlinks" => {
                let choice = match value.as_str() {
                    Some("auto") => Some(HyperlinkChoice::Auto),
                    Some("always") => Some(HyperlinkChoice::Always),
                    Some("never") => Some(HyperlinkChoice::Never),
                    _ => None,
                };
                match choice {
                    Some(choice) => {
                        config.hyperlinks = Some(choice);
                        None
                    }
                    None => Some("must be \"auto\", \"always\" or \"never\""),
                }
            }
            "user_agent" => match value.as_str().map(|agent| (agent, crate::source::fetch::check_user_agent(agent))) {
                Some((agent, Ok(()))) => {
                    config.user_agent = Some(agent.to_string());
                    None
                }
                Some((_, Err(why))) => {
                    warnings.push(format!("{shown}: {why}; using the default user_agent, the rest applies"));
                    continue;
                }
                None => Some("must be text in quotes"),
            },
            "keys" => {
                let problems = match value.as_table() {
                    Some(remaps) => config.keys.apply(&remaps_of(remaps)),
                    None => vec![
                        "keys must be a table: [keys] with lines such as next-claim = \"n\"; using the \
                                  default keys, the rest applies"
                            .to_string(),
                    ],
                };
                config.key_warnings.extend(problems.into_iter().map(|w| format!("{shown}: {w}")));
                continue;
            }
            _ => {
                warnings.push(format!(
                    "{shown}: unknown key `{key}` ignored (the options are {}); the rest applies",
                    CONFIG_KEYS.join(", ")
                ));
                continue;
            }
        };
        if let Some(problem) = problem {
            warnings.push(format!("{shown}: {key} {problem}; using the default {key}, the rest applies"));
        }
    }
    (config, warnings)
}

/// The lines of `[keys]` (and of `[keys.lists]` inside it), in the file's order, as plain
/// remaps for `tui::keys` to apply: a value that is neither a key in quotes nor a list of them
/// gives no keys.
fn remaps_of(table: &toml::Table) -> Vec<Remap> {
    let mut lines: Vec<(Table, &str, &toml::Value)> = Vec::new();
    for (name, value) in table {
        match (name.as_str(), value.as_table()) {
            ("lists", Some(lists)) => lines.extend(lists.iter().map(|(n, v)| (Table::Lists, n.as_str(), v))),
            _ => lines.push((Table::Reading, name.as_str(), value)),
        }
    }
    lines
        .into_iter()
        .map(|(table, name, value)| {
            let keys = match value {
                toml::Value::String(key) => Some(vec![key.clone()]),
                toml::Value::Array(list) => list.iter().map(|k| k.as_str().map(str::to_string)).collect(),
                _ => None,
            };
            Remap { table, name: name.to_string(), keys }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unknown_key_is_named_and_the_rest_applies() {
        let (config, warnings) = parse_config("width = 60\nbogus = 1\nmouse = false\n", "config.toml");
        assert_eq!((config.width, config.mouse), (Some(60), Some(false)));
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].contains("unknown key `bogus`"), "{warnings:?}");
    }

    #[test]
    fn the_theme_is_dark_light_or_auto() {
        assert_eq!(parse_config("theme = \"light\"", "c").0.theme, Some(ThemeChoice::Light));
        assert_eq!(parse_config("theme = \"auto\"", "c").0.theme, Some(ThemeChoice::Auto));
        let (config, warnings) = parse_config("theme = \"sepia\"", "c");
        assert_eq!(config.theme, None);
        assert!(warnings[0].contains("theme must be"), "{warnings:?}");
    }

    #[test]
    fn hyperlinks_are_auto_always_or_never() {
        assert_eq!(parse_config("hyperlinks = \"always\"", "c").0.hyperlinks, Some(HyperlinkChoice::Always));
        assert_eq!(parse_config("hyperlinks = \"never\"", "c").0.hyperlinks, Some(HyperlinkChoice::Never));
        assert_eq!(parse_config("hyperlinks = \"auto\"", "c").0.hyperlinks, Some(HyperlinkChoice::Auto));
        let (config, warnings) = parse_config("hyperlinks = true", "c");
        assert_eq!(config.hyperlinks, None);
        assert!(warnings[0].contains("hyperlinks must be \"auto\", \"always\" or \"never\""), "{warnings:?}");
    }

    #[test]
    fn the_user_agent_is_text_without_line_breaks() {
        let (config, warnings) = parse_config("user_agent = \"Mozilla/5.0 (X11; Linux x86_64)\"", "c");
        assert_eq!((config.user_agent.as_deref(), warnings.len()), (Some("Mozilla/5.0 (X11; Linux x86_64)"), 0));
        let (config, warnings) = parse_config("user_agent = \"folio\\r\\nX-Evil: 1\"", "c");
        assert_eq!(config.user_agent, None);
        assert!(
            warnings[0].contains("the user agent holds a line break; using the default user_agent"),
            "{warnings:?}"
        );
        let (config, warnings) = parse_config("user_agent = 5", "c");
        assert_eq!(config.user_agent, None);
        assert!(warnings[0].contains("user_agent must be text in quotes"), "{warnings:?}");
    }

    #[test]
    fn a_bad_value_loses_only_its_key() {
        let (config, warnings) = parse_config("width = \"wide\"\nclaim_threshold = 0.5\n", "config.toml");
        assert_eq!((config.width, config.claim_threshold), (None, Some(0.5)));
        assert!(warnings[0].contains("width must be a whole number"), "{warnings:?}");
        let (config, warnings) = parse_config("width = [", "config.toml");
        assert_eq!(config, Config::default());
        assert!(warnings[0].ends_with("using the defaults"), "{warnings:?}");
    }

    #[test]
    fn keys_remap_actions_and_a_bad_line_loses_only_itself() {
        use crate::tui::keys::{Action, KeyContext};
        use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
        let text = "[keys]\nnext-claim = \"n\"\nnext-match = [\"m\", \"Ctrl-n\"]\njump = \"j\"\nsave = \"Ctrl-\"\n\
                    [keys.lists]\nselect = [\"Enter\", \"l\"]\nclose = 5\n";
        let (config, others) = parse_config(text, "config.toml");
        assert!(others.is_empty(), "{others:?}");
        let warnings = &config.key_warnings;
        let press = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
        assert_eq!(config.keys.action_for(KeyContext::Reading, press('n')), Some(Action::NextClaim));
        assert_eq!(config.keys.action_for(KeyContext::Reading, press('m')), Some(Action::NextMatch));
        assert_eq!(config.keys.action_for(KeyContext::Reading, press('s')), Some(Action::Save));
        assert_eq!(config.keys.action_for(KeyContext::Overlay, press('l')), Some(Action::Select));
        assert_eq!(config.keys.action_for(KeyContext::Overlay, press('q')), Some(Action::Close));
        assert_eq!(warnings.len(), 3, "{warnings:?}");
        assert!(warnings.iter().all(|w| w.starts_with("config.toml: [keys")), "{warnings:?}");
        assert!(warnings.iter().any(|w| w.contains("unknown action `jump`")), "{warnings:?}");
        assert!(warnings.iter().any(|w| w.contains("`Ctrl-` is no key")), "{warnings:?}");
        assert!(warnings.iter().any(|w| w.contains("[keys.lists] close must be a key")), "{warnings:?}");
    }

    #[test]
    fn a_key_given_twice_or_taking_an_action_s_last_key_is_named() {
        let warnings = parse_config("[keys]\nsave = \"w\"\nsearch = \"w\"\n", "c").0.key_warnings;
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(warnings[0].contains("`w` is given to save and search; search has it"), "{warnings:?}");
        let config = parse_config("[keys]\nfold = \"s\"\n", "c").0;
        assert_eq!(config.keys.reading_key(crate::tui::keys::Action::Save), "");
        assert!(config.key_warnings[0].contains("[keys] save has no key left"), "{:?}", config.key_warnings);
        let (config, others) = parse_config("keys = \"vim\"", "c");
        assert!(others.is_empty() && config.key_warnings[0].contains("keys must be a table"), "{config:?}");
    }
}
