//! Hostile text stays text, whatever page or mail shows it, without knowing where a bug
//! might be: every free text a person can store is written as a payload that closes
//! every raw-text and escapable raw-text element, makes an element and opens a comment
//! ([`PROBE`]), through the same forms people use; then every page that can show it is
//! rendered, in both languages and to every party, and parsed with an HTML5 parser as a
//! browser would. No page may hold a `#probe` element, and every payload must read back
//! intact somewhere (a text escaped twice fails as surely as one not escaped at all).
//! The mail those events send is read as well.
//!
//! Which fields are free text comes from the code: each form's field names are read from
//! its `Deserialize` derive ([`field_names`]), and every server function must have a row
//! here ([`FORMS`] or [`NO_FREE_TEXT`]), so a new field or form without one fails.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use axum::http::StatusCode;
use common::{PASSWORD, TestApp};
use scraper::{Html, Node, Selector};
use sqlx::PgPool;

/// Closes `<title>`, `<textarea>` (the escapable raw-text elements), `<script>`,
/// `<style>`, `<noscript>` (raw text, or parsed as such), then makes an element that must
/// never exist and opens a comment, which would swallow the rest of the page (and with it
/// the payloads after it).
const PROBE: &str = "</title></textarea></script></style></noscript><b id=probe>!</b><!--";
/// For fields of at most 60 characters (display names, dictionary names): the two
/// escapable raw-text elements, which are the ones a page puts stored text in.
const SHORT_PROBE: &str = "</title></textarea><b id=probe>!</b><!--";
/// File names lose everything up to their last slash: no closing tags, but markup.
const NAME_PROBE: &str = "<b id=probe>&amp;<!--";

/// How this test fills one field of a form.
#[derive(Clone, Copy)]
enum Fill {
    /// Free text others read: a payload, tagged with the field's number.
    Hostile,
    /// The same, for a field of at most 60 characters.
    HostileShort,
    /// Not free text (a choice, number, date, address, id, password): a valid value.
    /// `{name}` is replaced by the scenario's value of that name; `{hostile}` by a
    /// payload of its own (text inside a structured value: a CSV cell).
    Value(&'static str),
}
use Fill::{Hostile, HostileShort, Value};

/// The field names of a `Deserialize` struct, as its derive lists them (skipped fields
/// left out). `None` for a struct that flattens another (serde reads it as a map).
fn field_names<'de, T: serde::Deserialize<'de>>() -> Option<&'static [&'static str]> {
    use serde::de::{self, Visitor, value::Error};
    struct Names(Option<&'static [&'static str]>);
    impl<'de> de::Deserializer<'de> for &mut Names {
        type Error = Error;
        fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Error> {
            Err(de::Error::custom("not a struct"))
        }
        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Error> {
            self.0 = Some(fields);
            Err(de::Error::custom("names read"))
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes
            byte_buf option unit unit_struct newtype_struct seq tuple tuple_struct map enum
            identifier ignored_any
        }
    }
    let mut names = Names(None);
    let _ = T::deserialize(&mut names);
    names.0
}

/// A form's fields: its server function's own arguments (`own`, read from the function's
/// struct, or listed by hand beside a flattened form) and those of the form it flattens.
fn fields_of(own: &[&'static str], flattened: Option<&'static [&'static str]>) -> BTreeSet<String> {
    own.iter()
        .chain(flattened.unwrap_or_default())
        .map(|f| (*f).to_owned())
        .collect()
}

/// The fields of a server function that takes its arguments one by one.
fn arguments_of<'de, T: serde::Deserialize<'de>>() -> BTreeSet<String> {
    fields_of(field_names::<T>().expect("a struct of arguments"), None)
}

type Fields = fn() -> BTreeSet<String>;
/// Each field of a form (as the form posts it) and how this test fills it.
type Fills = &'static [(&'static str, Fill)];

