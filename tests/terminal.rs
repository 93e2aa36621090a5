//! The built binary in a real pseudo-terminal, its screen read back with vt100: open the
//! seed, move by section and claim, save, quit, and find the terminal as it was before.

mod common;

use common::folio;
use common::pty::Session;

#[test]
fn reader_in_a_real_terminal() {
    let Some(seed) = common::shared("corpus/seed/btcc-buterin.txt") else { return };
    let dir = tempfile::tempdir().unwrap();
    let saved = dir.path().join("saved");
    let bin = assert_cmd::cargo::cargo_bin("folio");
    let script = format!(
        "stty -a > '{0}/before'; '{1}' --save-dir '{2}' '{3}'; echo \"EXIT=$?\"; stty -a > '{0}/after'; sleep 5",
        dir.path().display(),
        bin.display(),
        saved.display(),
        seed.display()
    );
    let state = dir.path().join("state");
    let config = dir.path().join("config");
    let mut s = Session::start(
        &script,
        &[("FOLIO_STATE_DIR", state.to_str().unwrap()), ("FOLIO_CONFIG_DIR", config.to_str().unwrap())],
    );
    s.wait_for("the title in the header", |s| s.row(0).contains("Vitalik Buterin Dismisses"));
    assert!(s.screen().contains("▸ 3 blocks folded: navigation, engagement"));

    s.keys("]");
    s.wait_for("the first section at the top", |s| s.row(1).trim() == "The Flawed Frame");

    // A narrower terminal re-wraps and keeps the same text at the top.
    s.resize(20, 60);
    s.wait_for("the status line on the new last row", |s| s.row(19).contains('%'));
    assert_eq!(s.row(1).trim(), "The Flawed Frame", "{}", s.screen());
    s.resize(30, 100);
    s.wait_for("the status line back on row 30", |s| s.row(29).contains('%'));

    s.keys("c");
    s.wait_for("a claim in the status line", |s| s.row(29).contains("claim 1/"));
    assert!(s.row(1).contains("Senator Bernie Sanders"), "{}", s.screen());

    s.keys("s");
    s.wait_for("the saved message", |s| s.row(29).contains("saved "));
    let files: Vec<_> = std::fs::read_dir(&saved).unwrap().map(|e| e.unwrap().path()).collect();
    assert_eq!(files.len(), 1);
    let copy = std::fs::read_to_string(&files[0]).unwrap();
    let clean = common::folio().arg("clean").arg(&seed).output().unwrap().stdout;
    let without_time = |t: &str| t.lines().filter(|l| !l.starts_with("saved: ")).collect::<Vec<_>>().join("\n");
    assert_eq!(without_time(&copy), without_time(&String::from_utf8(clean).unwrap()));

    s.keys("q");
    s.wait_for("folio to exit", |s| s.screen().contains("EXIT="));
    assert!(s.screen().contains("EXIT=0"), "{}", s.screen());
    s.assert_restored(dir.path());
    let raw = s.raw.lock().unwrap().clone();
    let text = String::from_utf8_lossy(&raw);
    assert_eq!(text.matches("\x1b[?1049l").count(), 1, "the main screen restored exactly once");
    let _ = s.child.kill();
    assert!(state.join("places.json").exists(), "the reading position was remembered");
}

#[test]
fn a_big_input_says_it_is_being_read_at_once_and_ctrl_c_stops_it() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.txt");
    let mut text = String::from("A very long dump\n\n");
    let mut n = 0;
    while text.len() < 4 << 20 {
        n += 1;
        text.push_str(&format!(
            "Paragraph {n}: the pump on the old ferry pier heats {n} homes, the council said, and the bills are lower.\n\n"
        ));
    }
    std::fs::write(&big, text).unwrap();
    let bin = assert_cmd::cargo::cargo_bin("folio");
    let script = format!(
        "stty -a > '{0}/before'; '{1}' '{2}'; echo \"EXIT=$?\"; stty -a > '{0}/after'; sleep 5",
        dir.path().display(),
        bin.display(),
        big.display()
    );
    let state = dir.path().join("state");
    let mut s =
        Session::start(&script, &[("FOLIO_STATE_DIR", state.to_str().unwrap()), ("FOLIO_CONFIG_DIR", "/nonexistent")]);
    s.wait_for("the reading line", |s| String::from_utf8_lossy(&s.raw_bytes()).contains("reading "));
    let raw = String::from_utf8_lossy(&s.raw_bytes()).into_owned();
    assert!(raw.contains("big.txt …"), "the line names the input");
    assert!(!raw.contains("Paragraph 1:"), "the article was shown before the reading line");
    s.keys("\x03");
    s.wait_for("folio to stop", |s| s.screen().contains("EXIT="));
    // Stopped while reading (130), or quit from the reader if it was done first (0).
    assert!(s.screen().contains("EXIT=130") || s.screen().contains("EXIT=0"), "{}", s.screen());
    s.assert_restored(dir.path());
    let _ = s.child.kill();
}

