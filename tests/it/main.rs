//! The integration tests, one crate with a module per subject: one link instead of one per file.
//! Child-process entry points are `#[ignore]` tests that a parent launches with
//! `--ignored --exact <module>::<name>`, so the test count means something.

#![allow(dead_code)]

mod aid_service;
mod announcer;
mod app_update;
mod appoint_cli;
mod appointments;
mod appointments_e2e;
mod appointments_screen;
mod audit_log;
mod backup;
mod board_screen;
mod board_tmux;
mod cli;
mod close;
mod common;
mod concurrency;
mod crash;
mod database_files;
mod demo;
mod e2e_tmux;
mod faults;
mod fuzz_layout;
mod fuzz_text;
mod hall_cli;
mod holidays_cli;
mod keymap_cli;
mod keymap_files;
mod ledger_import;
mod ledger_roundtrip;
mod migrations;
mod pad_e2e;
mod pad_screens;
mod permission_matrix;
mod print_layout;
mod print_paper;
mod print_tui;
mod purge;
mod rating_ledger;
mod ratings;
mod service_flow;
mod signals;
mod signin_lock;
mod speech_espeak;
mod tally;
mod ui_snapshots;
mod visitor_edit;
mod window_pause;
