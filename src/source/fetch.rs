//! Fetching an article over HTTP(S) with ureq (rustls): only http and https, connect and
//! total time limits, at most 10 redirects, a cap on the body, gzip, deflate and brotli.
//! Answers that are not pages (images, PDFs…) are refused. What a fetch says — the user agent,
//! the reader's extra headers, their cookies — is `Settings`, the same for every fetch of a run.
//! A proxy is the HTTP client's business: ureq reads `ALL_PROXY`, `HTTPS_PROXY`, `HTTP_PROXY` and
//! `NO_PROXY` itself.

use super::cookies::{CookieJar, is_token};
use crate::error::{Error, Result};
use std::io::Read;
use std::time::Duration;

/// How patient and how generous a fetch is.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Longest wait for a connection (10 s by default).
    pub connect: Duration,
    /// Longest wait for the whole answer, body included (30 s).
    pub total: Duration,
    /// Most redirects followed (10).
    pub redirects: u32,
    /// Largest page accepted, in bytes (20 MB).
    pub max_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            connect: Duration::from_secs(10),
            total: Duration::from_secs(30),
            redirects: 10,
            max_bytes: 20 * 1024 * 1024,
        }
    }
}

/// A fetched page: its bytes, the address it finally came from, and what the server said it is.
#[derive(Debug, Clone)]
pub struct Fetched {
    /// The body, decompressed.
    pub bytes: Vec<u8>,
    /// The address the page came from, after any redirects.
    pub final_url: String,
    /// The media type, lower-cased, without parameters (`text/html`).
    pub media_type: String,
    /// The `charset` parameter of `Content-Type`, if any.
    pub charset: Option<String>,
}

/// The User-Agent folio sends unless told another (`--user-agent`, `user_agent`).
pub const DEFAULT_USER_AGENT: &str = concat!("folio/", env!("CARGO_PKG_VERSION"), " (terminal article reader)");

/// What folio asks for when the reader gave no `Accept` header of their own.
const ACCEPT: &str = "text/html,application/xhtml+xml,text/plain;q=0.9,text/markdown;q=0.9,*/*;q=0.1";

/// What every fetch of a run says and accepts: the user agent, the reader's extra headers, their
/// cookies and the limits. A cookie's value and a header's value are not shown by `{:?}`.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The `User-Agent` sent (also to a proxy, when asked to connect through it).
    pub user_agent: String,
    /// Extra headers, sent with every request, a redirect's included (`Authorization` only to the
    /// host of the address asked for).
    pub headers: Vec<Header>,
    /// The cookies: each request carries those for its own host and path.
    pub cookies: CookieJar,
    /// How patient and how generous a fetch is.
    pub limits: Limits,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            user_agent: DEFAULT_USER_AGENT.to_string(),
            headers: Vec::new(),
            cookies: CookieJar::default(),
            limits: Limits::default(),
        }
    }
}

/// An extra request header, as `--header 'Name: value'` gives it.
#[derive(Clone, PartialEq, Eq)]
pub struct Header {
    /// Its name, as written (`X-Requested-With`).
    pub name: String,
    /// Its value, without the spaces around it.
    pub value: String,
}

impl std::fmt::Debug for Header {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Header({}: (not shown))", self.name)
    }
}

/// Headers folio writes itself, and what to use instead of giving them with `--header`.
const OWN_HEADERS: [(&str, &str); 7] = [
    ("host", "folio sends the URL's own host"),
    ("cookie", "give cookies with --cookies FILE, which sends each only to its own site"),
    ("user-agent", "use --user-agent"),
    ("accept-encoding", "folio asks for the compressions it can undo"),
    ("content-length", "folio sends no body"),
    ("transfer-encoding", "folio sends no body"),
    ("connection", "the HTTP client manages the connection"),
];

