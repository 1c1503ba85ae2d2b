//! Requirements: a buyer's broadcast request for quotes. Approved merchants of its
//! service field see it and quote, one live quote each, revisable until the deadline;
//! the buyer compares the quotes side by side and awards one (see `quotes::accept`),
//! or closes it. `open` → `awarded` | `closed` | `expired` (deadline passed, read as
//! such without a job that rewrites rows).

use sqlx::{PgPool, Row};

use super::forms::{QuoteForm, RequirementForm, today};
use super::model::{Requirement, ThreadRow};
use super::quota::{self, Counted};
use super::quotes::{self, MARKET_TODAY, QuoteOn, QuotesOn};
use super::service::Viewer;
use crate::accounts::model::{CurrentUser, Role};
use crate::deals::machine::Side;
use crate::error::{AppError, Quota};
use crate::merchants::store::Membership;
use crate::notifications::{NotificationFacts, NotificationKind, repo as notifications};
use crate::vocab::{Industry, MerchantStatus, RequirementStatus, ServiceField};

pub const PAGE: i64 = 30;

/// A requirement's page.
pub(crate) fn link(id: i64) -> String {
    format!("/requirements/{id}")
}

/// Posts a requirement; its id.
pub async fn post(
    db: &PgPool,
    user: &CurrentUser,
    form: &RequirementForm,
) -> Result<i64, AppError> {
    user.require_verified_email()?;
    let draft = form.parse(today())?;
    let industries: Vec<&str> = draft.industries.iter().map(|i| i.slug()).collect();
    let mut tx = db.begin().await?;
    let id = sqlx::query_scalar(
        "insert into requirement (buyer_id, title, description, service_field, industries,
                                  budget_min_fen, budget_max_fen, deadline)
         values ($1, $2, $3, $4, $5, $6, $7, $8) returning requirement_id",
    )
    .bind(user.id)
    .bind(&draft.title)
    .bind(&draft.description)
    .bind(draft.service_field.slug())
    .bind(&industries)
    .bind(draft.budget_min_fen)
    .bind(draft.budget_max_fen)
    .bind(draft.deadline)
    .fetch_one(&mut *tx)
    .await?;
    quota::check(&mut tx, Quota::Requirements, Counted::By(user.id), || {
        form.typed()
    })
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// The approved merchant `user` works for, if any.
async fn approved_membership(
    db: &PgPool,
    user: &CurrentUser,
) -> Result<Option<Membership>, AppError> {
    Ok(crate::merchants::workspace::membership(db, user)
        .await?
        .filter(|m| m.merchant.status == MerchantStatus::Approved))
}

/// How `user` is related to a requirement of `buyer_id` in `field`: its buyer, an
/// approved merchant of the field (who may quote), or the operator.
async fn relation(
    db: &PgPool,
    user: &CurrentUser,
    buyer_id: i64,
    field: ServiceField,
) -> Result<(Viewer, Option<Membership>), AppError> {
    if user.id == buyer_id {
        return Ok((Viewer::Party(Side::Buyer), None));
    }
    if let Some(m) = approved_membership(db, user).await?
        && m.merchant.service_fields.contains(&field)
    {
        return Ok((Viewer::Party(Side::Merchant), Some(m)));
    }
    if user.role == Role::Admin {
        return Ok((Viewer::Operator, None));
    }
    Err(AppError::NotFound)
}

