//! The command line: clap's types, and `Settings::resolve`, which merges flags, the config
//! file and the environment into the settings a run uses. Every default is named here, once.

use clap::{Parser, Subcommand};
use folio::config::Config;
use std::path::PathBuf;

/// Width of the reading column when neither `--width` nor `width` says.
pub const DEFAULT_COLUMN: u16 = 80;
/// Whether the reader captures the mouse when neither `--no-mouse` nor `mouse` says.
pub const DEFAULT_MOUSE: bool = true;
/// The reader's palette when neither `--theme` nor `theme` says.
pub const DEFAULT_THEME: folio::tui::view::ThemeChoice = folio::tui::view::ThemeChoice::Dark;
/// Whether link text is written as hyperlinks when neither `--hyperlinks` nor `hyperlinks` says.
pub const DEFAULT_HYPERLINKS: folio::tui::hyperlinks::HyperlinkChoice = folio::tui::hyperlinks::HyperlinkChoice::Auto;
/// Width of `folio inspect`'s listing when `COLUMNS` does not say.
pub const DEFAULT_LISTING_WIDTH: usize = 100;

// `folio [OPTIONS] [INPUT]`, or one of its commands. (A `///` comment would become help text.)
#[derive(Parser)]
#[command(
    name = "folio",
    version,
    about = "Read articles in the terminal: clutter folded, claims flagged, clean Markdown kept"
)]
#[command(args_conflicts_with_subcommands = true, after_long_help = environment_help())]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// The article: a file (plain text, Markdown or HTML), an http(s) URL, or `-` for standard input
    pub input: Option<String>,
    /// Extra rules file, read on top of the bundled rules (default: rules.toml in the config folder)
    #[arg(long, global = true, value_name = "FILE")]
    pub rules: Option<PathBuf>,
    /// Width of the reading column in cells (default 80)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(10..=1000))]
    pub width: Option<u16>,
    /// Folder for copies saved with `s` (default: saved/ in the platform data folder)
    #[arg(long, value_name = "DIR")]
    pub save_dir: Option<PathBuf>,
    /// Leave the mouse to the terminal (native selection) instead of wheel scrolling
    #[arg(long)]
    pub no_mouse: bool,
    /// Colours for a dark or a light background, or ask the terminal (default: dark)
    #[arg(long, value_name = "THEME")]
    pub theme: Option<folio::tui::view::ThemeChoice>,
    /// Link text as terminal hyperlinks (OSC 8): where the terminal is known to draw them, always, or never (default: auto)
    #[arg(long, value_name = "WHEN")]
    pub hyperlinks: Option<folio::tui::hyperlinks::HyperlinkChoice>,
    /// Flag sentences whose claim score is at least T, 0–1 (default: the threshold chosen in training)
    #[arg(long, global = true, value_name = "T", value_parser = threshold)]
    pub claim_threshold: Option<f32>,
    /// Read the input as html, markdown or text, whatever it looks like (default: told from its content)
    #[arg(long, global = true, value_name = "FORMAT")]
    pub from: Option<InputFormat>,
    /// The web address a file or standard input came from: its links, images and source: are read against it
    #[arg(long, global = true, value_name = "URL", value_parser = base_address)]
    pub base: Option<String>,
    /// The User-Agent sent when fetching pages (default: folio/VERSION (terminal article reader))
    #[arg(long, global = true, value_name = "TEXT", value_parser = user_agent)]
    pub user_agent: Option<String>,
    /// An extra request header sent when fetching pages, as 'Name: value' (repeatable)
    #[arg(long = "header", global = true, value_name = "HEADER", value_parser = folio::source::fetch::Header::parse)]
    pub headers: Vec<folio::source::fetch::Header>,
    /// Cookies for fetching pages, from a Netscape cookies.txt: each sent only to its own domain and path
    #[arg(long, global = true, value_name = "FILE")]
    pub cookies: Option<PathBuf>,
}

/// What `--from` names: the format an input is read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum InputFormat {
    /// HTML, a whole page or a fragment.
    Html,
    /// Markdown (CommonMark, with GitHub's tables).
    Markdown,
    /// Plain text, such as a copied page.
    Text,
}

