//! Choosing the article's title, byline and date: for each field, the candidate its model
//! scores best, if it scores well enough, with the reason shown to the reader.

use super::meta::{Candidate, Candidates, Field, MetaModel};
use crate::article::{Block, BlockKind, Format};
use crate::text::plain;
use std::collections::HashMap;

/// The candidate a field's model chose, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    /// The value.
    pub value: String,
    /// The block it was read from, if any.
    pub block: Option<usize>,
    /// What decided it, in the reader's words ("og:title, agrees with <h1>").
    pub reason: String,
}

/// The decision for each field, by `model`, with its reason.
pub(super) fn decide(
    candidates: &Candidates,
    model: &MetaModel,
    format: Format,
    blocks: &[Block],
) -> HashMap<Field, Choice> {
    let mut chosen = HashMap::new();
    for field in Field::ALL {
        let list = candidates.of(field);
        let Some(scorer) = model.scorer(field, format) else { continue };
        let Some(i) = scorer.best(list) else { continue };
        let c = &list[i];
        let reason = reason_for(field, c, blocks);
        // A block's text is as the page showed it, and some pages show `&#x26;` escaped twice.
        let value = if field == Field::Title { plain::decode_entities(&c.value) } else { c.value.clone() };
        chosen.insert(field, Choice { value, block: c.block, reason });
    }
    chosen
}

/// What decided a choice, in the reader's words: "the <h1> (block 4), agrees with Open Graph,
/// <title>"; "line 12, the likeliest of the page's lines"; "stated by JSON-LD".
fn reason_for(field: Field, c: &Candidate, blocks: &[Block]) -> String {
    let stated: Vec<&str> = c.stated_by.iter().map(|b| b.name()).collect();
    let block = c.block.and_then(|i| Some((i, blocks.get(i)?))).map(|(i, b)| {
        let at = match b.source_lines {
            Some([line, _]) => format!("line {line}"),
            None => format!("block {i}"),
        };
        let what = match (field, b.kind, b.level) {
            (Field::Title, BlockKind::Heading, Some(level)) => format!("the <h{level}>"),
            (Field::Title, _, _) => "the heading line".to_string(),
            (Field::Byline, _, _) => "the byline".to_string(),
            (Field::Date, _, _) => "the date shown".to_string(),
        };
        format!("{what} at {at}")
    });
    match (stated.is_empty(), block) {
        (false, Some(block)) => format!("{block}, agrees with {}", stated.join(", ")),
        (false, None) => format!("stated by {}", stated.join(", ")),
        (true, Some(block)) => format!("{block}, the likeliest of the page's lines"),
        (true, None) => "the likeliest candidate".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::StatedBy;

    fn candidate(block: Option<usize>, stated_by: Vec<StatedBy>) -> Candidate {
        Candidate { value: "x".into(), block, stated_by, vector: Vec::new() }
    }

    #[test]
    fn a_reason_names_the_block_and_the_statements_that_agree() {
        let mut heading = Block::new(BlockKind::Heading, "The title".into(), [4, 4]);
        heading.level = Some(1);
        let blocks = [heading];
        let both = reason_for(Field::Title, &candidate(Some(0), vec![StatedBy::OpenGraph]), &blocks);
        assert_eq!(both, format!("the <h1> at line 4, agrees with {}", StatedBy::OpenGraph.name()));
        let stated = reason_for(Field::Date, &candidate(None, vec![StatedBy::JsonLd]), &blocks);
        assert_eq!(stated, format!("stated by {}", StatedBy::JsonLd.name()));
        assert_eq!(reason_for(Field::Byline, &candidate(None, Vec::new()), &blocks), "the likeliest candidate");
    }
}
