//! Fetching an article over HTTP(S) with ureq (rustls): only http and https, connect and
//! total time limits, at most 10 redirects, a cap on the body, gzip, deflate and brotli,
//! and a real User-Agent. Answers that are not pages (images, PDFs…) are refused.

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

const USER_AGENT: &str = concat!("folio/", env!("CARGO_PKG_VERSION"), " (terminal article reader)");

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

/// Fetches `url` (http or https only) within `limits`. A failure, an error status or an
/// answer that is not a page (an image, a PDF…) is an [`Error::Fetch`].
pub fn fetch(url: &str, limits: &Limits) -> Result<Fetched> {
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
        .user_agent(USER_AGENT)
        .accept_encoding("gzip, deflate, br")
        .http_status_as_error(false)
        .build()
        .into();
    let started = std::time::Instant::now();
    let mut address = parsed;
    let mut hops = 0;
    let mut response = loop {
        let left = limits.total.saturating_sub(started.elapsed());
        if left.is_zero() {
            return Err(failed(format!("no complete answer within {} s", limits.total.as_secs())));
        }
        let response = agent
            .get(address.as_str())
            .header("Accept", "text/html,application/xhtml+xml,text/plain;q=0.9,text/markdown;q=0.9,*/*;q=0.1")
            .config()
            .timeout_global(Some(left))
            .build()
            .call()
            .map_err(|e| failed(describe(e, limits)))?;
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
