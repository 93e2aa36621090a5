//! The clean copy: YAML front matter, then the story with its headings, lists, quotes,
//! emphasis and links; clutter, title and metadata left out of the body. The one place that
//! writes Markdown: blocks carry their inline structure and table cells, and this writes them
//! so that they read back as the same text and links.

use crate::article::{Article, Block, BlockKind, Image, Inline};
use crate::text::safe::strip;

/// The clean Markdown copy; `saved` is the time stamp written into the front matter.
pub fn clean_markdown(article: &Article, saved: &str) -> String {
    clean_markdown_with(article, saved, &CopyOptions::default())
}

/// What a clean copy holds beyond the story (`folio clean --keep CATEGORY`, `--claims`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CopyOptions {
    /// Categories of clutter kept in the copy, in their place, as if they were story.
    pub keep: Vec<crate::article::Label>,
    /// End the copy with "Claims to check": each flagged claim with its score and kinds, as a
    /// footnote whose mark stands at the end of the paragraph it is in (a link each way).
    pub claims: bool,
    /// Begin with the front matter (title, source, author, dates); without it, the story only.
    pub front_matter: bool,
}

impl Default for CopyOptions {
    /// The copy `s` saves: front matter, the story, no claims.
    fn default() -> Self {
        CopyOptions { keep: Vec::new(), claims: false, front_matter: true }
    }
}

/// The clean copy with `options`: kept categories written in their place, and the claims to
/// check as footnotes at the end.
pub fn clean_markdown_with(article: &Article, saved: &str, options: &CopyOptions) -> String {
    let mut out = if options.front_matter { front_matter(article, saved) } else { String::new() };
    // The depth the previous block was written at, when it was a list item.
    let mut previous_item: Option<usize> = None;
    let written =
        article.blocks.iter().filter(|b| b.label == crate::article::Label::Content || options.keep.contains(&b.label));
    let mut footnotes = Vec::new();
    for block in written {
        // A block of nothing but control characters has nothing left to keep.
        if block.image.is_none() && strip(&block.text).trim().is_empty() {
            continue;
        }
        let is_item = block.kind == BlockKind::ListItem;
        // An item is nested at most one deeper than the item above it in the copy (whose
        // parent may have been left out), or it would read back at another depth.
        let depth = (block.depth as usize).min(previous_item.map_or(0, |d| d + 1));
        out.push_str(if is_item && previous_item.is_some() { "\n" } else { "\n\n" });
        out.push_str(&block_markdown(block, depth));
        if options.claims && !matches!(block.kind, BlockKind::Code | BlockKind::Table) {
            for claim in article.claims().iter().filter(|c| c.block == block.id) {
                footnotes.push(claim);
                out.push_str(&format!("[^claim-{}]", footnotes.len()));
            }
        }
        previous_item = is_item.then_some(depth);
    }
    if !footnotes.is_empty() {
        out.push_str("\n\n## Claims to check\n");
        for (n, claim) in footnotes.iter().enumerate() {
            let kinds: Vec<&str> = claim.kinds.iter().map(|k| k.name()).collect();
            let sentence = escape_inline(&strip(&claim.text).split_whitespace().collect::<Vec<_>>().join(" "));
            out.push_str(&format!(
                "\n[^claim-{}]: {sentence} (score {:.2}; {})\n",
                n + 1,
                claim.score,
                kinds.join(", ")
            ));
        }
    }
    out.push('\n');
    out
}

