//! The public market: catalog search, filters, facets, paging and visibility, against
//! PostgreSQL with small explicit fixtures.

mod common;

use app::catalog::model::CatalogParams;
use app::catalog::service;
use app::vocab::{DeliveryMode, ListingKind, ServiceField};
use axum::http::StatusCode;
use common::TestApp;
use common::market::{listing, merchant};
use sqlx::PgPool;

async fn migrated(db: &PgPool) {
    server::startup::migrate(db)
        .await
        .expect("migrations apply");
}

fn params(pairs: &[(&str, &str)]) -> CatalogParams {
    let query = serde_urlencoded::to_string(pairs).expect("encode");
    serde_urlencoded::from_str(&query).expect("decode")
}

async fn slugs(db: &PgPool, pairs: &[(&str, &str)]) -> Vec<String> {
    let page = service::search_sql(db, &params(pairs))
        .await
        .expect("search");
    page.listings.into_iter().map(|l| l.slug).collect()
}

#[sqlx::test(migrations = "../migrations")]
async fn filters_combine_and_facet_counts_match_the_results(db: PgPool) {
    migrated(&db).await;
    let a = merchant("alpha")
        .tier("leading")
        .region("ningbo")
        .insert(&db)
        .await;
    let b = merchant("beta").tier("growing").insert(&db).await;
    listing(a, "a-dataset-api")
        .kind("dataset")
        .delivery(&["api", "download"])
        .field("security")
        .insert(&db)
        .await;
    listing(a, "a-dataset-download")
        .kind("dataset")
        .delivery(&["download"])
        .insert(&db)
        .await;
    listing(a, "a-service")
        .kind("service")
        .delivery(&["on-site"])
        .field("security")
        .insert(&db)
        .await;
    listing(b, "b-dataset-api")
        .kind("dataset")
        .delivery(&["api"])
        .field("security")
        .insert(&db)
        .await;

    assert_eq!(
        slugs(&db, &[("kind", "dataset"), ("delivery", "api")]).await,
        ["b-dataset-api", "a-dataset-api"]
    );
    assert_eq!(
        slugs(
            &db,
            &[
                ("kind", "dataset"),
                ("delivery", "api"),
                ("tier", "leading")
            ]
        )
        .await,
        ["a-dataset-api"]
    );
    assert_eq!(
        slugs(&db, &[("field", "security"), ("region", "ningbo")]).await,
        ["a-service", "a-dataset-api"]
    );

    let page = service::search_sql(&db, &params(&[("kind", "dataset"), ("field", "security")]))
        .await
        .expect("search");
    assert_eq!(page.total, 2);
    assert_eq!(page.listings.len(), 2);
    // Each facet counts with the *other* filters applied.
    assert_eq!(
        page.facets.kind,
        vec![(ListingKind::Dataset, 2), (ListingKind::Service, 1)]
    );
    assert_eq!(
        page.facets.field,
        vec![
            (ServiceField::DataTechnology, 1),
            (ServiceField::Security, 2)
        ]
    );
    assert!(page.facets.delivery.contains(&(DeliveryMode::Api, 2)));
    assert!(page.facets.delivery.contains(&(DeliveryMode::Download, 1)));
    // Choosing a facet value gives exactly the count it showed.
    for (mode, count) in &page.facets.delivery {
        let narrowed = service::search_sql(
            &db,
            &params(&[
                ("kind", "dataset"),
                ("field", "security"),
                ("delivery", mode.slug()),
            ]),
        )
        .await
        .expect("search");
        assert_eq!(narrowed.total, *count, "{mode}");
        assert_eq!(narrowed.listings.len() as i64, *count, "{mode}");
    }
}

