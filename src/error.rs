//! Every way reading an article can fail, as one enum. The binary prints these as one line
//! naming the input and the reason, and maps them to exit codes; nothing here panics.

use std::io;
use thiserror::Error;

/// Why an article could not be read, fetched or written, or a rules file loaded.
#[derive(Debug, Error)]
pub enum Error {
    /// The input file does not exist.
    #[error("{name}: no such file")]
    NotFound {
        /// The input as the user named it.
        name: String,
    },
    /// The input is a directory.
    #[error("{name}: is a directory, not an article")]
    IsDirectory {
        /// The input as the user named it.
        name: String,
    },
    /// The input may not be read by this user.
    #[error("{name}: permission denied")]
    PermissionDenied {
        /// The input as the user named it.
        name: String,
    },
    /// Reading failed for any other reason.
    #[error("{name}: {source}")]
    Io {
        /// What was being read: the input as named, or `terminal`.
        name: String,
        /// What the system reported.
        #[source]
        source: io::Error,
    },
    /// The input's bytes are not text (a NUL byte, many control characters).
    #[error("{name}: looks like a binary file ({why}), not an article")]
    Binary {
        /// The input's name (for a URL, the address it was fetched from).
        name: String,
        /// What gave it away ("NUL byte at offset 12").
        why: String,
    },
    /// The input is larger than folio reads (see `source::MAX_INPUT_BYTES`).
    #[error("{name}: the file is {size} bytes; folio reads articles of at most {limit} bytes")]
    TooLarge {
        /// The input as the user named it.
        name: String,
        /// Its size in bytes (for a stream, how much was read before folio gave up).
        size: u64,
        /// The most folio reads, in bytes.
        limit: u64,
    },
    /// A URL could not be fetched, or what came back is not a page.
    #[error("{url}: {problem}")]
    Fetch {
        /// The URL as given.
        url: String,
        /// What went wrong, in the reader's words ("host not found", "the server answered 404 Not Found").
        problem: String,
    },
    /// A rules file or claim-cue file is not valid.
    #[error("{path}: {problem}")]
    Rules {
        /// The file, or the bundled asset, that holds the mistake.
        path: String,
        /// What is wrong, naming the rule or cue where there is one.
        problem: String,
    },
    /// The file to be written exists, and replacing it was not asked for.
    #[error("{path}: already exists (use --force to replace it)")]
    WouldOverwrite {
        /// The file that exists.
        path: String,
    },
    /// A file, a folder or standard output could not be written.
    #[error("{path}: cannot write: {source}")]
    Write {
        /// What was being written: a path, or `standard output`.
        path: String,
        /// What the system reported.
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

/// A result whose error is folio's [`enum@Error`].
pub type Result<T> = std::result::Result<T, Error>;
