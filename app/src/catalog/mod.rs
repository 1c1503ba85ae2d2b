//! The public catalog: search with facets, and listing pages.

pub mod model;
pub mod search;

#[cfg(feature = "ssr")]
pub mod pages;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;
