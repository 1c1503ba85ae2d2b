//! Word lists for demo merchants: cities with their administrative area codes, name parts,
//! profile sentences, certifications and the operator's reasons. The content is data,
//! `words.toml` beside this file; every text comes in Chinese and English;
//! `{placeholders}` are filled by `market::fill`.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use app::vocab::{Industry, Region, ServiceField};
use serde::Deserialize;

use super::offers::Bilingual;

/// The word lists as `words.toml` holds them.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Words {
    /// The company form: (Chinese, English). The first is the common one.
    pub company_forms: Vec<Bilingual>,
    /// First and second characters of brand names, with their pinyin.
    pub brand_first: Vec<Bilingual>,
    pub brand_second: Vec<Bilingual>,
    /// Certifications a merchant may hold, with the years a company has to have been
    /// operating before it plausibly holds one.
    pub certifications: Vec<(String, i16)>,
    /// Closing sentences of a profile, for any field.
    pub profile_closings: Vec<Bilingual>,
    /// Why an application was refused.
    pub rejection_reasons: Vec<Bilingual>,
    /// Why an approved merchant was suspended.
    pub merchant_suspension_reasons: Vec<Bilingual>,
    /// Why the operator suspended a listing.
    pub listing_suspension_reasons: Vec<Bilingual>,
    /// How merchants spread over the regions, each as likely as its weight.
    pub region_weights: Vec<(Region, u32)>,
    /// The province prefix of a data product registration certificate, by region.
    pub registration_prefixes: BTreeMap<Region, String>,
    /// An industry as a sentence names it.
    pub industry_labels: BTreeMap<Industry, Bilingual>,
    /// Opening sentences of a profile, per primary service field.
    pub profile_openings: BTreeMap<ServiceField, Vec<Bilingual>>,
    /// Middle sentences: what the merchant can do, per primary field.
    pub profile_capabilities: BTreeMap<ServiceField, Vec<Bilingual>>,
    pub name_suffixes: Vec<NameSuffix>,
    pub cities: Vec<City>,
}

/// Read once, when the first demo market is generated; the tests read it too, so a
/// malformed file fails them, not a seed.
pub static WORDS: LazyLock<Words> = LazyLock::new(|| {
    toml::from_str(include_str!("words.toml")).expect("words.toml is valid (tested)")
});

/// A city a merchant is registered in, with the six-digit area codes its USCC may start with.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct City {
    pub region: Region,
    pub zh: String,
    pub en: String,
    pub area_codes: Vec<String>,
}

/// The business part of a company name.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NameSuffix {
    pub zh: String,
    pub en: String,
    pub slug: String,
    /// The fields this suffix suits; empty means any.
    #[serde(default)]
    pub fields: Vec<ServiceField>,
}

impl Words {
    /// `industry` as a sentence names it: (Chinese, English).
    pub fn industry_label(&'static self, industry: Industry) -> (&'static str, &'static str) {
        self.industry_labels
            .get(&industry)
            .map_or(("", ""), |(zh, en)| (zh, en))
    }

    /// Opening sentences of a profile whose primary field is `field`.
    pub fn openings(&'static self, field: ServiceField) -> &'static [Bilingual] {
        self.profile_openings.get(&field).map_or(&[], Vec::as_slice)
    }

    /// What a merchant whose primary field is `field` can do.
    pub fn capabilities(&'static self, field: ServiceField) -> &'static [Bilingual] {
        self.profile_capabilities
            .get(&field)
            .map_or(&[], Vec::as_slice)
    }

    /// The registration certificate's prefix in `region`.
    pub fn registration_prefix(&'static self, region: Region) -> &'static str {
        self.registration_prefixes
            .get(&region)
            .map_or("", String::as_str)
    }
}
