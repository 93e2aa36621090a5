//! Fetching articles over HTTP from a server on 127.0.0.1 that the test starts itself:
//! a page, a redirect, a 404, a redirect loop, an oversized body, a non-HTML answer, a
//! compressed answer and a server that never answers; and what folio is told to say (user
//! agent, extra headers, cookies), as a server that keeps each request's headers sees it.

mod common;

use folio::source::fetch::{Limits, Settings, fetch};
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::time::Duration;

fn fetch_within(url: &str, limits: &Limits) -> folio::error::Result<folio::source::fetch::Fetched> {
    fetch(url, &Settings { limits: limits.clone(), ..Settings::default() })
}

const PAGE: &str = "<html><head><title>Local page</title></head><body><nav><a href='/'>Home</a></nav>\
    <article><h1>Local page</h1><p>The harbour pump heats 1,140 homes, the council said on Monday, \
    and the bills are lower than anyone expected.</p></article></body></html>";

/// Serves `count` connections on a free port; `answer` maps a request path to a raw response.
fn serve(count: usize, answer: fn(&str) -> Vec<u8>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming().take(count) {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut request_line = String::new();
            let _ = reader.read_line(&mut request_line);
            loop {
                let mut header = String::new();
                if reader.read_line(&mut header).unwrap_or(0) == 0 || header == "\r\n" {
                    break;
                }
            }
            let path = request_line.split_whitespace().nth(1).unwrap_or("/").to_string();
            let response = answer(&path);
            if response.is_empty() {
                std::thread::sleep(Duration::from_secs(5));
                continue;
            }
            let _ = stream.write_all(&response);
        }
    });
    address
}

fn response(status: &str, headers: &[(&str, &str)], body: &[u8]) -> Vec<u8> {
    let mut out = format!("HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n", body.len());
    for (k, v) in headers {
        out.push_str(&format!("{k}: {v}\r\n"));
    }
    out.push_str("\r\n");
    let mut bytes = out.into_bytes();
    bytes.extend_from_slice(body);
    bytes
}

fn answer(path: &str) -> Vec<u8> {
    match path {
        "/article" => response("200 OK", &[("Content-Type", "text/html; charset=utf-8")], PAGE.as_bytes()),
        "/moved" => response("301 Moved Permanently", &[("Location", "/article")], b""),
        "/loop" => response("302 Found", &[("Location", "/loop")], b""),
        "/to-a-file" => response("302 Found", &[("Location", "file:///etc/passwd")], b""),
        "/image" => response("200 OK", &[("Content-Type", "image/png")], b"\x89PNG\r\n"),
        "/huge" => {
            let body = vec![b'a'; 21 * 1024 * 1024];
            response("200 OK", &[("Content-Type", "text/html")], &body)
        }
        "/gzip" => {
            let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
            encoder.write_all(PAGE.as_bytes()).unwrap();
            let body = encoder.finish().unwrap();
            response("200 OK", &[("Content-Type", "text/html"), ("Content-Encoding", "gzip")], &body)
        }
        "/deflate" => {
            let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
            encoder.write_all(PAGE.as_bytes()).unwrap();
            let body = encoder.finish().unwrap();
            response("200 OK", &[("Content-Type", "text/html"), ("Content-Encoding", "deflate")], &body)
        }
        "/latin1" => response(
            "200 OK",
            &[("Content-Type", "text/html; charset=ISO-8859-1")],
            b"<p>Caf\xe9 cr\xe8me, the owners said on Monday, costs more than it did a year ago.</p>",
        ),
        "/silent" => Vec::new(),
        _ => response("404 Not Found", &[("Content-Type", "text/html")], b"<h1>Not here</h1>"),
    }
}

#[test]
fn a_page_is_fetched_through_a_redirect_and_records_its_final_url() {
    let base = serve(2, answer);
    let out = common::folio().args(["clean", &format!("{base}/moved")]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let copy = String::from_utf8(out.stdout).unwrap();
    assert!(copy.contains(&format!("source: \"{base}/article\"")), "{copy}");
    assert!(copy.contains("The harbour pump heats 1,140 homes"), "{copy}");
    assert!(!copy.contains("Home"), "{copy}");
}

#[test]
fn inspect_reports_a_url_source() {
    let base = serve(1, answer);
    let out = common::folio().args(["inspect", "--json", &format!("{base}/article")]).output().unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["source"]["kind"], "url");
    assert_eq!(report["source"]["format"], "html");
}

