//! SQL that changes listings: the one write path of the `listing` table (the demo
//! generator's bulk load aside). `is_public` and the merchant's copied facts follow
//! from the status by the `listing_sync_merchant` trigger.

use sqlx::{PgExecutor, Row};

use super::editor::{DatasetSpec, ListingDraft};
use crate::catalog::repo::slug;
use crate::search::DocumentTerms;
use crate::vocab::ListingStatus;

/// A listing's state, locked until the transaction ends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LockedListing {
    pub merchant_id: i64,
    pub status: ListingStatus,
    pub status_before_suspension: Option<ListingStatus>,
    pub title_zh: String,
    pub title_en: String,
}

pub async fn lock(
    db: impl PgExecutor<'_>,
    listing_id: i64,
) -> Result<Option<LockedListing>, sqlx::Error> {
    let row = sqlx::query(
        "select merchant_id, status, status_before_suspension, title_zh, title_en
           from listing where listing_id = $1 for update",
    )
    .bind(listing_id)
    .fetch_optional(db)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let before: Option<String> = row.try_get("status_before_suspension")?;
    Ok(Some(LockedListing {
        merchant_id: row.try_get("merchant_id")?,
        status: slug(&row, "status", ListingStatus::from_slug)?,
        status_before_suspension: before.as_deref().and_then(ListingStatus::from_slug),
        title_zh: row.try_get("title_zh")?,
        title_en: row.try_get("title_en")?,
    }))
}

/// The operator suspends a listing from `from`, which a restore returns it to.
pub async fn suspend(
    db: impl PgExecutor<'_>,
    listing_id: i64,
    from: ListingStatus,
    reason: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "update listing set status = 'suspended', status_before_suspension = $2,
                suspension_reason = $3
          where listing_id = $1",
    )
    .bind(listing_id)
    .bind(from.slug())
    .bind(reason)
    .execute(db)
    .await?;
    Ok(())
}

/// The operator lifts a suspension: back to `to`, the status before it.
pub async fn restore(
    db: impl PgExecutor<'_>,
    listing_id: i64,
    to: ListingStatus,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "update listing set status = $2, status_before_suspension = null, suspension_reason = null,
                published_at = case when $2 = 'published' then coalesce(published_at, now()) else published_at end
          where listing_id = $1",
    )
    .bind(listing_id)
    .bind(to.slug())
    .execute(db)
    .await?;
    Ok(())
}

/// The merchant moves its own listing from `from` to `to` (publish, unpublish, archive);
/// says whether the listing was still in `from` (a concurrent change makes it false).
pub async fn transition(
    db: impl PgExecutor<'_>,
    listing_id: i64,
    from: ListingStatus,
    to: ListingStatus,
) -> Result<bool, sqlx::Error> {
    let changed = sqlx::query(
        "update listing set status = $3,
                published_at = case when $3 = 'published' then now() else published_at end
          where listing_id = $1 and status = $2",
    )
    .bind(listing_id)
    .bind(from.slug())
    .bind(to.slug())
    .execute(db)
    .await?
    .rows_affected();
    Ok(changed == 1)
}

/// The columns a draft sets, in the order [`bind_draft`] binds them from `$2`.
const DRAFT_COLUMNS: [&str; 26] = [
    "title_zh",
    "title_en",
    "summary_zh",
    "summary_en",
    "description_zh",
    "description_en",
    "kind",
    "service_field",
    "industries",
    "delivery_modes",
    "pricing_model",
    "price_fen",
    "licence_terms",
    "data_source",
    "personal_info",
    "classification",
    "registration_cert_no",
    "has_compliance_report",
    "modality",
    "volume",
    "time_coverage",
    "update_frequency",
    "label_schema",
    "annotation_accuracy",
    "data_dictionary",
    "search_doc",
];

/// Binds a draft's values for [`DRAFT_COLUMNS`]; the search document is built from its
/// texts by `search_document(heading, body)`, so it takes two binds.
fn bind_draft<'q>(
    query: sqlx::query::Query<'q, sqlx::Postgres, sqlx::postgres::PgArguments>,
    draft: &'q ListingDraft,
) -> sqlx::query::Query<'q, sqlx::Postgres, sqlx::postgres::PgArguments> {
    let terms = DocumentTerms::of_listing(
        [&draft.title_zh, &draft.title_en],
        [&draft.summary_zh, &draft.summary_en],
        [&draft.description_zh, &draft.description_en],
    );
    let spec = draft.dataset.as_ref();
    let text = |pick: fn(&DatasetSpec) -> &Option<String>| spec.and_then(|s| pick(s).clone());
    query
        .bind(&draft.title_zh)
        .bind(&draft.title_en)
        .bind(&draft.summary_zh)
        .bind(&draft.summary_en)
        .bind(&draft.description_zh)
        .bind(&draft.description_en)
        .bind(draft.kind.slug())
        .bind(draft.service_field.slug())
        .bind(
            draft
                .industries
                .iter()
                .map(|i| i.slug())
                .collect::<Vec<_>>(),
        )
        .bind(
            draft
                .delivery_modes
                .iter()
                .map(|d| d.slug())
                .collect::<Vec<_>>(),
        )
        .bind(draft.pricing_model.slug())
        .bind(draft.price_fen)
        .bind(&draft.licence_terms)
        .bind(&draft.data_source)
        .bind(draft.personal_info.slug())
        .bind(draft.classification.slug())
        .bind(&draft.registration_cert_no)
        .bind(draft.has_compliance_report)
        .bind(spec.map(|s| s.modality.slug()))
        .bind(text(|s| &s.volume))
        .bind(text(|s| &s.time_coverage))
        .bind(text(|s| &s.update_frequency))
        .bind(text(|s| &s.label_schema))
        .bind(text(|s| &s.annotation_accuracy))
        .bind(sqlx::types::Json(
            spec.map(|s| s.dictionary.clone()).unwrap_or_default(),
        ))
        .bind(terms.heading)
        .bind(terms.body)
}

