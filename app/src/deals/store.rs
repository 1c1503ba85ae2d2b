//! SQL for orders, their events, deliveries and reviews (server only).

use sqlx::{PgExecutor, PgPool, Postgres, QueryBuilder, Row, Transaction};

use super::model::{DeliveredFile, Delivery, Order, OrderEvent, OrderRow, Review, StoredFile};
use crate::vocab::{OrderStatus, PricingModel};

/// What placing an order needs to know about a listing before it writes anything.
#[derive(Debug, Clone)]
pub struct Orderable {
    pub merchant_id: i64,
    pub pricing_model: PricingModel,
}

/// The listing `listing_id` if it is in the public market.
pub async fn public_listing(
    db: impl PgExecutor<'_>,
    listing_id: i64,
) -> Result<Option<Orderable>, sqlx::Error> {
    let row = sqlx::query(
        "select merchant_id, pricing_model from listing where listing_id = $1 and is_public",
    )
    .bind(listing_id)
    .fetch_optional(db)
    .await?;
    Ok(row.and_then(|row| {
        Some(Orderable {
            merchant_id: row.get("merchant_id"),
            pricing_model: PricingModel::from_slug(row.get("pricing_model"))?,
        })
    }))
}

/// An order as a move needs it, locked until the transaction ends.
#[derive(Debug, Clone)]
pub struct Locked {
    pub buyer_id: i64,
    pub merchant_id: i64,
    pub status: OrderStatus,
    pub title_zh: String,
    pub title_en: String,
}

/// A new order for `quantity` of a public, priced listing, its price and terms copied
/// from the listing in the same statement; `None` when this buyer already placed an
/// order with `key` (the caller then looks that one up) or the listing cannot be
/// ordered any more.
pub async fn insert(
    tx: &mut Transaction<'_, Postgres>,
    buyer_id: i64,
    listing_id: i64,
    quantity: i32,
    key: &str,
) -> Result<Option<(i64, Locked)>, sqlx::Error> {
    let row = sqlx::query(
        "insert into orders (buyer_id, merchant_id, listing_id, idempotency_key, title_zh, title_en,
                             pricing_model, unit_price_fen, quantity, total_fen, licence_terms)
         select $1, merchant_id, listing_id, $3, title_zh, title_en,
                pricing_model, price_fen, $4, price_fen * $4, licence_terms
           from listing
          where listing_id = $2 and is_public and price_fen is not null
         on conflict (buyer_id, idempotency_key) do nothing
         returning order_id, merchant_id, title_zh, title_en",
    )
    .bind(buyer_id)
    .bind(listing_id)
    .bind(key)
    .bind(quantity)
    .fetch_optional(&mut **tx)
    .await?;
    Ok(row.map(|row| {
        (
            row.get("order_id"),
            Locked {
                buyer_id,
                merchant_id: row.get("merchant_id"),
                status: OrderStatus::Placed,
                title_zh: row.get("title_zh"),
                title_en: row.get("title_en"),
            },
        )
    }))
}

/// The order this buyer placed with `key`, if any.
pub async fn by_key(
    db: impl PgExecutor<'_>,
    buyer_id: i64,
    key: &str,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("select order_id from orders where buyer_id = $1 and idempotency_key = $2")
        .bind(buyer_id)
        .bind(key)
        .fetch_optional(db)
        .await
}

pub async fn lock(
    tx: &mut Transaction<'_, Postgres>,
    order_id: i64,
) -> Result<Option<Locked>, sqlx::Error> {
    let row = sqlx::query(
        "select buyer_id, merchant_id, status, title_zh, title_en
           from orders where order_id = $1 for update",
    )
    .bind(order_id)
    .fetch_optional(&mut **tx)
    .await?;
    Ok(row.and_then(|row| {
        Some(Locked {
            buyer_id: row.get("buyer_id"),
            merchant_id: row.get("merchant_id"),
            status: OrderStatus::from_slug(row.get("status"))?,
            title_zh: row.get("title_zh"),
            title_en: row.get("title_en"),
        })
    }))
}

