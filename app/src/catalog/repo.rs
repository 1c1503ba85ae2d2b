//! SQL for the public catalog. Filters and facet counts are computed in PostgreSQL on the
//! public subset of listings (`is_public`, kept by triggers), with one index per filter.

use sqlx::postgres::PgRow;
use sqlx::{PgExecutor, PgPool, Postgres, QueryBuilder, Row};

use super::model::{CatalogFilters, Cursor, Facets, ListingCard, Sort};
use crate::search::SearchQuery;
use crate::vocab::{DeliveryMode, Industry, ListingKind, PricingModel, Region, ServiceField, Tier};

/// A price that sorts after every real one: "price on request" comes last.
const NO_PRICE: i64 = i64::MAX;

/// The columns [`card`] reads; every statement that yields listing cards starts with it.
const CARD_SELECT: &str =
    "select l.listing_id, l.slug, l.title_zh, l.title_en, l.summary_zh, l.summary_en,
    l.kind, l.service_field, l.pricing_model, l.price_fen, l.merchant_tier, m.slug as merchant_slug,
    m.name_zh as merchant_name_zh, m.name_en as merchant_name_en";

/// The listing's own part of [`CARD_SELECT`], for a page chosen before its merchants are
/// joined (so a search that sorts 20,000 matches joins 21 merchants, not 20,000).
const CARD_LISTING_SELECT: &str =
    "select l.listing_id, l.merchant_id, l.slug, l.title_zh, l.title_en, l.summary_zh,
    l.summary_en, l.kind, l.service_field, l.pricing_model, l.price_fen, l.merchant_tier";

/// Wraps a page of [`CARD_LISTING_SELECT`] rows (aliased `l`) with their merchants' columns.
const CARD_MERCHANT_SELECT: &str = "select l.*, m.slug as merchant_slug,
    m.name_zh as merchant_name_zh, m.name_en as merchant_name_en from (";

/// A filterable vocabulary column of the catalog.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Dim {
    Kind,
    Field,
    Industry,
    Delivery,
    Pricing,
    Tier,
    Region,
}

impl Dim {
    /// Every dimension, in the order the facet statement numbers them.
    pub(crate) const ALL: [Dim; 7] = [
        Dim::Kind,
        Dim::Field,
        Dim::Industry,
        Dim::Delivery,
        Dim::Pricing,
        Dim::Tier,
        Dim::Region,
    ];

    /// The dimension's column, and whether it holds an array of values.
    pub(crate) fn column(self) -> (&'static str, bool) {
        match self {
            Dim::Kind => ("l.kind", false),
            Dim::Field => ("l.service_field", false),
            Dim::Industry => ("l.industries", true),
            Dim::Delivery => ("l.delivery_modes", true),
            Dim::Pricing => ("l.pricing_model", false),
            Dim::Tier => ("l.merchant_tier", false),
            Dim::Region => ("l.merchant_region", false),
        }
    }

    /// The dimension's values in a row: the column, or each element of an array column.
    fn value_expr(self) -> String {
        match self.column() {
            (column, true) => format!("unnest({column})"),
            (column, false) => column.to_owned(),
        }
    }

    /// The value chosen for this dimension, if it is filtered on.
    pub(crate) fn chosen(self, f: &CatalogFilters) -> Option<&'static str> {
        match self {
            Dim::Kind => f.kind.map(ListingKind::slug),
            Dim::Field => f.field.map(ServiceField::slug),
            Dim::Industry => f.industry.map(Industry::slug),
            Dim::Delivery => f.delivery.map(DeliveryMode::slug),
            Dim::Pricing => f.pricing.map(PricingModel::slug),
            Dim::Tier => f.tier.map(Tier::slug),
            Dim::Region => f.region.map(Region::slug),
        }
    }

    /// Pushes the condition "this row has `value`" (no leading ` and `).
    fn push_condition(self, sql: &mut QueryBuilder<'_, Postgres>, value: &'static str) {
        let (column, array) = self.column();
        if array {
            sql.push(format_args!("{column} @> array["))
                .push_bind(value)
                .push("]::text[]");
        } else {
            sql.push(format_args!("{column} = ")).push_bind(value);
        }
    }
}

