//! Catalog use-cases: a search page from URL parameters, a listing page by slug.

use sqlx::PgPool;

use super::index::ListingIndex;
use super::model::{
    CatalogFilters, CatalogPage, CatalogParams, Cursor, IgnoredParam, ListingDetail, Sort,
};
use super::repo;
use crate::error::AppError;
use crate::index::sync::SearchIndex;
use crate::search::SearchQuery;
use crate::url_params::parse_param;
use crate::vocab::{DeliveryMode, Industry, ListingKind, PricingModel, Region, ServiceField, Tier};

pub const PAGE_SIZE: i64 = 20;

/// The search the parameters ask for. Values it cannot use are dropped and reported,
/// so a mistyped or stale link still shows a useful page.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedSearch {
    pub query: Option<SearchQuery>,
    pub filters: CatalogFilters,
    pub sort: Sort,
    pub after: Option<Cursor>,
    pub ignored: Vec<IgnoredParam>,
}

pub fn parse_params(params: &CatalogParams) -> ParsedSearch {
    let mut ignored = Vec::new();
    let filters = CatalogFilters {
        kind: parse_param("kind", &params.kind, ListingKind::from_slug, &mut ignored),
        field: parse_param(
            "field",
            &params.field,
            ServiceField::from_slug,
            &mut ignored,
        ),
        industry: parse_param(
            "industry",
            &params.industry,
            Industry::from_slug,
            &mut ignored,
        ),
        delivery: parse_param(
            "delivery",
            &params.delivery,
            DeliveryMode::from_slug,
            &mut ignored,
        ),
        pricing: parse_param(
            "pricing",
            &params.pricing,
            PricingModel::from_slug,
            &mut ignored,
        ),
        tier: parse_param("tier", &params.tier, Tier::from_slug, &mut ignored),
        region: parse_param("region", &params.region, Region::from_slug, &mut ignored),
    };
    let query = params.q.as_deref().and_then(SearchQuery::parse);
    ignored.extend(query.as_ref().and_then(SearchQuery::dropped_param));
    let sort = match parse_param("sort", &params.sort, Sort::from_slug, &mut ignored) {
        Some(Sort::Relevance) | None if query.is_some() => Sort::Relevance,
        Some(Sort::Relevance) | None => Sort::Newest,
        Some(sort) => sort,
    };
    let after = parse_param("after", &params.after, Cursor::decode, &mut ignored)
        .filter(|cursor| cursor.sort() == sort);
    ParsedSearch {
        query,
        filters,
        sort,
        after,
        ignored,
    }
}

/// One page of the catalog with its facet counts: from the search index, or from SQL
/// while the index is being built.
pub async fn search(
    db: &PgPool,
    index: &SearchIndex,
    params: &CatalogParams,
) -> Result<CatalogPage, AppError> {
    match index.current() {
        Some(snapshot) => search_index(db, &snapshot.listings, parse_params(params)).await,
        None => search_sql(db, params).await,
    }
}

/// The index's page: matches, counts and the page's ids from memory, then the page's
/// rows by primary key.
async fn search_index(
    db: &PgPool,
    index: &ListingIndex,
    parsed: ParsedSearch,
) -> Result<CatalogPage, AppError> {
    let answer = index.answer(
        parsed.query.as_ref(),
        &parsed.filters,
        parsed.sort,
        parsed.after,
        PAGE_SIZE as usize + 1,
    );
    let (ids, cursors): (Vec<i64>, Vec<Cursor>) = answer.page.iter().copied().unzip();
    let (ids, next) = crate::db::split_page(ids, &cursors, PAGE_SIZE);
    let mut cards = repo::public_cards(db, &ids).await?;
    cards.sort_by_key(|card| ids.iter().position(|id| *id == card.id));
    Ok(CatalogPage {
        query: parsed.query.as_ref().map(|q| q.text().to_owned()),
        total: answer.total,
        facets: answer.facets.clone(),
        filters: parsed.filters,
        sort: parsed.sort,
        listings: cards,
        next: next.map(Cursor::encode),
        ignored: parsed.ignored,
    })
}

