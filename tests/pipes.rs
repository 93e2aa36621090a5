//! folio in other programs' pipes: an HTML fragment on standard input (a feed item, a mail
//! part) read as HTML, `--from` and `--base`, and the copy written as Markdown without front
//! matter, as wrapped text with its links listed, or as text with ANSI styles.

mod common;

/// `folio ARGS` with `input` on standard input: what it printed, and whether it succeeded.
fn piped(args: &[&str], input: &str) -> (String, bool) {
    let out = common::folio().args(args).env_remove("NO_COLOR").write_stdin(input).output().unwrap();
    (String::from_utf8_lossy(&out.stdout).into_owned(), out.status.success())
}

const FRAGMENT: &str = "<p>Hello <a href=\"/x\">world</a>.</p><p>The second paragraph says a little more, \
                        with <em>some</em> words.</p>";

#[test]
fn a_fragment_prints_as_text_with_its_links_listed_against_the_base() {
    let (text, ok) = piped(&["clean", "--to", "text", "--base", "https://example.org/", "-"], FRAGMENT);
    assert!(ok);
    assert_eq!(
        text,
        "Hello world[1].\n\nThe second paragraph says a little more, with some words.\n\nLinks\n\n[1] https://example.org/x\n"
    );
}

#[test]
fn a_fragment_prints_as_markdown_without_front_matter() {
    let (text, ok) =
        piped(&["clean", "--to", "markdown", "--no-front-matter", "--base", "https://example.org/", "-"], FRAGMENT);
    assert!(ok);
    assert_eq!(
        text.trim(),
        "Hello [world](https://example.org/x).\n\nThe second paragraph says a little more, with *some* words."
    );
    // With front matter, the base is the copy's source.
    let (copy, _) = piped(&["clean", "--base", "https://example.org/item", "-"], FRAGMENT);
    assert!(copy.starts_with("---\n") && copy.contains("source: \"https://example.org/item\""), "{copy}");
}

#[test]
fn fragments_of_several_shapes_are_read_as_html() {
    for fragment in [
        "<div class=\"entry-content\">\n<p>A feed item's first paragraph, long enough to be a story.</p>\n<p>And a second.</p>\n</div>",
        "<article><h2>An item</h2><p>A feed item's first paragraph, long enough to be a story.</p></article>",
        "<table><tr><td>Ferry</td><td>09:00</td></tr><tr><td>Bus</td><td>09:30</td></tr></table>",
        "Dear reader,<br><br>Your order <b>42</b> has <i>shipped</i> and will reach you <b>on Monday</b>.<br>Thanks,<br>The shop",
    ] {
        let (json, ok) = piped(&["inspect", "--json", "-"], fragment);
        assert!(ok, "{fragment}");
        let report: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(report["source"]["format"], "html", "{fragment}");
        let (text, _) = piped(&["clean", "--no-front-matter", "--keep", "navigation", "-"], fragment);
        assert!(!text.contains("<p>") && !text.contains("<br>") && !text.contains("<td>"), "tags left in: {text}");
    }
}

#[test]
fn from_says_what_the_input_is_whatever_it_looks_like() {
    let (text, _) = piped(&["inspect", "--json", "--from", "text", "-"], FRAGMENT);
    let report: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(report["source"]["format"], "text");
    assert!(report["blocks"][0]["text"].as_str().unwrap().starts_with("<p>Hello"), "read as text, tags are words");
    let (html, _) = piped(&["inspect", "--json", "--from", "html", "-"], "Just words, & an ampersand.");
    let report: serde_json::Value = serde_json::from_str(&html).unwrap();
    assert_eq!(report["source"]["format"], "html");
    assert!(report["source"].get("base").is_none(), "no base unless given");
    let (given, _) = piped(&["inspect", "--json", "--base", "https://example.org/a", "-"], FRAGMENT);
    let report: serde_json::Value = serde_json::from_str(&given).unwrap();
    assert_eq!(report["source"]["base"], "https://example.org/a");
    let out =
        common::folio().args(["clean", "--base", "file:///etc/passwd", "-"]).write_stdin(FRAGMENT).output().unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("the base is an http(s) address"));
}

#[test]
fn ansi_prints_the_readers_styles_and_no_colour_under_no_color() {
    let page =
        "# Harbour pumps\n\nThe pump cost 2 million pounds in 2024, up from 1 million in 2020, the council said.\n";
    let (ansi, ok) = piped(&["clean", "--to", "ansi", "-"], page);
    assert!(ok && ansi.contains("\x1b[") && ansi.contains("\x1b[38"), "{ansi:?}");
    let out =
        common::folio().args(["clean", "--to", "ansi", "-"]).env("NO_COLOR", "1").write_stdin(page).output().unwrap();
    let monochrome = String::from_utf8_lossy(&out.stdout);
    assert!(monochrome.contains("\x1b[") && !monochrome.contains("\x1b[38"), "{monochrome:?}");
    let (text, _) = piped(&["clean", "--to", "text", "--width", "30", "-"], page);
    assert!(!text.contains('\x1b') && text.lines().all(|l| l.chars().count() <= 30), "{text}");
}

/// A feed item's body, as newsboat and aerc pipe it.
const FEED_ITEM: &str = "<div><p>The harbour town switched its heating to a <a href=\"https://example.org/pump\">seawater heat pump</a> \
    this winter, and the council said bills fell by a fifth.</p><p>Engineers expect the pump to run for thirty years.</p></div>";

/// Runs `command` (a README recipe's folio part) with sh, `FEED_ITEM` on standard input and
/// `%s` replaced by a file holding it: what it printed.
fn recipe(command: &str) -> String {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    assert!(readme.contains(command), "README gives the recipe {command:?}");
    let (_dir, part) = common::temp_file("part", FEED_ITEM.as_bytes());
    let bin = assert_cmd::cargo::cargo_bin("folio");
    let folio = command.split_whitespace().next().unwrap();
    let line = command.replacen(folio, &bin.display().to_string(), 1).replace("%s", &part.display().to_string());
    let out = std::process::Command::new("sh")
        .args(["-c", &line])
        .env_remove("NO_COLOR")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write;
            child.stdin.take().unwrap().write_all(FEED_ITEM.as_bytes())?;
            child.wait_with_output()
        })
        .unwrap();
    assert!(out.status.success(), "{line}");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn the_readmes_recipes_for_newsboat_aerc_and_mutt_print_the_story() {
    let newsboat = recipe("folio clean --to text --from html --width 72 -");
    assert!(newsboat.starts_with("The harbour town switched its heating to a seawater heat pump[1]"), "{newsboat}");
    assert!(newsboat.contains("thirty years.") && newsboat.ends_with("[1] https://example.org/pump\n"), "{newsboat}");
    assert!(newsboat.lines().all(|l| l.chars().count() <= 72), "{newsboat}");
    let aerc = recipe("folio clean --to ansi --from html -");
    assert!(aerc.contains("\x1b[") && aerc.contains("thirty years."), "{aerc:?}");
    let mutt = recipe("folio clean --to text --from html --width 80 %s");
    assert_eq!(
        mutt.replace('\n', " ").split_whitespace().collect::<Vec<_>>(),
        newsboat.replace('\n', " ").split_whitespace().collect::<Vec<_>>()
    );
}
