//! Merchants run their shop and the operator runs the market (#10): applications,
//! decisions, tiers, suspensions, and who may call what (teams: tests/team.rs).

mod common;

use app::merchants::model::Uscc;
use axum::http::StatusCode;
use common::market::{listing, merchant};
use common::{PASSWORD, TestApp, approved_with_owner};
use sqlx::PgPool;

/// A valid unified social credit code, different for each `n`.
fn uscc(n: u32) -> String {
    let first17 = format!("91330106MA{n:07}");
    format!(
        "{first17}{}",
        Uscc::check_char(&first17).expect("valid prefix")
    )
}

/// An application's fields, with `code` as its USCC.
fn application(code: &str) -> Vec<(&'static str, String)> {
    [
        ("uscc", code),
        ("name_zh", "杭州标注数据有限公司"),
        ("name_en", "Hangzhou Annotation Data"),
        ("legal_name", "杭州标注数据有限公司"),
        ("service_fields[]", "data-technology"),
        ("service_fields[]", "security"),
        ("region", "hangzhou"),
        ("founded_year", "2016"),
        ("website", "https://annotation.example.cn"),
        ("contact_email", "sales@annotation.example.cn"),
        ("description_zh", "工业图像标注与质检。"),
        ("description_en", "Industrial image annotation."),
        ("certifications", "DCMM level 3\nISO 27001"),
    ]
    .into_iter()
    .map(|(k, v)| (k, v.to_owned()))
    .collect()
}