pub async fn set_status(
    tx: &mut Transaction<'_, Postgres>,
    order_id: i64,
    status: OrderStatus,
) -> Result<(), sqlx::Error> {
    sqlx::query("update orders set status = $2 where order_id = $1")
        .bind(order_id)
        .bind(status.slug())
        .execute(&mut **tx)
        .await?;
    Ok(())
}

pub async fn add_event(
    tx: &mut Transaction<'_, Postgres>,
    order_id: i64,
    actor_id: i64,
    from: Option<OrderStatus>,
    to: OrderStatus,
    note: Option<&str>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into order_event (order_id, actor_id, from_status, to_status, note)
         values ($1, $2, $3, $4, $5)",
    )
    .bind(order_id)
    .bind(actor_id)
    .bind(from.map(OrderStatus::slug))
    .bind(to.slug())
    .bind(note)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub async fn add_delivery(
    tx: &mut Transaction<'_, Postgres>,
    order_id: i64,
    author_id: i64,
    note: &str,
    files: &[StoredFile],
) -> Result<i64, sqlx::Error> {
    let id = sqlx::query_scalar(
        "insert into delivery (order_id, author_id, note) values ($1, $2, $3) returning delivery_id",
    )
    .bind(order_id)
    .bind(author_id)
    .bind(note)
    .fetch_one(&mut **tx)
    .await?;
    for file in files {
        sqlx::query(
            "insert into delivery_file (delivery_id, storage_key, file_name, size_bytes)
             values ($1, $2, $3, $4)",
        )
        .bind(id)
        .bind(&file.key)
        .bind(&file.name)
        .bind(file.size_bytes)
        .execute(&mut **tx)
        .await?;
    }
    Ok(id)
}

/// A delivered file of order `order_id`: its storage key and name.
pub async fn delivered_file(
    db: impl PgExecutor<'_>,
    order_id: i64,
    file_id: i64,
) -> Result<Option<StoredFile>, sqlx::Error> {
    let row = sqlx::query(
        "select f.storage_key, f.file_name, f.size_bytes
           from delivery_file f join delivery d on d.delivery_id = f.delivery_id
          where f.delivery_file_id = $2 and d.order_id = $1",
    )
    .bind(order_id)
    .bind(file_id)
    .fetch_optional(db)
    .await?;
    Ok(row.map(|row| StoredFile {
        key: row.get("storage_key"),
        name: row.get("file_name"),
        size_bytes: row.get("size_bytes"),
    }))
}

/// Writes the review of `order_id` and adds it to its merchant's rating; `false` when
/// the order has a review already (the primary key says so, even under a race).
pub async fn add_review(
    tx: &mut Transaction<'_, Postgres>,
    order_id: i64,
    merchant_id: i64,
    buyer_id: i64,
    stars: i16,
    comment: &str,
) -> Result<bool, sqlx::Error> {
    let written = sqlx::query(
        "insert into review (order_id, merchant_id, buyer_id, stars, comment)
         values ($1, $2, $3, $4, $5) on conflict (order_id) do nothing",
    )
    .bind(order_id)
    .bind(merchant_id)
    .bind(buyer_id)
    .bind(stars)
    .bind(comment)
    .execute(&mut **tx)
    .await?
    .rows_affected();
    if written == 0 {
        return Ok(false);
    }
    sqlx::query(
        "update merchant set review_count = review_count + 1, review_stars = review_stars + $2
          where merchant_id = $1",
    )
    .bind(merchant_id)
    .bind(i32::from(stars))
    .execute(&mut **tx)
    .await?;
    Ok(true)
}

/// Whether `user_id` works for `merchant_id`.
pub async fn is_member(
    db: impl PgExecutor<'_>,
    merchant_id: i64,
    user_id: i64,
) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar(
        "select exists (select 1 from merchant_member where merchant_id = $1 and app_user_id = $2)",
    )
    .bind(merchant_id)
    .bind(user_id)
    .fetch_one(db)
    .await
}

const MARKET_TIME: &str = "'YYYY-MM-DD HH24:MI'";

