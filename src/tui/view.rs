//! Drawing the model: header, the reading column, overlays and the status line. Reads the
//! model only (wrapped lines come from the document's per-width cache).

use super::app::Model;
use super::document::{LineKind, Seg, SegLayout};
use super::hyperlinks;
use super::keys::{Action, Binding, Keymap};
use super::lists::{List, Shown};
use crate::article::{Block, BlockKind};
use crate::text::cells::{clip, fit, shorten, shorten_middle, skip};
use crate::text::count::said;
use crate::text::safe::visible;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block as Frame_, Borders, Clear, Paragraph};
use std::ops::Range;
use unicode_width::UnicodeWidthStr;

/// Which palette the reader draws with: for a dark terminal background, or a light one.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Look {
    /// Light text on a dark background (the default).
    #[default]
    Dark,
    /// Dark text on a light background.
    Light,
}

/// The `theme` option of the config file and the command line: which palette the reader draws
/// with, or `auto` to ask the terminal (see `tui::look_for`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ThemeChoice {
    /// Light text on a dark background.
    Dark,
    /// Dark text on a light background.
    Light,
    /// The terminal's own background decides, where it answers the question (else dark).
    Auto,
}

/// Every colour the reader uses, by what it is for: the one place colours are named.
#[derive(Debug, Clone, Copy)]
pub struct Palette {
    /// The header bar: text and background.
    pub bar: (Color, Color),
    /// The status line: text and background.
    pub status: (Color, Color),
    /// Headings, and the title in lists.
    pub heading: Color,
    /// Fold lines and folded text, shown dim.
    pub dim: Color,
    /// Block quotations.
    pub quote: Color,
    /// Code.
    pub code: Color,
    /// The underline under a flagged claim.
    pub claim: Color,
    /// The claim gone to: text and background.
    pub current_claim: (Color, Color),
    /// A search match: text and background.
    pub hit: (Color, Color),
    /// A link's `[n]` marker.
    pub link: Color,
    /// The selected entry of a list: text and background.
    pub selected: (Color, Color),
}

impl Palette {
    /// For a dark terminal background.
    pub const DARK: Palette = Palette {
        bar: (Color::Black, Color::Cyan),
        status: (Color::White, Color::DarkGray),
        heading: Color::Cyan,
        dim: Color::DarkGray,
        quote: Color::Gray,
        code: Color::Green,
        claim: Color::Magenta,
        current_claim: (Color::Black, Color::Magenta),
        hit: (Color::Black, Color::Yellow),
        link: Color::Blue,
        selected: (Color::Black, Color::Cyan),
    };

    /// For a light terminal background: darker inks, paler bars.
    pub const LIGHT: Palette = Palette {
        bar: (Color::White, Color::Blue),
        status: (Color::Black, Color::Gray),
        heading: Color::Blue,
        dim: Color::Gray,
        quote: Color::DarkGray,
        code: Color::Rgb(0, 110, 0),
        claim: Color::Magenta,
        current_claim: (Color::White, Color::Magenta),
        hit: (Color::Black, Color::Yellow),
        link: Color::Blue,
        selected: (Color::White, Color::Blue),
    };
}

/// How the reader draws: styles in the look's colours or (with NO_COLOR) in bold, reverse and
/// underline only, and whether link text is written as terminal hyperlinks.
#[derive(Debug, Clone, Copy)]
pub struct Theme {
    /// Colours, or (false) bold, reverse and underline only.
    pub color: bool,
    /// Which palette the colours come from.
    pub look: Look,
    /// Link text in the reading column as OSC 8 hyperlinks (`hyperlinks::link_cells`), while
    /// no list is open over it.
    pub hyperlinks: bool,
}

