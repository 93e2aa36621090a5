//! `$BROWSER` read as the convention has it: a list of commands tried in order, `%s` in each
//! standing for the address. Here the command lines are built and a terminal browser is told
//! from a GUI opener, without starting anything; `outside::open_url` starts them, never
//! through a shell.

use std::path::Path;

/// What separates the commands of `$BROWSER`: `:`, as in `PATH` (`;` on Windows, whose paths
/// have `:` in them, as its `PATH` does).
pub const SEPARATOR: char = if cfg!(windows) { ';' } else { ':' };

/// Browsers that draw in the terminal they are started from, by the file name of the program
/// (so `/usr/bin/w3m` and `w3m -o confirm_qq=0` are both w3m). `www-browser` is Debian's name
/// for the terminal browser chosen among these.
pub const TERMINAL_BROWSERS: [&str; 8] =
    ["w3m", "lynx", "links", "links2", "elinks", "browsh", "carbonyl", "www-browser"];

/// What marks any other command as needing the terminal, at the end of its entry:
/// `my-reader %s; needsterminal`, as a mailcap entry says it.
pub const NEEDS_TERMINAL: &str = "needsterminal";

/// A command that opens an address: the program, its arguments (the address among them) and
/// whether it runs in folio's terminal (folio gives the terminal up and waits) or on its own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrowserCommand {
    /// The program, as `Command::new` takes it: a name looked up on `PATH`, or a path.
    pub program: String,
    /// Its arguments, each one word; none is read by a shell.
    pub args: Vec<String>,
    /// Whether it is a terminal browser.
    pub in_terminal: bool,
}

/// One thing to try, in order, to open an address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Attempt {
    /// A command of `$BROWSER`.
    Run(BrowserCommand),
    /// An entry of `$BROWSER` that cannot be read as a command (a quote left open), and why.
    Unreadable {
        /// The entry as written.
        entry: String,
        /// What is wrong with it.
        why: String,
    },
    /// The platform's opener (xdg-open, open, start): the last resort, always last.
    PlatformOpener,
}

/// Whether `url` may be handed to a program outside folio: an `http` or `https` address with
/// a host (what the parsers keep of a page's links), nothing a program could read as a file,
/// a command or an option.
pub fn is_web_address(url: &str) -> bool {
    url::Url::parse(url).is_ok_and(|u| matches!(u.scheme(), "http" | "https") && u.has_host())
}

/// What to try, in order, to open `url` when `$BROWSER` is `browser`: each of its commands
/// (empty entries skipped), then the platform's opener. Unset or empty, only the opener.
pub fn attempts(browser: Option<&str>, url: &str) -> Vec<Attempt> {
    let entries = browser.into_iter().flat_map(|b| b.split(SEPARATOR));
    let mut attempts: Vec<Attempt> = entries
        .filter_map(|entry| match command(entry, url) {
            Ok(command) => command.map(Attempt::Run),
            Err(why) => Some(Attempt::Unreadable { entry: entry.trim().to_string(), why }),
        })
        .collect();
    attempts.push(Attempt::PlatformOpener);
    attempts
}

/// The command of one entry of `$BROWSER` for `url`: its words (split as a shell would, with
/// `'…'`, `"…"` and `\`), `%s` in them replaced by the address and `%%` by `%`; with no `%s`,
/// the address is the last argument. `None` for an entry with no words.
pub fn command(entry: &str, url: &str) -> Result<Option<BrowserCommand>, String> {
    let (entry, marked) = strip_terminal_mark(entry);
    let mut given = false;
    let mut words = Vec::new();
    for word in words_of(entry)? {
        let (word, has_address) = substitute(&word, url);
        given |= has_address;
        words.push(word);
    }
    if words.is_empty() {
        return Ok(None);
    }
    if !given {
        words.push(url.to_string());
    }
    let program = words.remove(0);
    let in_terminal = marked || is_terminal_browser(&program);
    Ok(Some(BrowserCommand { program, args: words, in_terminal }))
}

/// Whether `program` is one of `TERMINAL_BROWSERS`, by its file name.
pub fn is_terminal_browser(program: &str) -> bool {
    let name = Path::new(program).file_name().and_then(|n| n.to_str()).unwrap_or(program);
    let name = name.strip_suffix(".exe").unwrap_or(name);
    TERMINAL_BROWSERS.contains(&name)
}

