//! The article printed for a pager, a mail reader or a feed reader (`folio clean --to text` and
//! `--to ansi`): laid out by the reader's own code (`view::printed`: the same wrapping, link
//! markers, lists, quotes and tables as on the screen), then written as plain text, or as text
//! with the reader's bold, italic, dim, underline and colours in ANSI escape sequences.

use super::app::{Model, Settings};
use super::keys::Keymap;
use super::view::{Look, Theme, printed};
use crate::article::Article;
use ratatui::backend::IntoCrossterm;
use ratatui::text::Line;

/// How the printed article is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Printing {
    /// Plain text: no escape sequence at all.
    Text,
    /// With the reader's styles as ANSI escape sequences: in colour from `look`'s palette, or
    /// (`color` false, as for `NO_COLOR`) bold, italic, dim, underline and reverse only.
    Ansi {
        /// Colours, or attributes only.
        color: bool,
        /// The palette, for a dark or a light background.
        look: Look,
    },
}

/// `article` laid out in a column `width` cells wide and written as `printing` says, each line
/// ending in `\n`, with no spaces at line ends.
pub fn print(article: Article, width: u16, printing: Printing) -> String {
    let settings = Settings { column: width, save_dir: std::path::PathBuf::new(), keys: Keymap::default() };
    // The terminal two cells wider than the column: the reader's margin, so the column is `width`.
    let model = Model::new(article, settings, width.saturating_add(2), 24);
    let theme = match printing {
        Printing::Text => Theme { color: false, look: Look::Dark, hyperlinks: false },
        Printing::Ansi { color, look } => Theme { color, look, hyperlinks: false },
    };
    let mut out = String::new();
    for line in printed(&model, theme) {
        out.push_str(&written(&line, printing));
        out.push('\n');
    }
    // One blank line at most at the end.
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

/// One line as text: its pieces' words, styled where `printing` asks for it.
fn written(line: &Line, printing: Printing) -> String {
    let mut text = String::new();
    for span in &line.spans {
        // No underline colour: terminals inside mail readers (aerc's) read its sequence wrongly
        // (as blinking), and an underline says the same.
        let style = ratatui::style::Style { underline_color: None, ..line.style.patch(span.style) };
        match printing {
            Printing::Ansi { .. } if style != ratatui::style::Style::default() && !span.content.is_empty() => {
                let styled = crossterm::style::StyledContent::new(style.into_crossterm(), span.content.as_ref());
                text.push_str(&styled.to_string());
            }
            _ => text.push_str(&span.content),
        }
    }
    match printing {
        Printing::Text => text.trim_end().to_string(),
        Printing::Ansi { .. } => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(markdown: &str) -> Article {
        let loaded = crate::source::Loaded {
            bytes: markdown.as_bytes().to_vec(),
            kind: crate::article::SourceKind::Stdin,
            name: "-".to_string(),
            charset: None,
            hint: Some(crate::source::FormatHint::Markdown),
        };
        crate::Pipeline::bundled().read_loaded(loaded).unwrap().article
    }

    #[test]
    fn text_is_wrapped_with_numbered_links_listed_at_the_end() {
        let text = print(
            article(
                "A first paragraph that is long enough to wrap in a narrow column, with [a link](https://example.org/x) in it.\n\n- one\n- two\n",
            ),
            40,
            Printing::Text,
        );
        assert!(!text.contains('\x1b'), "{text}");
        assert!(text.lines().all(|l| unicode_width::UnicodeWidthStr::width(l) <= 40), "{text}");
        assert!(text.contains("a link[1]"), "{text}");
        assert!(text.contains("• one\n• two"), "{text}");
        assert!(text.ends_with("Links\n\n[1] https://example.org/x\n"), "{text}");
    }

    #[test]
    fn ansi_styles_what_the_reader_styles_and_text_reads_the_same() {
        let markdown =
            "# A heading\n\nThe council said the pump cost 2 million pounds in 2024, up from 1 million in 2020.\n";
        let plain = print(article(markdown), 60, Printing::Text);
        let ansi = print(article(markdown), 60, Printing::Ansi { color: true, look: Look::Dark });
        assert!(ansi.contains("\x1b["), "{ansi}");
        let stripped = regex::Regex::new("\x1b\\[[0-9;:]*m").unwrap().replace_all(&ansi, "");
        let trimmed: Vec<&str> = stripped.lines().map(str::trim_end).collect();
        assert_eq!(trimmed.join("\n") + "\n", plain);
        let monochrome = print(article(markdown), 60, Printing::Ansi { color: false, look: Look::Dark });
        assert!(!monochrome.contains("\x1b[38"), "no colour without colours: {monochrome}");
        assert!(monochrome.contains("\x1b[1m"), "bold stays: {monochrome}");
    }
}
