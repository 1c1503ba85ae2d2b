//! Inquiries, requirements and their quotes against a real Postgres, through the whole
//! router: threads, quotes that become orders at their price, awards that tell the
//! other merchants, expiry, and who may see and do what.

mod common;

use axum::http::StatusCode;
use common::market::{listing, merchant};
use common::{TestApp, approved_with_owner};
use sqlx::PgPool;

async fn count(db: &PgPool, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(db).await.expect(sql)
}

fn quote_fields(price: &str, until: &str) -> Vec<(&'static str, String)> {
    vec![
        ("pricing_model", "fixed".to_owned()),
        ("price", price.to_owned()),
        ("quantity", "2".to_owned()),
        ("delivery_days", "10".to_owned()),
        ("terms", "Two readers per image; one revision.".to_owned()),
        ("valid_until", until.to_owned()),
    ]
}

async fn call(
    app: &mut TestApp,
    function: &str,
    fields: &[(&str, String)],
) -> common::TestResponse {
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    app.call(function, &fields).await
}

#[sqlx::test(migrations = "../migrations")]
async fn an_inquiry_is_answered_quoted_and_accepted_into_an_order_at_the_quoted_price(db: PgPool) {
    let mut seller = TestApp::spawn(db.clone()).await;
    let merchant_id =
        approved_with_owner(&db, &mut seller, "labels", "owner@labels.example.cn").await;
    let listing_id = listing(merchant_id, "ct-labels")
        .price("quote", None)
        .insert(&db)
        .await
        .to_string();
    let mut buyer = TestApp::spawn(db.clone()).await;
    buyer.verified_user("buyer@example.com", "Bea").await;

    // Refusals name their fields and keep what was typed.
    let refused = call(
        &mut buyer,
        "inquiries/send",
        &[
            ("listing_id", listing_id.clone()),
            ("subject", " ".into()),
            ("message", "Can you label CT?".into()),
            ("deadline", "2020-01-01".into()),
            ("budget", "12.345".into()),
        ],
    )
    .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    let body = refused.json();
    let fields: Vec<&str> = body["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .filter_map(|e| e["field"].as_str())
        .collect();
    assert_eq!(fields, ["subject", "budget", "deadline"]);

    let sent = call(
        &mut buyer,
        "inquiries/send",
        &[
            ("listing_id", listing_id.clone()),
            ("subject", "CT labelling for 10,000 images".into()),
            ("message", "Can you label lung nodules?".into()),
            ("quantity", "2".into()),
            ("budget", "50000".into()),
            ("deadline", common::in_days(30)),
        ],
    )
    .await;
    assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);
    let id: i64 = sqlx::query_scalar("select inquiry_id from inquiry")
        .fetch_one(&db)
        .await
        .expect("id");
    let ids = id.to_string();
    assert_eq!(
        count(
            &db,
            "select count(*) from notification where kind = 'inquiry_received'"
        )
        .await,
        1
    );

    // Strangers and other merchants cannot see or touch it.
    let mut stranger = TestApp::spawn(db.clone()).await;
    stranger.verified_user("stranger@example.com", "S").await;
    let mut rival = TestApp::spawn(db.clone()).await;
    approved_with_owner(&db, &mut rival, "rival", "owner@rival.example.cn").await;
    // The operator's console lists it with both parties and opens its thread.
    let mut operator = TestApp::spawn(db.clone()).await;
    operator.operator("ops@example.com").await;
    let listed = operator.get_html("/admin/inquiries", "en").await;
    assert_eq!(listed.status, StatusCode::OK);
    assert!(
        listed.body.contains(&format!("href=\"/inquiries/{id}\""))
            && listed.body.contains("Bea → "),
        "{}",
        listed.body
    );
    let read = operator
        .get_html(&format!("/inquiries/{id}"), "zh-CN")
        .await;
    assert_eq!(read.status, StatusCode::OK);
    assert!(read.body.contains("CT labelling for 10,000 images"));
    for outsider in [&mut stranger, &mut rival, &mut buyer] {
        assert_eq!(
            outsider.get_html("/admin/inquiries", "en").await.status,
            StatusCode::FORBIDDEN
        );
    }
    for outsider in [&mut stranger, &mut rival] {
        assert_eq!(
            outsider
                .get_html(&format!("/inquiries/{id}"), "en")
                .await
                .status,
            StatusCode::NOT_FOUND
        );
        let wrote = call(
            outsider,
            "inquiries/write",
            &[("inquiry_id", ids.clone()), ("body", "hi".into())],
        )
        .await;
        assert_eq!(wrote.status, StatusCode::NOT_FOUND);
        let mut fields = quote_fields("1", &common::in_days(5));
        fields.push(("inquiry_id", ids.clone()));
        assert_eq!(
            call(outsider, "inquiries/quote", &fields).await.status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            call(outsider, "inquiries/close", &[("inquiry_id", ids.clone())])
                .await
                .status,
            StatusCode::NOT_FOUND
        );
    }

    let reply = call(
        &mut seller,
        "inquiries/write",
        &[
            ("inquiry_id", ids.clone()),
            ("body", "Yes, two readers each.".into()),
        ],
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK);
    let status: String = sqlx::query_scalar("select status from inquiry")
        .fetch_one(&db)
        .await
        .expect("status");
    assert_eq!(status, "answered");

    let mut fields = quote_fields("12800.50", &common::in_days(7));
    fields.push(("inquiry_id", ids.clone()));
    assert_eq!(
        call(&mut buyer, "inquiries/quote", &fields).await.status,
        StatusCode::FORBIDDEN,
        "buyers do not quote"
    );
    assert_eq!(
        call(&mut seller, "inquiries/quote", &fields).await.status,
        StatusCode::OK
    );
    let page = buyer.get_html(&format!("/inquiries/{id}"), "en").await;
    assert!(
        page.body.contains("Yes, two readers each.") && page.body.contains("¥25,601.00"),
        "{}",
        page.body
    );
    let quote_id: i64 = sqlx::query_scalar("select quote_id from quote")
        .fetch_one(&db)
        .await
        .expect("quote");
    let qid = quote_id.to_string();
    assert_eq!(
        call(&mut seller, "quotes/accept", &[("quote_id", qid.clone())])
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        call(&mut stranger, "quotes/accept", &[("quote_id", qid.clone())])
            .await
            .status,
        StatusCode::NOT_FOUND
    );

    for _ in 0..2 {
        // A second acceptance (a double click) lands on the same order.
        let accepted = call(&mut buyer, "quotes/accept", &[("quote_id", qid.clone())]).await;
        assert_eq!(accepted.status, StatusCode::OK, "{}", accepted.body);
    }
    let (orders, unit, total, terms, status): (i64, i64, i64, String, String) = sqlx::query_as(
        "select (select count(*) from orders), unit_price_fen, total_fen, licence_terms,
                (select status from quote) from orders",
    )
    .fetch_one(&db)
    .await
    .expect("an order");
    assert_eq!(
        (orders, unit, total, status.as_str()),
        (1, 1_280_050, 2_560_100, "accepted")
    );
    assert_eq!(terms, "Two readers per image; one revision.");
    assert_eq!(
        count(
            &db,
            "select count(*) from notification where kind = 'quote_accepted'"
        )
        .await,
        1
    );

    // An expired quote cannot be accepted; a closed inquiry takes no more messages.
    fields.retain(|(k, _)| *k != "valid_until");
    fields.push(("valid_until", common::in_days(1)));
    assert_eq!(
        call(&mut seller, "inquiries/quote", &fields).await.status,
        StatusCode::OK
    );
    sqlx::query("update quote set valid_until = current_date - 2 where status = 'offered'")
        .execute(&db)
        .await
        .expect("expire");
    let expired: i64 = sqlx::query_scalar("select quote_id from quote where status = 'offered'")
        .fetch_one(&db)
        .await
        .expect("q");
    let answer = call(
        &mut buyer,
        "quotes/accept",
        &[("quote_id", expired.to_string())],
    )
    .await;
    assert_eq!(answer.status, StatusCode::CONFLICT);
    assert!(
        buyer
            .get_html(&format!("/inquiries/{id}"), "en")
            .await
            .body
            .contains("Expired")
    );
    assert_eq!(
        call(
            &mut buyer,
            "inquiries/close",
            &[("inquiry_id", ids.clone())]
        )
        .await
        .status,
        StatusCode::OK
    );
    let late = call(
        &mut seller,
        "inquiries/write",
        &[
            ("inquiry_id", ids.clone()),
            ("body", "One more thing".into()),
        ],
    )
    .await;
    assert_eq!(late.status, StatusCode::CONFLICT);
    assert_eq!(count(&db, "select count(*) from orders").await, 1);
}

