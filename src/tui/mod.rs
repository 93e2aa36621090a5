//! The full-screen reader: terminal set-up and restoration, and the event loop that turns
//! key presses into actions for `app::update` and draws with `view::view`.

pub mod app;
pub mod document;
pub mod hyperlinks;
pub mod keys;
pub mod lines;
pub mod lists;
pub mod outside;
pub mod state;
pub mod table;
pub mod view;

use crate::article::Article;
use app::{Effect, Model, Settings, update};
use crossterm::event::{self, DisableMouseCapture, EnableMouseCapture, Event, MouseEventKind};
use crossterm::execute;
use crossterm::terminal::{EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode};
use keys::Action;
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use std::io::{self, Stdout};
use std::sync::atomic::{AtomicBool, AtomicU8, Ordering};

/// How to open the reader.
pub struct Options<'a> {
    /// The reading column's width and where copies are saved.
    pub settings: Settings,
    /// Whether the mouse wheel scrolls (mouse capture on).
    pub mouse: bool,
    /// Whether to draw in colour (else bold, reverse and underline only, as for NO_COLOR).
    pub color: bool,
    /// What every article opened is read with: the article to open, and an article opened
    /// from the history. Reading runs beside the drawing, so the screen says what is being
    /// read; each page read is remembered for its site (site memory).
    pub pipeline: &'a crate::Pipeline,
    /// Which palette to draw with.
    pub look: view::Look,
    /// Whether link text is written as terminal hyperlinks (OSC 8): `hyperlinks::wanted` decides.
    pub hyperlinks: bool,
    /// What the reader says on its status line when it starts (the config file's problems), one line each.
    pub warnings: Vec<String>,
}

/// The palette for `choice`: `auto` asks the terminal for its background colour (OSC 11; a
/// terminal that does not answer, or answers too slowly, gets the dark palette). Ask before the
/// reader takes the screen.
pub fn look_for(choice: view::ThemeChoice) -> view::Look {
    use view::ThemeChoice;
    match choice {
        ThemeChoice::Dark => view::Look::Dark,
        ThemeChoice::Light => view::Look::Light,
        ThemeChoice::Auto => {
            let options = terminal_colorsaurus::QueryOptions::default();
            match terminal_colorsaurus::theme_mode(options) {
                Ok(terminal_colorsaurus::ThemeMode::Light) => view::Look::Light,
                _ => view::Look::Dark,
            }
        }
    }
}

/// Whether the terminal is in the reader's modes, and whether mouse capture was turned on.
static ACTIVE: AtomicBool = AtomicBool::new(false);
static MOUSE: AtomicU8 = AtomicU8::new(0);

/// Puts the terminal back as it was (raw mode off, main screen, cursor shown, mouse capture
/// off). Runs once, whichever comes first: quitting, an error, a panic or a signal.
pub fn restore_terminal() {
    if ACTIVE.swap(false, Ordering::SeqCst) {
        let mut out = io::stdout();
        if MOUSE.load(Ordering::SeqCst) == 1 {
            let _ = execute!(out, DisableMouseCapture);
        }
        let _ = execute!(out, LeaveAlternateScreen, crossterm::cursor::Show);
        let _ = disable_raw_mode();
    }
}

struct Guard;

impl Drop for Guard {
    fn drop(&mut self) {
        restore_terminal();
    }
}

/// On SIGTERM, SIGHUP or SIGQUIT (and SIGINT from outside: in the reader Ctrl-C is a key),
/// puts the terminal back and exits with 128 + the signal's number, as a shell expects.
#[cfg(unix)]
fn restore_on_signals() -> io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGQUIT, SIGINT])?;
    std::thread::Builder::new().name("signals".to_string()).spawn(move || {
        if let Some(signal) = signals.forever().next() {
            restore_terminal();
            std::process::exit(128 + signal);
        }
    })?;
    Ok(())
}

fn enter(mouse: bool) -> io::Result<Terminal<CrosstermBackend<Stdout>>> {
    #[cfg(unix)]
    restore_on_signals()?;
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore_terminal();
        hook(info);
    }));
    take_terminal(mouse)
}

