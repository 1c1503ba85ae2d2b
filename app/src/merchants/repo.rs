//! SQL for merchants as the public sees them (approved merchants only).

use sqlx::postgres::PgRow;
use sqlx::{PgExecutor, PgPool, Postgres, QueryBuilder, Row};

use super::model::{DirectoryCursor, MerchantCard, MerchantProfile};
use crate::catalog::repo::slug;
use crate::search::SearchQuery;
use crate::vocab::{MerchantStatus, Region, ServiceField, Tier};

const CARD_COLUMNS: &str = "m.merchant_id, m.slug, m.name_zh, m.name_en, m.tier, m.tier_rank, m.service_fields, \
     m.region, m.review_count, m.review_stars, left(m.description_zh, 200) as summary_zh, left(m.description_en, 400) as summary_en";

/// The start of a description, cut after a sentence or word and marked with "…".
fn excerpt(text: String, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text;
    }
    let cut: String = text.chars().take(max_chars).collect();
    let half = cut.len() / 2;
    let after = |i: usize| i + cut[i..].chars().next().map_or(0, char::len_utf8);
    let boundary = cut
        .rfind(['。', '.', ';', '；'])
        .map(after)
        .filter(|i| *i > half)
        .or_else(|| cut.rfind([' ', ',', '，']).filter(|i| *i > half))
        .unwrap_or(cut.len());
    format!(
        "{}…",
        cut[..boundary].trim_end_matches([' ', ',', '，', ';', '；'])
    )
}

fn card(row: &PgRow) -> Result<MerchantCard, sqlx::Error> {
    let fields: Vec<String> = row.try_get("service_fields")?;
    Ok(MerchantCard {
        id: row.try_get("merchant_id")?,
        slug: row.try_get("slug")?,
        name_zh: row.try_get("name_zh")?,
        name_en: row.try_get("name_en")?,
        tier: slug(row, "tier", Tier::from_slug)?,
        service_fields: fields
            .iter()
            .filter_map(|f| ServiceField::from_slug(f))
            .collect(),
        region: slug(row, "region", Region::from_slug)?,
        summary_zh: excerpt(row.try_get("summary_zh")?, 60),
        summary_en: excerpt(row.try_get("summary_en")?, 140),
        rating: crate::deals::model::Rating {
            count: row.try_get("review_count")?,
            stars: row.try_get("review_stars")?,
        },
    })
}

pub struct DirectoryFilter<'a> {
    pub query: Option<&'a SearchQuery>,
    pub tier: Option<Tier>,
    pub field: Option<ServiceField>,
    pub region: Option<Region>,
}

/// A tier's place in the directory, as the generated column `merchant.tier_rank` has it.
pub(crate) fn tier_rank(tier: Tier) -> i16 {
    match tier {
        Tier::Leading => 1,
        Tier::Growing => 2,
        Tier::Inbound => 3,
    }
}

/// How many approved merchants, in directory order, a text search tests one by one before
/// it asks the GIN index for every match instead (see [`directory`]).
const TEXT_PROBE_ROWS: i64 = 2_000;

/// The directory statement. With `probe`, only that many merchants (filtered, in
/// directory order) are tested against the text; without, all are.
fn directory_statement<'a>(
    filter: &DirectoryFilter<'_>,
    after: Option<DirectoryCursor>,
    limit: i64,
    probe: Option<i64>,
) -> QueryBuilder<'a, Postgres> {
    const ORDER: &str = " order by m.tier_rank, -m.merchant_id";
    // The probe's rows carry their sort key as a column, so PostgreSQL knows they arrive
    // in order and stops testing them once the page is full.
    const PROBED_ORDER: &str = " order by m.tier_rank, m.directory_key";
    let mut sql = QueryBuilder::<Postgres>::new("select ");
    sql.push(CARD_COLUMNS).push(" from ");
    if probe.is_some() {
        sql.push("(select *, -m.merchant_id as directory_key from ");
    }
    sql.push("merchant m where m.status = ")
        .push_bind(MerchantStatus::Approved.slug());
    // Tier and cursor as conditions on the columns of `merchant_public_idx
    // (tier_rank, -merchant_id)`, so they bound its walk instead of filtering it.
    if let Some(tier) = filter.tier {
        sql.push(" and m.tier_rank = ").push_bind(tier_rank(tier));
    }
    if let Some(field) = filter.field {
        sql.push(" and m.service_fields @> array[")
            .push_bind(field.slug())
            .push("]::text[]");
    }
    if let Some(region) = filter.region {
        sql.push(" and m.region = ").push_bind(region.slug());
    }
    if let Some(after) = after {
        // Directory order is (tier_rank, -merchant_id), as `merchant_public_idx` has it.
        sql.push(" and (m.tier_rank, -m.merchant_id) > (")
            .push_bind(after.tier_rank)
            .push(", ")
            .push_bind(-after.id)
            .push(")");
    }
    if let Some(probe) = probe {
        sql.push(ORDER).push(" limit ").push_bind(probe);
        sql.push(") m where true");
    }
    if let Some(query) = filter.query {
        sql.push(" and m.search_doc @@ ")
            .push_bind(query.tsquery().to_owned())
            .push("::tsquery");
    }
    sql.push(if probe.is_some() { PROBED_ORDER } else { ORDER })
        .push(" limit ")
        .push_bind(limit + 1);
    sql
}

