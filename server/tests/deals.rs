//! Orders against a real Postgres, through the whole router: placing (server-side
//! totals, idempotency under races), every (state, move, side) of the order machine,
//! refusals that change nothing, reviews, and who may see what.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::market::listing;
use common::{TestApp, approved_with_owner};
use sqlx::PgPool;
use tower::ServiceExt;

/// A market of one merchant (its owner signed in), one priced listing, and a buyer.
struct Deal {
    db: PgPool,
    merchant_id: i64,
    listing_id: i64,
    seller: TestApp,
    buyer: TestApp,
}

const KEY: &str = "0123456789abcdef0123456789abcdef";

/// A store for delivered files and the folder it keeps them in.
type Store = (server::files::Files, std::path::PathBuf);

impl Deal {
    async fn new(db: PgPool) -> Self {
        Self::keeping_files(db, None).await
    }

    /// With every party's delivered files in `store`, else in the test's local folder.
    async fn keeping_files(db: PgPool, store: Option<&Store>) -> Self {
        let spawn = |db: PgPool| async move {
            match store {
                Some((files, dir)) => {
                    TestApp::spawn_with_files(db, files.clone(), dir.clone()).await
                }
                None => TestApp::spawn(db).await,
            }
        };
        let mut seller = spawn(db.clone()).await;
        let merchant_id =
            approved_with_owner(&db, &mut seller, "seller", "owner@seller.example.cn").await;
        let listing_id = listing(merchant_id, "defect-labels")
            .title("缺陷标注", "Defect labelling")
            .price("fixed", Some(100_050))
            .insert(&db)
            .await;
        let mut buyer = spawn(db.clone()).await;
        buyer.verified_user("buyer@example.com", "Bea Buyer").await;
        Self {
            db,
            merchant_id,
            listing_id,
            seller,
            buyer,
        }
    }

    async fn place(&mut self, quantity: &str, key: &str) -> common::TestResponse {
        let listing_id = self.listing_id.to_string();
        self.buyer
            .call(
                "orders/place",
                &[
                    ("listing_id", &listing_id),
                    ("quantity", quantity),
                    ("key", key),
                ],
            )
            .await
    }

    /// A new order, placed by the buyer; its id.
    async fn order(&mut self, key: &str) -> i64 {
        let placed = self.place("3", key).await;
        assert_eq!(placed.status, StatusCode::OK, "{}", placed.body);
        sqlx::query_scalar("select order_id from orders where idempotency_key = $1")
            .bind(key)
            .fetch_one(&self.db)
            .await
            .expect("the order")
    }

    async fn status_and_events(&self, order_id: i64) -> (String, i64) {
        sqlx::query_as(
            "select status, (select count(*) from order_event e where e.order_id = o.order_id)
               from orders o where order_id = $1",
        )
        .bind(order_id)
        .fetch_one(&self.db)
        .await
        .expect("an order")
    }
}

async fn make_move(
    app: &mut TestApp,
    order_id: i64,
    change: &str,
    note: &str,
) -> common::TestResponse {
    app.call(
        "orders/move",
        &[
            ("order_id", &order_id.to_string()),
            ("change", change),
            ("note", note),
        ],
    )
    .await
}

#[sqlx::test(migrations = "../migrations")]
async fn an_order_keeps_what_was_bought_and_the_server_computes_the_total(db: PgPool) {
    let mut deal = Deal::new(db.clone()).await;
    let listing_id = deal.listing_id.to_string();
    // A browser that sends its own price and total is ignored.
    let placed = deal
        .buyer
        .call(
            "orders/place",
            &[
                ("listing_id", &listing_id),
                ("quantity", "3"),
                ("key", KEY),
                ("unit_price_fen", "1"),
                ("total_fen", "3"),
            ],
        )
        .await;
    assert_eq!(placed.status, StatusCode::OK, "{}", placed.body);
    let (id, unit, quantity, total, status): (i64, i64, i32, i64, String) =
        sqlx::query_as("select order_id, unit_price_fen, quantity, total_fen, status from orders")
            .fetch_one(&db)
            .await
            .expect("one order");
    assert_eq!(
        (unit, quantity, total, status.as_str()),
        (100_050, 3, 300_150, "placed")
    );

    // The merchant changes the listing afterwards: the order shows what was bought.
    sqlx::query("update listing set title_en = 'Renamed', price_fen = 1 where listing_id = $1")
        .bind(deal.listing_id)
        .execute(&db)
        .await
        .expect("update");
    let page = deal.buyer.get_html(&format!("/orders/{id}"), "en").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Defect labelling"), "{}", page.body);
    assert!(page.body.contains("¥3,001.50"));
    assert!(!page.body.contains("Renamed"));
    let seen = deal.seller.get_html(&format!("/orders/{id}"), "zh").await;
    assert!(
        seen.body.contains("缺陷标注") && seen.body.contains("接单"),
        "the merchant may accept"
    );

    // The merchant's members were told, in the order's transaction.
    let told: i64 = sqlx::query_scalar(
        "select count(*) from notification n join merchant_member m using (app_user_id)
          where m.merchant_id = $1 and n.kind = 'order_placed'",
    )
    .bind(deal.merchant_id)
    .fetch_one(&db)
    .await
    .expect("count");
    assert_eq!(told, 1);
    let lists = [
        deal.buyer.get_html("/account/orders", "en").await,
        deal.seller
            .get_html("/merchant/orders?status=placed", "en")
            .await,
    ];
    for list in lists {
        assert!(
            list.body.contains(&format!("/orders/{id}")),
            "{}",
            list.body
        );
    }
    let none = deal
        .seller
        .get_html("/merchant/orders?status=completed", "en")
        .await;
    assert!(!none.body.contains(&format!("/orders/{id}")));
}

