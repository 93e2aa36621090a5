//! Every way reading an article can fail, as one enum. The binary prints these as one line
//! naming the input and the reason, and maps them to exit codes; nothing here panics.

use std::io;
use thiserror::Error;

#[derive(Debug, Error)]
pub enum Error {
    #[error("{name}: no such file")]
    NotFound { name: String },
    #[error("{name}: is a directory, not an article")]
    IsDirectory { name: String },
    #[error("{name}: permission denied")]
    PermissionDenied { name: String },
    #[error("{name}: {source}")]
    Io {
        name: String,
        #[source]
        source: io::Error,
    },
    #[error("{name}: looks like a binary file ({why}), not an article")]
    Binary { name: String, why: String },
    #[error("{name}: the file is {size} bytes; folio reads articles of at most {limit} bytes")]
    TooLarge { name: String, size: u64, limit: u64 },
    #[error("{url}: {problem}")]
    Fetch { url: String, problem: String },
    #[error("{path}: {problem}")]
    Rules { path: String, problem: String },
    #[error("{path}: already exists (use --force to replace it)")]
    WouldOverwrite { path: String },
    #[error("{path}: cannot write: {source}")]
    Write {
        path: String,
        #[source]
        source: io::Error,
    },
}

impl Error {
    /// Exit code for the binary: 2 for input that is not an article (binary, too large),
    /// 1 for everything else.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Binary { .. } | Error::TooLarge { .. } => 2,
            _ => 1,
        }
    }

    pub(crate) fn io(name: &str, source: io::Error) -> Error {
        let name = name.to_string();
        match source.kind() {
            io::ErrorKind::NotFound => Error::NotFound { name },
            io::ErrorKind::PermissionDenied => Error::PermissionDenied { name },
            io::ErrorKind::IsADirectory => Error::IsDirectory { name },
            _ => Error::Io { name, source },
        }
    }
}

pub type Result<T> = std::result::Result<T, Error>;