impl Theme {
    fn palette(self) -> Palette {
        match self.look {
            Look::Dark => Palette::DARK,
            Look::Light => Palette::LIGHT,
        }
    }
    fn pick(self, colored: impl FnOnce(Palette) -> Style, mono: Style) -> Style {
        if self.color { colored(self.palette()) } else { mono }
    }
    fn header(self) -> Style {
        self.pick(|p| Style::new().fg(p.bar.0).bg(p.bar.1), Style::new().add_modifier(Modifier::REVERSED))
    }
    fn status(self) -> Style {
        self.pick(|p| Style::new().fg(p.status.0).bg(p.status.1), Style::new().add_modifier(Modifier::REVERSED))
    }
    fn heading(self) -> Style {
        self.pick(
            |p| Style::new().fg(p.heading).add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::BOLD),
        )
    }
    fn fold(self) -> Style {
        self.pick(|p| Style::new().fg(p.dim), Style::new().add_modifier(Modifier::DIM))
    }
    fn folded_text(self) -> Style {
        self.pick(|p| Style::new().fg(p.dim), Style::new().add_modifier(Modifier::DIM))
    }
    fn quote(self) -> Style {
        self.pick(
            |p| Style::new().fg(p.quote).add_modifier(Modifier::ITALIC),
            Style::new().add_modifier(Modifier::ITALIC),
        )
    }
    fn code(self) -> Style {
        self.pick(|p| Style::new().fg(p.code), Style::new())
    }
    fn claim(self) -> Style {
        self.pick(
            |p| Style::new().add_modifier(Modifier::UNDERLINED).underline_color(p.claim),
            Style::new().add_modifier(Modifier::UNDERLINED),
        )
    }
    fn current_claim(self) -> Style {
        self.pick(
            |p| Style::new().fg(p.current_claim.0).bg(p.current_claim.1),
            Style::new().add_modifier(Modifier::UNDERLINED | Modifier::BOLD),
        )
    }
    fn hit(self) -> Style {
        self.pick(|p| Style::new().fg(p.hit.0).bg(p.hit.1), Style::new().add_modifier(Modifier::REVERSED))
    }
    fn link_marker(self) -> Style {
        self.pick(|p| Style::new().fg(p.link), Style::new().add_modifier(Modifier::DIM))
    }
    fn selected(self) -> Style {
        self.pick(|p| Style::new().fg(p.selected.0).bg(p.selected.1), Style::new().add_modifier(Modifier::REVERSED))
    }
}

/// Draws the whole screen for `model`.
pub fn view(model: &Model, theme: Theme, frame: &mut Frame) {
    let area = frame.area();
    if area.width == 0 || area.height == 0 {
        return;
    }
    let header = Rect { height: 1, ..area };
    frame.render_widget(Paragraph::new(header_line(model, area.width as usize)).style(theme.header()), header);
    if area.height >= 2 {
        let status = Rect { y: area.y + area.height - 1, height: 1, ..area };
        frame.render_widget(Paragraph::new(status_line(model, area.width as usize)).style(theme.status()), status);
    }
    let body = Rect { y: area.y + 1, height: area.height.saturating_sub(2), ..area };
    if body.height > 0 {
        draw_body(model, theme, frame, body);
    }
    if let Some(list) = model.overlay() {
        draw_overlay(model, theme, list, frame, area);
    }
}

/// The screen while an input is being read: its name in the header, a line saying it is being
/// read (with the seconds gone by, once there are some), and the keys that stop it.
pub fn reading(name: &str, seconds: u64, keys: &Keymap, theme: Theme, frame: &mut Frame) {
    let area = frame.area();
    if area.width == 0 || area.height == 0 {
        return;
    }
    let width = area.width as usize;
    let name = visible(name);
    let header = format!(" {}", shorten_middle(&name, width.saturating_sub(2)));
    frame.render_widget(Paragraph::new(header).style(theme.header()), Rect { height: 1, ..area });
    if area.height >= 3 {
        let took = if seconds > 0 { format!(" ({seconds} s)") } else { String::new() };
        let line = fit(&format!("reading {name} …{took}"), width.saturating_sub(2));
        let body = Rect { x: area.x + 1, y: area.y + 2, width: area.width.saturating_sub(1), height: 1 };
        frame.render_widget(Paragraph::new(Line::styled(line, theme.fold())), body);
    }
    if area.height >= 2 {
        let stop: Vec<String> =
            [Action::Close, Action::Quit].iter().map(|a| keys.reading_key(*a)).filter(|k| !k.is_empty()).collect();
        let status = fit(&format!(" {} stops", stop.join(" or ")), width);
        let row = Rect { y: area.y + area.height - 1, height: 1, ..area };
        frame.render_widget(Paragraph::new(status).style(theme.status()), row);
    }
}