impl Header {
    /// Reads `Name: value`: the name a token (letters, digits, `-`…), the value without control
    /// characters (no line breaks). Headers folio writes itself (`Host`, `Cookie`, `User-Agent`…)
    /// are refused, each with what to do instead.
    pub fn parse(text: &str) -> std::result::Result<Header, String> {
        let Some((name, value)) = text.split_once(':') else {
            return Err(format!("{:?} is not a header: write it as 'Name: value'", visible(text)));
        };
        let name = name.trim();
        if !is_token(name) {
            return Err(format!(
                "{:?} is not a header name: letters, digits and -_.!#$%&'*+^`|~ only, no spaces",
                visible(name)
            ));
        }
        if let Some((_, instead)) = OWN_HEADERS.iter().find(|(own, _)| own.eq_ignore_ascii_case(name)) {
            return Err(format!("the {name} header cannot be given: {instead}"));
        }
        let value = value.trim_matches([' ', '\t']);
        check_value(value).map_err(|why| format!("the {name} header's value {why}"))?;
        Ok(Header { name: name.to_string(), value: value.to_string() })
    }
}

/// Checks a user agent: some text, no control characters.
pub fn check_user_agent(text: &str) -> std::result::Result<(), String> {
    if text.trim().is_empty() {
        return Err("the user agent is empty".to_string());
    }
    check_value(text).map_err(|why| format!("the user agent {why}"))
}

/// A header value may hold any character but control characters (a tab aside): a line break
/// would start another header.
fn check_value(value: &str) -> std::result::Result<(), String> {
    match value.chars().find(|&c| c.is_control() && c != '\t') {
        Some('\r' | '\n') => Err("holds a line break".to_string()),
        Some(c) => Err(format!("holds a control character (U+{:04X})", c as u32)),
        None => Ok(()),
    }
}

/// `text` with control characters shown as `?`, for a message.
fn visible(text: &str) -> String {
    text.chars().map(|c| if c.is_control() { '?' } else { c }).collect()
}

/// Whether `arg` names a URL (`scheme://…`) rather than a file. Schemes other than http and
/// https are URLs too, so that they get a clear refusal instead of "no such file".
pub fn is_url(arg: &str) -> bool {
    match arg.split_once("://") {
        Some((scheme, _)) => {
            scheme.len() >= 2
                && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        }
        None => false,
    }
}

