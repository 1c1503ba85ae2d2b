//! `/robots.txt` and the sitemaps that list every public page, split into files of at
//! most 50,000 addresses as the sitemap protocol requires.

use app::state::AppState;
use app::{catalog, merchants};
use axum::Extension;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const PER_FILE: i64 = 50_000;

/// How long the sitemaps trust their file counts: a crawler walking the files costs one
/// count query per interval, and a file number past the last is a 404 without a query.
const COUNTS_FRESH_FOR: Duration = Duration::from_secs(300);

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/robots.txt", get(robots))
        .route("/sitemap.xml", get(sitemap_index))
        .route("/sitemaps/{file}", get(sitemap_file))
        .layer(Extension(Arc::new(FileCounts::default())))
}

/// How many merchant and listing files the sitemaps have, remembered for a while.
#[derive(Default)]
struct FileCounts {
    last: Mutex<Option<(Instant, Counts)>>,
}

#[derive(Debug, Clone, Copy)]
struct Counts {
    merchants: i64,
    listings: i64,
}

impl FileCounts {
    async fn get(&self, state: &AppState) -> Result<Counts, sqlx::Error> {
        let remembered = *self
            .last
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some((at, counts)) = remembered
            && at.elapsed() < COUNTS_FRESH_FOR
        {
            return Ok(counts);
        }
        let counts = Counts {
            merchants: files_for(merchants::repo::max_approved_id(&state.db).await?),
            listings: files_for(catalog::repo::max_public_id(&state.db).await?),
        };
        *self
            .last
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = Some((Instant::now(), counts));
        Ok(counts)
    }
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

fn counts_failed(e: &sqlx::Error) -> Response {
    tracing::error!(error = %e, "sitemap counts failed");
    StatusCode::SERVICE_UNAVAILABLE.into_response()
}

async fn sitemap_index(
    State(state): State<AppState>,
    Extension(counts): Extension<Arc<FileCounts>>,
) -> Response {
    let counts = match counts.get(&state).await {
        Ok(counts) => counts,
        Err(e) => return counts_failed(&e),
    };
    let base = origin(&state);
    let mut files = vec!["pages.xml".to_owned()];
    files.extend((0..counts.merchants).map(|n| format!("merchants-{n}.xml")));
    files.extend((0..counts.listings).map(|n| format!("listings-{n}.xml")));
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

async fn sitemap_file(
    State(state): State<AppState>,
    Extension(counts): Extension<Arc<FileCounts>>,
    Path(file): Path<String>,
) -> Response {
    let Some(stem) = file.strip_suffix(".xml") else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let numbered = stem
        .split_once('-')
        .and_then(|(kind, n)| Some((kind, n.parse::<i64>().ok().filter(|n| *n >= 0)?)));
    if let Some((kind, n)) = numbered {
        let counts = match counts.get(&state).await {
            Ok(counts) => counts,
            Err(e) => return counts_failed(&e),
        };
        let files = match kind {
            "merchants" => counts.merchants,
            "listings" => counts.listings,
            _ => 0,
        };
        if n >= files {
            return StatusCode::NOT_FOUND.into_response();
        }
    }
    let paths: Result<Vec<String>, sqlx::Error> = match (stem, numbered) {
        ("pages", None) => Ok(["/", "/merchants", "/catalog"].map(str::to_owned).to_vec()),
        (_, Some((kind, n))) => match kind {
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
