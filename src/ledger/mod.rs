//! The ledger CSV of `formats/ledger.md`: import (validate every row, then write all or
//! nothing) and export (the same format, byte-for-byte reproducible).

pub mod columns;
pub mod export;
pub mod import;
mod problem;
mod rows;

pub use export::{export, ExportReport};
pub use import::{import, read_file, ImportError, ImportReport, SourceEncoding};
pub use problem::{Problem, RowError};
