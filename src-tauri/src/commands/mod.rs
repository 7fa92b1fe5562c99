//! IPC commands, one file per area. Each pulls state, calls one core function, converts the error.

pub mod activities;
pub mod app;
pub mod attachments;
pub mod branch;
pub mod members;
pub mod sessions;
pub mod study;
