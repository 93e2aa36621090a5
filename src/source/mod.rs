//! Getting an article's bytes (a file, standard input or a URL) and turning them into text.
//! Knows nothing of labels: it hands `parse` one `String` with `\n` line ends.

pub mod cookies;
pub mod decode;
pub mod fetch;
pub mod follow;
pub mod format;

pub use decode::{Decoded, Page, decode, decode_html, decode_in, decode_page};
pub use format::FormatHint;

use crate::article::SourceKind;
use crate::error::{Error, Result};
use std::io::Read;
use std::path::{Path, PathBuf};

/// The largest input folio reads: far above any real article, low enough that a stray
/// disk image is refused before it is read into memory.
pub const MAX_INPUT_BYTES: u64 = 64 * 1024 * 1024;

/// What the user asked to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A file (or a named pipe).
    Path(PathBuf),
    /// Standard input.
    Stdin,
    /// A web page, fetched.
    Url(String),
}

impl Input {
    /// `-` means standard input, `http(s)://…` a URL, anything else a path.
    pub fn from_arg(arg: &str) -> Input {
        if arg == "-" {
            Input::Stdin
        } else if fetch::is_url(arg) {
            Input::Url(arg.to_string())
        } else {
            Input::Path(PathBuf::from(arg))
        }
    }

    /// How the input is named in messages and in the copy: the path as given, `-`, or the URL.
    pub fn name(&self) -> String {
        match self {
            Input::Path(p) => p.display().to_string(),
            Input::Stdin => "-".to_string(),
            Input::Url(url) => url.clone(),
        }
    }

    /// What the file's extension says of the format: a hint, never the last word. A gzip
    /// file's is the extension before `.gz` (`page.html.gz` is HTML).
    pub fn hint(&self) -> Option<FormatHint> {
        match self {
            Input::Path(p) => {
                let inner = match p.extension() {
                    Some(gz) if gz.eq_ignore_ascii_case("gz") => Path::new(p.file_stem()?),
                    _ => p.as_path(),
                };
                inner.extension().and_then(|e| FormatHint::from_extension(&e.to_string_lossy()))
            }
            Input::Stdin | Input::Url(_) => None,
        }
    }
}

/// What the user said of an input that its bytes may not: the format to read it in
/// (`--from`) and the web address it came from (`--base`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Given {
    /// Read it in this format, whatever its content looks like.
    pub format: Option<crate::article::Format>,
    /// Its links, images and `source:` are read against this address.
    pub base: Option<String>,
}

/// An input's bytes, and what is known of them before decoding.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The input, whole.
    pub bytes: Vec<u8>,
    /// A file, standard input or a URL.
    pub kind: SourceKind,
    /// Where they came from (for a URL, the address the redirects ended at).
    pub name: String,
    /// For URLs: the charset the server declared.
    pub charset: Option<String>,
    /// What the file's extension or the server's media type says of the format.
    pub hint: Option<FormatHint>,
}

/// Reads the whole input, refusing directories and anything above `MAX_INPUT_BYTES`; fetches
/// URLs as `fetching` says (user agent, extra headers, cookies, limits).
pub fn load(input: &Input, fetching: &fetch::Settings) -> Result<Loaded> {
    let name = input.name();
    let local = |bytes, kind, name| Loaded { bytes, kind, name, charset: None, hint: input.hint() };
    match input {
        Input::Path(path) => Ok(local(gunzip(load_file(path, &name)?, &name)?, SourceKind::File, name)),
        Input::Stdin => {
            let bytes = gunzip(read_capped(std::io::stdin().lock(), &name)?, &name)?;
            Ok(local(bytes, SourceKind::Stdin, name))
        }
        Input::Url(url) => {
            let fetched = fetch::fetch(url, fetching)?;
            Ok(Loaded {
                bytes: fetched.bytes,
                kind: SourceKind::Url,
                name: fetched.final_url,
                charset: fetched.charset,
                hint: Some(FormatHint::from_media_type(&fetched.media_type)),
            })
        }
    }
}

fn load_file(path: &Path, name: &str) -> Result<Vec<u8>> {
    let meta = std::fs::metadata(path).map_err(|e| Error::io(name, e))?;
    if meta.is_dir() {
        return Err(Error::IsDirectory { name: name.to_string() });
    }
    if meta.is_file() && meta.len() > MAX_INPUT_BYTES {
        return Err(Error::TooLarge { name: name.to_string(), size: meta.len(), limit: MAX_INPUT_BYTES });
    }
    #[cfg(unix)]
    if std::os::unix::fs::FileTypeExt::is_fifo(&meta.file_type()) {
        return read_fifo(path, name);
    }
    let file = std::fs::File::open(path).map_err(|e| Error::io(name, e))?;
    read_capped(file, name)
}

/// A named pipe is opened without waiting for a writer (a plain open would hang until one
/// came): what its writers send is read to the end, and a pipe nobody writes to reads as empty.
#[cfg(unix)]
fn read_fifo(path: &Path, name: &str) -> Result<Vec<u8>> {
    use std::os::unix::fs::OpenOptionsExt;
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
        .map_err(|e| Error::io(name, e))?;
    read_capped(Patient(file), name)
}

/// A non-blocking reader made blocking again by waiting a moment whenever it has nothing yet.
#[cfg(unix)]
struct Patient(std::fs::File);

#[cfg(unix)]
impl Read for Patient {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        loop {
            match self.0.read(buf) {
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                    std::thread::sleep(std::time::Duration::from_millis(5))
                }
                other => return other,
            }
        }
    }
}

/// The two bytes every gzip stream starts with.
const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];

/// A gzip file's contents (every member, as `gzip -d` reads them), capped at
/// `MAX_INPUT_BYTES` like any other input; other bytes as they are. Pages kept in archives
/// are often gzipped (`page.html.gz`).
pub fn gunzip(bytes: Vec<u8>, name: &str) -> Result<Vec<u8>> {
    if !bytes.starts_with(&GZIP_MAGIC) {
        return Ok(bytes);
    }
    let mut out = Vec::new();
    let decoder = flate2::read::MultiGzDecoder::new(bytes.as_slice());
    decoder.take(MAX_INPUT_BYTES + 1).read_to_end(&mut out).map_err(|e| Error::Binary {
        name: name.to_string(),
        why: format!("a gzip file that does not decompress: {e}"),
    })?;
    if out.len() as u64 > MAX_INPUT_BYTES {
        return Err(Error::TooLarge {
            name: format!("{name} (decompressed)"),
            size: out.len() as u64,
            limit: MAX_INPUT_BYTES,
        });
    }
    Ok(out)
}

fn read_capped(reader: impl Read, name: &str) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    reader.take(MAX_INPUT_BYTES + 1).read_to_end(&mut bytes).map_err(|e| Error::io(name, e))?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(Error::TooLarge { name: name.to_string(), size: bytes.len() as u64, limit: MAX_INPUT_BYTES });
    }
    Ok(bytes)
}
