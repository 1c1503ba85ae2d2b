//! Orders: placing one (idempotent per buyer and key), moving it along the state machine,
//! delivering and reviewing. Every change locks the order, checks who acts and from
//! which state ([`machine::next`]), and writes the new state, its one event, and the
//! other side's notifications in one transaction; a refused move changes nothing.
//!
//! An order is visible only to its buyer, the members of its merchant and the operator;
//! to anyone else it does not exist (404), so ids cannot be probed.

use sqlx::PgPool;

use super::machine::{self, Move, Note, Side};
use super::model::{self, MAX_COMMENT_CHARS, MAX_NOTE_CHARS, Order, OrderRow, StoredFile};
use super::quota::{self, Counted};
use super::store::{self, Locked, OrdersOf};
use crate::accounts::model::{CurrentUser, Role};
use crate::error::{AppError, FieldErrors, Quota, Reason};
use crate::merchants::store::Membership;
use crate::merchants::workspace::require_member;
use crate::notifications::{NotificationFacts, NotificationKind, repo as notifications};
use crate::vocab::{OrderStatus, PricingModel};

/// Orders per list page.
pub const PAGE: i64 = 30;

/// How the person looking at an order is related to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Viewer {
    Party(Side),
    /// The operator reads every order and changes none.
    Operator,
}

/// The side `user` is on for an order of `buyer_id` with `merchant_id`, if any.
pub(crate) async fn side_of(
    db: impl sqlx::PgExecutor<'_>,
    user: &CurrentUser,
    buyer_id: i64,
    merchant_id: i64,
) -> Result<Option<Side>, AppError> {
    if user.id == buyer_id {
        return Ok(Some(Side::Buyer));
    }
    Ok(store::is_member(db, merchant_id, user.id)
        .await?
        .then_some(Side::Merchant))
}

/// How `user` sees a deal between `buyer_id` and `merchant_id`: as a party, as the
/// operator (reading only), or not at all (`NotFound`).
pub(crate) async fn viewer_of(
    db: &PgPool,
    user: &CurrentUser,
    buyer_id: i64,
    merchant_id: i64,
) -> Result<Viewer, AppError> {
    match side_of(db, user, buyer_id, merchant_id).await? {
        Some(side) => Ok(Viewer::Party(side)),
        None if user.role == Role::Admin => Ok(Viewer::Operator),
        None => Err(AppError::NotFound),
    }
}

/// An idempotency key as the order form renders it: 32 hex digits.
pub fn new_key() -> String {
    crate::accounts::email::random_hex(16)
}

fn parse_key(raw: &str) -> Result<&str, AppError> {
    let key = raw.trim();
    let valid = (16..=64).contains(&key.len()) && key.bytes().all(|b| b.is_ascii_alphanumeric());
    if valid {
        Ok(key)
    } else {
        Err(AppError::BadRequest)
    }
}

pub(crate) fn facts(order_id: i64, locked: &Locked, note: Option<&str>) -> NotificationFacts {
    NotificationFacts {
        order: Some(order_id),
        listing_zh: Some(locked.title_zh.clone()),
        listing_en: Some(locked.title_en.clone()),
        reason: note.map(str::to_owned),
        ..NotificationFacts::default()
    }
}

fn link(order_id: i64) -> String {
    format!("/orders/{order_id}")
}

