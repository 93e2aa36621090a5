//! The claims list (`l`): every flagged claim with its score, kinds, sentence, the cues that
//! fired and the links it cites (its sources); choosing one goes to it, `f` follows its
//! source, `y` copies its sentence.

use super::{Context, List, Picked, Shown, wrapped};
use crate::article::Claim;
use crate::text::safe::visible;
use crate::tui::document::Page;
use crate::tui::keys::{Action, Keymap};

/// The flagged claims.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claims {
    /// Index into the article's claims.
    pub selected: usize,
}

impl List for Claims {
    fn title(&self, keys: &Keymap) -> String {
        format!(
            "Claims — score, kinds, sentence, why, sources; {} jumps, {} follows, {} copies",
            keys.list_key(Action::Select),
            keys.list_key(Action::FollowLink),
            keys.list_key(Action::Yank)
        )
    }

    fn wide(&self) -> bool {
        true
    }

    fn shown(&self, context: &Context, width: usize) -> Shown {
        let claims = context.page.article.claims();
        let entries = claims
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let mut lines = claim_entry(c, i + 1, width);
                lines.extend(source_lines(context.page, i, width));
                lines
            })
            .collect();
        Shown { entries, selected: Some(self.selected), scroll: 0 }
    }

    fn len(&self, context: &Context, _rows: usize) -> usize {
        context.page.article.claims().len()
    }

    fn cursor(&mut self) -> &mut usize {
        &mut self.selected
    }

    fn select(&self, _context: &Context) -> Option<Picked> {
        Some(Picked::GoToClaim(self.selected))
    }

    fn yank(&self, context: &Context) -> Option<Picked> {
        let text = context.page.article.claims().get(self.selected)?.text.clone();
        Some(Picked::Copy { what: format!("claim {}'s sentence", self.selected + 1), text })
    }

    fn follow(&self, _context: &Context) -> Option<Picked> {
        Some(Picked::FollowSource(self.selected))
    }

    fn outside(&self, context: &Context) -> Option<Picked> {
        match sources(context.page, self.selected).first() {
            Some(&number) => Some(Picked::OpenOutside(number)),
            None => Some(Picked::Say(format!("claim {} cites no link", self.selected + 1))),
        }
    }
}

/// The numbers `[n]` of the links claim `claim` cites: those inside its sentence, else those
/// in its paragraph (a source is often linked from the sentence before or after).
pub fn sources(page: Page, claim: usize) -> Vec<usize> {
    let Some(claim) = page.article.claims().get(claim) else { return Vec::new() };
    let Some(block) = page.article.blocks.get(claim.block) else { return Vec::new() };
    let numbered = |i: usize| page.doc.link_number(block.id, i);
    let [start, end] = claim.span;
    let in_sentence: Vec<usize> = (block.links.iter().enumerate())
        .filter(|(_, link)| link.range[0] < end && link.range[1] > start)
        .filter_map(|(i, _)| numbered(i))
        .collect();
    if !in_sentence.is_empty() {
        return in_sentence;
    }
    (0..block.links.len()).filter_map(numbered).collect()
}

/// The links claim `claim` cites, one line each under it: `→ [3] their words`.
fn source_lines(page: Page, claim: usize, width: usize) -> Vec<String> {
    sources(page, claim)
        .into_iter()
        .filter_map(|number| {
            let &(block, i) = page.doc.links.get(number - 1)?;
            let block = &page.article.blocks[block];
            let link = &block.links[i];
            let words = block.text.get(link.range[0]..link.range[1]).unwrap_or("");
            let words = visible(words).split_whitespace().collect::<Vec<_>>().join(" ");
            Some(crate::text::cells::clip(&format!("   → [{number}] {words}"), width))
        })
        .collect()
}

/// A claim as the claims list shows it: score and kinds, then the whole sentence, then each
/// cue that fired with the text it matched, wrapped to `width`.
fn claim_entry(claim: &Claim, number: usize, width: usize) -> Vec<String> {
    let kinds: Vec<&str> = claim.kinds.iter().map(|k| k.name()).collect();
    let mut lines = vec![format!("{number}. {:.2}  {}", claim.score, kinds.join(", "))];
    // Line breaks inside the sentence read as spaces.
    let sentence = visible(&claim.text).split_whitespace().collect::<Vec<_>>().join(" ");
    lines.extend(wrapped(&sentence, width, "   "));
    for cue in &claim.cues {
        lines.extend(wrapped(&format!("· {}", visible(cue)), width, "     "));
    }
    lines
}