/// Puts the terminal in the reader's modes (raw mode, the alternate screen, mouse capture if
/// asked) and gives a `Terminal` that draws every cell afresh on its first frame.
fn take_terminal(mouse: bool) -> io::Result<Terminal<CrosstermBackend<Stdout>>> {
    enable_raw_mode()?;
    ACTIVE.store(true, Ordering::SeqCst);
    let mut out = io::stdout();
    execute!(out, EnterAlternateScreen)?;
    if mouse {
        MOUSE.store(1, Ordering::SeqCst);
        execute!(out, EnableMouseCapture)?;
    }
    let mut terminal = Terminal::new(CrosstermBackend::new(out))?;
    // No clear(): the alternate screen starts empty, and clear() would ask the terminal
    // where its cursor is, which some terminals never answer.
    terminal.hide_cursor()?;
    Ok(terminal)
}

/// Ctrl-z: gives the terminal back as it was, stops folio's process group as the shell's
/// Ctrl-z would (the shell prints its prompt), and on `fg` (SIGCONT) takes the terminal again
/// in a new `Terminal`, whose first frame redraws the whole screen. Where there is no job
/// control to stop under (an orphaned process group), the stop is ignored and folio goes on.
fn suspend(terminal: &mut Terminal<CrosstermBackend<Stdout>>, mouse: bool) -> io::Result<()> {
    // The cursor is shown now, so the old terminal, dropped once replaced, has nothing left to
    // show after the redraw.
    terminal.show_cursor()?;
    restore_terminal();
    #[cfg(unix)]
    // SAFETY: kill with pid 0 signals folio's own process group; it takes no pointers.
    unsafe {
        libc::kill(0, libc::SIGTSTP);
    }
    *terminal = take_terminal(mouse)?;
    Ok(())
}

/// Opens `url` with `outside::open_url`. A terminal browser gets the terminal as it was before
/// folio (as Ctrl-z gives it to the shell) and folio waits for it, then takes the terminal
/// again in a new `Terminal`, whose first frame redraws the whole screen. Gives what the status
/// line is to say (why it could not be opened), and whether the terminal was taken back: not
/// doing so is the loop's error.
fn open_url(
    terminal: &mut Terminal<CrosstermBackend<Stdout>>,
    mouse: bool,
    url: &str,
    browser: Option<&str>,
) -> (Option<String>, io::Result<()>) {
    let mut taken_back = Ok(());
    let mut in_terminal = |browser: &mut std::process::Command| {
        let _ = terminal.show_cursor();
        restore_terminal();
        let ended = browser.status();
        match take_terminal(mouse) {
            Ok(taken) => *terminal = taken,
            Err(e) => taken_back = Err(e),
        }
        ended
    };
    let said = outside::open_url(url, browser, &mut in_terminal).err().map(|e| format!("could not open {url}: {e}"));
    (said, taken_back)
}

/// An article open in the reader, as the history and the reading positions know it.
struct Opened {
    /// The reading positions' key: a hash of the article's text.
    place_key: String,
    /// The history's key: its source.
    history_key: String,
}

/// Seconds since the epoch, for the reading positions.
fn epoch_seconds() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

/// Starts reading `article` in a model of `size`: resumes where it was left, records it in the
/// history, and says on the status line what the user should know.
fn open(
    article: Article,
    settings: Settings,
    claims: crate::claims::Scorer,
    size: (u16, u16),
    history: Option<&std::path::Path>,
) -> (Model, Opened) {
    let place_key = state::content_key(&article.blocks.iter().map(|b| b.text.as_str()).collect::<Vec<_>>().join("\n"));
    let entry = crate::library::Entry::of(&article, &crate::save::now());
    let history_key = entry.key.clone();
    let (places, warning) = state::load();
    let mut model = Model::new(article, settings, size.0, size.1).with_claims(claims);
    // An article with no text has no place to come back to (and every empty one has one key).
    if let Some(place) = places.get(&place_key).filter(|_| !model.article().blocks.is_empty())
        && model.resume(place.block, place.offset)
    {
        let top = model.settings().keys.reading_key(Action::Top);
        model.show_message(format!("resumed where you left off ({top} for the top)"));
    }
    let recorded = history.map(|path| crate::library::record_open(path, entry));
    let history_warning = match recorded {
        Some(Ok(warning)) => warning,
        Some(Err(e)) => Some(format!("could not record the history: {e}")),
        None => None,
    };
    if let Some(warning) = warning.into_iter().chain(history_warning).reduce(|a, b| format!("{a}; {b}")) {
        model.show_message(warning);
    }
    (model, Opened { place_key, history_key })
}

