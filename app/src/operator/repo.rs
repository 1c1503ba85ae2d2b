//! SQL the console reads.

use sqlx::{PgExecutor, Postgres, QueryBuilder, Row};

use super::model::{ConsoleMerchant, MerchantFilter, ModeratedListing, TierChange};
use crate::catalog::repo::slug;
use crate::merchants::model::Uscc;
use crate::search::SearchQuery;
use crate::vocab::{ListingStatus, MerchantStatus, Region, ServiceField, Tier};

/// Merchants of every status, newest first (keyset on the id), filtered. A whole USCC
/// finds its merchant; other text searches names and descriptions.
pub async fn merchants(
    db: impl PgExecutor<'_>,
    filter: &MerchantFilter,
    limit: i64,
) -> Result<Vec<ConsoleMerchant>, sqlx::Error> {
    let mut sql = QueryBuilder::<Postgres>::new(
        "select merchant_id, slug, name_zh, name_en, uscc, tier, status, region, service_fields
           from merchant m where true",
    );
    if let Some(status) = filter.status {
        sql.push(" and m.status = ").push_bind(status.slug());
    }
    if let Some(tier) = filter.tier {
        sql.push(" and m.tier = ").push_bind(tier.slug());
    }
    if let Some(field) = filter.field {
        sql.push(" and m.service_fields @> array[")
            .push_bind(field.slug())
            .push("]::text[]");
    }
    if let Some(region) = filter.region {
        sql.push(" and m.region = ").push_bind(region.slug());
    }
    if let Some(q) = filter.q.as_deref() {
        if let Ok(code) = Uscc::parse(q) {
            sql.push(" and m.uscc = ")
                .push_bind(code.as_str().to_owned());
        } else if let Some(query) = SearchQuery::parse(q) {
            sql.push(" and m.search_doc @@ ")
                .push_bind(query.tsquery().to_owned())
                .push("::tsquery");
        }
    }
    if let Some(after) = filter.after {
        sql.push(" and m.merchant_id < ").push_bind(after);
    }
    sql.push(" order by m.merchant_id desc limit ")
        .push_bind(limit);
    let rows = sql.build().fetch_all(db).await?;
    rows.iter()
        .map(|row| {
            let fields: Vec<String> = row.try_get("service_fields")?;
            Ok(ConsoleMerchant {
                id: row.try_get("merchant_id")?,
                slug: row.try_get("slug")?,
                name_zh: row.try_get("name_zh")?,
                name_en: row.try_get("name_en")?,
                uscc: row.try_get("uscc")?,
                tier: slug(row, "tier", Tier::from_slug)?,
                status: slug(row, "status", MerchantStatus::from_slug)?,
                region: slug(row, "region", Region::from_slug)?,
                service_fields: fields
                    .iter()
                    .filter_map(|f| ServiceField::from_slug(f))
                    .collect(),
            })
        })
        .collect()
}