#[sqlx::test(migrations = "../migrations")]
async fn search_finds_chinese_and_english_words_and_ranks_titles_first(db: PgPool) {
    migrated(&db).await;
    let m = merchant("gamma").insert(&db).await;
    listing(m, "body-only")
        .title("工业数据治理咨询", "Industrial data governance consulting")
        .description("Includes annotation review. 含数据标注质检。")
        .insert(&db)
        .await;
    listing(m, "title-hit")
        .title("纺织面料缺陷标注服务", "Textile defect annotation service")
        .insert(&db)
        .await;
    listing(m, "unrelated")
        .title("企业信用评分 API", "Enterprise credit score API")
        .insert(&db)
        .await;

    assert_eq!(
        slugs(&db, &[("q", "标注")]).await,
        ["title-hit", "body-only"]
    );
    assert_eq!(
        slugs(&db, &[("q", "annotation")]).await,
        ["title-hit", "body-only"]
    );
    assert_eq!(
        slugs(&db, &[("q", "ANNOTAT")]).await,
        ["title-hit", "body-only"],
        "prefix, any case"
    );
    assert_eq!(slugs(&db, &[("q", "数据")]).await, ["body-only"]);
    assert_eq!(slugs(&db, &[("q", "信用评分")]).await, ["unrelated"]);
    assert!(slugs(&db, &[("q", "区块链")]).await.is_empty());
}

#[sqlx::test(migrations = "../migrations")]
async fn keyset_pages_neither_skip_nor_repeat(db: PgPool) {
    migrated(&db).await;
    let m = merchant("delta").insert(&db).await;
    for i in 0..47 {
        let price = if i % 5 == 0 {
            None
        } else {
            Some(1_000 * ((i * 7) % 13) as i64)
        };
        let pricing = if price.is_none() { "quote" } else { "fixed" };
        // "annotation" is in a third of the titles and in the text of the rest, so a
        // relevance page boundary falls between the two groups.
        let (title_en, text) = if i % 3 == 0 {
            (format!("Annotation batch {i}"), "")
        } else {
            (format!("Labelled batch {i}"), "annotation review")
        };
        listing(m, &format!("item-{i:02}"))
            .title(&format!("数据标注 {i}"), &title_en)
            .description(text)
            .price(pricing, price)
            .insert(&db)
            .await;
    }
    for sort in [
        vec![],
        vec![("sort", "price")],
        vec![("q", "annotation")],
        vec![("q", "标注"), ("sort", "price")],
    ] {
        let mut seen = Vec::new();
        let mut after: Option<String> = None;
        loop {
            let mut pairs = sort.clone();
            if let Some(cursor) = &after {
                pairs.push(("after", cursor.as_str()));
            }
            let page = service::search_sql(&db, &params(&pairs))
                .await
                .expect("search");
            assert!(page.ignored.is_empty(), "{:?}", page.ignored);
            seen.extend(page.listings.into_iter().map(|l| l.slug));
            match page.next {
                Some(next) => after = Some(next),
                None => break,
            }
        }
        let mut unique = seen.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(seen.len(), 47, "{sort:?}: every row once");
        assert_eq!(unique.len(), 47, "{sort:?}: no repeats");
        if sort == [("q", "annotation")] {
            // Title matches (every third item) first, each group newest first.
            let number = |slug: &String| slug["item-".len()..].parse::<i32>().expect("number");
            let title_hits: Vec<i32> = (0..47).rev().filter(|i| i % 3 == 0).collect();
            let text_hits: Vec<i32> = (0..47).rev().filter(|i| i % 3 != 0).collect();
            let order: Vec<i32> = seen.iter().map(number).collect();
            assert_eq!(order, [title_hits, text_hits].concat());
        }
    }
}

