//! Where a link leads, and whether folio may go there: the one rule every link followed in the
//! reader passes through. Safe by construction: a page that came from the web can lead only
//! to `http(s)` pages, never to `file:`, a local path, `javascript:`, `data:` or another
//! scheme, so an article can never make folio read a local file. A local file may lead to the
//! files beside it (its relative links) and to web pages. Pure: nothing here fetches or reads.

use super::Input;
use crate::article::{Source, SourceKind};
use std::path::{Path, PathBuf};
use url::Url;

/// Where following a link goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination {
    /// A place in the article being read: the fragment, without its `#` (empty for the top).
    Here(String),
    /// Another page, to read in folio, and the place in it the link names (its fragment).
    Page {
        /// The page: a web address or a local file.
        input: Input,
        /// The fragment after `#`, if any: where in that page to go.
        fragment: Option<String>,
    },
    /// Something that is not a page (a PDF, an image, an archive, a mail address): for the
    /// opener outside folio, with what it is in the reader's words.
    Outside {
        /// The address to hand to the browser or the platform's opener.
        url: String,
        /// What it is ("a PDF", "an image", "a mail address").
        what: &'static str,
    },
}

/// Why a link is not followed, in the reader's words (the status line says it whole).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused(pub String);

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Path endings of things that are not pages, and what each is called.
const NOT_PAGES: &[(&[&str], &str)] = &[
    (&["pdf"], "a PDF"),
    (&["png", "jpg", "jpeg", "gif", "webp", "svg", "avif", "bmp", "ico", "tif", "tiff"], "an image"),
    (&["mp4", "webm", "mov", "mkv", "avi", "m4v"], "a video"),
    (&["mp3", "ogg", "oga", "wav", "flac", "m4a", "opus"], "a sound file"),
    (
        &["zip", "gz", "tgz", "xz", "bz2", "zst", "7z", "rar", "tar", "dmg", "iso", "exe", "msi", "deb", "rpm", "apk"],
        "a download",
    ),
    (&["doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "odp", "epub"], "a document"),
];

/// What following `href`, found in the article read from `from`, leads to — or why it is refused.
pub fn destination(from: &Source, href: &str) -> Result<Destination, Refused> {
    let href = href.trim();
    if let Some(fragment) = href.strip_prefix('#') {
        return Ok(Destination::Here(fragment.to_string()));
    }
    if let Some(address) = from.address() {
        // A file or standard input said (`--base`) to come from the web is read as that page.
        return from_web_page(address, href);
    }
    match from.kind {
        SourceKind::Url => from_web_page(&from.name, href),
        SourceKind::File => from_file(Path::new(&from.name), href),
        SourceKind::Stdin => match Url::parse(href) {
            Ok(url) => to_absolute(url),
            Err(_) => Err(Refused(format!(
                "{} is relative, and a page read from standard input has no address to resolve it against",
                shown(href)
            ))),
        },
    }
}

/// A link on a web page: resolved against the page's address; only http(s) may follow.
fn from_web_page(page: &str, href: &str) -> Result<Destination, Refused> {
    let base =
        Url::parse(page).map_err(|e| Refused(format!("this page's address {} is not valid ({e})", shown(page))))?;
    let url = base.join(href).map_err(|e| Refused(format!("{} is not a valid address ({e})", shown(href))))?;
    if same_document(&url, &base) {
        return Ok(Destination::Here(url.fragment().unwrap_or("").to_string()));
    }
    match url.scheme() {
        "http" | "https" => Ok(web_page(url)),
        "mailto" => Ok(Destination::Outside { url: url.to_string(), what: "a mail address" }),
        scheme => Err(Refused(format!("a web page may lead only to http(s), not to {scheme}:"))),
    }
}

/// A link in a local file: a web address as from anywhere, a relative path (or a `file:`
/// address) to the file it names, resolved against the file's folder.
fn from_file(file: &Path, href: &str) -> Result<Destination, Refused> {
    if let Ok(url) = Url::parse(href) {
        if url.scheme() != "file" {
            return to_absolute(url);
        }
        let path = url.to_file_path().map_err(|()| Refused(format!("{} names no local file", shown(href))))?;
        return Ok(local_file(file, path, url.fragment()));
    }
    // A relative reference: its path (percent-decoded, as a browser would), then its fragment.
    let (reference, fragment) = match href.split_once('#') {
        Some((reference, fragment)) => (reference, Some(fragment)),
        None => (href, None),
    };
    let reference = reference.split('?').next().unwrap_or("");
    let decoded = percent_encoding::percent_decode_str(reference).decode_utf8_lossy();
    let folder = file.parent().unwrap_or(Path::new(""));
    Ok(local_file(file, folder.join(decoded.as_ref()), fragment))
}

/// `path` as a destination from `file`: a place in the article itself when it names that
/// file, else the file (or what the opener should have, for what is not a page).
fn local_file(file: &Path, path: PathBuf, fragment: Option<&str>) -> Destination {
    let same = |a: &Path, b: &Path| match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    };
    if path.as_os_str().is_empty() || same(&path, file) {
        return Destination::Here(fragment.unwrap_or("").to_string());
    }
    Destination::Page { input: Input::Path(path), fragment: fragment.map(str::to_string) }
}

/// An absolute address met anywhere: an http(s) page, a mail address, or refused.
fn to_absolute(url: Url) -> Result<Destination, Refused> {
    match url.scheme() {
        "http" | "https" => Ok(web_page(url)),
        "mailto" => Ok(Destination::Outside { url: url.to_string(), what: "a mail address" }),
        scheme => Err(Refused(format!("folio follows http, https and local links, not {scheme}: links"))),
    }
}

/// An http(s) address: a page to read, or (by its path's ending) something for the opener.
fn web_page(mut url: Url) -> Destination {
    let ending = url
        .path_segments()
        .and_then(|mut segments| segments.next_back())
        .and_then(|last| last.rsplit_once('.'))
        .map(|(_, ending)| ending.to_ascii_lowercase());
    if let Some(what) = ending.and_then(|e| NOT_PAGES.iter().find(|(endings, _)| endings.contains(&e.as_str()))) {
        return Destination::Outside { url: url.to_string(), what: what.1 };
    }
    let fragment = url.fragment().map(str::to_string);
    url.set_fragment(None);
    Destination::Page { input: Input::Url(url.to_string()), fragment }
}

/// Whether `url` is `page` itself, bar its fragment (a link to a place in the page).
fn same_document(url: &Url, page: &Url) -> bool {
    let mut a = url.clone();
    let mut b = page.clone();
    a.set_fragment(None);
    b.set_fragment(None);
    url.fragment().is_some() && a == b
}

/// A link as a message shows it: never an escape sequence, never more than a line.
fn shown(text: &str) -> String {
    crate::text::cells::shorten_middle(&crate::text::safe::visible(text), 60)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Format;

    fn web(name: &str) -> Source {
        Source { kind: SourceKind::Url, name: name.to_string(), format: Format::Html, base: None }
    }

    fn file(name: &str) -> Source {
        Source { kind: SourceKind::File, name: name.to_string(), format: Format::Html, base: None }
    }

    fn page(url: &str, fragment: Option<&str>) -> Destination {
        Destination::Page { input: Input::Url(url.to_string()), fragment: fragment.map(str::to_string) }
    }

    #[test]
    fn a_web_page_leads_to_web_pages_resolved_against_its_address() {
        let from = web("https://example.org/news/a.html");
        assert_eq!(destination(&from, "b.html"), Ok(page("https://example.org/news/b.html", None)));
        assert_eq!(destination(&from, "/c#part-2"), Ok(page("https://example.org/c", Some("part-2"))));
        assert_eq!(destination(&from, "http://other.net/x?y=1"), Ok(page("http://other.net/x?y=1", None)));
        assert_eq!(destination(&from, "//cdn.example.org/p"), Ok(page("https://cdn.example.org/p", None)));
    }

    #[test]
    fn a_link_to_the_page_itself_is_a_place_in_it() {
        let from = web("https://example.org/doc?lang=en");
        assert_eq!(destination(&from, "#setup"), Ok(Destination::Here("setup".to_string())));
        assert_eq!(destination(&from, "https://example.org/doc?lang=en#api"), Ok(Destination::Here("api".to_string())));
        assert_eq!(destination(&from, "?lang=en#api"), Ok(Destination::Here("api".to_string())));
        assert_eq!(destination(&from, "/doc?lang=fr#api"), Ok(page("https://example.org/doc?lang=fr", Some("api"))));
    }

    #[test]
    fn a_web_page_never_leads_to_a_local_file_or_another_scheme() {
        let from = web("https://example.org/a");
        for (href, scheme) in [
            ("file:///etc/passwd", "file"),
            ("javascript:alert(1)", "javascript"),
            ("data:text/html,<p>hi</p>", "data"),
            ("ftp://example.org/f", "ftp"),
            ("ssh://host", "ssh"),
        ] {
            let refused = destination(&from, href).unwrap_err();
            assert_eq!(refused.0, format!("a web page may lead only to http(s), not to {scheme}:"), "{href}");
        }
    }

    #[test]
    fn what_is_not_a_page_goes_to_the_opener() {
        let from = web("https://example.org/a");
        let outside = |url: &str, what| Ok(Destination::Outside { url: url.to_string(), what });
        assert_eq!(destination(&from, "report.PDF"), outside("https://example.org/report.PDF", "a PDF"));
        assert_eq!(
            destination(&from, "/img/chart.png?w=2"),
            outside("https://example.org/img/chart.png?w=2", "an image")
        );
        assert_eq!(destination(&from, "mailto:ed@example.org"), outside("mailto:ed@example.org", "a mail address"));
        assert_eq!(destination(&from, "/v1.2/notes"), Ok(page("https://example.org/v1.2/notes", None)));
    }

    #[test]
    fn a_local_file_leads_to_the_files_beside_it_and_to_the_web() {
        let from = file("/home/me/notes/a.md");
        let local = |path: &str, fragment: Option<&str>| {
            Ok(Destination::Page { input: Input::Path(PathBuf::from(path)), fragment: fragment.map(str::to_string) })
        };
        assert_eq!(destination(&from, "b.md"), local("/home/me/notes/b.md", None));
        assert_eq!(destination(&from, "sub/my%20c.md#intro"), local("/home/me/notes/sub/my c.md", Some("intro")));
        assert_eq!(destination(&from, "file:///tmp/d.html"), local("/tmp/d.html", None));
        assert_eq!(destination(&from, "a.md#x"), Ok(Destination::Here("x".to_string())));
        assert_eq!(destination(&from, "https://example.org/"), Ok(page("https://example.org/", None)));
        assert!(destination(&from, "javascript:alert(1)").is_err());
    }

    #[test]
    fn standard_input_has_no_address_for_relative_links() {
        let from = Source { kind: SourceKind::Stdin, name: "-".to_string(), format: Format::Html, base: None };
        let refused = destination(&from, "b.html").unwrap_err();
        assert!(refused.0.contains("no address to resolve it against"), "{refused}");
        assert_eq!(destination(&from, "https://example.org/b"), Ok(page("https://example.org/b", None)));
        assert_eq!(destination(&from, "#top"), Ok(Destination::Here("top".to_string())));
    }
}
