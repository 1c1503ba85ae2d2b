//! Pages that belong to no single context.

pub mod home;
pub mod not_found;
