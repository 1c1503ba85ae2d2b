//! The demo's deals: the demo buyer's orders with the demo merchant in every state of
//! the order machine, made through the same service a browser uses, so their events,
//! deliveries, reviews and notifications are exactly what real use would leave.

use app::accounts::model::{CurrentUser, Role};
use app::deals::forms::{InquiryForm, QuoteForm, RequirementForm};
use app::deals::inquiries::{self, Addressee};
use app::deals::machine::Move;
use app::deals::{quotes, requirements, service};
use sqlx::PgPool;

use crate::startup::BoxError;

/// Who makes a move in a scenario.
#[derive(Clone, Copy)]
enum By {
    Buyer,
    Merchant,
}

type Step = (By, Move, &'static str);
/// An order's moves after it is placed, and its review (stars, comment) if any.
type Scenario = (&'static [Step], Option<(&'static str, &'static str)>);

const SCENARIOS: &[Scenario] = &[
    (&[], None),
    (&[(By::Merchant, Move::Accept, "")], None),
    (
        &[(
            By::Merchant,
            Move::Reject,
            "本月排期已满，下月可接。Fully booked this month; we can take it next month.",
        )],
        None,
    ),
    (
        &[(By::Buyer, Move::Cancel, "预算调整。Budget changed.")],
        None,
    ),
    (
        &[
            (By::Merchant, Move::Accept, ""),
            (
                By::Merchant,
                Move::Deliver,
                "数据包已上传至约定的 SFTP 目录，附字段说明。The data package is on the agreed SFTP folder, with its field guide.",
            ),
        ],
        None,
    ),
    (
        &[
            (By::Merchant, Move::Accept, ""),
            (
                By::Merchant,
                Move::Deliver,
                "首批标注结果已交付。First batch of labels delivered.",
            ),
            (
                By::Buyer,
                Move::RequestChanges,
                "请补充 2025 年的样本。Please add the 2025 samples.",
            ),
        ],
        None,
    ),
    (
        &[
            (By::Merchant, Move::Accept, ""),
            (
                By::Merchant,
                Move::Deliver,
                "API 密钥已通过站内信发送。API keys sent through a secure message.",
            ),
            (By::Buyer, Move::Complete, ""),
        ],
        Some((
            "5",
            "响应迅速，文档清晰。Quick to answer, clear documentation.",
        )),
    ),
    (
        &[
            (By::Merchant, Move::Accept, ""),
            (By::Merchant, Move::Deliver, "报告已交付。Report delivered."),
            (By::Buyer, Move::Complete, ""),
        ],
        Some((
            "4",
            "质量好，交付比约定晚一天。Good quality, one day later than agreed.",
        )),
    ),
    (
        &[
            (By::Merchant, Move::Accept, ""),
            (
                By::Merchant,
                Move::Cancel,
                "数据源授权到期，无法交付，已全额退款。The source licence expired; fully refunded.",
            ),
        ],
        None,
    ),
];

fn person(id: i64, role: Role) -> CurrentUser {
    CurrentUser {
        id,
        email: String::new(),
        display_name: String::new(),
        role,
        email_verified: true,
    }
}

/// Places and moves the demo orders; how many it placed.
pub async fn seed(db: &PgPool, buyer_id: i64, merchant_user_id: i64) -> Result<usize, BoxError> {
    let listings: Vec<i64> = sqlx::query_scalar(
        "select l.listing_id from listing l join merchant_member m using (merchant_id)
          where m.app_user_id = $1 and l.is_public and l.price_fen is not null
          order by l.listing_id limit $2",
    )
    .bind(merchant_user_id)
    .bind(SCENARIOS.len() as i64)
    .fetch_all(db)
    .await?;
    if listings.is_empty() {
        return Ok(0);
    }
    let (buyer, seller) = (
        person(buyer_id, Role::Buyer),
        person(merchant_user_id, Role::Merchant),
    );
    for (n, (steps, review)) in SCENARIOS.iter().enumerate() {
        let listing_id = listings[n % listings.len()];
        let key = format!("demo{n:028}");
        let quantity = (n % 3 + 1).to_string();
        let order_id = service::place(db, &buyer, listing_id, &quantity, &key)
            .await
            .map_err(|e| format!("demo order {n}: {e}"))?;
        for (by, mv, note) in *steps {
            let who = match by {
                By::Buyer => &buyer,
                By::Merchant => &seller,
            };
            service::make_move(db, who, order_id, *mv, note)
                .await
                .map_err(|e| format!("demo order {n}, {}: {e}", mv.slug()))?;
        }
        if let Some((stars, comment)) = review {
            service::review(db, &buyer, order_id, stars, comment)
                .await
                .map_err(|e| format!("demo review {n}: {e}"))?;
        }
    }
    seed_asking(db, buyer_id, merchant_user_id).await?;
    Ok(SCENARIOS.len())
}

fn in_days(days: i64) -> String {
    let date = app::deals::forms::today() + time::Duration::days(days);
    format!(
        "{:04}-{:02}-{:02}",
        date.year(),
        u8::from(date.month()),
        date.day()
    )
}

fn quote_form(price: &str, days: &str, terms: &str) -> QuoteForm {
    QuoteForm {
        pricing_model: "fixed".to_owned(),
        price: price.to_owned(),
        quantity: "1".to_owned(),
        delivery_days: days.to_owned(),
        terms: terms.to_owned(),
        valid_until: in_days(21),
    }
}

/// Quotes on requirement `id` from `count` other approved merchants of its field, as
/// they would have sent them (the generated merchants have no accounts to sign in).
async fn quotes_from_others(db: &PgPool, id: i64, field: &str, count: i64) -> Result<(), BoxError> {
    sqlx::query(
        "insert into quote (requirement_id, merchant_id, pricing_model, unit_price_fen, quantity,
                            delivery_days, terms, valid_until)
         select $1, m.merchant_id, 'fixed', 2000000 + m.merchant_id * 7919 % 3000000, 1,
                10 + m.merchant_id % 30, '含一次返工。One revision included.', current_date + 21
           from merchant m
          where m.status = 'approved' and m.service_fields @> array[$3]
            and not exists (select 1 from merchant_member mm where mm.merchant_id = m.merchant_id)
          order by m.tier_rank, m.merchant_id
          limit $2",
    )
    .bind(id)
    .bind(count)
    .bind(field)
    .execute(db)
    .await?;
    Ok(())
}

/// The demo buyer's inquiries and requirements: one inquiry answered with a quote, one
/// still open, a requirement with three quotes to compare and one already awarded.
pub async fn seed_asking(
    db: &PgPool,
    buyer_id: i64,
    merchant_user_id: i64,
) -> Result<(), BoxError> {
    let (buyer, seller) = (
        person(buyer_id, Role::Buyer),
        person(merchant_user_id, Role::Merchant),
    );
    // The requirements are in the demo merchant's first field, so that it may quote.
    let found: Option<(String, String)> = sqlx::query_as(
        "select m.slug, m.service_fields[1] from merchant m join merchant_member mm using (merchant_id)
          where mm.app_user_id = $1",
    )
    .bind(merchant_user_id)
    .fetch_optional(db)
    .await?;
    let Some((slug, field)) = found else {
        return Ok(());
    };
    let to = Addressee::Merchant(slug);
    let ask = |subject: &str, message: &str| InquiryForm {
        subject: subject.to_owned(),
        message: message.to_owned(),
        quantity: "1".to_owned(),
        budget: "80000".to_owned(),
        deadline: in_days(30),
    };
    let answered = inquiries::send(
        db,
        &buyer,
        &to,
        &ask(
            "光伏组件缺陷图像定制采集 Custom solar-panel defect images",
            "我们需要约 5,000 张带标注的 EL 图像，能否报价？We need about 5,000 labelled EL images: could you quote?",
        ),
    )
    .await
    .map_err(|e| format!("demo inquiry: {e}"))?;
    inquiries::write(
        db,
        &seller,
        answered,
        "可以，两周内交付，附质检报告。Yes: two weeks, with a QA report.",
    )
    .await
    .map_err(|e| format!("demo reply: {e}"))?;
    inquiries::quote(
        db,
        &seller,
        answered,
        &quote_form(
            "68000",
            "14",
            "一年非独占使用许可。One-year non-exclusive licence.",
        ),
    )
    .await
    .map_err(|e| format!("demo quote: {e}"))?;
    inquiries::send(
        db,
        &buyer,
        &to,
        &ask(
            "接口调用量能否按季度结算？Quarterly billing for API calls?",
            "我们每月约 200 万次调用。About two million calls a month.",
        ),
    )
    .await
    .map_err(|e| format!("demo inquiry: {e}"))?;

    let need = |title: &str| RequirementForm {
        title: title.to_owned(),
        description:
            "范围、数据与验收标准见附件说明。Scope, data and acceptance criteria as described."
                .to_owned(),
        service_field: field.clone(),
        industries: vec!["manufacturing".to_owned()],
        budget_min: "20000".to_owned(),
        budget_max: "90000".to_owned(),
        deadline: in_days(14),
    };
    for (title, award) in [
        (
            "纺织品瑕疵标注 10,000 张 Label 10,000 fabric-defect images",
            false,
        ),
        (
            "产线传感器数据治理 Production-line sensor data governance",
            true,
        ),
    ] {
        let id = requirements::post(db, &buyer, &need(title))
            .await
            .map_err(|e| format!("demo requirement: {e}"))?;
        requirements::quote(
            db,
            &seller,
            id,
            &quote_form("45000", "20", "含两次返工。Two revisions included."),
        )
        .await
        .map_err(|e| format!("demo requirement quote: {e}"))?;
        quotes_from_others(db, id, &field, 2).await?;
        if award {
            let quote_id: i64 = sqlx::query_scalar(
                "select q.quote_id from quote q join merchant_member mm using (merchant_id)
                  where q.requirement_id = $1 and mm.app_user_id = $2",
            )
            .bind(id)
            .bind(merchant_user_id)
            .fetch_one(db)
            .await?;
            quotes::accept(db, &buyer, quote_id)
                .await
                .map_err(|e| format!("demo award: {e}"))?;
        }
    }
    Ok(())
}
