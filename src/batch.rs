//! `folio clean --out-dir DIR INPUT…`: many inputs cleaned in one process on every core,
//! one `.md` per input. An input that fails is reported and the others are still written.

use crate::Pipeline;
use crate::error::{Error, Result};
use crate::source::Input;
use rayon::prelude::*;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// What became of one input.
#[derive(Debug)]
pub struct Outcome {
    /// The input as named on the command line: its path, `-` or its URL.
    pub input: String,
    /// The copy written, or why there is none.
    pub result: Result<PathBuf>,
    /// Warnings met while reading (one line each).
    pub warnings: Vec<String>,
}

/// The copy's file name for each input, in order: the slug of the file's stem (or of the
/// URL), `.md`, with `-2`, `-3`… where two inputs would share a name.
pub fn names(inputs: &[Input]) -> Vec<String> {
    let mut taken = HashSet::new();
    inputs
        .iter()
        .map(|input| {
            let stem = match input {
                Input::Path(path) => path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default(),
                Input::Url(url) => url.split_once("://").map_or(url.as_str(), |(_, rest)| rest).to_string(),
                Input::Stdin => "stdin".to_string(),
            };
            let stem = crate::save::slug(&stem);
            let mut name = format!("{stem}.md");
            let mut n = 2;
            while !taken.insert(name.clone()) {
                name = format!("{stem}-{n}.md");
                n += 1;
            }
            name
        })
        .collect()
}

/// Where and how `clean_all` writes its copies.
#[derive(Debug, Clone, Copy)]
pub struct Output<'a> {
    /// The folder the copies go into (created if needed).
    pub dir: &'a Path,
    /// Replace existing files.
    pub replace: bool,
    /// The time stamp written into each copy's `saved:`.
    pub saved: &'a str,
    /// What each copy holds beyond the story (`--keep`, `--claims`).
    pub copy: &'a crate::export::markdown::CopyOptions,
}

/// Cleans every input into `output.dir` (created if needed; failing that, nothing is read)
/// through `pipeline`, the path `folio clean INPUT` takes (what was learned of the sites
/// included), in parallel on rayon's pool; `done` is called once per input as it finishes
/// (from any thread). Outcomes are in input order.
pub fn clean_all(
    inputs: &[Input],
    output: Output,
    pipeline: &Pipeline,
    done: &(dyn Fn(&Outcome) + Sync),
) -> Result<Vec<Outcome>> {
    let Output { dir: out_dir, replace, saved, copy: options } = output;
    let names = names(inputs);
    std::fs::create_dir_all(out_dir).map_err(|e| Error::Write { path: out_dir.display().to_string(), source: e })?;
    let outcomes = inputs
        .par_iter()
        .zip(names.par_iter())
        .map(|(input, name)| {
            let mut warnings = Vec::new();
            let result = pipeline.read(input).and_then(|reading| {
                warnings = reading.warnings;
                let path = out_dir.join(name);
                let text = crate::export::markdown::clean_markdown_with(&reading.article, saved, options);
                crate::save::write_atomically(&path, &text, replace)?;
                Ok(path)
            });
            let outcome = Outcome { input: input.name(), result, warnings };
            done(&outcome);
            outcome
        })
        .collect();
    Ok(outcomes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_the_inputs_and_never_collide() {
        let inputs = [
            Input::Path("a/Story One.html".into()),
            Input::Path("b/story-one.txt".into()),
            Input::Url("https://example.com/news/story?id=1".to_string()),
        ];
        assert_eq!(names(&inputs), ["story-one.md", "story-one-2.md", "example-com-news-story-id-1.md"]);
    }
}
