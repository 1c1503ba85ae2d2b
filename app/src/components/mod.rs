//! Building blocks shared by every page.

pub mod form;
pub mod language;
pub mod layout;
pub mod messages;
