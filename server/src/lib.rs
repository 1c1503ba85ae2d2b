//! The Shushang server: configuration, wiring and operator commands around the `app` crate.

pub mod commands;
pub mod config;
pub mod errors;
pub mod startup;
pub mod telemetry;