/// One page of the catalog with its facet counts, all from SQL: the path before the index
/// is built, and the oracle the index is tested against.
pub async fn search_sql(db: &PgPool, params: &CatalogParams) -> Result<CatalogPage, AppError> {
    let parsed = parse_params(params);
    let (listings, next) = repo::search(
        db,
        parsed.query.as_ref(),
        &parsed.filters,
        parsed.sort,
        parsed.after,
        PAGE_SIZE,
    )
    .await?;
    let facets = repo::facets(db, parsed.query.as_ref(), &parsed.filters).await?;
    // The kind facet ignores the kind filter; with it, the total is that kind's count.
    let total = facets
        .kind
        .iter()
        .filter(|(kind, _)| parsed.filters.kind.is_none_or(|chosen| chosen == *kind))
        .map(|(_, n)| n)
        .sum();
    Ok(CatalogPage {
        query: parsed.query.as_ref().map(|q| q.text().to_owned()),
        filters: parsed.filters,
        sort: parsed.sort,
        listings,
        total,
        facets,
        next: next.map(Cursor::encode),
        ignored: parsed.ignored,
    })
}

/// A public listing; anything not public is simply not found.
pub async fn listing(db: &PgPool, slug: &str) -> Result<ListingDetail, AppError> {
    if slug.len() > 100 {
        return Err(AppError::NotFound);
    }
    repo::find_public(db, slug).await?.ok_or(AppError::NotFound)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(pairs: &[(&str, &str)]) -> CatalogParams {
        let mut p = CatalogParams::default();
        for (k, v) in pairs {
            let v = Some((*v).to_owned());
            match *k {
                "q" => p.q = v,
                "kind" => p.kind = v,
                "field" => p.field = v,
                "delivery" => p.delivery = v,
                "sort" => p.sort = v,
                "after" => p.after = v,
                _ => {}
            }
        }
        p
    }

    #[test]
    fn known_filters_are_applied_and_unknown_values_reported() {
        let parsed = parse_params(&params(&[
            ("kind", "dataset"),
            ("field", "quantum"),
            ("delivery", "api"),
        ]));
        assert_eq!(parsed.filters.kind, Some(ListingKind::Dataset));
        assert_eq!(parsed.filters.field, None);
        assert_eq!(parsed.filters.delivery, Some(DeliveryMode::Api));
        assert_eq!(
            parsed.ignored,
            vec![IgnoredParam::new(
                "field",
                "quantum".into(),
                crate::url_params::Ignored::Unknown
            )]
        );
    }

    #[test]
    fn a_query_sorts_by_relevance_and_no_query_by_newest() {
        assert_eq!(
            parse_params(&params(&[("q", "标注")])).sort,
            Sort::Relevance
        );
        assert_eq!(parse_params(&params(&[])).sort, Sort::Newest);
        assert_eq!(
            parse_params(&params(&[("sort", "relevance")])).sort,
            Sort::Newest
        );
        assert_eq!(
            parse_params(&params(&[("sort", "price")])).sort,
            Sort::Price
        );
    }

    #[test]
    fn a_cursor_of_another_sort_starts_from_the_top() {
        let parsed = parse_params(&params(&[("sort", "price"), ("after", "n-40")]));
        assert_eq!(parsed.after, None);
        let parsed = parse_params(&params(&[("after", "n-40")]));
        assert_eq!(parsed.after, Some(Cursor::Newest { id: 40 }));
    }

    #[test]
    fn html_and_sql_in_parameters_are_just_unknown_values() {
        let parsed = parse_params(&params(&[
            ("kind", "<script>alert(1)</script>"),
            ("q", "'; drop table listing; --"),
        ]));
        assert_eq!(parsed.filters.kind, None);
        assert_eq!(parsed.ignored.len(), 1);
        assert!(parsed.query.is_some());
    }
}