#[sqlx::test(migrations = "../migrations")]
async fn orders_that_cannot_be_placed_are_refused_and_write_nothing(db: PgPool) {
    let mut deal = Deal::new(db.clone()).await;
    for bad in ["0", "-2", "1.5", "100001", "lots", ""] {
        let refused = deal.place(bad, KEY).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
        assert_eq!(refused.json()["errors"][0]["field"], "quantity", "{bad}");
    }
    let refused = deal.place("1", "short").await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST, "a malformed key");

    let quote = listing(deal.merchant_id, "on-request")
        .price("quote", None)
        .insert(&db)
        .await;
    let draft = listing(deal.merchant_id, "draft-one")
        .status("draft")
        .insert(&db)
        .await;
    for (listing_id, expected) in [
        (quote, StatusCode::CONFLICT),
        (draft, StatusCode::NOT_FOUND),
        (999_999, StatusCode::NOT_FOUND),
    ] {
        let answer = deal
            .buyer
            .call(
                "orders/place",
                &[
                    ("listing_id", &listing_id.to_string()),
                    ("quantity", "1"),
                    ("key", KEY),
                ],
            )
            .await;
        assert_eq!(answer.status, expected, "{listing_id}: {}", answer.body);
    }
    // A merchant's members cannot buy from it; unverified people and visitors cannot buy.
    let listing_id = deal.listing_id.to_string();
    let fields = [
        ("listing_id", listing_id.as_str()),
        ("quantity", "1"),
        ("key", KEY),
    ];
    assert_eq!(
        deal.seller.call("orders/place", &fields).await.status,
        StatusCode::FORBIDDEN
    );
    let mut unverified = TestApp::spawn(db.clone()).await;
    unverified.register("new@example.com", "New").await;
    assert_eq!(
        unverified.call("orders/place", &fields).await.status,
        StatusCode::FORBIDDEN
    );
    let mut visitor = TestApp::spawn(db.clone()).await;
    assert_eq!(
        visitor.call("orders/place", &fields).await.status,
        StatusCode::UNAUTHORIZED
    );
    let orders: i64 = sqlx::query_scalar("select count(*) from orders")
        .fetch_one(&db)
        .await
        .expect("count");
    assert_eq!(orders, 0);
}

#[sqlx::test(migrations = "../migrations")]
async fn without_javascript_a_refused_order_comes_back_with_its_message_and_quantity(db: PgPool) {
    let mut deal = Deal::new(db.clone()).await;
    let listing_id = deal.listing_id.to_string();
    let page = "/catalog/defect-labels";
    let refused = deal
        .buyer
        .submit_form(
            "orders/place",
            &[
                ("listing_id", &listing_id),
                ("quantity", "100001"),
                ("key", KEY),
            ],
            page,
        )
        .await;
    assert!(refused.status.is_redirection(), "{}", refused.status);
    let back = deal.buyer.get_html(page, "zh").await;
    assert!(
        back.body.contains("请输入 1 到 100000 之间的整数"),
        "{}",
        back.body
    );
    assert!(back.body.contains("value=\"100001\""));
    let placed = deal
        .buyer
        .submit_form(
            "orders/place",
            &[("listing_id", &listing_id), ("quantity", "2"), ("key", KEY)],
            page,
        )
        .await;
    let id: i64 = sqlx::query_scalar("select order_id from orders")
        .fetch_one(&db)
        .await
        .expect("an order");
    assert_eq!(
        placed.header("location"),
        Some(format!("/orders/{id}").as_str())
    );
}

/// Puts order `id` in `status` directly, as the moves before would have, placed two
/// hours ago as those moves would take (so that a test placing many orders stays
/// within the hour's quota).
async fn force_status(db: &PgPool, id: i64, status: &str) {
    sqlx::query(
        "update orders set status = $2, created_at = created_at - interval '2 hours'
          where order_id = $1",
    )
    .bind(id)
    .bind(status)
    .execute(db)
    .await
    .expect("status");
}

