//! The demo hall: windows sized to the day's load and one staff member at each, created
//! through the same service functions as `legaldesk window add` / `staff add` (real argon2
//! hashes, computed once per person).

use rusqlite::{Connection, OptionalExtension};

use crate::domain::codes::{Role, Service};
use crate::service::{staff, Actor, ServiceError};

/// Every demo account's code starts with this; the PIN is [`DEMO_PIN`].
pub const STAFF_PREFIX: &str = "DEMO-";
/// The PIN of every demo account (printed by `legaldesk demo`; a demo database only).
pub const DEMO_PIN: &str = "1234";

/// A window with the person working at it.
#[derive(Debug, Clone)]
pub struct Post {
    pub actor: Actor,
    /// The services this post calls from.
    pub services: Vec<Service>,
}

#[derive(Debug, Clone)]
pub struct Hall {
    pub supervisor: Actor,
    pub posts: Vec<Post>,
}

impl Hall {
    /// The post that issues tickets and records visitors who left (the first front desk).
    pub fn intake(&self) -> &Actor {
        &self.posts[0].actor
    }

    /// A post that serves `service` (for re-queuing a late visitor there).
    pub fn post_for(&self, service: Service) -> &Actor {
        self.posts
            .iter()
            .find(|p| p.services.contains(&service))
            .map(|p| &p.actor)
            .unwrap_or(&self.supervisor)
    }
}

/// Mean service minutes per service (what the hall is sized on; the day draws around it).
pub fn mean_service_min(service: Service) -> f64 {
    match service {
        Service::Consult => 6.0,
        Service::LegalAid => 12.0,
        Service::Notary => 10.0,
        Service::Mediation => 20.0,
        Service::Drafting => 15.0,
    }
}

/// Expected steps per day at each service for `per_day` visits (intake mix plus referrals).
fn expected_steps(per_day: u32, service: Service) -> f64 {
    let m = f64::from(per_day);
    let consult = m * 0.72;
    match service {
        Service::Consult => consult * 1.03,
        Service::LegalAid => m * 0.07 + consult * 0.05,
        Service::Notary => m * 0.09 + consult * 0.02,
        Service::Mediation => m * 0.05 + consult * 0.03,
        Service::Drafting => m * 0.07 + consult * 0.02,
    }
}

/// Windows needed so that the hall keeps up over an 8-hour day at about 85 % load.
fn windows_for(per_day: u32, services: &[Service], max: usize) -> usize {
    let minutes: f64 = services
        .iter()
        .map(|s| expected_steps(per_day, *s) * mean_service_min(*s))
        .sum();
    ((minutes / (480.0 * 0.85)).ceil() as usize).clamp(1, max)
}

/// Window layout: the four default windows first (W1 front desk, W2 legal aid, W3 notary,
/// W4 mediation), then more front desks, then more desk windows as the load needs.
pub fn layout(per_day: u32) -> Vec<(String, Vec<Service>, Role)> {
    let front = vec![Service::Consult, Service::Drafting];
    let mut windows: Vec<(Vec<Service>, Role)> = vec![
        (front.clone(), Role::FrontDesk),
        (vec![Service::LegalAid], Role::DutyLawyer),
        (vec![Service::Notary], Role::Notary),
        (vec![Service::Mediation], Role::Mediator),
    ];
    for _ in 1..windows_for(per_day, &front, 8) {
        windows.push((front.clone(), Role::FrontDesk));
    }
    for (service, role) in [
        (Service::LegalAid, Role::DutyLawyer),
        (Service::Notary, Role::Notary),
        (Service::Mediation, Role::Mediator),
    ] {
        for _ in 1..windows_for(per_day, &[service], 3) {
            windows.push((vec![service], role));
        }
    }
    windows
        .into_iter()
        .enumerate()
        .map(|(i, (services, role))| (format!("W{}", i + 1), services, role))
        .collect()
}

const STAFF_NAMES: &[&str] = &[
    "王建国",
    "李秀英",
    "张伟",
    "刘芳",
    "陈静",
    "杨帆",
    "赵磊",
    "黄敏",
    "周涛",
    "吴霞",
    "徐明",
    "孙丽",
    "马超",
    "朱婷",
    "胡军",
    "郭娜",
];

fn role_letter(role: Role) -> char {
    match role {
        Role::FrontDesk => 'F',
        Role::DutyLawyer => 'L',
        Role::Notary => 'N',
        Role::Mediator => 'M',
        Role::Supervisor => 'S',
    }
}

/// Adds a demo staff member, or finds the one a previous (interrupted) run added.
fn person(
    conn: &mut Connection,
    code: &str,
    name: &str,
    role: Role,
    now: i64,
) -> Result<i64, ServiceError> {
    match staff::add_staff(conn, None, code, name, role, DEMO_PIN, now) {
        Ok(id) => Ok(id),
        Err(ServiceError::Exists(_)) => conn
            .query_row("SELECT id FROM staff WHERE code = ?1", [code], |r| r.get(0))
            .optional()?
            .ok_or(ServiceError::NotFound),
        Err(e) => Err(e),
    }
}

/// Creates (or updates) the windows and the staff of the demo hall.
pub fn build(conn: &mut Connection, per_day: u32, now: i64) -> Result<Hall, ServiceError> {
    let supervisor_code = format!("{STAFF_PREFIX}S1");
    let supervisor_id = person(
        conn,
        &supervisor_code,
        STAFF_NAMES[0],
        Role::Supervisor,
        now,
    )?;
    let supervisor = Actor {
        staff_id: supervisor_id,
        code: supervisor_code,
        name: STAFF_NAMES[0].into(),
        role: Role::Supervisor,
        window_id: None,
    };
    let mut posts = Vec::new();
    let mut counts = [0usize; 5];
    for (i, (code, services, role)) in layout(per_day).into_iter().enumerate() {
        let window_id = staff::add_window(conn, None, &code, &services, now)?;
        let slot = role as usize;
        counts[slot] += 1;
        let staff_code = format!("{STAFF_PREFIX}{}{}", role_letter(role), counts[slot]);
        let name = STAFF_NAMES[(i + 1) % STAFF_NAMES.len()];
        let staff_id = person(conn, &staff_code, name, role, now)?;
        posts.push(Post {
            actor: Actor {
                staff_id,
                code: staff_code,
                name: name.into(),
                role,
                window_id: Some(window_id),
            },
            services: services
                .into_iter()
                .filter(|s| crate::service::permissions::serves(role, *s))
                .collect(),
        });
    }
    Ok(Hall { supervisor, posts })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_halls_have_the_four_default_windows() {
        let small = layout(40);
        assert_eq!(small.len(), 4);
        assert_eq!(small[0].0, "W1");
        let big = layout(500);
        assert!(big.len() > 8, "{}", big.len());
        assert!(big.len() <= 16);
    }
}
