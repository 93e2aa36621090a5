//! The full-screen reader: terminal set-up and restoration, and the event loop that turns
//! key presses into actions for `app::update` and draws with `view::view`.

pub mod app;
pub mod document;
pub mod hyperlinks;
pub mod keys;
pub mod lines;
pub mod lists;
pub mod outside;
pub mod print;
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
    /// What the user said of the first article (`--from`, `--base`); pages followed from it are
    /// read as what they are.
    pub given: crate::source::Given,
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
/// memory): what the first article the reader opens goes through.
fn read_and_remember(
    pipeline: &crate::Pipeline,
    input: &crate::source::Input,
    given: &crate::source::Given,
) -> crate::error::Result<crate::Reading> {
    let mut reading = pipeline.read_as(input, given)?;
    remember_for_site(&mut reading);
    Ok(reading)
}

/// Remembers the page read for its site (site memory), as every page the reader opens is: a
/// failure is one more warning.
fn remember_for_site(reading: &mut crate::Reading) {
    if let Some(folder) = crate::paths::learned_dir()
        && let Err(e) = crate::sites::remember_page(&folder, &reading.article)
    {
        reading.warnings.push(format!("could not remember this page in {}: {e}", folder.display()));
    }
}

/// A page visited in this reading, as it was left: the reader on it (the same top line, the
/// same folds open) and what the history and the reading positions know it by.
struct Visit {
    model: Model,
    opened: Opened,
}

/// The most pages kept to go back to; the oldest are let go first.
const TRAIL_PAGES: usize = 50;

/// The pages visited, as a browser keeps them: those read before the one open now (the newest
/// last) and those gone back from (the nearest last). Kept in memory: going back fetches nothing.
#[derive(Default)]
struct Trail {
    back: Vec<Visit>,
    forward: Vec<Visit>,
}

impl Trail {
    /// Tells `model` where it is among the pages visited ("2 of 3").
    fn mark(&self, model: &mut Model) {
        let at = self.back.len() + 1;
        model.set_trail(at, at + self.forward.len());
    }
}

/// Why a page is being read in the background.
enum Purpose {
    /// To go on to it (the page open now kept to come back to), then to the place its fragment names.
    Follow(Option<String>),
    /// To read the page open now again, in its place.
    Reload,
}

/// A page being read in the background: the reader goes on taking keys meanwhile. Cancelling
/// lets go of it; the reading thread ends on its own (the fetch is capped in time and size)
/// and what it read is dropped.
struct Loading {
    purpose: Purpose,
    /// What it is, for messages.
    name: String,
    arrived: std::sync::mpsc::Receiver<crate::error::Result<crate::Reading>>,
}

/// Starts reading `input` through `pipeline` on a thread of its own.
fn read_in_background(
    pipeline: &std::sync::Arc<crate::Pipeline>,
    input: crate::source::Input,
    purpose: Purpose,
) -> io::Result<Loading> {
    let (send, arrived) = std::sync::mpsc::channel();
    let pipeline = std::sync::Arc::clone(pipeline);
    let name = input.name();
    std::thread::Builder::new().name("page".to_string()).spawn(move || {
        // Nobody waiting (cancelled, or folio quit) is no error.
        let _ = send.send(pipeline.read(&input));
    })?;
    Ok(Loading { purpose, name, arrived })
}