/// Every server function that stores text someone else reads, its fields as the code
/// declares them, and how this test fills each (the `[]` of a list field is how a form
/// posts it). The scenario below calls them in this order.
const FORMS: &[(&str, Fields, Fills)] = &[
    (
        "register",
        arguments_of::<app::accounts::api::Register>,
        &[
            ("email", Value("{email}")),
            ("display_name", HostileShort),
            ("password", Value(PASSWORD)),
        ],
    ),
    (
        "merchant/apply",
        || {
            fields_of(
                &["uscc"],
                field_names::<app::merchants::model::ProfileForm>(),
            )
        },
        &[
            ("uscc", Value("{uscc}")),
            ("name_zh", Hostile),
            ("name_en", Hostile),
            ("legal_name", Hostile),
            ("service_fields[]", Value("data-technology")),
            ("region", Value("hangzhou")),
            ("founded_year", Value("2016")),
            ("website", Value("https://hostile.example.cn")),
            ("contact_email", Value("sales@hostile.example.cn")),
            ("description_zh", Hostile),
            ("description_en", Hostile),
            ("certifications", Hostile),
        ],
    ),
    (
        "merchant/profile",
        || fields_of(&[], field_names::<app::merchants::model::ProfileForm>()),
        &[
            ("name_zh", Hostile),
            ("name_en", Hostile),
            ("legal_name", Hostile),
            ("service_fields[]", Value("data-technology")),
            ("region", Value("hangzhou")),
            ("founded_year", Value("2016")),
            ("website", Value("https://hostile.example.cn")),
            ("contact_email", Value("sales@hostile.example.cn")),
            ("description_zh", Hostile),
            ("description_en", Hostile),
            ("certifications", Hostile),
        ],
    ),
    (
        "merchant/save_listing",
        || {
            fields_of(
                &["listing_id"],
                field_names::<app::catalog::editor::ListingForm>(),
            )
        },
        &[
            ("listing_id", Value("")),
            ("title_zh", Hostile),
            ("title_en", Hostile),
            ("summary_zh", Hostile),
            ("summary_en", Hostile),
            ("description_zh", Hostile),
            ("description_en", Hostile),
            ("kind", Value("dataset")),
            ("service_field", Value("data-technology")),
            ("industries[]", Value("manufacturing")),
            ("delivery_modes[]", Value("download")),
            ("pricing_model", Value("fixed")),
            ("price", Value("1280")),
            ("licence_terms", Hostile),
            ("data_source", Hostile),
            ("personal_info", Value("none")),
            ("classification", Value("general")),
            ("registration_cert_no", HostileShort),
            ("has_compliance_report", Value("")),
            ("modality", Value("image")),
            ("volume", Hostile),
            ("time_coverage", Hostile),
            ("update_frequency", Hostile),
            ("label_schema", Hostile),
            ("annotation_accuracy", Hostile),
            // The sample proposes the dictionary, keeping the description typed for a
            // column it still has: the first column is the dictionary row's name.
            ("dict_name[]", HostileShort),
            ("dict_type[]", Value("text")),
            ("dict_description[]", Hostile),
            (
                "sample_csv",
                Value("{dict_name[]},defect\n{hostile},dent\n"),
            ),
            ("dict_remove", Value("")),
        ],
    ),
    (
        "inquiries/send",
        || {
            fields_of(
                &["listing_id", "merchant"],
                field_names::<app::deals::forms::InquiryForm>(),
            )
        },
        &[
            ("listing_id", Value("{listing_id}")),
            ("merchant", Value("")),
            ("subject", Hostile),
            ("message", Hostile),
            ("quantity", Value("2")),
            ("budget", Value("50000")),
            ("deadline", Value("{in_30_days}")),
        ],
    ),
    (
        "inquiries/write",
        arguments_of::<app::deals::api::WriteMessage>,
        &[("inquiry_id", Value("{inquiry_id}")), ("body", Hostile)],
    ),
    (
        "inquiries/quote",
        || {
            fields_of(
                &["inquiry_id"],
                field_names::<app::deals::forms::QuoteForm>(),
            )
        },
        &[
            ("inquiry_id", Value("{inquiry_id}")),
            ("pricing_model", Value("fixed")),
            ("price", Value("30000")),
            ("quantity", Value("2")),
            ("delivery_days", Value("10")),
            ("terms", Hostile),
            ("valid_until", Value("{in_30_days}")),
        ],
    ),
    (
        "orders/move",
        arguments_of::<app::deals::api::MoveOrder>,
        &[
            ("order_id", Value("{order_id}")),
            ("change", Value("{change}")),
            ("note", Hostile),
        ],
    ),
    (
        "orders/review",
        arguments_of::<app::deals::api::ReviewOrder>,
        &[
            ("order_id", Value("{order_id}")),
            ("stars", Value("4")),
            ("comment", Hostile),
        ],
    ),
    (
        "requirements/post",
        || fields_of(&[], field_names::<app::deals::forms::RequirementForm>()),
        &[
            ("title", Hostile),
            ("description", Hostile),
            ("service_field", Value("data-technology")),
            ("industries[]", Value("healthcare")),
            ("budget_min", Value("20000")),
            ("budget_max", Value("80000")),
            ("deadline", Value("{in_30_days}")),
        ],
    ),
    (
        "requirements/quote",
        || {
            fields_of(
                &["requirement_id"],
                field_names::<app::deals::forms::QuoteForm>(),
            )
        },
        &[
            ("requirement_id", Value("{requirement_id}")),
            ("pricing_model", Value("fixed")),
            ("price", Value("31000")),
            ("quantity", Value("1")),
            ("delivery_days", Value("12")),
            ("terms", Hostile),
            ("valid_until", Value("{in_30_days}")),
        ],
    ),
    (
        "admin/reject_application",
        arguments_of::<app::operator::api::RejectApplication>,
        &[
            ("merchant_id", Value("{merchant_id}")),
            ("reason", Hostile),
            ("form_token", Value("{form_token}")),
        ],
    ),
    (
        "admin/change_tier",
        arguments_of::<app::operator::api::ChangeTier>,
        &[
            ("merchant_id", Value("{merchant_id}")),
            ("tier", Value("leading")),
            ("reason", Hostile),
            ("form_token", Value("{form_token}")),
        ],
    ),
    (
        "admin/suspend_listing",
        arguments_of::<app::operator::api::SuspendListing>,
        &[
            ("listing_id", Value("{listing_id}")),
            ("reason", Hostile),
            ("form_token", Value("{form_token}")),
        ],
    ),
    (
        "admin/restore_listing",
        arguments_of::<app::operator::api::RestoreListing>,
        &[
            ("listing_id", Value("{listing_id}")),
            ("reason", Hostile),
            ("form_token", Value("{form_token}")),
        ],
    ),
    (
        "admin/suspend_merchant",
        arguments_of::<app::operator::api::SuspendMerchant>,
        &[
            ("merchant_id", Value("{merchant_id}")),
            ("reason", Hostile),
            ("form_token", Value("{form_token}")),
        ],
    ),
    (
        "admin/unlock_second_factor",
        arguments_of::<app::operator::api::UnlockSecondFactor>,
        &[
            ("user_id", Value("{locked_operator}")),
            ("reason", Hostile),
            ("form_token", Value("{form_token}")),
        ],
    ),
    (
        "admin/reinstate_merchant",
        arguments_of::<app::operator::api::ReinstateMerchant>,
        &[
            ("merchant_id", Value("{merchant_id}")),
            ("reason", Hostile),
            ("form_token", Value("{form_token}")),
        ],
    ),
];

