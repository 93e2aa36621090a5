//! folio's workbench, not shipped with the reader: training the claim model
//! (`claim_training`), the extraction benchmark's metric over a corpus (`extraction`), and
//! finding the evaluation corpora beside the checkout (`corpus`).

#![warn(missing_docs)]

pub mod claim_training;
pub mod corpus;
pub mod extraction;
pub mod folding;
pub mod kind;
pub mod metadata;
