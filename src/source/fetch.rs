//! Fetching an article over HTTP(S) with ureq (rustls): only http and https, connect and
//! total time limits, at most 10 redirects, a cap on the body, gzip, deflate and brotli,
//! and a real User-Agent. Answers that are not pages (images, PDFs…) are refused.

use crate::error::{Error, Result};
use std::io::Read;
use std::time::Duration;
use ureq::ResponseExt;

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
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_connect(Some(limits.connect))
        .timeout_global(Some(limits.total))
        .max_redirects(limits.redirects)
        .user_agent(USER_AGENT)
        .accept_encoding("gzip, deflate, br")
        .http_status_as_error(false)
        .build()
        .into();
    let mut response = agent
        .get(parsed.as_str())
        .header("Accept", "text/html,application/xhtml+xml,text/plain;q=0.9,text/markdown;q=0.9,*/*;q=0.1")
        .call()
        .map_err(|e| failed(describe(e, limits)))?;
    let status = response.status();
    if !status.is_success() {
        let reason = status.canonical_reason().unwrap_or("");
        return Err(failed(format!("the server answered {} {reason}", status.as_u16())));
    }
    let final_url = response.get_uri().to_string();
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
        ureq::Error::Io(e) => format!("connection problem: {e}"),
        other => other.to_string(),
    }
}