fn front_matter(article: &Article, saved: &str) -> String {
    let meta = &article.meta;
    // A fetched page is recorded by the address its redirects ended at; a file by the URL it
    // states for itself (canonical, or front matter), else by its name.
    // A file by the URL it states for itself, else by its absolute path (the copy outlives
    // the folder it was made in); standard input by its URL only ("-" names nothing).
    let source = match (article.source.address(), article.source.kind) {
        // A page fetched, or said to come from an address (`--base`).
        (Some(address), _) => Some(address.to_string()),
        (None, crate::article::SourceKind::Url | crate::article::SourceKind::File) => {
            meta.url.clone().or_else(|| Some(crate::paths::full_path(&article.source.name)))
        }
        (None, crate::article::SourceKind::Stdin) => meta.url.clone(),
    };
    let fields = [
        ("title", meta.title.clone()),
        ("source", source),
        ("site", meta.site.clone()),
        ("author", meta.byline.clone()),
        ("published", meta.published.clone()),
        ("saved", Some(saved.to_string())),
        ("generator", Some(format!("folio {}", env!("CARGO_PKG_VERSION")))),
    ];
    let mut out = String::from("---\n");
    for (key, value) in fields {
        // A value of nothing but control characters and spaces is no value.
        if let Some(value) = value.filter(|v| !strip(v).trim().is_empty()) {
            out.push_str(&format!("{key}: {}\n", yaml_quote(&value)));
        }
    }
    out.push_str("---");
    out
}

/// A double-quoted YAML scalar: safe for colons, quotes, `#` and any character.
pub fn yaml_quote(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in strip(value).chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A block as Markdown that reads back as the same block; `depth` is a list item's nesting.
fn block_markdown(block: &Block, depth: usize) -> String {
    let written = match &block.image {
        Some(image) => image_markdown(image),
        None => inline_markdown(&block.inline_content()),
    };
    // Removing a control character can leave white space at an end, which a reader would drop.
    let inline = written.trim();
    match block.kind {
        BlockKind::Heading => {
            let level = block.level.unwrap_or(2).clamp(1, 6) as usize;
            format!("{} {}", "#".repeat(level), heading_line(inline))
        }
        BlockKind::ListItem => {
            // Lines after a hard break are indented to stay in the item.
            let indent = "  ".repeat(depth);
            format!("{indent}- {}", task_marker(&escape_lines(inline, &format!("\n{indent}  "))))
        }
        BlockKind::Quote => {
            let marker = "> ".repeat(block.depth.max(1) as usize);
            format!("{marker}{}", escape_lines(inline, &format!("\n{marker}")))
        }
        BlockKind::Code => {
            let stripped = strip(&block.text);
            let text = stripped.trim_end();
            let mut fence = "```".to_string();
            while text.contains(fence.as_str()) {
                fence.push('`');
            }
            format!("{fence}{}\n{text}\n{fence}", strip(&block.language).trim())
        }
        BlockKind::Table if !block.cells.is_empty() => table_markdown(&block.cells),
        BlockKind::Table => escape_lines(inline, "\n"),
        // An image, or a Markdown input's raw HTML block, as written.
        BlockKind::Other => inline.to_string(),
        BlockKind::Paragraph => escape_lines(inline, "\n"),
    }
}

/// An image standing alone: `![alt](url)`.
fn image_markdown(image: &Image) -> String {
    let alt = image.alt.split_whitespace().collect::<Vec<_>>().join(" ");
    strip(&format!("![{}]({})", escape_inline(&alt), link_destination(&image.url))).into_owned()
}

/// A list item that starts with a task box (`[ ]`, `[x]`) writes it as one.
fn task_marker(item: &str) -> String {
    for (escaped, mark) in [("\\[ \\] ", "[ ] "), ("\\[x\\] ", "[x] ")] {
        if let Some(rest) = item.strip_prefix(escaped) {
            return format!("{mark}{rest}");
        }
    }
    item.to_string()
}

/// A table from its cells: the first row is the head, every row as wide as the widest, a `|`
/// in a cell escaped, a line break in a cell a space (a row is one line).
fn table_markdown(rows: &[Vec<Vec<Inline>>]) -> String {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0).max(1);
    let mut out = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        let mut cells: Vec<String> = row
            .iter()
            .map(|cell| {
                let written = inline_markdown(cell);
                let line = written.split('\n').map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(" ");
                line.replace('|', "\\|")
            })
            .collect();
        cells.resize(columns, String::new());
        out.push(format!("| {} |", cells.join(" | ")).replace("|  |", "| |"));
        if i == 0 {
            out.push(format!("|{}", " --- |".repeat(columns)));
        }
    }
    out.join("\n")
}

