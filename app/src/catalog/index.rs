//! The catalog's side of the search index: public listings by their lexemes and their
//! seven filter dimensions, with prices as the second sort order. Each dimension is
//! counted with every other filter applied, as the SQL path counts it.

use std::collections::BinaryHeap;
use std::sync::Arc;

use roaring::RoaringBitmap;

use super::model::{CatalogFilters, Cursor, Facets, Sort};
use super::repo::{Dim, facets_from};
use crate::index::{Bitmaps, Doc, Recent, newest};
use crate::search::SearchQuery;

/// How many filter dimensions a listing has values in, in [`Dim::ALL`] order.
pub const DIMS: usize = Dim::ALL.len();

pub type ListingDoc = Doc<DIMS>;

#[derive(Debug, Default)]
pub struct ListingIndex {
    pub bitmaps: Bitmaps<DIMS>,
    recent: Recent<Question, Answer>,
}

/// A search as the recent answers are keyed: by its lexemes, not the text typed.
#[derive(Debug, PartialEq, Eq, Hash)]
struct Question {
    tsquery: Option<String>,
    filters: CatalogFilters,
    sort: Sort,
    after: Option<Cursor>,
    n: usize,
}

/// What a results page needs from the index: the counts, and its ids with their cursors.
#[derive(Debug)]
pub struct Answer {
    pub total: i64,
    pub facets: Facets,
    pub page: Vec<(i64, Cursor)>,
}

/// How many of the broadest words each new version answers before it is swapped in.
const WARMED_WORDS: usize = 12;

/// What a search matches, before paging.
#[derive(Debug, Clone)]
pub struct Found {
    /// Public listings with every term and every filter.
    pub all: RoaringBitmap,
    /// With a text search: those of them whose titles have every term.
    titles: Option<RoaringBitmap>,
    pub facets: Facets,
}

impl Found {
    pub fn total(&self) -> i64 {
        i64::try_from(self.all.len()).unwrap_or(i64::MAX)
    }
}

impl ListingIndex {
    pub fn new(bitmaps: Bitmaps<DIMS>) -> Self {
        Self {
            bitmaps,
            recent: Recent::default(),
        }
    }

    pub fn build(docs: impl IntoIterator<Item = ListingDoc>) -> Self {
        Self::new(Bitmaps::build(docs))
    }

    /// Up to `n` results after `after` with the counts: kept for this version.
    pub fn answer(
        &self,
        query: Option<&SearchQuery>,
        filters: &CatalogFilters,
        sort: Sort,
        after: Option<Cursor>,
        n: usize,
    ) -> Arc<Answer> {
        let question = Question {
            tsquery: query.map(|q| q.tsquery().to_owned()),
            filters: filters.clone(),
            sort,
            after,
            n,
        };
        self.recent.get_or(question, || {
            let found = self.search(query, filters);
            Answer {
                total: found.total(),
                page: self.page(&found, sort, after, n),
                facets: found.facets,
            }
        })
    }

    /// Answers the first page of the broadest words (the costliest searches) as the
    /// catalog asks for it, so that they are ready when this version is swapped in.
    pub fn warm(&self) {
        let n = super::service::PAGE_SIZE as usize + 1;
        for lexeme in self.bitmaps.broadest_terms(WARMED_WORDS) {
            if let Some(query) = SearchQuery::parse(lexeme) {
                let filters = CatalogFilters::default();
                self.answer(Some(&query), &filters, Sort::Relevance, None, n);
            }
        }
    }

