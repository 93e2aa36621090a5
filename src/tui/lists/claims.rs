//! The claims list (`l`): every flagged claim with its score, kinds, sentence and the cues
//! that fired; choosing one goes to it, `y` copies its sentence.

use super::{Context, List, Picked, Shown, wrapped};
use crate::article::Claim;
use crate::text::safe::visible;
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
            "Claims — score, kinds, sentence, why; {} jumps, {} copies",
            keys.list_key(Action::Select),
            keys.list_key(Action::Yank)
        )
    }

    fn wide(&self) -> bool {
        true
    }

    fn shown(&self, context: &Context, width: usize) -> Shown {
        let claims = context.page.article.claims();
        let entries = claims.iter().enumerate().map(|(i, c)| claim_entry(c, i + 1, width)).collect();
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
