//! Stage 4 of the pipeline: documents and facts → quads (pure; no store).
//!
//! Owns the vocabulary ([`vocab`]), the deterministic IRIs ([`mint`]) and the
//! conversion of one document with its extraction into the quads of its own
//! named graph ([`document_quads`]). No blank nodes are minted, so the same
//! input always yields the same quads.

pub mod mint;
mod to_quads;
pub mod vocab;

pub use to_quads::document_quads;
