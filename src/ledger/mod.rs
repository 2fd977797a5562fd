//! The ledger CSV of `formats/ledger.md`: import (validate every row, then write all or
//! nothing) and export (the same format, byte-for-byte reproducible).

pub mod columns;
mod decode;
pub mod export;
pub mod import;
mod position;
mod problem;
mod rows;
mod store;
mod visits;

pub use decode::{decode, read_file, SourceEncoding};
pub use export::{export, ExportReport};
pub use import::{import, ImportError, ImportReport};
pub use problem::{Problem, RowError};
