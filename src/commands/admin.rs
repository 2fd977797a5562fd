//! `init`, `staff add|list|unlock`, `window add|list`.

use std::path::Path;

use super::CommandResult;
use crate::cli::{StaffCommand, WindowCommand};
use crate::db;
use crate::domain::clock;
use crate::domain::codes::Role;
use crate::i18n::cli::{CliText, StaffState};
use crate::i18n::{Lang, Words};
use crate::service::staff;

pub fn open(path: &Path, lang: Lang) -> Result<rusqlite::Connection, String> {
    db::open(path).map_err(|e| e.message(lang))
}

pub fn init(path: &Path, lang: Lang) -> CommandResult {
    let existed = path.exists();
    let mut conn = open(path, lang)?;
    staff::ensure_default_windows(&mut conn, clock::now()).map_err(|e| e.message(lang))?;
    let text = if existed {
        CliText::DatabaseUpToDate(path.to_path_buf())
    } else {
        CliText::DatabaseCreated(path.to_path_buf())
    };
    println!("{}", text.text(lang));
    Ok(())
}

pub fn staff(path: &Path, command: StaffCommand, lang: Lang) -> CommandResult {
    match command {
        StaffCommand::Add { code, name, role } => {
            let role = Role::from_code(role.trim()).ok_or_else(|| {
                CliText::UnknownRole {
                    choices: Role::ALL.iter().map(|r| r.code()).collect(),
                    given: role.clone(),
                }
                .text(lang)
            })?;
            let pin = super::pin::read_new_pin(lang)?;
            let mut conn = db::open_existing(path).map_err(|e| e.message(lang))?;
            staff::add_staff(&mut conn, None, &code, &name, role, &pin, clock::now())
                .map_err(|e| e.message(lang))?;
            println!("{}", CliText::StaffAdded.text(lang));
            Ok(())
        }
        StaffCommand::List => {
            let conn = db::open_existing(path).map_err(|e| e.message(lang))?;
            for row in staff::list_staff(&conn)
                .map_err(|e| crate::service::ServiceError::Db(e).message(lang))?
            {
                let state = match (row.active, row.locked) {
                    (false, _) => StaffState::Inactive,
                    (true, true) => StaffState::Locked,
                    (true, false) => StaffState::Active,
                };
                let state = state.text(lang);
                println!("{}\t{}\t{}\t{}", row.code, row.name, row.role.code(), state);
            }
            Ok(())
        }
        StaffCommand::Unlock { code } => {
            let mut conn = db::open_existing(path).map_err(|e| e.message(lang))?;
            staff::unlock(&mut conn, None, &code, clock::now()).map_err(|e| e.message(lang))?;
            println!("{}", CliText::StaffUnlocked.text(lang));
            Ok(())
        }
        StaffCommand::ResetPin { code } => {
            // Open first: a wrong path should not cost the operator typing a PIN twice.
            let mut conn = db::open_existing(path).map_err(|e| e.message(lang))?;
            let pin = super::pin::read_new_pin(lang)?;
            staff::reset_pin(&mut conn, None, &code, &pin, clock::now())
                .map_err(|e| e.message(lang))?;
            println!("{}", CliText::PinReset.text(lang));
            Ok(())
        }
        StaffCommand::Deactivate { code } => {
            let mut conn = db::open_existing(path).map_err(|e| e.message(lang))?;
            staff::deactivate(&mut conn, None, &code, clock::now()).map_err(|e| e.message(lang))?;
            println!("{}", CliText::StaffDeactivated.text(lang));
            Ok(())
        }
    }
}

pub fn window(path: &Path, command: WindowCommand, lang: Lang) -> CommandResult {
    match command {
        WindowCommand::Add {
            code,
            services,
            label,
        } => {
            let services = staff::parse_services(&services).map_err(|e| e.message(lang))?;
            // A bad label refuses the whole command before anything is stored.
            if let Some(label) = &label {
                staff::check_window_label(label).map_err(|e| e.message(lang))?;
            }
            let mut conn = db::open_existing(path).map_err(|e| e.message(lang))?;
            staff::add_window(&mut conn, None, &code, &services, clock::now())
                .map_err(|e| e.message(lang))?;
            if let Some(label) = label {
                staff::set_window_label(&mut conn, None, &code, &label, clock::now())
                    .map_err(|e| e.message(lang))?;
            }
            println!("{}", CliText::Saved.text(lang));
            Ok(())
        }
        WindowCommand::List => {
            let conn = db::open_existing(path).map_err(|e| e.message(lang))?;
            let labels = staff::window_labels(&conn)
                .map_err(|e| crate::service::ServiceError::Db(e).message(lang))?;
            for row in staff::list_windows(&conn)
                .map_err(|e| crate::service::ServiceError::Db(e).message(lang))?
            {
                let services: Vec<&str> = row.services.iter().map(|s| s.code()).collect();
                let own = labels
                    .iter()
                    .find(|(c, _)| *c == row.code)
                    .and_then(|(_, l)| l.as_deref());
                let label = crate::domain::text::sanitize(&crate::domain::announce::spoken_label(
                    &row.code, own,
                ));
                println!("{}\t{}\t{label}", row.code, services.join(","));
            }
            Ok(())
        }
    }
}
