//! The demo market generator against a real database: counts, constraints, search and
//! determinism.

use app::merchants::model::Uscc;
use server::seed::{self, DEFAULT_SEED, MarketPlan};
use server::startup;
use sqlx::PgPool;

async fn count(db: &PgPool, sql: &str) -> i64 {
    sqlx::query_scalar(sql)
        .fetch_one(db)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
}

#[sqlx::test(migrations = "../migrations")]
async fn the_demo_market_has_the_formation_and_realistic_listings(db: PgPool) {
    startup::migrate(&db).await.expect("migrations apply");

    let loaded = seed::seed_demo(&db).await.expect("seeds");

    assert!(loaded);
    let approved = |tier: &str| {
        format!("select count(*) from merchant where status = 'approved' and tier = '{tier}'")
    };
    assert_eq!(count(&db, &approved("leading")).await, 20);
    assert_eq!(count(&db, &approved("growing")).await, 115);
    assert_eq!(count(&db, &approved("inbound")).await, 500);
    for status in ["pending", "rejected", "suspended"] {
        let sql = format!("select count(*) from merchant where status = '{status}'");
        assert!(count(&db, &sql).await > 0, "no {status} merchants");
    }
    assert_eq!(
        count(&db, "select count(*) from merchant where status in ('rejected', 'suspended') and status_reason is null").await,
        0
    );
    // The demo buyer's orders with the demo merchant stand in every state, with their
    // history, deliveries, reviews and notifications.
    assert_eq!(
        count(&db, "select count(distinct status) from orders").await,
        6
    );
    assert_eq!(
        count(&db, "select count(*) from orders o where status <> (select to_status from order_event e where e.order_id = o.order_id order by order_event_id desc limit 1)").await,
        0
    );
    assert_eq!(count(&db, "select count(*) from review").await, 2);
    assert_eq!(count(&db, "select count(*) from inquiry").await, 2);
    assert_eq!(
        count(&db, "select count(distinct status) from requirement").await,
        2
    );
    assert_eq!(
        count(
            &db,
            "select count(*) from quote where requirement_id is not null"
        )
        .await,
        6
    );
    assert_eq!(
        count(
            &db,
            "select count(*) from quote where status = 'not-selected'"
        )
        .await,
        2
    );
    assert!(count(&db, "select count(*) from delivery").await >= 4);
    assert!(
        count(
            &db,
            "select count(*) from notification where kind like 'order_%'"
        )
        .await
            > 0
    );
    assert_eq!(
        count(&db, "select count(distinct region) from merchant").await,
        14,
        "every region is used"
    );
    assert_eq!(
        count(
            &db,
            "select count(distinct f) from merchant, unnest(service_fields) f"
        )
        .await,
        5
    );

    let listings = count(&db, "select count(*) from listing").await;
    assert!((2_500..=3_500).contains(&listings), "{listings} listings");
    for kind in ["dataset", "data-product", "service"] {
        let sql = format!("select count(*) from listing where kind = '{kind}' and is_public");
        assert!(count(&db, &sql).await > 100, "few public {kind} listings");
    }
    for status in ["published", "draft", "archived", "suspended"] {
        let sql = format!("select count(*) from listing where status = '{status}'");
        assert!(count(&db, &sql).await > 0, "no {status} listings");
    }
    assert_eq!(
        count(&db, "select count(*) from listing where status = 'suspended' and status_before_suspension is distinct from 'published'").await,
        0
    );
    assert_eq!(
        count(
            &db,
            "select count(*) from listing where status = 'published' and published_at is null"
        )
        .await,
        0
    );
    // Datasets carry their whole specification; other kinds none of it.
    assert_eq!(
        count(
            &db,
            "select count(*) from listing where kind = 'dataset' and (
                volume is null or time_coverage is null or update_frequency is null
                or label_schema is null or annotation_accuracy is null
                or jsonb_array_length(data_dictionary) not between 3 and 8
                or jsonb_array_length(sample -> 'rows') <> 3
                or jsonb_array_length(sample -> 'columns') <> jsonb_array_length(data_dictionary))"
        )
        .await,
        0
    );
    assert_eq!(
        count(&db, "select count(*) from listing where kind <> 'dataset' and (volume is not null or data_dictionary <> '[]' or sample <> '{}')").await,
        0
    );
    assert_eq!(
        count(&db, "select count(*) from listing where cardinality(industries) not between 1 and 3 or cardinality(delivery_modes) not between 1 and 3").await,
        0
    );
    // Facts fit each other: a variant's industries, a young company's certificates.
    assert_eq!(
        count(&db, "select count(*) from listing where title_en ilike '%(banking)%' and industries <> '{finance}'").await,
        0,
        "a banking corpus is tagged finance only"
    );
    assert!(
        count(
            &db,
            "select count(*) from listing where title_en ilike '%(banking)%'"
        )
        .await
            > 0
    );
    assert_eq!(
        count(&db, "select count(*) from merchant where founded_year > 2023 and '国家高新技术企业' = any(certifications)").await,
        0,
        "no start-up is a certified high-tech enterprise"
    );
    assert_eq!(
        count(&db, "select count(*) from merchant where founded_year > 2018 and 'CMMI 5' = any(certifications)").await,
        0
    );
    // The title's terms are the weight-A part of the search document.
    assert_eq!(
        count(
            &db,
            "select count(*) from listing where title_doc @@ '''标注'''::tsquery"
        )
        .await,
        count(
            &db,
            "select count(*) from listing where title_zh like '%标注%'"
        )
        .await
    );
    // Only approved merchants' published listings are public (the trigger's work).
    assert_eq!(
        count(&db, "select count(*) from listing l join merchant m using (merchant_id) where l.is_public <> (l.status = 'published' and m.status = 'approved') or l.merchant_tier <> m.tier or l.merchant_region <> m.region").await,
        0
    );

    // Search finds Chinese two-character words and English prefixes.
    let annotation_zh = count(
        &db,
        "select count(*) from listing where title_zh like '%标注%'",
    )
    .await;
    assert!(annotation_zh > 50, "{annotation_zh} titles with 标注");
    assert_eq!(
        count(&db, "select count(*) from listing where search_doc @@ '''标注'''::tsquery and title_zh like '%标注%'").await,
        annotation_zh
    );
    let annotation_en = count(
        &db,
        "select count(*) from listing where title_en ilike '%annotation%'",
    )
    .await;
    assert!(annotation_en > 50, "{annotation_en} titles with annotation");
    assert_eq!(
        count(&db, "select count(*) from listing where search_doc @@ '''annotation'':*'::tsquery and title_en ilike '%annotation%'").await,
        annotation_en
    );
    for (word, sql) in [
        (
            "数据",
            "select count(*) from listing where is_public and search_doc @@ '''数据'''::tsquery",
        ),
        (
            "安全",
            "select count(*) from listing where is_public and search_doc @@ '''安全'''::tsquery",
        ),
        (
            "security",
            "select count(*) from listing where is_public and search_doc @@ '''security'':*'::tsquery",
        ),
        (
            "工业",
            "select count(*) from listing where is_public and search_doc @@ '''工业'''::tsquery",
        ),
        (
            "industrial",
            "select count(*) from listing where is_public and search_doc @@ '''industrial'':*'::tsquery",
        ),
        (
            "merchants: 科技",
            "select count(*) from merchant where search_doc @@ '''科技'''::tsquery",
        ),
    ] {
        assert!(count(&db, sql).await > 20, "few results for {word}");
    }

    // Tier history, and the demo merchant account's merchant.
    assert_eq!(
        count(&db, "select count(*) from merchant m where m.status = 'approved' and not exists (select 1 from merchant_tier_change c where c.merchant_id = m.merchant_id and c.old_tier is null and c.new_tier = m.tier and c.changed_by is not null)").await,
        0
    );
    assert_eq!(
        count(&db, "select count(*) from merchant_member mm join app_user u using (app_user_id) join merchant m using (merchant_id) where u.email = 'merchant@demo.shushang.test' and m.tier = 'leading' and m.status = 'approved'").await,
        1
    );

    // Every USCC passes its checksum.
    let codes: Vec<String> = sqlx::query_scalar("select uscc from merchant")
        .fetch_all(&db)
        .await
        .expect("codes");
    assert!(codes.iter().all(|code| Uscc::parse(code).is_ok()));
}

