//! Deals: orders placed from listings, moved along PRODUCT.md's state machine by the
//! buyer and the merchant, delivered and reviewed.

pub mod api;
pub mod machine;
pub mod model;
#[cfg(feature = "ssr")]
pub mod pages;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod store;