#[test]
fn compressed_and_declared_charset_answers_read() {
    let base = serve(3, answer);
    for path in ["/gzip", "/deflate"] {
        let page = fetch(&format!("{base}{path}"), &Settings::default()).unwrap();
        assert_eq!(String::from_utf8(page.bytes).unwrap(), PAGE, "{path}");
    }
    let out = common::folio().args(["clean", &format!("{base}/latin1")]).output().unwrap();
    assert!(String::from_utf8(out.stdout).unwrap().contains("Café crème"));
}

fn fails_with(url: &str, limits: &Limits, says: &str) {
    let error = fetch_within(url, limits).unwrap_err().to_string();
    assert!(error.contains(says), "{url}: {error}");
}

#[test]
fn http_errors_are_one_clear_line() {
    let base = serve(20, answer);
    fails_with(&format!("{base}/missing"), &Limits::default(), "404 Not Found");
    fails_with(&format!("{base}/loop"), &Limits::default(), "more than 10 redirects");
    fails_with(&format!("{base}/image"), &Limits::default(), "image/png, not a page");
    let out = common::folio().args(["clean", &format!("{base}/missing")]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("404"), "{stderr}");
}

#[test]
fn an_oversized_body_is_refused() {
    let base = serve(1, answer);
    fails_with(&format!("{base}/huge"), &Limits::default(), "larger than 20 MB");
}

#[test]
fn a_silent_server_times_out() {
    let base = serve(1, answer);
    let limits = Limits { total: Duration::from_secs(1), ..Limits::default() };
    fails_with(&format!("{base}/silent"), &limits, "no complete answer within 1 s");
}

#[test]
fn only_http_and_https() {
    fails_with("ftp://example.org/a", &Limits::default(), "only http and https");
    fails_with("http://", &Limits::default(), "not a valid URL");
    let out = common::folio().args(["clean", "file:///etc/passwd"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("only http and https"));
}

#[test]
fn a_redirect_never_leads_to_a_local_file() {
    let base = serve(1, answer);
    let error = fetch(&format!("{base}/to-a-file"), &Settings::default()).unwrap_err().to_string();
    assert_eq!(
        error,
        format!("{base}/to-a-file: the server redirected to a file: address, which folio does not follow")
    );
}

/// One request as the server saw it: the path, and the headers with lower-cased names.
#[derive(Debug, Clone)]
struct Seen {
    path: String,
    headers: Vec<(String, String)>,
}

impl Seen {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }
}

/// Serves on 127.0.0.1 (each request on a thread of its own) and keeps every request it sees;
/// `/moved` redirects to `/article`, `/to-localhost` to `/article` on `localhost`, `/a.html`
/// links to `/b.html`, anything else is the page.
fn serve_and_keep() -> (String, Arc<Mutex<Vec<Seen>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let kept = Arc::clone(&seen);
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let kept = Arc::clone(&kept);
            std::thread::spawn(move || {
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut request_line = String::new();
                let _ = reader.read_line(&mut request_line);
                let mut headers = Vec::new();
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                        break;
                    }
                    if let Some((name, value)) = line.trim_end().split_once(':') {
                        headers.push((name.to_ascii_lowercase(), value.trim().to_string()));
                    }
                }
                let path = request_line.split_whitespace().nth(1).unwrap_or("/").to_string();
                kept.lock().unwrap().push(Seen { path: path.clone(), headers });
                let html = [("Content-Type", "text/html; charset=utf-8")];
                let bytes = match path.as_str() {
                    "/moved" => response("302 Found", &[("Location", "/article")], b""),
                    "/to-localhost" => {
                        let there = format!("http://localhost:{port}/article");
                        response("302 Found", &[("Location", there.as_str())], b"")
                    }
                    "/a.html" => response("200 OK", &html, page("Page A", "/b.html").as_bytes()),
                    "/b.html" => response("200 OK", &html, page("Page B", "/a.html").as_bytes()),
                    _ => response("200 OK", &html, PAGE.as_bytes()),
                };
                let _ = stream.write_all(&bytes);
            });
        }
    });
    (format!("http://127.0.0.1:{port}"), seen)
}

