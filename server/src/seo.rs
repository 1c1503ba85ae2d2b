//! `/robots.txt` and the sitemaps that list every public page, split into files of at
//! most 50,000 addresses as the sitemap protocol requires.

use app::state::AppState;
use app::{catalog, merchants};
use axum::Router;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

const PER_FILE: i64 = 50_000;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/robots.txt", get(robots))
        .route("/sitemap.xml", get(sitemap_index))
        .route("/sitemaps/{file}", get(sitemap_file))
}

fn origin(state: &AppState) -> String {
    state.public_url.trim_end_matches('/').to_owned()
}

async fn robots(State(state): State<AppState>) -> String {
    format!(
        "User-agent: *\nAllow: /\nDisallow: /account\nDisallow: /api/\n\nSitemap: {}/sitemap.xml\n",
        origin(&state)
    )
}

fn xml(body: String) -> Response {
    (
        [(header::CONTENT_TYPE, "application/xml; charset=utf-8")],
        body,
    )
        .into_response()
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

async fn sitemap_index(State(state): State<AppState>) -> Response {
    let counts = async {
        Ok::<_, sqlx::Error>((
            merchants::repo::max_approved_id(&state.db).await?,
            catalog::repo::max_public_id(&state.db).await?,
        ))
    };
    let (max_merchant_id, max_listing_id) = match counts.await {
        Ok(counts) => counts,
        Err(e) => {
            tracing::error!(error = %e, "sitemap counts failed");
            return StatusCode::SERVICE_UNAVAILABLE.into_response();
        }
    };
    let base = origin(&state);
    let mut files = vec!["pages.xml".to_owned()];
    files.extend((0..files_for(max_merchant_id)).map(|n| format!("merchants-{n}.xml")));
    files.extend((0..files_for(max_listing_id)).map(|n| format!("listings-{n}.xml")));
    let entries: String = files
        .iter()
        .map(|f| {
            format!(
                "<sitemap><loc>{}/sitemaps/{f}</loc></sitemap>",
                escape(&base)
            )
        })
        .collect();
    xml(format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</sitemapindex>"#
    ))
}

/// File `n` lists the objects with ids in `n * PER_FILE + 1 ..= (n + 1) * PER_FILE`: at
/// most `PER_FILE` URLs each (fewer where ids have gaps), each file one primary-key range.
fn files_for(max_id: i64) -> i64 {
    (max_id + PER_FILE - 1) / PER_FILE
}

fn ids_of_file(n: i64) -> std::ops::Range<i64> {
    n * PER_FILE + 1..(n + 1) * PER_FILE + 1
}

async fn sitemap_file(State(state): State<AppState>, Path(file): Path<String>) -> Response {
    let Some(stem) = file.strip_suffix(".xml") else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let paths: Result<Vec<String>, sqlx::Error> = match stem.split_once('-') {
        None if stem == "pages" => Ok(["/", "/merchants", "/catalog"].map(str::to_owned).to_vec()),
        Some((kind, n)) => match n.parse::<i64>() {
            Ok(n) if (0..1_000).contains(&n) => match kind {
                "merchants" => merchants::repo::approved_slugs_in(&state.db, ids_of_file(n))
                    .await
                    .map(|slugs| {
                        slugs
                            .into_iter()
                            .map(|s| format!("/merchants/{s}"))
                            .collect()
                    }),
                "listings" => catalog::repo::public_slugs_in(&state.db, ids_of_file(n))
                    .await
                    .map(|slugs| slugs.into_iter().map(|s| format!("/catalog/{s}")).collect()),
                _ => return StatusCode::NOT_FOUND.into_response(),
            },
            _ => return StatusCode::NOT_FOUND.into_response(),
        },
        None => return StatusCode::NOT_FOUND.into_response(),
    };
    let paths = match paths {
        Ok(paths) => paths,
        Err(e) => {
            tracing::error!(error = %e, "sitemap query failed");
            return StatusCode::SERVICE_UNAVAILABLE.into_response();
        }
    };
    let base = escape(&origin(&state));
    let urls: String = paths
        .iter()
        .map(|p| format!("<url><loc>{base}{}</loc></url>", escape(p)))
        .collect();
    xml(format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>"#
    ))
}
