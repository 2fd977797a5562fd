//! `legaldesk check [--full]`: SQLite's quick (or full) integrity check, foreign keys, the
//! append-only guards and the audit hash chain. Exit 1 with a plain explanation of each
//! problem. Opens read-only, so it never writes to a database that may be damaged.

use std::path::Path;

use super::CommandResult;
use crate::db::{self, integrity};
use crate::i18n::Lang;

pub fn check(path: &Path, full: bool, lang: Lang) -> CommandResult {
    let conn = db::open_for_reading(path).map_err(|e| e.message(lang))?;
    let report = integrity::check(&conn, full);
    for warning in report.warnings(lang) {
        eprintln!("legaldesk: {warning}");
    }
    if report.is_ok() {
        println!("{}", report.summary(lang));
        Ok(())
    } else {
        Err(report.problems(lang).join("\nlegaldesk: "))
    }
}
