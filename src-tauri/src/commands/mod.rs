//! IPC commands, one file per area. Each pulls state, calls one core function, converts the error.

pub mod app;
pub mod branch;
pub mod members;
