//! The reader without a terminal: `update` on real articles, and whole screens drawn on
//! ratatui's TestBackend (snapshots of the bundled sample; assertions on the seed).

mod common;

use crossterm::event::{KeyCode, KeyModifiers};
use folio::source::Input;
use folio::tui::app::{Effect, Model, Settings, update};
use folio::tui::document::Seg;
use folio::tui::keys::{Action, KeyContext, Keymap};
use folio::tui::lists::contents::Contents;
use folio::tui::lists::links::Links;
use folio::tui::lists::picker::MarkStory;
use folio::tui::view::{Look, Theme, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Color;
use std::path::{Path, PathBuf};

fn model_of(path: &Path, width: u16, height: u16) -> Model {
    model_saving_to(path, std::env::temp_dir().join("folio-test-unused"), width, height)
}

fn model_saving_to(path: &Path, save_dir: PathBuf, width: u16, height: u16) -> Model {
    let article = folio::Pipeline::bundled().read(&Input::Path(path.to_path_buf())).unwrap().article;
    let settings = Settings { column: 80, save_dir, keys: Default::default() };
    let mut model = Model::new(article, settings, width, height);
    model.set_clock(|| "2026-01-01T00:00:00Z".to_string());
    model
}

fn sample(width: u16, height: u16) -> Model {
    model_of(&common::asset("samples/harbour-heat-pumps.txt"), width, height)
}

/// The sample at 90 × 24, saving its copies into `save_dir`.
fn sample_saving_to(save_dir: PathBuf) -> Model {
    model_saving_to(&common::asset("samples/harbour-heat-pumps.txt"), save_dir, 90, 24)
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

/// The screen as text; search hits (yellow background) are wrapped in ⟦ ⟧ so that the
/// snapshot shows them.
fn screen(model: &Model) -> String {
    let (w, h) = model.size();
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| view(model, Theme { color: true, look: Look::Dark, hyperlinks: false }, f)).unwrap();
    let buffer = terminal.backend().buffer().clone();
    let mut out = String::new();
    for y in 0..h {
        let mut in_hit = false;
        let mut line = String::new();
        for x in 0..w {
            let cell = &buffer[(x, y)];
            let hit = cell.bg == Color::Yellow;
            if hit != in_hit {
                line.push(if hit { '⟦' } else { '⟧' });
                in_hit = hit;
            }
            line.push_str(cell.symbol());
        }
        if in_hit {
            line.push('⟧');
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn top_text(model: &Model) -> String {
    let doc = model.page();
    let window = doc.window(model.top(), 1);
    let (seg, line) = &window[0];
    match doc.segs[*seg] {
        Seg::Block(id) => doc.article.blocks[id].text[line.range.clone()].to_string(),
        Seg::Fold(f) => format!("fold {}", doc.folds[f].names()),
    }
}

#[test]
fn first_screen_of_the_sample() {
    insta::assert_snapshot!(screen(&sample(90, 30)));
}

#[test]
fn contents_overlay() {
    let mut model = sample(90, 24);
    update(&mut model, Action::NextSection);
    update(&mut model, Action::Contents);
    assert_eq!(model.list::<Contents>(), Some(&Contents { selected: 0 }));
    insta::assert_snapshot!(screen(&model));
}

#[test]
fn claims_overlay() {
    let mut model = sample(90, 24);
    update(&mut model, Action::ClaimsList);
    insta::assert_snapshot!(screen(&model));
}

#[test]
fn help_overlay() {
    let mut model = sample(90, 40);
    update(&mut model, Action::Help);
    insta::assert_snapshot!(screen(&model));
}

#[test]
fn search_highlights() {
    let mut model = sample(90, 24);
    update(&mut model, Action::Search);
    for c in "heat".chars() {
        update(&mut model, Action::SearchInput(c));
    }
    update(&mut model, Action::SearchConfirm);
    insta::assert_snapshot!(screen(&model));
}

#[test]
fn tiny_terminal() {
    let mut model = sample(20, 5);
    insta::assert_snapshot!("tiny_first", screen(&model));
    for action in [Action::PageDown, Action::NextClaim, Action::Contents, Action::Down(1), Action::Close, Action::Help]
    {
        update(&mut model, action);
        let _ = screen(&model);
    }
    insta::assert_snapshot!("tiny_help", screen(&model));
}

#[test]
fn no_size_panics() {
    let mut model = sample(80, 24);
    for (w, h) in [(1, 1), (2, 3), (5, 2), (20, 5), (300, 100), (0, 0), (80, 24)] {
        update(&mut model, Action::Resize(w, h));
        for action in [
            Action::Bottom,
            Action::Help,
            Action::Close,
            Action::ClaimsList,
            Action::Down(1),
            Action::Close,
            Action::Top,
        ] {
            update(&mut model, action);
            if w > 0 && h > 0 {
                let _ = screen(&model);
            }
        }
    }
}

#[test]
fn sections_move_forward_and_back() {
    let mut model = sample(90, 12);
    update(&mut model, Action::NextSection);
    assert_eq!(top_text(&model), "How the system works");
    update(&mut model, Action::NextSection);
    assert_eq!(top_text(&model), "What it costs");
    update(&mut model, Action::Down(3));
    update(&mut model, Action::PrevSection);
    assert_eq!(top_text(&model), "What it costs", "[ goes to the start of the section first");
    update(&mut model, Action::PrevSection);
    assert_eq!(top_text(&model), "How the system works");
    assert_eq!(model.current_section(), Some(0));
}

#[test]
fn claims_are_visited_in_order() {
    let mut model = sample(90, 24);
    update(&mut model, Action::NextClaim);
    assert_eq!(model.claim(), Some(0));
    let first = &model.article().claims()[0];
    assert_eq!(model.top_block(), Some(first.block));
    update(&mut model, Action::NextClaim);
    assert_eq!(model.claim(), Some(1));
    update(&mut model, Action::PrevClaim);
    assert_eq!(model.claim(), Some(0));
    update(&mut model, Action::ClaimsList);
    update(&mut model, Action::Bottom);
    update(&mut model, Action::Select);
    assert_eq!(model.claim(), Some(model.article().claims().len() - 1));
    assert!(model.overlay().is_none());
}

#[test]
fn folds_open_and_close() {
    let mut model = sample(90, 24);
    assert_eq!(top_text(&model), "fold navigation, cookie, engagement");
    let folds = model.document().folds.len();
    assert!(folds >= 4, "every run of clutter is a fold");
    update(&mut model, Action::ToggleFold);
    assert!(model.document().folds[0].open);
    update(&mut model, Action::Down(2));
    assert_eq!(top_text(&model), "Skip to content");
    update(&mut model, Action::ToggleFold);
    assert!(!model.document().folds[0].open);
    assert_eq!(
        top_text(&model),
        "fold navigation, cookie, engagement",
        "closing the fold under the top line moves to its fold line"
    );
    update(&mut model, Action::ToggleAllFolds);
    assert!(model.document().folds.iter().all(|f| f.open));
    update(&mut model, Action::ToggleAllFolds);
    assert!(model.document().folds.iter().all(|f| !f.open));
}

#[test]
fn fold_chooser_changes_what_folds() {
    let mut model = sample(90, 24);
    let navigation = |m: &Model| m.document().folds.iter().any(|f| f.names().contains("navigation"));
    assert!(navigation(&model));
    update(&mut model, Action::ChooseFolds);
    update(&mut model, Action::Toggle); // the first category: navigation
    update(&mut model, Action::Close);
    assert!(!navigation(&model), "navigation no longer folds");
    assert_eq!(top_text(&model), "Skip to content", "unfolded navigation is shown as text");
}

#[test]
fn search_is_smart_case_and_wraps() {
    let mut model = sample(90, 24);
    update(&mut model, Action::Search);
    for c in "kelby".chars() {
        update(&mut model, Action::SearchInput(c));
    }
    let lower = model.search().unwrap().matches().len();
    assert!(lower >= 2);
    update(&mut model, Action::SearchConfirm);
    let first = model.search().unwrap().current();
    update(&mut model, Action::NextMatch);
    assert_ne!(model.search().unwrap().current(), first);
    update(&mut model, Action::Escape);
    assert!(model.search().is_none());
    update(&mut model, Action::Search);
    for c in "KELBY".chars() {
        update(&mut model, Action::SearchInput(c));
    }
    assert_eq!(model.search().unwrap().matches().len(), 0, "an upper-case query matches case");
}

#[test]
fn resize_keeps_the_same_text_at_the_top() {
    let mut model = sample(90, 24);
    update(&mut model, Action::NextSection);
    update(&mut model, Action::Down(3));
    let (block, offset) = model.anchor();
    let text_before = top_text(&model);
    update(&mut model, Action::Resize(40, 20));
    let (block_after, offset_after) = model.anchor();
    assert_eq!(block_after, block);
    assert!(offset_after <= offset && top_text(&model).len() < text_before.len() + 40);
    let top_line = &model.article().blocks[block].text;
    assert!(top_line[offset_after..].starts_with(&top_text(&model)));
}

#[test]
fn resume_position_round_trips_through_the_anchor() {
    let mut model = sample(90, 24);
    update(&mut model, Action::NextClaim);
    update(&mut model, Action::NextClaim);
    let (block, offset) = model.anchor();
    let mut reopened = sample(90, 24);
    reopened.jump_to(block, offset);
    assert_eq!(reopened.anchor(), (block, offset));
    assert_eq!(top_text(&reopened), top_text(&model));
}

#[test]
fn save_writes_the_clean_copy() {
    let dir = tempfile::tempdir().unwrap();
    let mut model = sample_saving_to(dir.path().join("copies"));
    save(&mut model);
    let message = model.message().unwrap();
    assert!(message.starts_with("saved "), "{message}");
    let path = dir.path().join("copies/2026-01-01-harbour-town-swaps-gas-boilers-for-a-seawater-heat-pump.md");
    let saved = std::fs::read_to_string(path).unwrap();
    let expected = folio::export::markdown::clean_markdown(model.article(), "2026-01-01T00:00:00Z");
    assert_eq!(saved, expected);
}

#[test]
fn save_failure_is_shown_and_the_article_stays_open() {
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("file");
    std::fs::write(&blocker, "not a folder").unwrap();
    let mut model = sample_saving_to(blocker.join("sub"));
    save(&mut model);
    assert!(model.message().unwrap().starts_with("not saved: "));
    assert!(!model.has_quit());
}

#[test]
fn q_closes_overlays_before_quitting() {
    let mut model = sample(90, 24);
    update(&mut model, Action::Help);
    update(&mut model, Action::Close);
    assert!(model.overlay().is_none() && !model.has_quit());
    update(&mut model, Action::Close);
    assert!(model.has_quit());
}

#[test]
fn seed_first_screen_folds_the_clutter_and_titles_the_header() {
    let Some(seed) = common::shared("corpus/seed/btcc-buterin.txt") else { return };
    let model = model_of(&seed, 100, 30);
    let screen = screen(&model);
    let lines: Vec<&str> = screen.lines().collect();
    assert!(lines[0].contains("Vitalik Buterin Dismisses"), "{screen}");
    assert!(lines[0].contains("2025-12-17"), "{screen}");
    assert!(screen.contains("▸ 3 blocks folded: navigation, engagement · z to open"), "{screen}");
    assert!(!screen.contains("BTCC Square"), "breadcrumb shown as text:\n{screen}");
    assert!(!screen.contains("Published:"), "metadata belongs in the header:\n{screen}");
    let body: Vec<&str> = lines[1..lines.len() - 1].iter().map(|l| l.trim()).collect();
    assert!(!body.contains(&"5") && !body.contains(&"2"), "counters shown as text:\n{screen}");
}

#[test]
fn seed_navigation() {
    let Some(seed) = common::shared("corpus/seed/btcc-buterin.txt") else { return };
    let mut model = model_of(&seed, 100, 30);
    update(&mut model, Action::NextSection);
    assert_eq!(top_text(&model), "The Flawed Frame");
    update(&mut model, Action::NextClaim);
    let claim = &model.article().claims()[model.claim().unwrap()];
    assert!(claim.text.starts_with("Senator Bernie Sanders"), "{}", claim.text);
    update(&mut model, Action::Bottom);
    assert_eq!(model.percent(), 100);
    update(&mut model, Action::Top);
    assert_eq!(model.top(), model.document().start());
}

#[test]
fn monochrome_theme_uses_no_colour() {
    let mut model = sample(90, 24);
    update(&mut model, Action::NextClaim);
    let mut terminal = Terminal::new(TestBackend::new(90, 24)).unwrap();
    terminal.draw(|f| view(&model, Theme { color: false, look: Look::Dark, hyperlinks: false }, f)).unwrap();
    let buffer = terminal.backend().buffer();
    let mut styled = 0;
    for cell in buffer.content() {
        assert_eq!((cell.fg, cell.bg), (Color::Reset, Color::Reset), "colour in a NO_COLOR screen");
        styled += usize::from(!cell.modifier.is_empty());
    }
    assert!(styled > 100, "headings, claims and bars still stand out by bold, underline and reverse");
}

#[test]
fn links_get_numbered_markers_and_a_list() {
    let mut model = model_of(&common::asset("samples/field-notes.md"), 90, 40);
    assert_eq!(model.document().links.len(), 1);
    let shown = screen(&model);
    assert!(shown.contains("hydrographic office[1]"), "{shown}");
    update(&mut model, Action::LinksList);
    assert_eq!(model.list::<Links>(), Some(&Links { selected: 0 }));
    let listed = screen(&model);
    assert!(listed.contains("[1] hydrographic office  — https://example.org/chart-datum"), "{listed}");
    update(&mut model, Action::Select);
    assert!(model.overlay().is_none());
    assert_eq!(model.take_effects(), [read("https://example.org/chart-datum")]);
}

/// What following a link to the web page `url` asks of the event loop: read it in folio.
fn read(url: &str) -> Effect {
    Effect::Read { input: folio::source::Input::Url(url.to_string()), fragment: None }
}

/// A Markdown article with `n` links, `[link k](https://example.org/k)`.
fn article_with_links(n: usize) -> (tempfile::TempDir, PathBuf) {
    let links: Vec<String> = (1..=n).map(|k| format!("[link {k}](https://example.org/{k})")).collect();
    let text = format!("# Links\n\nA paragraph that names {} and ends here.\n", links.join(", "));
    common::temp_file("links.md", text.as_bytes())
}

#[test]
fn o_opens_the_links_list_from_the_key_table() {
    let key = crossterm::event::KeyEvent::new(KeyCode::Char('o'), KeyModifiers::NONE);
    assert_eq!(Keymap::default().action_for(KeyContext::Reading, key), Some(Action::LinksList));
}

#[test]
fn the_links_list_moves_opens_and_copies() {
    let (_dir, page) = article_with_links(12);
    let mut model = model_of(&page, 90, 24);
    update(&mut model, Action::LinksList);
    update(&mut model, Action::Down(1));
    update(&mut model, Action::Down(1));
    assert_eq!(model.list::<Links>(), Some(&Links { selected: 2 }), "j moves in the links list");
    update(&mut model, Action::Up(1));
    assert_eq!(model.list::<Links>(), Some(&Links { selected: 1 }));
    update(&mut model, Action::Bottom);
    assert_eq!(model.list::<Links>(), Some(&Links { selected: 11 }));
    update(&mut model, Action::Yank);
    assert_eq!(model.take_effects(), [Effect::Copy("https://example.org/12".to_string())]);
    assert!(model.message().unwrap().contains("OSC 52"), "{:?}", model.message());
    update(&mut model, Action::Top);
    update(&mut model, Action::Select);
    assert_eq!(model.take_effects(), [read("https://example.org/1")], "Enter reads the link in folio");
    assert!(model.overlay().is_none());
    update(&mut model, Action::LinksList);
    update(&mut model, Action::Down(1));
    update(&mut model, Action::OpenOutside);
    assert_eq!(model.take_effects(), [Effect::Open("https://example.org/2".to_string())], "O opens it outside");
    assert!(model.overlay().is_none());
}

#[test]
fn f_and_a_marker_number_open_that_link() {
    let (_dir, page) = article_with_links(12);
    let mut model = model_of(&page, 90, 24);
    // `2` can start no other number among 12 links: it opens at once.
    update(&mut model, Action::FollowLink);
    assert!(screen(&model).contains("follow link ["), "the status line shows the prompt");
    update(&mut model, Action::LinkDigit(2));
    assert_eq!(model.take_effects(), [read("https://example.org/2")]);
    assert_eq!(model.link_prompt(), None);
    // `1` starts 10, 11 and 12: it waits for another digit or Enter.
    update(&mut model, Action::FollowLink);
    update(&mut model, Action::LinkDigit(1));
    assert!(model.take_effects().is_empty());
    update(&mut model, Action::LinkDigit(1));
    assert_eq!(model.take_effects(), [read("https://example.org/11")]);
    update(&mut model, Action::FollowLink);
    update(&mut model, Action::LinkDigit(1));
    update(&mut model, Action::SearchConfirm);
    assert_eq!(model.take_effects(), [read("https://example.org/1")]);
    // `O` and a number open it outside, in the browser.
    update(&mut model, Action::OpenOutside);
    assert!(screen(&model).contains("open link ["), "the status line shows the prompt");
    update(&mut model, Action::LinkDigit(3));
    assert_eq!(model.take_effects(), [Effect::Open("https://example.org/3".to_string())]);
    // No such link: said, nothing opened; Esc leaves the prompt.
    update(&mut model, Action::FollowLink);
    update(&mut model, Action::LinkDigit(1));
    update(&mut model, Action::LinkDigit(5));
    assert!(model.take_effects().is_empty());
    assert!(model.message().unwrap().starts_with("no link [15]"), "{:?}", model.message());
    update(&mut model, Action::FollowLink);
    update(&mut model, Action::Escape);
    assert_eq!(model.link_prompt(), None);
    assert!(!model.has_quit());
}

#[test]
fn highlights_stay_on_their_words_past_link_markers() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("page.md");
    std::fs::write(
        &page,
        "# T\n\nSee [the report](https://x.example/r) and [the data](https://x.example/d) for details on growth.\n",
    )
    .unwrap();
    let mut model = model_of(&page, 90, 10);
    update(&mut model, Action::Search);
    for c in "details".chars() {
        update(&mut model, Action::SearchInput(c));
    }
    let shown = screen(&model);
    assert!(shown.contains("See the report[1] and the data[2] for ⟦details⟧ on growth."), "{shown}");
}

#[test]
fn saving_into_a_read_only_folder_is_refused_and_the_article_stays_open() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("read-only");
    std::fs::create_dir(&folder).unwrap();
    std::fs::set_permissions(&folder, std::os::unix::fs::PermissionsExt::from_mode(0o555)).unwrap();
    if std::fs::write(folder.join("probe"), "x").is_ok() {
        eprintln!("skipped: running as root, who can write into a read-only folder");
        return;
    }
    let mut model = sample_saving_to(folder.clone());
    save(&mut model);
    let message = model.message().unwrap();
    assert!(message.starts_with("not saved: ") && message.contains("ermission denied"), "{message}");
    assert!(!model.has_quit());
    assert_eq!(std::fs::read_dir(&folder).unwrap().count(), 0, "no temporary file left behind");
}

#[test]
fn help_says_it_scrolls_and_reaches_its_last_line() {
    let mut model = sample(80, 24);
    update(&mut model, Action::Help);
    let first = screen(&model);
    assert!(first.contains("▼ lines 1–20 of"), "no sign that help scrolls:\n{first}");
    update(&mut model, Action::Bottom);
    let last = screen(&model);
    assert!(last.contains("▲  lines"), "no sign of the lines above:\n{last}");
    for key in ["Ctrl-c", "q Esc", "In the link prompt", "[keys.lists]", "theme = \"dark\""] {
        assert!(last.contains(key), "{key} not reached:\n{last}");
    }
    // Back up a line from the end shows the line before: the scroll stops at the end.
    update(&mut model, Action::Up(1));
    assert_ne!(screen(&model), last, "k after G scrolls back at once");
}

#[test]
fn the_claims_list_shows_the_whole_sentence_and_why() {
    let mut model = sample(80, 24);
    update(&mut model, Action::ClaimsList);
    let shown = screen(&model);
    // The first claim's sentence, wrapped whole, then its cues with the text they matched.
    assert!(shown.contains("bills are lower than anyone expected."), "{shown}");
    assert!(shown.contains("· a measured comparison: lower than"), "{shown}");
    // A wide terminal gives the list its width.
    let mut wide = sample(160, 40);
    update(&mut wide, Action::ClaimsList);
    assert!(screen(&wide).lines().any(|l| l.chars().count() > 150), "{}", screen(&wide));
}

#[test]
fn a_line_break_inside_a_claim_reads_as_a_space_in_the_list() {
    let (_dir, page) = common::temp_file(
        "masks.md",
        b"# Masks\n\nThe city said on Monday that it handed out 5,000,000 masks today  \nI urge all residents to wear them, the mayor said in 2019.\n",
    );
    let mut model = model_of(&page, 100, 24);
    update(&mut model, Action::ClaimsList);
    let shown = screen(&model);
    assert!(shown.contains("masks today I urge"), "{shown}");
}

#[test]
fn y_copies_the_current_claim_and_capital_y_the_clean_copy() {
    let mut model = sample(90, 24);
    update(&mut model, Action::YankClaim);
    assert!(model.take_effects().is_empty(), "no current claim, nothing copied");
    assert!(model.message().unwrap().starts_with("no current claim"), "{:?}", model.message());
    update(&mut model, Action::NextClaim);
    update(&mut model, Action::YankClaim);
    let sentence = model.article().claims()[0].text.clone();
    assert_eq!(model.take_effects(), [Effect::Copy(sentence)]);
    assert!(model.message().unwrap().contains("OSC 52"));
    update(&mut model, Action::YankCopy);
    let copy = folio::export::markdown::clean_markdown(model.article(), "2026-01-01T00:00:00Z");
    assert_eq!(model.take_effects(), [Effect::Copy(copy)]);
}

#[test]
fn neighbouring_folds_are_one_line_naming_their_categories() {
    let mut model = sample(90, 30);
    let shown = screen(&model);
    assert!(shown.contains("▸ 6 blocks folded: navigation, cookie, engagement · z to open"), "{shown}");
    assert_eq!(shown.matches('▸').count(), 2, "{shown}");
    update(&mut model, Action::ToggleFold);
    let open = screen(&model);
    assert!(open.contains("▾ 6 blocks shown: navigation, cookie, engagement · z to close"), "{open}");
}

#[test]
fn real_pages_open_on_the_story_not_on_a_wall_of_folds() {
    for (page, story) in [
        ("16c30add7e96315e9cc957d85aa876ccb6b70055f0ddab51547a586117cc1f56", "Air pollution is once again surging"),
        ("8e3efab59f48fd29a1e1e7aa135880c4251a9f090f94999668cdbaec59d30b5a", "Chargers coach Anthony Lynn"),
        ("ac3c035520461017a7c5b248d8e39ef063cad4c0c7d7b7ecd68aff8f15099485", "Our goal with hosting quarterly"),
    ] {
        let Some(path) = common::shared(&format!("corpus/zyte-dev/html/{page}.html")) else { return };
        let shown = screen(&model_of(&path, 80, 24));
        assert!(shown.contains(story), "{page}: the story is not on the first screen:\n{shown}");
        assert!(shown.matches('▸').count() <= 3, "{page}: a wall of folds:\n{shown}");
    }
}

#[test]
fn position_leaves_out_folded_blocks() {
    let mut model = sample(90, 24);
    update(&mut model, Action::Down(2));
    assert!(top_text(&model).starts_with("A small fishing town"), "past the first fold line");
    assert_eq!(model.percent(), 0, "nothing of the story is behind");
    let mut last = 0;
    while model.percent() < 100 {
        update(&mut model, Action::Down(1));
        let now = model.percent();
        assert!(now >= last && now - last <= 10, "position jumps from {last}% to {now}%");
        last = now;
    }
}

#[test]
fn the_status_line_names_the_section_jumped_to_even_near_the_end() {
    let mut model = sample(90, 24);
    let last = model.article().sections().len() - 1;
    let title = model.article().sections()[last].title.clone();
    update(&mut model, Action::Contents);
    update(&mut model, Action::Bottom);
    update(&mut model, Action::Select);
    assert_ne!(top_text(&model), title, "the article's end keeps the heading below the top line");
    assert_eq!(model.current_section(), Some(last));
    let status = screen(&model).lines().last().unwrap().to_string();
    assert!(status.contains(&format!("§ {title}")), "{status}");
    // `[` from there goes to the section before it, not back to the jumped-to one.
    update(&mut model, Action::PrevSection);
    assert_eq!(model.current_section(), Some(last - 1));
    // Moving on from the jump, the top line decides again.
    update(&mut model, Action::Top);
    assert_eq!(model.current_section(), None);
}

/// A small HTML story with a figure (image, caption, credit) and a decorative image.
const FIGURE_PAGE: &str = r#"<html><head><title>Harbour heat</title></head><body><article><h1>Harbour heat</h1>
<p>A small fishing town now heats most of its homes with water drawn from the harbour, and the bills are lower than anyone expected by the council.</p>
<figure><img src="/dawn.jpg" alt="The harbour at dawn"><p>The pump house on the old ferry pier, seen from the harbour wall at dawn in March.</p><cite>Jane Roe/Ledger Photos</cite></figure>
<p>When the council of Kelby voted in 2023 to replace the town's ageing gas network, few residents believed the plan would work at all.</p>
<img src="/deco.png" alt="">
<p>Three winters later, the seawater heat pump on the old ferry pier supplies 1,140 homes, the school and the swimming pool in town.</p>
</article></body></html>"#;

#[test]
fn an_image_is_one_dim_line_of_its_alt_text() {
    let (_dir, page) = common::temp_file("figure.html", FIGURE_PAGE.as_bytes());
    let model = model_of(&page, 90, 30);
    let shown = screen(&model);
    assert!(shown.contains("[image: The harbour at dawn]"), "{shown}");
    let story = shown.split("in town.").next().unwrap();
    assert!(!story.contains("\n\n\n"), "blank rows where an image is:\n{shown}");
    // The decorative image (no alt text) shows nothing at all.
    assert_eq!(shown.matches("[image").count(), 1, "{shown}");
    let copy = folio::export::markdown::clean_markdown(model.article(), "2026-01-01T00:00:00Z");
    assert!(copy.contains("![The harbour at dawn](/dawn.jpg)"), "{copy}");
    // Long alt text is cut to the column, on one line.
    let long = FIGURE_PAGE.replace("The harbour at dawn", &"a very long description of the photograph ".repeat(4));
    let (_dir, page) = common::temp_file("long.html", long.as_bytes());
    let shown = screen(&model_of(&page, 60, 30));
    let line = shown.lines().find(|l| l.contains("[image:")).unwrap();
    assert!(line.trim_end().ends_with('…'), "{shown}");
}

#[test]
fn a_photo_credit_in_a_figure_is_no_section() {
    let (_dir, page) = common::temp_file("figure.html", FIGURE_PAGE.as_bytes());
    let model = model_of(&page, 90, 30);
    assert!(
        model.article().sections().iter().all(|s| !s.title.contains("Jane Roe")),
        "{:?}",
        model.article().sections()
    );
    let credit = model.article().blocks.iter().find(|b| b.text == "Jane Roe/Ledger Photos").unwrap();
    assert!(credit.label.is_boilerplate() && credit.reason.contains("image credit"), "{credit:?}");
    let Some(vox) =
        common::shared("corpus/zyte-dev/html/16c30add7e96315e9cc957d85aa876ccb6b70055f0ddab51547a586117cc1f56.html")
    else {
        return;
    };
    let model = model_of(&vox, 80, 24);
    let sections: Vec<&str> = model.article().sections().iter().map(|s| s.title.as_str()).collect();
    assert!(sections.iter().all(|t| !t.contains("Getty Images") && *t != "NASA Worldview"), "{sections:?}");
}

#[test]
fn an_empty_file_says_there_is_nothing_to_read() {
    let (_dir, page) = common::temp_file("empty.txt", b"");
    let shown = screen(&model_of(&page, 80, 24));
    assert!(shown.contains("Nothing to read: ") && shown.contains("empty.txt"), "{shown}");
}

/// The field notes sample with every block of its story labelled `label`: a page whose
/// whole body a theme wrapped in navigation.
fn all_labelled(label: folio::article::Label, keys: Keymap) -> Model {
    let path = common::asset("samples/field-notes.md");
    let mut article = folio::Pipeline::bundled().read(&Input::Path(path)).unwrap().article;
    for block in article.blocks.iter_mut().filter(|b| b.label == folio::article::Label::Content) {
        block.set_label(label, "test");
    }
    let settings = Settings { column: 80, save_dir: std::env::temp_dir().join("folio-test-unused"), keys };
    Model::new(article, settings, 80, 24)
}

#[test]
fn a_page_whose_every_block_folded_says_so_and_names_the_way_out() {
    let mut model = all_labelled(folio::article::Label::Navigation, Keymap::default());
    let shown = screen(&model);
    let note = shown.lines().find(|l| l.contains("No story found")).unwrap_or_else(|| panic!("{shown}"));
    assert!(note.contains("blocks were folded as navigation") && note.contains("· Z shows it all"), "{shown}");
    // Shown, the blocks are the story on screen and the note goes.
    update(&mut model, Action::ToggleAllFolds);
    assert!(!screen(&model).contains("No story found"), "{}", screen(&model));
    // The key is the one the keymap in force binds.
    let mut keys = Keymap::default();
    keys.remap(folio::tui::keys::Table::Reading, "all-folds", &["A".to_string()]).unwrap();
    let shown = screen(&all_labelled(folio::article::Label::Navigation, keys));
    assert!(shown.contains("· A shows it all"), "{shown}");
}

/// The screen drawn with `theme`, as text.
fn screen_in(model: &Model, theme: Theme) -> String {
    let (w, h) = model.size();
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| view(model, theme, f)).unwrap();
    let buffer = terminal.backend().buffer().clone();
    (0..h)
        .map(|y| (0..w).map(|x| buffer[(x, y)].symbol().to_string()).collect::<String>().trim_end().to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The cell columns of `c` in `line`.
fn columns_of(line: &str, c: char) -> Vec<usize> {
    use unicode_width::UnicodeWidthStr;
    line.char_indices().filter(|(_, ch)| *ch == c).map(|(i, _)| line[..i].width()).collect()
}

#[test]
fn a_table_is_drawn_in_aligned_columns_under_a_header_rule() {
    let mut model = model_of(&common::asset("samples/field-notes.md"), 80, 60);
    let shown = screen(&model);
    let lines: Vec<&str> = shown.lines().collect();
    let head = lines.iter().position(|l| l.contains("Hour after high water")).unwrap_or_else(|| panic!("{shown}"));
    let table = &lines[head..head + 5];
    assert!(table[0].contains("Hour after high water │ Share of the range │ Fall (m)"), "{shown}");
    assert!(table[1].trim().starts_with('─') && table[1].contains('┼'), "no header rule:\n{shown}");
    let bars = columns_of(table[0], '│');
    for row in &table[2..] {
        assert_eq!(columns_of(row, '│'), bars, "columns not aligned:\n{shown}");
    }
    assert_eq!(columns_of(table[1], '┼'), bars, "{shown}");
    // Numbers stand right-aligned in their column.
    assert!(table[3].trim_end().ends_with("│     0.65"), "{shown}");
    // Cells are no code: drawn in the text's colour, not the code's.
    let mut terminal = Terminal::new(TestBackend::new(80, 60)).unwrap();
    terminal.draw(|f| view(&model, Theme { color: true, look: Look::Dark, hyperlinks: false }, f)).unwrap();
    let x = table[2].find("1/12").unwrap() as u16;
    let cell = terminal.backend().buffer()[(x, head as u16)].clone();
    assert_ne!(cell.fg, folio::tui::view::Palette::DARK.code, "a table is drawn as code");
    // Without colours, plain ASCII.
    let mono = screen_in(&model, Theme { color: false, look: Look::Dark, hyperlinks: false });
    assert!(mono.contains("Hour after high water | Share of the range | Fall (m)"), "{mono}");
    assert!(mono.contains("----------------------+--------------------+---------"), "{mono}");
    // A search hit in a cell is highlighted on its words.
    update(&mut model, Action::Search);
    for c in "2/12".chars() {
        update(&mut model, Action::SearchInput(c));
    }
    update(&mut model, Action::SearchConfirm);
    assert!(screen(&model).contains("│               ⟦2/12⟧ │"), "{}", screen(&model));
}

#[test]
fn a_table_wider_than_the_column_wraps_its_cells_and_never_overflows() {
    let text = "# Wide\n\nA table follows.\n\n| Station | What the keeper wrote down that morning | Height |\n|---|---|---|\n\
                | North pier | The tide came in faster than the table said it would, by about twenty minutes | 4.8 |\n\
                | Ferry slip | Calm water, a light westerly wind and no swell to speak of | 0.9 |\n";
    let (_dir, page) = common::temp_file("wide.md", text.as_bytes());
    for width in [40u16, 60, 80] {
        let model = model_of(&page, width, 30);
        let shown = screen(&model);
        let column = folio::tui::app::column_width(80, width);
        for line in shown.lines().skip(1).take(28) {
            assert!(unicode_width::UnicodeWidthStr::width(line.trim()) <= column, "overflows at {width}:\n{shown}");
            assert!(!line.contains('›'), "clipped at {width}:\n{shown}");
        }
        assert!(shown.contains("twenty"), "{shown}");
        let rows: Vec<&str> = shown.lines().skip(1).take(28).filter(|l| l.contains('│')).collect();
        let bars = columns_of(rows[0], '│');
        assert!(rows.iter().all(|r| columns_of(r, '│') == bars), "at {width}:\n{shown}");
    }
}

#[test]
fn a_long_code_line_is_marked_and_scrolls_sideways() {
    let long = (0..30).map(|i| format!("word{i:02}")).collect::<Vec<_>>().join("_");
    let text = format!("# Code\n\nThe line below is long.\n\n```\nshort = 1\n{long}\n```\n");
    let (_dir, page) = common::temp_file("code.md", text.as_bytes());
    let mut model = model_of(&page, 82, 24);
    let row = |model: &Model| screen(model).lines().find(|l| l.contains("word")).unwrap().to_string();
    let first = row(&model);
    assert!(first.trim_end().ends_with('›') && first.contains("word00"), "{first}");
    update(&mut model, Action::ScrollRight);
    let shifted = row(&model);
    assert!(shifted.trim_start().starts_with('‹') && !shifted.contains("word00"), "{shifted}");
    for _ in 0..5 {
        update(&mut model, Action::ScrollRight);
    }
    let end = row(&model);
    assert!(end.trim_end().ends_with("word29") && !end.contains('›'), "{end}");
    assert!(screen(&model).contains("at the end of the longest line"), "{}", screen(&model));
    for _ in 0..6 {
        update(&mut model, Action::ScrollLeft);
    }
    assert_eq!(row(&model), first);
    // The keys are the key table's: → and ← by default.
    let key = |code| crossterm::event::KeyEvent::new(code, KeyModifiers::NONE);
    assert_eq!(model.settings().keys.action_for(KeyContext::Reading, key(KeyCode::Right)), Some(Action::ScrollRight));
    assert_eq!(model.settings().keys.action_for(KeyContext::Reading, key(KeyCode::Left)), Some(Action::ScrollLeft));
}

#[test]
fn a_long_path_in_the_status_line_loses_its_middle_not_its_end() {
    let dir = tempfile::tempdir().unwrap();
    let deep = dir.path().join("a-folder-with-a-rather-long-name").join("and-another-one-below-it-for-the-copies");
    let mut model = model_saving_to(&common::asset("samples/harbour-heat-pumps.txt"), deep, 80, 24);
    save(&mut model);
    let shown = screen(&model);
    let status = shown.lines().last().unwrap();
    assert!(status.contains("│ saved /") && status.contains('…') && status.ends_with(".md"), "{status}");
}

#[test]
fn the_help_box_wraps_between_words() {
    let mut model = sample(80, 100);
    update(&mut model, Action::Help);
    let shown = screen(&model);
    let inside: Vec<String> =
        shown.lines().filter_map(|l| Some(l.get(l.find('│')? + '│'.len_utf8()..l.rfind('│')?)?.to_string())).collect();
    let joined = inside.join(" ").split_whitespace().collect::<Vec<_>>().join(" ");
    for line in model.settings().keys.help_lines() {
        let words = line.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(joined.contains(&words), "help line cut: {line:?}\n{shown}");
    }
}

#[test]
fn addresses_in_the_links_list_lose_their_middle() {
    let url = "https://www.example.org/news/2026/12/05/harbour-town-swaps-gas-boilers-for-a-seawater-heat-pump-scheme?utm_source=feed";
    let text = format!("# Links\n\nRead [the council's report on the scheme]({url}) for more.\n");
    let (_dir, page) = common::temp_file("links.md", text.as_bytes());
    for width in [80u16, 100] {
        let mut model = model_of(&page, width, 24);
        update(&mut model, Action::LinksList);
        let shown = screen(&model);
        assert!(shown.contains("[1] the council's report on the scheme"), "{shown}");
        let entry = shown.lines().find(|l| l.contains("https://")).unwrap_or_else(|| panic!("{shown}"));
        assert!(entry.contains("https://www.example.org/") && entry.contains('…'), "{entry}");
        assert!(entry.trim_end().trim_end_matches('│').trim_end().ends_with("utm_source=feed"), "{entry}");
    }
}

#[test]
fn one_claim_is_one_claim_on_the_status_line_and_in_inspect() {
    let path = common::asset("samples/harbour-heat-pumps.txt");
    let read = folio::Pipeline::bundled().read(&Input::Path(path)).unwrap().article;
    let first = read.claims()[0].clone();
    // The article as read, with its first claim the only one.
    let article = folio::article::Article::new(read.source, read.meta, read.blocks, |_| vec![first]);
    let listing = folio::export::listing::listing(&article, false, 100);
    assert!(listing.contains(" · 1 claim\n"), "{listing}");
    let settings =
        Settings { column: 80, save_dir: std::env::temp_dir().join("folio-test-unused"), keys: Keymap::default() };
    let shown = screen(&Model::new(article, settings, 80, 24));
    let status = shown.lines().last().unwrap();
    assert!(status.contains("│ 1 claim ") && !status.contains("1 claims"), "{status}");
}

#[test]
fn one_search_match_is_one_match() {
    let mut model = sample(90, 24);
    update(&mut model, Action::Search);
    for c in "ferry pier".chars() {
        update(&mut model, Action::SearchInput(c));
    }
    assert_eq!(model.search().unwrap().matches().len(), 1);
    let status = screen(&model).lines().last().unwrap().to_string();
    assert!(status.contains("(1 match)"), "{status}");
}

#[test]
fn the_title_comes_before_the_facts_in_the_header() {
    let model = sample(100, 24);
    let header = screen(&model).lines().next().unwrap().to_string();
    assert!(header.contains("Harbour town swaps gas boilers for a seawater heat pump"), "{header}");
    assert!(header.contains("2 min read"), "{header}");
    // Where the title cannot be whole, the facts still leave it two thirds of the row.
    let narrow = sample(60, 24);
    let header = screen(&narrow).lines().next().unwrap().to_string();
    assert!(header.contains("Harbour town swaps gas boil"), "{header}");
}

#[test]
fn a_readme_s_code_blocks_are_not_folded_as_navigation() {
    let text = "# tool\n\nA tool that does one thing, and does it well enough for most people.\n\n## Set up\n\nOpen the sample:\n\n    cargo run --release -- assets/sample.txt\n\nRun the tests:\n\n    cargo test\n\n(The tests read a corpus beside the checkout and skip without it, as they should.)\n";
    let (_dir, page) = common::temp_file("README.md", text.as_bytes());
    for path in [page, PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("README.md")] {
        let model = model_of(&path, 80, 24);
        let folded: Vec<_> = model.article().blocks.iter().filter(|b| b.label.is_boilerplate()).collect();
        assert!(folded.is_empty(), "{}: {folded:?}", path.display());
    }
}

#[test]
fn capital_x_shows_the_fold_at_the_top_as_story_and_remembers_it_for_the_site() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("page.html");
    std::fs::write(
        &page,
        "<html><head><link rel=canonical href=\"https://harbour.example/a\"></head><body>\
         <nav><a href=\"/n\">News</a> <a href=\"/s\">Sport</a> <a href=\"/w\">Weather</a></nav><article>\
         <p>The pump on the old ferry pier now heats 1,140 homes, the council said on Tuesday, and the bills are \
         lower than anyone expected when the scheme was approved.</p></article></body></html>",
    )
    .unwrap();
    let mut model = model_of(&page, 90, 24);
    assert!(screen(&model).contains("folded: navigation"), "{}", screen(&model));
    update(&mut model, Action::MarkStory);
    let shown = screen(&model);
    assert!(shown.contains("News[1] Sport[2] Weather[3]"), "{shown}");
    assert!(shown.contains("marked as story: remembered for harbour.example"), "{shown}");
    let effects = model.take_effects();
    assert!(
        matches!(&effects[..], [Effect::Learn(m)] if m.site == "harbour.example" && m.label == folio::article::Label::Content),
        "{effects:?}"
    );
}

#[test]
fn the_light_look_draws_the_header_in_its_own_colours_and_no_color_in_none() {
    let model = sample(90, 24);
    let draw = |theme: Theme| {
        let mut terminal = Terminal::new(TestBackend::new(90, 24)).unwrap();
        terminal.draw(|f| view(&model, theme, f)).unwrap();
        let cell = terminal.backend().buffer()[(1, 0)].clone();
        (cell.fg, cell.bg)
    };
    let dark = folio::tui::view::Palette::DARK.bar;
    let light = folio::tui::view::Palette::LIGHT.bar;
    assert_ne!(dark, light);
    assert_eq!(draw(Theme { color: true, look: Look::Dark, hyperlinks: false }), dark);
    assert_eq!(draw(Theme { color: true, look: Look::Light, hyperlinks: false }), light);
    assert_eq!(draw(Theme { color: false, look: Look::Light, hyperlinks: false }), (Color::Reset, Color::Reset));
}

#[test]
fn remapped_keys_are_the_ones_the_screen_names() {
    let Some(seed) = common::shared("corpus/seed/btcc-buterin.txt") else { return };
    let mut keys = Keymap::default();
    let remap = |keys: &mut Keymap, table, name, to: &[&str]| {
        keys.remap(table, name, &to.iter().map(|k| k.to_string()).collect::<Vec<_>>()).unwrap()
    };
    remap(&mut keys, folio::tui::keys::Table::Reading, "fold", &["Tab"]);
    remap(&mut keys, folio::tui::keys::Table::Reading, "search", &["s"]);
    remap(&mut keys, folio::tui::keys::Table::Lists, "select", &["l", "Enter"]);
    let article = folio::Pipeline::bundled().read(&Input::Path(seed)).unwrap().article;
    let settings = Settings { column: 80, save_dir: std::env::temp_dir().join("folio-test-unused"), keys };
    let mut model = Model::new(article, settings, 100, 30);
    let shown = screen(&model);
    assert!(shown.contains("▸ 3 blocks folded: navigation, engagement · Tab to open"), "{shown}");
    let status = shown.lines().last().unwrap();
    assert!(status.contains("s search") && !status.contains(" save"), "save lost its key, so its hint: {status}");
    update(&mut model, Action::NextMatch);
    assert!(screen(&model).contains("no search: press s to search"), "{}", screen(&model));
    update(&mut model, Action::Contents);
    assert!(screen(&model).contains("Contents — l jumps, q closes"), "{}", screen(&model));
}

#[test]
fn the_place_kept_is_in_the_story_and_the_start_is_no_place() {
    let mut model = sample(90, 24);
    assert_eq!(model.place(), None, "on the top fold's line: the start");
    update(&mut model, Action::ToggleFold);
    update(&mut model, Action::Down(2));
    assert_eq!(top_text(&model), "Skip to content", "inside the open top fold");
    assert_eq!(model.place(), None, "folded text is no place: the first story block, the start");
    update(&mut model, Action::NextSection);
    let place = model.place().expect("a place in the story");
    let block = &model.article().blocks[place.0];
    assert!(!block.label.is_boilerplate(), "{block:?}");
    // Going back there opens no fold and says it resumed.
    let mut reopened = sample(90, 24);
    assert!(reopened.resume(place.0, place.1));
    assert_eq!(top_text(&reopened), top_text(&model));
    assert!(reopened.document().folds.iter().all(|f| !f.open));
    // A place an older folio saved inside the top fold is the start, with that fold closed.
    let mut old = sample(90, 24);
    assert!(!old.resume(0, 0));
    assert_eq!(old.top(), old.document().start());
    assert!(old.document().folds.iter().all(|f| !f.open));
}

#[test]
fn z_opens_the_fold_on_the_screen_not_one_scrolled_off_the_top() {
    let mut model = sample(90, 30);
    assert_eq!(screen(&model).matches('▸').count(), 2);
    update(&mut model, Action::Down(1));
    assert!(!screen(&model).contains("navigation, cookie"), "the top fold's line is off the screen");
    update(&mut model, Action::ToggleFold);
    let folds = &model.document().folds;
    assert!(!folds[0].open, "the fold scrolled off the top was opened");
    assert!(folds[1].open, "the fold on the screen stays closed");
    assert!(screen(&model).contains('▾'), "{}", screen(&model));
}

/// Types `query` into a search prompt opened on `model`.
fn type_search(model: &mut Model, query: &str) {
    update(model, Action::Search);
    for c in query.chars() {
        update(model, Action::SearchInput(c));
    }
}

#[test]
fn search_visits_the_story_and_counts_folded_text_apart() {
    // "energy" is in the folded breadcrumb at the top and once in the story.
    let mut model = sample(90, 24);
    type_search(&mut model, "energy");
    let search = model.search().unwrap();
    assert_eq!((search.matches().len(), search.folded()), (1, 1));
    assert!(screen(&model).lines().last().unwrap().contains("(1 match; 1 in folded text)"));
    assert!(model.document().folds.iter().all(|f| !f.open), "the search opened a fold");
    let (block, _) = model.search().unwrap().matches()[0].clone();
    assert!(!model.article().blocks[block].label.is_boilerplate());
    update(&mut model, Action::SearchConfirm);
    assert!(screen(&model).lines().last().unwrap().contains("match 1 of 1"), "{}", screen(&model));
    update(&mut model, Action::NextMatch);
    assert!(model.document().folds.iter().all(|f| !f.open));
    // Opened folds are searched too.
    update(&mut model, Action::ToggleAllFolds);
    assert_eq!((model.search().unwrap().matches().len(), model.search().unwrap().folded()), (2, 0));
    // Only folded text matches: said, and the screen does not move.
    let mut model = sample(90, 24);
    update(&mut model, Action::NextSection);
    let before = model.top();
    type_search(&mut model, "cookie");
    update(&mut model, Action::SearchConfirm);
    assert_eq!(model.top(), before);
    let message = model.message().unwrap();
    assert!(message.contains("no match for cookie in the story; 2 in folded text (Z opens every fold)"), "{message}");
}

#[test]
fn a_failed_or_cancelled_search_goes_back_to_where_it_began() {
    let mut model = sample(90, 24);
    update(&mut model, Action::NextSection);
    let before = model.top();
    // "kelby" matches further on and moves the screen; "kelbyzz" matches nothing.
    type_search(&mut model, "kelby");
    assert_ne!(model.top(), before);
    for c in "zz".chars() {
        update(&mut model, Action::SearchInput(c));
    }
    update(&mut model, Action::SearchConfirm);
    assert_eq!(model.top(), before, "a failed search leaves the screen where a partial match moved it");
    assert!(model.message().unwrap().starts_with("pattern not found: kelbyzz"), "{:?}", model.message());
    assert!(model.search().is_none());
    // Esc while typing goes back too, and leaves every fold as it was.
    type_search(&mut model, "kelby");
    assert_ne!(model.top(), before);
    update(&mut model, Action::Escape);
    assert_eq!(model.top(), before);
    assert!(model.search().is_none());
    assert!(model.document().folds.iter().all(|f| !f.open));
}

#[test]
fn the_clutter_picker_quotes_the_block_and_u_undoes_the_mark() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("page.html");
    std::fs::write(
        &page,
        "<html><head><link rel=canonical href=\"https://harbour.example/a\"></head><body><article>\
         <h1>The harbour pump</h1><p>Ledger members save 20% on ferry tickets this week</p>\
         <p>The pump on the old ferry pier now heats 1,140 homes, the council said on Tuesday, and the bills are \
         lower than anyone expected when the scheme was approved.</p></article></body></html>",
    )
    .unwrap();
    let mut model = model_of(&page, 90, 24);
    let claims = model.article().claims().to_vec();
    let promo = model.article().blocks.iter().find(|b| b.text.starts_with("Ledger members")).unwrap().id;
    assert!(claims.iter().any(|c| c.block == promo), "the promotion reads as a claim until it is marked: {claims:?}");
    update(&mut model, Action::MarkClutter);
    let shown = screen(&model);
    assert!(shown.contains("“Ledger members save 20% on ferry tickets this week”"), "{shown}");
    update(&mut model, Action::Select);
    assert!(model.article().blocks[promo].label.is_boilerplate());
    // A mark keeps the claims true: clutter has none.
    assert!(model.article().claims().iter().all(|c| c.block != promo), "{:?}", model.article().claims());
    let Effect::Learn(mark) = model.take_effects().remove(0) else { panic!("no mark remembered") };
    update(&mut model, Action::UndoMark);
    assert_eq!(model.article().blocks[promo].label, folio::article::Label::Content);
    assert_eq!(model.article().claims(), claims, "undone, the claims are as they were");
    assert_eq!(model.take_effects(), [Effect::Forget(vec![mark])]);
    assert!(screen(&model).contains("Ledger members save"), "the block is story again, on the screen");
    assert!(model.message().unwrap().contains("forgotten for harbour.example"), "{:?}", model.message());
    update(&mut model, Action::UndoMark);
    assert_eq!(model.message(), Some("no mark to undo in this reading"));
}

#[test]
fn capital_x_on_a_fold_of_several_blocks_asks_which_are_story() {
    use folio::article::Label;
    let mut model = sample(90, 30);
    let labels: Vec<Label> = model.article().blocks.iter().map(|b| b.label).collect();
    update(&mut model, Action::MarkStory);
    assert_eq!(model.list::<MarkStory>(), Some(&MarkStory { fold: 0, selected: 0 }));
    let shown = screen(&model);
    assert!(shown.contains("Which of the fold is story?") && shown.contains("“Skip to content”"), "{shown}");
    assert_eq!(labels, model.article().blocks.iter().map(|b| b.label).collect::<Vec<_>>(), "nothing marked yet");
    // Pick the cookie banner alone.
    let choices = model.story_choices(0);
    let cookie = choices.iter().position(|c| c.label == Label::Cookie && c.blocks.len() == 1).unwrap();
    let block = choices[cookie].blocks[0];
    update(&mut model, Action::Down(cookie));
    update(&mut model, Action::Select);
    let now: Vec<Label> = model.article().blocks.iter().map(|b| b.label).collect();
    let changed: Vec<usize> = (0..now.len()).filter(|&i| now[i] != labels[i]).collect();
    assert_eq!(changed, [block], "only the block picked is story");
    assert_eq!(now[block], Label::Content);
    update(&mut model, Action::UndoMark);
    assert_eq!(labels, model.article().blocks.iter().map(|b| b.label).collect::<Vec<_>>());
    assert_eq!(model.top(), model.document().start(), "back on the closed fold's line");
}

/// Row `y` of a drawn buffer as the terminal shows it: hyperlink sequences left out, and the
/// cells a wide character or a hyperlink's cell covers passed over.
fn row_text(buffer: &ratatui::buffer::Buffer, y: u16) -> String {
    use ratatui::buffer::{CellDiffOption, CellWidth};
    let osc_8 = regex::Regex::new("\x1b\\]8;;[^\x1b]*\x1b\\\\").unwrap();
    let mut text = String::new();
    let mut x = 0;
    while x < buffer.area.width {
        let cell = &buffer[(x, y)];
        text.push_str(&osc_8.replace_all(cell.symbol(), ""));
        x += match cell.diff_option {
            CellDiffOption::ForcedWidth(width) => width.get(),
            _ => cell.symbol().cell_width().max(1),
        };
    }
    text
}

#[test]
fn link_text_is_a_hyperlink_only_when_the_theme_says_and_no_list_is_open() {
    let page = "# Links\n\nSee [the report](https://example.org/report) and [日本の記事](https://example.org/ja) \
                today, not [this](javascript:alert(1)).\n";
    let (_dir, path) = common::temp_file("links.md", page.as_bytes());
    let mut model = model_of(&path, 60, 8);
    let draw = |model: &Model, hyperlinks: bool| {
        let mut terminal = Terminal::new(TestBackend::new(60, 8)).unwrap();
        let theme = Theme { color: true, look: Look::Dark, hyperlinks };
        terminal.draw(|f| view(model, theme, f)).unwrap().buffer.clone()
    };
    let (linked, plain) = (draw(&model, true), draw(&model, false));
    for y in 0..8 {
        assert_eq!(row_text(&linked, y), row_text(&plain, y));
    }
    assert!(row_text(&plain, 1).contains("See the report[1] and 日本の記事[2] today, not this[3]."));
    let symbols: Vec<&str> = linked.content().iter().map(|c| c.symbol()).collect();
    assert!(symbols.contains(&"\x1b]8;;https://example.org/report\x1b\\the report\x1b]8;;\x1b\\"), "{symbols:?}");
    assert!(symbols.contains(&"\x1b]8;;https://example.org/ja\x1b\\日本の記事\x1b]8;;\x1b\\"), "{symbols:?}");
    assert!(!symbols.iter().any(|s| s.contains("javascript")), "{symbols:?}");
    assert!(!plain.content().iter().any(|c| c.symbol().contains('\x1b')));
    update(&mut model, Action::LinksList);
    let listed = draw(&model, true);
    assert!(!listed.content().iter().any(|c| c.symbol().contains('\x1b')), "a hyperlink under the links list");
}

/// A local Markdown page whose claim cites a file beside it, with links to places in itself.
fn notes_with_links() -> (tempfile::TempDir, PathBuf) {
    let text = "# Notes\n\nUnemployment fell to 3.5 percent in 2023, according to [the labour report](report.md) and [the survey](survey.md).\n\n\
                See [the later part](#the-later-part), [the top](#top), [nowhere](#nowhere) and [a form](mailto:ed@example.org).\n\n\
                ## The later part\n\nQuiet words by the river.\n";
    common::temp_file("notes.md", text.as_bytes())
}

#[test]
fn back_forward_and_reload_ask_the_event_loop_only_where_there_is_somewhere_to_go() {
    let (_dir, page) = notes_with_links();
    let mut model = model_of(&page, 90, 24);
    update(&mut model, Action::Back);
    assert!(model.take_effects().is_empty());
    assert_eq!(model.message(), Some("no page before this one"));
    update(&mut model, Action::Forward);
    assert_eq!(model.message(), Some("no page after this one"));
    model.set_trail(2, 3);
    assert!(screen(&model).contains("page 2 of 3"), "the status line says where the page is");
    update(&mut model, Action::Back);
    update(&mut model, Action::Forward);
    assert_eq!(model.take_effects(), [Effect::Back, Effect::Forward]);
    update(&mut model, Action::Reload);
    assert_eq!(model.take_effects(), [Effect::Reload]);
    // While a page is on its way the status line says so, and Esc cancels it.
    model.set_loading(Some("https://example.org/next".to_string()));
    assert!(screen(&model).contains("loading https://example.org/next … (Esc cancels)"), "{}", screen(&model));
    update(&mut model, Action::Down(1));
    assert!(model.take_effects().is_empty(), "keys keep working");
    update(&mut model, Action::Escape);
    assert_eq!(model.take_effects(), [Effect::CancelLoad]);
}

#[test]
fn a_local_page_leads_to_the_file_beside_it_and_to_places_in_itself() {
    let (dir, page) = notes_with_links();
    // Few rows, so that the later part's heading can be brought to the top.
    let mut model = model_of(&page, 90, 5);
    update(&mut model, Action::FollowLink);
    update(&mut model, Action::LinkDigit(1));
    let report = dir.path().join("report.md");
    assert_eq!(model.take_effects(), [Effect::Read { input: Input::Path(report), fragment: None }]);
    // A place in the article: jumped to, and back returns before the event loop is asked.
    let start = model.top();
    update(&mut model, Action::FollowLink);
    update(&mut model, Action::LinkDigit(3));
    assert!(model.take_effects().is_empty());
    let top = model.top_block().unwrap();
    assert_eq!(model.article().blocks[top].text, "The later part", "{}", screen(&model));
    update(&mut model, Action::Back);
    assert_eq!(model.top(), start);
    assert!(model.take_effects().is_empty());
    update(&mut model, Action::FollowLink);
    update(&mut model, Action::LinkDigit(5));
    assert_eq!(model.message(), Some("no place named #nowhere in this article"));
    update(&mut model, Action::FollowLink);
    update(&mut model, Action::LinkDigit(6));
    assert_eq!(model.take_effects(), [Effect::Open("mailto:ed@example.org".to_string())]);
    assert!(model.message().unwrap().contains("is a mail address, not a page"), "{:?}", model.message());
}

#[test]
fn a_claims_sources_are_listed_and_followed_from_the_claims_list() {
    let (dir, page) = notes_with_links();
    let mut model = model_of(&page, 90, 24);
    assert_eq!(model.article().claims().len(), 1, "the unemployment sentence is flagged");
    update(&mut model, Action::ClaimsList);
    let listed = screen(&model);
    assert!(listed.contains("→ [1] the labour report") && listed.contains("→ [2] the survey"), "{listed}");
    // Two sources: the list of them, to choose one.
    update(&mut model, Action::FollowLink);
    assert_eq!(model.claim(), Some(0), "the claim is current: back returns to it");
    let sources = model.list::<folio::tui::lists::links::Sources>().expect("the claim's sources listed");
    assert_eq!(sources.numbers, [1, 2]);
    assert!(screen(&model).contains("Claim 1's sources"), "{}", screen(&model));
    update(&mut model, Action::Down(1));
    update(&mut model, Action::Select);
    assert!(model.overlay().is_none());
    let survey = dir.path().join("survey.md");
    assert_eq!(model.take_effects(), [Effect::Read { input: Input::Path(survey), fragment: None }]);
}