async fn apply(app: &mut TestApp, fields: &[(&'static str, String)]) -> common::TestResponse {
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    app.call("merchant/apply", &fields).await
}

async fn pending_id(db: &PgPool, applicant: i64) -> i64 {
    sqlx::query_scalar(
        "select merchant_id from merchant where applied_by = $1 and status = 'pending'",
    )
    .bind(applicant)
    .fetch_one(db)
    .await
    .expect("an open application")
}

#[sqlx::test(migrations = "../migrations")]
async fn an_applicant_approved_as_growing_owns_the_merchant_and_is_told(db: PgPool) {
    let mut applicant = TestApp::spawn(db.clone()).await;
    let user = applicant
        .verified_user("founder@annotation.example.cn", "Founder")
        .await;
    let sent = apply(&mut applicant, &application(&uscc(1))).await;
    assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);
    let id = pending_id(&db, user).await;
    let page = applicant.get_html("/apply", "en").await;
    assert!(page.body.contains("Pending review"), "{}", page.body);

    let mut operator = TestApp::spawn(db.clone()).await;
    let operator_id = operator.operator("ops@example.com").await;
    let queue = operator.get_html("/admin/applications", "en").await;
    assert!(
        queue.body.contains("Hangzhou Annotation Data"),
        "{}",
        queue.body
    );
    let approved = operator
        .call(
            "admin/approve_application",
            &[("merchant_id", &id.to_string()), ("tier", "growing")],
        )
        .await;
    assert_eq!(approved.status, StatusCode::OK, "{}", approved.body);

    let (status, tier, fields): (String, String, Vec<String>) =
        sqlx::query_as("select status, tier, service_fields from merchant where merchant_id = $1")
            .bind(id)
            .fetch_one(&db)
            .await
            .expect("merchant");
    assert_eq!((status.as_str(), tier.as_str()), ("approved", "growing"));
    assert_eq!(fields, ["data-technology", "security"]);
    let role: String = sqlx::query_scalar(
        "select role from merchant_member where merchant_id = $1 and app_user_id = $2",
    )
    .bind(id)
    .bind(user)
    .fetch_one(&db)
    .await
    .expect("a member");
    assert_eq!(role, "owner");
    let history: (Option<String>, String, i64) = sqlx::query_as(
        "select old_tier, new_tier, changed_by from merchant_tier_change where merchant_id = $1",
    )
    .bind(id)
    .fetch_one(&db)
    .await
    .expect("tier history");
    assert_eq!(history, (None, "growing".to_owned(), operator_id));
    let audit: (String, serde_json::Value) = sqlx::query_as(
        "select action, after from audit_event where object_type = 'merchant' and object_id = $1",
    )
    .bind(id)
    .fetch_one(&db)
    .await
    .expect("audited");
    assert_eq!(audit.0, "approve_application");
    assert_eq!(audit.1["tier"], "growing");

    let home = applicant.get_html("/", "en").await;
    assert!(
        home.body.contains(r#"data-testid="unread""#),
        "an unread count in the header"
    );
    let notes = applicant.get_html("/account/notifications", "en").await;
    assert!(
        notes.body.contains("was approved as Growing enterprise"),
        "{}",
        notes.body
    );
    let seen = applicant.get_html("/", "en").await;
    assert!(
        !seen.body.contains(r#"data-testid="unread""#),
        "seen once opened"
    );
    let workspace = applicant.get_html("/merchant", "zh").await;
    assert_eq!(workspace.status, StatusCode::OK);
    assert!(workspace.body.contains("杭州标注数据有限公司"));

    let twice = operator
        .call(
            "admin/approve_application",
            &[("merchant_id", &id.to_string()), ("tier", "")],
        )
        .await;
    assert_eq!(twice.status, StatusCode::CONFLICT, "decided already");
}

#[sqlx::test(migrations = "../migrations")]
async fn applying_needs_a_verified_address(db: PgPool) {
    let mut app = TestApp::spawn(db.clone()).await;
    app.register("new@example.com", "New").await;
    let refused = apply(&mut app, &application(&uscc(2))).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(refused.json()["code"], "email_unverified");
    let rows: i64 = sqlx::query_scalar("select count(*) from merchant")
        .fetch_one(&db)
        .await
        .expect("count");
    assert_eq!(rows, 0);
}

#[sqlx::test(migrations = "../migrations")]
async fn a_wrong_or_taken_code_gets_its_own_message_and_one_application_is_open(db: PgPool) {
    let mut first = TestApp::spawn(db.clone()).await;
    first.verified_user("first@example.com", "First").await;
    let mut typo = application(&uscc(3));
    let mut code = uscc(3);
    let last = code.pop().expect("a check character");
    code.push(if last == '0' { '1' } else { '0' });
    typo[0].1 = code;
    let refused = apply(&mut first, &typo).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(refused.json()["errors"][0]["reason"], "uscc_checksum");
    assert!(
        refused.json()["typed"]
            .to_string()
            .contains("杭州标注数据有限公司"),
        "what was typed comes back"
    );

    assert_eq!(
        apply(&mut first, &application(&uscc(3))).await.status,
        StatusCode::OK
    );
    let again = apply(&mut first, &application(&uscc(4))).await;
    assert_eq!(
        again.status,
        StatusCode::CONFLICT,
        "one open application per person"
    );

    let mut second = TestApp::spawn(db.clone()).await;
    second.verified_user("second@example.com", "Second").await;
    let taken = apply(&mut second, &application(&uscc(3))).await;
    assert_eq!(taken.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(taken.json()["errors"][0]["field"], "uscc");
    assert_eq!(taken.json()["errors"][0]["reason"], "uscc_taken");
}

#[sqlx::test(migrations = "../migrations")]
async fn a_rejected_applicant_sees_the_reason_and_may_apply_again(db: PgPool) {
    let mut applicant = TestApp::spawn(db.clone()).await;
    let user = applicant.verified_user("again@example.com", "Again").await;
    apply(&mut applicant, &application(&uscc(5))).await;
    let id = pending_id(&db, user).await;
    let mut operator = TestApp::spawn(db.clone()).await;
    operator.operator("ops@example.com").await;
    let no_reason = operator
        .call(
            "admin/reject_application",
            &[("merchant_id", &id.to_string()), ("reason", " ")],
        )
        .await;
    assert_eq!(no_reason.status, StatusCode::UNPROCESSABLE_ENTITY);
    let rejected = operator
        .call(
            "admin/reject_application",
            &[
                ("merchant_id", &id.to_string()),
                ("reason", "营业执照照片不清晰"),
            ],
        )
        .await;
    assert_eq!(rejected.status, StatusCode::OK, "{}", rejected.body);
    let page = applicant.get_html("/apply", "zh").await;
    assert!(page.body.contains("营业执照照片不清晰"), "{}", page.body);
    assert!(page.body.contains("未通过"));
    let again = apply(&mut applicant, &application(&uscc(5))).await;
    assert_eq!(
        again.status,
        StatusCode::OK,
        "a rejection frees the code: {}",
        again.body
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn a_tier_change_writes_history_and_audit_or_nothing(db: PgPool) {
    let mut owner = TestApp::spawn(db.clone()).await;
    let id = approved_with_owner(&db, &mut owner, "tiered", "owner@tiered.example.cn").await;
    let mut operator = TestApp::spawn(db.clone()).await;
    operator.operator("ops@example.com").await;
    let count = |table: &'static str| {
        let db = db.clone();
        async move {
            sqlx::query_scalar::<_, i64>(&format!("select count(*) from {table}"))
                .fetch_one(&db)
                .await
                .expect("count")
        }
    };
    for (fields, status) in [
        (
            vec![("tier", "leading"), ("reason", "")],
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            vec![("tier", "platinum"), ("reason", "x")],
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            vec![("tier", "growing"), ("reason", "same tier")],
            StatusCode::CONFLICT,
        ),
    ] {
        let id = id.to_string();
        let mut fields = fields;
        fields.push(("merchant_id", &id));
        let refused = operator.call("admin/change_tier", &fields).await;
        assert_eq!(refused.status, status, "{fields:?}: {}", refused.body);
    }
    assert_eq!(count("merchant_tier_change").await, 0, "nothing changed");
    assert_eq!(count("audit_event").await, 0);

    let changed = operator
        .call(
            "admin/change_tier",
            &[
                ("merchant_id", &id.to_string()),
                ("tier", "leading"),
                ("reason", "省级评定 2026"),
            ],
        )
        .await;
    assert_eq!(changed.status, StatusCode::OK, "{}", changed.body);
    let (old, new, reason): (Option<String>, String, String) =
        sqlx::query_as("select old_tier, new_tier, reason from merchant_tier_change")
            .fetch_one(&db)
            .await
            .expect("history");
    assert_eq!(
        (old.as_deref(), new.as_str(), reason.as_str()),
        (Some("growing"), "leading", "省级评定 2026")
    );
    let (before, after): (serde_json::Value, serde_json::Value) =
        sqlx::query_as("select before, after from audit_event where action = 'change_tier'")
            .fetch_one(&db)
            .await
            .expect("audit");
    assert_eq!(
        (before["tier"].as_str(), after["tier"].as_str()),
        (Some("growing"), Some("leading"))
    );
    let profile = owner.get_html("/merchants/tiered", "en").await;
    assert!(
        profile.body.contains("Leading enterprise"),
        "{}",
        profile.status
    );
    let console = operator
        .get_html(&format!("/admin/merchants/{id}"), "en")
        .await;
    assert!(
        console.body.contains("省级评定 2026"),
        "history and audit on the merchant's page"
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn a_suspended_merchant_leaves_the_market_and_its_members_see_why(db: PgPool) {
    let mut owner = TestApp::spawn(db.clone()).await;
    let id = approved_with_owner(&db, &mut owner, "paused", "owner@paused.example.cn").await;
    listing(id, "paused-listing")
        .title("暂停测试数据集", "Suspension test dataset")
        .insert(&db)
        .await;
    let mut visitor = TestApp::spawn(db.clone()).await;
    assert_eq!(
        visitor
            .get_html("/catalog/paused-listing", "en")
            .await
            .status,
        StatusCode::OK
    );
    let found = visitor.get_html("/catalog?q=暂停测试", "zh").await;
    assert!(found.body.contains("paused-listing"));

    let mut operator = TestApp::spawn(db.clone()).await;
    operator.operator("ops@example.com").await;
    let suspended = operator
        .call(
            "admin/suspend_merchant",
            &[("merchant_id", &id.to_string()), ("reason", "资质过期")],
        )
        .await;
    assert_eq!(suspended.status, StatusCode::OK, "{}", suspended.body);

    assert_eq!(
        visitor
            .get_html("/catalog/paused-listing", "en")
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        visitor.get_html("/merchants/paused", "en").await.status,
        StatusCode::NOT_FOUND
    );
    let gone = visitor.get_html("/catalog?q=暂停测试", "zh").await;
    assert!(!gone.body.contains("paused-listing"), "gone from search");
    let sitemap = visitor.get("/sitemaps/listings-0.xml").await;
    assert!(!sitemap.body.contains("paused-listing"));
    let workspace = owner.get_html("/merchant", "zh").await;
    assert!(workspace.body.contains("资质过期"), "{}", workspace.body);

    let again = operator
        .call(
            "admin/suspend_merchant",
            &[("merchant_id", &id.to_string()), ("reason", "again")],
        )
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    let back = operator
        .call(
            "admin/reinstate_merchant",
            &[("merchant_id", &id.to_string()), ("reason", "已更新资质")],
        )
        .await;
    assert_eq!(back.status, StatusCode::OK);
    assert_eq!(
        visitor
            .get_html("/catalog/paused-listing", "en")
            .await
            .status,
        StatusCode::OK
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn a_suspended_listing_returns_to_its_earlier_status(db: PgPool) {
    let mut owner = TestApp::spawn(db.clone()).await;
    let id = approved_with_owner(&db, &mut owner, "moderated", "owner@moderated.example.cn").await;
    let draft = listing(id, "a-draft").status("draft").insert(&db).await;
    let published = listing(id, "a-published").insert(&db).await;
    let mut operator = TestApp::spawn(db.clone()).await;
    operator.operator("ops@example.com").await;
    let status = |listing_id: i64| {
        let db = db.clone();
        async move {
            sqlx::query_scalar::<_, String>("select status from listing where listing_id = $1")
                .bind(listing_id)
                .fetch_one(&db)
                .await
                .expect("status")
        }
    };
    let not_suspended = operator
        .call(
            "admin/restore_listing",
            &[("listing_id", &draft.to_string()), ("reason", "x")],
        )
        .await;
    assert_eq!(not_suspended.status, StatusCode::CONFLICT);
    for listing_id in [draft, published] {
        let done = operator
            .call(
                "admin/suspend_listing",
                &[
                    ("listing_id", &listing_id.to_string()),
                    ("reason", "侵权投诉"),
                ],
            )
            .await;
        assert_eq!(done.status, StatusCode::OK, "{}", done.body);
        assert_eq!(status(listing_id).await, "suspended");
    }
    assert_eq!(
        owner.get_html("/catalog/a-published", "en").await.status,
        StatusCode::NOT_FOUND
    );
    let notes = owner.get_html("/account/notifications", "zh").await;
    assert!(notes.body.contains("侵权投诉"));
    for (listing_id, earlier) in [(draft, "draft"), (published, "published")] {
        let done = operator
            .call(
                "admin/restore_listing",
                &[
                    ("listing_id", &listing_id.to_string()),
                    ("reason", "已核实"),
                ],
            )
            .await;
        assert_eq!(done.status, StatusCode::OK);
        assert_eq!(status(listing_id).await, earlier);
    }
    assert_eq!(
        owner.get_html("/catalog/a-published", "en").await.status,
        StatusCode::OK
    );
}

/// Who may call a server function.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Access {
    /// Anyone, signed in or not.
    Public,
    /// Any signed-in person.
    SignedIn,
    /// A member of a merchant (owner included).
    Member,
    /// The owner of a merchant.
    Owner,
    /// An operator.
    Operator,
}

/// A form's fields: (name, value).
type Fields = &'static [(&'static str, &'static str)];

/// Every registered server function, who may call it, and arguments that parse. A
/// server function missing here fails the test: a new endpoint needs a row, and so a
/// decision about who may call it.
const MATRIX: &[(&str, Access, Fields)] = &[
    ("current_user", Access::Public, &[]),
    (
        "register",
        Access::Public,
        &[
            ("email", "m@example.com"),
            ("display_name", "M"),
            ("password", PASSWORD),
        ],
    ),
    (
        "sign_in",
        Access::Public,
        &[("email", "m@example.com"), ("password", PASSWORD)],
    ),
    ("sign_out", Access::Public, &[]),
    ("set_language", Access::Public, &[("lang", "zh")]),
    (
        "request_password_reset",
        Access::Public,
        &[("email", "m@example.com")],
    ),
    (
        "reset_password",
        Access::Public,
        &[("token", "nope"), ("password", PASSWORD)],
    ),
    (
        "confirm_second_factor",
        Access::Public,
        &[("code", "000000")],
    ),
    ("confirm_email", Access::Public, &[("token", "nope")]),
    ("resend_verification", Access::SignedIn, &[]),
    (
        "account/mail_notifications",
        Access::SignedIn,
        &[("on", "on")],
    ),
    // Orders answer 404 to anyone who is not a party (tests/deals.rs checks each move).
    (
        "orders/place",
        Access::SignedIn,
        &[
            ("listing_id", "1"),
            ("quantity", "1"),
            ("key", "0123456789abcdef"),
        ],
    ),
    (
        "orders/move",
        Access::SignedIn,
        &[("order_id", "1"), ("change", "accept"), ("note", "")],
    ),
    (
        "inquiries/send",
        Access::SignedIn,
        &[("listing_id", "1"), ("subject", "s"), ("message", "m")],
    ),
    (
        "inquiries/write",
        Access::SignedIn,
        &[("inquiry_id", "1"), ("body", "b")],
    ),
    (
        "inquiries/quote",
        Access::SignedIn,
        &[("inquiry_id", "1"), ("price", "1")],
    ),
    ("inquiries/close", Access::SignedIn, &[("inquiry_id", "1")]),
    ("quotes/accept", Access::SignedIn, &[("quote_id", "1")]),
    ("quotes/decline", Access::SignedIn, &[("quote_id", "1")]),
    (
        "requirements/post",
        Access::SignedIn,
        &[("title", "t"), ("description", "d")],
    ),
    (
        "requirements/quote",
        Access::SignedIn,
        &[("requirement_id", "1"), ("price", "1")],
    ),
    (
        "requirements/close",
        Access::SignedIn,
        &[("requirement_id", "1")],
    ),
    (
        "orders/review",
        Access::SignedIn,
        &[("order_id", "1"), ("stars", "5"), ("comment", "")],
    ),
    (
        "change_password",
        Access::SignedIn,
        &[("current_password", "x"), ("new_password", "y")],
    ),
    (
        "merchant/apply",
        Access::SignedIn,
        &[
            ("uscc", "x"),
            ("name_zh", ""),
            ("name_en", ""),
            ("legal_name", ""),
            ("region", ""),
            ("founded_year", ""),
            ("website", ""),
            ("contact_email", ""),
            ("description_zh", ""),
            ("description_en", ""),
            ("certifications", ""),
        ],
    ),
    (
        "merchant/profile",
        Access::Owner,
        &[
            ("name_zh", ""),
            ("name_en", ""),
            ("legal_name", ""),
            ("region", ""),
            ("founded_year", ""),
            ("website", ""),
            ("contact_email", ""),
            ("description_zh", ""),
            ("description_en", ""),
            ("certifications", ""),
        ],
    ),
    (
        "merchant/invite",
        Access::Owner,
        &[("email", "x@example.com")],
    ),
    (
        "merchant/withdraw_invitation",
        Access::Owner,
        &[("invitation_id", "1")],
    ),
    ("merchant/leave", Access::Member, &[]),
    // An invitation to another address is not found (tests/team.rs).
    (
        "invitations/accept",
        Access::SignedIn,
        &[("invitation_id", "1")],
    ),
    (
        "invitations/decline",
        Access::SignedIn,
        &[("invitation_id", "1")],
    ),
    (
        "merchant/remove_member",
        Access::Owner,
        &[("member_id", "1")],
    ),
    (
        "merchant/save_listing",
        Access::Member,
        &[("listing_id", ""), ("title_zh", ""), ("title_en", "")],
    ),
    (
        "merchant/move_listing",
        Access::Member,
        &[("listing_id", "1"), ("change", "publish")],
    ),
    (
        "admin/approve_application",
        Access::Operator,
        &[("merchant_id", "1"), ("tier", "")],
    ),
    (
        "admin/reject_application",
        Access::Operator,
        &[("merchant_id", "1"), ("reason", "r")],
    ),
    (
        "admin/change_tier",
        Access::Operator,
        &[("merchant_id", "1"), ("tier", "leading"), ("reason", "r")],
    ),
    (
        "admin/suspend_merchant",
        Access::Operator,
        &[("merchant_id", "1"), ("reason", "r")],
    ),
    (
        "admin/reinstate_merchant",
        Access::Operator,
        &[("merchant_id", "1"), ("reason", "r")],
    ),
    (
        "admin/suspend_listing",
        Access::Operator,
        &[("listing_id", "1"), ("reason", "r")],
    ),
    (
        "admin/restore_listing",
        Access::Operator,
        &[("listing_id", "1"), ("reason", "r")],
    ),
    (
        "admin/unlock_second_factor",
        Access::Operator,
        &[("user_id", "1"), ("reason", "r")],
    ),
];

#[sqlx::test(migrations = "../migrations")]
async fn the_permission_matrix_covers_every_server_function(db: PgPool) {
    let registered: std::collections::BTreeSet<String> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path.trim_start_matches("/api/").to_owned())
        .collect();
    let listed: std::collections::BTreeSet<String> =
        MATRIX.iter().map(|(path, ..)| (*path).to_owned()).collect();
    assert_eq!(
        registered, listed,
        "every server function has a row in MATRIX"
    );

    let mut anonymous = TestApp::spawn(db.clone()).await;
    let mut buyer = TestApp::spawn(db.clone()).await;
    buyer.verified_user("buyer@example.com", "Buyer").await;
    let mut member = TestApp::spawn(db.clone()).await;
    let merchant_id = merchant("matrix").insert(&db).await;
    let member_id = member.verified_user("member@example.com", "Member").await;
    sqlx::query(
        "insert into merchant_member (merchant_id, app_user_id, role) values ($1, $2, 'member')",
    )
    .bind(merchant_id)
    .bind(member_id)
    .execute(&db)
    .await
    .expect("member");

    for (path, access, fields) in MATRIX {
        // Refusals come before anything is read or changed.
        let expected_anonymous = match access {
            Access::Public => None,
            _ => Some(StatusCode::UNAUTHORIZED),
        };
        if let Some(expected) = expected_anonymous {
            let answer = anonymous.call(path, fields).await;
            assert_eq!(
                answer.status, expected,
                "anonymous → {path}: {}",
                answer.body
            );
        }
        if matches!(access, Access::Member | Access::Owner | Access::Operator) {
            let answer = buyer.call(path, fields).await;
            assert_eq!(
                answer.status,
                StatusCode::FORBIDDEN,
                "buyer → {path}: {}",
                answer.body
            );
        }
        if matches!(access, Access::Owner | Access::Operator) {
            let answer = member.call(path, fields).await;
            assert_eq!(
                answer.status,
                StatusCode::FORBIDDEN,
                "member → {path}: {}",
                answer.body
            );
        }
    }
    let rows: i64 = sqlx::query_scalar("select count(*) from audit_event")
        .fetch_one(&db)
        .await
        .expect("count");
    assert_eq!(rows, 0, "no refused call changed anything");
}

#[sqlx::test(migrations = "../migrations")]
async fn console_pages_send_visitors_to_sign_in_and_refuse_others(db: PgPool) {
    let mut anonymous = TestApp::spawn(db.clone()).await;
    let mut buyer = TestApp::spawn(db.clone()).await;
    buyer.verified_user("buyer@example.com", "Buyer").await;
    for page in [
        "/admin",
        "/admin/applications",
        "/admin/merchants",
        "/admin/merchants/1",
        "/admin/audit",
        "/admin/orders",
        "/merchant",
        "/merchant/team",
        "/merchant/profile",
        "/apply",
        "/account/notifications",
    ] {
        let visitor = anonymous.get_html(page, "en").await;
        assert!(
            visitor.status.is_redirection(),
            "{page}: {}",
            visitor.status
        );
        assert_eq!(visitor.header("location"), Some("/login"), "{page}");
        if page.starts_with("/admin") || page.starts_with("/merchant") {
            assert_eq!(
                buyer.get_html(page, "en").await.status,
                StatusCode::FORBIDDEN,
                "{page}"
            );
        }
    }
}

/// A dataset listing's fields, with a CSV sample pasted.
fn dataset_listing() -> Vec<(&'static str, String)> {
    [
        ("listing_id", ""),
        ("title_zh", "钢卷表面缺陷标注数据集"),
        ("title_en", "Steel coil surface defects"),
        ("summary_zh", "冷轧钢卷表面缺陷图像与标注。"),
        ("summary_en", "Cold-rolled coil defect images with labels."),
        ("kind", "dataset"),
        ("service_field", "data-technology"),
        ("industries[]", "manufacturing"),
        ("delivery_modes[]", "download"),
        ("delivery_modes[]", "api"),
        ("pricing_model", "fixed"),
        ("price", "12800.5"),
        ("personal_info", "none"),
        ("classification", "general"),
        ("modality", "image"),
        (
            "sample_csv",
            "image_id,defect,severity\nC1,scratch,2\nC2,dent,1\n",
        ),
    ]
    .into_iter()
    .map(|(k, v)| (k, v.to_owned()))
    .collect()
}

async fn save(app: &mut TestApp, fields: &[(&'static str, String)]) -> common::TestResponse {
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    app.call("merchant/save_listing", &fields).await
}

#[sqlx::test(migrations = "../migrations")]
async fn a_member_writes_a_dataset_from_a_csv_sample_and_publishes_it(db: PgPool) {
    let mut owner = TestApp::spawn(db.clone()).await;
    let merchant_id = approved_with_owner(&db, &mut owner, "coils", "owner@coils.example.cn").await;
    let saved = save(&mut owner, &dataset_listing()).await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    let (id, slug, status, price, dictionary): (i64, String, String, Option<i64>, serde_json::Value) =
        sqlx::query_as(
            "select listing_id, slug, status, price_fen, data_dictionary from listing where merchant_id = $1",
        )
        .bind(merchant_id)
        .fetch_one(&db)
        .await
        .expect("a listing");
    assert_eq!(
        (slug.as_str(), status.as_str(), price),
        ("steel-coil-surface-defects", "draft", Some(1_280_050))
    );
    assert_eq!(dictionary[2]["name"], "severity");
    assert_eq!(dictionary[2]["type"], "integer");
    let mut visitor = TestApp::spawn(db.clone()).await;
    assert_eq!(
        visitor
            .get_html(&format!("/catalog/{slug}"), "en")
            .await
            .status,
        StatusCode::NOT_FOUND,
        "a draft is not public"
    );
    let preview = owner
        .get_html(&format!("/merchant/listings/{id}/preview"), "zh")
        .await;
    assert!(preview.body.contains("钢卷表面缺陷标注数据集"));

    // The merchant describes a column and renames the title: the slug stays.
    let mut edit = dataset_listing();
    edit[0].1 = id.to_string();
    edit[2].1 = "Cold-rolled steel coil defects".to_owned();
    edit.retain(|(k, _)| *k != "sample_csv");
    for (name, kind, description) in [
        ("image_id", "text", "图像编号"),
        ("defect", "text", "缺陷类别"),
        ("severity", "integer", "1–3"),
    ] {
        edit.push(("dict_name[]", name.to_owned()));
        edit.push(("dict_type[]", kind.to_owned()));
        edit.push(("dict_description[]", description.to_owned()));
    }
    assert_eq!(save(&mut owner, &edit).await.status, StatusCode::OK);
    let (slug_after, dictionary, sample): (String, serde_json::Value, serde_json::Value) =
        sqlx::query_as("select slug, data_dictionary, sample from listing where listing_id = $1")
            .bind(id)
            .fetch_one(&db)
            .await
            .expect("a listing");
    assert_eq!(slug_after, slug, "the slug is stable");
    assert_eq!(dictionary[1]["description"], "缺陷类别");
    assert_eq!(
        sample["rows"].as_array().map(Vec::len),
        Some(2),
        "the sample stays without a new paste"
    );

    let published = owner
        .call(
            "merchant/move_listing",
            &[("listing_id", &id.to_string()), ("change", "publish")],
        )
        .await;
    assert_eq!(published.status, StatusCode::OK, "{}", published.body);
    let found = visitor.get_html("/catalog?q=钢卷", "zh").await;
    assert!(
        found.body.contains(&slug),
        "published edits are searchable at once"
    );
    let twice = owner
        .call(
            "merchant/move_listing",
            &[("listing_id", &id.to_string()), ("change", "publish")],
        )
        .await;
    assert_eq!(twice.status, StatusCode::CONFLICT);
    let archived = owner
        .call(
            "merchant/move_listing",
            &[("listing_id", &id.to_string()), ("change", "archive")],
        )
        .await;
    assert_eq!(archived.status, StatusCode::OK);
    let edit_archived = save(&mut owner, &edit).await;
    assert_eq!(
        edit_archived.status,
        StatusCode::CONFLICT,
        "archived listings are not edited"
    );

    // The same English title again: the next free slug.
    assert_eq!(
        save(&mut owner, &dataset_listing()).await.status,
        StatusCode::OK
    );
    let slugs: Vec<String> =
        sqlx::query_scalar("select slug from listing where merchant_id = $1 order by listing_id")
            .bind(merchant_id)
            .fetch_all(&db)
            .await
            .expect("slugs");
    assert_eq!(
        slugs,
        ["steel-coil-surface-defects", "steel-coil-surface-defects-2"]
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn bad_listing_input_is_refused_field_by_field_and_nothing_is_written(db: PgPool) {
    let mut owner = TestApp::spawn(db.clone()).await;
    approved_with_owner(&db, &mut owner, "careful", "owner@careful.example.cn").await;
    let mut bad = dataset_listing();
    for (name, value) in [
        ("price", "12.345"),
        ("sample_csv", "a,b\n1,2\n3\n"),
        ("kind", "dataset"),
        ("modality", ""),
    ] {
        if let Some(field) = bad.iter_mut().find(|(k, _)| *k == name) {
            field.1 = value.to_owned();
        }
    }
    bad.push(("industries[]", "cooking".to_owned()));
    let refused = save(&mut owner, &bad).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    let body = refused.json();
    let reason = |field: &str| {
        body["errors"]
            .as_array()
            .and_then(|errors| errors.iter().find(|e| e["field"] == field))
            .map(|e| e["reason"].clone())
    };
    assert_eq!(reason("price"), Some(serde_json::json!("price_format")));
    assert_eq!(reason("modality"), Some(serde_json::json!("required")));
    assert_eq!(
        reason("industries"),
        Some(serde_json::json!("unknown_choice"))
    );
    assert_eq!(
        reason("sample_csv"),
        Some(serde_json::json!({"csv": {"problem": "ragged_row", "line": 3, "column": 0}}))
    );
    let rows: i64 = sqlx::query_scalar("select count(*) from listing")
        .fetch_one(&db)
        .await
        .expect("count");
    assert_eq!(rows, 0);
}

#[sqlx::test(migrations = "../migrations")]
async fn another_merchants_listing_is_not_found_and_a_suspended_merchant_cannot_publish(
    db: PgPool,
) {
    let mut owner = TestApp::spawn(db.clone()).await;
    let merchant_id = approved_with_owner(&db, &mut owner, "mine", "owner@mine.example.cn").await;
    let draft = listing(merchant_id, "my-draft")
        .status("draft")
        .insert(&db)
        .await;
    let mut other = TestApp::spawn(db.clone()).await;
    approved_with_owner(&db, &mut other, "theirs", "owner@theirs.example.cn").await;
    let foreign = other
        .call(
            "merchant/move_listing",
            &[("listing_id", &draft.to_string()), ("change", "publish")],
        )
        .await;
    assert_eq!(foreign.status, StatusCode::NOT_FOUND);
    let mut edit = dataset_listing();
    edit[0].1 = draft.to_string();
    assert_eq!(save(&mut other, &edit).await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        other
            .get_html(&format!("/merchant/listings/{draft}"), "en")
            .await
            .status,
        StatusCode::NOT_FOUND
    );

    sqlx::query(
        "update merchant set status = 'suspended', status_reason = 'x' where merchant_id = $1",
    )
    .bind(merchant_id)
    .execute(&db)
    .await
    .expect("suspended");
    let refused = owner
        .call(
            "merchant/move_listing",
            &[("listing_id", &draft.to_string()), ("change", "publish")],
        )
        .await;
    assert_eq!(refused.status, StatusCode::CONFLICT);
    let status: String = sqlx::query_scalar("select status from listing where listing_id = $1")
        .bind(draft)
        .fetch_one(&db)
        .await
        .expect("status");
    assert_eq!(status, "draft");
}

#[sqlx::test(migrations = "../migrations")]
async fn the_dashboard_counts_the_market_and_draws_it_with_tables(db: PgPool) {
    let leading = merchant("lead-sec")
        .tier("leading")
        .fields(&["security"])
        .region("ningbo")
        .insert(&db)
        .await;
    merchant("grow-sec")
        .tier("growing")
        .fields(&["security", "operation"])
        .region("ningbo")
        .insert(&db)
        .await;
    merchant("waiting").status("pending").insert(&db).await;
    merchant("gone")
        .status("suspended")
        .fields(&["security"])
        .insert(&db)
        .await;
    listing(leading, "sec-dataset")
        .kind("dataset")
        .field("security")
        .insert(&db)
        .await;
    listing(leading, "sec-draft")
        .kind("service")
        .field("security")
        .status("draft")
        .insert(&db)
        .await;

    let d = app::operator::repo::dashboard(&db).await.expect("figures");
    let security = d
        .tier_by_field
        .iter()
        .find(|(f, _)| *f == app::vocab::ServiceField::Security)
        .map(|(_, counts)| *counts);
    assert_eq!(security, Some([1, 1, 0]), "approved only, per tier");
    assert_eq!(
        d.by_region.first().map(|(r, n)| (r.slug(), *n)),
        Some(("ningbo", 2))
    );
    let listed = d
        .kind_by_field
        .iter()
        .find(|(f, _)| *f == app::vocab::ServiceField::Security)
        .map(|(_, counts)| *counts);
    assert_eq!(listed, Some([1, 0, 0]), "public listings only");
    assert_eq!(d.waiting_by_age, [1, 0, 0, 0]);
    assert_eq!(d.tier_changes.len(), 12);
    assert_eq!(d.orders_placed.len(), 12);
    assert_eq!(d.orders_placed.iter().map(|m| m.1).sum::<i64>(), 0);

    let mut operator = TestApp::spawn(db.clone()).await;
    let operator_id = operator.operator("ops@example.com").await;
    // Two inquiries this month and one thirteen months ago, beyond the chart.
    sqlx::query(
        "insert into inquiry (buyer_id, merchant_id, subject, created_at)
         select $1, $2, 'Q', at from unnest(array[now(), now(), now() - interval '13 months']) at",
    )
    .bind(operator_id)
    .bind(leading)
    .execute(&db)
    .await
    .expect("inquiries");
    let d = app::operator::repo::dashboard(&db).await.expect("figures");
    let months: Vec<i64> = d.inquiries_sent.iter().map(|m| m.1).collect();
    assert_eq!(months.len(), 12);
    assert_eq!(months.last(), Some(&2), "this month last");
    assert_eq!(months.iter().sum::<i64>(), 2);

    for (lang, caption) in [
        ("en", "Approved merchants by service field and tier"),
        ("zh", "各服务领域、各梯队的已入驻数商"),
    ] {
        let page = operator.get_html("/admin", lang).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains(caption), "{lang}");
        assert_eq!(
            page.body.matches("class=\"chart__svg\"").count(),
            7,
            "seven charts"
        );
        assert_eq!(
            page.body.matches("<details").count(),
            7,
            "each with its table"
        );
    }
}

/// The editor as the browser posts it (multipart, from the listing's page), with the
/// sample as a file.
async fn save_with_file(
    app: &mut TestApp,
    fields: &[(&'static str, String)],
    file: &[u8],
    page: &str,
) -> common::TestResponse {
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let mut request = common::multipart_request(
        app::catalog::api::SAVE_LISTING_FORM,
        &fields,
        &[("sample_file", "sample.csv", file)],
    );
    common::from_form_on(&mut request, page);
    app.request(request).await
}

async fn title_en(db: &PgPool, listing_id: i64) -> String {
    sqlx::query_scalar("select title_en from listing where listing_id = $1")
        .bind(listing_id)
        .fetch_one(db)
        .await
        .expect("a listing")
}

#[sqlx::test(migrations = "../migrations")]
async fn the_editor_takes_its_sample_as_a_csv_file_and_refuses_a_bad_one_beside_it(db: PgPool) {
    let mut owner = TestApp::spawn(db.clone()).await;
    let merchant_id = approved_with_owner(&db, &mut owner, "coils", "owner@coils.example.cn").await;
    let mut fields = dataset_listing();
    fields.retain(|(k, _)| *k != "sample_csv");
    let file = "\u{feff}批次,缺陷,等级\nB1,划痕,2\nB2,凹坑,1\nB3,裂纹,3\n".as_bytes();

    let saved = save_with_file(&mut owner, &fields, file, "/merchant/listings/new").await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let (id, dictionary, sample): (i64, serde_json::Value, serde_json::Value) = sqlx::query_as(
        "select listing_id, data_dictionary, sample from listing where merchant_id = $1",
    )
    .bind(merchant_id)
    .fetch_one(&db)
    .await
    .expect("a listing");
    assert_eq!(
        saved.header("location"),
        Some(format!("/merchant/listings/{id}?saved=1").as_str())
    );
    let names: Vec<&str> = dictionary
        .as_array()
        .expect("a dictionary")
        .iter()
        .filter_map(|f| f["name"].as_str())
        .collect();
    assert_eq!(names, ["批次", "缺陷", "等级"]);
    assert_eq!(dictionary[2]["type"], "integer");
    assert_eq!(sample["rows"].as_array().map(Vec::len), Some(3));

    // A GBK file is refused beside the file input, in the reader's language; what was
    // typed comes back and nothing changes.
    let page = format!("/merchant/listings/{id}");
    let mut edit = fields.clone();
    edit[0].1 = id.to_string();
    edit[2].1 = "Renamed while refused".to_owned();
    let gbk = b"name,city\n\xd5\xc5\xc8\xfd,x\n";
    let refused = save_with_file(&mut owner, &edit, gbk, &page).await;
    assert_eq!(refused.status, StatusCode::SEE_OTHER, "{}", refused.body);
    assert_eq!(refused.header("location"), Some(page.as_str()));
    let shown = owner.get_html(&page, "en").await;
    assert!(
        shown.body.contains("Line 2 looks like GBK-encoded Chinese"),
        "the message names the line"
    );
    assert!(
        shown
            .body
            .contains(r#"id="field-sample_file" type="file" name="sample_file""#)
    );
    assert!(
        shown
            .body
            .contains(r#"aria-describedby="field-sample_file-hint field-sample_file-error""#)
    );
    assert!(
        shown.body.contains("Renamed while refused"),
        "what was typed is back"
    );
    let title = title_en(&db, id).await;
    assert_eq!(title, "Steel coil surface defects", "nothing changed");

    // Past 1 MB the file is refused, in Chinese too.
    let mut large = b"a,b\n".to_vec();
    while large.len() <= app::catalog::sample_csv::MAX_BYTES {
        large.extend_from_slice(b"1234567890,abcdefghij\n");
    }
    let too_large = save_with_file(&mut owner, &edit, &large, &page).await;
    assert_eq!(too_large.status, StatusCode::SEE_OTHER);
    let shown = owner.get_html(&page, "zh").await;
    assert!(shown.body.contains("样例超过 1 MB"), "{}", shown.body.len());

    // No file chosen (an empty part): the stored sample stays.
    let kept = save_with_file(&mut owner, &edit, b"", &page).await;
    assert_eq!(kept.status, StatusCode::SEE_OTHER);
    let (title, sample): (String, serde_json::Value) =
        sqlx::query_as("select title_en, sample from listing where listing_id = $1")
            .bind(id)
            .fetch_one(&db)
            .await
            .expect("a listing");
    assert_eq!(title, "Renamed while refused");
    assert_eq!(sample["rows"].as_array().map(Vec::len), Some(3));

    // Refusals: a visitor is sent to sign in; a verified buyer has no merchant; another
    // merchant's owner finds no such listing.
    let mut visitor = TestApp::spawn(db.clone()).await;
    let anonymous = save_with_file(&mut visitor, &edit, file, &page).await;
    assert_eq!(anonymous.header("location"), Some("/login"));
    let mut buyer = TestApp::spawn(db.clone()).await;
    buyer.verified_user("buyer@example.cn", "Buyer").await;
    let not_a_member = save_with_file(&mut buyer, &edit, file, &page).await;
    let mut other = TestApp::spawn(db.clone()).await;
    approved_with_owner(&db, &mut other, "others", "owner@others.example.cn").await;
    let other_merchant = save_with_file(&mut other, &edit, file, &page).await;
    for (who, answer) in [
        ("buyer", &not_a_member),
        ("other merchant", &other_merchant),
    ] {
        assert_eq!(answer.status, StatusCode::SEE_OTHER, "{who}");
        assert_eq!(answer.header("location"), Some(page.as_str()), "{who}");
    }
    let as_buyer = buyer.get_html(&page, "en").await;
    assert_eq!(as_buyer.status, StatusCode::FORBIDDEN);
    let title = title_en(&db, id).await;
    assert_eq!(title, "Renamed while refused", "no one else changed it");
    // Asked for JSON (an API client), the refusals are their statuses.
    let fields: Vec<(&str, &str)> = edit.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let api = || common::multipart_request(app::catalog::api::SAVE_LISTING_FORM, &fields, &[]);
    for (who, app, status) in [
        (
            "visitor",
            &mut TestApp::spawn(db.clone()).await,
            StatusCode::UNAUTHORIZED,
        ),
        ("buyer", &mut buyer, StatusCode::FORBIDDEN),
        ("other merchant", &mut other, StatusCode::NOT_FOUND),
    ] {
        let answer = app.request(api()).await;
        assert_eq!(answer.status, status, "{who}: {}", answer.body);
    }
}