/// Remembers where `model`'s article was left and how far it was read; what went wrong, if anything.
fn leave(model: &Model, opened: &Opened, history: Option<&std::path::Path>) -> Option<String> {
    let place = model.place().map(|(block, offset)| state::Place { block, offset, seen: epoch_seconds() });
    let remembered = state::remember(&opened.place_key, place)
        .err()
        .map(|e| format!("could not remember the reading position: {e}"));
    let recorded = history
        .map(|path| crate::library::record_close(path, &opened.history_key, model.percent(), &crate::save::now()));
    let recorded = match recorded {
        Some(Err(e)) => Some(format!("could not record the history: {e}")),
        Some(Ok(warning)) => warning,
        None => None,
    };
    remembered.into_iter().chain(recorded).reduce(|a, b| format!("{a}; {b}"))
}

/// Reads `input` through `options.pipeline` and remembers the page for its site (site
/// memory): what every article the reader opens goes through, the first and any from `H`.
fn read_and_remember(pipeline: &crate::Pipeline, input: &crate::source::Input) -> crate::error::Result<crate::Reading> {
    let mut reading = pipeline.read(input)?;
    if let Some(folder) = crate::paths::learned_dir()
        && let Err(e) = crate::sites::remember_page(&folder, &reading.article)
    {
        reading.warnings.push(format!("could not remember this page in {}: {e}", folder.display()));
    }
    Ok(reading)
}

