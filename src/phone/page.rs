//! The phone page, built from ui/phone.html and ui/src/phone/ by the UI's tool chain (Vite)
//! into this crate's build folder by build.rs, and embedded in the binary.

pub const HTML: &str = include_str!(concat!(env!("OUT_DIR"), "/phone/phone.html"));
pub const SCRIPT: &str = include_str!(concat!(env!("OUT_DIR"), "/phone/phone.js"));
pub const STYLE: &str = include_str!(concat!(env!("OUT_DIR"), "/phone/phone.css"));