fn push_filters(
    sql: &mut QueryBuilder<'_, Postgres>,
    query: Option<&SearchQuery>,
    f: &CatalogFilters,
    except: Option<Dim>,
) {
    sql.push(" where l.is_public");
    if let Some(query) = query {
        sql.push(" and l.search_doc @@ ")
            .push_bind(query.tsquery().to_owned())
            .push("::tsquery");
    }
    push_dim_filters(sql, f, except);
}

/// The filters on the vocabulary columns, each as ` and …`, leaving out `except`.
fn push_dim_filters(sql: &mut QueryBuilder<'_, Postgres>, f: &CatalogFilters, except: Option<Dim>) {
    for dim in Dim::ALL {
        if let Some(value) = dim.chosen(f).filter(|_| except != Some(dim)) {
            sql.push(" and ");
            dim.push_condition(sql, value);
        }
    }
}

/// The statement behind [`search`], after `prefix` (empty, or `explain …`).
///
/// Relevance means: listings whose title matches first, then those that match only in
/// their text, newest first within each group. Each group is one indexable statement
/// (walk `listing_public_newest_idx` and test the small `title_doc` as rows come, or
/// bitmap a GIN index and sort the few matches, whichever the statistics favour), so a
/// word found in a third of a million titles costs no more than a rare one. Ranking by
/// term frequency would have to read every match's whole search document first.
fn search_statement<'a>(
    prefix: &str,
    query: Option<&SearchQuery>,
    filters: &CatalogFilters,
    sort: Sort,
    after: Option<Cursor>,
    limit: i64,
) -> QueryBuilder<'a, Postgres> {
    let mut sql = QueryBuilder::<Postgres>::new(prefix);
    sql.push(CARD_MERCHANT_SELECT);
    let order = match (sort, query) {
        (Sort::Relevance, Some(query)) => {
            let (in_titles, after_id) = match after {
                Some(Cursor::Relevance { title_hit, id }) => (title_hit, Some(id)),
                _ => (true, None),
            };
            sql.push("select * from (");
            if in_titles {
                sql.push("(");
                push_relevance_group(&mut sql, query, filters, true, after_id, limit);
                sql.push(") union all ");
            }
            // Below a title hit, the text-only group starts from its top.
            let body_after = if in_titles { None } else { after_id };
            sql.push("(");
            push_relevance_group(&mut sql, query, filters, false, body_after, limit);
            sql.push(")) l");
            " order by l.title_hit desc, l.listing_id desc"
        }
        _ => {
            sql.push(CARD_LISTING_SELECT);
            sql.push(" from listing l");
            push_filters(&mut sql, query, filters, None);
            match after {
                Some(Cursor::Newest { id }) if sort != Sort::Price => {
                    sql.push(" and l.listing_id < ").push_bind(id);
                }
                Some(Cursor::Price { price, id }) if sort == Sort::Price => {
                    sql.push(" and (coalesce(l.price_fen, ")
                        .push_bind(NO_PRICE)
                        .push("), l.listing_id) > (");
                    sql.push_bind(price).push(", ").push_bind(id).push(")");
                }
                _ => {}
            }
            if sort == Sort::Price {
                " order by coalesce(l.price_fen, 9223372036854775807), l.listing_id"
            } else {
                " order by l.listing_id desc"
            }
        }
    };
    sql.push(order).push(" limit ").push_bind(limit + 1);
    sql.push(") l join merchant m on m.merchant_id = l.merchant_id")
        .push(order);
    sql
}

/// One group of a relevance search: the title matches, or the text-only matches.
fn push_relevance_group(
    sql: &mut QueryBuilder<'_, Postgres>,
    query: &SearchQuery,
    filters: &CatalogFilters,
    title_hit: bool,
    after_id: Option<i64>,
    limit: i64,
) {
    sql.push(CARD_LISTING_SELECT);
    sql.push(format_args!(", {title_hit} as title_hit from listing l"));
    push_filters(sql, (!title_hit).then_some(query), filters, None);
    sql.push(if title_hit {
        " and l.title_doc @@ "
    } else {
        " and not l.title_doc @@ "
    });
    sql.push_bind(query.tsquery().to_owned()).push("::tsquery");
    if let Some(id) = after_id {
        sql.push(" and l.listing_id < ").push_bind(id);
    }
    sql.push(" order by l.listing_id desc limit ")
        .push_bind(limit + 1);
}

