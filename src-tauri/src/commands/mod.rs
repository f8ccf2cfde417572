//! The commands the UI invokes, one file per group. Each parses its arguments, calls one
//! engine use case (`khcds::workflow`) under the state's lock and returns plain data or
//! a [`error::CommandError`] `{ kind, message }`.
//!
//! Commands are `async` so they run off the main (UI) thread.

pub mod edit;
pub mod error;
pub mod export;
pub mod history;
pub mod plan;
pub mod prefs;
pub mod reference;
pub mod sign;
