//! The integration tests: one binary, one module per area.

mod bad_files;
mod bad_input;
mod conventions;
mod conventions_csv;
mod conventions_values;
mod corpus;
mod expected;
mod generator_roundtrip;
mod ground_truth;
mod national_run;
mod report_municipality;
mod robustness;
mod snapshots_check;
mod snapshots_inspect;
mod support;
mod waivers_and_exit_codes;
