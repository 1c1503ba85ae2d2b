//! The operator console: applications, merchants and tiers, listing moderation, the
//! audit log and the dashboard. Only operators (signed in with their second factor).

pub mod api;
pub mod model;

#[cfg(feature = "ssr")]
pub mod pages;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;
