//! Building blocks shared by every page, rendered on the server only, but for the one
//! island (`live_form`) that the wasm bundle carries.

#[cfg(feature = "ssr")]
pub mod cards;
#[cfg(feature = "ssr")]
pub mod charts;
#[cfg(feature = "ssr")]
pub mod form;
pub mod labels;
#[cfg(feature = "ssr")]
pub mod language;
#[cfg(feature = "ssr")]
pub mod layout;
pub mod live_form;
#[cfg(feature = "ssr")]
pub mod messages;
#[cfg(feature = "ssr")]
pub mod raw_text;