/// One order with its history, deliveries and review.
pub async fn find(db: &PgPool, order_id: i64) -> Result<Option<Order>, sqlx::Error> {
    let Some(row) = sqlx::query(&format!(
        "select o.order_id, o.buyer_id, u.display_name as buyer_name, o.merchant_id,
                m.slug as merchant_slug, m.name_zh, m.name_en, l.slug as listing_slug,
                o.title_zh, o.title_en, o.pricing_model, o.unit_price_fen, o.quantity,
                o.total_fen, o.licence_terms, o.status,
                to_char(o.created_at at time zone 'Asia/Shanghai', {MARKET_TIME}) as placed
           from orders o
           join app_user u on u.app_user_id = o.buyer_id
           join merchant m on m.merchant_id = o.merchant_id
           left join listing l on l.listing_id = o.listing_id
          where o.order_id = $1"
    ))
    .bind(order_id)
    .fetch_optional(db)
    .await?
    else {
        return Ok(None);
    };
    let events = sqlx::query(&format!(
        "select u.display_name, e.from_status, e.to_status, e.note,
                to_char(e.created_at at time zone 'Asia/Shanghai', {MARKET_TIME}) as at
           from order_event e left join app_user u on u.app_user_id = e.actor_id
          where e.order_id = $1 order by e.order_event_id"
    ))
    .bind(order_id)
    .fetch_all(db)
    .await?
    .iter()
    .filter_map(|row| {
        Some(OrderEvent {
            actor: row.get("display_name"),
            from: row
                .get::<Option<&str>, _>("from_status")
                .and_then(OrderStatus::from_slug),
            to: OrderStatus::from_slug(row.get("to_status"))?,
            note: row.get("note"),
            at: row.get("at"),
        })
    })
    .collect();
    let deliveries = sqlx::query(&format!(
        "select d.delivery_id, u.display_name, d.note,
                to_char(d.created_at at time zone 'Asia/Shanghai', {MARKET_TIME}) as at
           from delivery d left join app_user u on u.app_user_id = d.author_id
          where d.order_id = $1 order by d.delivery_id"
    ))
    .bind(order_id)
    .fetch_all(db)
    .await?
    .iter()
    .map(|row| Delivery {
        id: row.get("delivery_id"),
        author: row.get("display_name"),
        note: row.get("note"),
        at: row.get("at"),
        files: Vec::new(),
    })
    .collect::<Vec<_>>();
    let mut deliveries = deliveries;
    for row in sqlx::query(
        "select f.delivery_id, f.delivery_file_id, f.file_name, f.size_bytes
           from delivery_file f join delivery d on d.delivery_id = f.delivery_id
          where d.order_id = $1 order by f.delivery_file_id",
    )
    .bind(order_id)
    .fetch_all(db)
    .await?
    {
        let delivery: i64 = row.get("delivery_id");
        if let Some(d) = deliveries.iter_mut().find(|d| d.id == delivery) {
            d.files.push(DeliveredFile {
                id: row.get("delivery_file_id"),
                name: row.get("file_name"),
                size_bytes: row.get("size_bytes"),
            });
        }
    }
    let review = sqlx::query(&format!(
        "select stars, comment,
                to_char(created_at at time zone 'Asia/Shanghai', {MARKET_TIME}) as at
           from review where order_id = $1"
    ))
    .bind(order_id)
    .fetch_optional(db)
    .await?
    .map(|row| Review {
        stars: row.get("stars"),
        comment: row.get("comment"),
        at: row.get("at"),
    });
    let (Some(pricing_model), Some(status)) = (
        PricingModel::from_slug(row.get("pricing_model")),
        OrderStatus::from_slug(row.get("status")),
    ) else {
        return Ok(None);
    };
    Ok(Some(Order {
        id: row.get("order_id"),
        buyer_id: row.get("buyer_id"),
        buyer_name: row.get("buyer_name"),
        merchant_id: row.get("merchant_id"),
        merchant_slug: row.get("merchant_slug"),
        merchant_zh: row.get("name_zh"),
        merchant_en: row.get("name_en"),
        listing_slug: row.get("listing_slug"),
        title_zh: row.get("title_zh"),
        title_en: row.get("title_en"),
        pricing_model,
        unit_price_fen: row.get("unit_price_fen"),
        quantity: row.get("quantity"),
        total_fen: row.get("total_fen"),
        licence_terms: row.get("licence_terms"),
        status,
        placed: row.get("placed"),
        events,
        deliveries,
        review,
    }))
}