impl InputFormat {
    /// The format an article is read in.
    pub fn format(self) -> folio::article::Format {
        match self {
            InputFormat::Html => folio::article::Format::Html,
            InputFormat::Markdown => folio::article::Format::Markdown,
            InputFormat::Text => folio::article::Format::Text,
        }
    }
}

/// What `folio clean --to` names: what the copy is written as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CopyFormat {
    /// Markdown with front matter (the clean copy `s` saves).
    Markdown,
    /// Plain text wrapped to --width, links as [n] and listed at the end (as lynx -dump).
    Text,
    /// The same text with the reader's bold, italic, dim and colours as ANSI sequences (NO_COLOR: no colours).
    Ansi,
}

/// An http(s) address, for `--base`.
fn base_address(text: &str) -> Result<String, String> {
    match url::Url::parse(text) {
        Ok(url) if matches!(url.scheme(), "http" | "https") => Ok(url.to_string()),
        Ok(url) => Err(format!("{text:?} is a {}: address; the base is an http(s) address", url.scheme())),
        Err(e) => Err(format!("{text:?} is not an address ({e})")),
    }
}

/// The environment variables folio reads, each with what it does: `--help` and the man page
/// list them from here.
pub const ENVIRONMENT: [(&str, &str); 9] = [
    (
        "FOLIO_CONFIG_DIR",
        "the folder of config.toml and rules.toml (default: the platform's, ~/.config/folio on Linux)",
    ),
    ("FOLIO_STATE_DIR", "the folder of the reading positions and the history (default: the platform's state folder)"),
    ("FOLIO_DATA_DIR", "the folder of learned site rules and of saved copies (default: the platform's data folder)"),
    ("NO_COLOR", "when set and not empty, no colours: bold, underline and reverse only"),
    (
        "BROWSER",
        "the commands that open a link outside folio, tried in order: a :-separated list, %s for the address \
         (else it goes last); w3m, lynx, links, elinks, browsh, carbonyl, or an entry ending in \"; needsterminal\", \
         run in folio's terminal (default: xdg-open, open or start)",
    ),
    (
        "FORCE_HYPERLINK",
        "with hyperlinks = auto: 0 writes no hyperlinks, any other value writes them (also inside tmux or screen)",
    ),
    ("COLUMNS", "the width of folio inspect's listing (default 100)"),
    (
        "ALL_PROXY, HTTPS_PROXY, HTTP_PROXY",
        "the proxy for every fetch, http and https pages alike: the first of these that is set (also in lower case) \
         and reads as a proxy address, http://[USER:PASSWORD@]HOST:PORT (a CONNECT tunnel; the default scheme), \
         https://, socks4://, socks4a://, socks5:// or socks5h:// (the proxy looks the host up)",
    ),
    (
        "NO_PROXY",
        "hosts fetched without the proxy (also no_proxy): a comma-separated list without spaces of example.org (that \
         host), .example.org or *.example.org (the hosts under it, not itself), or * (every host)",
    ),
];

/// `--help`'s closing part: the environment variables.
fn environment_help() -> String {
    let width = ENVIRONMENT.iter().map(|(name, _)| name.len()).max().unwrap_or(0);
    let lines: Vec<String> = ENVIRONMENT.iter().map(|(name, what)| format!("  {name:width$}  {what}")).collect();
    format!("Environment:\n{}", lines.join("\n"))
}

