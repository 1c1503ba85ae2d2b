//! Building blocks shared by every page. `form` and `messages` are compiled into the wasm bundle for the islands; the rest
//! renders on the server only.

#[cfg(feature = "ssr")]
pub mod cards;
#[cfg(feature = "ssr")]
pub mod charts;
pub mod form;
pub mod labels;
#[cfg(feature = "ssr")]
pub mod language;
#[cfg(feature = "ssr")]
pub mod layout;
pub mod messages;