#[sqlx::test(migrations = "../migrations")]
async fn seeding_a_database_that_holds_real_accounts_is_refused(db: PgPool) {
    startup::migrate(&db).await.expect("migrations apply");
    sqlx::query("insert into app_user (email, display_name, password_hash) values ('someone@example.com', 'Someone', 'x')")
        .execute(&db)
        .await
        .expect("user");

    let refused = seed::seed_demo(&db).await.expect_err("refused");

    assert!(
        refused.to_string().contains("only into an empty database"),
        "{refused}"
    );
    assert_eq!(count(&db, "select count(*) from app_user").await, 1);
    assert_eq!(count(&db, "select count(*) from merchant").await, 0);
    assert_eq!(count(&db, "select count(*) from listing").await, 0);
}

#[sqlx::test(migrations = "../migrations")]
async fn seeding_twice_loads_once(db: PgPool) {
    startup::migrate(&db).await.expect("migrations apply");
    let plan = MarketPlan::with_merchants(200, 11);
    assert!(seed::seed_demo_with(&db, &plan).await.expect("first run"));
    let listings = count(&db, "select count(*) from listing").await;

    assert!(!seed::seed_demo_with(&db, &plan).await.expect("second run"));

    assert_eq!(count(&db, "select count(*) from merchant").await, 200);
    assert_eq!(count(&db, "select count(*) from listing").await, listings);
}