fn page(title: &str, link: &str) -> String {
    format!(
        "<html><head><title>{title}</title></head><body><article><h1>{title}</h1><p>A walk goes slowly by the \
         river and looks across the still meadow. Go on to <a href=\"{link}\">the other page</a>.</p>\
         </article></body></html>"
    )
}

/// A cookies.txt with one cookie that must go to 127.0.0.1 and one HttpOnly one, and some that
/// must not: another domain's, an expired one, one for another path, a secure one (over http).
const COOKIES: &str = "# Netscape HTTP Cookie File\n\
    127.0.0.1\tFALSE\t/\tFALSE\t0\tsession\tlocal-1\n\
    #HttpOnly_127.0.0.1\tFALSE\t/\tFALSE\t4102444800\tkeep\tlocal-2\n\
    example.com\tTRUE\t/\tFALSE\t0\tother\tnot-for-this-host\n\
    127.0.0.1\tFALSE\t/\tFALSE\t1000000000\told\texpired-in-2001\n\
    127.0.0.1\tFALSE\t/account\tFALSE\t0\tdeep\tnot-for-this-path\n\
    127.0.0.1\tFALSE\t/\tTRUE\t0\tsafe\thttps-only\n\
    localhost\tFALSE\t/\tFALSE\t0\tnamed\tlocalhost-only\n";

/// The cookies every request to 127.0.0.1 in these tests carries.
const LOCAL_COOKIES: &str = "session=local-1; keep=local-2";

#[test]
fn the_server_sees_the_user_agent_the_extra_header_and_only_its_own_cookies() {
    let (base, seen) = serve_and_keep();
    let (_dir, cookies) = common::temp_file("cookies.txt", COOKIES.as_bytes());
    let out = common::folio()
        .args(["clean", "--user-agent", "Mozilla/5.0 (folio test)", "--header", "X-Test: 1", "--cookies"])
        .arg(&cookies)
        .arg(format!("{base}/moved"))
        .env("NO_PROXY", "*")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("The harbour pump heats 1,140 homes"));
    assert!(stderr.is_empty(), "{stderr}");
    let seen = seen.lock().unwrap().clone();
    assert_eq!(seen.iter().map(|s| s.path.as_str()).collect::<Vec<_>>(), ["/moved", "/article"]);
    for request in &seen {
        assert_eq!(request.header("user-agent"), Some("Mozilla/5.0 (folio test)"), "{request:?}");
        assert_eq!(request.header("x-test"), Some("1"), "{request:?}");
        assert_eq!(request.header("cookie"), Some(LOCAL_COOKIES), "a redirect's hop too: {request:?}");
        assert_eq!(request.headers.iter().filter(|(n, _)| n == "cookie").count(), 1, "{request:?}");
    }
}

#[test]
fn each_redirect_hop_gets_the_cookies_of_its_own_host_and_credentials_stay_with_the_first() {
    let (base, seen) = serve_and_keep();
    let (_dir, cookies) = common::temp_file("cookies.txt", COOKIES.as_bytes());
    let settings = Settings {
        headers: vec![
            folio::source::fetch::Header::parse("Authorization: Bearer secret-token").unwrap(),
            folio::source::fetch::Header::parse("Accept: text/html").unwrap(),
        ],
        cookies: folio::source::cookies::CookieJar::load(&cookies).unwrap().0,
        ..Settings::default()
    };
    let page = fetch(&format!("{base}/to-localhost"), &settings).unwrap();
    assert!(page.final_url.starts_with("http://localhost:"), "{}", page.final_url);
    let seen = seen.lock().unwrap().clone();
    assert_eq!(seen.len(), 2, "{seen:?}");
    assert_eq!(seen[0].header("cookie"), Some(LOCAL_COOKIES));
    assert_eq!(seen[0].header("authorization"), Some("Bearer secret-token"));
    assert_eq!(seen[1].header("cookie"), Some("named=localhost-only"), "{:?}", seen[1]);
    assert_eq!(seen[1].header("authorization"), None, "{:?}", seen[1]);
    for request in &seen {
        assert_eq!(request.header("accept"), Some("text/html"), "the reader's Accept replaces folio's");
        assert!(request.header("user-agent").is_some_and(|ua| ua.starts_with("folio/")), "{request:?}");
    }
}

