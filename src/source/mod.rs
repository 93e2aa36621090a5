//! Getting an article's bytes (a file or standard input) and turning them into text.
//! Knows nothing of formats or labels: it hands `parse` one `String` with `\n` line ends.

mod decode;

pub use decode::{Decoded, decode, decode_html};

use crate::article::{Source, SourceKind};
use crate::error::{Error, Result};
use std::io::Read;
use std::path::{Path, PathBuf};

/// The largest input folio reads: far above any real article, low enough that a stray
/// disk image is refused before it is read into memory.
pub const MAX_INPUT_BYTES: u64 = 256 * 1024 * 1024;

/// What the user asked to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Path(PathBuf),
    Stdin,
}

impl Input {
    /// `-` means standard input, anything else a path.
    pub fn from_arg(arg: &str) -> Input {
        if arg == "-" { Input::Stdin } else { Input::Path(PathBuf::from(arg)) }
    }

    pub fn name(&self) -> String {
        match self {
            Input::Path(p) => p.display().to_string(),
            Input::Stdin => "-".to_string(),
        }
    }

    /// The file extension, lower-cased: a hint for the format, never the last word.
    pub fn extension(&self) -> Option<String> {
        match self {
            Input::Path(p) => p.extension().map(|e| e.to_string_lossy().to_lowercase()),
            Input::Stdin => None,
        }
    }

    pub fn source(&self, format: crate::article::Format) -> Source {
        let kind = match self {
            Input::Path(_) => SourceKind::File,
            Input::Stdin => SourceKind::Stdin,
        };
        Source { kind, name: self.name(), format }
    }
}

/// Reads the whole input, refusing directories and anything above `MAX_INPUT_BYTES`.
pub fn load(input: &Input) -> Result<Vec<u8>> {
    let name = input.name();
    match input {
        Input::Path(path) => load_file(path, &name),
        Input::Stdin => read_capped(std::io::stdin().lock(), &name),
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
    let file = std::fs::File::open(path).map_err(|e| Error::io(name, e))?;
    read_capped(file, name)
}

fn read_capped(reader: impl Read, name: &str) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    reader.take(MAX_INPUT_BYTES + 1).read_to_end(&mut bytes).map_err(|e| Error::io(name, e))?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(Error::TooLarge { name: name.to_string(), size: bytes.len() as u64, limit: MAX_INPUT_BYTES });
    }
    Ok(bytes)
}
