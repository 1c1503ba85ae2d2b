//! What demo merchants offer: one template per kind of real offer (datasets, data products,
//! services), each with the variants, texts and specifications a listing is made from.
//! The content is data, `offers.toml` beside this file (a wording fix needs no Rust);
//! texts come in Chinese and English; `{placeholders}` are filled by `market::fill`:
//! `v_zh`/`v_en` (the variant), `ind_zh`/`ind_en` (the main industry), `city_zh`/`city_en`
//! (the merchant's city), `volume`/`volume_zh`, `coverage`/`coverage_zh`, `accuracy`, `n`
//! and `days`. The tests in `market` check every offer is complete.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use app::vocab::{
    DeliveryMode as D, Industry as I, ListingKind, Modality, PersonalInfo, PricingModel as P,
    ServiceField as F,
};
use serde::Deserialize;

/// A text in (Chinese, English).
pub type Bilingual = (String, String);

/// The offers and the kind-wide texts, as `offers.toml` holds them.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Offers {
    /// Update frequencies a dataset may have.
    pub update_frequencies: Vec<String>,
    /// Licence terms per kind of listing.
    pub licence_terms: BTreeMap<ListingKind, Vec<Bilingual>>,
    /// Data source statements per kind of listing.
    pub data_sources: BTreeMap<ListingKind, Vec<Bilingual>>,
    #[serde(rename = "offer")]
    pub offers: Vec<Offer>,
}

/// Read once, when the first demo market is generated; the tests read it too, so a
/// malformed file fails them, not a seed.
pub static OFFERS: LazyLock<Offers> = LazyLock::new(|| {
    toml::from_str(include_str!("offers.toml")).expect("offers.toml is valid (tested)")
});

/// A kind of offer a listing is generated from.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Offer {
    pub kind: ListingKind,
    pub field: F,
    pub title: Bilingual,
    pub variants: Vec<Variant>,
    pub summary: Bilingual,
    pub description: Bilingual,
    pub industries: Vec<I>,
    /// The first is always offered; the others sometimes.
    pub delivery: Vec<D>,
    /// Drawn from at random: a model named twice is twice as likely.
    pub pricing: Vec<P>,
    pub personal_info: PersonalInfo,
    pub dataset: Option<DatasetSpec>,
}

/// One variant of an offer: its words (Chinese, and English in lower case as it reads
/// mid-sentence) and, when it is for fewer industries than the offer, those industries
/// (a subset of the offer's; a telecoms corpus is never tagged retail).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Variant {
    pub zh: String,
    pub en: String,
    #[serde(default)]
    pub industries: Vec<I>,
}

impl Variant {
    /// The industries a listing of this variant may be tagged with.
    pub fn industries<'a>(&'a self, offer: &'a Offer) -> &'a [I] {
        if self.industries.is_empty() {
            &offer.industries
        } else {
            &self.industries
        }
    }
}

/// What an offer without variants (none exists; a test checks) would use.
pub static NO_VARIANT: Variant = Variant {
    zh: String::new(),
    en: String::new(),
    industries: Vec::new(),
};

/// The specification of a dataset offer.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DatasetSpec {
    pub modality: Modality,
    /// What the volume counts, e.g. "images", and in Chinese with its measure word ("张图像").
    pub unit: String,
    pub unit_zh: String,
    pub count: (u64, u64),
    /// Average kilobytes per counted unit, for the size in the volume.
    pub kb_per_unit: u64,
    pub label_schema: String,
    /// Annotation accuracy in tenths of a percent.
    pub accuracy: (u32, u32),
    /// The data dictionary: (name, type as the editor names it, description).
    pub fields: Vec<(String, String, String)>,
    /// Sample rows as JSON arrays, one value per field; at least three.
    pub rows: Vec<String>,
}

impl Offers {
    /// Licence terms a listing of `kind` may carry.
    pub fn licence_terms(&'static self, kind: ListingKind) -> &'static [Bilingual] {
        self.licence_terms.get(&kind).map_or(&[], Vec::as_slice)
    }

    /// Data source statements a listing of `kind` may carry.
    pub fn data_sources(&'static self, kind: ListingKind) -> &'static [Bilingual] {
        self.data_sources.get(&kind).map_or(&[], Vec::as_slice)
    }
}
