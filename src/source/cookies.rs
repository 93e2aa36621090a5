//! The reader's cookies, from a Netscape `cookies.txt` (what browser extensions and `curl -c`
//! write), and which of them go with a request: only to the cookie's own domain and path, secure
//! ones only over https, expired ones never. A cookie's value is never shown: not in an error,
//! a warning or `{:?}`. Cookies the server sets are not kept.

use crate::error::{Error, Result};
use std::path::Path;

/// One cookie from a `cookies.txt` line.
#[derive(Clone, PartialEq, Eq)]
pub struct Cookie {
    /// The domain, lower-cased, without its leading dot (`example.org`).
    pub domain: String,
    /// Whether hosts under the domain get it too (`TRUE`, or a domain written with a leading dot).
    pub subdomains: bool,
    /// The path it is for (`/`, `/account`).
    pub path: String,
    /// Sent over https only.
    pub secure: bool,
    /// When it expires, in seconds since 1970; `None` for a session cookie (written as 0).
    pub expires: Option<u64>,
    /// Its name.
    pub name: String,
    /// Its value: sent, never shown.
    pub value: String,
}

impl std::fmt::Debug for Cookie {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Cookie")
            .field("domain", &self.domain)
            .field("subdomains", &self.subdomains)
            .field("path", &self.path)
            .field("secure", &self.secure)
            .field("expires", &self.expires)
            .field("name", &self.name)
            .field("value", &"(not shown)")
            .finish()
    }
}

impl Cookie {
    /// Whether this cookie goes with a request for `url` at `now` (seconds since 1970).
    pub fn goes_to(&self, url: &url::Url, now: u64) -> bool {
        let Some(host) = url.host_str() else { return false };
        let fresh = self.expires.is_none_or(|at| at > now);
        let safe = !self.secure || url.scheme() == "https";
        fresh && safe && self.domain_matches(host) && path_matches(url.path(), &self.path)
    }

    /// The host is the cookie's domain, or (when the cookie says so) a name under it. An IP
    /// address matches only itself.
    fn domain_matches(&self, host: &str) -> bool {
        let host = host.trim_end_matches('.').to_ascii_lowercase();
        if host == self.domain {
            return true;
        }
        let is_address = host.parse::<std::net::Ipv4Addr>().is_ok() || host.starts_with('[');
        self.subdomains
            && !is_address
            && host.len() > self.domain.len()
            && host.ends_with(&self.domain)
            && host.as_bytes()[host.len() - self.domain.len() - 1] == b'.'
    }
}

/// RFC 6265's path-match: the same path, or one under the cookie's (`/account` covers
/// `/account/settings`, not `/accounts`).
fn path_matches(request: &str, cookie: &str) -> bool {
    let request = if request.is_empty() { "/" } else { request };
    request == cookie
        || (request.starts_with(cookie)
            && (cookie.ends_with('/') || request.as_bytes().get(cookie.len()) == Some(&b'/')))
}

/// The cookies of one `cookies.txt`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CookieJar {
    cookies: Vec<Cookie>,
}