#[test]
fn piped_article_with_keys_from_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let bin = assert_cmd::cargo::cargo_bin("folio");
    let sample = common::asset("samples/harbour-heat-pumps.txt");
    let script = format!("cat '{}' | '{}'; echo \"EXIT=$?\"; sleep 5", sample.display(), bin.display());
    let state = dir.path().join("state");
    let mut s =
        Session::start(&script, &[("FOLIO_STATE_DIR", state.to_str().unwrap()), ("FOLIO_CONFIG_DIR", "/nonexistent")]);
    s.wait_for("the title", |s| s.row(0).contains("Harbour town swaps"));
    s.keys("]");
    s.wait_for("the first section", |s| s.row(1).trim() == "How the system works");
    s.keys("q");
    s.wait_for("folio to exit", |s| s.screen().contains("EXIT=0"));
    let _ = s.child.kill();
}

#[test]
fn links_open_with_browser_and_copies_reach_the_terminal_as_osc_52() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("links.md");
    std::fs::write(&page, "# Links\n\nSee [the report](https://example.org/report) for more on the harbour.\n")
        .unwrap();
    // A stand-in browser that writes down the address it was given.
    let browser = dir.path().join("browser");
    let opened = dir.path().join("opened");
    std::fs::write(&browser, format!("#!/bin/sh\necho \"$1\" > '{}'\n", opened.display())).unwrap();
    std::fs::set_permissions(&browser, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let bin = assert_cmd::cargo::cargo_bin("folio");
    let script = format!("'{}' '{}'; echo \"EXIT=$?\"; sleep 5", bin.display(), page.display());
    let state = dir.path().join("state");
    let mut s = Session::start(
        &script,
        &[
            ("FOLIO_STATE_DIR", state.to_str().unwrap()),
            ("FOLIO_CONFIG_DIR", "/nonexistent"),
            ("BROWSER", browser.to_str().unwrap()),
        ],
    );
    s.wait_for("the link's marker", |s| s.screen().contains("the report[1]"));
    s.keys("O1");
    s.wait_for("the browser to be given the address", |_| {
        std::fs::read_to_string(&opened).is_ok_and(|t| t.trim() == "https://example.org/report")
    });
    s.keys("o");
    s.wait_for("the links list", |s| s.screen().contains("[1] the report"));
    s.keys("y");
    s.wait_for("the copied message", |s| s.screen().contains("OSC 52"));
    let expected = format!("\x1b]52;c;{}\x07", folio::tui::outside::base64(b"https://example.org/report"));
    let raw = String::from_utf8_lossy(&s.raw_bytes()).into_owned();
    assert!(raw.contains(&expected), "no OSC 52 sequence with the address in the output");
    s.keys("qq");
    s.wait_for("folio to exit", |s| s.screen().contains("EXIT=0"));
    let _ = s.child.kill();
}

