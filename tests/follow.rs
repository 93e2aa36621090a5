//! Following links in the reader, in a real pseudo-terminal, against a small site served on
//! 127.0.0.1: on to another page and back to the same place with the same folds, forward
//! again, an in-page `#anchor`, a 404 and a slow page that leave the page open as it is, a
//! `file:` link a web page may not lead to, and a claim's source and back to the claim.

mod common;

use common::pty::Session;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::time::Duration;

/// Quiet sentences that no claim detector flags (no figures, no names), to give a page length.
fn filler(n: usize, from: usize) -> String {
    const PLACES: [&str; 6] = ["river", "garden", "harbour", "orchard", "meadow", "valley"];
    const HILLS: [&str; 6] = ["green", "grey", "gentle", "distant", "quiet", "low"];
    (from..from + n)
        .map(|i| {
            let (a, b, c) = (PLACES[i % 6], PLACES[(i / 6 + 1) % 6], HILLS[(i / 36 + i) % 6]);
            format!("<p>A walk goes slowly by the {a} and looks across the still {b} towards the {c} hills.</p>\n")
        })
        .collect()
}

fn page(title: &str, body: &str) -> String {
    format!(
        "<!doctype html><html><head><title>{title}</title></head><body><article><h1>{title}</h1>\n{body}</article></body></html>"
    )
}

/// The site: page A links to B, to a place in itself, to a missing page, a slow page, a local
/// file and (from a claim) to C; B links to C.
fn site(path: &str) -> Option<(&'static str, String)> {
    let a = format!(
        "<p>The start of page A. Read <a href=\"/b.html\">the second page</a> next.</p>\n\
         <div class=\"newsletter-signup\"><p>Sign up for our newsletter to get the best stories in your inbox every morning.</p></div>\n\
         {}\
         <p>Jump to <a href=\"#later\">the later part</a> of this page.</p>\n\
         <p>Here is <a href=\"/missing.html\">a missing page</a> for you.</p>\n\
         <p>Here is <a href=\"/slow.html\">a slow page</a> for you.</p>\n\
         <p>Here is <a href=\"file:///etc/passwd\">a local file</a> for you.</p>\n\
         <p>Unemployment fell to 3.5 percent in 2023, according to <a href=\"/c.html\">the labour report</a> published in March.</p>\n\
         {}<h2 id=\"later\">The later part</h2>\n{}",
        filler(12, 1),
        filler(20, 13),
        filler(24, 33)
    );
    let b = format!("<p>The start of page B. Go on to <a href=\"/c.html\">the third page</a>.</p>\n{}", filler(8, 1));
    let c = format!("<p>The start of page C, the last one.</p>\n{}", filler(4, 1));
    match path {
        "/a.html" => Some(("200 OK", page("Page A", &a))),
        "/b.html" => Some(("200 OK", page("Page B", &b))),
        "/c.html" => Some(("200 OK", page("Page C", &c))),
        _ => None,
    }
}

/// Serves `site` on 127.0.0.1, each request on a thread of its own; `/slow.html` never answers
/// in time. Gives the address.
fn serve() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            std::thread::spawn(move || {
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut request = String::new();
                let _ = reader.read_line(&mut request);
                loop {
                    let mut header = String::new();
                    if reader.read_line(&mut header).unwrap_or(0) == 0 || header == "\r\n" {
                        break;
                    }
                }
                let path = request.split_whitespace().nth(1).unwrap_or("/").to_string();
                if path == "/slow.html" {
                    std::thread::sleep(Duration::from_secs(60));
                    return;
                }
                let (status, body) = site(&path).unwrap_or(("404 Not Found", page("Not found", "<p>Gone.</p>")));
                let head = format!(
                    "HTTP/1.1 {status}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                    body.len()
                );
                let _ = stream.write_all(head.as_bytes());
                let _ = stream.write_all(body.as_bytes());
            });
        }
    });
    address
}

/// The screen's rows above the status line: what "the same place, the same folds" compares.
fn text_rows(s: &Session) -> Vec<String> {
    (1..29).map(|row| s.row(row).trim_end().to_string()).collect()
}

