//! History: earlier audits read back from their `results.json`, and what
//! changed against the most recent one (interface.md, *History*). An audit
//! becomes a [`Snapshot`] (read from a file, or taken of this run's audit);
//! two snapshots give per location and rule the failures that are `new`,
//! `persisting` and `fixed`. Cost: one pass over each audit's results.

mod changes;
pub mod json;
mod read;
mod snapshot;
#[cfg(test)]
mod tests;

pub use changes::{Change, Comparison, Note, NoteKind, compare, compare_with_latest};
pub use read::{read_file, read_value};
pub use snapshot::{Snapshot, SubjectKey};
