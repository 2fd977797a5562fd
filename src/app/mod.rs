//! The application: state, the pure update function, effects and the event loop.

pub mod aid_forms;
pub mod aid_perform;
pub mod appointments;
mod caret;
pub mod effect;
pub mod form;
pub mod forms;
pub mod hangup;
pub mod perform;
pub mod run;
pub mod state;
pub mod update;
