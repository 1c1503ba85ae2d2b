//! The public catalog: search with facets, and listing pages.

pub mod api;
pub mod editor;
pub mod model;

#[cfg(feature = "ssr")]
pub mod index;
#[cfg(feature = "ssr")]
pub mod pages;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod sample_csv;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod store;
#[cfg(feature = "ssr")]
pub mod workspace;
#[cfg(feature = "ssr")]
pub mod workspace_pages;