/// Opens the one link of a small page with `BROWSER` set to what `browser` makes of the test's
/// folder, where a stand-in terminal browser, `NAME`, writes down its arguments and the
/// terminal's modes, and waits for a line typed at it. While it runs, the terminal is as it
/// was before folio and the keys go to it; then folio's screen is back, and quitting still
/// restores the terminal.
fn a_terminal_browser_gets_the_terminal(name: &str, browser: impl Fn(&std::path::Path) -> String, args: &[&str]) {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("links.md");
    std::fs::write(&page, "# Links\n\nSee [the report](https://example.org/report?a=1&b=2) for more on the harbour.\n")
        .unwrap();
    let script = dir.path().join(name);
    let d = dir.path().display();
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\nstty -a > '{d}/during'\nprintf '%s\\n' \"$@\" > '{d}/opened'\necho \"TEXT BROWSER ON $#\"\nread line\n"
        ),
    )
    .unwrap();
    std::fs::set_permissions(&script, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let bin = assert_cmd::cargo::cargo_bin("folio");
    let run = format!(
        "stty -a > '{d}/before'; '{}' '{}'; echo \"EXIT=$?\"; stty -a > '{d}/after'; sleep 5",
        bin.display(),
        page.display()
    );
    let state = dir.path().join("state");
    let browser = browser(dir.path());
    let mut s = Session::start(
        &run,
        &[
            ("FOLIO_STATE_DIR", state.to_str().unwrap()),
            ("FOLIO_CONFIG_DIR", "/nonexistent"),
            ("BROWSER", browser.as_str()),
        ],
    );
    s.wait_for("the link's marker", |s| s.screen().contains("the report[1]"));
    s.keys("O1");
    s.wait_for("the browser to run", |s| s.screen().contains("TEXT BROWSER ON"));
    let opened = std::fs::read_to_string(dir.path().join("opened")).unwrap();
    assert_eq!(opened.lines().collect::<Vec<_>>(), args, "the arguments the browser was given");
    let before = std::fs::read_to_string(dir.path().join("before")).unwrap();
    let during = std::fs::read_to_string(dir.path().join("during")).unwrap();
    assert_eq!(during, before, "the browser did not get the terminal as it was before folio");
    {
        let parser = s.parser.lock().unwrap();
        let screen = parser.screen();
        assert!(!screen.alternate_screen() && !screen.hide_cursor(), "folio kept the screen");
        assert_eq!(screen.mouse_protocol_mode(), vt100::MouseProtocolMode::None, "mouse capture still on");
    }
    // A line typed now goes to the browser, which ends; folio draws its screen again.
    s.keys("\n");
    s.wait_for("the reader redrawn", |s| {
        s.parser.lock().unwrap().screen().alternate_screen()
            && s.screen().contains("for more on the harbour")
            && s.row(29).contains('%')
    });
    assert!(!s.screen().contains("could not open"), "{}", s.screen());
    s.keys("q");
    s.wait_for("folio to exit", |s| s.screen().contains("EXIT="));
    assert!(s.screen().contains("EXIT=0"), "{}", s.screen());
    s.assert_restored(dir.path());
    let _ = s.child.kill();
}

#[test]
fn a_terminal_browser_known_by_name_gets_the_terminal_and_the_reader_comes_back() {
    let url = "https://example.org/report?a=1&b=2";
    a_terminal_browser_gets_the_terminal("w3m", |dir| dir.join("w3m").display().to_string(), &[url]);
}

#[test]
fn browser_entries_are_tried_in_order_and_needsterminal_marks_one() {
    let url = "https://example.org/report?a=1&b=2";
    a_terminal_browser_gets_the_terminal(
        "reader",
        |dir| format!("no-such-program %s:'{}' --plain %s; needsterminal", dir.join("reader").display()),
        &["--plain", url],
    );
}

/// Two pages of one site, each with a promotion folio keeps as story until told otherwise.
fn two_pages_of_one_site(dir: &std::path::Path) -> [std::path::PathBuf; 2] {
    ["a", "b"].map(|p| {
        let path = dir.join(format!("{p}.html"));
        let page = format!(
            "<html><head><title>Harbour story {p}</title><link rel=\"canonical\" href=\"https://harbour.example/{p}\">\
             </head><body><article><h1>The harbour pump, part {p}</h1>\
             <p>Ledger members save 20% on ferry tickets this week</p>\
             <p>The pump on the old ferry pier now heats 1,140 homes, the council said on Tuesday, and the bills \
             are lower than anyone expected when the scheme was approved in the spring of last year.</p>\
             </article></body></html>"
        );
        std::fs::write(&path, page).unwrap();
        path
    })
}

