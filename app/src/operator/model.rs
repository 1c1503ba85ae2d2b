//! What the operator console shows.

use serde::{Deserialize, Serialize};

use crate::vocab::{MerchantStatus, Region, ServiceField, Tier};

/// The console's merchant filters, parsed from the URL.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MerchantFilter {
    /// Words of the name or description, or a whole USCC.
    pub q: Option<String>,
    pub tier: Option<Tier>,
    pub status: Option<MerchantStatus>,
    pub field: Option<ServiceField>,
    pub region: Option<Region>,
    /// Continue after this merchant id (newest first).
    pub after: Option<i64>,
}

/// A row of the console's merchant list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsoleMerchant {
    pub id: i64,
    pub slug: String,
    pub name_zh: String,
    pub name_en: String,
    pub uscc: String,
    pub tier: Tier,
    pub status: MerchantStatus,
    pub region: Region,
    pub service_fields: Vec<ServiceField>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MerchantsPage {
    pub merchants: Vec<ConsoleMerchant>,
    pub next: Option<i64>,
}

/// One change in a merchant's tier history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TierChange {
    pub old: Option<Tier>,
    pub new: Tier,
    pub reason: String,
    pub by: Option<String>,
    /// `YYYY-MM-DD HH:MM`, the market's time.
    pub at: String,
}

/// A listing as the console's moderation list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModeratedListing {
    pub id: i64,
    pub slug: String,
    pub title_zh: String,
    pub title_en: String,
    pub status: crate::vocab::ListingStatus,
    pub suspension_reason: Option<String>,
    pub merchant_id: i64,
    pub merchant_name_zh: String,
    pub merchant_name_en: String,
}

/// What the dashboard draws.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dashboard {
    /// Approved merchants per field, split by tier (leading, growing, inbound).
    pub tier_by_field: Vec<(ServiceField, [i64; 3])>,
    /// Approved merchants per region.
    pub by_region: Vec<(Region, i64)>,
    /// Public listings per field, split by kind (dataset, data product, service).
    pub kind_by_field: Vec<(ServiceField, [i64; 3])>,
    /// Applications waiting, by age: under a day, a week, a month, older.
    pub waiting_by_age: [i64; 4],
    /// Tier changes per month (`YYYY-MM`), the last twelve months.
    pub tier_changes: Vec<(String, i64)>,
    /// Orders placed per month, the last twelve months.
    pub orders_placed: Vec<(String, i64)>,
    /// Inquiries sent per month, the last twelve months.
    pub inquiries_sent: Vec<(String, i64)>,
}
