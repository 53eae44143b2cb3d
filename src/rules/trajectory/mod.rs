//! Trajectory rules (subject: one row of `gezinnen`).

pub mod mod_b;