#[test]
fn a_block_marked_on_one_page_folds_on_the_next_page_of_the_site() {
    let dir = tempfile::tempdir().unwrap();
    let [a, b] = two_pages_of_one_site(dir.path());
    let (data, state) = (dir.path().join("data"), dir.path().join("state"));
    let env = [
        ("FOLIO_DATA_DIR", data.to_str().unwrap()),
        ("FOLIO_STATE_DIR", state.to_str().unwrap()),
        ("FOLIO_CONFIG_DIR", "/nonexistent"),
    ];
    let bin = assert_cmd::cargo::cargo_bin("folio");
    let run = |page: &std::path::Path| format!("'{}' '{}'; echo \"EXIT=$?\"; sleep 5", bin.display(), page.display());

    let mut s = Session::start(&run(&a), &env);
    s.wait_for("the promotion at the top", |s| s.screen().contains("Ledger members save"));
    s.keys("x");
    s.wait_for("the category picker", |s| s.screen().contains("Mark as clutter"));
    s.keys("jj\r");
    s.wait_for("the mark remembered", |s| s.screen().contains("marked as ad: remembered for harbour.example"));
    assert!(s.screen().contains("1 block folded: ad"), "the marked block folds at once");
    s.keys("q");
    s.wait_for("folio to exit", |s| s.screen().contains("EXIT=0"));
    let _ = s.child.kill();

    let mut s = Session::start(&run(&b), &env);
    s.wait_for("the next page's story", |s| s.screen().contains("The pump on the old ferry pier"));
    let screen = s.screen();
    assert!(!screen.contains("Ledger members save"), "{screen}");
    assert!(screen.contains("1 block folded: ad"), "{screen}");
    s.keys("q");
    s.wait_for("folio to exit", |s| s.screen().contains("EXIT=0"));
    let _ = s.child.kill();

    // The fold says why, and `folio rules` lists what was learned.
    let out = folio().env("FOLIO_DATA_DIR", &data).args(["inspect", "--json"]).arg(&b).output().unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let promo = report["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["text"] == "Ledger members save 20% on ferry tickets this week")
        .unwrap();
    assert_eq!(promo["label"], "ad");
    assert_eq!(promo["reason"], "you marked this as ad on harbour.example");
    let rules = folio().env("FOLIO_DATA_DIR", &data).arg("rules").output().unwrap();
    let rules = String::from_utf8(rules.stdout).unwrap();
    assert!(rules.contains("harbour.example") && rules.contains("1  ad"), "{rules}");
    let removed = folio().env("FOLIO_DATA_DIR", &data).args(["rules", "--remove", "1"]).output().unwrap();
    assert!(removed.status.success());
    let rules = folio().env("FOLIO_DATA_DIR", &data).arg("rules").output().unwrap();
    assert!(String::from_utf8(rules.stdout).unwrap().contains("no learned rules yet"));
}

#[test]
fn keys_remapped_in_the_config_work_and_help_and_hints_name_them() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config");
    std::fs::create_dir_all(&config).unwrap();
    let remaps = "[keys]\nnext-section = \"n\"\nhelp = \"h\"\nsave = [\"w\", \"Ctrl-s\"]\n\n[keys.lists]\nclose = [\"x\", \"Esc\"]\n";
    std::fs::write(config.join("config.toml"), remaps).unwrap();
    let bin = assert_cmd::cargo::cargo_bin("folio");
    let sample = common::asset("samples/harbour-heat-pumps.txt");
    let saved = dir.path().join("saved");
    let script = format!(
        "'{}' --save-dir '{}' '{}'; echo \"EXIT=$?\"; sleep 5",
        bin.display(),
        saved.display(),
        sample.display()
    );
    let state = dir.path().join("state");
    let mut s = Session::start(
        &script,
        &[("FOLIO_STATE_DIR", state.to_str().unwrap()), ("FOLIO_CONFIG_DIR", config.to_str().unwrap())],
    );
    s.wait_for("the title", |s| s.row(0).contains("Harbour town swaps"));
    // What of [keys] could not apply is said when the reader starts, on its status line.
    s.wait_for("the lost key reported", |s| s.row(29).contains("[keys] next-match has no key left"));
    s.keys("n");
    s.wait_for("the first section at the top, by the remapped key", |s| s.row(1).trim() == "How the system works");
    let status = s.row(29);
    assert!(status.contains("h help") && status.contains("n section"), "hints name the remapped keys: {status}");
    s.keys("h");
    s.wait_for("help, opened by the remapped key", |s| s.screen().contains("next section"));
    let screen = s.screen();
    let line = |help: &str| help_line(&screen, help);
    assert!(line("next section").starts_with("n "), "{screen}");
    s.keys("\x04");
    s.wait_for("help a page further on", |s| s.screen().contains("next match"));
    let screen = s.screen();
    let line = |help: &str| help_line(&screen, help);
    assert!(line("next match").starts_with("none "), "n went to next-section: {screen}");
    assert!(line("save the clean Markdown copy").starts_with("w Ctrl-s "), "{screen}");
    s.keys("G");
    s.wait_for("the end of help", |s| s.screen().contains("[keys.lists]"));
    let screen = s.screen();
    assert!(
        screen.lines().any(|l| l.contains("│x Esc ") && l.trim_end_matches([' ', '│']).ends_with(" close")),
        "{screen}"
    );
    s.keys("x");
    s.wait_for("help closed by the remapped list key", |s| !s.screen().contains("Keys —"));
    s.keys("w");
    s.wait_for("the copy saved by the remapped key", |s| s.row(29).contains("saved "));
    s.keys("q");
    s.wait_for("folio to exit", |s| s.screen().contains("EXIT=0"));
    let _ = s.child.kill();
}

