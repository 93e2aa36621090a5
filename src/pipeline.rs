//! The whole pipeline, owned in one place: the rules, the block and metadata models, the claim
//! scorer and what folio learned of the reader's sites. Every way in — the command line, batch
//! cleaning, the reader's `H`, the lab, benches and fuzzing — reads through `Pipeline::read`
//! (or `read_loaded` for bytes already in hand), so no side entrance decodes or labels
//! differently from the real path.
//!
//! ```text
//! bytes ─decode─▶ text ─parse─▶ blocks ─classify─▶ labelled ─learned─▶ relabelled ─▶ Article (sections, claims)
//! ```
//!
//! How pages are fetched (user agent, extra headers, cookies) is the pipeline's too, so the
//! command line, batch cleaning and the reader (its first page and every link followed) fetch
//! alike.
//!
//! What was learned (marks, site memory) is applied to the labels *before* the article's
//! sections and claims are found, so each sentence is scored once per read.

use crate::article::{Article, Relabel, Source};
use crate::claims::Scorer;
use crate::classify::{BlockModel, KindModel, MetaModel, Models, Rules};
use crate::error::{Error, Result};
use crate::sites::Learned;
use crate::source::{self, Given, Input, Loaded, fetch};

/// An article and the warnings met while reading it (one line each, for stderr).
#[derive(Debug)]
pub struct Reading {
    /// The article, read whole.
    pub article: Article,
    /// What the user should hear about the input ("invalid UTF-8: …"), one line each.
    pub warnings: Vec<String>,
}

/// Everything an input is read with: rules, models, claim scorer, learned site memory, and how
/// pages are fetched.
#[derive(Debug, Clone)]
pub struct Pipeline {
    rules: Rules,
    block_model: &'static BlockModel,
    meta_model: &'static MetaModel,
    kind_model: &'static KindModel,
    claims: Scorer,
    learned: Learned,
    fetching: fetch::Settings,
}

impl Default for Pipeline {
    fn default() -> Self {
        Pipeline::bundled()
    }
}

impl Pipeline {
    /// The bundled rules and models, the claim scorer at its trained threshold, nothing learned.
    pub fn bundled() -> Pipeline {
        Pipeline {
            rules: Rules::bundled().clone(),
            block_model: BlockModel::bundled(),
            meta_model: MetaModel::bundled(),
            kind_model: KindModel::bundled(),
            claims: Scorer::bundled(),
            learned: Learned::default(),
            fetching: fetch::Settings::default(),
        }
    }

    /// The same pipeline labelling by `rules` (the bundled rules with the user's).
    pub fn with_rules(self, rules: Rules) -> Pipeline {
        Pipeline { rules, ..self }
    }

    /// The same pipeline flagging claims with `claims` (another threshold).
    pub fn with_claims(self, claims: Scorer) -> Pipeline {
        Pipeline { claims, ..self }
    }

    /// The same pipeline applying what was learned of the reader's sites.
    pub fn with_learned(self, learned: Learned) -> Pipeline {
        Pipeline { learned, ..self }
    }

    /// The same pipeline fetching pages as `fetching` says (user agent, extra headers, cookies).
    pub fn with_fetching(self, fetching: fetch::Settings) -> Pipeline {
        Pipeline { fetching, ..self }
    }

    /// How pages are fetched.
    pub fn fetching(&self) -> &fetch::Settings {
        &self.fetching
    }

    /// The claim scorer in force.
    pub fn claims(&self) -> &Scorer {
        &self.claims
    }

    /// Reads (or fetches), decodes, parses, labels and scores one input.
    pub fn read(&self, input: &Input) -> Result<Reading> {
        self.read_loaded(source::load(input, &self.fetching)?)
    }

    /// The pipeline from loaded bytes on: decode once (telling the format on the way), then
    /// parse, label, apply what was learned, and find sections and claims.
    pub fn read_loaded(&self, loaded: Loaded) -> Result<Reading> {
        self.read_loaded_as(loaded, &Given::default())
    }

    /// Reads `input` as the user said it is (`--from`, `--base`), else as `read` does.
    pub fn read_as(&self, input: &Input, given: &Given) -> Result<Reading> {
        self.read_loaded_as(source::load(input, &self.fetching)?, given)
    }