/// Whose orders a list shows.
#[derive(Debug, Clone, Copy)]
pub enum OrdersOf {
    Buyer(i64),
    Merchant(i64),
    /// Every order of the market (the operator's console), with its merchant.
    Market,
}

/// A page of orders, newest first, `limit` rows after the order `after`.
pub async fn list(
    db: &PgPool,
    of: OrdersOf,
    status: Option<OrderStatus>,
    after: Option<i64>,
    limit: i64,
) -> Result<Vec<OrderRow>, sqlx::Error> {
    let mut q = QueryBuilder::<Postgres>::new(format!(
        "select o.order_id, o.title_zh, o.title_en, o.status, o.total_fen,
                to_char(o.created_at at time zone 'Asia/Shanghai', {MARKET_TIME}) as placed, "
    ));
    match of {
        OrdersOf::Buyer(id) => q
            .push("m.name_zh as party_zh, m.name_en as party_en from orders o join merchant m on m.merchant_id = o.merchant_id where o.buyer_id = ")
            .push_bind(id),
        OrdersOf::Merchant(id) => q
            .push("u.display_name as party_zh, u.display_name as party_en from orders o join app_user u on u.app_user_id = o.buyer_id where o.merchant_id = ")
            .push_bind(id),
        OrdersOf::Market => q.push(
            "m.name_zh as party_zh, m.name_en as party_en from orders o join merchant m on m.merchant_id = o.merchant_id where true",
        ),
    };
    if let Some(status) = status {
        q.push(" and o.status = ").push_bind(status.slug());
    }
    if let Some(after) = after {
        q.push(" and o.order_id < ").push_bind(after);
    }
    q.push(" order by o.order_id desc limit ").push_bind(limit);
    Ok(q.build()
        .fetch_all(db)
        .await?
        .iter()
        .filter_map(|row| {
            Some(OrderRow {
                id: row.get("order_id"),
                title_zh: row.get("title_zh"),
                title_en: row.get("title_en"),
                party_zh: row.get("party_zh"),
                party_en: row.get("party_en"),
                status: OrderStatus::from_slug(row.get("status"))?,
                total_fen: row.get("total_fen"),
                placed: row.get("placed"),
            })
        })
        .collect())
}

/// What an order made from a quote copies: the quote's price, quantity and terms, and
/// the subject of the inquiry or requirement as its title.
#[derive(Debug, Clone)]
pub struct Snapshot<'a> {
    pub merchant_id: i64,
    pub listing_id: Option<i64>,
    pub quote_id: i64,
    pub title: &'a str,
    pub pricing_model: PricingModel,
    pub unit_price_fen: i64,
    pub quantity: i32,
    pub terms: &'a str,
}

/// A new order from an accepted quote; its id. One quote makes at most one order (the
/// unique `quote_id`).
pub async fn insert_from_quote(
    tx: &mut Transaction<'_, Postgres>,
    buyer_id: i64,
    s: &Snapshot<'_>,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "insert into orders (buyer_id, merchant_id, listing_id, quote_id, idempotency_key,
                             title_zh, title_en, pricing_model, unit_price_fen, quantity,
                             total_fen, licence_terms)
         values ($1, $2, $3, $4, $5, $6, $6, $7, $8, $9, $8 * $9, $10)
         returning order_id",
    )
    .bind(buyer_id)
    .bind(s.merchant_id)
    .bind(s.listing_id)
    .bind(s.quote_id)
    .bind(format!("quote{:027}", s.quote_id))
    .bind(s.title)
    .bind(s.pricing_model.slug())
    .bind(s.unit_price_fen)
    .bind(s.quantity)
    .bind(s.terms)
    .fetch_one(&mut **tx)
    .await
}

/// The buyer and merchant of order `order_id`.
pub async fn find_parties(
    db: impl PgExecutor<'_>,
    order_id: i64,
) -> Result<Option<(i64, i64)>, sqlx::Error> {
    sqlx::query_as("select buyer_id, merchant_id from orders where order_id = $1")
        .bind(order_id)
        .fetch_optional(db)
        .await
}
