//! Catalog search and merchant directory latency against the database at `DATABASE_URL`
//! (a benchmark, not a test):
//!
//!   cargo run --release -p server --bin bench-catalog -- --iterations 200
//!
//! For each scenario it times the whole search use-case (results page + facet counts),
//! prints p50 / p95 / max, then `EXPLAIN (ANALYZE, BUFFERS)` of each scenario's statements.

#![allow(clippy::print_stdout)] // a report for a person

use std::process::ExitCode;
use std::time::{Duration, Instant};

use app::catalog::model::CatalogParams;
use app::catalog::{repo, service};
use app::merchants;
use app::merchants::model::DirectoryParams;
use clap::Parser;
use sqlx::postgres::PgPoolOptions;

#[derive(Parser)]
struct Args {
    #[arg(long, env = "DATABASE_URL", hide_env_values = true)]
    database_url: String,
    /// Timed runs per scenario (after 5 warm-up runs).
    #[arg(long, default_value_t = 100)]
    iterations: usize,
    /// Skip the EXPLAIN ANALYZE output.
    #[arg(long)]
    no_explain: bool,
}

/// Scenarios as the query strings a visitor's browser would send, with a label.
fn parse<T: serde::de::DeserializeOwned>(
    scenarios: &[(&'static str, &str)],
) -> Vec<(&'static str, T)> {
    scenarios
        .iter()
        .map(|(name, query)| {
            let params = serde_urlencoded::from_str(query)
                .unwrap_or_else(|e| panic!("scenario {name}: bad query string: {e}"));
            (*name, params)
        })
        .collect()
}

fn scenarios() -> Vec<(&'static str, CatalogParams)> {
    parse(&[
        ("q=标注 (in a quarter of all titles)", "q=标注"),
        ("q=数据 (in nearly every listing)", "q=数据"),
        ("q=信用评分 (a rare phrase)", "q=信用评分"),
        (
            "q=标注 kind=dataset delivery=api",
            "q=标注&kind=dataset&delivery=api",
        ),
        (
            "q=annotation field=data-technology tier=leading",
            "q=annotation&field=data-technology&tier=leading",
        ),
        (
            "kind=service field=security (no text)",
            "kind=service&field=security",
        ),
        (
            "industry=manufacturing region=ningbo (no text)",
            "industry=manufacturing&region=ningbo",
        ),
        ("no filters (the whole catalog)", ""),
    ])
}

/// The merchant directory at the same scale (results: merchants on the first page).
fn directory_scenarios() -> Vec<(&'static str, DirectoryParams)> {
    parse(&[
        ("directory: first page", ""),
        (
            "directory: tier=inbound region=wenzhou",
            "tier=inbound&region=wenzhou",
        ),
        ("directory: q=数据", "q=数据"),
        (
            "directory: q=标注 field=security region=ningbo",
            "q=标注&field=security&region=ningbo",
        ),
        (
            "directory: q=隐私计算 tier=inbound",
            "q=隐私计算&tier=inbound",
        ),
        (
            "directory: a page deep among inbound merchants",
            "after=3-20000",
        ),
    ])
}

/// Runs `run` 5 times to warm up, then `iterations` times timed; the sorted times and
/// the last result count.
async fn time_runs<F, Fut>(iterations: usize, run: F) -> Result<(Vec<Duration>, i64), String>
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = Result<i64, app::error::AppError>>,
{
    let mut times = Vec::with_capacity(iterations);
    let mut count = 0;
    for i in 0..iterations + 5 {
        let started = Instant::now();
        count = run().await.map_err(|e| e.to_string())?;
        if i >= 5 {
            times.push(started.elapsed());
        }
    }
    times.sort();
    Ok((times, count))
}

/// Prints one line of the table; false when the scenario failed.
fn report(name: &str, timed: Result<(Vec<Duration>, i64), String>) -> bool {
    match timed {
        Ok((times, count)) => {
            let ms = |d: Duration| d.as_secs_f64() * 1000.0;
            println!(
                "{name:<50} {count:>8} {:>9.1} {:>9.1} {:>9.1}",
                ms(percentile(&times, 0.5)),
                ms(percentile(&times, 0.95)),
                ms(times.last().copied().unwrap_or_default())
            );
            true
        }
        Err(e) => {
            eprintln!("bench-catalog: {name}: {e}");
            false
        }
    }
}

fn percentile(sorted: &[Duration], pct: f64) -> Duration {
    let index = ((sorted.len() as f64 - 1.0) * pct).round() as usize;
    sorted.get(index).copied().unwrap_or_default()
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = Args::parse();
    // The server's own session settings (plan cache mode, work_mem, jit).
    let options = match server::startup::connect_options(&args.database_url) {
        Ok(options) => options,
        Err(e) => {
            eprintln!("bench-catalog: bad database URL: {e}");
            return ExitCode::FAILURE;
        }
    };
    let db = match PgPoolOptions::new()
        .max_connections(2)
        .connect_with(options)
        .await
    {
        Ok(db) => db,
        Err(e) => {
            eprintln!("bench-catalog: cannot connect: {e}");
            return ExitCode::FAILURE;
        }
    };
    let listings: i64 = sqlx::query_scalar("select count(*) from listing where is_public")
        .fetch_one(&db)
        .await
        .unwrap_or(-1);
    println!(
        "public listings: {listings}; {} timed runs per scenario\n",
        args.iterations
    );
    println!(
        "{:<50} {:>8} {:>9} {:>9} {:>9}",
        "scenario", "results", "p50 ms", "p95 ms", "max ms"
    );
    for (name, params) in scenarios() {
        let timed = time_runs(args.iterations, || async {
            service::search_sql(&db, &params)
                .await
                .map(|page| page.total)
        })
        .await;
        if !report(name, timed) {
            return ExitCode::FAILURE;
        }
    }
    println!();
    for (name, params) in directory_scenarios() {
        let timed = time_runs(args.iterations, || async {
            merchants::service::directory(&db, &app::index::sync::SearchIndex::default(), &params)
                .await
                .map(|page| page.merchants.len() as i64)
        })
        .await;
        if !report(name, timed) {
            return ExitCode::FAILURE;
        }
    }
    if !args.no_explain {
        for (name, params) in scenarios() {
            let parsed = service::parse_params(&params);
            match repo::explain_search(&db, parsed.query.as_ref(), &parsed.filters, parsed.sort)
                .await
            {
                Ok((results, facets)) => {
                    println!(
                        "\n=== {name}: results page ===\n{results}\n\n=== {name}: facet counts ===\n{facets}"
                    );
                }
                Err(e) => eprintln!("bench-catalog: explain {name}: {e}"),
            }
        }
    }
    ExitCode::SUCCESS
}
