//! `folio inspect`: every block with its label, reason and a preview, then the sections and
//! claims; coloured when asked to. Article text passes through `safe::visible` first.

use crate::article::{Article, Label};
use crate::text::count::said;
use crate::text::safe::visible;
use unicode_width::UnicodeWidthChar;

/// The `inspect` listing: the metadata, every block with its label, kind, lines, preview and
/// reason, then sections and claims; `color` adds ANSI colours, previews fit in `width` columns.
pub fn listing(article: &Article, color: bool, width: usize) -> String {
    let paint = |code: &str, text: &str| if color { format!("\x1b[{code}m{text}\x1b[0m") } else { text.to_string() };
    let mut out = String::new();
    let meta = &article.meta;
    for (name, value) in [
        ("title", &meta.title),
        ("byline", &meta.byline),
        ("published", &meta.published),
        ("site", &meta.site),
        ("url", &meta.url),
    ] {
        if let Some(value) = value {
            // What decided a field folio chose, dimmed after it ("the <h1> at block 4, agrees with …").
            let why = meta.reasons.get(name).map(|r| format!("  {}", paint("2", &format!("({})", visible(r)))));
            out.push_str(&format!(
                "{} {}{}\n",
                paint("1", &format!("{name:<10}")),
                visible(value),
                why.unwrap_or_default()
            ));
        }
    }
    let why = meta.reasons.get("kind").map(|r| format!("  {}", paint("2", &format!("({})", visible(r)))));
    out.push_str(&format!("{} {}{}\n", paint("1", "kind      "), meta.kind.name(), why.unwrap_or_default()));
    let folded = article.blocks.iter().filter(|b| b.label.is_boilerplate()).count();
    out.push_str(&format!(
        "{} {} · {} ({} folded) · {} · {}\n\n",
        paint("1", "format    "),
        article.source.format.name(),
        said(article.blocks.len(), "block", "blocks"),
        folded,
        said(article.sections().len(), "section", "sections"),
        said(article.claims().len(), "claim", "claims")
    ));
    let preview_width = width.saturating_sub(32).max(20);
    for block in &article.blocks {
        let lines = match block.source_lines {
            Some([a, b]) if a == b => format!("L{a}"),
            Some([a, b]) => format!("L{a}-{b}"),
            None => String::new(),
        };
        let kind = match (block.kind, block.level) {
            (crate::article::BlockKind::Heading, Some(level)) => format!("h{level}"),
            (kind, _) => {
                serde_json::to_value(kind).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
            }
        };
        let label = format!("{:<17}", block.label.name());
        out.push_str(&format!(
            "{:>4} {} {:<9} {:<8} {}\n{:>41}{}\n",
            block.id,
            paint(label_color(block.label), &label),
            kind,
            lines,
            truncate(&visible(&block.text), preview_width),
            "",
            paint("2", &visible(&block.reason)),
        ));
    }
    if !article.sections().is_empty() {
        out.push_str(&format!("\n{}\n", paint("1", "sections")));
        for s in article.sections() {
            out.push_str(&format!(
                "  {}{} (block {})\n",
                "  ".repeat(s.level.saturating_sub(1) as usize),
                visible(&s.title),
                s.block
            ));
        }
    }
    if !article.claims().is_empty() {
        out.push_str(&format!("\n{}\n", paint("1", "claims")));
        for c in article.claims() {
            let kinds: Vec<&str> = c.kinds.iter().map(|k| k.name()).collect();
            out.push_str(&format!(
                "  {:.2} [{}] block {}: {}\n       {}\n",
                c.score,
                kinds.join(", "),
                c.block,
                truncate(&visible(&c.text), preview_width + 10),
                paint("2", &visible(&c.cues.join("; "))),
            ));
        }
    }
    out
}

fn label_color(label: Label) -> &'static str {
    match label {
        Label::Content => "32",
        Label::Title => "1;36",
        Label::Metadata => "36",
        _ => "33",
    }
}

/// At most `width` terminal cells, with `…` when cut.
fn truncate(text: &str, width: usize) -> String {
    let text = text.replace('\n', " ⏎ ");
    let mut used = 0;
    let mut out = String::new();
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > width.saturating_sub(1) {
            out.push('…');
            return out;
        }
        used += w;
        out.push(c);
    }
    out
}
