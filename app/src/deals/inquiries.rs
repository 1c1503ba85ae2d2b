//! Inquiries: a buyer asks one merchant (about one of its listings, or in general), the
//! two sides write in a thread, and the merchant quotes. `open` → `answered` (the
//! merchant's first reply or quote) → `closed` (by either side). Only the buyer and
//! the merchant's members see an inquiry (the operator reads it); to anyone else it
//! does not exist.

use sqlx::{PgPool, Row};

use super::forms::{InquiryForm, QuoteForm, required_paragraphs, today};
use super::machine::Side;
use super::model::{Inquiry, Message, ThreadRow};
use super::quota::{self, Counted};
use super::quotes::{self, QuoteOn, QuotesOn};
use super::service::{Viewer, side_of, viewer_of};
use crate::accounts::model::{CurrentUser, Role};
use crate::error::{AppError, FieldErrors, Quota};
use crate::merchants::store::Membership;
use crate::merchants::workspace::require_member;
use crate::notifications::{NotificationFacts, NotificationKind, repo as notifications};
use crate::vocab::{InquiryStatus, MerchantStatus};

/// Inquiries per list page.
pub const PAGE: i64 = 30;

/// Whom a new inquiry is for.
#[derive(Debug, Clone)]
pub enum Addressee {
    /// One of a merchant's public listings, by id.
    Listing(i64),
    /// A merchant in general, by its slug.
    Merchant(String),
}

/// The merchant (id and names) and listing (id and titles) an inquiry would address.
#[derive(Debug, Clone)]
pub struct Target {
    pub merchant_id: i64,
    pub merchant_zh: String,
    pub merchant_en: String,
    pub listing: Option<(i64, String, String)>,
}

/// Who a new inquiry would go to: a public listing's merchant, or an approved merchant.
pub async fn target(db: &PgPool, to: &Addressee) -> Result<Target, AppError> {
    let row =
        match to {
            Addressee::Listing(id) => sqlx::query(
                "select m.merchant_id, m.name_zh, m.name_en, l.listing_id, l.title_zh, l.title_en
               from listing l join merchant m on m.merchant_id = l.merchant_id
              where l.listing_id = $1 and l.is_public",
            )
            .bind(id)
            .fetch_optional(db)
            .await?,
            Addressee::Merchant(slug) => {
                sqlx::query(
                    "select merchant_id, name_zh, name_en, null::bigint as listing_id,
                    null::text as title_zh, null::text as title_en
               from merchant where slug = $1 and status = $2",
                )
                .bind(slug)
                .bind(MerchantStatus::Approved.slug())
                .fetch_optional(db)
                .await?
            }
        };
    let row = row.ok_or(AppError::NotFound)?;
    let listing_id: Option<i64> = row.get("listing_id");
    Ok(Target {
        merchant_id: row.get("merchant_id"),
        merchant_zh: row.get("name_zh"),
        merchant_en: row.get("name_en"),
        listing: listing_id.map(|id| (id, row.get("title_zh"), row.get("title_en"))),
    })
}

/// An inquiry's page.
pub(crate) fn link(id: i64) -> String {
    format!("/inquiries/{id}")
}