/// Title on the left (cut to fit), then site, date, byline and reading time on the right.
fn header_line(model: &Model, width: usize) -> String {
    let meta = &model.article().meta;
    let title = meta.title.clone().unwrap_or_else(|| model.article().source.name.clone());
    let reading_time = format!("{} min read", model.reading_minutes());
    let published = meta.published.as_ref().map(|d| d.split('T').next().unwrap_or(d).to_string());
    // The title comes first: the most facts that leave it whole or at least three fifths of
    // the row, else only the reading time. The header gives the day, not the time of day.
    let candidates: [Vec<Option<&String>>; 4] = [
        vec![meta.site.as_ref(), published.as_ref(), meta.byline.as_ref(), Some(&reading_time)],
        vec![meta.site.as_ref(), published.as_ref(), Some(&reading_time)],
        vec![published.as_ref(), Some(&reading_time)],
        vec![Some(&reading_time)],
    ];
    let title_width = visible(&title).width();
    let facts: Vec<String> = candidates
        .iter()
        .map(|c| {
            let parts: Vec<String> = c.iter().flatten().map(|s| s.to_string()).collect();
            format!(" {} ", visible(&parts.join(" · ")))
        })
        .collect();
    let facts = facts
        .iter()
        .find(|f| title_width + 2 + f.width() <= width || (width.saturating_sub(f.width() + 1)) * 5 >= width * 3)
        .or(facts.last())
        .cloned()
        .unwrap_or_default();
    let room = width.saturating_sub(facts.width() + 1);
    let title = visible(&title);
    let title =
        if title.width() > room { format!("{}…", clip(&title, room.saturating_sub(2))) } else { title.into_owned() };
    format!(" {title}{}{facts}", " ".repeat(room.saturating_sub(title.width())))
}

fn status_line(model: &Model, width: usize) -> String {
    if let Some(prompt) = model.link_prompt() {
        let n = model.document().links.len();
        let (what, does) =
            if prompt.outside { ("open link", "opens it in the browser") } else { ("follow link", "follows") };
        return clip(&format!("{what} [{}▏]  (1 to {n}; Enter {does}, Esc cancels)", prompt.typed), width);
    }
    if let Some(search) = model.search().filter(|s| s.is_typing()) {
        let folded = match search.folded() {
            0 => String::new(),
            n => format!("; {n} in folded text"),
        };
        let found = match search.matches().len() {
            _ if search.query().is_empty() => String::new(),
            1 => format!("  (1 match{folded})"),
            n => format!("  ({n} matches{folded})"),
        };
        return format!("/{}{found}", visible(search.query()));
    }
    let mut left = format!(" {:>3}%", model.percent());
    let (at, of) = model.trail();
    if of > 1 {
        left.push_str(&format!(" │ page {at} of {of}"));
    }
    if let Some(message) = model.message() {
        // Cut between words; a long path or address loses its middle, not its end.
        return fit(&format!("{left} │ {}", visible(message)), width);
    }
    if let Some(page) = model.loading() {
        let cancel = model.settings().keys.reading_key(Action::Escape);
        return fit(&format!("{left} │ loading {} … ({cancel} cancels)", visible(page)), width);
    }
    if let Some(section) = model.current_section() {
        left.push_str(&format!(" │ § {}", visible(&model.article().sections()[section].title)));
    }
    let claims = model.article().claims();
    match model.claim().and_then(|i| claims.get(i).map(|c| (i, c))) {
        Some((i, claim)) => {
            let kinds: Vec<&str> = claim.kinds.iter().map(|k| k.name()).collect();
            left.push_str(&format!(" │ claim {}/{} {} {:.2}", i + 1, claims.len(), kinds.join(","), claim.score));
        }
        None => left.push_str(&format!(" │ {}", said(claims.len(), "claim", "claims"))),
    }
    let room = width.saturating_sub(left.width() + 2);
    let right = hints(&model.settings().keys.reading, room);
    format!("{left}{}{right} ", " ".repeat(room.saturating_sub(right.width()) + 1))
}

/// The status line's key hints, from the key table: as many whole hints as fit in `room`
/// cells, in the table's order, and the help key's always (it leads to all the others).
fn hints(table: &[Binding], room: usize) -> String {
    // An action that a remap left with no key gets no hint.
    let hint = |b: &Binding| Some(format!("{} {}", b.names().first()?, b.hint?));
    let help = table.iter().find(|b| b.action == Action::Help).and_then(hint).unwrap_or_default();
    let mut used = help.width();
    let mut shown = Vec::new();
    for b in table.iter().filter(|b| b.action != Action::Help) {
        if let Some(h) = hint(b)
            && used + h.width() + 2 <= room
        {
            used += h.width() + 2;
            shown.push(h);
        }
    }
    shown.push(help);
    clip(&shown.join("  "), room)
}