#[test]
fn the_config_file_names_the_user_agent_and_the_flag_wins() {
    let (base, seen) = serve_and_keep();
    let (dir, _) = common::temp_file("config.toml", b"user_agent = \"Configured/1.0\"\n");
    for (flag, expected) in [(None, "Configured/1.0"), (Some("Flagged/2.0"), "Flagged/2.0")] {
        let mut cmd = common::folio();
        cmd.env("FOLIO_CONFIG_DIR", dir.path()).env("NO_PROXY", "*").arg("clean");
        if let Some(agent) = flag {
            cmd.args(["--user-agent", agent]);
        }
        let out = cmd.arg(format!("{base}/article")).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let last = seen.lock().unwrap().last().cloned().unwrap();
        assert_eq!(last.header("user-agent"), Some(expected));
    }
}

#[test]
fn a_bad_header_is_refused_before_anything_is_fetched() {
    let (base, seen) = serve_and_keep();
    for (header, says) in [
        ("X-Test 1", "\"X-Test 1\" is not a header: write it as 'Name: value'"),
        ("Host: example.org", "the Host header cannot be given: folio sends the URL's own host"),
        ("X-Test: 1\r\nX-Other: 2", "the X-Test header's value holds a line break"),
    ] {
        let out = common::folio().args(["clean", "--header", header, &format!("{base}/article")]).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{header:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(says), "{header:?}: {stderr}");
    }
    assert!(seen.lock().unwrap().is_empty());
}

#[test]
fn a_cookies_file_that_cannot_be_read_stops_folio_and_bad_lines_are_named_without_values() {
    let out = common::folio().args(["clean", "--cookies", "/nonexistent/cookies.txt", "x.html"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "folio: /nonexistent/cookies.txt: no such file\n");
    let (base, seen) = serve_and_keep();
    let text = "127.0.0.1 FALSE / FALSE 0 spaced secret-value\n127.0.0.1\tFALSE\t/\tFALSE\t0\tgood\tyes\n";
    let (_dir, cookies) = common::temp_file("cookies.txt", text.as_bytes());
    let out = common::folio()
        .args(["clean", "--cookies"])
        .arg(&cookies)
        .arg(format!("{base}/article"))
        .env("NO_PROXY", "*")
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("cookies.txt: line 1 skipped: not a cookie"), "{stderr}");
    assert!(!stderr.contains("secret-value"), "{stderr}");
    assert_eq!(seen.lock().unwrap()[0].header("cookie"), Some("good=yes"));
}

#[test]
fn the_reader_fetches_its_first_page_and_every_link_followed_as_told() {
    let (base, seen) = serve_and_keep();
    let dir = tempfile::tempdir().unwrap();
    let cookies = dir.path().join("cookies.txt");
    std::fs::write(&cookies, COOKIES).unwrap();
    let bin = assert_cmd::cargo::cargo_bin("folio");
    let script = format!(
        "'{}' --user-agent 'Reader/3' --header 'X-Test: reader' --cookies '{}' '{base}/a.html'; echo \"EXIT=$?\"; sleep 5",
        bin.display(),
        cookies.display()
    );
    let state = dir.path().join("state");
    let config = dir.path().join("config");
    let mut s = common::pty::Session::start(
        &script,
        &[
            ("FOLIO_STATE_DIR", state.to_str().unwrap()),
            ("FOLIO_CONFIG_DIR", config.to_str().unwrap()),
            ("NO_PROXY", "*"),
        ],
    );
    s.wait_for("page A", |s| s.row(0).contains("Page A"));
    s.keys("f1");
    s.wait_for("page B, followed", |s| s.row(0).contains("Page B"));
    s.keys("q");
    s.wait_for("folio to exit", |s| s.screen().contains("EXIT="));
    assert!(s.screen().contains("EXIT=0"), "{}", s.screen());
    let seen = seen.lock().unwrap().clone();
    assert_eq!(seen.iter().map(|s| s.path.as_str()).collect::<Vec<_>>(), ["/a.html", "/b.html"]);
    for request in &seen {
        assert_eq!(request.header("user-agent"), Some("Reader/3"), "{request:?}");
        assert_eq!(request.header("x-test"), Some("reader"), "{request:?}");
        assert_eq!(request.header("cookie"), Some(LOCAL_COOKIES), "{request:?}");
    }
}