/// One page of results, plus the cursor of the row after it (if any).
pub async fn search(
    db: impl PgExecutor<'_>,
    query: Option<&SearchQuery>,
    filters: &CatalogFilters,
    sort: Sort,
    after: Option<Cursor>,
    limit: i64,
) -> Result<(Vec<ListingCard>, Option<Cursor>), sqlx::Error> {
    let relevance = sort == Sort::Relevance && query.is_some();
    let rows = search_statement("", query, filters, sort, after, limit)
        .build()
        .fetch_all(db)
        .await?;
    let mut cards = Vec::with_capacity(rows.len());
    let mut keys = Vec::with_capacity(rows.len());
    for row in &rows {
        let card = card(row)?;
        let key = if relevance {
            Cursor::Relevance {
                title_hit: row.try_get("title_hit")?,
                id: card.id,
            }
        } else if sort == Sort::Price {
            Cursor::Price {
                price: card.price_fen.unwrap_or(NO_PRICE),
                id: card.id,
            }
        } else {
            Cursor::Newest { id: card.id }
        };
        cards.push(card);
        keys.push(key);
    }
    Ok(crate::db::split_page(cards, &keys, limit))
}

pub fn card(row: &PgRow) -> Result<ListingCard, sqlx::Error> {
    Ok(ListingCard {
        id: row.try_get("listing_id")?,
        slug: row.try_get("slug")?,
        title_zh: row.try_get("title_zh")?,
        title_en: row.try_get("title_en")?,
        summary_zh: row.try_get("summary_zh")?,
        summary_en: row.try_get("summary_en")?,
        kind: slug(row, "kind", ListingKind::from_slug)?,
        service_field: slug(row, "service_field", ServiceField::from_slug)?,
        pricing_model: slug(row, "pricing_model", PricingModel::from_slug)?,
        price_fen: row.try_get("price_fen")?,
        merchant_slug: row.try_get("merchant_slug")?,
        merchant_name_zh: row.try_get("merchant_name_zh")?,
        merchant_name_en: row.try_get("merchant_name_en")?,
        merchant_tier: slug(row, "merchant_tier", Tier::from_slug)?,
    })
}

/// Reads a slug column into its enum; a value the CHECK constraints allow but the code
/// does not know is a decoding error, not a panic.
pub fn slug<T>(row: &PgRow, column: &str, parse: fn(&str) -> Option<T>) -> Result<T, sqlx::Error> {
    let raw: String = row.try_get(column)?;
    parse(&raw).ok_or_else(|| sqlx::Error::ColumnDecode {
        index: column.to_owned(),
        source: format!("unknown value {raw:?}").into(),
    })
}

/// The statement behind [`facets`], after `prefix` (empty, or `explain …`).
fn facets_statement<'a>(
    prefix: &str,
    query: Option<&SearchQuery>,
    filters: &CatalogFilters,
) -> QueryBuilder<'a, Postgres> {
    let mut sql = QueryBuilder::<Postgres>::new(prefix);
    // Without text, every count is an index-only scan of `listing_public_facets_idx`.
    // With text, the matching rows are found (and their rows read) once, then counted
    // seven ways.
    if let Some(query) = query {
        sql.push(
            "with hits as materialized (select l.kind, l.service_field, l.industries, l.delivery_modes,
                    l.pricing_model, l.merchant_tier, l.merchant_region from listing l",
        );
        push_filters(&mut sql, Some(query), &CatalogFilters::default(), None);
        // Each count leaves out one filter, so a row that fails two filters is in none.
        let active: Vec<(Dim, &'static str)> = Dim::ALL
            .into_iter()
            .filter_map(|dim| dim.chosen(filters).map(|value| (dim, value)))
            .collect();
        if active.len() >= 2 {
            sql.push(" and (");
            for (i, (dim, value)) in active.iter().enumerate() {
                if i > 0 {
                    sql.push(" + ");
                }
                sql.push("(not (");
                dim.push_condition(&mut sql, value);
                sql.push("))::int");
            }
            sql.push(") <= 1");
        }
        sql.push(") ");
    }
    for (i, dim) in Dim::ALL.into_iter().enumerate() {
        if i > 0 {
            sql.push(" union all ");
        }
        // `i` and the expression are constants of `Dim`, never input.
        sql.push(format_args!(
            "(select {i}::int as dim, {} as value, count(*) as n",
            dim.value_expr()
        ));
        if query.is_some() {
            sql.push(" from hits l where true");
            push_dim_filters(&mut sql, filters, Some(dim));
        } else {
            sql.push(" from listing l");
            push_filters(&mut sql, None, filters, Some(dim));
        }
        sql.push(" group by 2)");
    }
    sql
}