#[sqlx::test(migrations = "../migrations")]
async fn an_exact_number_of_listings_can_be_asked_for(db: PgPool) {
    startup::migrate(&db).await.expect("migrations apply");
    let plan = MarketPlan {
        listings: Some(2_345),
        ..MarketPlan::with_merchants(300, 5)
    };

    assert!(seed::seed_demo_with(&db, &plan).await.expect("seeds"));

    assert_eq!(count(&db, "select count(*) from listing").await, 2_345);
    assert_eq!(count(&db, "select count(*) from merchant").await, 300);
}

#[test]
fn the_same_seed_gives_the_same_market() {
    let plan = MarketPlan::demo(DEFAULT_SEED);
    let first: Vec<_> = plan.merchants().collect();
    let second: Vec<_> = plan.merchants().collect();
    assert_eq!(first, second);
    let slugs: Vec<&str> = first.iter().map(|m| m.slug.as_str()).collect();
    let again: Vec<String> = plan.merchants().map(|m| m.slug).collect();
    assert_eq!(slugs, again);

    let listings = |merchants: &[seed::market::MerchantRow]| {
        plan.listings(merchants.iter().map(|m| m.seed.clone()).collect())
            .collect::<Vec<_>>()
    };
    assert_eq!(listings(&first), listings(&second));

    let other: Vec<String> = MarketPlan::demo(DEFAULT_SEED + 1)
        .merchants()
        .map(|m| m.slug)
        .collect();
    assert_ne!(slugs, other, "another seed gives another market");
}

#[test]
fn merchant_slugs_and_codes_are_unique_and_well_formed() {
    let merchants: Vec<_> = MarketPlan::with_merchants(5_000, 3).merchants().collect();
    let slugs: std::collections::HashSet<&str> =
        merchants.iter().map(|m| m.slug.as_str()).collect();
    let codes: std::collections::HashSet<&str> =
        merchants.iter().map(|m| m.uscc.as_str()).collect();
    assert_eq!(slugs.len(), merchants.len());
    assert_eq!(codes.len(), merchants.len());
    for merchant in &merchants {
        assert!(Uscc::parse(&merchant.uscc).is_ok(), "{}", merchant.uscc);
        assert!(
            merchant.slug.split('-').all(|part| !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())),
            "{}",
            merchant.slug
        );
    }
}

/// The ids of the rows of `table` whose stored search document differs from the one
/// `search_document` makes of the given terms.
async fn documents_differing(
    db: &PgPool,
    table: &str,
    terms: Vec<(i64, app::search::DocumentTerms)>,
) -> Vec<i64> {
    let (ids, (headings, bodies)): (Vec<i64>, (Vec<String>, Vec<String>)) = terms
        .into_iter()
        .map(|(id, terms)| (id, (terms.heading, terms.body)))
        .unzip();
    let sql = format!(
        "select t.{table}_id from {table} t
           join unnest($1::bigint[], $2::text[], $3::text[]) u(id, heading, body) on u.id = t.{table}_id
          where t.search_doc is distinct from search_document(u.heading, u.body)"
    );
    sqlx::query_scalar(&sql)
        .bind(&ids)
        .bind(&headings)
        .bind(&bodies)
        .fetch_all(db)
        .await
        .expect("comparison")
}

/// The bulk COPY path writes the same search documents as a row written one at a time:
/// for every merchant and listing the generator wrote, recomputing the document from
/// the row's stored texts with `DocumentTerms` and `search_document` gives it exactly.
#[sqlx::test(migrations = "../migrations")]
async fn bulk_written_search_documents_equal_the_ones_a_single_row_gets(db: PgPool) {
    use app::search::DocumentTerms;
    startup::migrate(&db).await.expect("migrations apply");
    seed::seed_demo(&db).await.expect("seeds");

    type Texts = (i64, String, String, String, String);
    let merchants: Vec<Texts> = sqlx::query_as(
        "select merchant_id, name_zh, name_en, description_zh, description_en from merchant",
    )
    .fetch_all(&db)
    .await
    .expect("merchants");
    assert!(merchants.len() > 600);
    let terms = merchants
        .iter()
        .map(|(id, nz, ne, dz, de)| (*id, DocumentTerms::of_merchant([nz, ne], [dz, de])))
        .collect();
    let differing = documents_differing(&db, "merchant", terms).await;
    assert_eq!(differing, Vec::<i64>::new(), "merchant documents differ");

    type ListingTexts = (i64, String, String, String, String, String, String);
    let listings: Vec<ListingTexts> = sqlx::query_as(
        "select listing_id, title_zh, title_en, summary_zh, summary_en, description_zh,
                description_en from listing",
    )
    .fetch_all(&db)
    .await
    .expect("listings");
    assert!(listings.len() > 2_000);
    let terms = listings
        .iter()
        .map(|(id, tz, te, sz, se, dz, de)| {
            (*id, DocumentTerms::of_listing([tz, te], [sz, se], [dz, de]))
        })
        .collect();
    let differing = documents_differing(&db, "listing", terms).await;
    assert_eq!(differing, Vec::<i64>::new(), "listing documents differ");
}
