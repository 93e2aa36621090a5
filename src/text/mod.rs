//! Reading text, shared by every stage that looks at words: the phrase matcher, the word
//! lists (`lexicon`, loaded from `assets/`), dates, front matter, metadata values as plain text,
//! terminal safety, widths in terminal cells, a stable hash, and the logistic model every
//! learned model of folio is (`logistic`).
//! Imports no other part of folio, so that `parse`, `classify` and `claims` can all use it.

pub mod cells;
pub mod count;
pub mod dates;
pub mod fnv;
pub mod front_matter;
pub mod lexicon;
pub mod literals;
pub mod logistic;
pub mod matcher;
pub mod pattern;
pub mod plain;
pub mod safe;
