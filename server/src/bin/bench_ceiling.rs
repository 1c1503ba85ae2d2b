//! The ceiling that `scripts/bench.sh` compares the server with: each public page's
//! request answered from the same search index by a bare axum handler with a minimal
//! HTML string — no middleware, session, database read of the page's rows or page
//! rendering. The listing page, which no index serves, reads its row by slug.
//!
//!   DATABASE_URL=… bench-ceiling --addr 127.0.0.1:3401

use std::fmt::Write;
use std::net::SocketAddr;

use app::catalog::model::CatalogParams;
use app::catalog::{repo, service};
use app::index::sync::{SearchIndex, Snapshot};
use app::merchants::model::DirectoryParams;
use app::merchants::repo::DirectoryFilter;
use app::search::SearchQuery;
use app::vocab::{Region, ServiceField, Tier};
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Html;
use axum::routing::get;
use clap::Parser;
use sqlx::PgPool;
use sqlx::postgres::PgPoolOptions;

#[derive(Parser)]
struct Args {
    #[arg(long, env = "DATABASE_URL", hide_env_values = true)]
    database_url: String,
    #[arg(long, default_value = "127.0.0.1:3401")]
    addr: SocketAddr,
}

#[derive(Clone)]
struct Ceiling {
    db: PgPool,
    index: SearchIndex,
}

impl Ceiling {
    fn snapshot(&self) -> Result<std::sync::Arc<Snapshot>, StatusCode> {
        self.index.current().ok_or(StatusCode::SERVICE_UNAVAILABLE)
    }
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .init();
    let args = Args::parse();
    let db = PgPoolOptions::new()
        .max_connections(10)
        .connect(&args.database_url)
        .await?;
    let index = SearchIndex::default();
    index.catch_up(&db).await?;
    let app = Router::new()
        .route("/", get(home))
        .route("/catalog", get(catalog))
        .route("/catalog/{slug}", get(listing))
        .route("/merchants", get(directory))
        .with_state(Ceiling { db, index });
    let listener = tokio::net::TcpListener::bind(args.addr).await?;
    tracing::info!("ceiling listening on http://{}", args.addr);
    axum::serve(listener, app).await?;
    Ok(())
}

fn list(ids: impl Iterator<Item = i64>) -> String {
    ids.fold(String::new(), |mut html, id| {
        let _ = write!(html, "<li>{id}</li>");
        html
    })
}

async fn home(State(c): State<Ceiling>) -> Result<Html<String>, StatusCode> {
    let snapshot = c.snapshot()?;
    let merchants = &snapshot.merchants;
    let leading = DirectoryFilter {
        query: None,
        tier: Some(Tier::Leading),
        field: None,
        region: None,
    };
    let tiers: i64 = merchants.per_tier().iter().map(|(_, n)| n).sum();
    let fields = merchants.per_field().len();
    let ids = merchants.directory(&leading, None, 20);
    Ok(Html(format!(
        "<p>{tiers} {fields} {}</p><ol>{}</ol>",
        snapshot.listings.bitmaps.len(),
        list(ids.iter().map(|(id, _)| *id))
    )))
}

async fn catalog(
    State(c): State<Ceiling>,
    Query(params): Query<CatalogParams>,
) -> Result<Html<String>, StatusCode> {
    let snapshot = c.snapshot()?;
    let parsed = service::parse_params(&params);
    let found = snapshot
        .listings
        .search(parsed.query.as_ref(), &parsed.filters);
    let page = snapshot
        .listings
        .page(&found, parsed.sort, parsed.after, 21);
    Ok(Html(format!(
        "<p>{}</p><ol>{}</ol>",
        found.total(),
        list(page.iter().map(|(id, _)| *id))
    )))
}

async fn directory(
    State(c): State<Ceiling>,
    Query(params): Query<DirectoryParams>,
) -> Result<Html<String>, StatusCode> {
    let snapshot = c.snapshot()?;
    let query = params.q.as_deref().and_then(SearchQuery::parse);
    let filter = DirectoryFilter {
        query: query.as_ref(),
        tier: params.tier.as_deref().and_then(Tier::from_slug),
        field: params.field.as_deref().and_then(ServiceField::from_slug),
        region: params.region.as_deref().and_then(Region::from_slug),
    };
    let page = snapshot.merchants.directory(&filter, None, 25);
    Ok(Html(format!(
        "<ol>{}</ol>",
        list(page.iter().map(|(id, _)| *id))
    )))
}

async fn listing(
    State(c): State<Ceiling>,
    Path(slug): Path<String>,
) -> Result<Html<String>, StatusCode> {
    let detail = repo::find_public(&c.db, &slug)
        .await
        .map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)?
        .ok_or(StatusCode::NOT_FOUND)?;
    Ok(Html(format!("<h1>{}</h1>", detail.card.title_en)))
}
