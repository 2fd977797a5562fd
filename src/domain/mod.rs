//! Pure rules, no I/O: codes, queue order, the step state machine, ID check, masking, text.

pub mod announce;
pub mod clock;
pub mod codes;
pub mod hours;
pub mod idcard;
pub mod pause;
pub mod privacy;
pub mod queue;
pub mod state;
pub mod text;
pub mod ticket;
