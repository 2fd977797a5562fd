//! `legaldesk purge --before D`: anonymise the personal data of closed dates before D.

use std::path::Path;

use super::CommandResult;
use crate::db;
use crate::domain::clock;
use crate::i18n::cli::CliText;
use crate::i18n::{Lang, Words};
use crate::service::purge;

pub fn purge(path: &Path, before: &str, lang: Lang) -> CommandResult {
    let mut conn = db::open_existing(path).map_err(|e| e.message(lang))?;
    let report =
        purge::purge(&mut conn, None, before, clock::now()).map_err(|e| e.message(lang))?;
    let purged = CliText::Purged {
        before: report.before,
        dates: report.dates,
        visits: report.visits,
        visitors: report.visitors,
        notes: report.notes,
    };
    println!("{}", purged.text(lang));
    if !report.checkpointed {
        eprintln!("legaldesk: {}", CliText::PurgeLeftInLog.text(lang));
    }
    Ok(())
}