/// The line of the help box on `screen` that says `help`, without the box's edge.
fn help_line(screen: &str, help: &str) -> String {
    screen.lines().find(|l| l.contains(help)).unwrap_or_default().trim_start_matches([' ', '│']).to_string()
}

#[test]
fn an_empty_file_never_says_it_resumed() {
    let dir = tempfile::tempdir().unwrap();
    let bin = assert_cmd::cargo::cargo_bin("folio");
    let (empty, other) = (dir.path().join("empty.txt"), dir.path().join("other.txt"));
    std::fs::write(&empty, "").unwrap();
    std::fs::write(&other, "  \n").unwrap();
    let state = dir.path().join("state");
    let env = [("FOLIO_STATE_DIR", state.to_str().unwrap()), ("FOLIO_CONFIG_DIR", "/nonexistent")];
    for file in [&empty, &other] {
        let script = format!("'{}' '{}'; echo \"EXIT=$?\"; sleep 5", bin.display(), file.display());
        let mut s = Session::start(&script, &env);
        s.wait_for("the empty article", |s| s.screen().contains("Nothing to read"));
        assert!(!s.screen().contains("resumed"), "{}", s.screen());
        s.keys("q");
        s.wait_for("folio to exit", |s| s.screen().contains("EXIT=0"));
        let _ = s.child.kill();
    }
}

/// The screen of `sample` opened in a fresh terminal, once drawn whole, after which `q` quits.
fn screen_of_one_open(sample: &std::path::Path, env: &[(&str, &str)]) -> String {
    let bin = assert_cmd::cargo::cargo_bin("folio");
    let script = format!("'{}' '{}'; echo \"EXIT=$?\"; sleep 5", bin.display(), sample.display());
    let mut s = Session::start(&script, env);
    s.wait_for("the title and the status line", |s| s.row(0).contains("Harbour town swaps") && s.row(29).contains('%'));
    std::thread::sleep(std::time::Duration::from_millis(300));
    let screen = s.screen();
    s.keys("q");
    s.wait_for("folio to exit", |s| s.screen().contains("EXIT=0"));
    let _ = s.child.kill();
    screen
}

#[test]
fn an_article_left_at_its_top_opens_again_as_it_first_opened() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state");
    let env = [("FOLIO_STATE_DIR", state.to_str().unwrap()), ("FOLIO_CONFIG_DIR", "/nonexistent")];
    let sample = common::asset("samples/harbour-heat-pumps.txt");
    let first = screen_of_one_open(&sample, &env);
    assert!(first.contains("▸ 6 blocks folded"), "{first}");
    let second = screen_of_one_open(&sample, &env);
    assert_eq!(second, first, "the second open differs from the first");
    assert!(!second.contains("Skip to content") && !second.contains("resumed"), "{second}");
}

/// The state letter of process `pid` (`T` stopped, `S` sleeping…), from /proc.
fn process_state(pid: u32) -> Option<char> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    stat.rsplit(')').next()?.trim_start().chars().next()
}

