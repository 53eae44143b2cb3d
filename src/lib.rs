//! hs-audit: audits Home-Start location exports against the licence rulebook.
//!
//! The data flows one way: ingest (files to raw sheets) -> tables (typed, with
//! provenance) -> rules -> results -> report.

pub mod cli;
pub mod findings;
mod findings_text;
pub mod generate;
pub mod handbook;
pub mod i18n;
pub mod ingest;
pub mod io_text;
pub mod report;
pub mod results;
pub mod rulebook;
pub mod rules;
pub mod serve;
pub mod tables;
pub mod template;
