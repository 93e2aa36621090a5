//! The `folio` command: parses arguments, runs the library's pipeline, prints one of its
//! views, and turns errors into one line on stderr and an exit code.

use clap::{Parser, Subcommand};
use folio::error::Error;
use folio::export::{json, listing, markdown};
use folio::source::Input;
use folio::{Reading, config};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "folio",
    version,
    about = "Read articles in the terminal: clutter folded, claims flagged, clean Markdown kept"
)]
#[command(args_conflicts_with_subcommands = true)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// The article: a text or Markdown file, or `-` for standard input
    input: Option<String>,
    /// Extra rules file, read on top of the bundled rules (default: rules.toml in the config folder)
    #[arg(long, global = true, value_name = "FILE")]
    rules: Option<PathBuf>,
}

#[derive(Subcommand)]
enum Command {
    /// List every block with its label and the reason, then sections and claims
    Inspect {
        /// The article (`-` for standard input)
        input: Option<String>,
        /// Print the machine-readable report (see docs/inspect-json.md)
        #[arg(long)]
        json: bool,
    },
    /// Print the clean Markdown copy (or write it with -o)
    Clean {
        /// The article (`-` for standard input)
        input: Option<String>,
        /// Write the copy to FILE instead of standard output
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Replace FILE if it exists
        #[arg(long, requires = "output")]
        force: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::ClosedPipe) => ExitCode::SUCCESS,
        Err(Failure::Usage(message)) => {
            eprintln!("{message}");
            ExitCode::from(2)
        }
        Err(Failure::Folio(e)) => {
            eprintln!("folio: {e}");
            ExitCode::from(e.exit_code() as u8)
        }
    }
}

enum Failure {
    Folio(Error),
    Usage(String),
    ClosedPipe,
}

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        Failure::Folio(e)
    }
}

fn run(cli: Cli) -> Result<(), Failure> {
    let rules_path = cli.rules.clone().or_else(config::user_rules_path);
    let read = |arg: Option<String>| -> Result<Reading, Failure> {
        let input = input_of(arg)?;
        let (rules, warning) = config::load_rules(rules_path.as_deref());
        if let Some(warning) = warning {
            eprintln!("folio: {warning}");
        }
        let reading = folio::read(&input, &rules)?;
        for warning in &reading.warnings {
            eprintln!("folio: warning: {warning}");
        }
        Ok(reading)
    };
    match cli.command {
        Some(Command::Inspect { input, json }) => {
            let article = read(input)?.article;
            let text = if json {
                json::inspect_json(&article) + "\n"
            } else {
                let stdout = std::io::stdout();
                let color = stdout.is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
                let width = std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok()).unwrap_or(100);
                listing::listing(&article, color, width)
            };
            print(&text)
        }
        Some(Command::Clean { input, output, force }) => {
            let article = read(input)?.article;
            let text = markdown::clean_markdown(&article, &now());
            match output {
                Some(path) => write_file(&path, &text, force).map_err(Failure::from),
                None => print(&text),
            }
        }
        // The reader arrives with the TUI; until then `folio INPUT` prints the clean copy.
        None => {
            let article = read(cli.input)?.article;
            print(&markdown::clean_markdown(&article, &now()))
        }
    }
}

/// The input named on the command line, or standard input when it is piped.
fn input_of(arg: Option<String>) -> Result<Input, Failure> {
    match arg {
        Some(arg) => Ok(Input::from_arg(&arg)),
        None if !std::io::stdin().is_terminal() => Ok(Input::Stdin),
        None => Err(Failure::Usage(
            "usage: folio [inspect [--json] | clean [-o FILE]] INPUT\n       (INPUT is a file, or - for standard input; see folio --help)".to_string(),
        )),
    }
}

fn now() -> String {
    chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// Writes to stdout; a reader that went away (`folio clean x | head -1`) is not an error.
fn print(text: &str) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Err(Failure::ClosedPipe),
        Err(e) => Err(Failure::Folio(Error::Write { path: "standard output".to_string(), source: e })),
    }
}

/// Writes atomically: a temporary file in the same folder, renamed into place. Never
/// replaces an existing file unless `force`.
fn write_file(path: &Path, text: &str, force: bool) -> Result<(), Error> {
    let shown = path.display().to_string();
    let write_error = |source| Error::Write { path: shown.clone(), source };
    if !force && path.exists() {
        return Err(Error::WouldOverwrite { path: shown });
    }
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut temp = tempfile::Builder::new().prefix(".folio-").tempfile_in(folder).map_err(write_error)?;
    temp.write_all(text.as_bytes()).and_then(|()| temp.as_file().sync_all()).map_err(write_error)?;
    if force {
        temp.persist(path).map_err(|e| write_error(e.error))?;
    } else {
        temp.persist_noclobber(path).map_err(|e| match e.error.kind() {
            std::io::ErrorKind::AlreadyExists => Error::WouldOverwrite { path: shown.clone() },
            _ => write_error(e.error),
        })?;
    }
    Ok(())
}
