//! What the reader does outside its model: opening a link with `$BROWSER` or the platform's opener,
//! putting text on the terminal's clipboard with OSC 52 and writing a clean copy. `app` only
//! asks for these (as `Effect`s); the event loop in `mod.rs` does them.

pub mod browser;

use super::app::CopyToSave;
use browser::Attempt;
use std::io::Write;
use std::process::{Command, Stdio};

/// Writes `copy` into its folder (see `save::save_copy`: never over a different file, made
/// whole or not at all) and says how it went, for the status line: `saved PATH`, or
/// `not saved: WHY` (the article stays open).
pub fn save_copy(copy: &CopyToSave) -> String {
    match crate::save::save_copy(&copy.folder, &copy.saved_at, &copy.title, &copy.text) {
        Ok(path) => format!("saved {}", path.display()),
        Err(e) => format!("not saved: {e}"),
    }
}

/// Opens `url` outside folio, as `$BROWSER` (`browser`) says: its commands (`:` between them,
/// `%s` for the address, else the address last; see `browser`) are tried in order, an entry
/// whose program cannot be started is skipped, and the platform's opener (xdg-open, open,
/// start) is the last resort. A GUI opener is started on its own and not waited for; a
/// terminal browser (w3m, lynx, links, elinks, browsh, carbonyl…, or any entry ending in `;
/// needsterminal`) is given to `in_terminal`, which hands it the terminal and waits. No shell
/// ever reads the address, and only an http(s) address is handed on; a `mailto:` address goes
/// to the platform's opener alone.
pub fn open_url(
    url: &str,
    browser: Option<&str>,
    in_terminal: &mut dyn FnMut(&mut Command) -> std::io::Result<std::process::ExitStatus>,
) -> Result<(), String> {
    // A mail address goes to the platform's opener (the mail program), never to a browser command.
    if url::Url::parse(url).is_ok_and(|u| u.scheme() == "mailto") {
        return opener::open(url).map_err(|e| e.to_string().replace('\n', " "));
    }
    if !browser::is_web_address(url) {
        return Err("only http, https and mailto addresses are opened outside folio".to_string());
    }
    // Why each attempt failed, said when none worked.
    let mut failed = Vec::new();
    for attempt in browser::attempts(browser, url) {
        match attempt {
            Attempt::Run(command) => {
                let mut process = Command::new(&command.program);
                process.args(&command.args);
                let missing = command.in_terminal
                    && !browser::can_be_found(&command.program, std::env::var_os("PATH").as_deref());
                let started = if missing {
                    Err(std::io::Error::new(std::io::ErrorKind::NotFound, "not found"))
                } else if command.in_terminal {
                    in_terminal(&mut process).map(drop)
                } else {
                    spawn_detached(process.stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::null()))
                };
                match started {
                    Ok(()) => return Ok(()),
                    Err(e) => failed.push(format!("{}: {e}", command.program)),
                }
            }
            Attempt::Unreadable { entry, why } => failed.push(format!("BROWSER entry {entry}: {why}")),
            Attempt::PlatformOpener => match opener::open(url) {
                Ok(()) => return Ok(()),
                Err(e) => failed.push(e.to_string()),
            },
        }
    }
    Err(failed.join("; ").replace('\n', " "))
}

/// Starts `command` and lets it run on its own; a thread waits for it, so that it leaves no
/// zombie behind when it ends.
fn spawn_detached(command: &mut Command) -> std::io::Result<()> {
    let mut child = command.spawn()?;
    let _ = std::thread::Builder::new().name("browser".to_string()).spawn(move || child.wait());
    Ok(())
}

/// The OSC 52 sequence that asks the terminal to put `text` on the system clipboard. It
/// travels with the output, so it works over ssh; tmux passes it on with `set -g
/// set-clipboard on`. Some terminals cap its length (xterm: about 100 KB of base64).
pub fn osc52(text: &str) -> String {
    format!("\x1b]52;c;{}\x07", base64(text.as_bytes()))
}

/// Writes the OSC 52 sequence for `text` to `out`.
pub fn copy_to_clipboard(out: &mut impl Write, text: &str) -> std::io::Result<()> {
    out.write_all(osc52(text).as_bytes())?;
    out.flush()
}

/// Standard base64 (RFC 4648, with padding), as OSC 52 wants it.
pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], chunk.get(1).copied().unwrap_or(0), chunk.get(2).copied().unwrap_or(0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i)) as usize & 63]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc_4648() {
        for (plain, encoded) in
            [("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="), ("foobar", "Zm9vYmFy")]
        {
            assert_eq!(base64(plain.as_bytes()), encoded);
        }
    }

    #[test]
    fn osc52_is_one_sequence_with_no_text_in_the_clear() {
        assert_eq!(osc52("a\x1b]b"), "\x1b]52;c;YRtdYg==\x07");
    }
}
