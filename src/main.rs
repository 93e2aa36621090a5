//! The `folio` command: parses arguments, runs the library's pipeline, prints one of its
//! views, and turns errors into one line on stderr and an exit code.

mod cli;

use clap::Parser;
use cli::{Cli, Command, Settings};
use folio::error::Error;
use folio::export::{json, listing, markdown};
use folio::source::Input;
use folio::{Reading, config};
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

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
    let (config, config_warnings) = config::load_config();
    let settings = Settings::resolve(&cli, config, |name| std::env::var(name).ok());
    let (rules, rules_warning) = config::load_rules(settings.rules_file.as_deref());
    let mut warnings: Vec<String> = config_warnings.into_iter().chain(rules_warning).collect();
    // The reader says what went wrong on its status line when it starts (stderr would show only
    // once it closes); every other command tells stderr, and only the reader uses keys.
    let opens_reader = cli.command.is_none() && std::io::stdout().is_terminal();
    if opens_reader {
        warnings.extend(settings.key_warnings.iter().cloned());
    } else {
        for warning in warnings.drain(..) {
            eprintln!("folio: {warning}");
        }
    }
    let bundled = folio::claims::Scorer::bundled();
    let claims = bundled.with_threshold(settings.claim_threshold.unwrap_or(bundled.threshold));
    // What the reader taught folio of its sites (marks, site memory), applied to every article read.
    let learned = folio::paths::learned_dir().map(|folder| {
        let (learned, warnings) = folio::sites::load(&folder);
        for warning in warnings {
            eprintln!("folio: {warning}");
        }
        learned
    });
    // Every fetch of the run — the command's, batch cleaning's, the reader's and its links' — says the same.
    let cookies = match &settings.cookies_file {
        Some(path) => {
            let (jar, warning) = folio::source::cookies::CookieJar::load(path).map_err(|e| {
                // The reader will not open: what it had to say goes to stderr before the error.
                for warning in &warnings {
                    eprintln!("folio: {warning}");
                }
                Failure::Folio(e)
            })?;
            match warning {
                Some(warning) if opens_reader => warnings.push(warning),
                Some(warning) => eprintln!("folio: {warning}"),
                None => {}
            }
            jar
        }
        None => folio::source::cookies::CookieJar::default(),
    };
    let fetching = folio::source::fetch::Settings {
        user_agent: settings.user_agent.clone(),
        headers: settings.headers.clone(),
        cookies,
        ..folio::source::fetch::Settings::default()
    };
    let pipeline = folio::Pipeline::bundled()
        .with_rules(rules)
        .with_claims(claims)
        .with_learned(learned.unwrap_or_default())
        .with_fetching(fetching);
    let given = folio::source::Given { format: cli.from.map(cli::InputFormat::format), base: cli.base.clone() };
    let read = |arg: Option<String>| -> Result<Reading, Failure> {
        let reading = pipeline.read_as(&input_of(arg)?, &given)?;
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
            let color = settings.color && std::io::stdout().is_terminal();
            print(&listing::listing(&article, color, settings.listing_width))
        }
        Some(Command::Clean {
            inputs,
            out_dir: Some(dir),
            force,
            jobs,
            keep,
            claims: with_claims,
            no_front_matter,
            ..
        }) => {
            if given != folio::source::Given::default() {
                return Err(Failure::Usage(
                    "folio: --from and --base read one input, not --out-dir's many".to_string(),
                ));
            }
            let options = markdown::CopyOptions { keep, claims: with_claims, front_matter: !no_front_matter };
            clean_into(&inputs, &dir, force, jobs, &pipeline, &options)
        }
        Some(Command::Clean {
            inputs, output, force, keep, claims: with_claims, to, width, no_front_matter, ..
        }) => {
            if inputs.len() > 1 {
                return Err(Failure::Usage("folio: several inputs need --out-dir DIR".to_string()));
            }
            if force && output.is_none() {
                return Err(Failure::Usage("folio: --force needs -o FILE or --out-dir DIR".to_string()));
            }
            let mut article = read(inputs.into_iter().next())?.article;
            let options = markdown::CopyOptions { keep, claims: with_claims, front_matter: !no_front_matter };
            let width = width.unwrap_or(settings.column);
            let text = match to {
                cli::CopyFormat::Markdown => markdown::clean_markdown_with(&article, &folio::save::now(), &options),
                printed => {
                    // Kept categories print as story, as they are written into a Markdown copy.
                    let kept: Vec<_> =
                        article.blocks.iter().filter(|b| options.keep.contains(&b.label)).map(|b| b.id).collect();
                    let relabels: Vec<_> = kept
                        .into_iter()
                        .map(|block| folio::article::Relabel {
                            block,
                            label: folio::article::Label::Content,
                            reason: "kept (--keep)".to_string(),
                        })
                        .collect();
                    if !relabels.is_empty() {
                        folio::pipeline::relabel(&mut article, &relabels, pipeline.claims());
                    }
                    let printing = match printed {
                        cli::CopyFormat::Ansi => folio::tui::print::Printing::Ansi {
                            color: settings.color,
                            look: match settings.theme {
                                folio::tui::view::ThemeChoice::Light => folio::tui::view::Look::Light,
                                _ => folio::tui::view::Look::Dark,
                            },
                        },
                        _ => folio::tui::print::Printing::Text,
                    };
                    folio::tui::print::print(article, width, printing)
                }
            };
            match output {
                Some(path) => folio::save::write_atomically(&path, &text, force).map_err(Failure::from),
                None => print(&text),
            }
        }
        Some(Command::Rules { remove }) => {
            let Some(folder) = folio::paths::learned_dir() else {
                return Err(Failure::Usage("folio: no data folder (set FOLIO_DATA_DIR)".to_string()));
            };
            if !remove.is_empty() {
                let gone =
                    folio::sites::forget_marks(&folder, &remove).map_err(|e| Failure::Usage(format!("folio: {e}")))?;
                for (n, mark) in gone {
                    println!("forgot rule {n} for {}: \"{}\"", mark.site, folio::text::safe::visible(&mark.text));
                }
            }
            print(&folio::sites::listing(&folio::sites::load(&folder).0))
        }
        Some(Command::Completions { shell }) => {
            use clap::CommandFactory;
            write_out(|out| {
                clap_complete::generate(shell, &mut Cli::command(), "folio", out);
                Ok(())
            })
        }
        Some(Command::Man) => write_out(cli::man_page),
        Some(Command::History { json }) => {
            let library = folio::library::Library::load(folio::paths::history_file().as_deref(), &settings.save_dir);
            for warning in &library.warnings {
                eprintln!("folio: {warning}");
            }
            if json {
                return write_out(|out| {
                    serde_json::to_writer_pretty(&mut *out, &library)?;
                    out.write_all(b"\n")
                });
            }
            print(&library.table(&settings.save_dir))
        }
        None if !std::io::stdout().is_terminal() => {
            let article = read(cli.input)?.article;
            print(&markdown::clean_markdown(&article, &folio::save::now()))
        }
        None => {
            // The reader takes the screen at once and reads the input while saying so.
            let input = input_of(cli.input)?;
            let options = folio::tui::Options {
                given,
                settings: folio::tui::app::Settings {
                    column: settings.column,
                    save_dir: settings.save_dir,
                    keys: settings.keys,
                },
                mouse: settings.mouse,
                color: settings.color,
                look: folio::tui::look_for(settings.theme),
                hyperlinks: settings.hyperlinks,
                // Warnings go to the status line.
                warnings: warnings.clone(),
                // Every article opened is read with what folio learned of its site, and remembered
                // for later pages of its site (site memory).
                pipeline: &pipeline,
            };
            folio::tui::run(input, options).map_err(|e| {
                // The reader could not open: what it had to say goes to stderr with the error.
                for warning in &warnings {
                    eprintln!("folio: {warning}");
                }
                Failure::Folio(e)
            })
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
    pipeline: &folio::Pipeline,
    options: &markdown::CopyOptions,
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
    let outcomes = pool.install(|| {
        let output = folio::batch::Output { dir, replace: force, saved: &folio::save::now(), copy: options };
        folio::batch::clean_all(&inputs, output, pipeline, &done)
    })?;
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
        None if stdin_is_piped() => Ok(Input::Stdin),
        None => Err(Failure::Usage(
            "usage: folio [inspect [--json] | clean [-o FILE]] INPUT\n       folio history [--json]\n       (INPUT is a file of plain text, Markdown or HTML, an http(s) URL, or - for standard input; see folio --help)".to_string(),
        )),
    }
}

/// Whether standard input brings something to read: a pipe, a file or a socket, not a terminal
/// or a device such as `/dev/null` (`folio </dev/null` is a usage error, as with no input at all).
fn stdin_is_piped() -> bool {
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        return false;
    }
    #[cfg(unix)]
    {
        use std::os::fd::AsFd;
        use std::os::unix::fs::FileTypeExt;
        let kind = stdin.as_fd().try_clone_to_owned().and_then(|fd| std::fs::File::from(fd).metadata());
        if let Ok(meta) = kind {
            let kind = meta.file_type();
            return !(kind.is_char_device() || kind.is_block_device());
        }
    }
    true
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