#[sqlx::test(migrations = "../migrations")]
async fn only_published_listings_of_approved_merchants_are_public(db: PgPool) {
    migrated(&db).await;
    let approved = merchant("open").insert(&db).await;
    let pending = merchant("waiting").status("pending").insert(&db).await;
    let suspended = merchant("paused").status("suspended").insert(&db).await;
    listing(approved, "visible").insert(&db).await;
    for (slug, status) in [
        ("draft-one", "draft"),
        ("archived-one", "archived"),
        ("suspended-one", "suspended"),
    ] {
        listing(approved, slug).status(status).insert(&db).await;
    }
    listing(pending, "pending-merchant").insert(&db).await;
    listing(suspended, "suspended-merchant").insert(&db).await;

    assert_eq!(slugs(&db, &[]).await, ["visible"]);
    let mut app = TestApp::spawn(db.clone()).await;
    for hidden in [
        "draft-one",
        "archived-one",
        "suspended-one",
        "pending-merchant",
        "suspended-merchant",
    ] {
        let page = app.get_html(&format!("/catalog/{hidden}"), "en").await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{hidden}");
        assert!(!page.body.contains(hidden), "{hidden} leaks");
    }
    assert_eq!(
        app.get_html("/merchants/waiting", "en").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get_html("/merchants/open", "en").await.status,
        StatusCode::OK
    );

    // Suspending the merchant later hides its listings at once; approving it again shows them.
    sqlx::query("update merchant set status = 'suspended' where merchant_id = $1")
        .bind(approved)
        .execute(&db)
        .await
        .expect("suspend");
    assert!(slugs(&db, &[]).await.is_empty());
    sqlx::query("update merchant set status = 'approved' where merchant_id = $1")
        .bind(approved)
        .execute(&db)
        .await
        .expect("approve");
    assert_eq!(slugs(&db, &[]).await, ["visible"]);
}

