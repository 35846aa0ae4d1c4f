//! Sinks: each writer takes finished data and a `Write`, and knows nothing
//! about how the data was made.
//!
//! [`dot`] writes Graphviz DOT and [`graphml`] writes GraphML, both from an
//! [`crate::analysis::Projection`]. Neither touches petgraph: they read the
//! projection through its plain-data accessors.

pub mod dot;
pub mod graphml;