/// Runs the facet statement; a text search's matches are found through the GIN index as
/// one exact bitmap (at 1,000,000 listings, for a word in 18 % of them: 4.2 s when
/// PostgreSQL chose to walk an index and test every public row, 0.6 s through the bitmap).
async fn fetch_facet_rows(
    db: &PgPool,
    prefix: &str,
    query: Option<&SearchQuery>,
    filters: &CatalogFilters,
) -> Result<Vec<PgRow>, sqlx::Error> {
    let mut statement = facets_statement(prefix, query, filters);
    if query.is_none() {
        return statement.build().fetch_all(db).await;
    }
    crate::db::fetch_all_through_bitmaps(db, &mut statement).await
}

/// Counts per value of every filter, each computed with the other filters applied.
pub async fn facets(
    db: &PgPool,
    query: Option<&SearchQuery>,
    filters: &CatalogFilters,
) -> Result<Facets, sqlx::Error> {
    let rows = fetch_facet_rows(db, "", query, filters).await?;
    let mut counts = Vec::with_capacity(rows.len());
    for row in rows {
        let dim: i32 = row.try_get("dim")?;
        if let Some(dim) = usize::try_from(dim).ok().and_then(|i| Dim::ALL.get(i)) {
            let value: String = row.try_get("value")?;
            counts.push((*dim, value, row.try_get::<i64, _>("n")?));
        }
    }
    Ok(facets_from(counts))
}

/// Facets from (dimension, value, count) triples, each dimension in vocabulary order;
/// values the vocabulary does not know are left out.
pub(crate) fn facets_from<S: AsRef<str>>(
    counts: impl IntoIterator<Item = (Dim, S, i64)>,
) -> Facets {
    let mut facets = Facets::default();
    for (dim, value, n) in counts {
        let value = value.as_ref();
        match dim {
            Dim::Kind => facets
                .kind
                .extend(ListingKind::from_slug(value).map(|v| (v, n))),
            Dim::Field => facets
                .field
                .extend(ServiceField::from_slug(value).map(|v| (v, n))),
            Dim::Industry => facets
                .industry
                .extend(Industry::from_slug(value).map(|v| (v, n))),
            Dim::Delivery => facets
                .delivery
                .extend(DeliveryMode::from_slug(value).map(|v| (v, n))),
            Dim::Pricing => facets
                .pricing
                .extend(PricingModel::from_slug(value).map(|v| (v, n))),
            Dim::Tier => facets.tier.extend(Tier::from_slug(value).map(|v| (v, n))),
            Dim::Region => facets
                .region
                .extend(Region::from_slug(value).map(|v| (v, n))),
        }
    }
    // In vocabulary order, so the page lists them the same way every time.
    facets.kind.sort();
    facets.field.sort();
    facets.industry.sort();
    facets.delivery.sort();
    facets.pricing.sort();
    facets.tier.sort();
    facets.region.sort();
    facets
}

/// Which listing [`find_detail`] reads.
#[derive(Debug, Clone, Copy)]
pub enum DetailOf<'a> {
    /// A public listing, by slug.
    Public(&'a str),
    /// Any listing of one merchant (its workspace's editor and preview), by id.
    Merchant { listing_id: i64, merchant_id: i64 },
}

/// A public listing by slug, with its merchant's public facts.
pub async fn find_public(
    db: impl PgExecutor<'_>,
    slug_: &str,
) -> Result<Option<super::model::ListingDetail>, sqlx::Error> {
    find_detail(db, DetailOf::Public(slug_)).await
}

