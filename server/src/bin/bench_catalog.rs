//! Catalog search latency against the database at `DATABASE_URL` (a benchmark, not a test):
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

fn scenarios() -> Vec<(&'static str, CatalogParams)> {
    let p = |q: Option<&str>, pairs: &[(&str, &str)]| {
        let mut params = CatalogParams {
            q: q.map(str::to_owned),
            ..CatalogParams::default()
        };
        for (name, value) in pairs {
            let value = Some((*value).to_owned());
            match *name {
                "kind" => params.kind = value,
                "field" => params.field = value,
                "delivery" => params.delivery = value,
                "tier" => params.tier = value,
                "region" => params.region = value,
                "industry" => params.industry = value,
                _ => {}
            }
        }
        params
    };
    vec![
        ("q=标注 (in a quarter of all titles)", p(Some("标注"), &[])),
        ("q=数据 (in nearly every listing)", p(Some("数据"), &[])),
        ("q=信用评分 (a rare phrase)", p(Some("信用评分"), &[])),
        (
            "q=标注 kind=dataset delivery=api",
            p(Some("标注"), &[("kind", "dataset"), ("delivery", "api")]),
        ),
        (
            "q=annotation field=data-technology tier=leading",
            p(
                Some("annotation"),
                &[("field", "data-technology"), ("tier", "leading")],
            ),
        ),
        (
            "kind=service field=security (no text)",
            p(None, &[("kind", "service"), ("field", "security")]),
        ),
        (
            "industry=manufacturing region=ningbo (no text)",
            p(None, &[("industry", "manufacturing"), ("region", "ningbo")]),
        ),
        ("no filters (the whole catalog)", p(None, &[])),
    ]
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
        let mut times = Vec::with_capacity(args.iterations);
        let mut total = 0;
        for run in 0..args.iterations + 5 {
            let started = Instant::now();
            match service::search(&db, &params).await {
                Ok(page) => total = page.total,
                Err(e) => {
                    eprintln!("bench-catalog: {name}: {e}");
                    return ExitCode::FAILURE;
                }
            }
            if run >= 5 {
                times.push(started.elapsed());
            }
        }
        times.sort();
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        println!(
            "{name:<50} {total:>8} {:>9.1} {:>9.1} {:>9.1}",
            ms(percentile(&times, 0.5)),
            ms(percentile(&times, 0.95)),
            ms(times.last().copied().unwrap_or_default())
        );
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