/// Inline content as Markdown that reads back as the same text and links: text escaped,
/// white space at the edges of emphasis and links moved outside them (`**a **` is no
/// emphasis), emphasis that could not read back as emphasis where it stands left plain, links
/// with no text left out, control characters removed. A line break is a `\n` (the block
/// writes it as a hard break).
pub fn inline_markdown(inlines: &[Inline]) -> String {
    let mut out = String::new();
    write_inlines(inlines, None, None, &mut out);
    out
}

/// A piece of written inline content: plain Markdown, or content between two delimiters.
enum Piece {
    Plain(String),
    Wrapped { open: &'static str, body: String, close: String, emphasis: bool },
}

impl Piece {
    /// The first character this piece writes, if it writes any.
    fn first_char(&self) -> Option<char> {
        match self {
            Piece::Plain(text) => text.chars().next(),
            Piece::Wrapped { open, body, .. } => match body.chars().next() {
                None => None,
                Some(c) if c.is_whitespace() => Some(c),
                Some(_) => open.chars().next(),
            },
        }
    }
}

/// Writes `inlines` after `out`; `before` and `after` are the characters around them when
/// `out` does not show them (the delimiters of the element they are inside).
fn write_inlines(inlines: &[Inline], before: Option<char>, after: Option<char>, out: &mut String) {
    let start = out.len();
    let pieces: Vec<Piece> = normalize(inlines).iter().map(piece).collect();
    for (i, piece) in pieces.iter().enumerate() {
        match piece {
            Piece::Plain(text) => out.push_str(text),
            Piece::Wrapped { open, body, close, emphasis } => {
                let core = body.trim();
                let lead = &body[..body.len() - body.trim_start().len()];
                let trail = &body[body.trim_end().len()..];
                out.push_str(lead);
                if core.is_empty() {
                    continue;
                }
                // A delimiter straight after a sibling's would run into it (`***a****.*`): the
                // emphasis is left plain. After the delimiter of the element around it, it nests.
                let sibling = if out.len() > start { out.chars().next_back() } else { None };
                if *emphasis && sibling.is_some() && sibling == open.chars().next() {
                    out.push_str(core);
                    out.push_str(trail);
                    continue;
                }
                let prev = sibling.or(before);
                let next = if trail.is_empty() {
                    pieces[i + 1..].iter().find_map(Piece::first_char).or(after)
                } else {
                    trail.chars().next()
                };
                let readable = !*emphasis || delimits(prev, core, next);
                if !readable {
                    out.push_str(core);
                } else {
                    // `!` straight before a link's `[` would make it an image.
                    if *open == "[" && out.ends_with('!') && !escaped_at(out, out.len() - 1) {
                        out.insert(out.len() - 1, '\\');
                    }
                    out.push_str(open);
                    out.push_str(core);
                    out.push_str(close);
                }
                out.push_str(trail);
            }
        }
    }
}

/// Whether the character at byte `at` of `markdown` is escaped (follows an odd number of backslashes).
fn escaped_at(markdown: &str, at: usize) -> bool {
    markdown[..at].bytes().rev().take_while(|&b| b == b'\\').count() % 2 == 1
}

/// Whether `*`-like delimiters around `core` open and close emphasis between `prev` and
/// `next` (CommonMark's flanking rules; none is the edge of a line, as white space).
fn delimits(prev: Option<char>, core: &str, next: Option<char>) -> bool {
    let space = |c: Option<char>| c.is_none_or(char::is_whitespace);
    let punct =
        |c: Option<char>| c.is_some_and(|c| c.is_ascii_punctuation() || (!c.is_alphanumeric() && !c.is_whitespace()));
    let (first, last) = (core.chars().next(), core.chars().next_back());
    let opens = !space(first) && (!punct(first) || space(prev) || punct(prev));
    let closes = !space(last) && (!punct(last) || space(next) || punct(next));
    opens && closes
}

/// Emphasis arranged so that it can be written: strong text that is all emphasised is
/// emphasis around strong text, and neighbours of one kind are one
/// (`*a* ***b*** *c*` becomes `*a **b** c*`).
fn normalize(inlines: &[Inline]) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::with_capacity(inlines.len());
    for inline in inlines {
        let inline = match inline {
            Inline::Strong(content) => match &content[..] {
                [Inline::Emphasis(inner)] => Inline::Emphasis(vec![Inline::Strong(inner.clone())]),
                _ => inline.clone(),
            },
            _ => inline.clone(),
        };
        match (out.last_mut(), inline) {
            (Some(Inline::Emphasis(before)), Inline::Emphasis(more))
            | (Some(Inline::Strong(before)), Inline::Strong(more)) => before.extend(more),
            (Some(Inline::Text(before)), Inline::Text(more)) => before.push_str(&more),
            (_, inline) => out.push(inline),
        }
    }
    out
}

