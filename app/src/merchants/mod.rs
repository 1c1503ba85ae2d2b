//! Merchants: the directory by tier, field and region, and public profiles.

pub mod api;
pub mod model;

#[cfg(feature = "ssr")]
pub mod index;
#[cfg(feature = "ssr")]
pub mod pages;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod store;
#[cfg(feature = "ssr")]
pub mod team;
#[cfg(feature = "ssr")]
pub mod team_pages;
#[cfg(feature = "ssr")]
pub mod workspace;
#[cfg(feature = "ssr")]
pub mod workspace_pages;
