//! The catalog's in-memory search index against PostgreSQL: on the demo market it must
//! answer exactly what the SQL path answers (totals, every facet count, the page and its
//! cursor), and it must follow every kind of change, in two servers at once.

mod common;

use std::time::{Duration, Instant};

use app::catalog::model::{CatalogPage, CatalogParams};
use app::catalog::service;
use app::index::sync::SearchIndex;
use app::merchants;
use app::merchants::model::DirectoryParams;
use app::vocab::{DeliveryMode, Industry, ListingKind, PricingModel, Region, ServiceField, Tier};
use common::market::{listing, merchant};
use server::seed;
use sqlx::PgPool;

/// A small deterministic generator, so a failing query can be replayed.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n.max(1)
    }

    fn maybe<T: Copy>(&mut self, one_in: usize, values: &[T]) -> Option<T> {
        (self.below(one_in) == 0).then(|| values[self.below(values.len())])
    }
}

fn slugs<T: Copy>(all: &[T], slug: fn(T) -> &'static str) -> Vec<&'static str> {
    all.iter().copied().map(slug).collect()
}

/// Searches built from the market's own words: whole Chinese pairs, single characters,
/// English words and their prefixes, two-word searches, words nobody uses; with random
/// filters and sorts.
fn generated_searches(words: &[String], n: usize) -> Vec<CatalogParams> {
    let mut rng = Lcg(20261128);
    let kinds = slugs(ListingKind::ALL, ListingKind::slug);
    let fields = slugs(ServiceField::ALL, ServiceField::slug);
    let industries = slugs(Industry::ALL, Industry::slug);
    let deliveries = slugs(DeliveryMode::ALL, DeliveryMode::slug);
    let pricings = slugs(PricingModel::ALL, PricingModel::slug);
    let tiers = slugs(Tier::ALL, Tier::slug);
    let regions = slugs(Region::ALL, Region::slug);
    (0..n)
        .map(|_| {
            let shape = rng.below(8);
            let mut word = || words[rng.below(words.len())].clone();
            let q = match shape {
                0 => None,
                1 => Some(word().chars().take(1).collect()),
                2 => Some(word().chars().take(3).collect()),
                3 => Some(format!("{} {}", word(), word())),
                4 => Some("zzqx 数据".to_owned()),
                _ => Some(word()),
            };
            let sort = match rng.below(4) {
                0 => Some("price".to_owned()),
                1 => Some("newest".to_owned()),
                _ => None,
            };
            let s = |v: Option<&str>| v.map(str::to_owned);
            CatalogParams {
                q,
                kind: s(rng.maybe(4, &kinds)),
                field: s(rng.maybe(4, &fields)),
                industry: s(rng.maybe(5, &industries)),
                delivery: s(rng.maybe(5, &deliveries)),
                pricing: s(rng.maybe(5, &pricings)),
                tier: s(rng.maybe(4, &tiers)),
                region: s(rng.maybe(5, &regions)),
                sort,
                after: None,
            }
        })
        .collect()
}

fn assert_same(indexed: &CatalogPage, sql: &CatalogPage, params: &CatalogParams) {
    assert_eq!(indexed.total, sql.total, "total of {params:?}");
    assert_eq!(indexed.facets, sql.facets, "facets of {params:?}");
    let ids = |page: &CatalogPage| page.listings.iter().map(|l| l.id).collect::<Vec<_>>();
    assert_eq!(ids(indexed), ids(sql), "page of {params:?}");
    assert_eq!(indexed.next, sql.next, "next page of {params:?}");
    assert_eq!(indexed, sql, "{params:?}");
}

#[sqlx::test(migrations = "../migrations")]
async fn on_the_demo_market_the_index_answers_what_sql_answers(db: PgPool) {
    seed::seed_demo(&db).await.expect("seeds");
    let index = SearchIndex::default();
    index.catch_up(&db).await.expect("builds");
    let public: i64 = sqlx::query_scalar("select count(*) from listing where is_public")
        .fetch_one(&db)
        .await
        .expect("counts");
    let snapshot = index.current().expect("built");
    assert_eq!(snapshot.listings.bitmaps.len(), public as u64);

    // Words as the index and PostgreSQL store them, a few hundred of them.
    let words: Vec<String> = sqlx::query_scalar(
        "select word from ts_stat('select search_doc from listing where is_public')
         order by nentry desc, word limit 400",
    )
    .fetch_all(&db)
    .await
    .expect("words");
    let mut nonzero = 0;
    let mut second_pages = 0;
    for mut params in generated_searches(&words, 300) {
        let sql = service::search_sql(&db, &params).await.expect("sql");
        let indexed = service::search(&db, &index, &params).await.expect("index");
        assert_same(&indexed, &sql, &params);
        nonzero += usize::from(sql.total > 0);
        // And the page after, through the cursor.
        if let Some(next) = sql.next.clone() {
            params.after = Some(next);
            let sql = service::search_sql(&db, &params).await.expect("sql");
            let indexed = service::search(&db, &index, &params).await.expect("index");
            assert_same(&indexed, &sql, &params);
            second_pages += 1;
        }
    }
    assert!(
        nonzero > 150,
        "most generated searches find something ({nonzero})"
    );
    assert!(
        second_pages > 50,
        "many have a second page ({second_pages})"
    );

    // The directory and the home page's formation, against the SQL path (an index that
    // was never built answers from SQL).
    let sql_only = SearchIndex::default();
    let words: Vec<String> = sqlx::query_scalar(
        "select word from ts_stat('select search_doc from merchant where status = ''approved''')
         order by nentry desc, word limit 300",
    )
    .fetch_all(&db)
    .await
    .expect("words");
    for params in generated_searches(&words, 200) {
        let mut params = DirectoryParams {
            q: params.q,
            tier: params.tier,
            field: params.field,
            region: params.region,
            after: None,
        };
        for _page in 0..2 {
            let sql = merchants::service::directory(&db, &sql_only, &params)
                .await
                .expect("sql");
            let indexed = merchants::service::directory(&db, &index, &params)
                .await
                .expect("index");
            assert_eq!(indexed, sql, "{params:?}");
            match sql.next {
                Some(next) => params.after = Some(next),
                None => break,
            }
        }
    }
    assert_eq!(
        merchants::service::formation(&db, &index)
            .await
            .expect("index"),
        merchants::service::formation(&db, &sql_only)
            .await
            .expect("sql"),
    );
}

/// Asserts that both indexes answer `q` as SQL does, and returns the total.
async fn total_everywhere(db: &PgPool, indexes: &[&SearchIndex], q: &str) -> i64 {
    let params = CatalogParams {
        q: Some(q.to_owned()),
        ..Default::default()
    };
    let sql = service::search_sql(db, &params).await.expect("sql");
    for index in indexes {
        let indexed = service::search(db, index, &params).await.expect("index");
        assert_same(&indexed, &sql, &params);
    }
    sql.total
}

#[sqlx::test(migrations = "../migrations")]
async fn two_servers_follow_publishing_editing_suspending_and_retiering(db: PgPool) {
    let m = merchant("hz-steel").tier("growing").insert(&db).await;
    let first = listing(m, "coil-data")
        .title("冷轧钢卷数据", "Cold rolled coil data")
        .insert(&db)
        .await;
    let (a, b) = (SearchIndex::default(), SearchIndex::default());
    let both = [&a, &b];
    let catch_up = || async {
        for index in both {
            index.catch_up(&db).await.expect("catches up");
        }
    };
    catch_up().await;
    assert_eq!(total_everywhere(&db, &both, "钢卷").await, 1);

    // Published (a new listing), edited (a new title), unpublished.
    let second = listing(m, "coil-images")
        .title("钢卷表面缺陷图像", "Coil surface defect images")
        .insert(&db)
        .await;
    catch_up().await;
    assert_eq!(total_everywhere(&db, &both, "钢卷").await, 2);
    sqlx::query(
        "update listing set title_en = 'Weld seams', search_doc = search_document('weld seams', '')
         where listing_id = $1",
    )
    .bind(first)
    .execute(&db)
    .await
    .expect("edits");
    catch_up().await;
    assert_eq!(total_everywhere(&db, &both, "钢卷").await, 1);
    assert_eq!(total_everywhere(&db, &both, "weld").await, 1);
    sqlx::query("update listing set status = 'draft' where listing_id = $1")
        .bind(second)
        .execute(&db)
        .await
        .expect("unpublishes");
    catch_up().await;
    assert_eq!(total_everywhere(&db, &both, "钢卷").await, 0);

    // The merchant re-tiered: its listings' tier facet moves.
    sqlx::query("update merchant set tier = 'leading' where merchant_id = $1")
        .bind(m)
        .execute(&db)
        .await
        .expect("re-tiers");
    catch_up().await;
    let leading = CatalogParams {
        tier: Some("leading".to_owned()),
        ..Default::default()
    };
    for index in both {
        let page = service::search(&db, index, &leading).await.expect("index");
        assert_eq!(page.total, 1);
    }

    // The merchant suspended: every listing leaves.
    sqlx::query("update merchant set status = 'suspended' where merchant_id = $1")
        .bind(m)
        .execute(&db)
        .await
        .expect("suspends");
    catch_up().await;
    assert_eq!(total_everywhere(&db, &both, "weld").await, 0);
    for index in both {
        assert!(index.current().expect("built").listings.bitmaps.is_empty());
    }
}

#[sqlx::test(migrations = "../migrations")]
async fn the_task_applies_a_change_soon_after_its_commit(db: PgPool) {
    let m = merchant("nb-port").insert(&db).await;
    let index = SearchIndex::default();
    let task = index.spawn(db.clone());
    let wait_for = |q: &'static str, total: i64| {
        let (db, index) = (db.clone(), index.clone());
        async move {
            let params = CatalogParams {
                q: Some(q.to_owned()),
                ..Default::default()
            };
            let started = Instant::now();
            loop {
                if index.current().is_some() {
                    let page = service::search(&db, &index, &params)
                        .await
                        .expect("searches");
                    if page.total == total {
                        return started.elapsed();
                    }
                }
                assert!(
                    started.elapsed() < Duration::from_secs(30),
                    "{q} never reached {total}"
                );
                tokio::time::sleep(Duration::from_millis(5)).await;
            }
        }
    };
    wait_for("港口", 0).await;
    listing(m, "port-calls")
        .title("港口船舶靠泊数据", "Port vessel call data")
        .insert(&db)
        .await;
    let seen_after = wait_for("港口", 1).await;
    eprintln!(
        "a new listing was found {} ms after its commit",
        seen_after.as_millis()
    );
    task.abort();
}
