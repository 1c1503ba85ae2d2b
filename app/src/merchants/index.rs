//! The directory's side of the search index: approved merchants by their lexemes, tier,
//! service fields and region. The directory's order is leading first, then growing,
//! then inbound, newest first within a tier: one backwards walk per tier's bitmap.

use roaring::RoaringBitmap;

use super::model::DirectoryCursor;
use super::repo::{DirectoryFilter, tier_rank};
use crate::index::{Bitmaps, Doc, newest};
use crate::vocab::{ServiceField, Tier};

/// The dimensions of a merchant, in the order its [`Doc`] lists them.
pub const TIER: usize = 0;
pub const FIELD: usize = 1;
pub const REGION: usize = 2;
pub const DIMS: usize = 3;

pub type MerchantDoc = Doc<DIMS>;

#[derive(Debug, Clone, Default)]
pub struct MerchantIndex {
    pub bitmaps: Bitmaps<DIMS>,
}

impl MerchantIndex {
    pub fn build(docs: impl IntoIterator<Item = MerchantDoc>) -> Self {
        Self {
            bitmaps: Bitmaps::build(docs),
        }
    }

    /// Up to `n` merchant ids of a directory page after `after`, with each one's cursor.
    pub fn directory(
        &self,
        filter: &DirectoryFilter<'_>,
        after: Option<DirectoryCursor>,
        n: usize,
    ) -> Vec<(i64, DirectoryCursor)> {
        let none = RoaringBitmap::new();
        let mut matches = match filter.query {
            Some(query) => self.bitmaps.text(query.terms()).any,
            None => self.bitmaps.all().clone(),
        };
        if let Some(field) = filter.field {
            matches &= self.bitmaps.value(FIELD, field.slug()).unwrap_or(&none);
        }
        if let Some(region) = filter.region {
            matches &= self.bitmaps.value(REGION, region.slug()).unwrap_or(&none);
        }
        let mut page = Vec::with_capacity(n);
        for &tier in Tier::ALL {
            let rank = tier_rank(tier);
            if filter.tier.is_some_and(|chosen| chosen != tier)
                || after.is_some_and(|after| after.tier_rank > rank)
            {
                continue;
            }
            let before = after
                .filter(|after| after.tier_rank == rank)
                .map(|after| after.id);
            let in_tier = &matches & self.bitmaps.value(TIER, tier.slug()).unwrap_or(&none);
            let room = n - page.len();
            page.extend(newest(&in_tier, before, room).map(|id| {
                (
                    id,
                    DirectoryCursor {
                        tier_rank: rank,
                        id,
                    },
                )
            }));
            if page.len() == n {
                break;
            }
        }
        page
    }

    /// Approved merchants per tier, in vocabulary order (tiers nobody has left out).
    pub fn per_tier(&self) -> Vec<(Tier, i64)> {
        self.per_value(TIER, Tier::ALL, |tier| tier.slug())
    }

    /// Approved merchants per service field, in vocabulary order.
    pub fn per_field(&self) -> Vec<(ServiceField, i64)> {
        self.per_value(FIELD, ServiceField::ALL, |field| field.slug())
    }

    fn per_value<T: Copy>(
        &self,
        dim: usize,
        all: &[T],
        slug: fn(T) -> &'static str,
    ) -> Vec<(T, i64)> {
        all.iter()
            .filter_map(|value| {
                let n = self.bitmaps.value(dim, slug(*value))?.len();
                Some((*value, i64::try_from(n).unwrap_or(i64::MAX)))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::SearchQuery;

    fn merchant(id: u32, name: &str, tier: &str, fields: &[&str]) -> MerchantDoc {
        Doc {
            id,
            terms: name.split_whitespace().map(str::to_owned).collect(),
            title_terms: Vec::new(),
            values: [
                vec![tier.to_owned()],
                fields.iter().map(|f| (*f).to_owned()).collect(),
                vec!["hangzhou".to_owned()],
            ],
            key: None,
        }
    }

    fn directory() -> MerchantIndex {
        MerchantIndex::build([
            merchant(1, "alpha data", "inbound", &["security"]),
            merchant(2, "beta data", "leading", &["security", "operation"]),
            merchant(3, "gamma", "growing", &["operation"]),
            merchant(4, "delta data", "inbound", &["operation"]),
            merchant(5, "epsilon data", "leading", &["circulation"]),
        ])
    }

    fn ids(page: &[(i64, DirectoryCursor)]) -> Vec<i64> {
        page.iter().map(|(id, _)| *id).collect()
    }

    fn filter(query: Option<&SearchQuery>) -> DirectoryFilter<'_> {
        DirectoryFilter {
            query,
            tier: None,
            field: None,
            region: None,
        }
    }

    #[test]
    fn leading_first_then_growing_then_inbound_newest_first_within() {
        let index = directory();
        let page = index.directory(&filter(None), None, 3);
        assert_eq!(ids(&page), vec![5, 2, 3]);
        let rest = index.directory(&filter(None), Some(page[2].1), 3);
        assert_eq!(ids(&rest), vec![4, 1]);
        let page = index.directory(&filter(None), Some(page[0].1), 2);
        assert_eq!(ids(&page), vec![2, 3], "the cursor continues inside a tier");
    }

    #[test]
    fn words_and_filters_narrow_the_directory() {
        let index = directory();
        let data = SearchQuery::parse("data").expect("query");
        let mut only = filter(Some(&data));
        only.field = Some(ServiceField::Operation);
        assert_eq!(ids(&index.directory(&only, None, 10)), vec![2, 4]);
        only.tier = Some(Tier::Inbound);
        assert_eq!(ids(&index.directory(&only, None, 10)), vec![4]);
    }

    #[test]
    fn the_formation_counts_tiers_and_fields() {
        let index = directory();
        let (tiers, fields) = (index.per_tier(), index.per_field());
        assert_eq!(
            tiers,
            vec![(Tier::Leading, 2), (Tier::Growing, 1), (Tier::Inbound, 2)]
        );
        assert_eq!(
            fields,
            vec![
                (ServiceField::Operation, 3),
                (ServiceField::Circulation, 1),
                (ServiceField::Security, 2)
            ]
        );
    }
}
