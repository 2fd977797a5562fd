//! `legaldesk pad --window W1`: the visitor's rating pad (评价器, SPEC §9.3). A second small
//! terminal facing the visitor, or a USB keypad on the window's own machine. It needs no
//! sign-in and shows nothing personal; when its window finishes a step it asks, within a
//! second, for a rating of 5…1, and after a 1–2 for the reason. Only digits do anything;
//! staff stop it with a long key combination or a signal from another terminal.

pub mod run;
pub mod state;
pub mod view;
