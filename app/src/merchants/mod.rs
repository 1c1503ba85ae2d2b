//! Merchants: the directory by tier, field and region, and public profiles.

pub mod api;
pub mod model;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;