#[sqlx::test(migrations = "../migrations")]
async fn every_state_move_and_side_of_the_order_machine(db: PgPool) {
    use app::deals::machine::{Move, Side, next};
    use app::vocab::OrderStatus;
    let mut deal = Deal::new(db.clone()).await;
    let mut stranger = TestApp::spawn(db.clone()).await;
    stranger
        .verified_user("stranger@example.com", "Stranger")
        .await;
    let mut rival = TestApp::spawn(db.clone()).await;
    approved_with_owner(&db, &mut rival, "rival", "owner@rival.example.cn").await;
    let mut n = 0;
    for status in OrderStatus::ALL {
        for mv in Move::ALL {
            for side in [Side::Buyer, Side::Merchant] {
                n += 1;
                let id = deal.order(&format!("{KEY}{n:04}")).await;
                force_status(&db, id, status.slug()).await;
                let before = deal.status_and_events(id).await;
                // People with no part in the order cannot even tell that it exists.
                for outsider in [&mut stranger, &mut rival] {
                    let answer = make_move(outsider, id, mv.slug(), "a note").await;
                    assert_eq!(answer.status, StatusCode::NOT_FOUND, "{status} {mv:?}");
                }
                let app = match side {
                    Side::Buyer => &mut deal.buyer,
                    Side::Merchant => &mut deal.seller,
                };
                let answer = make_move(app, id, mv.slug(), "a note").await;
                let after = deal.status_and_events(id).await;
                match next(*status, *mv, side) {
                    Some((to, _)) => {
                        assert_eq!(
                            answer.status,
                            StatusCode::OK,
                            "{status} {mv:?} {side:?}: {}",
                            answer.body
                        );
                        assert_eq!(
                            after,
                            (to.slug().to_owned(), before.1 + 1),
                            "{status} {mv:?} {side:?}"
                        );
                    }
                    None => {
                        assert_eq!(
                            answer.status,
                            StatusCode::CONFLICT,
                            "{status} {mv:?} {side:?}: {}",
                            answer.body
                        );
                        assert_eq!(after, before, "a refused move changes nothing");
                    }
                }
            }
        }
    }
    // Every event has its state change and the reverse: each order's last event is its status.
    let mismatched: i64 = sqlx::query_scalar(
        "select count(*) from orders o
          where o.status <> (select to_status from order_event e where e.order_id = o.order_id
                              order by order_event_id desc limit 1)
            and exists (select 1 from order_event e where e.order_id = o.order_id and e.from_status is not null)",
    )
    .fetch_one(&db)
    .await
    .expect("count");
    assert_eq!(mismatched, 0);
}

