//! The center's settings as the rest of the program sees them: plain values with their
//! defaults. Reading them from the database is the service layer's (`service::settings`).

use crate::domain::clock::Zone;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    pub center_name: String,
    pub zone: Zone,
    /// A normal ticket waiting longer than this counts as priority.
    pub promote_after_min: i64,
    pub target_wait_min: i64,
    pub group_threshold: i64,
    /// Legal-aid decision due after this many days…
    pub decision_days: i64,
    /// …counted as working days (Mon–Fri) instead of calendar days.
    pub decision_working_days: bool,
    /// Whether a late no-show may be put back in the queue.
    pub allow_requeue: bool,
    /// Minutes without a key after which the screen is covered until the PIN is entered.
    pub idle_lock_min: i64,
    /// Days spent supplementing an application do not count towards its decision period.
    pub supplement_pauses_clock: bool,
    /// How long after a step ends the visitor may rate it on the pad (SPEC §9.3).
    pub rating_timeout_s: i64,
    /// Working days a 差评 follow-up has before it is overdue (SPEC §9.4).
    pub followup_days: i64,
    /// The working-day calendar in force (built in, plus the local `holidays.toml`).
    pub calendar: crate::domain::calendar::Calendar,
    /// Booking and check-in rules (`open_hours`, `appointment_*`, `checkin_*`, SPEC §11).
    pub appointments: crate::domain::appointment::Rules,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            center_name: "公共法律服务中心".into(),
            zone: Zone::System,
            promote_after_min: 30,
            target_wait_min: 20,
            group_threshold: 5,
            decision_days: 7,
            decision_working_days: false,
            allow_requeue: true,
            idle_lock_min: 10,
            supplement_pauses_clock: true,
            rating_timeout_s: 60,
            followup_days: 5,
            calendar: crate::domain::calendar::Calendar::builtin(),
            appointments: crate::domain::appointment::Rules::default(),
        }
    }
}
