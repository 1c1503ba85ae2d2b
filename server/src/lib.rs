//! The Shushang server: configuration, wiring and operator commands around the `app` crate.

// Leptos view types nest deeply; the compiler needs room to lay them out.
#![recursion_limit = "256"]

pub mod bodies;
pub mod client;
pub mod commands;
pub mod config;
pub mod errors;
pub mod files;
pub mod flash;
pub mod listing_upload;
pub mod page_cache;
pub mod refusals;
pub mod seed;
pub mod seo;
pub mod sessions;
pub mod startup;
pub mod telemetry;

/// The allocator of every binary (and test) linking the server. A page view allocates
/// thousands of small strings and vectors (rendering, rows, the answer's compression);
/// under glibc's malloc that took about a quarter of the server's CPU at 32 clients
/// (`perf record` on the catalog page), far less under mimalloc.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
