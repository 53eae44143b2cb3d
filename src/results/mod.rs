//! Results: the one model every output reads.

pub mod audit;
pub mod evidence;
pub mod facts;
pub mod history;
pub mod json;
pub mod json_lines;
pub mod json_result;
pub mod outcome;
pub mod result;
pub mod results_list;
pub mod summary;
pub mod verdicts;
pub mod waivers;

pub use audit::{Audit, LocationEntry};
pub use evidence::Evidence;
pub use outcome::{Outcome, Severity, Text};
pub use result::RuleResult;
pub use results_list::Results;
pub use summary::{OutcomeCounts, SummaryRow, summarize, summarize_results};
pub use verdicts::{Verdict, verdicts};
pub use waivers::{WaiverEntry, WaiverReport, apply_waivers};
