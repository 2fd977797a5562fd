//! The integration tests, one crate with a module per subject: one link instead of one per file.
//! Child-process entry points are `#[ignore]` tests that a parent launches with
//! `--ignored --exact <module>::<name>`, so the test count means something.

#![allow(dead_code)]

mod app_update;
mod appoint_cli;
mod appointments;
mod appointments_e2e;
mod appointments_screen;
mod audit_log;
mod backup;
mod cli;
mod close;
mod common;
mod concurrency;
mod crash;
mod demo;
mod e2e_tmux;
mod faults;
mod fuzz_text;
mod keymap_cli;
mod keymap_files;
mod ledger_import;
mod ledger_roundtrip;
mod migrations;
mod permission_matrix;
mod print_layout;
mod purge;
mod service_flow;
mod signals;
mod signin_lock;
mod tally;
mod ui_snapshots;