impl CookieJar {
    /// Reads `cookies.txt` at `path`. A file that cannot be read is an error; lines that are not
    /// cookies are skipped, and come back as one warning naming the file and their numbers.
    pub fn load(path: &Path) -> Result<(CookieJar, Option<String>)> {
        let shown = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|e| Error::io(&shown, e))?;
        let text = String::from_utf8_lossy(&bytes);
        Ok(CookieJar::parse(&text, &shown))
    }

    /// The cookies in `text` (a `cookies.txt` shown as `shown` in the warning). Each line is
    /// domain, subdomains (`TRUE`/`FALSE`), path, secure, expiry (0 for a session cookie), name,
    /// value, separated by tabs; `#HttpOnly_` before the domain marks an HttpOnly cookie, other
    /// lines starting with `#` are comments. A later line for the same cookie replaces an earlier.
    pub fn parse(text: &str, shown: &str) -> (CookieJar, Option<String>) {
        let mut jar = CookieJar::default();
        let mut bad = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim_end_matches('\r');
            let line = line.strip_prefix("#HttpOnly_").unwrap_or(line);
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            match cookie_of(line) {
                Some(cookie) => jar.keep(cookie),
                None => bad.push(n + 1),
            }
        }
        let warning = (!bad.is_empty()).then(|| {
            let mut numbers: Vec<String> = bad.iter().take(5).map(usize::to_string).collect();
            if bad.len() > 5 {
                numbers.push(format!("and {} more", bad.len() - 5));
            }
            let lines = if bad.len() == 1 { "line" } else { "lines" };
            format!(
                "{shown}: {lines} {} skipped: not a cookie as cookies.txt writes one (7 fields separated by tabs: \
                 domain, TRUE/FALSE, path, TRUE/FALSE, expiry, name, value)",
                numbers.join(", ")
            )
        });
        (jar, warning)
    }

    /// Adds `cookie`, replacing one of the same name, domain and path.
    fn keep(&mut self, cookie: Cookie) {
        let same = |c: &Cookie| c.name == cookie.name && c.domain == cookie.domain && c.path == cookie.path;
        self.cookies.retain(|c| !same(c));
        self.cookies.push(cookie);
    }

    /// How many cookies the jar holds.
    pub fn len(&self) -> usize {
        self.cookies.len()
    }

    /// Whether the jar holds no cookie.
    pub fn is_empty(&self) -> bool {
        self.cookies.is_empty()
    }

    /// The `Cookie` header for a request to `url` at `now` (seconds since 1970): the cookies that
    /// go to it, longer paths first, or `None` when none does.
    pub fn header_for(&self, url: &url::Url, now: u64) -> Option<String> {
        let mut going: Vec<&Cookie> = self.cookies.iter().filter(|c| c.goes_to(url, now)).collect();
        going.sort_by_key(|c| std::cmp::Reverse(c.path.len()));
        let pairs: Vec<String> = going.iter().map(|c| format!("{}={}", c.name, c.value)).collect();
        (!pairs.is_empty()).then(|| pairs.join("; "))
    }
}

/// One line's cookie, or `None` when it is not one: 7 fields (6 for an empty value), a name
/// that is a token, and a value that a header can carry (no `;`, no control characters).
fn cookie_of(line: &str) -> Option<Cookie> {
    let fields: Vec<&str> = line.split('\t').collect();
    let [domain, subdomains, path, secure, expires, name, rest @ ..] = fields.as_slice() else { return None };
    let value = match rest {
        [] => "",
        [value] => value,
        _ => return None,
    };
    let flag = |text: &str| match text {
        t if t.eq_ignore_ascii_case("TRUE") => Some(true),
        t if t.eq_ignore_ascii_case("FALSE") => Some(false),
        _ => None,
    };
    let dotted = domain.starts_with('.');
    let domain = domain.trim_start_matches('.').trim_end_matches('.').to_ascii_lowercase();
    let expires: u64 = expires.trim().parse().ok()?;
    let value_is_sendable = value.chars().all(|c| !c.is_control() && c != ';');
    if domain.is_empty() || !is_token(name) || !value_is_sendable {
        return None;
    }
    Some(Cookie {
        domain,
        subdomains: flag(subdomains)? || dotted,
        path: if path.starts_with('/') { path.to_string() } else { "/".to_string() },
        secure: flag(secure)?,
        expires: (expires != 0).then_some(expires),
        name: name.to_string(),
        value: value.to_string(),
    })
}

