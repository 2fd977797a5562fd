//! Pure rules, no I/O: codes, queue order, the step state machine, ID check, masking, text.

pub mod aid;
pub mod announce;
pub mod application;
pub mod appointment;
pub mod calendar;
pub mod clock;
pub mod codes;
pub mod due;
pub mod followup;
pub mod holiday_file;
pub mod hours;
pub mod idcard;
pub mod paste;
pub mod pause;
pub mod privacy;
pub mod queue;
pub mod settings;
pub mod state;
pub mod text;
pub mod ticket;
