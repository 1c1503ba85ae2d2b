//! Accounts: registration, sign-in and sessions, roles.

pub mod api;
#[cfg(feature = "ssr")]
pub mod email;
#[cfg(feature = "ssr")]
pub mod form_token;
pub mod model;
#[cfg(feature = "ssr")]
pub mod pages;

#[cfg(feature = "ssr")]
pub mod password;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod second_factor;
#[cfg(feature = "ssr")]
pub mod service;
