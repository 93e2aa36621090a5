//! Fetching articles over HTTP from a server on 127.0.0.1 that the test starts itself:
//! a page, a redirect, a 404, a redirect loop, an oversized body, a non-HTML answer, a
//! compressed answer and a server that never answers.

mod common;

use folio::source::fetch::{Limits, fetch};
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::time::Duration;

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
        let page = fetch(&format!("{base}{path}"), &Limits::default()).unwrap();
        assert_eq!(String::from_utf8(page.bytes).unwrap(), PAGE, "{path}");
    }
    let out = common::folio().args(["clean", &format!("{base}/latin1")]).output().unwrap();
    assert!(String::from_utf8(out.stdout).unwrap().contains("Café crème"));
}

fn fails_with(url: &str, limits: &Limits, says: &str) {
    let error = fetch(url, limits).unwrap_err().to_string();
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
    let error = fetch(&format!("{base}/to-a-file"), &Limits::default()).unwrap_err().to_string();
    assert_eq!(
        error,
        format!("{base}/to-a-file: the server redirected to a file: address, which folio does not follow")
    );
}