/// Writes folio's man page (roff): clap_mangen's page of `folio` (name, synopsis, options,
/// commands), then each command's synopsis and options, then the environment variables.
pub fn man_page(out: &mut dyn std::io::Write) -> std::io::Result<()> {
    use clap::CommandFactory;
    use clap_mangen::roff::{Roff, bold, roman};
    let command = Cli::command().after_long_help(None::<&'static str>);
    let man = clap_mangen::Man::new(command.clone());
    man.render_title(out)?;
    man.render_name_section(out)?;
    man.render_synopsis_section(out)?;
    man.render_description_section(out)?;
    man.render_options_section(out)?;
    man.render_subcommands_section(out)?;
    for sub in command.get_subcommands() {
        let name = format!("folio {}", sub.get_name());
        let mut heading = Roff::new();
        heading.control("SH", [name.to_uppercase().as_str()]);
        heading.text([roman(sub.get_about().map(|a| a.to_string()).unwrap_or_default())]);
        heading.to_writer(out)?;
        // The command's own synopsis and options, under sub-headings of its section.
        let page = clap_mangen::Man::new(sub.clone().bin_name(&name));
        let mut parts = Vec::new();
        page.render_synopsis_section(&mut parts)?;
        if sub.get_arguments().any(|a| !a.is_hide_set()) {
            page.render_options_section(&mut parts)?;
        }
        let parts = String::from_utf8_lossy(&parts)
            .replace(".SH SYNOPSIS", ".SS Synopsis")
            .replace(".SH OPTIONS", ".SS Options");
        out.write_all(parts.as_bytes())?;
    }
    let mut environment = Roff::new();
    environment.control("SH", ["ENVIRONMENT"]);
    for (name, what) in ENVIRONMENT {
        environment.control("TP", []).text([bold(name)]).text([roman(what)]);
    }
    environment.to_writer(out)
}

/// A clutter category by the name `inspect` gives it.
fn category(text: &str) -> Result<folio::article::Label, String> {
    let clutter: Vec<folio::article::Label> =
        folio::article::Label::ALL.into_iter().filter(|l| l.is_boilerplate()).collect();
    clutter.iter().copied().find(|l| l.name() == text).ok_or_else(|| {
        let names: Vec<&str> = clutter.iter().map(|l| l.name()).collect();
        format!("{text:?} is not a category (one of {})", names.join(", "))
    })
}

fn user_agent(text: &str) -> Result<String, String> {
    folio::source::fetch::check_user_agent(text).map(|()| text.to_string())
}

fn threshold(text: &str) -> Result<f32, String> {
    match text.parse::<f32>() {
        Ok(t) if folio::claims::THRESHOLDS.contains(&t) => Ok(t),
        _ => Err(format!("{text:?} is not a number from 0 to 1")),
    }
}

// What to do instead of opening the reader. (A `///` comment here would become help text.)
#[derive(Subcommand)]
pub enum Command {
    /// List every block with its label and the reason, then sections and claims
    Inspect {
        /// The article: a file (text, Markdown or HTML), an http(s) URL, or `-` for standard input
        input: Option<String>,
        /// Print the machine-readable report (see docs/inspect-json.md)
        #[arg(long)]
        json: bool,
    },
    /// Print the clean Markdown copy (or write it with -o; many inputs with --out-dir)
    Clean {
        /// The article: a file (text, Markdown or HTML), an http(s) URL, or `-`; with --out-dir, any number of them
        inputs: Vec<String>,
        /// Write the copy to FILE instead of standard output
        #[arg(short, long, value_name = "FILE", conflicts_with = "out_dir")]
        output: Option<PathBuf>,
        /// Write one copy per input into DIR (NAME.md after each input's name), on every core
        #[arg(long, value_name = "DIR")]
        out_dir: Option<PathBuf>,
        /// Replace existing files
        #[arg(long)]
        force: bool,
        /// Keep this category of clutter in the copy (navigation, ad, related, comments…; repeatable)
        #[arg(long, value_name = "CATEGORY", value_parser = category)]
        keep: Vec<folio::article::Label>,
        /// End the copy with "Claims to check": each flagged claim with its score and kinds, as a footnote
        #[arg(long)]
        claims: bool,
        /// What to write: markdown (default), text (wrapped, links listed at the end) or ansi (text with styles)
        #[arg(long, value_name = "FORMAT", default_value = "markdown", conflicts_with = "out_dir")]
        to: CopyFormat,
        /// Width of --to text and ansi, in cells (default: the width setting, else 80)
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(10..=1000))]
        width: Option<u16>,
        /// Markdown without its front matter: the story only
        #[arg(long)]
        no_front_matter: bool,
        /// With --out-dir: how many inputs to clean at once (default: one per core)
        #[arg(short, long, value_name = "N", requires = "out_dir", value_parser = clap::value_parser!(u16).range(1..))]
        jobs: Option<u16>,
    },
    /// List the rules folio learned from your marks (x and X in the reader), by site
    Rules {
        /// Forget learned rules N… (as numbered in the list; several at once: --remove 2 5 7)
        #[arg(long, value_name = "N", num_args = 1.., value_delimiter = ',')]
        remove: Vec<usize>,
    },
    /// List the articles read in the reader (when, how far) and the copies in the save folder
    History {
        /// Print them as JSON
        #[arg(long)]
        json: bool,
    },
    /// Print a completion script for a shell (bash: `folio completions bash > ~/.local/share/bash-completion/completions/folio`)
    Completions {
        /// The shell: bash, zsh, fish, elvish or powershell
        shell: clap_complete::Shell,
    },
    /// Print folio's man page (roff; read it with `folio man | man -l -`)
    Man,
}