#[test]
fn ctrl_z_gives_the_terminal_back_stops_and_fg_redraws() {
    let dir = tempfile::tempdir().unwrap();
    let bin = assert_cmd::cargo::cargo_bin("folio");
    let sample = common::asset("samples/harbour-heat-pumps.txt");
    // `set -m`: the shell runs folio as a job under job control, as an interactive shell does.
    let script = format!(
        "stty -a > '{0}/before'; set -m; '{1}' '{2}'; stty -a > '{0}/stopped'; echo STOPPED; read line; fg; \
         echo \"EXIT=$?\"; stty -a > '{0}/after'; sleep 5",
        dir.path().display(),
        bin.display(),
        sample.display()
    );
    let state = dir.path().join("state");
    let mut s =
        Session::start(&script, &[("FOLIO_STATE_DIR", state.to_str().unwrap()), ("FOLIO_CONFIG_DIR", "/nonexistent")]);
    s.wait_for("the title", |s| s.row(0).contains("Harbour town swaps"));
    let pid = s.program_pid().expect("folio's process");
    s.keys("\x1a");
    s.wait_for("the shell to go on", |s| s.screen().contains("STOPPED"));
    s.wait_for("the modes written", |_| dir.path().join("stopped").exists());
    std::thread::sleep(std::time::Duration::from_millis(200));
    assert_eq!(process_state(pid), Some('T'), "folio is not stopped");
    let before = std::fs::read_to_string(dir.path().join("before")).unwrap();
    assert_eq!(std::fs::read_to_string(dir.path().join("stopped")).unwrap(), before, "terminal modes not restored");
    {
        let parser = s.parser.lock().unwrap();
        let screen = parser.screen();
        assert!(!screen.alternate_screen() && !screen.hide_cursor(), "the screen is not the shell's");
        assert_eq!(screen.mouse_protocol_mode(), vt100::MouseProtocolMode::None, "mouse capture still on");
    }
    // `fg` continues folio, which takes the terminal again and draws the whole screen.
    s.keys("\n");
    s.wait_for("the reader redrawn", |s| {
        s.parser.lock().unwrap().screen().alternate_screen()
            && s.row(0).contains("Harbour town swaps")
            && s.row(29).contains('%')
    });
    assert!(s.screen().contains("▸ 6 blocks folded"), "{}", s.screen());
    s.keys("j");
    s.wait_for("keys read again", |s| !s.screen().contains("▸ 6 blocks folded"));
    s.keys("q");
    s.wait_for("folio to exit", |s| s.screen().contains("EXIT="));
    assert!(s.screen().contains("EXIT=0"), "{}", s.screen());
    s.assert_restored(dir.path());
    let _ = s.child.kill();
}

/// A page of links: one of wide characters, one with an address to percent-encode, two that
/// are not http(s), and a paragraph with a link for each of forty pages below them.
fn page_of_links(dir: &std::path::Path) -> std::path::PathBuf {
    let mut page = String::from(
        "# Links\n\nSee [the report](https://example.org/report?a=1&b=2) and [日本の記事](https://example.org/日本) today.\n\n\
         A [script](javascript:alert(1)) and a [local file](file:///etc/passwd) stay plain.\n\n",
    );
    for n in 1..=40 {
        page.push_str(&format!("Paragraph {n} points to [page {n} of the archive](https://example.org/page/{n}).\n\n"));
    }
    let path = dir.join("links.md");
    std::fs::write(&path, page).unwrap();
    path
}

/// `config.toml` in a folder of `dir`, saying `hyperlinks = "WHEN"`; the folder.
fn config_with_hyperlinks(dir: &std::path::Path, when: &str) -> std::path::PathBuf {
    let config = dir.join("config");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(config.join("config.toml"), format!("hyperlinks = \"{when}\"\n")).unwrap();
    config
}

/// The page of links opened in a pty with `hyperlinks = "WHEN"`: the screen once drawn, after
/// three lines down, and after a search for a word of the links; and every byte folio wrote.
fn links_with_hyperlinks(when: &str) -> (Vec<String>, String) {
    let dir = tempfile::tempdir().unwrap();
    let page = page_of_links(dir.path());
    let config = config_with_hyperlinks(dir.path(), when);
    let bin = assert_cmd::cargo::cargo_bin("folio");
    let script = format!("'{}' '{}'; echo \"EXIT=$?\"; sleep 5", bin.display(), page.display());
    let state = dir.path().join("state");
    let mut s = Session::start(
        &script,
        &[("FOLIO_STATE_DIR", state.to_str().unwrap()), ("FOLIO_CONFIG_DIR", config.to_str().unwrap())],
    );
    s.wait_for("the page and the status line", |s| s.row(0).contains("Links") && s.row(29).contains('%'));
    let settle = || std::thread::sleep(std::time::Duration::from_millis(300));
    settle();
    let mut screens = vec![s.screen()];
    for keys in ["jjj", "/archive\r"] {
        s.keys(keys);
        s.wait_for("the screen to change", |s| s.screen() != *screens.last().unwrap());
        settle();
        screens.push(s.screen());
    }
    s.keys("q");
    s.wait_for("folio to exit", |s| s.screen().contains("EXIT=0"));
    let _ = s.child.kill();
    (screens, String::from_utf8_lossy(&s.raw_bytes()).into_owned())
}