#[test]
fn links_are_followed_in_folio_and_back_returns_to_the_same_place() {
    let address = serve();
    let dir = tempfile::tempdir().unwrap();
    let bin = assert_cmd::cargo::cargo_bin("folio");
    let script = format!(
        "stty -a > '{0}/before'; '{1}' '{2}/a.html'; echo \"EXIT=$?\"; stty -a > '{0}/after'; sleep 5",
        dir.path().display(),
        bin.display(),
        address
    );
    let state = dir.path().join("state");
    let config = dir.path().join("config");
    let mut s = Session::start(
        &script,
        &[
            ("FOLIO_STATE_DIR", state.to_str().unwrap()),
            ("FOLIO_CONFIG_DIR", config.to_str().unwrap()),
            ("NO_PROXY", "*"),
        ],
    );
    s.wait_for("page A", |s| s.row(0).contains("Page A"));

    // Open the newsletter fold and scroll a little: the place and the fold to come back to.
    s.keys("z");
    s.wait_for("the fold open", |s| s.screen().contains("Sign up for our newsletter"));
    s.keys("jjj");
    s.wait_for("three lines down", |s| !s.row(1).contains("start of page A"));
    std::thread::sleep(Duration::from_millis(300));
    let left_a = text_rows(&s);

    s.keys("f1");
    s.wait_for("page B in the header", |s| s.row(0).contains("Page B"));
    s.wait_for("where B is among the pages", |s| s.row(29).contains("page 2 of 2"));
    s.keys("f1");
    s.wait_for("page C in the header", |s| s.row(0).contains("Page C"));
    s.wait_for("page 3 of 3", |s| s.row(29).contains("page 3 of 3"));

    s.keys("\x7f");
    s.wait_for("back on B", |s| s.row(0).contains("Page B") && s.row(29).contains("page 2 of 3"));
    s.keys("\x7f");
    s.wait_for("back on A", |s| s.row(0).contains("Page A") && s.row(29).contains("page 1 of 3"));
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(text_rows(&s), left_a, "A as it was left: the same top line, the fold still open");

    s.keys("\t");
    s.wait_for("forward to B", |s| s.row(0).contains("Page B") && s.row(29).contains("page 2 of 3"));
    s.keys("\x7f");
    s.wait_for("back on A again", |s| s.row(0).contains("Page A"));

    // A link to a place in the page jumps there, and back returns.
    s.keys("f2");
    s.wait_for("the later part at the top", |s| s.row(1).contains("The later part"));
    s.keys("\x7f");
    s.wait_for("back where the in-page link was followed", |s| text_rows(s) == left_a);

    // A missing page: one message, and A stays.
    s.keys("f3");
    s.wait_for("the 404 said", |s| s.row(29).contains("404"));
    assert!(s.row(0).contains("Page A"), "{}", s.screen());

    // A slow page: the status line says it is loading, keys keep working, Esc cancels.
    s.keys("f4");
    s.wait_for("loading said", |s| s.row(29).contains("loading") && s.row(29).contains("Esc cancels"));
    let before = s.row(1);
    s.keys("j");
    s.wait_for("a key works while loading", |s| s.row(1) != before);
    s.keys("\x1b");
    s.wait_for("the load stopped", |s| s.row(29).contains("stopped reading"));
    assert!(s.row(0).contains("Page A"), "{}", s.screen());

    // A web page never leads to a local file.
    s.keys("f5");
    s.wait_for("the file: link refused", |s| {
        s.row(29).contains("[5] refused: a web page may lead only to http(s), not to file:")
    });
    assert!(s.row(0).contains("Page A"), "{}", s.screen());

    // The claim's source, from the claims list, and back to the claim.
    s.keys("l");
    s.wait_for("the claims list with the claim's source", |s| s.screen().contains("→ [6] the labour report"));
    s.keys("f");
    s.wait_for("page C from the claim", |s| s.row(0).contains("Page C"));
    s.keys("\x7f");
    s.wait_for("back on A", |s| s.row(0).contains("Page A"));
    s.wait_for("the claim at the top", |s| s.row(1).contains("Unemployment fell to 3.5 percent"));

    s.keys("q");
    s.wait_for("folio to exit", |s| s.screen().contains("EXIT="));
    assert!(s.screen().contains("EXIT=0"), "{}", s.screen());
    s.assert_restored(dir.path());

    // Every page read by following a link is in the history, like any other.
    let listed = common::folio().arg("history").env("FOLIO_STATE_DIR", &state).output().unwrap();
    let listed = String::from_utf8_lossy(&listed.stdout);
    for title in ["Page A", "Page B", "Page C"] {
        assert!(listed.contains(title), "{title} not in the history:\n{listed}");
    }
}
