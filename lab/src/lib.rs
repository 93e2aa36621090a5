//! folio's workbench, not shipped with the reader: finding the evaluation corpora beside the
//! checkout (`corpus`), reading their pages and folds (`pages`), the extraction benchmark's
//! metric (`extraction`), and training and measuring the block, page-kind, metadata and claim
//! models (`folding`, `kind`, `metadata`, `claim_training`).

#![warn(missing_docs)]

pub mod claim_training;
pub mod corpus;
pub mod extraction;
pub mod folding;
pub mod kind;
pub mod metadata;
pub mod pages;