/// What a run uses, each value from the first that says: the flag, the config file, the
/// environment, the default above.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// The user's rules file, read on top of the bundled rules.
    pub rules_file: Option<PathBuf>,
    /// Width of the reading column, in cells.
    pub column: u16,
    /// Folder for copies saved from the reader.
    pub save_dir: PathBuf,
    /// Capture the mouse for wheel scrolling.
    pub mouse: bool,
    /// Colours on (`NO_COLOR` unset or empty).
    pub color: bool,
    /// The reader's palette, or `auto` to ask the terminal.
    pub theme: folio::tui::view::ThemeChoice,
    /// Link text as terminal hyperlinks: `always`, `never`, or as `auto` found the terminal.
    pub hyperlinks: bool,
    /// Flag sentences scoring at least this; `None` keeps the threshold the model was trained with.
    pub claim_threshold: Option<f32>,
    /// Width of `folio inspect`'s listing.
    pub listing_width: usize,
    /// The reader's keys, as `[keys]` in the config file remapped them.
    pub keys: folio::tui::keys::Keymap,
    /// What of `[keys]` could not apply, for the reader to say when it starts.
    pub key_warnings: Vec<String>,
    /// The User-Agent sent when fetching pages.
    pub user_agent: String,
    /// Extra headers sent when fetching pages.
    pub headers: Vec<folio::source::fetch::Header>,
    /// The `cookies.txt` whose cookies go with the fetches, if one was named.
    pub cookies_file: Option<PathBuf>,
}

