//! The single integration-test binary: each module below is one area.

mod extraction;