fn piece(inline: &Inline) -> Piece {
    let wrapped = |open: &'static str, content: &[Inline], close: &str, emphasis: bool| {
        let delimiter = open.chars().next_back();
        let mut body = String::new();
        write_inlines(content, delimiter, close.chars().next(), &mut body);
        Piece::Wrapped { open, body, close: close.to_string(), emphasis }
    };
    match inline {
        Inline::Text(text) => Piece::Plain(escape_inline(&strip(text))),
        Inline::Code(code) => {
            let code = strip(code);
            let core = code.trim();
            if core.is_empty() {
                return Piece::Plain(code.into_owned());
            }
            let lead = &code[..code.len() - code.trim_start().len()];
            let trail = &code[code.trim_end().len()..];
            Piece::Plain(format!("{lead}{}{trail}", code_span(core)))
        }
        Inline::Break => Piece::Plain("\n".to_string()),
        Inline::Html(html) => Piece::Plain(strip(html).into_owned()),
        Inline::Image { alt, url } => Piece::Plain(image_markdown(&Image { alt: alt.clone(), url: url.clone() })),
        Inline::Emphasis(content) => wrapped("*", content, "*", true),
        Inline::Strong(content) => wrapped("**", content, "**", true),
        Inline::Strikethrough(content) => wrapped("~~", content, "~~", true),
        Inline::Link { url, content } => wrapped("[", content, &format!("]({})", strip(&link_destination(url))), false),
    }
}

/// A code span around `code`: a fence longer than any run of backticks in it, and a space
/// inside each fence where the code starts or ends with a backtick.
fn code_span(code: &str) -> String {
    let mut fence = "`".to_string();
    while code.contains(fence.as_str()) {
        fence.push('`');
    }
    let pad = if code.starts_with('`') || code.ends_with('`') { " " } else { "" };
    format!("{fence}{pad}{code}{pad}{fence}")
}

/// A link destination that Markdown reads back unchanged: in `<…>` (with `<`, `>` and `\\`
/// escaped) where it has a space, a parenthesis, an angle bracket or a backslash; an `&` that
/// would read as an entity escaped.
fn link_destination(url: &str) -> String {
    let mut out = String::with_capacity(url.len() + 2);
    let angle = url.contains([' ', '(', ')', '<', '>', '\\']);
    for (at, c) in url.char_indices() {
        let entity = c == '&' && {
            let name = url[at + 1..].bytes().take_while(|b| b.is_ascii_alphanumeric() || *b == b'#').count();
            name > 0 && url.as_bytes().get(at + 1 + name) == Some(&b';')
        };
        if entity || (angle && matches!(c, '<' | '>' | '\\')) {
            out.push('\\');
        }
        out.push(c);
    }
    if angle { format!("<{out}>") } else { out }
}

