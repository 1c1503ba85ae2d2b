//! Quotes, on inquiries and on requirements alike: reading them for a page, and the
//! buyer's answers. Accepting one makes an order at its price, in the transaction that
//! marks it accepted; on a requirement that is the award, and every other live quote
//! is told it was not selected.

use sqlx::{PgExecutor, PgPool, Postgres, Row, Transaction};

use super::forms::QuoteDraft;
use super::model::{Quote, Rating};
use super::service::side_of;
use super::store::{self, Snapshot};
use crate::accounts::model::CurrentUser;
use crate::deals::machine::Side;
use crate::error::AppError;
use crate::notifications::{NotificationFacts, NotificationKind, repo as notifications};
use crate::vocab::{OrderStatus, PricingModel, QuoteStatus, Tier};

/// Today in the market's calendar, in SQL.
pub const MARKET_TODAY: &str = "(now() at time zone 'Asia/Shanghai')::date";

/// What a merchant quotes on.
#[derive(Debug, Clone, Copy)]
pub enum QuoteOn {
    /// An inquiry: each quote is a new offer.
    Inquiry(i64),
    /// A requirement: one live quote per merchant, revised in place.
    Requirement(i64),
}

/// Writes `merchant_id`'s quote: a new one, or on a requirement the revision of its live
/// quote (the partial unique index keeps it one).
pub async fn write(
    tx: &mut Transaction<'_, Postgres>,
    on: QuoteOn,
    merchant_id: i64,
    author_id: i64,
    draft: &QuoteDraft,
) -> Result<(), sqlx::Error> {
    let (inquiry_id, requirement_id) = match on {
        QuoteOn::Inquiry(id) => (Some(id), None),
        QuoteOn::Requirement(id) => (None, Some(id)),
    };
    let revise = if requirement_id.is_some() {
        "on conflict (requirement_id, merchant_id) where requirement_id is not null and status = 'offered'
         do update set author_id = excluded.author_id, pricing_model = excluded.pricing_model,
                       unit_price_fen = excluded.unit_price_fen, quantity = excluded.quantity,
                       delivery_days = excluded.delivery_days, terms = excluded.terms,
                       valid_until = excluded.valid_until"
    } else {
        ""
    };
    sqlx::query(&format!(
        "insert into quote (inquiry_id, requirement_id, merchant_id, author_id, pricing_model,
                            unit_price_fen, quantity, delivery_days, terms, valid_until)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) {revise}"
    ))
    .bind(inquiry_id)
    .bind(requirement_id)
    .bind(merchant_id)
    .bind(author_id)
    .bind(draft.pricing_model.slug())
    .bind(draft.unit_price_fen)
    .bind(draft.quantity)
    .bind(draft.delivery_days)
    .bind(&draft.terms)
    .bind(draft.valid_until)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Which quotes a page shows.
#[derive(Debug, Clone, Copy)]
pub enum QuotesOn {
    Inquiry(i64),
    Requirement(i64),
    /// One merchant's quote on a requirement.
    RequirementBy(i64, i64),
}