fn draw_body(model: &Model, theme: Theme, frame: &mut Frame, body: Rect) {
    let page = model.page();
    let (doc, article) = (page.doc, page.article);
    let column = doc.width() as u16;
    let left = body.x + body.width.saturating_sub(column) / 2;
    let area = Rect { x: left, width: column.min(body.width), ..body };
    if doc.segs.is_empty() {
        // Nothing to lay out: say so rather than show a blank page.
        let name = visible(&article.source.name).into_owned();
        let note = format!("Nothing to read: {name} has no text folio could find.");
        let lines = vec![Line::raw(""), Line::styled(clip(&note, area.width as usize), theme.fold())];
        frame.render_widget(Paragraph::new(lines), area);
        return;
    }
    let window = page.window(model.top(), body.height as usize);
    // Link text is written as hyperlinks only while no list is open over it.
    let theme = Theme { hyperlinks: theme.hyperlinks && model.overlay().is_none(), ..theme };
    let mut lines = Vec::with_capacity(window.len());
    // Link text to write as hyperlinks: its row, its cells in the row, its address.
    let mut links: Vec<(u16, Range<u16>, String)> = Vec::new();
    for (seg, line) in &window {
        let y = lines.len() as u16;
        lines.push(match (doc.segs[*seg], &line.kind) {
            (_, LineKind::Blank) => Line::raw(""),
            (Seg::Fold(f), _) => {
                let fold = &doc.folds[f];
                let (mark, state, verb) = if fold.open { ("▾", "shown", "close") } else { ("▸", "folded", "open") };
                let n = fold.blocks();
                let key = model.settings().keys.reading_key(Action::ToggleFold);
                let blocks = if n == 1 { "block" } else { "blocks" };
                // The categories give way to the key when the column is narrow.
                let (head, tail) = (format!("{mark} {n} {blocks} {state}: "), format!(" · {key} to {verb}"));
                let room = (area.width as usize).saturating_sub(head.width() + tail.width());
                let names = shorten(&fold.names(), room);
                Line::styled(clip(&format!("{head}{names}{tail}"), area.width as usize), theme.fold())
            }
            (Seg::Block(id), kind) => {
                let layout = page.lines(*seg);
                let block = &article.blocks[id];
                let row = block_line(model, theme, block, &layout, kind, line.range.clone(), area.width);
                links.extend(row.links.into_iter().map(|(cells, to)| (y, cells, to)));
                row.line
            }
        });
    }
    if doc.all_folded() && lines.len() < body.height as usize {
        // A page whose every block folded is no blank screen: say what happened and the way out.
        lines.push(Line::styled(all_folded_note(model, area.width as usize), theme.heading()));
    }
    frame.render_widget(Paragraph::new(lines), area);
    for (y, cells, to) in links {
        let x = area.x.saturating_add(cells.start)..area.x.saturating_add(cells.end);
        hyperlinks::link_cells(frame.buffer_mut(), area.y + y, x, &to);
    }
}

