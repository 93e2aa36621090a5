//! Hostile articles in a real pseudo-terminal: no byte of an article reaches the terminal as
//! a control sequence (each attack shows as a visible placeholder), and a signal while the
//! reader is open leaves the terminal as it was.

mod common;

use common::pty::Session;
use std::path::Path;

/// A plain article with `attack` inside its second paragraph, next to the word MARKER.
fn article_with(attack: &str) -> String {
    format!(
        "A Quiet Harbour Town Tries Something New\n\n\
         The council of the harbour town met on Tuesday evening to hear what residents made of the plan.\n\n\
         Residents read the notice {attack}MARKER and many of them came to the meeting with questions.\n\n\
         The plan will be put to a vote next month, after another round of meetings in the town hall.\n"
    )
}

/// Each attack: a name, the file's name and bytes, what the screen must show, and the byte
/// sequences that must never reach the terminal.
type Attack = (&'static str, &'static str, Vec<u8>, &'static str, Vec<&'static [u8]>);

fn attacks() -> Vec<Attack> {
    vec![
        (
            "CSI colour and clear",
            "csi.txt",
            article_with("\x1b[2J\x1b[31m").into_bytes(),
            "␛[31mMARKER",
            vec![b"\x1b[31mMARKER"],
        ),
        (
            "OSC 52 clipboard write",
            "osc52.txt",
            article_with("\x1b]52;c;cm0gLXJmIH4=\x07").into_bytes(),
            "␛]52;c;cm0gLXJmIH4=␇MARKER",
            vec![b"\x1b]52", b"\x07"],
        ),
        (
            "OSC 8 hyperlink",
            "osc8.txt",
            article_with("\x1b]8;;https://evil.example/\x1b\\").into_bytes(),
            "␛]8;;https://evil.example/␛\\MARKER",
            vec![b"\x1b]8;"],
        ),
        (
            "OSC 0 window title",
            "osc0.txt",
            article_with("\x1b]0;pwned\x1b\\").into_bytes(),
            "␛]0;pwned",
            vec![b"\x1b]0;"],
        ),
        ("C1 CSI", "c1.txt", article_with("\u{9b}31m").into_bytes(), "�31mMARKER", vec![b"\xc2\x9b"]),
        (
            "DEL and backspace",
            "del.txt",
            article_with("\x7f\x08\x08").into_bytes(),
            "␡␈␈MARKER",
            vec![b"\x7f", b"\x08"],
        ),
        ("bidi override", "bidi.txt", article_with("\u{202e}").into_bytes(), "�MARKER", vec!["\u{202e}".as_bytes()]),
        ("bidi isolate", "isolate.txt", article_with("\u{2067}").into_bytes(), "�MARKER", vec!["\u{2067}".as_bytes()]),
        (
            "an escape written as an HTML entity",
            "entity.html",
            String::from(
                "<html><head><title>A Quiet Harbour Town</title></head><body><article><h1>A Quiet Harbour Town</h1>\
                 <p>The council of the harbour town met on Tuesday evening to hear what residents made of it all.</p>\
                 <p>Residents read the notice &#27;[31m&#x1b;]52;c;aGk=&#7;MARKER and came with many questions.</p>\
                 <p>The plan will be put to a vote next month, after another round of meetings in the hall.</p>\
                 </article></body></html>",
            )
            .into_bytes(),
            "␛[31m␛]52;c;aGk=␇MARKER",
            vec![b"\x1b[31mMARKER", b"\x1b]52"],
        ),
    ]
}

fn open_reader(dir: &Path, file: &Path) -> Session {
    let bin = assert_cmd::cargo::cargo_bin("folio");
    let script = format!(
        "stty -a > '{0}/before'; '{1}' '{2}'; echo \"EXIT=$?\"; stty -a > '{0}/after'; sleep 5",
        dir.display(),
        bin.display(),
        file.display()
    );
    let state = dir.join("state");
    let config = dir.join("config");
    let env = [("FOLIO_STATE_DIR", state.to_str().unwrap()), ("FOLIO_CONFIG_DIR", config.to_str().unwrap())];
    Session::start(&script, &env)
}

#[test]
fn no_attack_reaches_the_terminal() {
    for (name, file, bytes, shown, forbidden) in attacks() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(file);
        std::fs::write(&path, &bytes).unwrap();
        let mut s = open_reader(dir.path(), &path);
        s.wait_for(name, |s| s.screen().contains("MARKER"));
        // vt100 keeps no U+FFFD on its screen, so the placeholder is looked for in what the
        // terminal received (ratatui writes a word's characters together).
        let screen = s.screen();
        let received = String::from_utf8_lossy(&s.raw_bytes()).into_owned();
        let on_screen = if shown.contains('\u{FFFD}') { received.contains(shown) } else { screen.contains(shown) };
        assert!(on_screen, "{name}: the screen does not show {shown:?}:\n{screen}");
        s.keys("q");
        s.wait_for("folio to exit", |s| s.screen().contains("EXIT="));
        assert!(s.screen().contains("EXIT=0"), "{name}: {}", s.screen());
        let raw = s.raw_bytes();
        for sequence in forbidden {
            assert!(
                !raw.windows(sequence.len()).any(|w| w == sequence),
                "{name}: the terminal received {:?}",
                String::from_utf8_lossy(sequence)
            );
        }
        s.assert_restored(dir.path());
        let _ = s.child.kill();
    }
}

#[test]
fn a_signal_while_reading_restores_the_terminal() {
    for (signal, number) in [("TERM", 15), ("HUP", 1)] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("article.txt");
        std::fs::write(&path, article_with("")).unwrap();
        let mut s = open_reader(dir.path(), &path);
        s.wait_for("the reader", |s| s.screen().contains("MARKER"));
        let pid = s.program_pid().expect("folio's process id");
        let killed = std::process::Command::new("kill").arg(format!("-{signal}")).arg(pid.to_string()).status();
        assert!(killed.unwrap().success());
        s.wait_for("folio to exit", |s| s.screen().contains("EXIT="));
        let code = format!("EXIT={}", 128 + number);
        assert!(s.screen().contains(&code), "SIG{signal}: expected {code}:\n{}", s.screen());
        s.assert_restored(dir.path());
        let _ = s.child.kill();
    }
}

#[test]
fn a_broken_places_file_is_reported_and_kept_aside() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("article.txt");
    std::fs::write(&path, article_with("")).unwrap();
    let state = dir.path().join("state");
    std::fs::create_dir_all(&state).unwrap();
    std::fs::write(state.join("places.json"), "{ not json").unwrap();
    let mut s = open_reader(dir.path(), &path);
    s.wait_for("the warning", |s| s.screen().contains("places.json"));
    s.keys("q");
    s.wait_for("folio to exit", |s| s.screen().contains("EXIT="));
    assert!(s.screen().contains("EXIT=0"), "{}", s.screen());
    assert_eq!(std::fs::read_to_string(state.join("places.json.broken")).unwrap(), "{ not json");
    assert!(std::fs::read_to_string(state.join("places.json")).unwrap().starts_with('{'));
    let _ = s.child.kill();
}