/// Fetches `url` (http or https only) as `settings` say. A failure, an error status or an
/// answer that is not a page (an image, a PDF…) is an [`Error::Fetch`].
pub fn fetch(url: &str, settings: &Settings) -> Result<Fetched> {
    let limits = &settings.limits;
    let failed = |problem: String| Error::Fetch { url: url.to_string(), problem };
    let parsed = url::Url::parse(url).map_err(|e| failed(format!("not a valid URL ({e})")))?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(failed(format!("only http and https URLs can be fetched, not {}:", parsed.scheme())));
    }
    // Redirects are followed here, not by the HTTP client, so that each hop's address is checked:
    // a server can send folio only to another http(s) page, never to a local file.
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_connect(Some(limits.connect))
        .max_redirects(0)
        .user_agent(settings.user_agent.as_str())
        .accept_encoding("gzip, deflate, br")
        .http_status_as_error(false)
        .build()
        .into();
    let started = std::time::Instant::now();
    let first_host = parsed.host_str().map(str::to_string);
    let asked_for_accept = settings.headers.iter().any(|h| h.name.eq_ignore_ascii_case("accept"));
    let mut address = parsed;
    let mut hops = 0;
    let mut response = loop {
        let left = limits.total.saturating_sub(started.elapsed());
        if left.is_zero() {
            return Err(failed(format!("no complete answer within {} s", limits.total.as_secs())));
        }
        let mut request = agent.get(address.as_str());
        if !asked_for_accept {
            request = request.header("Accept", ACCEPT);
        }
        for header in &settings.headers {
            // Credentials go to the host they were meant for, not to wherever a redirect points.
            let credentials = header.name.eq_ignore_ascii_case("authorization");
            if !credentials || address.host_str().map(str::to_string) == first_host {
                request = request.header(header.name.as_str(), header.value.as_str());
            }
        }
        // Each hop gets the cookies of its own host and path.
        if let Some(cookies) = settings.cookies.header_for(&address, seconds_since_1970()) {
            request = request.header("Cookie", cookies);
        }
        let response =
            request.config().timeout_global(Some(left)).build().call().map_err(|e| failed(describe(e, limits)))?;
        if !response.status().is_redirection() || response.status() == 304 {
            break response;
        }
        let location = response.headers().get("location").and_then(|v| v.to_str().ok());
        let Some(next) = location.and_then(|l| address.join(l.trim()).ok()) else {
            return Err(failed(format!("the server answered {} with no address to go to", response.status().as_u16())));
        };
        if !matches!(next.scheme(), "http" | "https") {
            return Err(failed(format!(
                "the server redirected to a {}: address, which folio does not follow",
                next.scheme()
            )));
        }
        hops += 1;
        if hops > limits.redirects {
            return Err(failed(format!("more than {} redirects", limits.redirects)));
        }
        address = next;
    };
    let status = response.status();
    if !status.is_success() {
        let reason = status.canonical_reason().unwrap_or("");
        return Err(failed(format!("the server answered {} {reason}", status.as_u16())));
    }
    let final_url = address.to_string();
    let header = |name: &str| response.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_string);
    let content_type = header("content-type").unwrap_or_else(|| "text/html".to_string());
    let deflated = header("content-encoding").is_some_and(|e| e.trim().eq_ignore_ascii_case("deflate"));
    let mut parts = content_type.split(';');
    let media_type = parts.next().unwrap_or("").trim().to_ascii_lowercase();
    let charset = parts
        .filter_map(|p| p.trim().split_once('='))
        .find(|(k, _)| k.trim().eq_ignore_ascii_case("charset"))
        .map(|(_, v)| v.trim().trim_matches('"').to_string());
    let readable = media_type.starts_with("text/") || media_type.contains("html") || media_type.contains("xml");
    if !readable {
        return Err(failed(format!("the server sent {media_type}, not a page to read")));
    }
    let mut bytes = response
        .body_mut()
        .with_config()
        .limit(limits.max_bytes)
        .read_to_vec()
        .map_err(|e| failed(describe(e, limits)))?;
    if deflated {
        bytes = inflate(&bytes, limits.max_bytes).map_err(failed)?;
    }
    Ok(Fetched { bytes, final_url, media_type, charset })
}

/// The time now, for telling expired cookies.
fn seconds_since_1970() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

/// `Content-Encoding: deflate` is zlib data (or, from some servers, raw deflate).
fn inflate(bytes: &[u8], limit: u64) -> std::result::Result<Vec<u8>, String> {
    let mut out = Vec::new();
    let zlib = flate2::read::ZlibDecoder::new(bytes).take(limit + 1).read_to_end(&mut out);
    if zlib.is_err() {
        out.clear();
        flate2::read::DeflateDecoder::new(bytes)
            .take(limit + 1)
            .read_to_end(&mut out)
            .map_err(|e| format!("the deflate-encoded body is broken ({e})"))?;
    }
    if out.len() as u64 > limit {
        return Err(format!("the page is larger than {} MB", limit / (1024 * 1024)));
    }
    Ok(out)
}

fn describe(error: ureq::Error, limits: &Limits) -> String {
    match error {
        ureq::Error::Timeout(_) => format!("no complete answer within {} s", limits.total.as_secs()),
        ureq::Error::TooManyRedirects => format!("more than {} redirects", limits.redirects),
        ureq::Error::BodyExceedsLimit(_) => format!("the page is larger than {} MB", limits.max_bytes / (1024 * 1024)),
        ureq::Error::HostNotFound => "host not found".to_string(),
        ureq::Error::ConnectionFailed => "could not connect".to_string(),
        ureq::Error::Io(e) if e.kind() == std::io::ErrorKind::TimedOut => {
            format!("no complete answer within {} s", limits.total.as_secs())
        }
        // The system's resolver says it at length ("failed to lookup address information: …").
        ureq::Error::Io(e) if e.to_string().contains("lookup address") => "host not found".to_string(),
        ureq::Error::Io(e) => format!("connection problem: {e}"),
        other => other.to_string(),
    }
}
