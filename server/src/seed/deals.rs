//! The demo's deals: the demo buyer's orders with the demo merchant in every state of
//! the order machine, made through the same service a browser uses, so their events,
//! deliveries, reviews and notifications are exactly what real use would leave.

use app::accounts::model::{CurrentUser, Role};
use app::deals::machine::Move;
use app::deals::service;
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
    Ok(SCENARIOS.len())
}