/// The quotes of an inquiry or requirement, oldest first, with what a buyer compares:
/// the merchant's tier, rating and completed orders.
pub async fn list(db: impl PgExecutor<'_>, on: QuotesOn) -> Result<Vec<Quote>, sqlx::Error> {
    let (filter, a, b) = match on {
        QuotesOn::Inquiry(id) => ("q.inquiry_id = $1 and $2::bigint is null", id, None),
        QuotesOn::Requirement(id) => ("q.requirement_id = $1 and $2::bigint is null", id, None),
        QuotesOn::RequirementBy(id, merchant) => (
            "q.requirement_id = $1 and q.merchant_id = $2",
            id,
            Some(merchant),
        ),
    };
    let rows = sqlx::query(&format!(
        "select q.quote_id, q.merchant_id, m.slug, m.name_zh, m.name_en, m.tier,
                m.review_count, m.review_stars,
                (select count(*) from orders o where o.merchant_id = q.merchant_id
                                                 and o.status = 'completed') as completed_orders,
                q.pricing_model, q.unit_price_fen, q.quantity, q.delivery_days, q.terms,
                to_char(q.valid_until, 'YYYY-MM-DD') as valid_until,
                case when q.status = 'offered' and q.valid_until < {MARKET_TODAY}
                     then 'expired' else q.status end as status,
                (select o.order_id from orders o where o.quote_id = q.quote_id) as order_id,
                to_char(q.updated_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') as at
           from quote q join merchant m on m.merchant_id = q.merchant_id
          where {filter}
          order by q.quote_id"
    ))
    .bind(a)
    .bind(b)
    .fetch_all(db)
    .await?;
    Ok(rows
        .iter()
        .filter_map(|row| {
            let unit: i64 = row.get("unit_price_fen");
            let quantity: i32 = row.get("quantity");
            Some(Quote {
                id: row.get("quote_id"),
                merchant_id: row.get("merchant_id"),
                merchant_slug: row.get("slug"),
                merchant_zh: row.get("name_zh"),
                merchant_en: row.get("name_en"),
                merchant_tier: Tier::from_slug(row.get("tier"))?,
                rating: Rating {
                    count: row.get("review_count"),
                    stars: row.get("review_stars"),
                },
                completed_orders: row.get("completed_orders"),
                pricing_model: PricingModel::from_slug(row.get("pricing_model"))?,
                unit_price_fen: unit,
                quantity,
                total_fen: unit * i64::from(quantity),
                delivery_days: row.get("delivery_days"),
                terms: row.get("terms"),
                valid_until: row.get("valid_until"),
                status: QuoteStatus::from_slug(row.get("status"))?,
                order_id: row.get("order_id"),
                at: row.get("at"),
            })
        })
        .collect())
}

/// A quote and what it answers, as the buyer's answers need them.
struct Head {
    merchant_id: i64,
    inquiry_id: Option<i64>,
    requirement_id: Option<i64>,
    buyer_id: i64,
    listing_id: Option<i64>,
    title: String,
}

async fn head(db: &PgPool, quote_id: i64) -> Result<Option<Head>, sqlx::Error> {
    let row = sqlx::query(
        "select q.merchant_id, q.inquiry_id, q.requirement_id,
                coalesce(i.buyer_id, r.buyer_id) as buyer_id, i.listing_id,
                coalesce(i.subject, r.title) as title
           from quote q
           left join inquiry i on i.inquiry_id = q.inquiry_id
           left join requirement r on r.requirement_id = q.requirement_id
          where q.quote_id = $1",
    )
    .bind(quote_id)
    .fetch_optional(db)
    .await?;
    Ok(row.map(|row| Head {
        merchant_id: row.get("merchant_id"),
        inquiry_id: row.get("inquiry_id"),
        requirement_id: row.get("requirement_id"),
        buyer_id: row.get("buyer_id"),
        listing_id: row.get("listing_id"),
        title: row.get("title"),
    }))
}

/// The quote's head if `user` is its buyer: `Forbidden` for the merchant's members
/// (they see it, the answer is not theirs), `NotFound` for everyone else.
async fn as_buyer(db: &PgPool, user: &CurrentUser, quote_id: i64) -> Result<Head, AppError> {
    let head = head(db, quote_id).await?.ok_or(AppError::NotFound)?;
    match side_of(db, user, head.buyer_id, head.merchant_id).await? {
        Some(Side::Buyer) => Ok(head),
        Some(Side::Merchant) => Err(AppError::Forbidden),
        None => Err(AppError::NotFound),
    }
}

/// Locks what the quote answers; whether it still takes answers: an inquiry not
/// closed, a requirement open and before its deadline.
async fn lock_subject(tx: &mut Transaction<'_, Postgres>, head: &Head) -> Result<bool, AppError> {
    let open: Option<bool> = match (head.inquiry_id, head.requirement_id) {
        (Some(id), _) => {
            sqlx::query_scalar(
                "select status <> 'closed' from inquiry where inquiry_id = $1 for update",
            )
            .bind(id)
            .fetch_optional(&mut **tx)
            .await?
        }
        (_, Some(id)) => {
            sqlx::query_scalar(&format!(
                "select status = 'open' and deadline >= {MARKET_TODAY}
               from requirement where requirement_id = $1 for update"
            ))
            .bind(id)
            .fetch_optional(&mut **tx)
            .await?
        }
        _ => None,
    };
    Ok(open == Some(true))
}

fn link_of(head: &Head) -> String {
    match (head.inquiry_id, head.requirement_id) {
        (Some(id), _) => super::inquiries::link(id),
        (_, Some(id)) => super::requirements::link(id),
        _ => "/".to_owned(),
    }
}

/// The buyer accepts a live quote (on a requirement: awards it); the order it became.
/// Accepting a quote that is already accepted gives back its order.
pub async fn accept(db: &PgPool, user: &CurrentUser, quote_id: i64) -> Result<i64, AppError> {
    let head = as_buyer(db, user, quote_id).await?;
    let mut tx = db.begin().await?;
    // The subject first, then the quote: every writer takes the locks in this order.
    let open = lock_subject(&mut tx, &head).await?;
    let row = sqlx::query(&format!(
        "select status, valid_until < {MARKET_TODAY} as past, pricing_model, unit_price_fen,
                quantity, terms
           from quote where quote_id = $1 for update"
    ))
    .bind(quote_id)
    .fetch_one(&mut *tx)
    .await?;
    let status = QuoteStatus::from_slug(row.get("status")).ok_or(AppError::Unexpected)?;
    if status == QuoteStatus::Accepted {
        let order: Option<i64> =
            sqlx::query_scalar("select order_id from orders where quote_id = $1")
                .bind(quote_id)
                .fetch_optional(&mut *tx)
                .await?;
        return order.ok_or(AppError::Conflict);
    }
    if !open || status != QuoteStatus::Offered || row.get::<bool, _>("past") {
        return Err(AppError::Conflict);
    }
    let terms: String = row.get("terms");
    let snapshot = Snapshot {
        merchant_id: head.merchant_id,
        listing_id: head.listing_id,
        quote_id,
        title: &head.title,
        pricing_model: PricingModel::from_slug(row.get("pricing_model"))
            .ok_or(AppError::Unexpected)?,
        unit_price_fen: row.get("unit_price_fen"),
        quantity: row.get("quantity"),
        terms: &terms,
    };
    let order_id = store::insert_from_quote(&mut tx, user.id, &snapshot).await?;
    store::add_event(&mut tx, order_id, user.id, None, OrderStatus::Placed, None).await?;
    set_status(&mut tx, quote_id, QuoteStatus::Accepted).await?;
    let facts = NotificationFacts {
        order: Some(order_id),
        ..NotificationFacts::about(&head.title)
    };
    notifications::notify_members(
        &mut *tx,
        head.merchant_id,
        NotificationKind::QuoteAccepted,
        &facts,
        Some(&format!("/orders/{order_id}")),
    )
    .await?;
    if let Some(requirement_id) = head.requirement_id {
        sqlx::query("update requirement set status = 'awarded' where requirement_id = $1")
            .bind(requirement_id)
            .execute(&mut *tx)
            .await?;
        not_selected(&mut tx, requirement_id, &head.title, &link_of(&head)).await?;
    }
    tx.commit().await?;
    Ok(order_id)
}

/// Marks every live quote on a requirement not selected and tells their merchants.
pub async fn not_selected(
    tx: &mut Transaction<'_, Postgres>,
    requirement_id: i64,
    title: &str,
    link: &str,
) -> Result<(), sqlx::Error> {
    let merchants: Vec<i64> = sqlx::query_scalar(
        "update quote set status = 'not-selected'
          where requirement_id = $1 and status = 'offered' returning merchant_id",
    )
    .bind(requirement_id)
    .fetch_all(&mut **tx)
    .await?;
    for merchant_id in merchants {
        notifications::notify_members(
            &mut **tx,
            merchant_id,
            NotificationKind::QuoteNotSelected,
            &NotificationFacts::about(title),
            Some(link),
        )
        .await?;
    }
    Ok(())
}

async fn set_status(
    tx: &mut Transaction<'_, Postgres>,
    quote_id: i64,
    status: QuoteStatus,
) -> Result<(), sqlx::Error> {
    sqlx::query("update quote set status = $2 where quote_id = $1")
        .bind(quote_id)
        .bind(status.slug())
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// The buyer declines a live quote; its merchant is told.
pub async fn decline(db: &PgPool, user: &CurrentUser, quote_id: i64) -> Result<String, AppError> {
    let head = as_buyer(db, user, quote_id).await?;
    let mut tx = db.begin().await?;
    if !lock_subject(&mut tx, &head).await? {
        return Err(AppError::Conflict);
    }
    let status: String =
        sqlx::query_scalar("select status from quote where quote_id = $1 for update")
            .bind(quote_id)
            .fetch_one(&mut *tx)
            .await?;
    if status != QuoteStatus::Offered.slug() {
        return Err(AppError::Conflict);
    }
    set_status(&mut tx, quote_id, QuoteStatus::Declined).await?;
    let link = link_of(&head);
    notifications::notify_members(
        &mut *tx,
        head.merchant_id,
        NotificationKind::QuoteDeclined,
        &NotificationFacts::about(&head.title),
        Some(&link),
    )
    .await?;
    tx.commit().await?;
    Ok(link)
}
