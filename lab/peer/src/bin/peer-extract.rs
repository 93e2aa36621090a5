//! `peer-extract FILE`: rs-trafilatura's main text of one HTML page, on standard output, so that a
//! whole process (start-up included) can be timed beside `folio clean FILE`:
//!
//!     hyperfine -N --warmup 5 'target/release/folio clean PAGE' 'lab/peer/target/release/peer-extract PAGE'

use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args_os().skip(1);
    let (Some(path), None) = (args.next(), args.next()) else {
        eprintln!("usage: peer-extract FILE");
        return ExitCode::from(2);
    };
    let bytes = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(e) => {
            eprintln!("peer-extract: {}: {e}", path.to_string_lossy());
            return ExitCode::FAILURE;
        }
    };
    // The bytes as read: rs-trafilatura finds the charset itself, as folio does.
    match rs_trafilatura::extract_bytes(&bytes) {
        Ok(result) => {
            let mut out = std::io::stdout().lock();
            let _ = writeln!(out, "{}", result.content_text);
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("peer-extract: {}: {e}", path.to_string_lossy());
            ExitCode::FAILURE
        }
    }
}
