//! Views of a finished `Article` that leave the terminal UI aside: the clean Markdown copy,
//! the `inspect --json` report and the human `inspect` listing. They only read the article.

pub mod json;
pub mod listing;
pub mod markdown;