/// The article as `folio clean --to text|ansi` prints it (`tui::print`): the title and what the
/// header says of it, every line of the story as the reader draws it (folded clutter left
/// out, code and tables too wide to wrap whole), then each numbered link's address, as `lynx
/// -dump` lists its references.
pub fn printed(model: &Model, theme: Theme) -> Vec<Line<'static>> {
    let page = model.page();
    let article = page.article;
    let meta = &article.meta;
    let mut out = Vec::new();
    if let Some(title) = &meta.title {
        for line in textwrap::wrap(&visible(title), page.doc.width().max(1)) {
            out.push(Line::styled(line.into_owned(), theme.heading()));
        }
        let published = meta.published.as_ref().map(|d| d.split('T').next().unwrap_or(d).to_string());
        let facts: Vec<&String> =
            [meta.byline.as_ref(), published.as_ref(), meta.site.as_ref()].into_iter().flatten().collect();
        if !facts.is_empty() {
            let facts: Vec<&str> = facts.iter().map(|f| f.as_str()).collect();
            out.push(Line::styled(visible(&facts.join(" · ")).into_owned(), theme.fold()));
        }
        out.push(Line::raw(""));
    }
    for seg in 0..page.doc.segs.len() {
        let Some(Seg::Block(id)) = page.doc.segs.get(seg).copied() else { continue };
        if page.doc.fold_of(seg).is_some() {
            continue;
        }
        let layout = page.lines(seg);
        let block = &article.blocks[id];
        for line in &layout.lines {
            out.push(match &line.kind {
                LineKind::Blank => Line::raw(""),
                kind => block_line(model, theme, block, &layout, kind, line.range.clone(), u16::MAX).line,
            });
        }
    }
    // What was left out is said, not hidden: a mail's greeting or a newsletter's links may be wanted.
    let folded: usize = page.doc.folds.iter().map(|f| f.blocks()).sum();
    if folded > 0 {
        let mut names: Vec<&str> = Vec::new();
        for (label, _) in page.doc.folds.iter().flat_map(|f| &f.labels) {
            if !names.contains(&label.name()) {
                names.push(label.name());
            }
        }
        let said = said(folded, "block", "blocks");
        let note = format!("({said} left out as clutter: {}; --keep CATEGORY keeps them)", names.join(", "));
        for line in textwrap::wrap(&note, page.doc.width().max(1)) {
            out.push(Line::styled(line.into_owned(), theme.fold()));
        }
        out.push(Line::raw(""));
    }
    if !page.doc.links.is_empty() {
        out.push(Line::styled("Links", theme.heading()));
        out.push(Line::raw(""));
        for (n, &(block, i)) in page.doc.links.iter().enumerate() {
            let url = visible(&article.blocks[block].links[i].url).into_owned();
            out.push(Line::from(vec![Span::styled(format!("[{}] ", n + 1), theme.link_marker()), Span::raw(url)]));
        }
    }
    out
}

/// One row of the reading column: its line, and where it shows link text to write as
/// hyperlinks (cells counted from the column's left edge, each run with its address).
struct Row {
    line: Line<'static>,
    links: Vec<(Range<u16>, String)>,
}

/// The one line under the folds of a page with no story outside them: how many blocks of
/// which categories were folded, and the key (as the keymap in force names it) that shows them.
fn all_folded_note(model: &Model, width: usize) -> String {
    let doc = model.document();
    let blocks: usize = doc.folds.iter().map(|f| f.blocks()).sum();
    let mut names: Vec<&str> = Vec::new();
    for fold in &doc.folds {
        for (label, _) in &fold.labels {
            if !names.contains(&label.name()) {
                names.push(label.name());
            }
        }
    }
    let keys = &model.settings().keys;
    let key = [Action::ToggleAllFolds, Action::ToggleFold, Action::ChooseFolds]
        .into_iter()
        .map(|a| (keys.reading_key(a), a))
        .find(|(k, _)| !k.is_empty());
    let way_out = match key {
        Some((key, Action::ChooseFolds)) => format!(" · {key} chooses what folds"),
        Some((key, _)) => format!(" · {key} shows it all"),
        None => String::new(),
    };
    let head = format!("No story found: {} folded as ", said(blocks, "block was", "blocks were"));
    let room = width.saturating_sub(head.width() + way_out.width());
    clip(&format!("{head}{}{way_out}", shorten(&names.join(", "), room.max(8))), width)
}

