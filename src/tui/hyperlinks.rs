//! OSC 8 hyperlinks on the article's link text: whether to write them (the `hyperlinks`
//! setting, and what the terminal is known to draw), which addresses may be written, and
//! writing them into the cells of a drawn buffer. Every byte of a hyperlink is folio's own: an
//! address checked here between sequences written here; the article's text never becomes one.

use ratatui::buffer::{Buffer, CellDiffOption, CellWidth};
use std::num::NonZeroU16;
use std::ops::Range;

/// The `hyperlinks` option of the config file and the command line: whether link text in the
/// reader is written as a terminal hyperlink (OSC 8), one a click opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum HyperlinkChoice {
    /// Where the terminal is known to draw them, and not inside tmux or screen.
    Auto,
    /// Always: the terminal is trusted to draw them or to leave them out.
    Always,
    /// Never.
    Never,
}

/// What an environment variable must say for a terminal to be known to draw hyperlinks.
enum Says {
    /// Set, to anything.
    Set,
    /// One of these values.
    OneOf(&'static [&'static str]),
    /// A number at least this.
    AtLeast(u32),
}

/// The terminals known to draw OSC 8 hyperlinks, by an environment variable each sets (the
/// list of the `supports-hyperlinks` crate, with foot's and Ghostty's names added).
const TERMINALS: [(&str, Says, &str); 8] = [
    ("DOMTERM", Says::Set, "DomTerm"),
    ("VTE_VERSION", Says::AtLeast(5000), "VTE 0.50 or later: GNOME Terminal, Tilix, Terminator, …"),
    ("TERM_PROGRAM", Says::OneOf(&["Hyper", "iTerm.app", "terminology", "WezTerm", "vscode", "ghostty"]), "by name"),
    (
        "TERM",
        Says::OneOf(&["xterm-kitty", "alacritty", "alacritty-direct", "foot", "foot-extra", "xterm-ghostty"]),
        "kitty, Alacritty, foot, Ghostty",
    ),
    ("COLORTERM", Says::OneOf(&["xfce4-terminal"]), "Xfce Terminal"),
    ("WT_SESSION", Says::Set, "Windows Terminal"),
    ("KONSOLE_VERSION", Says::Set, "Konsole"),
    ("WEZTERM_EXECUTABLE", Says::Set, "WezTerm, also over ssh"),
];

/// Whether the reader writes link text as hyperlinks: `always` and `never` say so; `auto` asks
/// the environment (`env` looks a variable up). `FORCE_HYPERLINK` decides first (`0` is no,
/// anything else yes); inside tmux or screen it is no, as they pass hyperlinks on only when told
/// to (tmux 3.4's `terminal-features` `hyperlinks`) and older ones mangle them; else yes only
/// for a terminal in `TERMINALS`.
pub fn wanted(choice: HyperlinkChoice, env: impl Fn(&str) -> Option<String>) -> bool {
    match choice {
        HyperlinkChoice::Always => true,
        HyperlinkChoice::Never => false,
        HyperlinkChoice::Auto => {
            if let Some(force) = env("FORCE_HYPERLINK") {
                return force.trim() != "0";
            }
            let term = env("TERM").unwrap_or_default();
            let multiplexed = env("TMUX").is_some_and(|v| !v.is_empty())
                || env("STY").is_some_and(|v| !v.is_empty())
                || term.starts_with("screen")
                || term.starts_with("tmux");
            !multiplexed
                && TERMINALS.iter().any(|(name, says, _)| match (env(name), says) {
                    (Some(_), Says::Set) => true,
                    (Some(value), Says::OneOf(values)) => values.contains(&value.as_str()),
                    (Some(value), Says::AtLeast(least)) => value.trim().parse::<u32>().is_ok_and(|v| v >= *least),
                    (None, _) => false,
                })
        }
    }
}

/// The longest address written as a hyperlink, in bytes: a longer one would cost more than
/// the screen it sits on, each time it is drawn (the link still opens with its number).
pub const LONGEST_ADDRESS: usize = 2048;

/// The address to write for a link to `url`: an absolute http or https URL, serialized by the
/// `url` crate (so printable ASCII only: spaces and other characters percent-encoded, a
/// host in punycode). None for any other scheme, a relative address, an address with a
/// control character anywhere in it (ESC, BEL, a C1 control), or one over `LONGEST_ADDRESS`.
pub fn address(url: &str) -> Option<String> {
    if url.chars().any(char::is_control) {
        return None;
    }
    let parsed = url::Url::parse(url).ok()?;
    if !matches!(parsed.scheme(), "http" | "https") || parsed.host_str().is_none_or(str::is_empty) {
        return None;
    }
    let written = String::from(parsed);
    let printable = written.bytes().all(|b| (0x21..=0x7e).contains(&b));
    (printable && written.len() <= LONGEST_ADDRESS).then_some(written)
}

/// The string terminator that ends an OSC sequence (ESC \).
const END: &str = "\x1b\\";