/// Places an order for `quantity` of a public listing with a price; the total is
/// computed here from the listing's price, whatever the browser sent. The same `key`
/// from the same buyer gives back the order it placed first, even when requests race:
/// the unique (buyer, key) index lets one insert win and the others find its order.
pub async fn place(
    db: &PgPool,
    user: &CurrentUser,
    listing_id: i64,
    raw_quantity: &str,
    raw_key: &str,
) -> Result<i64, AppError> {
    user.require_verified_email()?;
    let key = parse_key(raw_key)?;
    let quantity = model::quantity(raw_quantity).map_err(|why| {
        let mut errors = FieldErrors::single("quantity", why);
        errors.typed = vec![("quantity".to_owned(), raw_quantity.to_owned())];
        AppError::from(errors)
    })?;
    if let Some(existing) = store::by_key(db, user.id, key).await? {
        return Ok(existing);
    }
    let listing = store::public_listing(db, listing_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if listing.pricing_model == PricingModel::Quote {
        // Priced on request: the page offers an inquiry instead.
        return Err(AppError::Conflict);
    }
    if store::is_member(db, listing.merchant_id, user.id).await? {
        return Err(AppError::Forbidden);
    }
    let mut tx = db.begin().await?;
    let Some((order_id, placed)) =
        store::insert(&mut tx, user.id, listing_id, quantity, key).await?
    else {
        tx.rollback().await?;
        // Another request with this key won the race, or the listing left the market.
        return store::by_key(db, user.id, key)
            .await?
            .ok_or(AppError::NotFound);
    };
    // Only a new order gets here: a retry with the same key found its order above.
    let typed = || vec![("quantity".to_owned(), raw_quantity.to_owned())];
    let with_merchant = Counted::ByTo(user.id, placed.merchant_id);
    quota::check(&mut tx, Quota::OrdersWithMerchant, with_merchant, typed).await?;
    quota::check(&mut tx, Quota::Orders, Counted::By(user.id), typed).await?;
    store::add_event(&mut tx, order_id, user.id, None, OrderStatus::Placed, None).await?;
    notifications::notify_members(
        &mut *tx,
        placed.merchant_id,
        NotificationKind::OrderPlaced,
        &facts(order_id, &placed, None),
        Some(&link(order_id)),
    )
    .await?;
    tx.commit().await?;
    Ok(order_id)
}

/// The note a move carries, checked against what the move needs (field `note`).
fn note_for(needs: Note, raw: &str, mv: Move) -> Result<Option<String>, AppError> {
    let refuse = |why: Reason| {
        let mut errors = FieldErrors::single("note", why);
        errors.typed = vec![
            ("note".to_owned(), raw.to_owned()),
            ("change".to_owned(), mv.slug().to_owned()),
        ];
        AppError::from(errors)
    };
    let note = crate::text::paragraphs(raw, MAX_NOTE_CHARS).map_err(refuse)?;
    match needs {
        Note::Required if note.is_empty() => Err(refuse(Reason::Required)),
        Note::None => Ok(None),
        _ => Ok((!note.is_empty()).then_some(note)),
    }
}

fn kind_of(mv: Move) -> NotificationKind {
    match mv {
        Move::Accept => NotificationKind::OrderAccepted,
        Move::Reject => NotificationKind::OrderRejected,
        Move::Cancel => NotificationKind::OrderCancelled,
        Move::Deliver => NotificationKind::OrderDelivered,
        Move::Complete => NotificationKind::OrderCompleted,
        Move::RequestChanges => NotificationKind::ChangesRequested,
    }
}

/// Makes move `mv` on order `order_id` as `user`, with `raw_note` where the move takes
/// one (a delivery's note is the delivery). `Conflict` when the order's state or the
/// user's side does not allow the move.
pub async fn make_move(
    db: &PgPool,
    user: &CurrentUser,
    order_id: i64,
    mv: Move,
    raw_note: &str,
) -> Result<(), AppError> {
    deliver_or_move(db, user, order_id, mv, raw_note, &[]).await
}

/// [`make_move`], with the files of a delivery already in the object store.
pub async fn deliver_or_move(
    db: &PgPool,
    user: &CurrentUser,
    order_id: i64,
    mv: Move,
    raw_note: &str,
    files: &[StoredFile],
) -> Result<(), AppError> {
    let mut tx = db.begin().await?;
    let order = store::lock(&mut tx, order_id)
        .await?
        .ok_or(AppError::NotFound)?;
    // On the transaction's own connection: waiting for a second one while holding the
    // row lock would let 32 racing moves on one order exhaust the pool.
    let side = side_of(&mut *tx, user, order.buyer_id, order.merchant_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let (to, needs) = machine::next(order.status, mv, side).ok_or(AppError::Conflict)?;
    let note = note_for(needs, raw_note, mv)?;
    store::set_status(&mut tx, order_id, to).await?;
    store::add_event(
        &mut tx,
        order_id,
        user.id,
        Some(order.status),
        to,
        note.as_deref(),
    )
    .await?;
    if mv == Move::Deliver {
        let note = note.as_deref().unwrap_or_default();
        store::add_delivery(&mut tx, order_id, user.id, note, files).await?;
    }
    let (kind, facts) = (kind_of(mv), facts(order_id, &order, note.as_deref()));
    let link = link(order_id);
    match side {
        Side::Buyer => {
            notifications::notify_members(&mut *tx, order.merchant_id, kind, &facts, Some(&link))
                .await?
        }
        Side::Merchant => {
            notifications::notify(&mut *tx, order.buyer_id, kind, &facts, Some(&link)).await?
        }
    }
    tx.commit().await?;
    Ok(())
}

/// Whether `user` may deliver on order `order_id` now (a member of its merchant, the
/// order accepted): checked before a delivery's files are stored.
pub async fn may_deliver(db: &PgPool, user: &CurrentUser, order_id: i64) -> Result<(), AppError> {
    let mut tx = db.begin().await?;
    let order = store::lock(&mut tx, order_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let side = side_of(&mut *tx, user, order.buyer_id, order.merchant_id)
        .await?
        .ok_or(AppError::NotFound)?;
    machine::next(order.status, Move::Deliver, side).ok_or(AppError::Conflict)?;
    Ok(())
}

/// A delivered file of order `order_id`, for its buyer and its merchant's members only.
pub async fn delivered_file(
    db: &PgPool,
    user: &CurrentUser,
    order_id: i64,
    file_id: i64,
) -> Result<StoredFile, AppError> {
    let (buyer_id, merchant_id) = store::find_parties(db, order_id)
        .await?
        .ok_or(AppError::NotFound)?;
    side_of(db, user, buyer_id, merchant_id)
        .await?
        .ok_or(AppError::NotFound)?;
    store::delivered_file(db, order_id, file_id)
        .await?
        .ok_or(AppError::NotFound)
}

/// The buyer's review of a completed order: once, 1–5 stars and a comment.
pub async fn review(
    db: &PgPool,
    user: &CurrentUser,
    order_id: i64,
    raw_stars: &str,
    raw_comment: &str,
) -> Result<(), AppError> {
    let mut errors = FieldErrors::default();
    let stars = errors.check("stars", model::stars(raw_stars));
    let comment = errors.check(
        "comment",
        crate::text::paragraphs(raw_comment, MAX_COMMENT_CHARS),
    );
    let mut tx = db.begin().await?;
    let order = store::lock(&mut tx, order_id)
        .await?
        .ok_or(AppError::NotFound)?;
    match side_of(&mut *tx, user, order.buyer_id, order.merchant_id).await? {
        None => return Err(AppError::NotFound),
        // Members of the merchant cannot review it.
        Some(Side::Merchant) => return Err(AppError::Forbidden),
        Some(Side::Buyer) => {}
    }
    if order.status != OrderStatus::Completed {
        return Err(AppError::Conflict);
    }
    let (Some(stars), Some(comment)) = (stars, comment) else {
        errors.typed = vec![
            ("stars".to_owned(), raw_stars.to_owned()),
            ("comment".to_owned(), raw_comment.to_owned()),
        ];
        return Err(errors.into());
    };
    if !store::add_review(
        &mut tx,
        order_id,
        order.merchant_id,
        user.id,
        stars,
        &comment,
    )
    .await?
    {
        return Err(AppError::Conflict);
    }
    let facts = NotificationFacts {
        stars: Some(stars),
        ..facts(order_id, &order, None)
    };
    notifications::notify_members(
        &mut *tx,
        order.merchant_id,
        NotificationKind::Reviewed,
        &facts,
        Some(&link(order_id)),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Order `order_id` and how `user` sees it; `NotFound` for everyone else.
pub async fn order(
    db: &PgPool,
    user: &CurrentUser,
    order_id: i64,
) -> Result<(Order, Viewer), AppError> {
    let order = store::find(db, order_id).await?.ok_or(AppError::NotFound)?;
    let viewer = viewer_of(db, user, order.buyer_id, order.merchant_id).await?;
    Ok((order, viewer))
}

/// A page of the orders `user` placed.
pub async fn bought(
    db: &PgPool,
    user: &CurrentUser,
    status: Option<OrderStatus>,
    after: Option<i64>,
) -> Result<(Vec<OrderRow>, Option<i64>), AppError> {
    page(db, OrdersOf::Buyer(user.id), status, after).await
}

/// A page of the orders of `user`'s merchant.
pub async fn sold(
    db: &PgPool,
    user: &CurrentUser,
    status: Option<OrderStatus>,
    after: Option<i64>,
) -> Result<(Membership, Vec<OrderRow>, Option<i64>), AppError> {
    let membership = require_member(db, user).await?;
    let of = OrdersOf::Merchant(membership.merchant.merchant_id);
    let (rows, next) = page(db, of, status, after).await?;
    Ok((membership, rows, next))
}

/// A page of every order in the market, for the operator.
pub async fn market(
    db: &PgPool,
    user: &CurrentUser,
    status: Option<OrderStatus>,
    after: Option<i64>,
) -> Result<(Vec<OrderRow>, Option<i64>), AppError> {
    user.require_role(&[Role::Admin])?;
    page(db, OrdersOf::Market, status, after).await
}

async fn page(
    db: &PgPool,
    of: OrdersOf,
    status: Option<OrderStatus>,
    after: Option<i64>,
) -> Result<(Vec<OrderRow>, Option<i64>), AppError> {
    let rows = store::list(db, of, status, after, PAGE + 1).await?;
    let keys: Vec<i64> = rows.iter().map(|r| r.id).collect();
    Ok(crate::db::split_page(rows, &keys, PAGE))
}