/// A listing with everything its page shows.
pub async fn find_detail(
    db: impl PgExecutor<'_>,
    of: DetailOf<'_>,
) -> Result<Option<super::model::ListingDetail>, sqlx::Error> {
    use super::model::{DictionaryField, ListingDetail, Sample};
    use crate::vocab::{Classification, Modality, PersonalInfo};

    let mut sql = QueryBuilder::<Postgres>::new(CARD_SELECT);
    sql.push(
        ", l.description_zh, l.description_en, l.industries, l.delivery_modes, l.licence_terms,
           l.data_source, l.personal_info, l.classification, l.registration_cert_no,
           l.has_compliance_report, l.modality, l.volume, l.time_coverage, l.update_frequency,
           l.label_schema, l.annotation_accuracy, l.data_dictionary, l.sample,
           m.region as merchant_region, m.service_fields as merchant_fields,
           l.status, l.suspension_reason
         from listing l join merchant m on m.merchant_id = l.merchant_id where ",
    );
    match of {
        DetailOf::Public(slug_) => {
            sql.push("l.is_public and l.slug = ")
                .push_bind(slug_.to_owned());
        }
        DetailOf::Merchant {
            listing_id,
            merchant_id,
        } => {
            sql.push("l.listing_id = ")
                .push_bind(listing_id)
                .push(" and l.merchant_id = ")
                .push_bind(merchant_id);
        }
    }
    let row = sql.build().fetch_optional(db).await?;
    let Some(row) = row else { return Ok(None) };

    let slugs = |column: &str| -> Result<Vec<String>, sqlx::Error> { row.try_get(column) };
    let modality: Option<String> = row.try_get("modality")?;
    let dictionary: sqlx::types::Json<Vec<DictionaryField>> = row.try_get("data_dictionary")?;
    let sample: sqlx::types::Json<Sample> = row.try_get("sample")?;
    Ok(Some(ListingDetail {
        card: card(&row)?,
        description_zh: row.try_get("description_zh")?,
        description_en: row.try_get("description_en")?,
        industries: slugs("industries")?
            .iter()
            .filter_map(|s| Industry::from_slug(s))
            .collect(),
        delivery_modes: slugs("delivery_modes")?
            .iter()
            .filter_map(|s| DeliveryMode::from_slug(s))
            .collect(),
        licence_terms: row.try_get("licence_terms")?,
        data_source: row.try_get("data_source")?,
        personal_info: slug(&row, "personal_info", PersonalInfo::from_slug)?,
        classification: slug(&row, "classification", Classification::from_slug)?,
        registration_cert_no: row.try_get("registration_cert_no")?,
        has_compliance_report: row.try_get("has_compliance_report")?,
        modality: modality.as_deref().and_then(Modality::from_slug),
        volume: row.try_get("volume")?,
        time_coverage: row.try_get("time_coverage")?,
        update_frequency: row.try_get("update_frequency")?,
        label_schema: row.try_get("label_schema")?,
        annotation_accuracy: row.try_get("annotation_accuracy")?,
        data_dictionary: dictionary.0,
        sample: sample.0,
        merchant_region: slug(&row, "merchant_region", Region::from_slug)?,
        merchant_fields: slugs("merchant_fields")?
            .iter()
            .filter_map(|s| ServiceField::from_slug(s))
            .collect(),
        status: slug(&row, "status", crate::vocab::ListingStatus::from_slug)?,
        suspension_reason: row.try_get("suspension_reason")?,
    }))
}

/// Public listing slugs with ids in `ids`, in id order (a sitemap file): a range of the
/// primary key, so file 20 costs what file 0 does.
pub async fn public_slugs_in(
    db: impl PgExecutor<'_>,
    ids: std::ops::Range<i64>,
) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar(
        "select slug from listing where is_public and listing_id >= $1 and listing_id < $2 \
         order by listing_id",
    )
    .bind(ids.start)
    .bind(ids.end)
    .fetch_all(db)
    .await
}

/// The highest public listing id (0 for none): how far the sitemap files reach.
pub async fn max_public_id(db: impl PgExecutor<'_>) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("select coalesce(max(listing_id), 0) from listing where is_public")
        .fetch_one(db)
        .await
}