/// Makes the cells `cells` of row `y` of `buffer` (link text as drawn) a hyperlink to `address`
/// (from `address`). Each run of cells of one style becomes one cell: its first carries the
/// run's text between `ESC ] 8 ; ; address ESC \` and `ESC ] 8 ; ; ESC \`, with the run's width
/// forced on it (escape sequences take no cells), and the cells it covers are skipped when the
/// screen is updated. A run is whole in one cell, so however little of the screen an update
/// writes, a hyperlink is never left open, and a cell a hyperlink covered is written afresh once
/// it holds anything else. A wide character cut by the end of `cells` stays out.
pub fn link_cells(buffer: &mut Buffer, y: u16, cells: Range<u16>, address: &str) {
    let area = buffer.area;
    if y < area.top() || y >= area.bottom() {
        return;
    }
    let end = cells.end.min(area.right());
    let mut x = cells.start.max(area.left());
    while x < end {
        let head = x;
        let style = buffer[(x, y)].style();
        let mut text = String::new();
        while x < end && buffer[(x, y)].style() == style {
            let symbol = buffer[(x, y)].symbol();
            let width = symbol.cell_width().max(1);
            if x + width > end {
                break;
            }
            text.push_str(symbol);
            x += width;
        }
        let Some(width) = NonZeroU16::new(x - head) else { return };
        let linked = format!("\x1b]8;;{address}{END}{text}\x1b]8;;{END}");
        buffer[(head, y)].set_symbol(&linked).set_diff_option(CellDiffOption::ForcedWidth(width));
        for covered in head + 1..x {
            buffer[(covered, y)].set_diff_option(CellDiffOption::Skip);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;
    use ratatui::style::{Modifier, Style};
    use unicode_width::UnicodeWidthStr;

    fn env_of(vars: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |name| vars.iter().find(|(k, _)| *k == name).map(|(_, v)| v.to_string())
    }

    #[test]
    fn always_and_never_say_so_whatever_the_terminal() {
        assert!(wanted(HyperlinkChoice::Always, env_of(&[("TMUX", "/tmp/tmux-0/default,1,0")])));
        assert!(!wanted(HyperlinkChoice::Never, env_of(&[("TERM", "xterm-kitty"), ("FORCE_HYPERLINK", "1")])));
    }

    #[test]
    fn auto_writes_hyperlinks_for_known_terminals_only() {
        let auto = |vars| wanted(HyperlinkChoice::Auto, env_of(vars));
        assert!(auto(&[("VTE_VERSION", "7600"), ("TERM", "xterm-256color")]));
        assert!(!auto(&[("VTE_VERSION", "4803")]), "VTE before 0.50");
        assert!(auto(&[("TERM", "xterm-kitty")]));
        assert!(auto(&[("TERM_PROGRAM", "WezTerm")]));
        assert!(auto(&[("WT_SESSION", "6a1f")]));
        assert!(auto(&[("KONSOLE_VERSION", "230804")]));
        assert!(!auto(&[("TERM", "xterm-256color")]), "plain xterm says nothing");
        assert!(!auto(&[("TERM", "linux")]));
        assert!(!auto(&[]));
    }

    #[test]
    fn auto_writes_none_inside_tmux_or_screen_unless_forced() {
        let auto = |vars| wanted(HyperlinkChoice::Auto, env_of(vars));
        // The outer terminal's variables reach programs inside tmux.
        assert!(!auto(&[("TMUX", "/tmp/tmux-0/default,1,0"), ("VTE_VERSION", "7600"), ("TERM", "tmux-256color")]));
        assert!(!auto(&[("TERM", "screen-256color"), ("KONSOLE_VERSION", "230804")]));
        assert!(!auto(&[("STY", "1234.pts-0.host"), ("WT_SESSION", "6a1f")]));
        assert!(auto(&[("TMUX", "/tmp/tmux-0/default,1,0"), ("FORCE_HYPERLINK", "1")]));
        assert!(!auto(&[("TERM", "xterm-kitty"), ("FORCE_HYPERLINK", "0")]));
    }

    #[test]
    fn only_clean_http_addresses_are_written() {
        assert_eq!(address("https://example.org/report").as_deref(), Some("https://example.org/report"));
        assert_eq!(
            address("http://example.org/a b?q=ç#x y").as_deref(),
            Some("http://example.org/a%20b?q=%C3%A7#x%20y")
        );
        assert_eq!(address("https://bücher.example/").as_deref(), Some("https://xn--bcher-kva.example/"));
        for refused in [
            "javascript:alert(1)",
            "file:///etc/passwd",
            "mailto:someone@example.org",
            "/relative/page",
            "data:text/html,hi",
            "https://example.org/\u{1b}]52;c;aGk=\u{7}",
            "https://example.org/\u{1b}\\x",
            "https://example.org/a\u{9b}31m",
            "https://example.org/a\nb",
            "https://example.org/\u{7f}",
        ] {
            assert_eq!(address(refused), None, "{refused:?}");
        }
        let long = format!("https://example.org/{}", "a".repeat(LONGEST_ADDRESS));
        assert_eq!(address(&long), None);
    }

    /// A terminal that takes what the screen update writes: cells of (character, the hyperlink
    /// open when it was written). Hyperlinks stay open across writes, as in a real terminal.
    struct Screen {
        cells: Vec<Vec<(String, Option<String>)>>,
        open: Option<String>,
    }

    impl Screen {
        fn new(width: u16, height: u16) -> Screen {
            Screen { cells: vec![vec![(" ".to_string(), None); width as usize]; height as usize], open: None }
        }

        /// Applies the update from `before` to `after`, as ratatui's backend writes it.
        fn update(&mut self, before: &Buffer, after: &Buffer) {
            for (x, y, cell) in before.diff(after) {
                let mut x = x as usize;
                let mut rest = cell.symbol();
                while !rest.is_empty() {
                    if let Some(after_osc) = rest.strip_prefix("\x1b]8;;") {
                        let end = after_osc.find(END).expect("an OSC 8 sequence is ended");
                        let target = &after_osc[..end];
                        self.open = (!target.is_empty()).then(|| target.to_string());
                        rest = &after_osc[end + END.len()..];
                        continue;
                    }
                    assert!(!rest.starts_with('\x1b'), "another escape sequence in {:?}", cell.symbol());
                    let c = rest.chars().next().unwrap();
                    let width = c.to_string().width().max(1);
                    self.cells[y as usize][x] = (c.to_string(), self.open.clone());
                    for covered in 1..width {
                        self.cells[y as usize][x + covered] = (String::new(), self.open.clone());
                    }
                    x += width;
                    rest = &rest[c.len_utf8()..];
                }
            }
        }

        fn row(&self, y: usize) -> String {
            self.cells[y].iter().map(|(c, _)| c.as_str()).collect()
        }

        /// The characters of row `y` written inside a hyperlink, with its address.
        fn linked(&self, y: usize) -> Vec<(String, String)> {
            let mut runs: Vec<(String, String)> = Vec::new();
            for (c, link) in &self.cells[y] {
                match (link, runs.last_mut()) {
                    (Some(l), Some((text, last))) if last == l => text.push_str(c),
                    (Some(l), _) => runs.push((c.clone(), l.clone())),
                    (None, _) => {}
                }
            }
            runs
        }
    }

    fn drawn(lines: &[&str]) -> Buffer {
        let mut buffer = Buffer::empty(Rect::new(0, 0, 20, lines.len() as u16));
        for (y, line) in lines.iter().enumerate() {
            buffer.set_string(0, y as u16, line, Style::new());
        }
        buffer
    }

    #[test]
    fn linked_cells_read_the_same_and_carry_the_address() {
        let plain = drawn(&["see the 日本 report.", "no link here"]);
        // "the 日本 report" is cells 4..19; "report" (13..19) underlined, as a claim would be.
        let mut linked = plain.clone();
        linked.set_style(Rect::new(13, 0, 6, 1), Style::new().add_modifier(Modifier::UNDERLINED));
        link_cells(&mut linked, 0, 4..19, "https://example.org/r");
        let head = &linked[(4, 0)];
        assert_eq!(head.symbol(), "\x1b]8;;https://example.org/r\x1b\\the 日本 \x1b]8;;\x1b\\");
        assert_eq!(head.diff_option, CellDiffOption::ForcedWidth(NonZeroU16::new(9).unwrap()));
        assert_eq!(linked[(5, 0)].diff_option, CellDiffOption::Skip);
        assert_eq!(linked[(13, 0)].symbol(), "\x1b]8;;https://example.org/r\x1b\\report\x1b]8;;\x1b\\");
        assert_eq!(linked[(19, 0)].diff_option, CellDiffOption::None);

        let mut screen = Screen::new(20, 2);
        screen.update(&Buffer::empty(plain.area), &linked);
        let mut plain_screen = Screen::new(20, 2);
        plain_screen.update(&Buffer::empty(plain.area), &plain);
        assert_eq!(screen.row(0), plain_screen.row(0));
        assert_eq!(screen.row(0), "see the 日本 report.");
        assert_eq!(screen.row(1), "no link here        ");
        let to = "https://example.org/r".to_string();
        assert_eq!(screen.linked(0), [("the 日本 report".to_string(), to)]);
        assert!(screen.linked(1).is_empty() && screen.open.is_none());

        // The next frame has one letter changed and no link: no cell keeps the hyperlink,
        // though most of them hold what they held.
        let next = drawn(&["see thx 日本 report.", "no link here"]);
        screen.update(&linked, &next);
        assert_eq!(screen.row(0), "see thx 日本 report.");
        assert!(screen.linked(0).is_empty(), "{:?}", screen.linked(0));
    }

    #[test]
    fn a_wide_character_cut_by_the_end_stays_out_and_rows_outside_are_left() {
        let mut buffer = drawn(&["ab日本"]);
        link_cells(&mut buffer, 0, 0..5, "https://example.org/");
        assert_eq!(buffer[(0, 0)].diff_option, CellDiffOption::ForcedWidth(NonZeroU16::new(4).unwrap()));
        assert_eq!(buffer[(4, 0)].symbol(), "本");
        let before = buffer.clone();
        link_cells(&mut buffer, 3, 0..5, "https://example.org/");
        assert_eq!(buffer, before);
    }
}
