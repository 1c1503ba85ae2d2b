//! Building blocks shared by every page.

pub mod cards;
pub mod form;
pub mod labels;
pub mod language;
pub mod layout;
pub mod messages;