    /// `read_loaded`, in the format `given` names (whatever the content looks like) and with
    /// the address it gives as the page's.
    pub fn read_loaded_as(&self, loaded: Loaded, given: &Given) -> Result<Reading> {
        let Loaded { bytes, kind, name, charset, hint } = loaded;
        let page = match given.format {
            Some(format) => source::decode_in(&bytes, format, charset.as_deref()),
            None => source::decode_page(&bytes, hint, charset.as_deref()),
        }
        .map_err(|why| Error::Binary { name: name.clone(), why: why.0 })?;
        // A large input is held once, not twice, while it is parsed.
        drop(bytes);
        let source = Source { kind, name, format: page.format, base: given.base.clone() };
        let warnings = page.decoded.warnings.iter().map(|w| format!("{}: {w}", source.name)).collect();
        let parsed = parse_for(&page.decoded.text, &source);
        // The blocks own their text now: the whole decoded text is let go before classifying.
        drop(page.decoded.text);
        Ok(Reading { article: self.finish(parsed, source), warnings })
    }

    /// The pipeline from decoded text on, in the source's format (for tests and benches that
    /// hold text rather than bytes): parse → classify → learned → sections and claims.
    pub fn build(&self, text: &str, source: Source) -> Article {
        self.finish(parse_for(text, &source), source)
    }

    /// From parsed blocks on: classify, apply what was learned of the site, then find the
    /// sections and claims once from the final labels.
    fn finish(&self, parsed: crate::parse::Parsed, source: Source) -> Article {
        let models = Models::for_format(self.block_model, self.meta_model, self.kind_model, source.format);
        let mut classified = crate::classify::classify_with(parsed, source.format, &self.rules, models);
        if !self.learned.is_empty()
            && let Some(site) = crate::sites::site_of_page(&classified.meta, &source)
        {
            crate::sites::apply(&mut classified.blocks, &site, &self.learned);
        }
        Article::new(source, classified.meta, classified.blocks, |blocks| self.claims.find(blocks))
    }
}

/// Gives blocks of `article` other labels (the reader's marks and their undoing) and finds its
/// sections and claims again with `claims`, the scorer it was read with (`Pipeline::claims`).
pub fn relabel(article: &mut Article, changes: &[Relabel], claims: &Scorer) {
    article.relabel(changes, |blocks| claims.find(blocks));
}

/// Parses `text` in the source's format; a fetched page's links are made absolute against its URL.
fn parse_for(text: &str, source: &Source) -> crate::parse::Parsed {
    crate::parse::parse(text, source.format, source.address())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{Format, Label, SourceKind};

    #[test]
    fn a_relabel_keeps_the_sections_and_claims_true() {
        let text = "# Harbour pumps\n\n## Costs\n\nThe pump cost 2 million pounds in 2024, the council said on Tuesday.\n\n\
                    ## Homes\n\nIt heats 1,140 homes now, up from 300 in 2020, according to the council.\n";
        let pipeline = Pipeline::bundled();
        let source = Source { kind: SourceKind::File, name: "pumps.md".into(), format: Format::Markdown, base: None };
        let mut article = pipeline.build(text, source);
        let id = |start: &str| article.blocks.iter().find(|b| b.text.starts_with(start)).unwrap().id;
        let (heading, costs) = (id("Costs"), id("The pump cost"));
        assert!(article.sections().iter().any(|s| s.block == heading), "{:?}", article.sections());
        assert!(article.claims().iter().any(|c| c.block == costs), "{:?}", article.claims());
        let before = article.clone();
        let ad = |block| Relabel { block, label: Label::Ad, reason: "test".into() };
        relabel(&mut article, &[ad(heading), ad(costs)], pipeline.claims());
        assert!(article.sections().iter().all(|s| s.block != heading), "{:?}", article.sections());
        assert!(article.claims().iter().all(|c| c.block != costs), "{:?}", article.claims());
        assert!(article.claims().iter().any(|c| c.block != costs), "the other claims stay");
        let back: Vec<Relabel> = [heading, costs]
            .iter()
            .map(|&b| Relabel { block: b, label: before.blocks[b].label, reason: before.blocks[b].reason.to_string() })
            .collect();
        relabel(&mut article, &back, pipeline.claims());
        assert_eq!(article, before);
    }
}