/// Server functions that store no free text anyone reads, and why.
const NO_FREE_TEXT: &[(&str, &str)] = &[
    ("current_user", "reads only"),
    ("sign_in", "an address and a password"),
    ("sign_out", "no fields"),
    ("set_language", "a choice"),
    ("request_password_reset", "an address"),
    ("reset_password", "a token and a password"),
    ("change_password", "passwords"),
    ("confirm_second_factor", "a code"),
    ("resend_verification", "no fields"),
    ("confirm_email", "a token"),
    ("account/mail_notifications", "a checkbox"),
    ("orders/place", "an id, a quantity, a key"),
    ("inquiries/close", "an id"),
    ("quotes/accept", "an id"),
    ("quotes/decline", "an id"),
    ("requirements/close", "an id"),
    ("merchant/invite", "an address"),
    ("merchant/withdraw_invitation", "an id"),
    ("merchant/remove_member", "an id"),
    ("merchant/leave", "no fields"),
    ("invitations/accept", "an id"),
    ("invitations/decline", "an id"),
    ("merchant/move_listing", "an id and a choice"),
    ("admin/approve_application", "an id and a choice"),
];

/// Writes the payloads and remembers which one went where.
#[derive(Default)]
struct Payloads {
    /// Each payload and the form field it was written to.
    written: BTreeMap<String, String>,
}

impl Payloads {
    fn new_one(&mut self, probe: &str, field: String) -> String {
        let payload = format!("{probe}~{}", self.written.len());
        self.written.insert(payload.clone(), field);
        payload
    }