pub async fn tier_history(
    db: impl PgExecutor<'_>,
    merchant_id: i64,
) -> Result<Vec<TierChange>, sqlx::Error> {
    let rows = sqlx::query(
        "select c.old_tier, c.new_tier, c.reason, u.display_name,
                to_char(c.changed_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') as at
           from merchant_tier_change c left join app_user u on u.app_user_id = c.changed_by
          where c.merchant_id = $1 order by c.changed_at desc, c.merchant_tier_change_id desc",
    )
    .bind(merchant_id)
    .fetch_all(db)
    .await?;
    rows.iter()
        .map(|row| {
            let old: Option<String> = row.try_get("old_tier")?;
            Ok(TierChange {
                old: old.as_deref().and_then(Tier::from_slug),
                new: slug(row, "new_tier", Tier::from_slug)?,
                reason: row.try_get("reason")?,
                by: row.try_get("display_name")?,
                at: row.try_get("at")?,
            })
        })
        .collect()
}

/// Listings for moderation, newest first: one merchant's, or everyone's with a status.
pub async fn listings(
    db: impl PgExecutor<'_>,
    merchant_id: Option<i64>,
    status: Option<ListingStatus>,
    after: Option<i64>,
    limit: i64,
) -> Result<Vec<ModeratedListing>, sqlx::Error> {
    let mut sql = QueryBuilder::<Postgres>::new(
        "select l.listing_id, l.slug, l.title_zh, l.title_en, l.status, l.suspension_reason,
                l.merchant_id, m.name_zh as merchant_name_zh, m.name_en as merchant_name_en
           from listing l join merchant m on m.merchant_id = l.merchant_id where true",
    );
    if let Some(merchant_id) = merchant_id {
        sql.push(" and l.merchant_id = ").push_bind(merchant_id);
    }
    if let Some(status) = status {
        sql.push(" and l.status = ").push_bind(status.slug());
    }
    if let Some(after) = after {
        sql.push(" and l.listing_id < ").push_bind(after);
    }
    sql.push(" order by l.listing_id desc limit ")
        .push_bind(limit);
    let rows = sql.build().fetch_all(db).await?;
    rows.iter()
        .map(|row| {
            Ok(ModeratedListing {
                id: row.try_get("listing_id")?,
                slug: row.try_get("slug")?,
                title_zh: row.try_get("title_zh")?,
                title_en: row.try_get("title_en")?,
                status: slug(row, "status", ListingStatus::from_slug)?,
                suspension_reason: row.try_get("suspension_reason")?,
                merchant_id: row.try_get("merchant_id")?,
                merchant_name_zh: row.try_get("merchant_name_zh")?,
                merchant_name_en: row.try_get("merchant_name_en")?,
            })
        })
        .collect()
}

/// The dashboard's figures, each one grouped count.
pub async fn dashboard(db: &sqlx::PgPool) -> Result<super::model::Dashboard, sqlx::Error> {
    use crate::vocab::ListingKind;
    let tier_index =
        |tier: &str| Tier::from_slug(tier).map(|t| Tier::ALL.iter().position(|x| *x == t));
    let mut tier_by_field: Vec<(ServiceField, [i64; 3])> =
        ServiceField::ALL.iter().map(|f| (*f, [0; 3])).collect();
    let rows: Vec<(String, String, i64)> = sqlx::query_as(
        "select f, tier, count(*) from merchant, unnest(service_fields) f
          where status = 'approved' group by f, tier",
    )
    .fetch_all(db)
    .await?;
    for (field, tier, n) in rows {
        if let (Some(row), Some(Some(col))) = (
            tier_by_field.iter_mut().find(|(f, _)| f.slug() == field),
            tier_index(&tier),
        ) {
            row.1[col] = n;
        }
    }
    let regions: Vec<(String, i64)> = sqlx::query_as(
        "select region, count(*) from merchant where status = 'approved' group by region",
    )
    .fetch_all(db)
    .await?;
    let mut by_region: Vec<(Region, i64)> = regions
        .iter()
        .filter_map(|(r, n)| Region::from_slug(r).map(|r| (r, *n)))
        .collect();
    by_region.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
    let mut kind_by_field: Vec<(ServiceField, [i64; 3])> =
        ServiceField::ALL.iter().map(|f| (*f, [0; 3])).collect();
    let kinds: Vec<(String, String, i64)> = sqlx::query_as(
        "select service_field, kind, count(*) from listing where is_public group by 1, 2",
    )
    .fetch_all(db)
    .await?;
    for (field, kind, n) in kinds {
        let col = ListingKind::from_slug(&kind)
            .and_then(|k| ListingKind::ALL.iter().position(|x| *x == k));
        if let (Some(row), Some(col)) = (
            kind_by_field.iter_mut().find(|(f, _)| f.slug() == field),
            col,
        ) {
            row.1[col] = n;
        }
    }
    let ages: (i64, i64, i64, i64) = sqlx::query_as(
        "select count(*) filter (where age < interval '1 day'),
                count(*) filter (where age >= interval '1 day' and age < interval '7 days'),
                count(*) filter (where age >= interval '7 days' and age < interval '30 days'),
                count(*) filter (where age >= interval '30 days')
           from (select now() - created_at as age from merchant where status = 'pending') a",
    )
    .fetch_one(db)
    .await?;
    let tier_changes = per_month(db, "merchant_tier_change", "changed_at").await?;
    let orders_placed = per_month(db, "orders", "created_at").await?;
    let inquiries_sent = per_month(db, "inquiry", "created_at").await?;
    Ok(super::model::Dashboard {
        tier_by_field,
        by_region,
        kind_by_field,
        waiting_by_age: [ages.0, ages.1, ages.2, ages.3],
        tier_changes,
        orders_placed,
        inquiries_sent,
    })
}

/// Rows of `table` per month of their `at` column (`YYYY-MM`, the market's time), the
/// last twelve months with empty months as 0. Both names are constants of this module.
async fn per_month(
    db: &sqlx::PgPool,
    table: &'static str,
    at: &'static str,
) -> Result<Vec<(String, i64)>, sqlx::Error> {
    sqlx::query_as(&format!(
        "select to_char(m, 'YYYY-MM'), coalesce(c.n, 0)
           from generate_series(date_trunc('month', now() at time zone 'Asia/Shanghai') - interval '11 months',
                                date_trunc('month', now() at time zone 'Asia/Shanghai'), interval '1 month') m
           left join (select date_trunc('month', {at} at time zone 'Asia/Shanghai') as month, count(*) as n
                        from {table}
                       where {at} > now() - interval '13 months'
                       group by 1) c on c.month = m
          order by m"
    ))
    .fetch_all(db)
    .await
}
