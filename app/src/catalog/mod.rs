//! The public catalog: search with facets, and listing pages.

pub mod api;
pub mod model;
pub mod pages;
pub mod search;

#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;
