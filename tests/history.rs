//! The history and the library: articles opened in the reader are listed by `folio history`
//! and by `H`, where Enter opens one again; saved copies are named by day and title and
//! listed too; a broken history file is set aside.

mod common;

use common::pty::Session;
use folio::library::{Entry, Library};
use folio::source::Input;
use folio::tui::app::{Effect, Model, Settings, update};
use folio::tui::keys::Action;
use folio::tui::lists::history::History;
use folio::tui::view::{Theme, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::path::{Path, PathBuf};

const SAMPLE_TITLE: &str = "Harbour town swaps gas boilers for a seawater heat pump";
const NOTES_TITLE: &str = "Field notes: reading a tide table";

fn article(path: &Path) -> folio::article::Article {
    folio::Pipeline::bundled().read(&Input::Path(path.to_path_buf())).unwrap().article
}

/// `s` as the reader's event loop does it: the model asks, the copy is written, the status
/// line says where.
fn save(model: &mut Model) {
    update(model, Action::Save);
    for effect in model.take_effects() {
        if let Effect::Save(copy) = effect {
            model.show_message(folio::tui::outside::save_copy(&copy));
        }
    }
}

fn model(path: &Path, save_dir: PathBuf) -> Model {
    let mut model = Model::new(article(path), Settings { column: 80, save_dir, keys: Default::default() }, 100, 30);
    model.set_clock(|| "2026-11-27T10:00:00Z".to_string());
    model
}

fn screen(model: &Model) -> String {
    let (w, h) = model.size();
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal
        .draw(|f| view(model, Theme { color: true, look: folio::tui::view::Look::Dark, hyperlinks: false }, f))
        .unwrap();
    let buffer = terminal.backend().buffer().clone();
    (0..h).map(|y| (0..w).map(|x| buffer[(x, y)].symbol()).collect::<String>().trim_end().to_string() + "\n").collect()
}

/// Opens `path` in folio in a pseudo-terminal with its folders in `dir`, runs `keys` (each
/// after the screen shows `wait`), and waits for it to exit.
fn read_in_terminal(dir: &Path, path: &Path, title: &str, steps: &[(&str, &str)]) {
    let bin = assert_cmd::cargo::cargo_bin("folio");
    let script = format!("'{}' '{}'; echo \"EXIT=$?\"; sleep 5", bin.display(), path.display());
    let env = env(dir);
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let mut s = Session::start(&script, &env);
    s.wait_for("the title", |s| s.row(0).contains(title));
    for (keys, wait) in steps {
        s.keys(keys);
        s.wait_for(wait, |s| s.screen().contains(wait));
    }
    s.keys("q");
    s.wait_for("folio to exit", |s| s.screen().contains("EXIT="));
    assert!(s.screen().contains("EXIT=0"), "{}", s.screen());
    let _ = s.child.kill();
}

/// folio's folders, all in `dir`.
fn env(dir: &Path) -> Vec<(&'static str, String)> {
    ["state", "data", "config"]
        .map(|name| {
            let var = match name {
                "state" => "FOLIO_STATE_DIR",
                "data" => "FOLIO_DATA_DIR",
                _ => "FOLIO_CONFIG_DIR",
            };
            (var, dir.join(name).display().to_string())
        })
        .to_vec()
}

fn history_cmd(dir: &Path) -> assert_cmd::Command {
    let mut cmd = common::folio();
    for (k, v) in env(dir) {
        cmd.env(k, v);
    }
    cmd.arg("history");
    cmd
}

#[test]
fn two_articles_read_in_a_terminal_are_listed_and_h_reopens_one() {
    let dir = tempfile::tempdir().unwrap();
    let sample = common::asset("samples/harbour-heat-pumps.txt");
    let notes = common::asset("samples/field-notes.md");
    read_in_terminal(dir.path(), &sample, "Harbour town swaps", &[]);
    read_in_terminal(dir.path(), &notes, "Field notes", &[("G", "100%")]);

    let out = history_cmd(dir.path()).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let table = String::from_utf8(out.stdout).unwrap();
    let (notes_row, sample_row) = (table.find(NOTES_TITLE), table.find(SAMPLE_TITLE));
    assert!(notes_row.is_some() && sample_row.is_some(), "{table}");
    assert!(notes_row < sample_row, "the newest first:\n{table}");
    assert!(table.lines().any(|l| l.contains(NOTES_TITLE) && l.contains("100%")), "{table}");
    assert!(table.contains(&sample.display().to_string()), "the source's path: {table}");

    let out = history_cmd(dir.path()).arg("--json").output().unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let titles: Vec<&str> = json["read"].as_array().unwrap().iter().map(|e| e["title"].as_str().unwrap()).collect();
    assert_eq!(titles, [NOTES_TITLE, SAMPLE_TITLE]);
    assert_eq!(json["read"][0]["percent"], 100);

    // In the reader, H lists both (the one open now on top); Enter on the other opens it.
    read_in_terminal(
        dir.path(),
        &sample,
        "Harbour town swaps",
        &[("H", "History"), ("j", NOTES_TITLE), ("\r", "resumed where you left off")],
    );
    let out = history_cmd(dir.path()).arg("--json").output().unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["read"][0]["title"], NOTES_TITLE, "the article opened from the list was recorded last");
    assert_eq!(json["read"].as_array().unwrap().len(), 2, "one entry per article");
}

