//! Catalog values shared by server and browser: the search as the URL states it, and
//! what a search page shows.

use serde::{Deserialize, Serialize};

use crate::vocab::{DeliveryMode, Industry, ListingKind, PricingModel, Region, ServiceField, Tier};

/// The catalog URL's query parameters, exactly as received: every one optional, none trusted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CatalogParams {
    pub q: Option<String>,
    pub kind: Option<String>,
    pub field: Option<String>,
    pub industry: Option<String>,
    pub delivery: Option<String>,
    pub pricing: Option<String>,
    pub tier: Option<String>,
    pub region: Option<String>,
    pub sort: Option<String>,
    pub after: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Sort {
    Relevance,
    Newest,
    Price,
}

impl Sort {
    pub fn slug(self) -> &'static str {
        match self {
            Self::Relevance => "relevance",
            Self::Newest => "newest",
            Self::Price => "price",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Self> {
        match slug {
            "relevance" => Some(Self::Relevance),
            "newest" => Some(Self::Newest),
            "price" => Some(Self::Price),
            _ => None,
        }
    }
}

/// The filters a search applies, parsed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CatalogFilters {
    pub kind: Option<ListingKind>,
    pub field: Option<ServiceField>,
    pub industry: Option<Industry>,
    pub delivery: Option<DeliveryMode>,
    pub pricing: Option<PricingModel>,
    pub tier: Option<Tier>,
    pub region: Option<Region>,
}

pub use crate::url_params::IgnoredParam;

/// Where a results page continues: the sort key of its last row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Cursor {
    /// Title matches come before text-only matches; each group newest first.
    Relevance {
        title_hit: bool,
        id: i64,
    },
    Newest {
        id: i64,
    },
    Price {
        price: i64,
        id: i64,
    },
}

impl Cursor {
    /// Compact and URL-safe: `r1-812`, `n-812`, `p-500000-812`.
    pub fn encode(self) -> String {
        match self {
            Self::Relevance { title_hit, id } => format!("r{}-{id}", u8::from(title_hit)),
            Self::Newest { id } => format!("n-{id}"),
            Self::Price { price, id } => format!("p-{price}-{id}"),
        }
    }

    pub fn decode(raw: &str) -> Option<Self> {
        let mut parts = raw.split('-');
        let cursor = match parts.next()? {
            "n" => Self::Newest {
                id: parts.next()?.parse().ok()?,
            },
            "p" => Self::Price {
                price: parts.next()?.parse().ok()?,
                id: parts.next()?.parse().ok()?,
            },
            hit @ ("r0" | "r1") => Self::Relevance {
                title_hit: hit == "r1",
                id: parts.next()?.parse().ok()?,
            },
            _ => return None,
        };
        parts.next().is_none().then_some(cursor)
    }

    pub fn sort(self) -> Sort {
        match self {
            Self::Relevance { .. } => Sort::Relevance,
            Self::Newest { .. } => Sort::Newest,
            Self::Price { .. } => Sort::Price,
        }
    }
}

/// A listing as a result row shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ListingCard {
    pub id: i64,
    pub slug: String,
    pub title_zh: String,
    pub title_en: String,
    pub summary_zh: String,
    pub summary_en: String,
    pub kind: ListingKind,
    pub service_field: ServiceField,
    pub pricing_model: PricingModel,
    pub price_fen: Option<i64>,
    pub merchant_slug: String,
    pub merchant_name_zh: String,
    pub merchant_name_en: String,
    pub merchant_tier: Tier,
}

/// How many results each value of a filter would give, with the other filters applied.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Facets {
    pub kind: Vec<(ListingKind, i64)>,
    pub field: Vec<(ServiceField, i64)>,
    pub industry: Vec<(Industry, i64)>,
    pub delivery: Vec<(DeliveryMode, i64)>,
    pub pricing: Vec<(PricingModel, i64)>,
    pub tier: Vec<(Tier, i64)>,
    pub region: Vec<(Region, i64)>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CatalogPage {
    pub query: Option<String>,
    pub filters: CatalogFilters,
    pub sort: Sort,
    pub listings: Vec<ListingCard>,
    pub total: i64,
    pub facets: Facets,
    pub next: Option<String>,
    pub ignored: Vec<IgnoredParam>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip() {
        for cursor in [
            Cursor::Newest { id: 42 },
            Cursor::Price {
                price: 500_000,
                id: 7,
            },
            Cursor::Relevance {
                title_hit: true,
                id: 812,
            },
            Cursor::Relevance {
                title_hit: false,
                id: 1,
            },
        ] {
            assert_eq!(
                Cursor::decode(&cursor.encode()),
                Some(cursor),
                "{}",
                cursor.encode()
            );
        }
    }

    #[test]
    fn broken_cursors_are_refused() {
        for raw in [
            "", "n", "n-x", "n-1-2", "p-1", "r2-1", "r1-0.5-1", "r1-x", "r1", "x-1", "n--1",
        ] {
            assert_eq!(Cursor::decode(raw), None, "{raw}");
        }
    }
}

/// A column of a dataset's data dictionary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DictionaryField {
    pub name: String,
    #[serde(rename = "type")]
    pub data_type: String,
    pub description: String,
}

/// Sample rows shown before ordering.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sample {
    #[serde(default)]
    pub columns: Vec<String>,
    #[serde(default)]
    pub rows: Vec<Vec<serde_json::Value>>,
}

/// Everything the listing page shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ListingDetail {
    pub card: ListingCard,
    pub description_zh: String,
    pub description_en: String,
    pub industries: Vec<crate::vocab::Industry>,
    pub delivery_modes: Vec<crate::vocab::DeliveryMode>,
    pub licence_terms: String,
    pub data_source: String,
    pub personal_info: crate::vocab::PersonalInfo,
    pub classification: crate::vocab::Classification,
    pub registration_cert_no: Option<String>,
    pub has_compliance_report: bool,
    pub modality: Option<crate::vocab::Modality>,
    pub volume: Option<String>,
    pub time_coverage: Option<String>,
    pub update_frequency: Option<String>,
    pub label_schema: Option<String>,
    pub annotation_accuracy: Option<String>,
    pub data_dictionary: Vec<DictionaryField>,
    pub sample: Sample,
    pub merchant_region: crate::vocab::Region,
    pub merchant_fields: Vec<crate::vocab::ServiceField>,
    /// Always published on the public page; the workspace shows every status.
    pub status: crate::vocab::ListingStatus,
    /// Why the operator suspended it, shown to its merchant.
    pub suspension_reason: Option<String>,
}