/// `EXPLAIN (ANALYZE, BUFFERS)` of the result and facet statements of a search, for the
/// benchmark: the plans PostgreSQL really ran, with their timings.
pub async fn explain_search(
    db: &sqlx::PgPool,
    query: Option<&SearchQuery>,
    filters: &CatalogFilters,
    sort: Sort,
) -> Result<(String, String), sqlx::Error> {
    const EXPLAIN: &str = "explain (analyze, buffers) ";
    let plan = |rows: Vec<PgRow>| -> Result<String, sqlx::Error> {
        let lines: Result<Vec<String>, _> =
            rows.iter().map(|r| r.try_get::<String, _>(0)).collect();
        Ok(lines?.join("\n"))
    };
    let results = search_statement(EXPLAIN, query, filters, sort, None, 20)
        .build()
        .fetch_all(db)
        .await?;
    let facets = fetch_facet_rows(db, EXPLAIN, query, filters).await?;
    Ok((plan(results)?, plan(facets)?))
}

/// The cards of the public listings among `ids`, in no particular order: the search
/// index has chosen the page, and this reads its rows by primary key. A listing that
/// stopped being public since is simply missing.
pub async fn public_cards(
    db: impl PgExecutor<'_>,
    ids: &[i64],
) -> Result<Vec<ListingCard>, sqlx::Error> {
    let mut sql = QueryBuilder::<Postgres>::new(CARD_SELECT);
    sql.push(
        " from listing l join merchant m on m.merchant_id = l.merchant_id \
         where l.is_public and l.listing_id = any(",
    );
    sql.push_bind(ids.to_vec()).push(")");
    sql.build().fetch_all(db).await?.iter().map(card).collect()
}

/// What the search index reads of public listings (all of them, or those among `ids`),
/// in id order: PostgreSQL's own lexemes and each dimension's values as an array.
pub(crate) fn indexed_listings_statement<'a>(ids: Option<&[i64]>) -> QueryBuilder<'a, Postgres> {
    let mut sql = QueryBuilder::<Postgres>::new(
        "select l.listing_id, l.price_fen, tsvector_to_array(l.search_doc) as terms,
                tsvector_to_array(l.title_doc) as title_terms",
    );
    for (i, dim) in Dim::ALL.into_iter().enumerate() {
        // `i` and the column are constants of `Dim`, never input.
        match dim.column() {
            (column, true) => sql.push(format_args!(", {column} as d{i}")),
            (column, false) => sql.push(format_args!(", array[{column}] as d{i}")),
        };
    }
    sql.push(" from listing l where l.is_public");
    if let Some(ids) = ids {
        sql.push(" and l.listing_id = any(")
            .push_bind(ids.to_vec())
            .push(")");
    }
    sql.push(" order by l.listing_id");
    sql
}

/// A row of [`indexed_listings_statement`].
pub(crate) fn indexed_listing(row: &PgRow) -> Result<super::index::ListingDoc, sqlx::Error> {
    let id: i64 = row.try_get("listing_id")?;
    let mut values: [Vec<String>; super::index::DIMS] = Default::default();
    for (i, slot) in values.iter_mut().enumerate() {
        *slot = row.try_get(format!("d{i}").as_str())?;
    }
    Ok(crate::index::Doc {
        id: crate::index::bit_of(id, "listing_id")?,
        terms: row.try_get("terms")?,
        title_terms: row.try_get("title_terms")?,
        values,
        key: row.try_get("price_fen")?,
    })
}

/// A merchant's published listings, newest first.
pub async fn public_listings_of(
    db: impl PgExecutor<'_>,
    merchant_id: i64,
    limit: i64,
) -> Result<Vec<ListingCard>, sqlx::Error> {
    let mut sql = QueryBuilder::<Postgres>::new(CARD_SELECT);
    sql.push(
        " from listing l join merchant m on m.merchant_id = l.merchant_id where l.merchant_id = ",
    );
    sql.push_bind(merchant_id)
        .push(" and l.is_public order by l.listing_id desc limit ")
        .push_bind(limit);
    sql.build().fetch_all(db).await?.iter().map(card).collect()
}