/// `$n` placeholders for the draft columns starting at `$first`; the search document
/// takes two.
fn draft_values(first: usize) -> Vec<String> {
    let mut values: Vec<String> = (0..DRAFT_COLUMNS.len() - 1)
        .map(|i| format!("${}", first + i))
        .collect();
    let last = first + DRAFT_COLUMNS.len() - 1;
    values.push(format!("search_document(${last}, ${})", last + 1));
    values
}

/// A new draft of `merchant_id` under `slug`; its id.
pub async fn insert(
    db: impl PgExecutor<'_>,
    merchant_id: i64,
    listing_slug: &str,
    draft: &ListingDraft,
) -> Result<i64, sqlx::Error> {
    let sample = draft
        .dataset
        .as_ref()
        .and_then(|s| s.sample.clone())
        .unwrap_or_default();
    let sql = format!(
        "insert into listing (merchant_id, slug, sample, {}) values ($1, $2, $3, {}) returning listing_id",
        DRAFT_COLUMNS.join(", "),
        draft_values(4).join(", ")
    );
    let query = sqlx::query(&sql)
        .bind(merchant_id)
        .bind(listing_slug)
        .bind(sqlx::types::Json(sample));
    let row = bind_draft(query, draft).fetch_one(db).await?;
    row.try_get("listing_id")
}

/// Writes a draft over listing `listing_id` of `merchant_id` (the slug never changes);
/// a sample is replaced only when the draft brings one. Says whether the row was there.
pub async fn update(
    db: impl PgExecutor<'_>,
    listing_id: i64,
    merchant_id: i64,
    draft: &ListingDraft,
) -> Result<bool, sqlx::Error> {
    let sets: Vec<String> = DRAFT_COLUMNS
        .iter()
        .zip(draft_values(4))
        .map(|(column, value)| format!("{column} = {value}"))
        .collect();
    let sample = draft.dataset.as_ref().and_then(|s| s.sample.clone());
    let kept_sample = if draft.dataset.is_some() {
        "coalesce($3, sample)"
    } else {
        "'{}'::jsonb"
    };
    let sql = format!(
        "update listing set {}, sample = {kept_sample} where listing_id = $1 and merchant_id = $2",
        sets.join(", ")
    );
    let query = sqlx::query(&sql)
        .bind(listing_id)
        .bind(merchant_id)
        .bind(sample.map(sqlx::types::Json));
    Ok(bind_draft(query, draft).execute(db).await?.rows_affected() == 1)
}

/// A listing as its merchant's workspace lists it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct OwnListing {
    pub id: i64,
    pub slug: String,
    pub title_zh: String,
    pub title_en: String,
    pub kind: crate::vocab::ListingKind,
    pub status: ListingStatus,
    pub suspension_reason: Option<String>,
    /// `YYYY-MM-DD HH:MM`, the market's time.
    pub updated: String,
}

/// A merchant's listings, newest first, in one status or all; keyset on the id.
pub async fn of_merchant(
    db: impl PgExecutor<'_>,
    merchant_id: i64,
    status: Option<ListingStatus>,
    after: Option<i64>,
    limit: i64,
) -> Result<Vec<OwnListing>, sqlx::Error> {
    let rows = sqlx::query(
        "select listing_id, slug, title_zh, title_en, kind, status, suspension_reason,
                to_char(updated_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') as updated
           from listing
          where merchant_id = $1 and ($2::text is null or status = $2)
            and ($3::bigint is null or listing_id < $3)
          order by listing_id desc limit $4",
    )
    .bind(merchant_id)
    .bind(status.map(ListingStatus::slug))
    .bind(after)
    .bind(limit)
    .fetch_all(db)
    .await?;
    rows.iter()
        .map(|row| {
            Ok(OwnListing {
                id: row.try_get("listing_id")?,
                slug: row.try_get("slug")?,
                title_zh: row.try_get("title_zh")?,
                title_en: row.try_get("title_en")?,
                kind: slug(row, "kind", crate::vocab::ListingKind::from_slug)?,
                status: slug(row, "status", ListingStatus::from_slug)?,
                suspension_reason: row.try_get("suspension_reason")?,
                updated: row.try_get("updated")?,
            })
        })
        .collect()
}