    /// Everything a search matches, with every dimension's counts.
    pub fn search(&self, query: Option<&SearchQuery>, filters: &CatalogFilters) -> Found {
        let (text, titles) = match query {
            Some(query) => {
                let matches = self.bitmaps.text(query.terms());
                (matches.any, Some(matches.title))
            }
            None => (self.bitmaps.all().clone(), None),
        };
        let none = RoaringBitmap::new();
        let chosen: Vec<(usize, &RoaringBitmap)> = Dim::ALL
            .into_iter()
            .enumerate()
            .filter_map(|(i, dim)| {
                let value = dim.chosen(filters)?;
                Some((i, self.bitmaps.value(i, value).unwrap_or(&none)))
            })
            .collect();
        // The text's matches with every filter but dimension `except`'s.
        let narrowed = |except: Option<usize>| {
            let mut matches = text.clone();
            for (i, bitmap) in &chosen {
                if Some(*i) != except {
                    matches &= *bitmap;
                }
            }
            matches
        };
        let all = narrowed(None);
        let mut counts = Vec::new();
        for (i, dim) in Dim::ALL.into_iter().enumerate() {
            let own;
            let base = if chosen.iter().any(|(filtered, _)| *filtered == i) {
                own = narrowed(Some(i));
                &own
            } else {
                &all
            };
            for (value, bitmap) in self.bitmaps.values(i) {
                let n = base.intersection_len(bitmap);
                if n > 0 {
                    counts.push((dim, value, i64::try_from(n).unwrap_or(i64::MAX)));
                }
            }
        }
        Found {
            facets: facets_from(counts),
            titles: titles.map(|titles| titles & &all),
            all,
        }
    }

    /// Up to `n` listing ids of a search's page after `after`, with each one's cursor.
    /// Relevance keeps the SQL path's rule: listings whose titles have every term come
    /// first, then those that have them only in their text; newest first within each.
    pub fn page(
        &self,
        found: &Found,
        sort: Sort,
        after: Option<Cursor>,
        n: usize,
    ) -> Vec<(i64, Cursor)> {
        match (sort, &found.titles) {
            (Sort::Relevance, Some(titles)) => {
                let (in_titles, after_id) = match after {
                    Some(Cursor::Relevance { title_hit, id }) => (title_hit, Some(id)),
                    _ => (true, None),
                };
                let relevance = |title_hit| move |id| (id, Cursor::Relevance { title_hit, id });
                let mut page = Vec::with_capacity(n);
                if in_titles {
                    page.extend(newest(titles, after_id, n).map(relevance(true)));
                }
                let text_only = &found.all - titles;
                let text_after = if in_titles { None } else { after_id };
                let room = n - page.len();
                page.extend(newest(&text_only, text_after, room).map(relevance(false)));
                page
            }
            (Sort::Price, _) => self.cheapest(&found.all, after, n),
            _ => {
                let before = match after {
                    Some(Cursor::Newest { id }) => Some(id),
                    _ => None,
                };
                newest(&found.all, before, n)
                    .map(|id| (id, Cursor::Newest { id }))
                    .collect()
            }
        }
    }