/// An HTTP token (RFC 9110): what a header's or a cookie's name may be made of.
pub fn is_token(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: u64 = 1_800_000_000;

    fn jar(lines: &[&str]) -> CookieJar {
        let (jar, warning) = CookieJar::parse(&lines.join("\n"), "cookies.txt");
        assert_eq!(warning, None);
        jar
    }

    fn sent(jar: &CookieJar, url: &str) -> Option<String> {
        jar.header_for(&url::Url::parse(url).unwrap(), NOW)
    }

    #[test]
    fn comments_and_httponly_lines_are_told_apart() {
        let jar = jar(&[
            "# Netscape HTTP Cookie File",
            "# https://curl.se/docs/http-cookies.html",
            "",
            "#HttpOnly_example.org\tFALSE\t/\tFALSE\t0\tsession\tabc",
            "example.org\tFALSE\t/\tFALSE\t0\tplain\txyz\r",
        ]);
        assert_eq!(jar.len(), 2);
        assert_eq!(sent(&jar, "http://example.org/"), Some("session=abc; plain=xyz".to_string()));
    }

    #[test]
    fn a_cookie_goes_only_to_its_domain_and_its_subdomains_when_it_says_so() {
        let jar = jar(&[
            "example.org\tFALSE\t/\tFALSE\t0\texact\t1",
            ".example.net\tTRUE\t/\tFALSE\t0\twide\t2",
            "example.com\tTRUE\t/\tFALSE\t0\tflagged\t3",
        ]);
        assert_eq!(sent(&jar, "https://example.org/a"), Some("exact=1".to_string()));
        assert_eq!(sent(&jar, "https://www.example.org/a"), None, "no subdomain without the flag");
        assert_eq!(sent(&jar, "https://EXAMPLE.org/"), Some("exact=1".to_string()));
        assert_eq!(sent(&jar, "https://news.example.net/"), Some("wide=2".to_string()));
        assert_eq!(sent(&jar, "https://example.net/"), Some("wide=2".to_string()));
        assert_eq!(sent(&jar, "https://a.b.example.com/"), Some("flagged=3".to_string()));
        assert_eq!(sent(&jar, "https://notexample.com/"), None, "a suffix is not a subdomain");
        assert_eq!(sent(&jar, "https://example.org.evil.test/"), None);
    }

    #[test]
    fn an_ip_address_matches_only_itself() {
        let jar = jar(&["0.0.1\tTRUE\t/\tFALSE\t0\tpart\t1", "127.0.0.1\tFALSE\t/\tFALSE\t0\tlocal\t2"]);
        assert_eq!(sent(&jar, "http://127.0.0.1:8080/"), Some("local=2".to_string()));
    }

    #[test]
    fn paths_match_as_rfc_6265_says() {
        assert!(path_matches("/account", "/account"));
        assert!(path_matches("/account/settings", "/account"));
        assert!(path_matches("/account/settings", "/account/"));
        assert!(path_matches("/anything", "/"));
        assert!(!path_matches("/accounts", "/account"));
        assert!(!path_matches("/", "/account"));
        let jar = jar(&["example.org\tFALSE\t/account\tFALSE\t0\tdeep\t1", "example.org\tFALSE\t/\tFALSE\t0\ttop\t2"]);
        assert_eq!(sent(&jar, "http://example.org/account/x"), Some("deep=1; top=2".to_string()), "longer path first");
        assert_eq!(sent(&jar, "http://example.org/accounts"), Some("top=2".to_string()));
    }

    #[test]
    fn secure_cookies_only_over_https_and_expired_ones_never() {
        let later = (NOW + 60).to_string();
        let earlier = (NOW - 60).to_string();
        let lines = [
            "example.org\tFALSE\t/\tTRUE\t0\tsecure\t1".to_string(),
            format!("example.org\tFALSE\t/\tFALSE\t{later}\tfresh\t2"),
            format!("example.org\tFALSE\t/\tFALSE\t{earlier}\tstale\t3"),
        ];
        let jar = jar(&lines.iter().map(String::as_str).collect::<Vec<_>>());
        assert_eq!(sent(&jar, "https://example.org/"), Some("secure=1; fresh=2".to_string()));
        assert_eq!(sent(&jar, "http://example.org/"), Some("fresh=2".to_string()));
    }

    #[test]
    fn lines_that_are_not_cookies_are_one_warning_without_their_values() {
        let text = "example.org\tFALSE\t/\tFALSE\t0\tgood\t1\n\
                    example.org FALSE / FALSE 0 spaced secret-one\n\
                    example.org\tMAYBE\t/\tFALSE\t0\tflag\tsecret-two\n\
                    example.org\tFALSE\t/\tFALSE\tsoon\texpiry\tsecret-three\n\
                    example.org\tFALSE\t/\tFALSE\t0\tbad name\tsecret-four\n\
                    example.org\tFALSE\t/\tFALSE\t0\tempty\n";
        let (jar, warning) = CookieJar::parse(text, "cookies.txt");
        assert_eq!(jar.len(), 2, "{jar:?}");
        let warning = warning.unwrap();
        assert!(warning.starts_with("cookies.txt: lines 2, 3, 4, 5 skipped"), "{warning}");
        assert!(!warning.contains("secret"), "{warning}");
        assert!(!format!("{jar:?}").contains("secret") && !format!("{jar:?}").contains("=1"), "{jar:?}");
        assert_eq!(sent(&jar, "http://example.org/"), Some("good=1; empty=".to_string()));
    }

    #[test]
    fn a_later_line_replaces_the_same_cookie() {
        let jar = jar(&["example.org\tFALSE\t/\tFALSE\t0\tid\told", "example.org\tFALSE\t/\tFALSE\t0\tid\tnew"]);
        assert_eq!(sent(&jar, "http://example.org/"), Some("id=new".to_string()));
    }
}
