//! waiver_files
