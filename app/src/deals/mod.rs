//! Deals: inquiries and requirements with the merchants' quotes, and orders, placed
//! from listings or accepted quotes, moved along PRODUCT.md's state machine by the
//! buyer and the merchant, delivered and reviewed.

pub mod api;
pub mod forms;
#[cfg(feature = "ssr")]
pub mod inquiries;
#[cfg(feature = "ssr")]
pub mod inquiry_pages;
pub mod machine;
pub mod model;
#[cfg(feature = "ssr")]
pub mod pages;
#[cfg(feature = "ssr")]
pub mod quota;
#[cfg(feature = "ssr")]
pub mod quotes;
#[cfg(feature = "ssr")]
pub mod requirement_pages;
#[cfg(feature = "ssr")]
pub mod requirements;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod store;
