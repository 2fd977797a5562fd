//! Who may do what (SPEC §1), checked in the service layer for every command. Deny by
//! default: a command not listed for a role is refused, whatever the UI shows.

use super::{Actor, ServiceError};
use crate::domain::codes::{Role, Service};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    IssueTicket,
    /// Call, recall, start, hold, finish, refer, return, no-show, re-queue at this service.
    ServeStep(Service),
    /// Cancel a step at this service (the visitor left).
    CancelStep(Service),
    ViewQueue(Service),
    ViewTally,
    ManageStaff,
    ManageWindows,
    CloseDay,
    Unmask,
    /// See the legal-aid applications (the `[aid]` screen, SPEC §10).
    ViewAid,
    /// Decide, supplement, assign, withdraw or mark 先行提供 on an application.
    DecideAid,
    /// The supervisor's list of 差评 follow-ups (SPEC §9.4).
    ViewFollowUps,
    /// Closing a follow-up with its outcome and note.
    CloseFollowUp,
    /// Book, list, cancel and check in appointments (SPEC §11): the front desk's work.
    Appointments,
}

/// The services a role serves at a window.
pub fn serves(role: Role, service: Service) -> bool {
    match role {
        Role::Supervisor => true,
        Role::FrontDesk => matches!(service, Service::Consult | Service::Drafting),
        desk => desk.desk_service() == Some(service),
    }
}

pub fn allowed(role: Role, command: Command) -> bool {
    match command {
        Command::IssueTicket => matches!(role, Role::FrontDesk | Role::Supervisor),
        Command::ServeStep(service) => serves(role, service),
        // The front desk sees the hall and can record that a visitor left, at any service.
        Command::CancelStep(service) => serves(role, service) || role == Role::FrontDesk,
        Command::ViewQueue(service) => serves(role, service) || role == Role::FrontDesk,
        Command::ViewTally => true,
        Command::ManageStaff
        | Command::ManageWindows
        | Command::CloseDay
        | Command::Unmask
        | Command::ViewFollowUps
        | Command::CloseFollowUp => role == Role::Supervisor,
        Command::ViewAid | Command::DecideAid => {
            matches!(role, Role::DutyLawyer | Role::Supervisor)
        }
        Command::Appointments => matches!(role, Role::FrontDesk | Role::Supervisor),
    }
}

pub fn authorize(actor: &Actor, command: Command) -> Result<(), ServiceError> {
    if allowed(actor.role, command) {
        Ok(())
    } else {
        Err(ServiceError::Denied)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn desks_serve_only_their_own_service() {
        assert!(allowed(
            Role::DutyLawyer,
            Command::ServeStep(Service::LegalAid)
        ));
        assert!(!allowed(
            Role::DutyLawyer,
            Command::ServeStep(Service::Notary)
        ));
        assert!(!allowed(
            Role::DutyLawyer,
            Command::ViewQueue(Service::Mediation)
        ));
        assert!(!allowed(Role::Mediator, Command::IssueTicket));
        assert!(!allowed(Role::FrontDesk, Command::CloseDay));
        assert!(!allowed(Role::FrontDesk, Command::Unmask));
        assert!(!allowed(
            Role::FrontDesk,
            Command::ServeStep(Service::LegalAid)
        ));
        assert!(allowed(Role::Supervisor, Command::ManageStaff));
    }
}