/// One laid-out line of a block, with claim and search highlights laid over the base style;
/// `range` indexes the shown text (the block's text with link markers), and highlights given
/// on the block's text are moved onto it. Where the theme writes hyperlinks, the row also says
/// where its link text is (not the `[n]` markers), for each link with an address
/// `hyperlinks::address` writes.
fn block_line(
    model: &Model,
    theme: Theme,
    block: &Block,
    layout: &SegLayout,
    kind: &LineKind,
    range: Range<usize>,
    width: u16,
) -> Row {
    let base = match block.kind {
        _ if block.label.is_boilerplate() || block.image.is_some() => theme.folded_text(),
        BlockKind::Heading => theme.heading(),
        BlockKind::Quote => theme.quote(),
        BlockKind::Code => theme.code(),
        _ => Style::new(),
    };
    let first = matches!(kind, LineKind::Text { first: true });
    let prefix = match block.kind {
        BlockKind::ListItem => format!("{}{}", "  ".repeat(block.depth as usize), if first { "• " } else { "  " }),
        BlockKind::Quote => "│ ".repeat(block.depth.max(1) as usize),
        _ => String::new(),
    };
    // Highlights: (range, style), later ones win.
    let mut marks: Vec<(Range<usize>, Style)> = Vec::new();
    // A table's header row is bold, its rules and separators dim.
    if layout.head > range.start {
        marks.push((0..layout.head, Style::new().add_modifier(Modifier::BOLD)));
    }
    for r in layout.frame.iter().filter(|r| r.start < range.end && r.end > range.start) {
        marks.push((r.clone(), theme.fold()));
    }
    for i in model.claims_in(block.id) {
        let claim = &model.article().claims()[i];
        let style = if model.claim() == Some(i) { theme.current_claim() } else { theme.claim() };
        marks.push((layout.shown_start(claim.span[0])..layout.shown_end(claim.span[1]), style));
    }
    if let Some(search) = model.search() {
        for i in search.matches_in(block.id) {
            let found = &search.matches()[i].1;
            let r = layout.shown_start(found.start)..layout.shown_end(found.end);
            if r.start < range.end && r.end > range.start {
                let style =
                    if search.current() == Some(i) { theme.hit().add_modifier(Modifier::BOLD) } else { theme.hit() };
                marks.push((r, style));
            }
        }
    }
    if block.image.is_none() {
        for &(_, at, len) in &layout.markers {
            marks.push((at..at + len, theme.link_marker()));
        }
    }
    // Link text on this line, in the shown text, with the address it is a hyperlink to (an
    // image's words are cut to the column, so its links are left as they are).
    let links: Vec<(Range<usize>, String)> = if theme.hyperlinks && block.image.is_none() {
        block
            .links
            .iter()
            .filter_map(|link| Some((link.range, hyperlinks::address(&link.url)?)))
            .flat_map(|([start, end], to)| layout.shown_ranges(start..end).into_iter().map(move |r| (r, to.clone())))
            .filter(|(r, _)| r.start < range.end && r.end > range.start)
            .collect()
    } else {
        Vec::new()
    };
    let shown = layout.text(&block.text);
    // Each piece of the line, with the link (in `links`) whose text it is.
    let mut spans: Vec<(Span<'static>, Option<usize>)> = vec![(Span::styled(prefix, base), None)];
    let text = &shown[range.clone()];
    // Cut the line at every highlight and link boundary, then style each piece.
    let mut cuts: Vec<usize> = vec![range.start, range.end];
    for r in marks.iter().map(|(r, _)| r).chain(links.iter().map(|(r, _)| r)) {
        cuts.extend([r.start.clamp(range.start, range.end), r.end.clamp(range.start, range.end)]);
    }
    cuts.sort_unstable();
    cuts.dedup();
    for pair in cuts.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        if a >= b || !shown.is_char_boundary(a) || !shown.is_char_boundary(b) {
            continue;
        }
        let style = marks.iter().filter(|(r, _)| r.start <= a && r.end >= b).fold(base, |s, (_, m)| s.patch(*m));
        let piece = display_text(&shown[a..b]);
        // Without colours a table is drawn in plain ASCII (`|`, `-`, `+`).
        let piece = if block.kind == BlockKind::Table && !theme.color { ascii_rules(&piece) } else { piece };
        let link = links.iter().position(|(r, _)| r.start <= a && r.end >= b);
        spans.push((Span::styled(piece, style), link));
    }
    if text.is_empty() {
        spans.push((Span::raw(""), None));
    }
    if matches!(kind, LineKind::Verbatim) {
        // Code is not re-wrapped: the column shows it from the sideways scroll on, marked
        // where it goes on past either edge.
        spans = window_line(spans, model.shift(), width as usize, theme.fold());
    }
    // Where each link's text is, in cells: its pieces side by side are one run.
    let mut cells: Vec<(Range<u16>, String)> = Vec::new();
    let (mut x, mut before) = (0u16, None);
    for (span, link) in &spans {
        let next = x.saturating_add(span.content.width() as u16);
        match (link, cells.last_mut()) {
            (Some(l), Some((run, _))) if before == Some(*l) && run.end == x => run.end = next,
            (Some(l), _) if next > x => cells.push((x..next, links[*l].1.clone())),
            _ => {}
        }
        (x, before) = (next, *link);
    }
    Row { line: Line::from(spans.into_iter().map(|(span, _)| span).collect::<Vec<_>>()), links: cells }
}