/// Sends a new inquiry with its first message; its id.
pub async fn send(
    db: &PgPool,
    user: &CurrentUser,
    to: &Addressee,
    form: &InquiryForm,
) -> Result<i64, AppError> {
    user.require_verified_email()?;
    let target = target(db, to).await?;
    if super::store::is_member(db, target.merchant_id, user.id).await? {
        // Nobody asks their own merchant.
        return Err(AppError::Forbidden);
    }
    let draft = form.parse(today())?;
    let mut tx = db.begin().await?;
    let id: i64 = sqlx::query_scalar(
        "insert into inquiry (buyer_id, merchant_id, listing_id, subject, quantity, budget_fen, deadline)
         values ($1, $2, $3, $4, $5, $6, $7) returning inquiry_id",
    )
    .bind(user.id)
    .bind(target.merchant_id)
    .bind(target.listing.as_ref().map(|l| l.0))
    .bind(&draft.subject)
    .bind(draft.quantity)
    .bind(draft.budget_fen)
    .bind(draft.deadline)
    .fetch_one(&mut *tx)
    .await?;
    add_message(&mut tx, id, user.id, &draft.message).await?;
    let to_merchant = Counted::ByTo(user.id, target.merchant_id);
    quota::check(&mut tx, Quota::InquiriesToMerchant, to_merchant, || {
        form.typed()
    })
    .await?;
    quota::check(&mut tx, Quota::Inquiries, Counted::By(user.id), || {
        form.typed()
    })
    .await?;
    notifications::notify_members(
        &mut *tx,
        target.merchant_id,
        NotificationKind::InquiryReceived,
        &NotificationFacts::about(&draft.subject),
        Some(&link(id)),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

async fn add_message(
    tx: &mut sqlx::Transaction<'_, sqlx::Postgres>,
    inquiry_id: i64,
    author_id: i64,
    body: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("insert into inquiry_message (inquiry_id, author_id, body) values ($1, $2, $3)")
        .bind(inquiry_id)
        .bind(author_id)
        .bind(body)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// An inquiry locked for a change, and the side `user` is on.
struct Locked {
    buyer_id: i64,
    merchant_id: i64,
    subject: String,
    status: InquiryStatus,
    side: Side,
}

async fn lock(
    tx: &mut sqlx::Transaction<'_, sqlx::Postgres>,
    user: &CurrentUser,
    id: i64,
) -> Result<Locked, AppError> {
    let row = sqlx::query(
        "select buyer_id, merchant_id, subject, status from inquiry where inquiry_id = $1 for update",
    )
    .bind(id)
    .fetch_optional(&mut **tx)
    .await?
    .ok_or(AppError::NotFound)?;
    let (buyer_id, merchant_id) = (row.get("buyer_id"), row.get("merchant_id"));
    let side = side_of(&mut **tx, user, buyer_id, merchant_id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Locked {
        buyer_id,
        merchant_id,
        subject: row.get("subject"),
        status: InquiryStatus::from_slug(row.get("status")).ok_or(AppError::Unexpected)?,
        side,
    })
}

/// Tells the other side of an inquiry.
async fn tell_other_side(
    tx: &mut sqlx::Transaction<'_, sqlx::Postgres>,
    inquiry: &Locked,
    id: i64,
    kind: NotificationKind,
) -> Result<(), sqlx::Error> {
    let facts = NotificationFacts::about(&inquiry.subject);
    match inquiry.side {
        Side::Buyer => {
            notifications::notify_members(
                &mut **tx,
                inquiry.merchant_id,
                kind,
                &facts,
                Some(&link(id)),
            )
            .await
        }
        Side::Merchant => {
            notifications::notify(&mut **tx, inquiry.buyer_id, kind, &facts, Some(&link(id))).await
        }
    }
}

/// The merchant's first word answers an inquiry.
async fn mark_answered(
    tx: &mut sqlx::Transaction<'_, sqlx::Postgres>,
    inquiry: &Locked,
    id: i64,
) -> Result<(), sqlx::Error> {
    if inquiry.side == Side::Merchant && inquiry.status == InquiryStatus::Open {
        sqlx::query("update inquiry set status = 'answered' where inquiry_id = $1")
            .bind(id)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// A message in the thread, from either side, while the inquiry is not closed.
pub async fn write(db: &PgPool, user: &CurrentUser, id: i64, raw: &str) -> Result<(), AppError> {
    let body = required_paragraphs(raw).map_err(|why| {
        let mut errors = FieldErrors::single("body", why);
        errors.typed = vec![("body".to_owned(), raw.to_owned())];
        AppError::from(errors)
    })?;
    let mut tx = db.begin().await?;
    let inquiry = lock(&mut tx, user, id).await?;
    if inquiry.status == InquiryStatus::Closed {
        return Err(AppError::Conflict);
    }
    add_message(&mut tx, id, user.id, &body).await?;
    let typed = || vec![("body".to_owned(), raw.to_owned())];
    quota::check(
        &mut tx,
        Quota::MessagesInThread,
        Counted::ByTo(user.id, id),
        typed,
    )
    .await?;
    quota::check(&mut tx, Quota::Messages, Counted::By(user.id), typed).await?;
    mark_answered(&mut tx, &inquiry, id).await?;
    tell_other_side(&mut tx, &inquiry, id, NotificationKind::MessageReceived).await?;
    tx.commit().await?;
    Ok(())
}

/// The merchant's quote on an inquiry that is not closed.
pub async fn quote(
    db: &PgPool,
    user: &CurrentUser,
    id: i64,
    form: &QuoteForm,
) -> Result<(), AppError> {
    let draft = form.parse(today())?;
    let mut tx = db.begin().await?;
    let inquiry = lock(&mut tx, user, id).await?;
    if inquiry.side != Side::Merchant {
        return Err(AppError::Forbidden);
    }
    if inquiry.status == InquiryStatus::Closed {
        return Err(AppError::Conflict);
    }
    quotes::write(
        &mut tx,
        QuoteOn::Inquiry(id),
        inquiry.merchant_id,
        user.id,
        &draft,
    )
    .await?;
    mark_answered(&mut tx, &inquiry, id).await?;
    tell_other_side(&mut tx, &inquiry, id, NotificationKind::QuoteReceived).await?;
    tx.commit().await?;
    Ok(())
}

/// Either side closes the inquiry; its live quotes can no longer be accepted.
pub async fn close(db: &PgPool, user: &CurrentUser, id: i64) -> Result<(), AppError> {
    let mut tx = db.begin().await?;
    let inquiry = lock(&mut tx, user, id).await?;
    if inquiry.status == InquiryStatus::Closed {
        return Err(AppError::Conflict);
    }
    sqlx::query("update inquiry set status = 'closed' where inquiry_id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    tell_other_side(&mut tx, &inquiry, id, NotificationKind::InquiryClosed).await?;
    tx.commit().await?;
    Ok(())
}

/// Inquiry `id` with its thread and quotes, and how `user` sees it.
pub async fn thread(
    db: &PgPool,
    user: &CurrentUser,
    id: i64,
) -> Result<(Inquiry, Viewer), AppError> {
    let row = sqlx::query(
        "select i.inquiry_id, i.buyer_id, u.display_name, i.merchant_id, m.slug, m.name_zh, m.name_en,
                l.slug as listing_slug, l.title_zh, l.title_en, i.subject, i.quantity, i.budget_fen,
                to_char(i.deadline, 'YYYY-MM-DD') as deadline, i.status,
                to_char(i.created_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') as at
           from inquiry i
           join app_user u on u.app_user_id = i.buyer_id
           join merchant m on m.merchant_id = i.merchant_id
           left join listing l on l.listing_id = i.listing_id
          where i.inquiry_id = $1",
    )
    .bind(id)
    .fetch_optional(db)
    .await?
    .ok_or(AppError::NotFound)?;
    let (buyer_id, merchant_id): (i64, i64) = (row.get("buyer_id"), row.get("merchant_id"));
    let viewer = viewer_of(db, user, buyer_id, merchant_id).await?;
    let messages = sqlx::query(
        "select u.display_name, x.author_id <> $2 as from_merchant, x.body,
                to_char(x.created_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') as at
           from inquiry_message x left join app_user u on u.app_user_id = x.author_id
          where x.inquiry_id = $1 order by x.inquiry_message_id",
    )
    .bind(id)
    .bind(buyer_id)
    .fetch_all(db)
    .await?
    .iter()
    .map(|r| Message {
        author: r.get("display_name"),
        from_merchant: r.get::<Option<bool>, _>("from_merchant").unwrap_or(true),
        body: r.get("body"),
        at: r.get("at"),
    })
    .collect();
    let listing_slug: Option<String> = row.get("listing_slug");
    let inquiry = Inquiry {
        id,
        buyer_id,
        buyer_name: row.get("display_name"),
        merchant_id,
        merchant_slug: row.get("slug"),
        merchant_zh: row.get("name_zh"),
        merchant_en: row.get("name_en"),
        listing: listing_slug.map(|slug| (slug, row.get("title_zh"), row.get("title_en"))),
        subject: row.get("subject"),
        quantity: row.get("quantity"),
        budget_fen: row.get("budget_fen"),
        deadline: row.get("deadline"),
        status: InquiryStatus::from_slug(row.get("status")).ok_or(AppError::Unexpected)?,
        at: row.get("at"),
        messages,
        quotes: quotes::list(db, QuotesOn::Inquiry(id)).await?,
    };
    Ok((inquiry, viewer))
}

/// Whose inquiries a list shows.
#[derive(Debug, Clone, Copy)]
enum Of {
    Buyer(i64),
    Merchant(i64),
    /// Every inquiry of the market, for the operator.
    Market,
}

async fn page(
    db: &PgPool,
    of: Of,
    after: Option<i64>,
) -> Result<(Vec<ThreadRow>, Option<i64>), AppError> {
    let (filter, party, id) = match of {
        Of::Buyer(id) => ("i.buyer_id = $1", "m.name_zh, m.name_en", Some(id)),
        Of::Merchant(id) => (
            "i.merchant_id = $1",
            "u.display_name, u.display_name",
            Some(id),
        ),
        Of::Market => (
            "$1::bigint is null",
            "u.display_name || ' → ' || m.name_zh, u.display_name || ' → ' || m.name_en",
            None,
        ),
    };
    let rows = sqlx::query(&format!(
        "select i.inquiry_id, i.subject, {party}, i.status,
                to_char(i.updated_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') as at
           from inquiry i
           join merchant m on m.merchant_id = i.merchant_id
           join app_user u on u.app_user_id = i.buyer_id
          where {filter} and ($2::bigint is null or i.inquiry_id < $2)
          order by i.inquiry_id desc limit $3"
    ))
    .bind(id)
    .bind(after)
    .bind(PAGE + 1)
    .fetch_all(db)
    .await?
    .iter()
    .map(|r| ThreadRow {
        id: r.get(0),
        subject: r.get(1),
        party_zh: r.get(2),
        party_en: r.get(3),
        status: r.get(4),
        at: r.get(5),
    })
    .collect::<Vec<_>>();
    let keys: Vec<i64> = rows.iter().map(|r| r.id).collect();
    Ok(crate::db::split_page(rows, &keys, PAGE))
}

/// A page of the inquiries `user` sent.
pub async fn sent(
    db: &PgPool,
    user: &CurrentUser,
    after: Option<i64>,
) -> Result<(Vec<ThreadRow>, Option<i64>), AppError> {
    page(db, Of::Buyer(user.id), after).await
}

/// A page of every inquiry of the market, for the operator (who reads, never writes).
pub async fn market(
    db: &PgPool,
    user: &CurrentUser,
    after: Option<i64>,
) -> Result<(Vec<ThreadRow>, Option<i64>), AppError> {
    user.require_role(&[Role::Admin])?;
    page(db, Of::Market, after).await
}

/// A page of the inquiries `user`'s merchant received.
pub async fn received(
    db: &PgPool,
    user: &CurrentUser,
    after: Option<i64>,
) -> Result<(Membership, Vec<ThreadRow>, Option<i64>), AppError> {
    let membership = require_member(db, user).await?;
    let (rows, next) = page(db, Of::Merchant(membership.merchant.merchant_id), after).await?;
    Ok((membership, rows, next))
}