    /// `form`'s fields as FORMS fills them, with `values` for the placeholders.
    fn form(&mut self, form: &str, values: &BTreeMap<&str, String>) -> Vec<(String, String)> {
        let (_, _, fills) = FORMS
            .iter()
            .find(|(name, ..)| *name == form)
            .unwrap_or_else(|| panic!("{form} is in FORMS"));
        let mut fields: Vec<(String, String)> = Vec::new();
        for (name, fill) in *fills {
            let field = format!("{form}.{name}");
            let value = match fill {
                Hostile => self.new_one(PROBE, field),
                HostileShort => self.new_one(SHORT_PROBE, field),
                Value(template) => {
                    let mut value = (*template).to_owned();
                    if value.contains("{hostile}") {
                        value = value.replace("{hostile}", &self.new_one(PROBE, field));
                    }
                    for (key, replacement) in values {
                        value = value.replace(&format!("{{{key}}}"), replacement);
                    }
                    // An earlier field of this form, by its name.
                    for (key, replacement) in &fields {
                        value = value.replace(&format!("{{{key}}}"), replacement);
                    }
                    value
                }
            };
            fields.push(((*name).to_owned(), value));
        }
        fields
    }
}

/// The scenario's people, each with a browser of their own, and what they made.
struct Market {
    db: PgPool,
    payloads: Payloads,
    values: BTreeMap<&'static str, String>,
    owner: TestApp,
    buyer: TestApp,
    applicant: TestApp,
    operator: TestApp,
    visitor: TestApp,
    /// The payloads some page or mail showed intact.
    read_back: BTreeSet<String>,
}

impl Market {
    /// Renders `pages`, each in both languages, and parses them as a browser would: no
    /// page may hold a `#probe` element; the payloads they show intact are noted.
    async fn look(&mut self, pages: &[(Who, String)]) {
        let probe = Selector::parse("#probe").expect("a selector");
        for (who, path) in pages {
            for language in ["en", "zh-CN"] {
                let page = self.app(*who).get_html(path, language).await;
                assert_eq!(page.status, StatusCode::OK, "{who:?} {path} ({language})");
                let html = Html::parse_document(&page.body);
                assert!(
                    html.select(&probe).next().is_none(),
                    "{who:?} {path} ({language}): hostile text became an element:\n{}",
                    page.body
                );
                self.read(&readable_text(&html));
            }
        }
    }

    fn read(&mut self, text: &str) {
        for payload in self.payloads.written.keys() {
            if text.contains(payload.as_str()) {
                self.read_back.insert(payload.clone());
            }
        }
    }

    async fn call(&mut self, who: Who, form: &str) {
        let fields = self.payloads.form(form, &self.values);
        let fields: Vec<(&str, &str)> = fields
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let answer = self.app(who).call(form, &fields).await;
        assert_eq!(answer.status, StatusCode::OK, "{form}: {}", answer.body);
    }

    async fn call_plain(&mut self, who: Who, function: &str, fields: &[(&str, &str)]) {
        let answer = self.app(who).call(function, fields).await;
        assert_eq!(answer.status, StatusCode::OK, "{function}: {}", answer.body);
    }

    fn app(&mut self, who: Who) -> &mut TestApp {
        match who {
            Who::Owner => &mut self.owner,
            Who::Buyer => &mut self.buyer,
            Who::Applicant => &mut self.applicant,
            Who::Operator => &mut self.operator,
            Who::Visitor => &mut self.visitor,
        }
    }

    async fn id(&self, sql: &str) -> String {
        let id: i64 = sqlx::query_scalar(sql)
            .fetch_one(&self.db)
            .await
            .expect(sql);
        id.to_string()
    }

    async fn register(&mut self, who: Who, email: &str) {
        self.values.insert("email", email.to_owned());
        self.call(who, "register").await;
        sqlx::query("update app_user set email_verified_at = now() where email = $1")
            .bind(email)
            .execute(&self.db)
            .await
            .expect("verified");
    }

    /// An order move with a hostile note (a move that takes one).
    async fn order_move(&mut self, who: Who, change: &str) {
        self.values.insert("change", change.to_owned());
        self.call(who, "orders/move").await;
    }