/// Reads `input` with `read_and_remember` off the drawing path while the screen says so ("reading
/// … ", with the seconds gone by once there are some). The close and quit keys stop it: the
/// pipeline cannot be cut short, so the terminal is restored and the process ends (exit 130,
/// as for an interrupt).
fn read_while_saying_so(
    terminal: &mut Terminal<CrosstermBackend<Stdout>>,
    input: &crate::source::Input,
    options: &Options,
    theme: view::Theme,
) -> io::Result<crate::error::Result<crate::Reading>> {
    let started = std::time::Instant::now();
    let keys = &options.settings.keys;
    std::thread::scope(|scope| {
        let reading = scope.spawn(|| read_and_remember(options.pipeline, input));
        while !reading.is_finished() {
            let seconds = started.elapsed().as_secs();
            terminal.draw(|frame| view::reading(&input.name(), seconds, keys, theme, frame))?;
            if !event::poll(std::time::Duration::from_millis(100))? {
                continue;
            }
            if let Event::Key(key) = event::read()?
                && matches!(keys.action_for(keys::KeyContext::Reading, key), Some(Action::Quit | Action::Close))
            {
                restore_terminal();
                std::process::exit(130);
            }
        }
        Ok(reading.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
    })
}

/// Opens the reader on `input` and returns when the user quits: the screen is taken at once
/// and says what is being read until the article is ready. `H` lists the history (the state
/// folder's `history.json`) and the copies in the save folder; choosing one reads it the same
/// way and opens it in place of the article. An input that cannot be read is the
/// error, the terminal restored first.
pub fn run(input: crate::source::Input, options: Options) -> crate::error::Result<()> {
    let terminal_error = |e: io::Error| crate::error::Error::Io { name: "terminal".to_string(), source: e };
    let history = crate::paths::history_file();
    let _guard = Guard;
    let mut terminal = enter(options.mouse).map_err(terminal_error)?;
    let theme = view::Theme { color: options.color, look: options.look, hyperlinks: options.hyperlinks };
    let reading = read_while_saying_so(&mut terminal, &input, &options, theme).map_err(terminal_error)??;
    let size = terminal.size().map_err(terminal_error)?;
    let (mut model, mut opened) = open(
        reading.article,
        options.settings.clone(),
        *options.pipeline.claims(),
        (size.width, size.height),
        history.as_deref(),
    );
    // What the config file and the input gave to say, on the status line.
    let said: Vec<String> = options.warnings.iter().cloned().chain(reading.warnings).collect();
    if !said.is_empty() {
        model.show_message(said.join("; "));
    }
    event_loop(&mut terminal, &mut model, &mut opened, &options, theme, history.as_deref()).map_err(terminal_error)
}

/// The reader's loop: draw, take a key, update, do what the model asked of the world outside.
fn event_loop(
    terminal: &mut Terminal<CrosstermBackend<Stdout>>,
    model: &mut Model,
    opened: &mut Opened,
    options: &Options,
    theme: view::Theme,
    history: Option<&std::path::Path>,
) -> io::Result<()> {
    while !model.has_quit() {
        terminal.draw(|frame| view::view(model, theme, frame))?;
        let action = match event::read()? {
            Event::Key(key) => model.settings().keys.action_for(model.key_context(), key),
            Event::Resize(w, h) => Some(Action::Resize(w, h)),
            Event::Mouse(m) => match m.kind {
                MouseEventKind::ScrollDown => Some(Action::Down(3)),
                MouseEventKind::ScrollUp => Some(Action::Up(3)),
                _ => None,
            },
            _ => None,
        };
        if let Some(action) = action {
            update(model, action);
        }
        for effect in model.take_effects() {
            // What the status line is to say: how saving went, or what failed.
            let said = match effect {
                Effect::Open(url) => {
                    let browser = std::env::var("BROWSER").ok();
                    let (said, taken_back) = open_url(terminal, options.mouse, &url, browser.as_deref());
                    taken_back?;
                    let size = terminal.size()?;
                    update(model, Action::Resize(size.width, size.height));
                    said
                }
                Effect::Copy(text) => outside::copy_to_clipboard(terminal.backend_mut(), &text)
                    .err()
                    .map(|e| format!("could not copy: {e}")),
                Effect::Learn(mark) => match crate::paths::learned_dir() {
                    Some(folder) => crate::sites::remember_mark(&folder, mark)
                        .err()
                        .map(|e| format!("could not remember the mark in {}: {e}", folder.display())),
                    None => Some("no data folder to remember the mark in".to_string()),
                },
                Effect::Forget(marks) => match crate::paths::learned_dir() {
                    Some(folder) => crate::sites::unlearn(&folder, &marks)
                        .err()
                        .map(|e| format!("could not forget the mark in {}: {e}", folder.display())),
                    None => None,
                },
                Effect::Suspend => {
                    suspend(terminal, options.mouse)?;
                    let size = terminal.size()?;
                    update(model, Action::Resize(size.width, size.height));
                    None
                }
                Effect::Save(copy) => Some(outside::save_copy(&copy)),
                Effect::ShowLibrary => {
                    let save_dir = model.settings().save_dir.clone();
                    model.show_library(crate::library::Library::load(history, &save_dir));
                    None
                }
                Effect::Read(input) => match read_while_saying_so(terminal, &input, options, theme)? {
                    Ok(reading) => {
                        let left = leave(model, opened, history);
                        let settings = model.settings().clone();
                        let claims = *options.pipeline.claims();
                        (*model, *opened) = open(reading.article, settings, claims, model.size(), history);
                        left.into_iter().chain(reading.warnings).reduce(|a, b| format!("{a}; {b}"))
                    }
                    Err(e) => Some(format!("could not open it: {e}")),
                },
            };
            if let Some(said) = said {
                model.show_message(said);
            }
        }
    }
    let left = leave(model, opened, history);
    restore_terminal();
    if let Some(e) = left {
        eprintln!("folio: {e}");
    }
    Ok(())
}
