//! legaldesk: the front-desk window queue of a public legal service center.

pub mod action;
pub mod app;
pub mod board;
pub mod cli;
pub mod commands;
pub mod db;
pub mod demo;
pub mod domain;
pub mod i18n;
pub mod keymap;
pub mod ledger;
pub mod pad;
pub mod print;
pub mod service;
pub mod tally;
pub mod ui;
