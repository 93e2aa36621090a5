//! The `folio` command: parses arguments, runs the library's pipeline, prints one of its
//! views, and turns errors into one line on stderr and an exit code.

use clap::{Parser, Subcommand};
use folio::error::Error;
use folio::export::{json, listing, markdown};
use folio::source::Input;
use folio::{Reading, config};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
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
    /// Width of the reading column in cells (default 80)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(10..=1000))]
    width: Option<u16>,
    /// Folder for copies saved with `s` (default: saved/ in the platform data folder)
    #[arg(long, value_name = "DIR")]
    save_dir: Option<PathBuf>,
    /// Leave the mouse to the terminal (native selection) instead of wheel scrolling
    #[arg(long)]
    no_mouse: bool,
    /// Flag sentences whose claim score is at least T, 0–1 (default: the threshold chosen in training)
    #[arg(long, global = true, value_name = "T", value_parser = threshold)]
    claim_threshold: Option<f32>,
}

fn threshold(text: &str) -> Result<f32, String> {
    match text.parse::<f32>() {
        Ok(t) if folio::claims::THRESHOLDS.contains(&t) => Ok(t),
        _ => Err(format!("{text:?} is not a number from 0 to 1")),
    }
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
    /// Print the clean Markdown copy (or write it with -o; many inputs with --out-dir)
    Clean {
        /// The article (`-` for standard input); with --out-dir, any number of them
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
        /// With --out-dir: how many inputs to clean at once (default: one per core)
        #[arg(short, long, value_name = "N", requires = "out_dir", value_parser = clap::value_parser!(u16).range(1..))]
        jobs: Option<u16>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::ClosedPipe) => ExitCode::SUCCESS,
        Err(Failure::Failed) => ExitCode::from(1),
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
    /// Some inputs of a batch failed; each was reported already.
    Failed,
}

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        Failure::Folio(e)
    }
}

fn run(cli: Cli) -> Result<(), Failure> {
    let (config, config_warning) = config::load_config();
    let (rules, rules_warning) = config::load_rules(cli.rules.clone().or_else(config::user_rules_path).as_deref());
    for warning in [config_warning, rules_warning].into_iter().flatten() {
        eprintln!("folio: {warning}");
    }
    let bundled = folio::claims::Scorer::bundled();
    let claims = bundled.with_threshold(cli.claim_threshold.or(config.claim_threshold).unwrap_or(bundled.threshold));
    let read = |arg: Option<String>| -> Result<Reading, Failure> {
        let input = input_of(arg)?;
        let reading = folio::read(&input, &rules, &claims)?;
        for warning in &reading.warnings {
            eprintln!("folio: warning: {warning}");
        }
        Ok(reading)
    };
    match cli.command {
        Some(Command::Inspect { input, json }) => {
            let article = read(input)?.article;
            if json {
                return write_out(|out| json::write_inspect_json(&article, out));
            }
            let text = {
                let stdout = std::io::stdout();
                let color = stdout.is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
                let width = std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok()).unwrap_or(100);
                listing::listing(&article, color, width)
            };
            print(&text)
        }
        Some(Command::Clean { inputs, out_dir: Some(dir), force, jobs, .. }) => {
            clean_into(&inputs, &dir, force, jobs, &rules, &claims)
        }
        Some(Command::Clean { inputs, output, force, .. }) => {
            if inputs.len() > 1 {
                return Err(Failure::Usage("folio: several inputs need --out-dir DIR".to_string()));
            }
            if force && output.is_none() {
                return Err(Failure::Usage("folio: --force needs -o FILE or --out-dir DIR".to_string()));
            }
            let article = read(inputs.into_iter().next())?.article;
            let text = markdown::clean_markdown(&article, &now());
            match output {
                Some(path) => folio::save::write_atomically(&path, &text, force).map_err(Failure::from),
                None => print(&text),
            }
        }
        None => {
            let article = read(cli.input)?.article;
            if !std::io::stdout().is_terminal() {
                return print(&markdown::clean_markdown(&article, &now()));
            }
            let options = folio::tui::Options {
                settings: folio::tui::app::Settings {
                    column: cli.width.or(config.width).unwrap_or(80),
                    save_dir: cli.save_dir.or(config.save_dir).unwrap_or_else(config::default_save_dir),
                },
                mouse: !cli.no_mouse && config.mouse.unwrap_or(true),
                color: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
            };
            folio::tui::run(article, options)
                .map_err(|e| Failure::Folio(Error::Io { name: "terminal".to_string(), source: e }))
        }
    }
}

/// `folio clean --out-dir DIR INPUT…`: a progress bar on a terminal, a line per failure, a
/// summary; exit 1 if any input failed.
fn clean_into(
    inputs: &[String],
    dir: &std::path::Path,
    force: bool,
    jobs: Option<u16>,
    rules: &folio::classify::Rules,
    claims: &folio::claims::Scorer,
) -> Result<(), Failure> {
    if inputs.is_empty() {
        return Err(Failure::Usage("folio: --out-dir needs at least one INPUT".to_string()));
    }
    if inputs.iter().any(|i| i == "-") {
        return Err(Failure::Usage("folio: standard input (-) cannot be cleaned with --out-dir".to_string()));
    }
    let inputs: Vec<Input> = inputs.iter().map(|i| Input::from_arg(i)).collect();
    let started = std::time::Instant::now();
    let bar = if std::io::stderr().is_terminal() {
        let bar = indicatif::ProgressBar::new(inputs.len() as u64);
        let style = indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} {elapsed} {wide_msg}")
            .expect("a valid progress template");
        bar.set_style(style);
        bar
    } else {
        indicatif::ProgressBar::hidden()
    };
    let done = |outcome: &folio::batch::Outcome| {
        bar.set_message(outcome.input.clone());
        bar.inc(1);
    };
    let pool = rayon::ThreadPoolBuilder::new().num_threads(jobs.map_or(0, usize::from)).build();
    let pool = pool.map_err(|e| Failure::Usage(format!("folio: {e}")))?;
    let outcomes = pool.install(|| folio::batch::clean_all(&inputs, dir, force, rules, claims, &now(), &done))?;
    bar.finish_and_clear();
    let mut failed = 0;
    for outcome in &outcomes {
        for warning in &outcome.warnings {
            eprintln!("folio: warning: {warning}");
        }
        if let Err(e) = &outcome.result {
            failed += 1;
            eprintln!("folio: {e}");
        }
    }
    let seconds = started.elapsed().as_secs_f64();
    let cleaned = outcomes.len() - failed;
    let failures = if failed > 0 { format!("; {failed} failed") } else { String::new() };
    eprintln!("folio: cleaned {cleaned} of {} into {} in {seconds:.2} s{failures}", outcomes.len(), dir.display());
    if failed > 0 { Err(Failure::Failed) } else { Ok(()) }
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
    write_out(|out| out.write_all(text.as_bytes()))
}

/// Runs `write` on buffered stdout, with `print`'s handling of errors.
fn write_out(write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> Result<(), Failure> {
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    match write(&mut out).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Err(Failure::ClosedPipe),
        Err(e) => Err(Failure::Folio(Error::Write { path: "standard output".to_string(), source: e })),
    }
}