#[sqlx::test(migrations = "../migrations")]
async fn a_requirement_is_quoted_by_merchants_of_its_field_and_awarded_to_one(db: PgPool) {
    let mut buyer = TestApp::spawn(db.clone()).await;
    buyer.verified_user("buyer@example.com", "Bea").await;
    let posted = call(
        &mut buyer,
        "requirements/post",
        &[
            ("title", "Label 10,000 CT images".into()),
            ("description", "Lung nodules, two readers.".into()),
            ("service_field", "data-technology".into()),
            ("industries[]", "healthcare".into()),
            ("budget_min", "20000".into()),
            ("budget_max", "80000".into()),
            ("deadline", common::in_days(10)),
        ],
    )
    .await;
    assert_eq!(posted.status, StatusCode::OK, "{}", posted.body);
    let id: i64 = sqlx::query_scalar("select requirement_id from requirement")
        .fetch_one(&db)
        .await
        .expect("id");
    let ids = id.to_string();

    let mut a = TestApp::spawn(db.clone()).await;
    approved_with_owner(&db, &mut a, "alpha", "owner@alpha.example.cn").await;
    let mut b = TestApp::spawn(db.clone()).await;
    approved_with_owner(&db, &mut b, "beta", "owner@beta.example.cn").await;
    // A merchant of another field neither sees nor quotes it.
    let mut other = TestApp::spawn(db.clone()).await;
    let other_id = merchant("gamma").fields(&["security"]).insert(&db).await;
    let other_user = other.verified_user("owner@gamma.example.cn", "G").await;
    sqlx::query(
        "insert into merchant_member (merchant_id, app_user_id, role) values ($1, $2, 'owner')",
    )
    .bind(other_id)
    .bind(other_user)
    .execute(&db)
    .await
    .expect("member");
    assert!(
        a.get_html("/requirements", "en")
            .await
            .body
            .contains(&format!("/requirements/{id}"))
    );
    assert!(
        !other
            .get_html("/requirements", "en")
            .await
            .body
            .contains(&format!("/requirements/{id}"))
    );
    assert_eq!(
        other
            .get_html(&format!("/requirements/{id}"), "en")
            .await
            .status,
        StatusCode::NOT_FOUND
    );

    let quote = |price: &str| {
        let mut fields = quote_fields(price, &common::in_days(20));
        fields.push(("requirement_id", ids.clone()));
        fields
    };
    assert_eq!(
        call(&mut other, "requirements/quote", &quote("1"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        call(&mut buyer, "requirements/quote", &quote("1"))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        call(&mut a, "requirements/quote", &quote("30000"))
            .await
            .status,
        StatusCode::OK
    );
    assert_eq!(
        call(&mut a, "requirements/quote", &quote("28000"))
            .await
            .status,
        StatusCode::OK,
        "revised"
    );
    assert_eq!(
        call(&mut b, "requirements/quote", &quote("31000"))
            .await
            .status,
        StatusCode::OK
    );
    assert_eq!(
        count(&db, "select count(*) from quote").await,
        2,
        "one live quote per merchant"
    );

    // The buyer compares both; each merchant sees only its own.
    let compared = buyer.get_html(&format!("/requirements/{id}"), "en").await;
    assert!(compared.body.contains("¥28,000.00") && compared.body.contains("¥31,000.00"));
    let seen_by_b = b.get_html(&format!("/requirements/{id}"), "en").await;
    assert!(seen_by_b.body.contains("¥31,000.00") && !seen_by_b.body.contains("¥28,000.00"));

    let b_quote: i64 = sqlx::query_scalar(
        "select quote_id from quote q join merchant m using (merchant_id) where m.slug = 'beta'",
    )
    .fetch_one(&db)
    .await
    .expect("b");
    let awarded = call(
        &mut buyer,
        "quotes/accept",
        &[("quote_id", b_quote.to_string())],
    )
    .await;
    assert_eq!(awarded.status, StatusCode::OK, "{}", awarded.body);
    let (status, orders, statuses): (String, i64, Vec<String>) = sqlx::query_as(
        "select (select status from requirement), (select count(*) from orders),
                (select array_agg(status order by quote_id) from quote)",
    )
    .fetch_one(&db)
    .await
    .expect("state");
    assert_eq!((status.as_str(), orders), ("awarded", 1));
    assert_eq!(statuses, ["not-selected", "accepted"]);
    let told: Vec<String> = sqlx::query_scalar(
        "select u.email from notification n join app_user u using (app_user_id)
          where n.kind = 'quote_not_selected'",
    )
    .fetch_all(&db)
    .await
    .expect("told");
    assert_eq!(told, ["owner@alpha.example.cn"]);
    assert_eq!(
        call(&mut a, "requirements/quote", &quote("1")).await.status,
        StatusCode::CONFLICT
    );
    assert_eq!(
        call(
            &mut buyer,
            "requirements/close",
            &[("requirement_id", ids.clone())]
        )
        .await
        .status,
        StatusCode::CONFLICT
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn a_requirement_past_its_deadline_reads_as_expired_and_takes_no_quotes_or_awards(
    db: PgPool,
) {
    let mut buyer = TestApp::spawn(db.clone()).await;
    let buyer_id = buyer.verified_user("buyer@example.com", "Bea").await;
    let mut a = TestApp::spawn(db.clone()).await;
    let merchant_id = approved_with_owner(&db, &mut a, "alpha", "owner@alpha.example.cn").await;
    let id: i64 = sqlx::query_scalar(
        "insert into requirement (buyer_id, title, description, service_field, deadline)
         values ($1, 'Old need', 'Long ago', 'data-technology', current_date + 1) returning requirement_id",
    )
    .bind(buyer_id)
    .fetch_one(&db)
    .await
    .expect("requirement");
    let mut fields = quote_fields("100", &common::in_days(20));
    fields.push(("requirement_id", id.to_string()));
    assert_eq!(
        call(&mut a, "requirements/quote", &fields).await.status,
        StatusCode::OK
    );
    sqlx::query("update requirement set deadline = current_date - 3")
        .execute(&db)
        .await
        .expect("past");
    assert_eq!(
        call(&mut a, "requirements/quote", &fields).await.status,
        StatusCode::CONFLICT
    );
    let quote_id: i64 = sqlx::query_scalar("select quote_id from quote where merchant_id = $1")
        .bind(merchant_id)
        .fetch_one(&db)
        .await
        .expect("quote");
    let award = call(
        &mut buyer,
        "quotes/accept",
        &[("quote_id", quote_id.to_string())],
    )
    .await;
    assert_eq!(award.status, StatusCode::CONFLICT);
    let page = buyer.get_html(&format!("/requirements/{id}"), "en").await;
    assert!(page.body.contains("Expired"), "{}", page.body);
    assert_eq!(count(&db, "select count(*) from orders").await, 0);
}

#[sqlx::test(migrations = "../migrations")]
async fn two_racing_awards_on_one_requirement_make_exactly_one_order(db: PgPool) {
    use tower::ServiceExt;
    let mut buyer = TestApp::spawn(db.clone()).await;
    let buyer_id = buyer.verified_user("buyer@example.com", "Bea").await;
    let id: i64 = sqlx::query_scalar(
        "insert into requirement (buyer_id, title, description, service_field, deadline)
         values ($1, 'Race', 'Two awards at once', 'data-technology', current_date + 5) returning requirement_id",
    )
    .bind(buyer_id)
    .fetch_one(&db)
    .await
    .expect("requirement");
    for slug in ["alpha", "beta"] {
        let mut owner = TestApp::spawn(db.clone()).await;
        approved_with_owner(&db, &mut owner, slug, &format!("owner@{slug}.example.cn")).await;
        let mut fields = quote_fields("100", &common::in_days(9));
        fields.push(("requirement_id", id.to_string()));
        assert_eq!(
            call(&mut owner, "requirements/quote", &fields).await.status,
            StatusCode::OK
        );
    }
    let quotes: Vec<i64> = sqlx::query_scalar("select quote_id from quote order by quote_id")
        .fetch_all(&db)
        .await
        .expect("quotes");
    let tasks: Vec<_> = quotes
        .iter()
        .map(|q| {
            let mut request =
                TestApp::call_request("quotes/accept", &[("quote_id", &q.to_string())]);
            buyer.prepare(&mut request);
            let router = buyer.router();
            tokio::spawn(async move { router.oneshot(request).await.map(|r| r.status()) })
        })
        .collect();
    let mut statuses = Vec::new();
    for task in tasks {
        statuses.push(task.await.expect("task").expect("answer"));
    }
    statuses.sort();
    assert_eq!(statuses, [StatusCode::OK, StatusCode::CONFLICT]);
    assert_eq!(count(&db, "select count(*) from orders").await, 1);
    assert_eq!(
        count(&db, "select count(*) from quote where status = 'accepted'").await,
        1
    );
    assert_eq!(
        count(
            &db,
            "select count(*) from quote where status = 'not-selected'"
        )
        .await,
        1
    );
}

/// Asserts that `answer` is a quota's refusal (429) of `quota` at `limit`, with `field`
/// given back as `typed`.
fn assert_over_quota(
    answer: &common::TestResponse,
    quota: &str,
    limit: i64,
    field: &str,
    typed: &str,
) {
    assert_eq!(
        answer.status,
        StatusCode::TOO_MANY_REQUESTS,
        "{}",
        answer.body
    );
    let body = answer.json();
    assert_eq!(
        (body["code"].as_str(), body["quota"].as_str()),
        (Some("over_quota"), Some(quota)),
        "{body}"
    );
    assert_eq!(body["limit"].as_i64(), Some(limit));
    assert!(
        body["minutes"]
            .as_i64()
            .is_some_and(|m| (1..=60).contains(&m))
    );
    let given_back = body["typed"]
        .as_array()
        .expect("typed")
        .iter()
        .any(|pair| pair[0] == field && pair[1] == typed);
    assert!(given_back, "{body}");
}

fn inquiry_to(merchant: &str, subject: &str) -> Vec<(&'static str, String)> {
    vec![
        ("merchant", merchant.to_owned()),
        ("subject", subject.to_owned()),
        ("message", "Can you label lung nodules?".to_owned()),
    ]
}

#[sqlx::test(migrations = "../migrations")]
async fn inquiries_past_their_quotas_are_refused_per_merchant_and_per_hour_and_keep_what_was_typed(
    db: PgPool,
) {
    use app::deals::quota::{INQUIRIES, INQUIRIES_TO_MERCHANT};
    for slug in ["m0", "m1", "m2", "m3", "m4"] {
        merchant(slug).insert(&db).await;
    }
    let mut buyer = TestApp::spawn(db.clone()).await;
    buyer.verified_user("buyer@example.com", "Bea").await;
    for n in 0..INQUIRIES_TO_MERCHANT {
        let sent = call(
            &mut buyer,
            "inquiries/send",
            &inquiry_to("m0", &format!("Ask {n}")),
        )
        .await;
        assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);
    }
    let refused = call(
        &mut buyer,
        "inquiries/send",
        &inquiry_to("m0", "One too many"),
    )
    .await;
    assert_over_quota(
        &refused,
        "inquiries_to_merchant",
        INQUIRIES_TO_MERCHANT,
        "subject",
        "One too many",
    );
    // The refusal wrote nothing: no inquiry, no notification.
    assert_eq!(
        count(&db, "select count(*) from inquiry").await,
        INQUIRIES_TO_MERCHANT
    );

    // Another person's quota is their own.
    let mut other = TestApp::spawn(db.clone()).await;
    other.verified_user("other@example.com", "Otto").await;
    let sent = call(&mut other, "inquiries/send", &inquiry_to("m0", "Hello")).await;
    assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);

    // Other merchants, up to the quota per hour.
    for slug in ["m1", "m2", "m3"] {
        for n in 0..INQUIRIES_TO_MERCHANT {
            let sent = call(
                &mut buyer,
                "inquiries/send",
                &inquiry_to(slug, &format!("Ask {n}")),
            )
            .await;
            assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);
        }
    }
    assert_eq!(
        count(&db, "select count(*) from inquiry i join app_user u on u.app_user_id = i.buyer_id where u.email = 'buyer@example.com'").await,
        INQUIRIES
    );
    let refused = call(
        &mut buyer,
        "inquiries/send",
        &inquiry_to("m4", "Twenty-first"),
    )
    .await;
    assert_over_quota(&refused, "inquiries", INQUIRIES, "subject", "Twenty-first");

    // Without JavaScript, the form comes back with the message and what was typed.
    let page = "/inquiries/new?merchant=m4";
    let posted = buyer
        .submit_form(
            "inquiries/send",
            &[
                ("listing_id", ""),
                ("merchant", "m4"),
                ("subject", "Typed before the refusal"),
                ("message", "Every word of it"),
            ],
            page,
        )
        .await;
    assert!(posted.status.is_redirection(), "{}", posted.status);
    let back = buyer.get_html(page, "en").await;
    assert!(
        back.body
            .contains("You have sent 20 inquiries in the last hour")
            && back.body.contains("value=\"Typed before the refusal\"")
            && back.body.contains(">Every word of it</textarea>"),
        "{}",
        back.body
    );
    let posted = buyer
        .submit_form(
            "inquiries/send",
            &[
                ("merchant", "m4"),
                ("subject", "再问一次"),
                ("message", "内容"),
            ],
            page,
        )
        .await;
    assert!(posted.status.is_redirection(), "{}", posted.status);
    let back = buyer.get_html(page, "zh-CN").await;
    assert!(
        back.body.contains("过去一小时内你已发出 20 条询价")
            && back.body.contains("value=\"再问一次\""),
        "{}",
        back.body
    );

    // An hour later there is room again.
    sqlx::query("update inquiry set created_at = created_at - interval '61 minutes'")
        .execute(&db)
        .await
        .expect("an hour passes");
    let sent = call(&mut buyer, "inquiries/send", &inquiry_to("m0", "Next hour")).await;
    assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);
}

