//! The legal-aid desk's decisions in the demo history: applications accepted at the desk are
//! decided within the statutory seven days (SPEC §10), some after a supplement request, and
//! granted ones are assigned a lawyer, so the aid screen and the tally's `legal_aid` block
//! show a working desk instead of every application pending forever.

use chrono::{Duration, NaiveDate};
use rusqlite::Connection;

use super::day::Clock;
use super::hall::Hall;
use crate::domain::aid::{AidState, Material, RefusalReason};
use crate::domain::codes::Service;
use crate::service::aid::{self, ListFilter, SupplementRequest};
use crate::service::settings::Settings;
use crate::service::ServiceError;

/// Lawyers and firms on the county's legal-aid roster (invented).
const ASSIGNEES: [&str; 4] = [
    "城关律师事务所 王律师",
    "正义律师事务所 李律师",
    "县法律援助中心 赵律师",
    "明德律师事务所 孙律师",
];

/// Days after receipt the desk decides: within the seven days of 法律援助法 Art. 43.
const DECIDE_AFTER_DAYS: i64 = 2;

/// Late in `date`, the duty lawyer works through the applications of earlier days: decides
/// those received at least two days before (most granted, one in ten refused, one in ten sent
/// back for a missing material first), records supplements received, and assigns a lawyer to
/// those granted on an earlier day. Which way an application goes follows its id, so the
/// history stays a function of the options.
pub fn decide_earlier(
    conn: &mut Connection,
    settings: &Settings,
    hall: &Hall,
    date: NaiveDate,
) -> Result<(), ServiceError> {
    let Some(desk) = hall
        .posts
        .iter()
        .find(|p| p.services.contains(&Service::LegalAid))
        .map(|p| p.actor.clone())
    else {
        return Ok(());
    };
    let now = Clock::of(settings, date).close_at - 900;
    let rows = aid::list(conn, Some(&desk), settings, ListFilter::Recent, now)?;
    for row in rows {
        let app = row.app;
        let id = app.id;
        match app.state {
            AidState::Pending if app.received + Duration::days(DECIDE_AFTER_DAYS) <= date => {
                match (id % 10, &app.supplement) {
                    (0, _) => {
                        aid::refuse(conn, &desk, id, RefusalReason::Means, "", settings, now)?;
                    }
                    // Asked once (一次性告知); an application back from a supplement is decided.
                    (1, None) => {
                        let request = SupplementRequest {
                            materials: vec![Material::MeansStatement],
                            note: String::new(),
                            deadline: (date + Duration::days(15)).format("%Y-%m-%d").to_string(),
                        };
                        aid::request_supplement(conn, &desk, id, &request, settings, now)?;
                    }
                    _ => {
                        aid::grant(conn, &desk, id, settings, now)?;
                    }
                }
            }
            // Most applicants bring the material within a few days; the others lapse.
            AidState::Supplementing => {
                let asked = app.supplement.as_ref().map(|s| s.requested);
                if id % 4 != 3 && asked.is_some_and(|d| d + Duration::days(3) <= date) {
                    aid::materials_received(conn, &desk, id, settings, now)?;
                }
            }
            AidState::Granted if app.decided.is_some_and(|d| d < date) => {
                let assignee = ASSIGNEES[(id as usize) % ASSIGNEES.len()];
                aid::assign(conn, &desk, id, assignee, settings, now)?;
            }
            _ => {}
        }
    }
    Ok(())
}