#[test]
fn link_text_carries_osc_8_hyperlinks_with_always_and_none_with_never() {
    let (linked, raw) = links_with_hyperlinks("always");
    let (plain, plain_raw) = links_with_hyperlinks("never");
    assert!(linked[0].contains("See the report[1] and 日本の記事[2] today."), "{}", linked[0]);
    for (a, b) in linked.iter().zip(&plain) {
        assert_eq!(a, b, "the screen reads differently with hyperlinks");
    }
    assert!(raw.contains("\x1b]8;;https://example.org/report?a=1&b=2\x1b\\the report\x1b]8;;\x1b\\"), "{raw:?}");
    assert!(raw.contains("\x1b]8;;https://example.org/%E6%97%A5%E6%9C%AC\x1b\\日本の記事\x1b]8;;\x1b\\"), "{raw:?}");
    assert!(raw.contains("\x1b]8;;https://example.org/page/3\x1b\\"), "{raw:?}");
    assert!(!raw.contains("\x1b]8;;javascript") && !raw.contains("\x1b]8;;file"), "{raw:?}");
    assert_eq!(raw.matches("\x1b]8;;\x1b\\").count(), raw.matches("\x1b]8;;").count() / 2, "every hyperlink closed");
    assert!(!plain_raw.contains("\x1b]8;"), "a hyperlink written with never: {plain_raw:?}");
}

/// A tmux server of the test's own (its socket in the test's folder, no config file), killed
/// when dropped.
struct Tmux {
    socket: std::path::PathBuf,
}

impl Tmux {
    /// Runs tmux with `args` on this server.
    fn run(&self, args: &[&str]) -> std::process::Output {
        let socket = self.socket.as_os_str();
        std::process::Command::new("tmux").arg("-S").arg(socket).args(["-f", "/dev/null"]).args(args).output().unwrap()
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        self.run(&["kill-server"]);
    }
}

#[test]
fn inside_tmux_the_screen_reads_right_with_hyperlinks_always() {
    if std::process::Command::new("tmux").arg("-V").output().is_err() {
        eprintln!("skipped: no tmux");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let page = page_of_links(dir.path());
    let bin = assert_cmd::cargo::cargo_bin("folio");
    // The pane once the reader has drawn it, with `hyperlinks = "WHEN"`.
    let pane = |when: &str| {
        let config = config_with_hyperlinks(dir.path(), when);
        let command = format!(
            "FOLIO_CONFIG_DIR='{}' FOLIO_STATE_DIR='{}' FOLIO_DATA_DIR='{}' '{}' '{}'",
            config.display(),
            dir.path().join(format!("state-{when}")).display(),
            dir.path().join(format!("data-{when}")).display(),
            bin.display(),
            page.display()
        );
        let tmux = Tmux { socket: dir.path().join(format!("tmux-{when}")) };
        let started = tmux.run(&["new-session", "-d", "-s", "folio", "-x", "100", "-y", "30", &command]);
        assert!(started.status.success(), "{}", String::from_utf8_lossy(&started.stderr));
        let capture = || String::from_utf8_lossy(&tmux.run(&["capture-pane", "-p", "-t", "folio"]).stdout).into_owned();
        let start = std::time::Instant::now();
        while !capture().lines().nth(29).is_some_and(|l| l.contains('%')) {
            assert!(start.elapsed().as_secs() < 20, "timed out; pane:\n{}", capture());
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        std::thread::sleep(std::time::Duration::from_millis(300));
        capture()
    };
    let linked = pane("always");
    let plain = pane("never");
    assert!(linked.contains("See the report[1] and 日本の記事[2] today."), "{linked}");
    assert!(!linked.contains("8;;") && !linked.contains("example.org"), "a sequence shown as text:\n{linked}");
    assert_eq!(linked, plain);
}