/// Whether `program` can be started as it is named: a path that names a file, or a bare name
/// found in one of the folders of `path` (the value of `PATH`). Asked before a terminal
/// browser is given the screen, so that a missing one costs no flicker.
pub fn can_be_found(program: &str, path: Option<&std::ffi::OsStr>) -> bool {
    let named = Path::new(program);
    if named.components().count() > 1 {
        return named.is_file();
    }
    let Some(path) = path else { return false };
    std::env::split_paths(path).any(|folder| {
        let candidate = folder.join(program);
        candidate.is_file() || (cfg!(windows) && candidate.with_extension("exe").is_file())
    })
}

/// `entry` without `; needsterminal` at its end, and whether it had it.
fn strip_terminal_mark(entry: &str) -> (&str, bool) {
    let marked = entry.trim_end().strip_suffix(NEEDS_TERMINAL).and_then(|rest| rest.trim_end().strip_suffix(';'));
    match marked {
        Some(rest) => (rest, true),
        None => (entry, false),
    }
}

/// `entry` split into words as a shell splits a simple command, without expanding anything:
/// blanks separate words, `'…'` keeps everything in it, `"…"` keeps everything but `\"` and
/// `\\`, and `\` outside quotes keeps the next character (not on Windows, where it separates
/// folders). An open quote is an error.
fn words_of(entry: &str) -> Result<Vec<String>, String> {
    let mut words = Vec::new();
    // The word being read; `Some` once begun, so `''` is a word, if an empty one.
    let mut word: Option<String> = None;
    let mut chars = entry.chars();
    while let Some(c) = chars.next() {
        match c {
            c if c.is_whitespace() => words.extend(word.take()),
            '\'' => {
                let word = word.get_or_insert_default();
                loop {
                    match chars.next() {
                        Some('\'') => break,
                        Some(c) => word.push(c),
                        None => return Err("a ' is not closed".to_string()),
                    }
                }
            }
            '"' => {
                let word = word.get_or_insert_default();
                loop {
                    match chars.next() {
                        Some('"') => break,
                        Some('\\') => match chars.next() {
                            Some(c @ ('"' | '\\')) => word.push(c),
                            Some(c) => word.extend(['\\', c]),
                            None => return Err("a \" is not closed".to_string()),
                        },
                        Some(c) => word.push(c),
                        None => return Err("a \" is not closed".to_string()),
                    }
                }
            }
            '\\' if !cfg!(windows) => match chars.next() {
                Some(c) => word.get_or_insert_default().push(c),
                None => return Err("it ends in \\".to_string()),
            },
            c => word.get_or_insert_default().push(c),
        }
    }
    words.extend(word);
    Ok(words)
}

/// `word` with `%s` replaced by `url` and `%%` by `%` (any other `%` kept), and whether it had
/// a `%s`.
fn substitute(word: &str, url: &str) -> (String, bool) {
    let mut out = String::with_capacity(word.len());
    let mut given = false;
    let mut chars = word.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, chars.peek()) {
            ('%', Some('s')) => {
                chars.next();
                out.push_str(url);
                given = true;
            }
            ('%', Some('%')) => {
                chars.next();
                out.push('%');
            }
            (c, _) => out.push(c),
        }
    }
    (out, given)
}

#[cfg(test)]
mod tests {
    use super::*;

    const URL: &str = "https://example.org/a?b=1&c='x'";

    fn run(program: &str, args: &[&str], in_terminal: bool) -> Attempt {
        let args = args.iter().map(|a| a.to_string()).collect();
        Attempt::Run(BrowserCommand { program: program.to_string(), args, in_terminal })
    }

    #[test]
    fn a_program_is_found_by_its_path_or_in_path_and_a_missing_one_is_not() {
        let folder = tempfile::tempdir().unwrap();
        let reader = folder.path().join("reader");
        std::fs::write(&reader, "").unwrap();
        let path = std::env::join_paths([folder.path()]).unwrap();
        assert!(can_be_found("reader", Some(&path)));
        assert!(can_be_found(reader.to_str().unwrap(), None));
        assert!(!can_be_found("no-such-reader", Some(&path)));
        assert!(!can_be_found("reader", None));
        assert!(!can_be_found(folder.path().join("missing").to_str().unwrap(), Some(&path)));
        // A folder is not a program.
        assert!(!can_be_found(folder.path().to_str().unwrap(), Some(&path)));
    }

    #[test]
    fn unset_or_empty_browser_goes_straight_to_the_platform_opener() {
        for browser in [None, Some(""), Some(" "), Some("::")] {
            assert_eq!(attempts(browser, URL), [Attempt::PlatformOpener], "{browser:?}");
        }
    }