/// The input that reads `article` again: its file or its address (none for standard input).
fn input_again(article: &Article) -> Option<crate::source::Input> {
    use crate::article::SourceKind;
    let name = &article.source.name;
    match article.source.kind {
        SourceKind::File => Some(crate::source::Input::Path(name.into())),
        SourceKind::Url => Some(crate::source::Input::Url(name.clone())),
        SourceKind::Stdin => None,
    }
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
        let reading = scope.spawn(|| read_and_remember(options.pipeline, input, &options.given));
        let mut shown = None;
        while !reading.is_finished() {
            let seconds = started.elapsed().as_secs();
            if shown != Some(seconds) {
                terminal.draw(|frame| view::reading(&input.name(), seconds, keys, theme, frame))?;
                shown = Some(seconds);
            }
            // Short waits: the article is shown as soon as it is read, not at the next tenth.
            if !event::poll(std::time::Duration::from_millis(2))? {
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
    let (mut model, opened) = open(
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
    let mut visit = Visit { model, opened };
    event_loop(&mut terminal, &mut visit, &options, theme, history.as_deref()).map_err(terminal_error)
}

/// The reader's loop: draw, take a key (and, while a page is read in the background, its
/// arrival), update, do what the model asked of the world outside.
fn event_loop(
    terminal: &mut Terminal<CrosstermBackend<Stdout>>,
    here: &mut Visit,
    options: &Options,
    theme: view::Theme,
    history: Option<&std::path::Path>,
) -> io::Result<()> {
    let pipeline = std::sync::Arc::new(options.pipeline.clone());
    let mut trail = Trail::default();
    let mut loading: Option<Loading> = None;
    while !here.model.has_quit() {
        let model = &mut here.model;
        terminal.draw(|frame| view::view(model, theme, frame))?;
        // While a page is on its way, look for it ten times a second between keys.
        let event = match loading {
            Some(_) if !event::poll(std::time::Duration::from_millis(100))? => None,
            _ => Some(event::read()?),
        };
        let action = match event {
            Some(Event::Key(key)) => model.settings().keys.action_for(model.key_context(), key),
            Some(Event::Resize(w, h)) => Some(Action::Resize(w, h)),
            Some(Event::Mouse(m)) => match m.kind {
                MouseEventKind::ScrollDown => Some(Action::Down(3)),
                MouseEventKind::ScrollUp => Some(Action::Up(3)),
                _ => None,
            },
            _ => None,
        };
        if let Some(action) = action {
            update(model, action);
        }
        if let Some(arrived) = loading.as_ref().and_then(|l| l.arrived.try_recv().ok()) {
            let Some(done) = loading.take() else { continue };
            here.model.set_loading(None);
            let said = arrive(here, &mut trail, done, arrived, history, options.pipeline.claims());
            if let Some(said) = said {
                here.model.show_message(said);
            }
        }
        let effects = here.model.take_effects();
        for effect in effects {
            let model = &mut here.model;
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
                Effect::Read { input, fragment } => {
                    start_loading(&mut loading, model, &pipeline, input, Purpose::Follow(fragment))
                }
                Effect::Reload => match input_again(model.article()) {
                    Some(input) => start_loading(&mut loading, model, &pipeline, input, Purpose::Reload),
                    None => None,
                },
                Effect::CancelLoad => loading.take().map(|l| {
                    model.set_loading(None);
                    format!("stopped reading {}", crate::text::safe::visible(&l.name))
                }),
                Effect::Back | Effect::Forward => {
                    // Going elsewhere lets go of a page still on its way.
                    if loading.take().is_some() {
                        model.set_loading(None);
                    }
                    let back = matches!(effect, Effect::Back);
                    let size = terminal.size()?;
                    step(here, &mut trail, back, (size.width, size.height), history)
                }
            };
            if let Some(said) = said {
                here.model.show_message(said);
            }
        }
    }
    let left = leave(&here.model, &here.opened, history);
    restore_terminal();
    if let Some(e) = left {
        eprintln!("folio: {e}");
    }
    Ok(())
}

/// Starts reading `input` in the background (letting go of any page still on its way) and
/// tells `model`, whose status line says so until it arrives; what went wrong, if anything.
fn start_loading(
    loading: &mut Option<Loading>,
    model: &mut Model,
    pipeline: &std::sync::Arc<crate::Pipeline>,
    input: crate::source::Input,
    purpose: Purpose,
) -> Option<String> {
    let name = input.name();
    match read_in_background(pipeline, input, purpose) {
        Ok(started) => {
            model.set_loading(Some(started.name.clone()));
            *loading = Some(started);
            None
        }
        Err(e) => Some(format!("could not start reading {}: {e}", crate::text::safe::visible(&name))),
    }
}

/// A page read in the background has arrived (or failed): a page followed opens in place of
/// the one open now, which is kept to go back to; a page read again takes its own place, at
/// the same place in it. A failure leaves the page open now as it is. What the status line is
/// to say.
fn arrive(
    here: &mut Visit,
    trail: &mut Trail,
    loading: Loading,
    arrived: crate::error::Result<crate::Reading>,
    history: Option<&std::path::Path>,
    claims: &crate::claims::Scorer,
) -> Option<String> {
    let mut reading = match arrived {
        Ok(reading) => reading,
        // The cause first: a long address loses its middle on the status line, not the cause.
        Err(crate::error::Error::Fetch { url, problem }) => return Some(format!("not read: {problem} — {url}")),
        Err(e) => return Some(format!("could not read {e}")),
    };
    remember_for_site(&mut reading);
    let left = leave(&here.model, &here.opened, history);
    let settings = here.model.settings().clone();
    let (model, opened) = open(reading.article, settings, *claims, here.model.size(), history);
    let before = std::mem::replace(here, Visit { model, opened });
    match loading.purpose {
        Purpose::Follow(fragment) => {
            trail.back.push(before);
            trail.forward.clear();
            if trail.back.len() > TRAIL_PAGES {
                trail.back.remove(0);
            }
            if let Some(fragment) = fragment {
                here.model.go_to_place(&fragment);
            }
        }
        Purpose::Reload => {
            let (block, offset) = before.model.anchor();
            here.model.jump_to(block, offset);
            here.model.show_message(format!("read {} again", crate::text::safe::visible(&loading.name)));
        }
    }
    trail.mark(&mut here.model);
    let said: Vec<String> = left.into_iter().chain(reading.warnings).collect();
    (!said.is_empty()).then(|| said.join("; "))
}

/// Back (or forward) along the trail: the page open now is left (its place remembered) and
/// kept on the other side; the page stepped to opens as it was left, laid out for the
/// terminal's `size` now. What the status line is to say.
fn step(
    here: &mut Visit,
    trail: &mut Trail,
    back: bool,
    size: (u16, u16),
    history: Option<&std::path::Path>,
) -> Option<String> {
    let (from, to) = if back { (&mut trail.back, &mut trail.forward) } else { (&mut trail.forward, &mut trail.back) };
    let next = from.pop()?;
    let left = leave(&here.model, &here.opened, history);
    to.push(std::mem::replace(here, next));
    // Laid out again only if the terminal changed meanwhile: the same top line otherwise.
    if here.model.size() != size {
        update(&mut here.model, Action::Resize(size.0, size.1));
    }
    trail.mark(&mut here.model);
    left
}