    /// An order move that takes no note.
    async fn order_move_plain(&mut self, who: Who, change: &str) {
        let order_id = self.values["order_id"].clone();
        self.call_plain(
            who,
            "orders/move",
            &[("order_id", &order_id), ("change", change), ("note", "")],
        )
        .await;
    }

    /// The merchant delivers: a hostile note and a file with a hostile name.
    async fn deliver(&mut self) {
        let order_id = self.values["order_id"].clone();
        let note = self.payloads.new_one(PROBE, "deliver.note".into());
        let name = self.payloads.new_one(NAME_PROBE, "deliver.files".into());
        let request = common::multipart_request(
            &format!("/orders/{order_id}/deliver"),
            &[("note", &note)],
            &[("files", &format!("{name}.csv"), b"a,b\n1,2\n")],
        );
        let delivered = self.owner.request(request).await;
        assert!(delivered.status.is_redirection(), "{}", delivered.body);
    }
}

#[derive(Clone, Copy, Debug)]
enum Who {
    Owner,
    Buyer,
    Applicant,
    Operator,
    Visitor,
}

fn uscc(n: u32) -> String {
    let first17 = format!("91330106MA{n:07}");
    let check = app::merchants::model::Uscc::check_char(&first17).expect("a valid prefix");
    format!("{first17}{check}")
}

/// What a browser would read of a page: its text (the title's and textareas' included)
/// and its attribute values.
fn readable_text(html: &Html) -> String {
    let mut text = String::new();
    for node in html.tree.nodes() {
        match node.value() {
            Node::Text(t) => text.push_str(t),
            Node::Element(e) => {
                for (_, value) in e.attrs() {
                    text.push('\n');
                    text.push_str(value);
                }
            }
            _ => {}
        }
        text.push('\n');
    }
    text
}

#[test]
fn every_server_function_has_a_row_and_every_form_field_a_fill() {
    let registered: BTreeSet<String> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path.trim_start_matches("/api/").to_owned())
        .collect();
    let listed: BTreeSet<String> = FORMS
        .iter()
        .map(|(name, ..)| (*name).to_owned())
        .chain(NO_FREE_TEXT.iter().map(|(name, _)| (*name).to_owned()))
        .collect();
    assert_eq!(
        registered, listed,
        "a server function without a row in FORMS or NO_FREE_TEXT"
    );
    for (form, fields, fills) in FORMS {
        let filled: BTreeSet<String> = fills
            .iter()
            .map(|(name, _)| name.trim_end_matches("[]").to_owned())
            .collect();
        assert_eq!(
            fields(),
            filled,
            "{form}: a field without a fill, or a fill without a field"
        );
    }
}