    /// The `n` cheapest of `matches` after the cursor's (price, id); "on request" last.
    fn cheapest(
        &self,
        matches: &RoaringBitmap,
        after: Option<Cursor>,
        n: usize,
    ) -> Vec<(i64, Cursor)> {
        let after = match after {
            Some(Cursor::Price { price, id }) => Some((price, id)),
            _ => None,
        };
        // A max-heap of the n smallest keys so far.
        let mut kept: BinaryHeap<(i64, i64)> = BinaryHeap::with_capacity(n + 1);
        for id in matches {
            let key = (self.bitmaps.key(id), i64::from(id));
            if after.is_some_and(|after| key <= after) {
                continue;
            }
            if kept.len() < n {
                kept.push(key);
            } else if kept.peek().is_some_and(|worst| key < *worst) {
                kept.pop();
                kept.push(key);
            }
        }
        kept.into_sorted_vec()
            .into_iter()
            .map(|(price, id)| (id, Cursor::Price { price, id }))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocab::{ListingKind, ServiceField, Tier};

    fn listing(id: u32, title: &str, body: &str, kind: &str, tier: &str) -> ListingDoc {
        let words = |text: &str| {
            text.split_whitespace()
                .map(str::to_owned)
                .collect::<Vec<_>>()
        };
        let mut terms = words(title);
        terms.extend(words(body));
        let mut values: [Vec<String>; DIMS] = Default::default();
        values[0] = vec![kind.to_owned()];
        values[1] = vec!["data-technology".to_owned()];
        values[2] = vec!["finance".to_owned(), "manufacturing".to_owned()];
        values[5] = vec![tier.to_owned()];
        Doc {
            id,
            terms,
            title_terms: words(title),
            values,
            key: Some(i64::from(100 - id)),
        }
    }

    fn market() -> ListingIndex {
        ListingIndex::build([
            listing(1, "data annotation", "labels", "service", "leading"),
            listing(
                2,
                "traffic video",
                "annotation of data",
                "dataset",
                "growing",
            ),
            listing(3, "database audit", "security", "service", "growing"),
            listing(7, "steel data", "sensor readings", "dataset", "leading"),
        ])
    }

    fn ids(page: &[(i64, Cursor)]) -> Vec<i64> {
        page.iter().map(|(id, _)| *id).collect()
    }

    #[test]
    fn every_term_must_match_and_titles_come_first() {
        let index = market();
        let query = SearchQuery::parse("annotation data").expect("query");
        let found = index.search(Some(&query), &CatalogFilters::default());
        assert_eq!(found.total(), 2);
        let page = index.page(&found, Sort::Relevance, None, 10);
        assert_eq!(
            ids(&page),
            vec![1, 2],
            "1 has both in its title, 2 only in its text"
        );
        // The next page starts after the cursor, across the two groups.
        let next = |after| ids(&index.page(&found, Sort::Relevance, Some(after), 10));
        assert_eq!(next(page[0].1), vec![2]);
        assert_eq!(next(page[1].1), Vec::<i64>::new());
    }

    #[test]
    fn each_dimension_is_counted_with_the_other_filters() {
        let index = market();
        let filters = CatalogFilters {
            kind: Some(ListingKind::Dataset),
            tier: Some(Tier::Leading),
            ..Default::default()
        };
        let found = index.search(None, &filters);
        assert_eq!(found.total(), 1);
        // Kinds among the leading listings; tiers among the datasets.
        assert_eq!(
            found.facets.kind,
            vec![(ListingKind::Dataset, 1), (ListingKind::Service, 1)]
        );
        assert_eq!(
            found.facets.tier,
            vec![(Tier::Leading, 1), (Tier::Growing, 1)]
        );
        assert_eq!(found.facets.field, vec![(ServiceField::DataTechnology, 1)]);
        // A value nobody has matches nothing and counts nothing.
        let found = index.search(
            None,
            &CatalogFilters {
                field: Some(ServiceField::Security),
                ..Default::default()
            },
        );
        assert_eq!(found.total(), 0);
        assert_eq!(found.facets.field, vec![(ServiceField::DataTechnology, 4)]);
    }

    #[test]
    fn answers_are_kept_for_their_version_by_lexemes_not_by_the_text_typed() {
        let index = market();
        let filters = CatalogFilters::default();
        let ask = |typed: &str| {
            let query = SearchQuery::parse(typed);
            index.answer(query.as_ref(), &filters, Sort::Relevance, None, 21)
        };
        let first = ask("Annotation");
        assert_eq!((first.total, first.page.len()), (2, 2));
        assert!(
            Arc::ptr_eq(&first, &ask("  annotation ")),
            "the same lexemes"
        );
        assert!(!Arc::ptr_eq(&first, &ask("annotation data")));
        // A new version starts with nothing kept.
        assert!(!Arc::ptr_eq(
            &first,
            &market().answer(
                SearchQuery::parse("annotation").as_ref(),
                &filters,
                Sort::Relevance,
                None,
                21
            )
        ));
    }

    #[test]
    fn pages_run_newest_first_or_cheapest_first() {
        let index = market();
        let found = index.search(None, &CatalogFilters::default());
        let first = index.page(&found, Sort::Newest, None, 2);
        assert_eq!(ids(&first), vec![7, 3]);
        assert_eq!(
            ids(&index.page(&found, Sort::Newest, Some(first[1].1), 2)),
            vec![2, 1]
        );
        // The price is 100 - id: the highest id is the cheapest.
        let first = index.page(&found, Sort::Price, None, 3);
        assert_eq!(ids(&first), vec![7, 3, 2]);
        assert_eq!(
            ids(&index.page(&found, Sort::Price, Some(first[2].1), 3)),
            vec![1]
        );
    }
}
