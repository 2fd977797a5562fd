//! `legaldesk import FILE.csv` and `legaldesk export --from D --to D`: the ledger CSV.

use std::io::Write;
use std::path::Path;

use super::tally::{db_error, parse_range};
use super::CommandResult;
use crate::db;
use crate::domain::clock;
use crate::i18n::cli::CliText;
use crate::i18n::{Lang, Words};
use crate::ledger::{self, SourceEncoding};
use crate::service::settings;

pub fn import(path: &Path, file: &Path, encoding: &str, lang: Lang) -> CommandResult {
    let encoding = SourceEncoding::parse(encoding).ok_or_else(|| {
        CliText::UnknownEncoding {
            given: encoding.to_string(),
            choices: &["utf-8", "gbk"],
        }
        .text(lang)
    })?;
    let text = ledger::read_file(file, encoding).map_err(|e| e.message(lang))?;
    let mut conn = db::open_existing(path).map_err(|e| e.message(lang))?;
    let settings = settings::load(&conn).map_err(|e| db_error(e, lang))?;
    let report =
        ledger::import(&mut conn, &text, &settings, clock::now()).map_err(|e| e.message(lang))?;
    let imported = CliText::Imported {
        rows: report.rows,
        visits: report.visits,
        dates: report.dates,
    };
    println!("{}", imported.text(lang));
    if !report.windows_created.is_empty() {
        let codes = report.windows_created.join(" ");
        println!("{}", CliText::WindowsCreated(codes).text(lang));
    }
    if !report.staff_created.is_empty() {
        let codes = report.staff_created.join(" ");
        println!("{}", CliText::StaffCreated(codes).text(lang));
    }
    Ok(())
}

pub fn export(
    path: &Path,
    from: &str,
    to: &str,
    redact: bool,
    output: Option<&Path>,
    lang: Lang,
) -> CommandResult {
    let (from, to) = parse_range(from, to, lang)?;
    let mut conn = db::open_existing(path).map_err(|e| e.message(lang))?;
    let (bytes, report) =
        ledger::export(&mut conn, from, to, redact, clock::now()).map_err(|e| e.message(lang))?;
    match output {
        Some(file) => {
            write_private(file, &bytes, !redact).map_err(|e| {
                CliText::CannotWrite {
                    path: file.to_path_buf(),
                    error: e.to_string(),
                }
                .text(lang)
            })?;
            let exported = CliText::Exported {
                rows: report.rows,
                visits: report.visits,
                path: file.to_path_buf(),
            };
            eprintln!("{}", exported.text(lang));
            Ok(())
        }
        None => {
            let mut stdout = std::io::stdout().lock();
            stdout
                .write_all(&bytes)
                .and_then(|_| stdout.flush())
                .map_err(|e| e.to_string())
        }
    }
}

/// A full export carries personal data: owner-only permissions, like the database.
fn write_private(file: &Path, bytes: &[u8], private: bool) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    if private {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    #[cfg(not(unix))]
    let _ = private;
    let mut handle = options.open(file)?;
    // An existing file keeps its old mode on open: tighten it before personal data goes in.
    #[cfg(unix)]
    if private {
        use std::os::unix::fs::PermissionsExt;
        handle.set_permissions(std::fs::Permissions::from_mode(0o600))?;
    }
    handle.write_all(bytes)?;
    handle.sync_all()
}