#[sqlx::test(migrations = "../migrations")]
async fn hostile_text_stays_text_on_every_page_and_in_every_mail(db: PgPool) {
    let mut market = Market {
        db: db.clone(),
        payloads: Payloads::default(),
        values: BTreeMap::from([("in_30_days", common::in_days(30))]),
        owner: TestApp::spawn(db.clone()).await,
        buyer: TestApp::spawn(db.clone()).await,
        applicant: TestApp::spawn(db.clone()).await,
        operator: TestApp::spawn(db.clone()).await,
        visitor: TestApp::spawn(db.clone()).await,
        read_back: BTreeSet::new(),
    };
    market.operator.operator("ops@hostile.example.cn").await;
    let form_token = market.operator.form_token().expect("a session");
    market.values.insert("form_token", form_token);

    // A merchant applies, is approved, edits its profile and publishes a listing.
    market
        .register(Who::Owner, "owner@hostile.example.cn")
        .await;
    market.values.insert("uscc", uscc(1));
    market.call(Who::Owner, "merchant/apply").await;
    let merchant_id = market.id("select merchant_id from merchant").await;
    market.values.insert("merchant_id", merchant_id.clone());
    market
        .call_plain(
            Who::Operator,
            "admin/approve_application",
            &[("merchant_id", &merchant_id), ("tier", "growing")],
        )
        .await;
    // The application as its reviewer and, once approved, as everyone sees it; then the
    // profile edited over it.
    let slug: String = sqlx::query_scalar("select slug from merchant")
        .fetch_one(&db)
        .await
        .expect("a slug");
    market
        .look(&[
            (Who::Operator, format!("/admin/merchants/{merchant_id}")),
            (Who::Visitor, format!("/merchants/{slug}")),
            (Who::Owner, "/merchant/profile".to_owned()),
        ])
        .await;
    market.call(Who::Owner, "merchant/profile").await;
    market.call(Who::Owner, "merchant/save_listing").await;
    let listing_id = market.id("select listing_id from listing").await;
    market.values.insert("listing_id", listing_id.clone());
    market
        .call_plain(
            Who::Owner,
            "merchant/move_listing",
            &[("listing_id", &listing_id), ("change", "publish")],
        )
        .await;

    // Another applicant is turned down with a reason.
    market
        .register(Who::Applicant, "applicant@hostile.example.cn")
        .await;
    market.values.insert("uscc", uscc(2));
    market.call(Who::Applicant, "merchant/apply").await;
    market
        .look(&[
            (Who::Applicant, "/apply".to_owned()),
            (Who::Operator, "/admin/applications".to_owned()),
        ])
        .await;
    market.values.insert(
        "merchant_id",
        market
            .id("select merchant_id from merchant where status = 'pending'")
            .await,
    );
    market.call(Who::Operator, "admin/reject_application").await;
    market.values.insert("merchant_id", merchant_id.clone());

    // A buyer, invited to the team (the invitation names the merchant and its owner),
    // asks, talks, takes a quote, and the order runs its course.
    market
        .call_plain(
            Who::Owner,
            "merchant/invite",
            &[("email", "buyer@hostile.example.cn")],
        )
        .await;
    market
        .register(Who::Buyer, "buyer@hostile.example.cn")
        .await;
    market.call(Who::Buyer, "inquiries/send").await;
    market.values.insert(
        "inquiry_id",
        market.id("select inquiry_id from inquiry").await,
    );
    market.call(Who::Buyer, "inquiries/write").await;
    market.call(Who::Owner, "inquiries/quote").await;
    let quote_id = market.id("select quote_id from quote").await;
    market
        .call_plain(Who::Buyer, "quotes/accept", &[("quote_id", &quote_id)])
        .await;
    market
        .values
        .insert("order_id", market.id("select order_id from orders").await);
    market.order_move_plain(Who::Owner, "accept").await;
    market.deliver().await;
    market.order_move(Who::Buyer, "request-changes").await;
    market.deliver().await;
    market.order_move_plain(Who::Buyer, "complete").await;
    market.call(Who::Buyer, "orders/review").await;

    // A requirement, quoted by the merchant.
    market.call(Who::Buyer, "requirements/post").await;
    market.values.insert(
        "requirement_id",
        market.id("select requirement_id from requirement").await,
    );
    market.call(Who::Owner, "requirements/quote").await;

    // A second operator's authenticator locked after too many wrong codes, unlocked by
    // the first with a reason.
    let locked = TestApp::spawn(db.clone())
        .await
        .operator("locked@hostile.example.cn")
        .await;
    sqlx::query(
        "update app_user set second_factor_failures = 100, second_factor_locked_at = now()
          where app_user_id = $1",
    )
    .bind(locked)
    .execute(&db)
    .await
    .expect("locked");
    market.values.insert("locked_operator", locked.to_string());
    market
        .call(Who::Operator, "admin/unlock_second_factor")
        .await;

    // The operator's actions, each with a reason; the market ends as it began: public.
    for action in [
        "admin/change_tier",
        "admin/suspend_listing",
        "admin/restore_listing",
        "admin/suspend_merchant",
        "admin/reinstate_merchant",
    ] {
        market.call(Who::Operator, action).await;
    }

    let slug = |sql: &'static str| {
        let db = db.clone();
        async move {
            sqlx::query_scalar::<_, String>(sql)
                .fetch_one(&db)
                .await
                .expect(sql)
        }
    };
    let listing_slug = slug("select slug from listing").await;
    let merchant_slug = slug("select slug from merchant where status = 'approved'").await;
    let v = &market.values;
    let (inquiry, order, requirement) = (&v["inquiry_id"], &v["order_id"], &v["requirement_id"]);
    let pages: Vec<(Who, String)> = [
        (Who::Visitor, "/".to_owned()),
        (Who::Visitor, "/catalog".to_owned()),
        (Who::Visitor, "/catalog?q=probe".to_owned()),
        (Who::Visitor, format!("/catalog/{listing_slug}")),
        (Who::Visitor, "/merchants".to_owned()),
        (Who::Visitor, "/merchants?q=probe".to_owned()),
        (Who::Visitor, format!("/merchants/{merchant_slug}")),
        (Who::Owner, "/merchant".to_owned()),
        (Who::Owner, "/merchant/profile".to_owned()),
        (Who::Owner, "/merchant/team".to_owned()),
        (Who::Owner, "/merchant/listings".to_owned()),
        (Who::Owner, format!("/merchant/listings/{listing_id}")),
        (
            Who::Owner,
            format!("/merchant/listings/{listing_id}/preview"),
        ),
        (Who::Owner, "/merchant/orders".to_owned()),
        (Who::Owner, "/merchant/inquiries".to_owned()),
        (Who::Owner, "/requirements".to_owned()),
        (Who::Owner, format!("/requirements/{requirement}")),
        (Who::Owner, format!("/inquiries/{inquiry}")),
        (Who::Owner, format!("/orders/{order}")),
        (Who::Owner, "/account".to_owned()),
        (Who::Owner, "/account/notifications".to_owned()),
        (Who::Buyer, "/account".to_owned()),
        (Who::Buyer, "/account/orders".to_owned()),
        (Who::Buyer, "/account/inquiries".to_owned()),
        (Who::Buyer, "/account/notifications".to_owned()),
        (Who::Buyer, format!("/inquiries/{inquiry}")),
        (Who::Buyer, format!("/orders/{order}")),
        (Who::Buyer, format!("/requirements/{requirement}")),
        (Who::Buyer, format!("/inquiries/new?listing={listing_id}")),
        (Who::Buyer, "/account/invitations".to_owned()),
        (Who::Applicant, "/apply".to_owned()),
        (Who::Applicant, "/account/notifications".to_owned()),
        (Who::Operator, "/admin".to_owned()),
        (Who::Operator, "/admin/applications".to_owned()),
        (Who::Operator, "/admin/merchants".to_owned()),
        (Who::Operator, format!("/admin/merchants/{merchant_id}")),
        (Who::Operator, "/admin/orders".to_owned()),
        (Who::Operator, "/admin/inquiries".to_owned()),
        (Who::Operator, "/admin/audit".to_owned()),
        (Who::Operator, format!("/inquiries/{inquiry}")),
        (Who::Operator, format!("/orders/{order}")),
    ]
    .into_iter()
    .collect();

    market.look(&pages).await;

    // Every mail the events sent, as its readers get it (plain text: what matters is that
    // the text arrives as it was written, and the subject stays one line).
    let mail_dir =
        std::env::temp_dir().join(format!("shushang-hostile-mail-{}", uuid::Uuid::new_v4()));
    let mailer = app::mail::Mailer::files(mail_dir.clone(), "Shushang <no-reply@shushang.test>")
        .expect("a mailer");
    while app::notifications::outbox::send_pending(&db, &mailer, "https://shushang.test", 50)
        .await
        .expect("mail sent")
        > 0
    {}
    let folders = [
        &market.owner.mail_dir,
        &market.buyer.mail_dir,
        &market.applicant.mail_dir,
        &market.operator.mail_dir,
        &mail_dir,
    ];
    let mails: Vec<String> = folders
        .iter()
        .flat_map(|folder| std::fs::read_dir(folder).into_iter().flatten().flatten())
        .map(|entry| std::fs::read_to_string(entry.path()).expect("a mail"))
        .map(|raw| common::decode_quoted_printable(&raw))
        .collect();
    for mail in &mails {
        market.read(mail);
    }
    let mails = mails.len();
    assert!(mails > 5, "only {mails} mails: the events were not mailed");

    let missing: Vec<&String> = market
        .payloads
        .written
        .iter()
        .filter(|(payload, _)| !market.read_back.contains(*payload))
        .map(|(_, field)| field)
        .collect();
    assert!(missing.is_empty(), "never read back intact: {missing:?}");
    // Every form of FORMS was used, so every field of every form was written.
    let used: BTreeSet<&str> = market
        .payloads
        .written
        .values()
        .filter_map(|field| field.rsplit_once('.').map(|(form, _)| form))
        .collect();
    for (form, ..) in FORMS {
        assert!(used.contains(form), "{form} was never called");
    }
    let _ = std::fs::remove_dir_all(mail_dir);
}