/// A page of approved merchants, leading first, newest first within a tier.
///
/// A text search first tests the next [`TEXT_PROBE_ROWS`] merchants in directory order,
/// which fills the page at once when the words are common; when it does not, the
/// matches come from the GIN index. PostgreSQL left to choose walked all 100,000
/// merchants for a rare word with two filters (0.9 s), because its statistics cannot
/// tell how words and filters combine; this way either case stays within tens of ms.
pub async fn directory(
    db: &PgPool,
    filter: &DirectoryFilter<'_>,
    after: Option<DirectoryCursor>,
    limit: i64,
) -> Result<(Vec<MerchantCard>, Option<DirectoryCursor>), sqlx::Error> {
    directory_probing(db, filter, after, limit, TEXT_PROBE_ROWS).await
}

/// [`directory`] with the probe's size given (tests use both paths on a small market).
pub async fn directory_probing(
    db: &PgPool,
    filter: &DirectoryFilter<'_>,
    after: Option<DirectoryCursor>,
    limit: i64,
    probe_rows: i64,
) -> Result<(Vec<MerchantCard>, Option<DirectoryCursor>), sqlx::Error> {
    let rows = if filter.query.is_some() {
        let probed = directory_statement(filter, after, limit, Some(probe_rows))
            .build()
            .fetch_all(db)
            .await?;
        if i64::try_from(probed.len()).unwrap_or(0) > limit {
            probed
        } else {
            let mut all = directory_statement(filter, after, limit, None);
            crate::db::fetch_all_through_bitmaps(db, &mut all).await?
        }
    } else {
        directory_statement(filter, after, limit, None)
            .build()
            .fetch_all(db)
            .await?
    };
    let mut cards = Vec::with_capacity(rows.len());
    let mut keys = Vec::with_capacity(rows.len());
    for row in &rows {
        keys.push(DirectoryCursor {
            tier_rank: row.try_get("tier_rank")?,
            id: row.try_get("merchant_id")?,
        });
        cards.push(card(row)?);
    }
    Ok(crate::db::split_page(cards, &keys, limit))
}

/// The cards of the approved merchants among `ids`, in no particular order: the search
/// index has chosen the page, and this reads its rows by primary key.
pub async fn approved_cards(
    db: impl PgExecutor<'_>,
    ids: &[i64],
) -> Result<Vec<MerchantCard>, sqlx::Error> {
    let mut sql = QueryBuilder::<Postgres>::new("select ");
    sql.push(CARD_COLUMNS)
        .push(" from merchant m where m.status = ")
        .push_bind(MerchantStatus::Approved.slug())
        .push(" and m.merchant_id = any(")
        .push_bind(ids.to_vec())
        .push(")");
    sql.build().fetch_all(db).await?.iter().map(card).collect()
}

/// What the search index reads of approved merchants (all, or those among `ids`), in
/// id order: PostgreSQL's own lexemes, then tier, service fields and region.
pub(crate) fn indexed_merchants_statement<'a>(ids: Option<&[i64]>) -> QueryBuilder<'a, Postgres> {
    let mut sql = QueryBuilder::<Postgres>::new(
        "select m.merchant_id, tsvector_to_array(m.search_doc) as terms,
                array[m.tier] as tiers, m.service_fields, array[m.region] as regions
         from merchant m where m.status = ",
    );
    sql.push_bind(MerchantStatus::Approved.slug());
    if let Some(ids) = ids {
        sql.push(" and m.merchant_id = any(")
            .push_bind(ids.to_vec())
            .push(")");
    }
    sql.push(" order by m.merchant_id");
    sql
}

