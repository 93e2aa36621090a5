//! The links list (`o`): the story's numbered links, words and address; choosing one reads it
//! in folio (or goes to its place in the article), `O` opens it in the browser, `y` copies its
//! address.

use super::{Context, List, Picked, Shown};
use crate::text::cells::{shorten, shorten_middle};
use crate::text::safe::visible;
use crate::tui::document::Page;
use crate::tui::keys::{Action, Keymap};
use unicode_width::UnicodeWidthStr;

/// The numbered links.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Links {
    /// Index into the document's links.
    pub selected: usize,
}

impl List for Links {
    fn title(&self, keys: &Keymap) -> String {
        format!(
            "Links — {} reads it in folio, {} opens it in the browser, {} copies the address",
            keys.list_key(Action::Select),
            keys.list_key(Action::OpenOutside),
            keys.list_key(Action::Yank)
        )
    }

    fn wide(&self) -> bool {
        true
    }

    fn shown(&self, context: &Context, width: usize) -> Shown {
        let entries = (1..=context.page.links.len()).map(|n| numbered_entry(context.page, n, width)).collect();
        Shown { entries, selected: Some(self.selected), scroll: 0 }
    }

    fn len(&self, context: &Context, _rows: usize) -> usize {
        context.page.links.len()
    }

    fn cursor(&mut self) -> &mut usize {
        &mut self.selected
    }

    fn select(&self, _context: &Context) -> Option<Picked> {
        Some(Picked::FollowLink(self.selected + 1))
    }

    fn follow(&self, _context: &Context) -> Option<Picked> {
        Some(Picked::FollowLink(self.selected + 1))
    }

    fn outside(&self, _context: &Context) -> Option<Picked> {
        Some(Picked::OpenOutside(self.selected + 1))
    }

    fn yank(&self, context: &Context) -> Option<Picked> {
        let number = self.selected + 1;
        let url = link_url(context.page, number)?.to_string();
        Some(Picked::Copy { what: format!("the address of [{number}]"), text: url })
    }
}

/// The links a claim cites (`f` in the claims list, when it cites more than one): choosing
/// one reads it in folio, `O` opens it in the browser, `y` copies its address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sources {
    /// The claim, counted from 0.
    pub claim: usize,
    /// The numbers `[n]` of the links it cites.
    pub numbers: Vec<usize>,
    /// Index into `numbers`.
    pub selected: usize,
}

impl List for Sources {
    fn title(&self, keys: &Keymap) -> String {
        format!(
            "Claim {}'s sources — {} reads it in folio, {} opens it in the browser",
            self.claim + 1,
            keys.list_key(Action::Select),
            keys.list_key(Action::OpenOutside)
        )
    }

    fn wide(&self) -> bool {
        true
    }

    fn shown(&self, context: &Context, width: usize) -> Shown {
        let entries = self.numbers.iter().map(|&n| numbered_entry(context.page, n, width)).collect();
        Shown { entries, selected: Some(self.selected), scroll: 0 }
    }

    fn len(&self, _context: &Context, _rows: usize) -> usize {
        self.numbers.len()
    }

    fn cursor(&mut self) -> &mut usize {
        &mut self.selected
    }

    fn select(&self, _context: &Context) -> Option<Picked> {
        self.numbers.get(self.selected).map(|&n| Picked::FollowLink(n))
    }

    fn follow(&self, context: &Context) -> Option<Picked> {
        self.select(context)
    }

    fn outside(&self, _context: &Context) -> Option<Picked> {
        self.numbers.get(self.selected).map(|&n| Picked::OpenOutside(n))
    }

    fn yank(&self, context: &Context) -> Option<Picked> {
        let number = *self.numbers.get(self.selected)?;
        let url = link_url(context.page, number)?.to_string();
        Some(Picked::Copy { what: format!("the address of [{number}]"), text: url })
    }
}

/// Link `[number]` as a list shows it, its words and address made safe to draw.
fn numbered_entry(page: Page, number: usize, width: usize) -> Vec<String> {
    let Some(&(block, i)) = page.doc.links.get(number.wrapping_sub(1)) else { return Vec::new() };
    let block = &page.article.blocks[block];
    let link = &block.links[i];
    let text = block.text.get(link.range[0]..link.range[1]).unwrap_or("");
    link_entry(number, &visible(text), &visible(&link.url), width)
}

/// The address of link `[number]` (numbered from 1, as the text shows them).
pub fn link_url<'a>(page: Page<'a>, number: usize) -> Option<&'a str> {
    let &(block, i) = page.doc.links.get(number.checked_sub(1)?)?;
    Some(page.article.blocks[block].links[i].url.as_str())
}

/// A link as the links list shows it, in `width` cells: `[3] its words  — its address` on one
/// line where that fits; else the words (losing their end if need be) and under them the
/// address, its middle cut out where it is still too long.
fn link_entry(number: usize, text: &str, url: &str, width: usize) -> Vec<String> {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let head = format!("[{number}] ");
    let one = format!("{head}{text}  — {url}");
    if one.width() <= width {
        return vec![one];
    }
    let indent = " ".repeat(head.width());
    let room = width.saturating_sub(head.width());
    vec![format!("{head}{}", shorten(&text, room)), format!("{indent}{}", shorten_address(url, room))]
}

/// An address in at most `width` cells, its middle cut out: its host kept whole where a dozen
/// cells are left beside it, and as much of its end as fits.
fn shorten_address(url: &str, width: usize) -> String {
    if url.width() <= width {
        return url.to_string();
    }
    let host_end = url.match_indices('/').nth(2).map_or(0, |(at, _)| at + 1);
    let host = &url[..host_end];
    if host_end == 0 || host.width() + 12 > width {
        return shorten_middle(url, width);
    }
    let tail = crate::text::cells::clip_start(&url[host_end..], width.saturating_sub(host.width() + 1));
    format!("{host}…{tail}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_is_one_line_where_it_fits_else_words_over_address() {
        assert_eq!(link_entry(3, "the report", "https://a.org/r", 60), ["[3] the report  — https://a.org/r"]);
        let url = format!("https://example.org/{}/end.html", "deep/".repeat(20));
        let lines = link_entry(12, "a long title of the linked page", &url, 40);
        assert_eq!(lines.len(), 2);
        assert!(lines[0].starts_with("[12] a long title"), "{lines:?}");
        assert!(lines[1].starts_with("     https://example.org/…") && lines[1].ends_with("end.html"), "{lines:?}");
    }
}