/// A table's box-drawing characters as plain ASCII: `│` as `|`, `─` as `-`, `┼` as `+`.
fn ascii_rules(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '│' => '|',
            '─' => '-',
            '┼' => '+',
            other => other,
        })
        .collect()
}

/// Article text made safe to draw: control characters as placeholders, tabs as spaces.
fn display_text(text: &str) -> String {
    visible(&text.replace('\t', "    ")).into_owned()
}

/// The cells of a line's pieces from `shift` on that fit in `width`, as `less -S` shows a long
/// line: a `‹` in the first cell when there is text to the left, a `›` in the last when the
/// line goes on past the edge (both in `mark`'s style). Each piece shown keeps its link.
fn window_line(
    line: Vec<(Span<'static>, Option<usize>)>,
    shift: usize,
    width: usize,
    mark: Style,
) -> Vec<(Span<'static>, Option<usize>)> {
    let total: usize = line.iter().map(|(s, _)| s.content.width()).sum();
    let left = shift > 0 && total > 0;
    let right = total > shift + width;
    let start = shift + usize::from(left);
    let room = width.saturating_sub(usize::from(left) + usize::from(right));
    let mut spans = Vec::new();
    if left {
        spans.push((Span::styled("‹", mark), None));
    }
    let (mut skipped, mut used) = (0, 0);
    for (span, link) in line {
        let cells = span.content.width();
        let (rest, pad) = skip(&span.content, start.saturating_sub(skipped));
        skipped += cells;
        if rest.is_empty() && pad == 0 {
            continue;
        }
        let text = clip(&format!("{}{rest}", " ".repeat(pad)), room.saturating_sub(used));
        used += text.width();
        spans.push((Span::styled(text, span.style), link));
    }
    if right {
        spans.push((Span::raw(" ".repeat(room.saturating_sub(used))), None));
        spans.push((Span::styled("›", mark), None));
    }
    spans
}

/// Draws `list` in a box over the article: its title, and as many of its lines as fit, the
/// selected entry kept in view.
fn draw_overlay(model: &Model, theme: Theme, list: &dyn List, frame: &mut Frame, area: Rect) {
    // Lists of long entries use the whole width; the others keep to a readable one.
    let widest = if list.wide() { u16::MAX } else { 100 };
    let width = area.width.saturating_sub(4).clamp(1, widest);
    let inner_width = width.saturating_sub(2) as usize;
    let Shown { entries, selected, scroll } = list.shown(&model.context(), inner_width);
    // Every line, with the entry it belongs to.
    let lines: Vec<(usize, &String)> =
        entries.iter().enumerate().flat_map(|(i, e)| e.iter().map(move |l| (i, l))).collect();
    let height = (lines.len() as u16 + 2).min(area.height.saturating_sub(2)).max(3.min(area.height));
    let rect = Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height.saturating_sub(height)) / 2,
        width,
        height,
    };
    frame.render_widget(Clear, rect);
    let rows = height.saturating_sub(2) as usize;
    let first = match selected {
        Some(s) => {
            // The selected entry is kept in view: its last line at the bottom when scrolling
            // down, its first line at the top when it is taller than the box.
            let start = lines.iter().position(|(i, _)| *i == s).unwrap_or(0);
            let end = lines.iter().rposition(|(i, _)| *i == s).map_or(0, |e| e + 1);
            end.saturating_sub(rows).min(start)
        }
        None => scroll.min(lines.len().saturating_sub(rows)),
    };
    let shown: Vec<Line> = lines
        .iter()
        .skip(first)
        .take(rows)
        .map(|(i, text)| {
            let text = clip(text, inner_width);
            if Some(*i) == selected { Line::styled(text, theme.selected()) } else { Line::raw(text) }
        })
        .collect();
    let mut frame_ = Frame_::new().borders(Borders::ALL).title(clip(&list.title(&model.settings().keys), inner_width));
    // Where the box cannot show every line, its bottom edge says which lines it shows.
    let last = (first + rows).min(lines.len());
    if first > 0 || last < lines.len() {
        let up = if first > 0 { "▲" } else { " " };
        let down = if last < lines.len() { "▼" } else { " " };
        let mark = format!(" {up}{down} lines {}–{last} of {} ", first + 1, lines.len());
        frame_ = frame_.title_bottom(Line::from(clip(&mark, inner_width)).right_aligned());
    }
    frame.render_widget(Paragraph::new(shown).block(frame_), rect);
}