/// Escapes characters that Markdown would read as markup inside a line of text.
fn escape_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let needs = match c {
            // A tilde is escaped alone as well: with strikethrough on, `~a~` is struck out too,
            // and an escaped `\~` next to a bare `~` would read back as another run.
            '\\' | '*' | '`' | '[' | ']' | '<' | '~' => true,
            '_' => {
                let before = i.checked_sub(1).map(|j| chars[j].is_alphanumeric()).unwrap_or(false);
                let after = chars.get(i + 1).map(|c| c.is_alphanumeric()).unwrap_or(false);
                !(before && after)
            }
            // `&amp;` in a text would read as `&` in Markdown: an entity-like run is escaped.
            '&' => {
                let name = chars[i + 1..].iter().take_while(|c| c.is_ascii_alphanumeric() || **c == '#').count();
                name > 0 && chars.get(i + 1 + name) == Some(&';')
            }
            _ => false,
        };
        if needs {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The lines of a block (there is more than one after a hard break), each escaped at its
/// start, as any line of a paragraph can open a heading, list, quote, rule or setext
/// underline; joined by a hard break (two spaces) and `join`. A line left empty once control
/// characters are gone is dropped, as it would end the paragraph.
fn escape_lines(inline: &str, join: &str) -> String {
    let lines: Vec<String> =
        inline.split('\n').map(str::trim).filter(|l| !l.is_empty()).map(escape_line_start).collect();
    lines.join(&format!("  {join}"))
}

/// A heading is one line, and a `#` at its end would read as a closing sequence.
fn heading_line(inline: &str) -> String {
    let mut line = inline.split('\n').map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(" ");
    if line.ends_with('#') {
        line.insert(line.len() - 1, '\\');
    }
    line
}

/// Text that would open a heading, quote, list, rule, setext underline or table at the start of
/// a line is escaped.
fn escape_line_start(line: &str) -> String {
    let first = line.chars().next();
    let ordered = {
        let digits = line.bytes().take_while(u8::is_ascii_digit).count();
        // `1.5 million` is no list item: a marker is followed by a space or the end of the line.
        digits > 0
            && digits <= 9
            && matches!(line.as_bytes().get(digits), Some(b'.' | b')'))
            && matches!(line.as_bytes().get(digits + 1), None | Some(b' ' | b'\t'))
    };
    // `:--- | ---` under a line with a `|` would make that line a table's head.
    let delimiter_row = first == Some(':') && line.chars().all(|c| matches!(c, ':' | '-' | '|' | ' ' | '\t'));
    if ordered {
        let digits = line.bytes().take_while(u8::is_ascii_digit).count();
        format!("{}\\{}", &line[..digits], &line[digits..])
    } else if delimiter_row || matches!(first, Some('#' | '>' | '-' | '+' | '=' | '|')) {
        format!("\\{line}")
    } else {
        line.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_values_survive_colons_and_quotes() {
        assert_eq!(yaml_quote("Title: a \"b\" \\ c"), r#""Title: a \"b\" \\ c""#);
    }

    #[test]
    fn line_starts_that_look_like_markup_are_escaped() {
        assert_eq!(escape_line_start("# 1 hit"), "\\# 1 hit");
        assert_eq!(escape_line_start("2019. A year"), "2019\\. A year");
        assert_eq!(escape_line_start("Plain"), "Plain");
        assert_eq!(escape_line_start("1.5 million"), "1.5 million");
        assert_eq!(escape_line_start(":--- | ---"), "\\:--- | ---");
        assert_eq!(escape_line_start(":)"), ":)");
    }

    #[test]
    fn every_line_after_a_hard_break_is_escaped_too() {
        assert_eq!(escape_lines("a  \n=== \n- b", "\n"), "a  \n\\===  \n\\- b");
        assert_eq!(escape_lines("a  \n \n# b", "\n> "), "a  \n> \\# b");
    }

    #[test]
    fn a_heading_is_one_line_and_keeps_a_hash_at_its_end() {
        assert_eq!(heading_line("Item #"), "Item \\#");
        assert_eq!(heading_line("C#"), "C\\#");
        assert_eq!(heading_line("a  \nb"), "a b");
    }
}