#[sqlx::test(migrations = "../migrations")]
async fn messages_past_their_quotas_are_refused_per_thread_and_per_hour(db: PgPool) {
    use app::deals::quota::{MESSAGES, MESSAGES_IN_THREAD};
    let mut seller = TestApp::spawn(db.clone()).await;
    approved_with_owner(&db, &mut seller, "labels", "owner@labels.example.cn").await;
    let mut buyer = TestApp::spawn(db.clone()).await;
    buyer.verified_user("buyer@example.com", "Bea").await;
    let mut threads = Vec::new();
    for n in 0..4 {
        let sent = call(
            &mut buyer,
            "inquiries/send",
            &inquiry_to("labels", &format!("Thread {n}")),
        )
        .await;
        assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);
        let id: i64 = sqlx::query_scalar("select max(inquiry_id) from inquiry")
            .fetch_one(&db)
            .await
            .expect("id");
        threads.push(id.to_string());
    }
    let write = |thread: &String, body: &str| {
        vec![("inquiry_id", thread.clone()), ("body", body.to_owned())]
    };
    // Each thread's first message was the buyer's: one of the thread's hour already.
    for n in 1..MESSAGES_IN_THREAD {
        let wrote = call(
            &mut buyer,
            "inquiries/write",
            &write(&threads[0], &format!("m{n}")),
        )
        .await;
        assert_eq!(wrote.status, StatusCode::OK, "{}", wrote.body);
    }
    let refused = call(
        &mut buyer,
        "inquiries/write",
        &write(&threads[0], "Still there?"),
    )
    .await;
    assert_over_quota(
        &refused,
        "messages_in_thread",
        MESSAGES_IN_THREAD,
        "body",
        "Still there?",
    );
    // The merchant's side of the same thread is counted apart.
    let reply = call(&mut seller, "inquiries/write", &write(&threads[0], "Yes!")).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);

    // 60 + 60 + 60 in three threads, and the rest of the hour's 200 in the fourth.
    for thread in &threads[1..3] {
        for n in 1..MESSAGES_IN_THREAD {
            let wrote = call(
                &mut buyer,
                "inquiries/write",
                &write(thread, &format!("m{n}")),
            )
            .await;
            assert_eq!(wrote.status, StatusCode::OK, "{}", wrote.body);
        }
    }
    let written = 3 * MESSAGES_IN_THREAD + 1;
    for n in written..MESSAGES {
        let wrote = call(
            &mut buyer,
            "inquiries/write",
            &write(&threads[3], &format!("m{n}")),
        )
        .await;
        assert_eq!(wrote.status, StatusCode::OK, "{}", wrote.body);
    }
    let refused = call(
        &mut buyer,
        "inquiries/write",
        &write(&threads[3], "Two hundred and one"),
    )
    .await;
    assert_over_quota(
        &refused,
        "messages",
        MESSAGES,
        "body",
        "Two hundred and one",
    );
    assert_eq!(
        count(
            &db,
            "select count(*) from inquiry_message where body = 'Two hundred and one'"
        )
        .await,
        0
    );

    // Without JavaScript the reply box keeps the text.
    let page = format!("/inquiries/{}", threads[3]);
    let posted = buyer
        .submit_form(
            "inquiries/write",
            &[("inquiry_id", &threads[3]), ("body", "Kept for later")],
            &page,
        )
        .await;
    assert!(posted.status.is_redirection(), "{}", posted.status);
    let back = buyer.get_html(&page, "en").await;
    assert!(
        back.body
            .contains("You have written 200 messages in the last hour")
            && back.body.contains(">Kept for later</textarea>"),
        "{}",
        back.body
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn requirements_past_their_quota_are_refused_and_keep_what_was_typed(db: PgPool) {
    use app::deals::quota::REQUIREMENTS;
    let mut buyer = TestApp::spawn(db.clone()).await;
    buyer.verified_user("buyer@example.com", "Bea").await;
    let requirement = |title: &str| {
        vec![
            ("title", title.to_owned()),
            ("description", "Lung nodules, two readers.".to_owned()),
            ("service_field", "data-technology".to_owned()),
            ("industries[]", "healthcare".to_owned()),
            ("deadline", common::in_days(10)),
        ]
    };
    for n in 0..REQUIREMENTS {
        let posted = call(
            &mut buyer,
            "requirements/post",
            &requirement(&format!("Need {n}")),
        )
        .await;
        assert_eq!(posted.status, StatusCode::OK, "{}", posted.body);
    }
    let refused = call(&mut buyer, "requirements/post", &requirement("Eleventh")).await;
    assert_over_quota(&refused, "requirements", REQUIREMENTS, "title", "Eleventh");
    assert_eq!(
        count(&db, "select count(*) from requirement").await,
        REQUIREMENTS
    );

    let mut other = TestApp::spawn(db.clone()).await;
    other.verified_user("other@example.com", "Otto").await;
    let posted = call(&mut other, "requirements/post", &requirement("Mine")).await;
    assert_eq!(posted.status, StatusCode::OK, "{}", posted.body);

    let page = "/requirements/new";
    let mut fields = requirement("Typed title");
    fields.push(("budget_min", "1000".to_owned()));
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let posted = buyer.submit_form("requirements/post", &fields, page).await;
    assert!(posted.status.is_redirection(), "{}", posted.status);
    let back = buyer.get_html(page, "en").await;
    assert!(
        back.body
            .contains("You have posted 10 requirements in the last hour")
            && back.body.contains("value=\"Typed title\"")
            && back.body.contains("value=\"1000\""),
        "{}",
        back.body
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn a_quote_without_terms_is_refused_by_the_form_and_by_the_schema(db: PgPool) {
    let mut seller = TestApp::spawn(db.clone()).await;
    let merchant_id =
        approved_with_owner(&db, &mut seller, "labels", "owner@labels.example.cn").await;
    let mut buyer = TestApp::spawn(db.clone()).await;
    buyer.verified_user("buyer@example.com", "Bea").await;
    let sent = call(
        &mut buyer,
        "inquiries/send",
        &inquiry_to("labels", "CT labels"),
    )
    .await;
    assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);
    let id: i64 = sqlx::query_scalar("select inquiry_id from inquiry")
        .fetch_one(&db)
        .await
        .expect("id");
    let mut fields = quote_fields("1280", &common::in_days(7));
    fields.retain(|(k, _)| *k != "terms");
    fields.push(("terms", " \n ".to_owned()));
    fields.push(("inquiry_id", id.to_string()));
    let refused = call(&mut seller, "inquiries/quote", &fields).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(refused.json()["errors"][0]["field"], "terms");
    assert_eq!(count(&db, "select count(*) from quote").await, 0);

    // Whatever path writes a live quote, the schema wants its terms.
    let written = sqlx::query(
        "insert into quote (inquiry_id, merchant_id, pricing_model, unit_price_fen, quantity,
                            delivery_days, terms, valid_until)
         values ($1, $2, 'fixed', 100, 1, 5, '', current_date + 5)",
    )
    .bind(id)
    .bind(merchant_id)
    .execute(&db)
    .await;
    let error = written.expect_err("refused");
    assert_eq!(
        error.as_database_error().and_then(|e| e.constraint()),
        Some("quote_offered_with_terms")
    );
}
