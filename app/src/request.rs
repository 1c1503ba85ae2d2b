//! Facts about the current request that server functions and pages need (server only).

use std::net::SocketAddr;

use axum::extract::ConnectInfo;
use http::request::Parts;
use leptos::prelude::use_context;

use crate::error::AppError;
use crate::state::AppState;

/// The script nonce the security middleware put in this response's CSP.
#[derive(Debug, Clone)]
pub struct CspNonce(pub String);

/// The request currently being served, as leptos_axum provides it.
fn parts() -> Option<Parts> {
    use_context::<Parts>()
}

pub fn csp_nonce() -> Option<String> {
    parts().and_then(|p| p.extensions.get::<CspNonce>().map(|n| n.0.clone()))
}

/// The peer address; no proxy headers are trusted.
pub async fn client_ip() -> String {
    match leptos_axum::extract::<ConnectInfo<SocketAddr>>().await {
        Ok(ConnectInfo(addr)) => addr.ip().to_string(),
        Err(_) => "unknown".to_owned(),
    }
}

pub fn state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from context");
        AppError::Unexpected
    })
}