impl Settings {
    /// Merges the flags in `cli` over `config`, then the environment (`env` looks a variable up).
    pub fn resolve(cli: &Cli, config: Config, env: impl Fn(&str) -> Option<String>) -> Settings {
        Settings {
            rules_file: cli.rules.clone().or_else(folio::paths::user_rules_file),
            column: cli.width.or(config.width).unwrap_or(DEFAULT_COLUMN),
            save_dir: cli.save_dir.clone().or(config.save_dir).unwrap_or_else(folio::paths::default_save_dir),
            mouse: !cli.no_mouse && config.mouse.unwrap_or(DEFAULT_MOUSE),
            color: env("NO_COLOR").is_none_or(|v| v.is_empty()),
            theme: cli.theme.or(config.theme).unwrap_or(DEFAULT_THEME),
            hyperlinks: folio::tui::hyperlinks::wanted(
                cli.hyperlinks.or(config.hyperlinks).unwrap_or(DEFAULT_HYPERLINKS),
                &env,
            ),
            claim_threshold: cli.claim_threshold.or(config.claim_threshold),
            listing_width: env("COLUMNS").and_then(|c| c.parse().ok()).unwrap_or(DEFAULT_LISTING_WIDTH),
            keys: config.keys,
            key_warnings: config.key_warnings,
            user_agent: cli
                .user_agent
                .clone()
                .or(config.user_agent)
                .unwrap_or_else(|| folio::source::fetch::DEFAULT_USER_AGENT.to_string()),
            headers: cli.headers.clone(),
            cookies_file: cli.cookies.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cli(args: &[&str]) -> Cli {
        Cli::parse_from(std::iter::once("folio").chain(args.iter().copied()))
    }

    #[test]
    fn flags_win_over_the_config_file_which_wins_over_defaults() {
        let config = Config { width: Some(60), mouse: Some(false), claim_threshold: Some(0.5), ..Config::default() };
        let none = |_: &str| None;
        let from_config = Settings::resolve(&cli(&["a.txt"]), config.clone(), none);
        assert_eq!((from_config.column, from_config.mouse, from_config.claim_threshold), (60, false, Some(0.5)));
        let from_flags = Settings::resolve(&cli(&["--width", "70", "--claim-threshold", "0.9", "a.txt"]), config, none);
        assert_eq!((from_flags.column, from_flags.claim_threshold), (70, Some(0.9)));
        let defaults = Settings::resolve(&cli(&["a.txt"]), Config::default(), none);
        assert_eq!((defaults.column, defaults.mouse, defaults.claim_threshold), (DEFAULT_COLUMN, DEFAULT_MOUSE, None));
        assert_eq!((defaults.color, defaults.listing_width), (true, DEFAULT_LISTING_WIDTH));
    }

    #[test]
    fn fetch_flags_win_over_the_config_file_after_the_command_too() {
        let config = Config { user_agent: Some("Config/1".to_string()), ..Config::default() };
        let none = |_: &str| None;
        let from_config = Settings::resolve(&cli(&["a.txt"]), config.clone(), none);
        assert_eq!(from_config.user_agent, "Config/1");
        let args = ["clean", "--user-agent", "Flag/2", "--header", "X-A: 1", "--header", "X-B:2", "--cookies", "c.txt"];
        let from_flags = Settings::resolve(&cli(&args), config, none);
        assert_eq!(from_flags.user_agent, "Flag/2");
        let headers: Vec<(&str, &str)> =
            from_flags.headers.iter().map(|h| (h.name.as_str(), h.value.as_str())).collect();
        assert_eq!(headers, [("X-A", "1"), ("X-B", "2")]);
        assert_eq!(from_flags.cookies_file, Some(PathBuf::from("c.txt")));
        let defaults = Settings::resolve(&cli(&["a.txt"]), Config::default(), none);
        assert_eq!(defaults.user_agent, folio::source::fetch::DEFAULT_USER_AGENT);
    }

    #[test]
    fn a_bad_header_or_user_agent_is_refused_with_its_reason() {
        let refused = |args: &[&str]| {
            let args = std::iter::once("folio").chain(args.iter().copied());
            Cli::try_parse_from(args).err().map(|e| e.to_string()).unwrap_or_default()
        };
        assert!(refused(&["--header", "X-Test 1", "a"]).contains("is not a header: write it as 'Name: value'"));
        assert!(refused(&["--header", "Bad Name: 1", "a"]).contains("is not a header name"));
        assert!(refused(&["--header", "X-Test: 1\r\nHost: evil", "a"]).contains("holds a line break"));
        assert!(refused(&["--header", "host: example.org", "a"]).contains("the host header cannot be given"));
        assert!(refused(&["--header", "Cookie: a=1", "a"]).contains("--cookies FILE"));
        assert!(refused(&["--user-agent", "", "a"]).contains("the user agent is empty"));
        assert!(refused(&["--user-agent", "a\nb", "a"]).contains("the user agent holds a line break"));
    }

    #[test]
    fn no_color_counts_only_when_not_empty() {
        let env = |value: &'static str| move |name: &str| (name == "NO_COLOR").then(|| value.to_string());
        assert!(!Settings::resolve(&cli(&["a.txt"]), Config::default(), env("1")).color);
        assert!(Settings::resolve(&cli(&["a.txt"]), Config::default(), env("")).color);
    }

    #[test]
    fn hyperlinks_follow_the_flag_then_the_config_file_then_the_terminal() {
        use folio::tui::hyperlinks::HyperlinkChoice;
        let kitty = |name: &str| (name == "TERM").then(|| "xterm-kitty".to_string());
        let plain = |name: &str| (name == "TERM").then(|| "xterm-256color".to_string());
        let always = Config { hyperlinks: Some(HyperlinkChoice::Always), ..Config::default() };
        assert!(Settings::resolve(&cli(&["a.txt"]), Config::default(), kitty).hyperlinks);
        assert!(!Settings::resolve(&cli(&["a.txt"]), Config::default(), plain).hyperlinks);
        assert!(Settings::resolve(&cli(&["a.txt"]), always.clone(), plain).hyperlinks);
        assert!(!Settings::resolve(&cli(&["--hyperlinks", "never", "a.txt"]), always, kitty).hyperlinks);
    }

    #[test]
    fn columns_sets_the_listing_width() {
        let env = |name: &str| (name == "COLUMNS").then(|| "132".to_string());
        assert_eq!(Settings::resolve(&cli(&["a.txt"]), Config::default(), env).listing_width, 132);
    }
}