const COLUMNS: &str =
    "r.requirement_id, r.buyer_id, u.display_name, r.title, r.description, r.service_field,
    r.industries, r.budget_min_fen, r.budget_max_fen, to_char(r.deadline, 'YYYY-MM-DD') as deadline,
    to_char(r.created_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') as at";

fn status_sql() -> String {
    format!(
        "case when r.status = 'open' and r.deadline < {MARKET_TODAY} then 'expired' else r.status end as status"
    )
}

/// Requirement `id` as `user` may see it: its buyer (and the operator) with every
/// quote, a merchant of its field with its own quote; the merchant's membership too.
pub async fn find(
    db: &PgPool,
    user: &CurrentUser,
    id: i64,
) -> Result<(Requirement, Viewer, Option<Membership>), AppError> {
    let row = sqlx::query(&format!(
        "select {COLUMNS}, {} from requirement r join app_user u on u.app_user_id = r.buyer_id
          where r.requirement_id = $1",
        status_sql()
    ))
    .bind(id)
    .fetch_optional(db)
    .await?
    .ok_or(AppError::NotFound)?;
    let field = ServiceField::from_slug(row.get("service_field")).ok_or(AppError::Unexpected)?;
    let (viewer, membership) = relation(db, user, row.get("buyer_id"), field).await?;
    let on = match &membership {
        Some(m) => QuotesOn::RequirementBy(id, m.merchant.merchant_id),
        None => QuotesOn::Requirement(id),
    };
    let industries: Vec<String> = row.get("industries");
    let requirement = Requirement {
        id,
        buyer_id: row.get("buyer_id"),
        buyer_name: row.get("display_name"),
        title: row.get("title"),
        description: row.get("description"),
        service_field: field,
        industries: industries
            .iter()
            .filter_map(|i| Industry::from_slug(i))
            .collect(),
        budget_min_fen: row.get("budget_min_fen"),
        budget_max_fen: row.get("budget_max_fen"),
        deadline: row.get("deadline"),
        status: RequirementStatus::from_slug(row.get("status")).ok_or(AppError::Unexpected)?,
        at: row.get("at"),
        quotes: quotes::list(db, on).await?,
    };
    Ok((requirement, viewer, membership))
}

/// A merchant of the field quotes, or revises its live quote, while the requirement is
/// open and before its deadline.
pub async fn quote(
    db: &PgPool,
    user: &CurrentUser,
    id: i64,
    form: &QuoteForm,
) -> Result<(), AppError> {
    let draft = form.parse(today())?;
    let mut tx = db.begin().await?;
    let row = sqlx::query(&format!(
        "select buyer_id, title, service_field, status = 'open' and deadline >= {MARKET_TODAY} as open
           from requirement where requirement_id = $1 for update"
    ))
    .bind(id)
    .fetch_optional(&mut *tx)
    .await?
    .ok_or(AppError::NotFound)?;
    let field = ServiceField::from_slug(row.get("service_field")).ok_or(AppError::Unexpected)?;
    let (viewer, membership) = relation(db, user, row.get("buyer_id"), field).await?;
    let Some(membership) = membership else {
        return Err(match viewer {
            Viewer::Party(Side::Buyer) | Viewer::Operator => AppError::Forbidden,
            Viewer::Party(Side::Merchant) => AppError::NotFound,
        });
    };
    if !row.get::<bool, _>("open") {
        return Err(AppError::Conflict);
    }
    let merchant_id = membership.merchant.merchant_id;
    quotes::write(
        &mut tx,
        QuoteOn::Requirement(id),
        merchant_id,
        user.id,
        &draft,
    )
    .await?;
    let title: String = row.get("title");
    notifications::notify(
        &mut *tx,
        row.get("buyer_id"),
        NotificationKind::RequirementQuoted,
        &NotificationFacts {
            merchant_zh: Some(membership.merchant.name_zh.clone()),
            merchant_en: Some(membership.merchant.name_en.clone()),
            ..NotificationFacts::about(&title)
        },
        Some(&link(id)),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The buyer closes an open requirement; the quoting merchants are told.
pub async fn close(db: &PgPool, user: &CurrentUser, id: i64) -> Result<(), AppError> {
    let mut tx = db.begin().await?;
    let row = sqlx::query(
        "select buyer_id, title, status from requirement where requirement_id = $1 for update",
    )
    .bind(id)
    .fetch_optional(&mut *tx)
    .await?
    .ok_or(AppError::NotFound)?;
    if row.get::<i64, _>("buyer_id") != user.id {
        return Err(AppError::NotFound);
    }
    if row.get::<&str, _>("status") != RequirementStatus::Open.slug() {
        return Err(AppError::Conflict);
    }
    sqlx::query("update requirement set status = 'closed' where requirement_id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    quotes::not_selected(&mut tx, id, row.get("title"), &link(id)).await?;
    tx.commit().await?;
    Ok(())
}

fn rows(rows: Vec<sqlx::postgres::PgRow>) -> Vec<ThreadRow> {
    rows.iter()
        .map(|r| ThreadRow {
            id: r.get("requirement_id"),
            subject: r.get("title"),
            party_zh: r.get("service_field"),
            party_en: r.get("service_field"),
            status: r.get("status"),
            at: r.get("deadline"),
        })
        .collect()
}

/// What `/requirements` lists for `user`: the open requirements of their approved
/// merchant's fields (with the membership), or else their own requirements.
pub async fn listing(
    db: &PgPool,
    user: &CurrentUser,
    after: Option<i64>,
) -> Result<(Option<Membership>, Vec<ThreadRow>, Option<i64>), AppError> {
    let membership = approved_membership(db, user).await?;
    let list = match &membership {
        Some(m) => {
            let fields: Vec<&str> = m.merchant.service_fields.iter().map(|f| f.slug()).collect();
            sqlx::query(&format!(
                "select r.requirement_id, r.title, r.service_field, r.status,
                        to_char(r.deadline, 'YYYY-MM-DD') as deadline
                   from requirement r
                  where r.status = 'open' and r.deadline >= {MARKET_TODAY}
                    and r.service_field = any($1) and ($2::bigint is null or r.requirement_id < $2)
                  order by r.requirement_id desc limit $3"
            ))
            .bind(&fields)
            .bind(after)
            .bind(PAGE + 1)
            .fetch_all(db)
            .await?
        }
        None => {
            sqlx::query(&format!(
                "select r.requirement_id, r.title, r.service_field, {},
                    to_char(r.deadline, 'YYYY-MM-DD') as deadline
               from requirement r
              where r.buyer_id = $1 and ($2::bigint is null or r.requirement_id < $2)
              order by r.requirement_id desc limit $3",
                status_sql()
            ))
            .bind(user.id)
            .bind(after)
            .bind(PAGE + 1)
            .fetch_all(db)
            .await?
        }
    };
    let list = rows(list);
    let keys: Vec<i64> = list.iter().map(|r| r.id).collect();
    let (list, next) = crate::db::split_page(list, &keys, PAGE);
    Ok((membership, list, next))
}