    #[test]
    fn commands_are_tried_in_order_then_the_platform_opener() {
        let tried = attempts(Some("firefox:chromium --new-window::w3m"), URL);
        assert_eq!(
            tried,
            [
                run("firefox", &[URL], false),
                run("chromium", &["--new-window", URL], false),
                run("w3m", &[URL], true),
                Attempt::PlatformOpener,
            ]
        );
    }

    #[test]
    fn percent_s_stands_for_the_address_wherever_it_is() {
        let tried = attempts(Some("open-it --url=%s --new"), URL);
        assert_eq!(tried[0], run("open-it", &[&format!("--url={URL}"), "--new"], false));
        let twice = command("echo %s %s", "https://a.org").unwrap().unwrap();
        assert_eq!(twice.args, ["https://a.org", "https://a.org"]);
    }

    #[test]
    fn double_percent_is_a_percent_and_not_the_address() {
        let c = command("printf 100%%s", "https://a.org").unwrap().unwrap();
        assert_eq!(c.args, ["100%s", "https://a.org"], "%%s is a % then an s; the address comes last");
        let c = command("tool %d %% %s", "https://a.org/%s").unwrap().unwrap();
        assert_eq!(c.args, ["%d", "%", "https://a.org/%s"], "other % kept; the address is not read again");
    }

    #[test]
    fn the_address_is_one_argument_whatever_it_holds() {
        let url = "https://a.org/x y;$(rm -rf ~)`id`'\"";
        let c = command("browse %s", url).unwrap().unwrap();
        assert_eq!(c.args, [url]);
        let c = command("browse", url).unwrap().unwrap();
        assert_eq!(c.args, [url]);
    }

    #[test]
    fn words_are_split_with_quotes_and_backslashes_as_a_shell_would() {
        assert_eq!(words_of("  a  b\tc ").unwrap(), ["a", "b", "c"]);
        assert_eq!(words_of("'/opt/My Browser/run' --x").unwrap(), ["/opt/My Browser/run", "--x"]);
        assert_eq!(words_of(r#""a \"b\" \\ \n" c"#).unwrap(), [r#"a "b" \ \n"#, "c"]);
        assert_eq!(words_of(r"a\ b '' x'y'z").unwrap(), ["a b", "", "xyz"]);
        assert_eq!(words_of("'$HOME' ~ *").unwrap(), ["$HOME", "~", "*"], "nothing is expanded");
    }

    #[test]
    fn an_entry_with_an_open_quote_is_unreadable_and_the_next_is_tried() {
        let tried = attempts(Some("'broken %s:lynx"), URL);
        assert!(matches!(&tried[0], Attempt::Unreadable { entry, .. } if entry == "'broken %s"), "{tried:?}");
        assert_eq!(tried[1..], [run("lynx", &[URL], true), Attempt::PlatformOpener]);
        assert!(command("a \"b", URL).is_err() && command(r"a\", URL).is_err());
    }

    #[test]
    fn terminal_browsers_are_known_by_file_name() {
        for program in ["w3m", "/usr/bin/lynx", "links", "links2", "elinks", "browsh", "carbonyl", "www-browser"] {
            assert!(is_terminal_browser(program), "{program}");
        }
        for program in ["firefox", "xdg-open", "/usr/bin/w3m-wrapper", "lynx/firefox", "open"] {
            assert!(!is_terminal_browser(program), "{program}");
        }
        let quoted = command("'/opt/text browsers/elinks' -remote %s", URL).unwrap().unwrap();
        assert!(quoted.in_terminal);
    }

    #[test]
    fn needsterminal_at_the_end_marks_any_command_as_a_terminal_browser() {
        let c = command("my-reader --plain %s; needsterminal", URL).unwrap().unwrap();
        assert_eq!(
            c,
            BrowserCommand { program: "my-reader".into(), args: vec!["--plain".into(), URL.into()], in_terminal: true }
        );
        let c = command("my-reader ;needsterminal ", URL).unwrap().unwrap();
        assert!(c.in_terminal && c.args == [URL]);
        // Without the `;`, it is only an argument.
        let c = command("my-reader needsterminal", URL).unwrap().unwrap();
        assert!(!c.in_terminal && c.args == ["needsterminal", URL]);
    }

    #[test]
    fn only_web_addresses_leave_folio() {
        for url in ["https://example.org/a", "http://a.org", "HTTPS://A.ORG/x"] {
            assert!(is_web_address(url), "{url}");
        }
        for url in ["file:///etc/passwd", "mailto:a@b.org", "javascript:alert(1)", "report.pdf", "-x", ""] {
            assert!(!is_web_address(url), "{url}");
        }
    }
}
