//! folio: a terminal reader for articles. This library is the whole pipeline without a
//! terminal (`Pipeline`, which owns every step) and the reader; the binary (`main.rs`) adds
//! the command line.
//!
//! ```text
//! bytes ─decode─▶ text ─parse─▶ blocks ─classify─▶ labelled ─learned─▶ relabelled ─claims─▶ Article ─▶ Markdown | JSON
//! ```

#![warn(missing_docs)]

pub mod article;
pub mod batch;
pub mod claims;
pub mod classify;
pub mod config;
pub mod error;
pub mod export;
pub mod library;
pub mod parse;
pub mod paths;
pub mod pipeline;
pub mod save;
pub mod sites;
pub mod source;
pub mod text;
pub mod tui;

pub use pipeline::{Pipeline, Reading};