#[sqlx::test(migrations = "../migrations")]
async fn notes_are_required_where_the_machine_says_and_kept_after_a_refusal(db: PgPool) {
    let mut deal = Deal::new(db.clone()).await;
    let id = deal.order(KEY).await;
    let refused = make_move(&mut deal.seller, id, "reject", "   ").await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(refused.json()["errors"][0]["field"], "note");
    assert_eq!(deal.status_and_events(id).await, ("placed".to_owned(), 1));
    // Without JavaScript the form shows the message beside this move's note.
    let page = format!("/orders/{id}");
    let id_text = id.to_string();
    deal.seller
        .submit_form(
            "orders/move",
            &[
                ("order_id", &id_text),
                ("change", "reject"),
                ("note", "\u{202e}hidden"),
            ],
            &page,
        )
        .await;
    let back = deal.seller.get_html(&page, "en").await;
    assert!(back.body.contains("Remove the invisible"), "{}", back.body);
    let accepted = make_move(&mut deal.seller, id, "accept", "").await;
    assert_eq!(accepted.status, StatusCode::OK);
    let unknown = make_move(&mut deal.seller, id, "steal", "").await;
    assert_eq!(unknown.status, StatusCode::BAD_REQUEST);

    // Deliver, request changes, deliver again, complete: the page shows the history.
    for (buyer_moves, change, note) in [
        (false, "deliver", "Labels v1 at the usual address."),
        (true, "request-changes", "Please add the 2025 images."),
        (false, "deliver", "Labels v2 with 2025."),
        (true, "complete", ""),
    ] {
        let app = if buyer_moves {
            &mut deal.buyer
        } else {
            &mut deal.seller
        };
        let answer = make_move(app, id, change, note).await;
        assert_eq!(answer.status, StatusCode::OK, "{change}: {}", answer.body);
    }
    let deliveries: i64 = sqlx::query_scalar("select count(*) from delivery where order_id = $1")
        .bind(id)
        .fetch_one(&db)
        .await
        .expect("count");
    assert_eq!(deliveries, 2);
    let page = deal.buyer.get_html(&page, "en").await;
    for text in [
        "Labels v1",
        "Please add the 2025 images.",
        "Labels v2",
        "Completed",
    ] {
        assert!(page.body.contains(text), "{text}");
    }
    let buyer_told: Vec<String> = sqlx::query_scalar(
        "select kind from notification n join app_user u using (app_user_id)
          where u.email = 'buyer@example.com' order by notification_id",
    )
    .fetch_all(&db)
    .await
    .expect("kinds");
    assert_eq!(
        buyer_told,
        ["order_accepted", "order_delivered", "order_delivered"]
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn a_completed_order_is_reviewed_once_by_its_buyer_only(db: PgPool) {
    let mut deal = Deal::new(db.clone()).await;
    let id = deal.order(KEY).await;
    assert_eq!(
        review(&mut deal.buyer, id, "5").await.status,
        StatusCode::CONFLICT,
        "not completed yet"
    );
    force_status(&db, id, "completed").await;
    assert_eq!(
        review(&mut deal.seller, id, "5").await.status,
        StatusCode::FORBIDDEN,
        "members cannot review"
    );
    let mut stranger = TestApp::spawn(db.clone()).await;
    stranger
        .verified_user("stranger@example.com", "Stranger")
        .await;
    assert_eq!(
        review(&mut stranger, id, "5").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        review(&mut deal.buyer, id, "6").await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(
        review(&mut deal.buyer, id, "4").await.status,
        StatusCode::OK
    );
    assert_eq!(
        review(&mut deal.buyer, id, "5").await.status,
        StatusCode::CONFLICT,
        "only once"
    );
    let (count, stars): (i32, i32) =
        sqlx::query_as("select review_count, review_stars from merchant where merchant_id = $1")
            .bind(deal.merchant_id)
            .fetch_one(&db)
            .await
            .expect("rating");
    assert_eq!((count, stars), (1, 4));
    let profile = deal.buyer.get_html("/merchants/seller", "en").await;
    assert!(profile.body.contains("4.0"), "the profile shows the rating");
}

async fn review(app: &mut TestApp, order_id: i64, stars: &str) -> common::TestResponse {
    let id = order_id.to_string();
    let fields = [
        ("order_id", id.as_str()),
        ("stars", stars),
        ("comment", "Fast and careful."),
    ];
    app.call("orders/review", &fields).await
}

/// Sends `requests` at once through clones of the router.
async fn race(app: &TestApp, requests: Vec<Request<Body>>) -> Vec<StatusCode> {
    let tasks: Vec<_> = requests
        .into_iter()
        .map(|mut request| {
            app.prepare(&mut request);
            let router = app.router();
            tokio::spawn(async move { router.oneshot(request).await.map(|r| r.status()) })
        })
        .collect();
    let mut statuses = Vec::new();
    for task in tasks {
        statuses.push(task.await.expect("task").expect("answer"));
    }
    statuses
}

/// Fifty keys at once are more than the quota per merchant: exactly as many orders as
/// it allows are placed (parallel placements count each other), the rest refused.
#[sqlx::test(migrations = "../migrations")]
async fn fifty_racing_placements_with_one_key_make_one_order_and_with_fifty_keys_the_quota(
    db: PgPool,
) {
    use app::deals::quota::ORDERS_WITH_MERCHANT;
    let deal = Deal::new(db.clone()).await;
    let listing_id = deal.listing_id.to_string();
    let place = |key: String| {
        TestApp::call_request(
            "orders/place",
            &[
                ("listing_id", &listing_id),
                ("quantity", "1"),
                ("key", &key),
            ],
        )
    };
    let same: Vec<_> = (0..50).map(|_| place(KEY.to_owned())).collect();
    let statuses = race(&deal.buyer, same).await;
    assert!(
        statuses.iter().all(|s| *s == StatusCode::OK),
        "{statuses:?}"
    );
    let count = |db: PgPool| async move {
        sqlx::query_as::<_, (i64, i64)>(
            "select (select count(*) from orders), (select count(*) from order_event)",
        )
        .fetch_one(&db)
        .await
        .expect("count")
    };
    assert_eq!(count(db.clone()).await, (1, 1));
    let distinct: Vec<_> = (0..50).map(|n| place(format!("{KEY}{n:02}"))).collect();
    let statuses = race(&deal.buyer, distinct).await;
    let placed = statuses.iter().filter(|s| **s == StatusCode::OK).count() as i64;
    let refused = statuses
        .iter()
        .filter(|s| **s == StatusCode::TOO_MANY_REQUESTS)
        .count() as i64;
    assert_eq!(
        (placed, refused),
        (ORDERS_WITH_MERCHANT - 1, 51 - ORDERS_WITH_MERCHANT),
        "{statuses:?}"
    );
    assert_eq!(
        count(db.clone()).await,
        (ORDERS_WITH_MERCHANT, ORDERS_WITH_MERCHANT)
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn orders_past_their_quotas_are_refused_per_merchant_and_per_hour(db: PgPool) {
    use app::deals::quota::{ORDERS, ORDERS_WITH_MERCHANT};
    let mut deal = Deal::new(db.clone()).await;
    for n in 0..ORDERS_WITH_MERCHANT {
        deal.order(&format!("{KEY}{n:02}")).await;
    }
    let refused = deal.place("7", &format!("{KEY}xx")).await;
    assert_eq!(
        refused.status,
        StatusCode::TOO_MANY_REQUESTS,
        "{}",
        refused.body
    );
    let body = refused.json();
    assert_eq!(
        (body["quota"].as_str(), body["limit"].as_i64()),
        (Some("orders_with_merchant"), Some(ORDERS_WITH_MERCHANT))
    );
    assert_eq!(body["typed"], serde_json::json!([["quantity", "7"]]));
    // A retry of a placed order is no new order: it is answered, not refused.
    let retried = deal.place("3", &format!("{KEY}00")).await;
    assert_eq!(retried.status, StatusCode::OK, "{}", retried.body);

    // Without JavaScript the listing's form says why and keeps the quantity.
    let slug = "/catalog/defect-labels";
    let listing_id = deal.listing_id.to_string();
    let posted = deal
        .buyer
        .submit_form(
            "orders/place",
            &[
                ("listing_id", &listing_id),
                ("quantity", "7"),
                ("key", &format!("{KEY}yy")),
            ],
            slug,
        )
        .await;
    assert!(posted.status.is_redirection(), "{}", posted.status);
    let back = deal.buyer.get_html(slug, "en").await;
    assert!(
        back.body
            .contains("You have placed 10 orders with this merchant in the last hour")
            && back.body.contains("value=\"7\""),
        "{}",
        back.body
    );

    // Another buyer of the same merchant is not held back.
    let mut other = TestApp::spawn(db.clone()).await;
    other.verified_user("other@example.com", "Otto").await;
    let placed = other
        .call(
            "orders/place",
            &[("listing_id", &listing_id), ("quantity", "1"), ("key", KEY)],
        )
        .await;
    assert_eq!(placed.status, StatusCode::OK, "{}", placed.body);

    // Other merchants, up to the quota per hour.
    let mut listings = Vec::new();
    for n in 0..3 {
        let merchant_id = common::market::merchant(&format!("other-{n}"))
            .insert(&db)
            .await;
        listings.push(
            listing(merchant_id, &format!("offer-{n}"))
                .insert(&db)
                .await
                .to_string(),
        );
    }
    let mut placed = ORDERS_WITH_MERCHANT;
    for listing_id in &listings[..2] {
        for n in 0..ORDERS_WITH_MERCHANT {
            let key = format!("{KEY}L{listing_id}N{n}");
            let answer = deal
                .buyer
                .call(
                    "orders/place",
                    &[("listing_id", listing_id), ("quantity", "1"), ("key", &key)],
                )
                .await;
            assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
            placed += 1;
        }
    }
    assert_eq!(placed, ORDERS);
    let refused = deal
        .buyer
        .call(
            "orders/place",
            &[
                ("listing_id", &listings[2]),
                ("quantity", "1"),
                ("key", &format!("{KEY}last")),
            ],
        )
        .await;
    assert_eq!(
        refused.status,
        StatusCode::TOO_MANY_REQUESTS,
        "{}",
        refused.body
    );
    assert_eq!(refused.json()["quota"].as_str(), Some("orders"));
    let of_buyer: i64 = sqlx::query_scalar(
        "select count(*) from orders o join app_user u on u.app_user_id = o.buyer_id
          where u.email = 'buyer@example.com'",
    )
    .fetch_one(&db)
    .await
    .expect("count");
    assert_eq!(of_buyer, ORDERS);
}

#[sqlx::test(migrations = "../migrations")]
async fn when_accept_and_cancel_race_exactly_one_wins(db: PgPool) {
    let mut deal = Deal::new(db.clone()).await;
    for round in 0..10 {
        let id = deal.order(&format!("{KEY}{round:02}")).await.to_string();
        let accept =
            TestApp::call_request("orders/move", &[("order_id", &id), ("change", "accept")]);
        let cancel =
            TestApp::call_request("orders/move", &[("order_id", &id), ("change", "cancel")]);
        let (a, c) = tokio::join!(
            race(&deal.seller, vec![accept]),
            race(&deal.buyer, vec![cancel])
        );
        let wins = [a[0], c[0]]
            .iter()
            .filter(|s| **s == StatusCode::OK)
            .count();
        // The loser meets the winner's state: accept after a cancel conflicts, and a
        // cancel after the acceptance would need a reason it was not given.
        let lost = [a[0], c[0]]
            .iter()
            .filter(|s| [StatusCode::CONFLICT, StatusCode::UNPROCESSABLE_ENTITY].contains(s))
            .count();
        assert_eq!((wins, lost), (1, 1), "round {round}: {a:?} {c:?}");
        let id: i64 = id.parse().expect("id");
        let (status, events) = deal.status_and_events(id).await;
        assert!(status == "accepted" || status == "cancelled");
        assert_eq!(events, 2, "one event for the placement, one for the winner");
    }
}

#[sqlx::test(migrations = "../migrations")]
async fn orders_are_seen_by_their_parties_and_the_operator_only(db: PgPool) {
    let mut deal = Deal::new(db.clone()).await;
    let id = deal.order(KEY).await;
    let page = format!("/orders/{id}");
    let mut stranger = TestApp::spawn(db.clone()).await;
    stranger
        .verified_user("stranger@example.com", "Stranger")
        .await;
    let mut rival = TestApp::spawn(db.clone()).await;
    approved_with_owner(&db, &mut rival, "rival", "owner@rival.example.cn").await;
    for outsider in [&mut stranger, &mut rival] {
        assert_eq!(
            outsider.get_html(&page, "en").await.status,
            StatusCode::NOT_FOUND
        );
        let list = outsider.get_html("/account/orders", "en").await;
        assert!(!list.body.contains(&page));
    }
    assert!(
        !rival
            .get_html("/merchant/orders", "en")
            .await
            .body
            .contains(&page)
    );
    let mut visitor = TestApp::spawn(db.clone()).await;
    assert_eq!(
        visitor.get_html(&page, "en").await.header("location"),
        Some("/login")
    );
    let mut operator = TestApp::spawn(db.clone()).await;
    operator.operator("ops@example.com").await;
    let seen = operator.get_html(&page, "en").await;
    assert_eq!(seen.status, StatusCode::OK);
    assert!(
        !seen.body.contains("data-testid=\"order-moves\""),
        "the operator reads only"
    );
    assert_eq!(
        make_move(&mut operator, id, "accept", "").await.status,
        StatusCode::NOT_FOUND
    );
    // The console lists every order of the market, by status.
    let all = operator.get_html("/admin/orders", "en").await;
    assert_eq!(all.status, StatusCode::OK);
    assert!(
        all.body.contains(&format!("href=\"{page}\"")),
        "{}",
        all.body
    );
    let placed = operator
        .get_html("/admin/orders?status=placed", "zh-CN")
        .await;
    assert!(placed.body.contains(&format!("href=\"{page}\"")));
    let done = operator
        .get_html("/admin/orders?status=completed", "en")
        .await;
    assert!(!done.body.contains(&format!("href=\"{page}\"")));
    for outsider in [&mut stranger, &mut rival] {
        assert_eq!(
            outsider.get_html("/admin/orders", "en").await.status,
            StatusCode::FORBIDDEN
        );
    }
    assert_eq!(
        stranger.get_html("/merchant/orders", "en").await.status,
        StatusCode::FORBIDDEN
    );
}

/// A delivery as the browser's multipart form posts it: the note and files.
fn delivery_request(order_id: i64, note: &str, files: &[(&str, Vec<u8>)]) -> Request<Body> {
    let files: Vec<(&str, &str, &[u8])> = files
        .iter()
        .map(|(name, content)| ("files", *name, content.as_slice()))
        .collect();
    common::multipart_request(
        &format!("/orders/{order_id}/deliver"),
        &[("note", note)],
        &files,
    )
}

/// Delivers one file with the note "Labels v1", which the order's page then shows.
async fn deliver(seller: &mut TestApp, order_id: i64, name: &str, content: &[u8]) {
    let delivered = seller
        .request(delivery_request(
            order_id,
            "Labels v1",
            &[(name, content.to_vec())],
        ))
        .await;
    assert!(delivered.status.is_redirection(), "{}", delivered.body);
}

/// The id and storage key of the one file delivered so far.
async fn delivered_file(db: &PgPool) -> (i64, String) {
    sqlx::query_as("select delivery_file_id, storage_key from delivery_file")
        .fetch_one(db)
        .await
        .expect("one delivered file")
}

fn stored_files(app: &TestApp) -> usize {
    walk(&app.files_dir)
}

fn walk(dir: &std::path::Path) -> usize {
    std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .map(|e| {
            if e.path().is_dir() {
                walk(&e.path())
            } else {
                1
            }
        })
        .sum()
}

#[sqlx::test(migrations = "../migrations")]
async fn delivered_files_reach_the_buyer_only_and_stay_within_their_size(db: PgPool) {
    let mut deal = Deal::new(db.clone()).await;
    let id = deal.order(KEY).await;
    let labels = b"image_id,label\nC1,nodule\n".to_vec();
    // Before the order is accepted nothing is delivered, and nothing is stored.
    let early = deal
        .seller
        .request(delivery_request(
            id,
            "v1",
            &[("labels.csv", labels.clone())],
        ))
        .await;
    assert_eq!(early.status, StatusCode::CONFLICT, "{}", early.body);
    assert_eq!(stored_files(&deal.seller), 0);
    assert_eq!(
        make_move(&mut deal.seller, id, "accept", "").await.status,
        StatusCode::OK
    );

    // A file over 50 MB is refused while it streams, and leaves nothing behind.
    let huge = vec![b'x'; 50 * 1024 * 1024 + 1];
    let refused = deal
        .seller
        .request(delivery_request(
            id,
            "too big",
            &[("ok.csv", labels.clone()), ("huge.bin", huge)],
        ))
        .await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        refused.body
    );
    assert_eq!(refused.json()["errors"][0]["field"], "files");
    assert_eq!(stored_files(&deal.seller), 0);
    assert_eq!(deal.status_and_events(id).await, ("accepted".to_owned(), 2));

    // Buyers and strangers cannot deliver.
    for outsider in [&mut deal.buyer] {
        let answer = outsider.request(delivery_request(id, "x", &[])).await;
        assert_eq!(answer.status, StatusCode::CONFLICT);
    }
    deliver(&mut deal.seller, id, "标注 v1.csv", &labels).await;
    assert_eq!(stored_files(&deal.seller), 1);
    let (file_id, _) = delivered_file(&db).await;
    let path = format!("/orders/{id}/files/{file_id}");
    let got = deal.buyer.get(&path).await;
    assert_eq!(got.status, StatusCode::OK);
    assert_eq!(got.body.as_bytes(), labels.as_slice());
    assert_eq!(got.header("x-content-type-options"), Some("nosniff"));
    assert_eq!(got.header("content-type"), Some("application/octet-stream"));
    assert!(
        got.header("content-disposition")
            .is_some_and(|d| d.starts_with("attachment;") && d.contains("%E6%A0%87%E6%B3%A8"))
    );
    assert_eq!(
        deal.seller.get(&path).await.status,
        StatusCode::OK,
        "the merchant's members too"
    );
    let page = deal.buyer.get_html(&format!("/orders/{id}"), "en").await;
    assert!(page.body.contains(&path) && page.body.contains("标注 v1.csv"));

    let mut stranger = TestApp::spawn(db.clone()).await;
    stranger.verified_user("stranger@example.com", "S").await;
    let mut rival = TestApp::spawn(db.clone()).await;
    approved_with_owner(&db, &mut rival, "rival", "owner@rival.example.cn").await;
    let mut operator = TestApp::spawn(db.clone()).await;
    operator.operator("ops@example.com").await;
    for outsider in [&mut stranger, &mut rival, &mut operator] {
        assert_eq!(outsider.get(&path).await.status, StatusCode::NOT_FOUND);
        let answer = outsider.request(delivery_request(id, "x", &[])).await;
        assert_eq!(answer.status, StatusCode::NOT_FOUND);
    }
    let mut visitor = TestApp::spawn(db.clone()).await;
    assert_eq!(visitor.get(&path).await.status, StatusCode::UNAUTHORIZED);
    let other_order_file = format!("/orders/{}/files/{file_id}", id + 1);
    assert_eq!(
        deal.buyer.get(&other_order_file).await.status,
        StatusCode::NOT_FOUND
    );
}

/// The same path through an S3-compatible service (the S3 protocol, not a folder): the
/// multipart upload, the cut-off that aborts it, the download, keys under the prefix.
#[sqlx::test(migrations = "../migrations")]
async fn delivered_files_travel_through_an_s3_compatible_store(db: PgPool) {
    let s3 = common::s3::S3Server::start("deliveries").await;
    let store = (
        s3.store("s3://deliveries/shushang/"),
        s3.root.join("deliveries"),
    );
    let mut deal = Deal::keeping_files(db.clone(), Some(&store)).await;
    let id = deal.order(KEY).await;
    assert_eq!(
        make_move(&mut deal.seller, id, "accept", "").await.status,
        StatusCode::OK
    );
    // Over 50 MB: several parts go up before the cut-off, then the upload is aborted.
    let huge = vec![b'x'; 50 * 1024 * 1024 + 1];
    let refused = deal
        .seller
        .request(delivery_request(id, "too big", &[("huge.bin", huge)]))
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(stored_files(&deal.seller), 0);
    assert_eq!(s3.unfinished_uploads(), 0, "the refused upload is aborted");

    // Larger than one part (5 MB), so it goes up in several.
    let archive: Vec<u8> = (0..12 * 1024 * 1024)
        .map(|i: u32| (i % 251) as u8)
        .collect();
    deliver(&mut deal.seller, id, "标注.zip", &archive).await;
    let (file_id, key) = delivered_file(&db).await;
    assert_eq!(
        std::fs::read(store.1.join("shushang").join(&key)).expect("the object under the prefix"),
        archive
    );
    assert_eq!(s3.unfinished_uploads(), 0);
    let got = deal
        .buyer
        .get(&format!("/orders/{id}/files/{file_id}"))
        .await;
    assert_eq!(got.status, StatusCode::OK);
    assert_eq!(got.bytes, archive);
}

#[sqlx::test(migrations = "../migrations")]
async fn notifications_are_mailed_once_after_commit_in_the_readers_language_unless_turned_off(
    db: PgPool,
) {
    let mut deal = Deal::new(db.clone()).await;
    sqlx::query("update app_user set locale = 'zh' where email = 'owner@seller.example.cn'")
        .execute(&db)
        .await
        .expect("locale");
    let mailer = app::mail::Mailer::files(
        deal.seller.mail_dir.clone(),
        "Shushang <no-reply@shushang.test>",
    )
    .expect("mailer");
    let send =
        || app::notifications::outbox::send_pending(&db, &mailer, "https://shushang.test", 50);
    deal.seller.clear_mail();
    let id = deal.order(KEY).await;
    assert_eq!(send().await.expect("sent"), 1);
    let mail = deal.seller.mail_to("owner@seller.example.cn").await;
    assert_eq!(mail.len(), 1);
    assert!(
        mail[0].contains("新订单")
            && mail[0].contains(&format!("https://shushang.test/orders/{id}")),
        "{}",
        mail[0]
    );
    assert_eq!(send().await.expect("sent"), 0, "never sent twice");

    // The buyer turns mail off: the acceptance is still in their notifications, not mailed.
    let off = deal
        .buyer
        .call("account/mail_notifications", &[("on", "")])
        .await;
    assert_eq!(off.status, StatusCode::OK);
    let page = deal.buyer.get_html("/account?mail=saved", "en").await;
    assert!(page.body.contains("data-testid=\"mail-saved\""));
    assert!(page.body.contains("id=\"mail-on\""));
    assert_eq!(
        make_move(&mut deal.seller, id, "accept", "").await.status,
        StatusCode::OK
    );
    assert_eq!(send().await.expect("sent"), 0);
    assert!(deal.seller.mail_to("buyer@example.com").await.is_empty());
    let unread: i64 = sqlx::query_scalar(
        "select count(*) from notification n join app_user u using (app_user_id)
          where u.email = 'buyer@example.com' and n.kind = 'order_accepted'",
    )
    .fetch_one(&db)
    .await
    .expect("count");
    assert_eq!(unread, 1);

    // A claimed row that was never marked (a crash mid-send) is sent again later.
    let on = deal
        .buyer
        .call("account/mail_notifications", &[("on", "on")])
        .await;
    assert_eq!(on.status, StatusCode::OK);
    assert_eq!(
        make_move(&mut deal.buyer, id, "cancel", "Plans changed.")
            .await
            .status,
        StatusCode::OK
    );
    sqlx::query("update mail_outbox set claimed_at = now() - interval '10 minutes', attempts = 1 where sent_at is null")
        .execute(&db)
        .await
        .expect("crash");
    assert_eq!(send().await.expect("sent"), 1);
}

/// A burst of notifications to one person is a few mails and then one digest, never a
/// burst of mails; their subjects carry no text someone typed; other readers are not
/// held back.
#[sqlx::test(migrations = "../migrations")]
async fn mail_to_one_person_is_capped_and_the_rest_comes_as_one_digest(db: PgPool) {
    use app::notifications::outbox::{MAILS_PER_WINDOW, send_pending};
    let mut deal = Deal::new(db.clone()).await;
    let mailer = app::mail::Mailer::files(
        deal.seller.mail_dir.clone(),
        "Shushang <no-reply@shushang.test>",
    )
    .expect("mailer");
    let send = || send_pending(&db, &mailer, "https://shushang.test", 50);
    deal.seller.clear_mail();
    let listing_id = deal.listing_id.to_string();
    for n in 0..5 {
        let subject = format!("URGENT {n}: your account is locked, sign in at evil.example");
        let sent = deal
            .buyer
            .call(
                "inquiries/send",
                &[
                    ("listing_id", &listing_id),
                    ("subject", &subject),
                    ("message", "Click the link."),
                ],
            )
            .await;
        assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);
    }
    let mut orders = Vec::new();
    for n in 0..10 {
        orders.push(deal.order(&format!("{KEY}{n:02}")).await);
    }
    let owner = "owner@seller.example.cn";
    let notified: i64 = sqlx::query_scalar(
        "select count(*) from notification n join app_user u using (app_user_id) where u.email = $1",
    )
    .bind(owner)
    .fetch_one(&db)
    .await
    .expect("count");
    assert_eq!(notified, 15, "every notification stays in the app");

    assert_eq!(send().await.expect("sent"), MAILS_PER_WINDOW as usize);
    assert_eq!(send().await.expect("sent"), 0, "the window is full");
    let mail = deal.seller.mail_to(owner).await;
    assert_eq!(mail.len(), MAILS_PER_WINDOW as usize);
    for text in &mail {
        let subject = text
            .lines()
            .find(|line| line.starts_with("Subject: "))
            .expect("a subject");
        assert_eq!(subject, "Subject: Shushang: New inquiry", "{text}");
        assert!(
            text.contains("evil.example"),
            "the body says what was asked"
        );
    }

    // Someone else's mail is not held back by the owner's cap.
    assert_eq!(
        make_move(&mut deal.seller, orders[0], "accept", "")
            .await
            .status,
        StatusCode::OK
    );
    assert_eq!(send().await.expect("sent"), 1);
    let to_buyer = deal.seller.mail_to("buyer@example.com").await;
    assert_eq!(to_buyer.len(), 1);
    assert!(
        to_buyer[0].contains(&format!(
            "Subject: Shushang: Order #{} was accepted",
            orders[0]
        )),
        "{}",
        to_buyer[0]
    );

    // Once the window has room, everything folded goes out as one digest.
    sqlx::query("update notification_mail set sent_at = sent_at - interval '16 minutes'")
        .execute(&db)
        .await
        .expect("time passes");
    assert_eq!(send().await.expect("sent"), 1);
    assert_eq!(send().await.expect("sent"), 0, "never sent twice");
    let mail = deal.seller.mail_to(owner).await;
    assert_eq!(mail.len(), MAILS_PER_WINDOW as usize + 1);
    let digest = mail
        .iter()
        .find(|text| text.contains("Subject: Shushang: 10 more notifications"))
        .expect("a digest");
    for id in &orders {
        assert!(digest.contains(&format!("New order #{id}")), "{digest}");
    }
    assert!(digest.contains("https://shushang.test/account/notifications"));
    let pending: i64 = sqlx::query_scalar("select count(*) from mail_outbox where sent_at is null")
        .fetch_one(&db)
        .await
        .expect("count");
    assert_eq!(pending, 0);
}

/// Members of a merchant are not offered an order or an inquiry on its own listing or
/// profile (both would be refused): a note and a link to the editor instead.
#[sqlx::test(migrations = "../migrations")]
async fn a_merchant_is_offered_its_editor_not_an_order_on_its_own_listing_and_profile(db: PgPool) {
    let mut deal = Deal::new(db.clone()).await;
    let listing = deal.seller.get_html("/catalog/defect-labels", "en").await;
    assert_eq!(listing.status, StatusCode::OK);
    assert!(
        !listing.body.contains("Order now")
            && !listing.body.contains("Send an inquiry")
            && listing.body.contains("This is your merchant's listing.")
            && listing
                .body
                .contains(&format!("href=\"/merchant/listings/{}\"", deal.listing_id)),
        "{}",
        listing.body
    );
    let profile = deal.seller.get_html("/merchants/seller", "zh-CN").await;
    assert!(
        !profile.body.contains("发送询价")
            && profile.body.contains("这是你们商家的主页。")
            && profile.body.contains("href=\"/merchant/profile\""),
        "{}",
        profile.body
    );

    // Everyone else is offered both.
    for (page, offers) in [
        (
            "/catalog/defect-labels",
            &["Order now", "Send an inquiry"][..],
        ),
        ("/merchants/seller", &["Send an inquiry"][..]),
    ] {
        let seen = deal.buyer.get_html(page, "en").await;
        for offer in offers {
            assert!(seen.body.contains(offer), "{page}: {offer}");
        }
        assert!(!seen.body.contains("This is your merchant"));
    }
    let mut visitor = TestApp::spawn(db.clone()).await;
    let seen = visitor.get_html("/merchants/seller", "en").await;
    assert!(seen.body.contains("Send an inquiry"));
}
