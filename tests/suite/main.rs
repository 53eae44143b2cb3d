//! The integration tests: one binary, one module per area.

mod a11y;
mod bad_files;
mod bad_input;
mod chromium;
mod cli_conventions;
mod conventions;
mod conventions_csv;
mod conventions_values;
mod corpus;
mod expected;
mod fuzz_regressions;
mod generator_roundtrip;
mod ground_truth;
mod handbook;
mod history;

mod hostile;
mod libreoffice_variants;

mod history_municipality;
mod national_run;
mod outputs;
mod report_location;
mod report_municipality;
mod report_national;
mod robustness;
mod scale;
mod serve_browser;
mod serve_http;
mod serve_server;
mod snapshots_check;
mod snapshots_inspect;
mod support;
mod template;
mod template_libreoffice;
mod verdicts;
mod waivers_and_exit_codes;
