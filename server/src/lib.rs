//! The Shushang server: configuration, wiring and operator commands around the `app` crate.

// Leptos view types nest deeply; the compiler needs room to lay them out.
#![recursion_limit = "256"]

pub mod client;
pub mod commands;
pub mod config;
pub mod errors;
pub mod files;
pub mod flash;
pub mod listing_upload;
pub mod seed;
pub mod seo;
pub mod sessions;
pub mod startup;
pub mod telemetry;