/// A row of [`indexed_merchants_statement`].
pub(crate) fn indexed_merchant(row: &PgRow) -> Result<super::index::MerchantDoc, sqlx::Error> {
    let id: i64 = row.try_get("merchant_id")?;
    Ok(crate::index::Doc {
        id: crate::index::bit_of(id, "merchant_id")?,
        terms: row.try_get("terms")?,
        title_terms: Vec::new(),
        values: [
            row.try_get("tiers")?,
            row.try_get("service_fields")?,
            row.try_get("regions")?,
        ],
        key: None,
    })
}

/// An approved merchant's profile, without its listings (see [`public_listings`]).
pub async fn find_approved(
    db: impl PgExecutor<'_>,
    merchant_slug: &str,
) -> Result<Option<MerchantProfile>, sqlx::Error> {
    let mut sql = QueryBuilder::<Postgres>::new("select ");
    sql.push(CARD_COLUMNS).push(
        ", m.legal_name, m.uscc, m.founded_year, m.description_zh, m.description_en, m.website,
           m.contact_email, m.certifications, to_char(m.tier_since, 'YYYY-MM-DD') as tier_since
         from merchant m where m.status = ",
    );
    sql.push_bind(MerchantStatus::Approved.slug())
        .push(" and m.slug = ")
        .push_bind(merchant_slug);
    let Some(row) = sql.build().fetch_optional(db).await? else {
        return Ok(None);
    };
    Ok(Some(MerchantProfile {
        card: card(&row)?,
        legal_name: row.try_get("legal_name")?,
        uscc: row.try_get("uscc")?,
        founded_year: row.try_get("founded_year")?,
        description_zh: row.try_get("description_zh")?,
        description_en: row.try_get("description_en")?,
        website: row.try_get("website")?,
        contact_email: row.try_get("contact_email")?,
        certifications: row.try_get("certifications")?,
        tier_since: row.try_get("tier_since")?,
        listings: Vec::new(),
    }))
}

/// Approved merchants per tier and per service field, and public listings.
pub async fn formation_counts(
    db: &sqlx::PgPool,
) -> Result<(Vec<(Tier, i64)>, Vec<(ServiceField, i64)>, i64), sqlx::Error> {
    let approved = MerchantStatus::Approved.slug();
    let tiers: Vec<(String, i64)> =
        sqlx::query_as("select tier, count(*) from merchant where status = $1 group by tier")
            .bind(approved)
            .fetch_all(db)
            .await?;
    let fields: Vec<(String, i64)> = sqlx::query_as(
        "select f, count(*) from merchant, unnest(service_fields) f where status = $1 group by f",
    )
    .bind(approved)
    .fetch_all(db)
    .await?;
    let listings: i64 = sqlx::query_scalar("select count(*) from listing where is_public")
        .fetch_one(db)
        .await?;
    let mut per_tier: Vec<_> = tiers
        .iter()
        .filter_map(|(t, n)| Tier::from_slug(t).map(|t| (t, *n)))
        .collect();
    let mut per_field: Vec<_> = fields
        .iter()
        .filter_map(|(f, n)| ServiceField::from_slug(f).map(|f| (f, *n)))
        .collect();
    per_tier.sort();
    per_field.sort();
    Ok((per_tier, per_field, listings))
}

/// Approved merchant slugs with ids in `ids`, in id order (a sitemap file).
pub async fn approved_slugs_in(
    db: impl PgExecutor<'_>,
    ids: std::ops::Range<i64>,
) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar(
        "select slug from merchant where status = $1 and merchant_id >= $2 and merchant_id < $3 \
         order by merchant_id",
    )
    .bind(MerchantStatus::Approved.slug())
    .bind(ids.start)
    .bind(ids.end)
    .fetch_all(db)
    .await
}

/// The highest approved merchant id (0 for none).
pub async fn max_approved_id(db: impl PgExecutor<'_>) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("select coalesce(max(merchant_id), 0) from merchant where status = $1")
        .bind(MerchantStatus::Approved.slug())
        .fetch_one(db)
        .await
}

#[cfg(test)]
mod tests {
    use super::excerpt;

    #[test]
    fn short_texts_stay_whole() {
        assert_eq!(excerpt("Short.".into(), 140), "Short.");
    }

    #[test]
    fn long_texts_end_at_a_word_or_sentence_with_an_ellipsis() {
        let en = excerpt("Founded in 2010 in Ningbo, it builds data platforms for manufacturers and logistics firms.".into(), 50);
        assert_eq!(en, "Founded in 2010 in Ningbo, it builds data…");
        let zh = excerpt(
            "公司成立于二〇一〇年，专注于工业数据平台建设。服务制造与物流企业。".into(),
            20,
        );
        assert_eq!(
            zh, "公司成立于二〇一〇年，专注于工业数据平台…",
            "Chinese may end at any character"
        );
    }
}
