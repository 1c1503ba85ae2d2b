//! Friendly answers for failures that happen outside the Leptos app. Both languages,
//! because the visitor's choice may be what failed to load.

use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use std::any::Any;

const PAGE: &str = r#"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title><link rel="icon" href="data:,">
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#1f2933;line-height:1.6}h1{font-size:1.5rem}a{color:#0b5cad}</style>
</head><body><main><h1>{title}</h1><p>{en}</p><p lang="zh-CN">{zh}</p><p><a href="/">Home · 首页</a></p></main></body></html>"#;

fn page(status: StatusCode, title: &str, en: &str, zh: &str) -> Response {
    let body = PAGE
        .replace("{title}", title)
        .replace("{en}", en)
        .replace("{zh}", zh);
    (
        status,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        body,
    )
        .into_response()
}

/// A handler panicked: log the cause (inside the request's span), show nothing of it.
pub fn panic_page(cause: Box<dyn Any + Send + 'static>) -> Response {
    let message = cause
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| cause.downcast_ref::<&str>().copied())
        .unwrap_or("unknown panic");
    tracing::error!(panic = message, "request handler panicked");
    page(
        StatusCode::INTERNAL_SERVER_ERROR,
        "Something went wrong · 出错了",
        "Something went wrong on our side. Please try again in a moment.",
        "服务器出现了问题，请稍后再试。",
    )
}

/// A state-changing request from another site. A server function called from a page
/// (it asks for JSON) gets the [`AppError::CrossSite`] its form translates; anything else
/// the page.
/// An [`AppError`](app::error::AppError) as the JSON a server function would answer.
fn json_error(status: StatusCode, error: &app::error::AppError) -> Response {
    let body = serde_json::to_string(error).unwrap_or_default();
    (status, [(header::CONTENT_TYPE, "application/json")], body).into_response()
}

/// A request whose path, query or form holds a NUL byte or bytes that are not UTF-8:
/// nothing a browser sends when a person types, and nothing the database can store.
pub fn unreadable_request(wants_json: bool) -> Response {
    if wants_json {
        return json_error(StatusCode::BAD_REQUEST, &app::error::AppError::BadRequest);
    }
    page(
        StatusCode::BAD_REQUEST,
        "Bad request · 请求无效",
        "The address or form contained characters that cannot be read.",
        "地址或表单中含有无法识别的字符。",
    )
}

pub fn cross_site_refused(wants_json: bool) -> Response {
    if wants_json {
        return json_error(StatusCode::FORBIDDEN, &app::error::AppError::CrossSite);
    }
    page(
        StatusCode::FORBIDDEN,
        "Request refused · 请求被拒绝",
        "This request came from another site and was refused.",
        "该请求来自其他网站，已被拒绝。",
    )
}