#[test]
fn the_h_list_shows_what_was_read_and_saved_and_enter_opens_it() {
    let dir = tempfile::tempdir().unwrap();
    let history = dir.path().join("state/history.json");
    let save_dir = dir.path().join("saved");
    let sample = common::asset("samples/harbour-heat-pumps.txt");
    let notes = common::asset("samples/field-notes.md");
    for (path, at) in [(&sample, "2026-11-26T09:00:00Z"), (&notes, "2026-11-27T09:00:00Z")] {
        folio::library::record_open(&history, Entry::of(&article(path), at)).unwrap();
    }
    let mut model = model(&sample, save_dir.clone());
    save(&mut model);
    assert!(model.message().unwrap().starts_with("saved "), "{:?}", model.message());

    update(&mut model, Action::History);
    assert_eq!(model.take_effects(), [Effect::ShowLibrary]);
    model.show_library(Library::load(Some(&history), &save_dir));
    assert_eq!(model.list::<History>(), Some(&History { selected: 0 }));
    let shown = screen(&model);
    let at = |what: &str| shown.find(what).unwrap_or_else(|| panic!("{what:?} not on the screen:\n{shown}"));
    assert!(at(&format!("read  {NOTES_TITLE}")) < at(&format!("read  {SAMPLE_TITLE}")), "{shown}");
    assert!(shown.contains(&format!("saved {SAMPLE_TITLE}")), "{shown}");
    assert!(shown.contains("/saved/2026-11-27-harbour-"), "the copy's file: {shown}");

    update(&mut model, Action::Select);
    assert_eq!(model.take_effects(), [Effect::Read { input: Input::Path(notes.clone()), fragment: None }]);
    update(&mut model, Action::History);
    assert_eq!(model.take_effects(), [Effect::ShowLibrary]);
    model.show_library(Library::load(Some(&history), &save_dir));
    update(&mut model, Action::Bottom);
    update(&mut model, Action::Select);
    let copy = save_dir.join("2026-11-27-harbour-town-swaps-gas-boilers-for-a-seawater-heat-pump.md");
    assert_eq!(model.take_effects(), [Effect::Read { input: Input::Path(copy), fragment: None }]);
}

#[test]
fn an_article_read_from_standard_input_cannot_be_opened_again() {
    let dir = tempfile::tempdir().unwrap();
    let history = dir.path().join("history.json");
    let mut piped = article(&common::asset("samples/field-notes.md"));
    piped.source.kind = folio::article::SourceKind::Stdin;
    piped.source.name = "-".to_string();
    let entry = Entry::of(&piped, "2026-11-27T09:00:00Z");
    assert_eq!(entry.input(), None);
    folio::library::record_open(&history, entry).unwrap();
    let mut model = model(&common::asset("samples/harbour-heat-pumps.txt"), dir.path().join("saved"));
    model.show_library(Library::load(Some(&history), &dir.path().join("saved")));
    assert!(screen(&model).contains("standard input"));
    update(&mut model, Action::Select);
    assert!(model.take_effects().is_empty());
    let message = model.message().unwrap();
    assert!(message.contains("standard input") && message.contains("cannot open it again"), "{message}");
}

#[test]
fn an_empty_history_is_said_not_shown() {
    let dir = tempfile::tempdir().unwrap();
    let mut model = model(&common::asset("samples/harbour-heat-pumps.txt"), dir.path().join("saved"));
    model.show_library(Library::load(Some(&dir.path().join("history.json")), &dir.path().join("saved")));
    assert!(model.overlay().is_none());
    assert!(model.message().unwrap().contains("no articles read"));
}

#[test]
fn saved_copies_are_named_by_day_and_title_and_never_replace_another() {
    let dir = tempfile::tempdir().unwrap();
    let save_dir = dir.path().join("saved");
    let mut sample = model(&common::asset("samples/harbour-heat-pumps.txt"), save_dir.clone());
    save(&mut sample);
    save(&mut sample);
    let name = "2026-11-27-harbour-town-swaps-gas-boilers-for-a-seawater-heat-pump";
    let names = |dir: &Path| {
        let mut names: Vec<String> =
            std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        names.sort();
        names
    };
    assert_eq!(names(&save_dir), [format!("{name}.md")], "the same copy is saved once");
    std::fs::write(save_dir.join(format!("{name}.md")), "someone else's file").unwrap();
    save(&mut sample);
    assert_eq!(names(&save_dir), [format!("{name}-2.md"), format!("{name}.md")]);
    assert_eq!(std::fs::read_to_string(save_dir.join(format!("{name}.md"))).unwrap(), "someone else's file");
}

#[test]
fn folio_history_sets_a_broken_file_aside_and_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state");
    std::fs::create_dir_all(&state).unwrap();
    std::fs::write(state.join("history.json"), "not json at all").unwrap();
    let out = history_cmd(dir.path()).output().unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains(&state.join("history.json").display().to_string()), "{stderr}");
    assert!(stderr.contains("history.json.broken"), "{stderr}");
    assert_eq!(std::fs::read_to_string(state.join("history.json.broken")).unwrap(), "not json at all");
    assert!(String::from_utf8_lossy(&out.stdout).contains("No articles read yet."));
}

#[test]
fn folio_history_with_nothing_read_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let out = history_cmd(dir.path()).output().unwrap();
    assert!(out.status.success());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("No articles read yet.") && stdout.contains("No saved copies in"), "{stdout}");
}