#[sqlx::test(migrations = "../migrations")]
async fn pages_render_on_the_server_with_their_content(db: PgPool) {
    migrated(&db).await;
    let m = merchant("epsilon").tier("leading").insert(&db).await;
    listing(m, "textile-annotation")
        .title(
            "纺织面料缺陷标注数据集",
            "Textile defect annotation dataset",
        )
        .kind("dataset")
        .insert(&db)
        .await;
    let mut app = TestApp::spawn(db).await;

    let catalog = app.get_html("/catalog?q=%E6%A0%87%E6%B3%A8", "zh-CN").await;
    assert_eq!(catalog.status, StatusCode::OK);
    // The title, with what the search matched marked.
    assert!(
        catalog.body.contains("纺织面料缺陷<mark>标注</mark>数据集"),
        "{}",
        catalog.body
    );

    let detail = app.get_html("/catalog/textile-annotation", "en").await;
    assert_eq!(detail.status, StatusCode::OK);
    assert!(detail.body.contains("Textile defect annotation dataset"));
    assert!(detail.body.contains(r#"rel="canonical""#));
    assert!(
        detail
            .body
            .contains(r#"href="http://127.0.0.1:3000/catalog/textile-annotation""#),
        "the canonical link is absolute"
    );

    let home = app.get_html("/", "en").await;
    assert!(
        home.body.contains("epsilon Data Technology Co., Ltd."),
        "leading merchants on the home page"
    );

    let directory = app.get_html("/merchants?tier=leading", "en").await;
    assert!(directory.body.contains("epsilon Data Technology Co., Ltd."));
}

#[sqlx::test(migrations = "../migrations")]
async fn bad_query_strings_give_a_normal_page_with_a_message(db: PgPool) {
    migrated(&db).await;
    let mut app = TestApp::spawn(db).await;
    let long = "数".repeat(3000);
    for path in [
        "/catalog?kind=spaceship".to_owned(),
        "/catalog?sort=%3Cscript%3Ealert(1)%3C%2Fscript%3E".to_owned(),
        "/catalog?q=%27%3B%20drop%20table%20listing%3B%20--".to_owned(),
        format!("/catalog?q={}", long),
        "/catalog?after=not-a-cursor".to_owned(),
        "/merchants?tier=emperor&after=9-9".to_owned(),
    ] {
        let page = app.get_html(&path, "en").await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        assert!(
            !page.body.contains("<script>alert(1)"),
            "{path} echoes raw HTML"
        );
    }
    assert_eq!(
        app.get_html("/catalog?q=%FF%FE%FD", "en").await.status,
        StatusCode::BAD_REQUEST,
        "bytes that are not text are refused at the door"
    );
    let page = app.get_html("/catalog?kind=spaceship", "en").await;
    assert!(
        page.body.contains("Ignored an unknown value"),
        "the page says what it ignored"
    );
    for (path, language, notice) in [
        (
            "/catalog?q=one+two+three+four+five+six+seven+eight+nine+ten",
            "en",
            "Only the first 8 search terms were used; left out: nine ten",
        ),
        (
            "/merchants?q=数据安全治理服务平台",
            "zh-CN",
            "只按前 8 个检索词搜索，已忽略：台",
        ),
    ] {
        let page = app.get_html(path, language).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        assert!(page.body.contains(notice), "{path}");
    }
    assert_eq!(
        app.get_html("/catalog/no-such-listing", "en").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get_html("/merchants/no-such-merchant", "zh-CN")
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn robots_and_sitemaps_list_the_public_pages_only(db: PgPool) {
    migrated(&db).await;
    let open = merchant("shown").insert(&db).await;
    let hidden = merchant("hidden").status("pending").insert(&db).await;
    listing(open, "public-offer").insert(&db).await;
    listing(open, "draft-offer")
        .status("draft")
        .insert(&db)
        .await;
    listing(hidden, "pending-offer").insert(&db).await;
    let mut app = TestApp::spawn(db).await;

    let robots = app.get("/robots.txt").await;
    assert!(
        robots
            .body
            .contains("Sitemap: http://127.0.0.1:3000/sitemap.xml"),
        "{}",
        robots.body
    );

    assert!(
        !robots.body.contains("Disallow: /login"),
        "people search for a sign-in page; only the account stays out"
    );

    let index = app.get("/sitemap.xml").await;
    assert!(
        index.body.contains("/sitemaps/merchants-0.xml")
            && index.body.contains("/sitemaps/listings-0.xml")
    );
    let listings = app.get("/sitemaps/listings-0.xml").await.body;
    assert!(listings.contains("/catalog/public-offer"));
    assert!(!listings.contains("draft-offer") && !listings.contains("pending-offer"));
    let merchants = app.get("/sitemaps/merchants-0.xml").await.body;
    assert!(merchants.contains("/merchants/shown") && !merchants.contains("/merchants/hidden"));
    for past_the_end in [
        "/sitemaps/listings-x.xml",
        "/sitemaps/listings-1.xml",
        "/sitemaps/merchants-999.xml",
        "/sitemaps/listings--1.xml",
        "/sitemaps/pages-0.xml",
    ] {
        assert_eq!(
            app.get(past_the_end).await.status,
            StatusCode::NOT_FOUND,
            "{past_the_end}"
        );
    }
}

/// Every value a facet offers, as (parameter, value, count).
fn facet_links(facets: &app::catalog::model::Facets) -> Vec<(&'static str, &'static str, i64)> {
    let mut links = Vec::new();
    links.extend(facets.kind.iter().map(|(v, n)| ("kind", v.slug(), *n)));
    links.extend(facets.field.iter().map(|(v, n)| ("field", v.slug(), *n)));
    links.extend(
        facets
            .industry
            .iter()
            .map(|(v, n)| ("industry", v.slug(), *n)),
    );
    links.extend(
        facets
            .delivery
            .iter()
            .map(|(v, n)| ("delivery", v.slug(), *n)),
    );
    links.extend(
        facets
            .pricing
            .iter()
            .map(|(v, n)| ("pricing", v.slug(), *n)),
    );
    links.extend(facets.tier.iter().map(|(v, n)| ("tier", v.slug(), *n)));
    links.extend(facets.region.iter().map(|(v, n)| ("region", v.slug(), *n)));
    links
}

/// Every result of a search, page after page.
async fn all_results(db: &PgPool, pairs: &[(&str, &str)]) -> usize {
    let mut seen = 0;
    let mut after: Option<String> = None;
    loop {
        let mut pairs = pairs.to_vec();
        if let Some(cursor) = &after {
            pairs.push(("after", cursor));
        }
        let page = service::search_sql(db, &params(&pairs))
            .await
            .expect("search");
        seen += page.listings.len();
        match page.next {
            Some(next) => after = Some(next),
            None => return seen,
        }
    }
}

/// On the demo market, with and without text and with up to three filters: following any
/// facet link gives exactly as many results as the link said.
#[sqlx::test(migrations = "../migrations")]
async fn every_facet_count_is_the_number_of_results_it_leads_to(db: PgPool) {
    migrated(&db).await;
    server::seed::seed_demo(&db).await.expect("seeds");
    let searches: [&[(&str, &str)]; 6] = [
        &[("kind", "service"), ("industry", "manufacturing")],
        &[("q", "标注")],
        &[("q", "data"), ("kind", "dataset")],
        &[
            ("q", "标注"),
            ("field", "data-technology"),
            ("delivery", "download"),
        ],
        &[("q", "安全"), ("tier", "growing"), ("pricing", "quote")],
        &[
            ("q", "数据"),
            ("tier", "leading"),
            ("region", "hangzhou"),
            ("kind", "service"),
        ],
    ];
    for base in searches {
        let page = service::search_sql(&db, &params(base))
            .await
            .expect("search");
        assert!(page.ignored.is_empty(), "{base:?}");
        let links = facet_links(&page.facets);
        assert!(links.iter().any(|(_, _, n)| *n > 0), "{base:?}: no facets");
        for (name, value, count) in links {
            let mut narrowed: Vec<(&str, &str)> =
                base.iter().copied().filter(|(k, _)| *k != name).collect();
            narrowed.push((name, value));
            let results = service::search_sql(&db, &params(&narrowed))
                .await
                .expect("search");
            assert_eq!(results.total, count, "{narrowed:?}");
            if count <= 60 {
                assert_eq!(
                    all_results(&db, &narrowed).await as i64,
                    count,
                    "{narrowed:?}"
                );
            }
        }
    }
}

/// Every page of the merchant directory, with the text probe of the given size.
async fn directory_ids(
    db: &PgPool,
    filter: &app::merchants::repo::DirectoryFilter<'_>,
    probe_rows: i64,
) -> Vec<i64> {
    let mut ids = Vec::new();
    let mut after = None;
    loop {
        let (cards, next) =
            app::merchants::repo::directory_probing(db, filter, after, 20, probe_rows)
                .await
                .expect("directory");
        ids.extend(cards.iter().map(|c| c.id));
        match next {
            Some(next) => after = Some(next),
            None => return ids,
        }
    }
}

/// The directory's text search walks a bounded number of merchants first and asks the
/// GIN index when that does not fill the page: both paths give the same pages, in
/// directory order, none skipped or repeated.
#[sqlx::test(migrations = "../migrations")]
async fn directory_text_search_gives_the_same_pages_either_way(db: PgPool) {
    use app::merchants::repo::DirectoryFilter;
    use app::search::SearchQuery;
    use app::vocab::{Region, Tier};

    migrated(&db).await;
    server::seed::seed_demo(&db).await.expect("seeds");
    let queries: Vec<SearchQuery> = ["数据", "标注", "security", "隐私计算"]
        .iter()
        .map(|q| SearchQuery::parse(q).expect("query"))
        .collect();
    for query in &queries {
        for (tier, field, region) in [
            (None, None, None),
            (Some(Tier::Inbound), None, None),
            (None, Some(ServiceField::Security), Some(Region::Hangzhou)),
        ] {
            let filter = DirectoryFilter {
                query: Some(query),
                tier,
                field,
                region,
            };
            let walked = directory_ids(&db, &filter, 100_000).await;
            let indexed = directory_ids(&db, &filter, 3).await;
            assert_eq!(walked, indexed, "{query:?} {tier:?} {field:?} {region:?}");
            let mut unique = walked.clone();
            unique.sort_unstable();
            unique.dedup();
            assert_eq!(unique.len(), walked.len(), "no repeats");
        }
    }
    let approved_with_data: i64 = sqlx::query_scalar(
        "select count(*) from merchant where status = 'approved' and search_doc @@ '''数据'''::tsquery",
    )
    .fetch_one(&db)
    .await
    .expect("count");
    let found = directory_ids(
        &db,
        &DirectoryFilter {
            query: Some(&queries[0]),
            tier: None,
            field: None,
            region: None,
        },
        3,
    )
    .await;
    assert_eq!(found.len() as i64, approved_with_data);
    assert!(found.len() > 40, "more than two pages");
}
