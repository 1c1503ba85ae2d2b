//! What the deal pages show and the parsing of what buyers and merchants type.

use serde::{Deserialize, Serialize};

use crate::error::Reason;
use crate::vocab::{OrderStatus, PricingModel};

/// The most units (months, thousands of calls) one order can carry.
pub const MAX_QUANTITY: i64 = 100_000;
/// The longest note on a move (a reason, a delivery note, the changes wanted).
pub const MAX_NOTE_CHARS: u32 = 4000;
/// The longest review comment.
pub const MAX_COMMENT_CHARS: u32 = 2000;

/// A whole number from `min` to `max`, typed in a form.
pub fn whole_number(raw: &str, min: i64, max: i64) -> Result<i64, Reason> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(Reason::Required);
    }
    match raw.parse::<i64>() {
        Ok(n) if (min..=max).contains(&n) => Ok(n),
        _ => Err(Reason::Range { min, max }),
    }
}

/// How many units an order is for: 1 to [`MAX_QUANTITY`].
pub fn quantity(raw: &str) -> Result<i32, Reason> {
    whole_number(raw, 1, MAX_QUANTITY).map(|n| n as i32)
}

/// A review's stars: 1 to 5.
pub fn stars(raw: &str) -> Result<i16, Reason> {
    whole_number(raw, 1, 5).map(|n| n as i16)
}

/// A row of an order list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderRow {
    pub id: i64,
    pub title_zh: String,
    pub title_en: String,
    /// The other party: the merchant's names for a buyer, the buyer's name for a merchant.
    pub party_zh: String,
    pub party_en: String,
    pub status: OrderStatus,
    pub total_fen: i64,
    /// `YYYY-MM-DD HH:MM`, the market's time (UTC+8).
    pub placed: String,
}

/// One move in an order's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderEvent {
    pub actor: Option<String>,
    pub from: Option<OrderStatus>,
    pub to: OrderStatus,
    pub note: Option<String>,
    pub at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Delivery {
    pub id: i64,
    pub author: Option<String>,
    pub note: String,
    pub at: String,
    pub files: Vec<DeliveredFile>,
}

/// A file of a delivery, as its download link shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeliveredFile {
    pub id: i64,
    pub name: String,
    pub size_bytes: i64,
}

/// The most files one delivery carries.
pub const MAX_FILES: usize = 5;
/// The largest file a delivery carries.
pub const MAX_FILE_BYTES: u64 = 50 * 1024 * 1024;

/// A stored file, as the delivery that brings it records it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredFile {
    /// Where the object store keeps it: a random key, never the name.
    pub key: String,
    /// The name the merchant's browser gave it, cleaned for display.
    pub name: String,
    pub size_bytes: i64,
}

/// A file name fit to show and to offer as a download name: its last path segment,
/// without control characters, at most 200 characters; "file" when nothing is left.
pub fn clean_file_name(raw: &str) -> String {
    let last = raw.rsplit(['/', '\\']).next().unwrap_or_default();
    let name: String = last
        .chars()
        .filter(|c| !c.is_control() && !crate::text::has_hidden_characters(&c.to_string()))
        .take(200)
        .collect();
    match name.trim() {
        "" | "." | ".." => "file".to_owned(),
        name => name.to_owned(),
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Review {
    pub stars: i16,
    pub comment: String,
    pub at: String,
}

/// An order as its page shows it: the snapshot taken when it was placed (never the
/// listing's current title or price), its parties, history, deliveries and review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Order {
    pub id: i64,
    pub buyer_id: i64,
    pub buyer_name: String,
    pub merchant_id: i64,
    pub merchant_slug: String,
    pub merchant_zh: String,
    pub merchant_en: String,
    pub listing_slug: Option<String>,
    pub title_zh: String,
    pub title_en: String,
    pub pricing_model: PricingModel,
    pub unit_price_fen: i64,
    pub quantity: i32,
    pub total_fen: i64,
    pub licence_terms: String,
    pub status: OrderStatus,
    pub placed: String,
    pub events: Vec<OrderEvent>,
    pub deliveries: Vec<Delivery>,
    pub review: Option<Review>,
}

/// A merchant's rating: the average of its reviews' stars, and how many there are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Rating {
    pub count: i32,
    pub stars: i32,
}

impl Rating {
    /// The average to one decimal, as shown ("4.3"); `None` before the first review.
    pub fn average(self) -> Option<String> {
        (self.count > 0).then(|| {
            let tenths =
                (i64::from(self.stars) * 10 + i64::from(self.count) / 2) / i64::from(self.count);
            format!("{}.{}", tenths / 10, tenths % 10)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantities_are_whole_numbers_within_bounds() {
        assert_eq!(quantity(" 3 "), Ok(3));
        assert_eq!(quantity("100000"), Ok(100_000));
        assert_eq!(quantity(""), Err(Reason::Required));
        for bad in [
            "0",
            "-1",
            "1.5",
            "100001",
            "9999999999999999999999",
            "三",
            "1e3",
        ] {
            assert_eq!(
                quantity(bad),
                Err(Reason::Range {
                    min: 1,
                    max: MAX_QUANTITY
                }),
                "{bad}"
            );
        }
    }

    #[test]
    fn stars_are_one_to_five() {
        assert_eq!(stars("5"), Ok(5));
        assert_eq!(stars("1"), Ok(1));
        assert_eq!(stars("6"), Err(Reason::Range { min: 1, max: 5 }));
        assert_eq!(stars("0"), Err(Reason::Range { min: 1, max: 5 }));
    }

    #[test]
    fn a_rating_is_its_average_to_one_decimal() {
        assert_eq!(Rating::default().average(), None);
        assert_eq!(
            Rating {
                count: 3,
                stars: 13
            }
            .average()
            .as_deref(),
            Some("4.3")
        );
        assert_eq!(
            Rating { count: 2, stars: 9 }.average().as_deref(),
            Some("4.5")
        );
        assert_eq!(
            Rating { count: 1, stars: 5 }.average().as_deref(),
            Some("5.0")
        );
    }
}

/// An offer by a merchant, on an inquiry or a requirement, as the pages show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    pub id: i64,
    pub merchant_id: i64,
    pub merchant_slug: String,
    pub merchant_zh: String,
    pub merchant_en: String,
    pub merchant_tier: crate::vocab::Tier,
    pub rating: Rating,
    /// Orders the merchant has completed on Shushang.
    pub completed_orders: i64,
    pub pricing_model: PricingModel,
    pub unit_price_fen: i64,
    pub quantity: i32,
    pub total_fen: i64,
    pub delivery_days: i32,
    pub terms: String,
    /// `YYYY-MM-DD`.
    pub valid_until: String,
    /// What the quote is now: an offered quote past its date is expired.
    pub status: crate::vocab::QuoteStatus,
    /// The order it became, once accepted.
    pub order_id: Option<i64>,
    pub at: String,
}

/// One message in an inquiry's thread.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Message {
    pub author: Option<String>,
    /// Whether the merchant's side wrote it.
    pub from_merchant: bool,
    pub body: String,
    pub at: String,
}

/// An inquiry with its thread and quotes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Inquiry {
    pub id: i64,
    pub buyer_id: i64,
    pub buyer_name: String,
    pub merchant_id: i64,
    pub merchant_slug: String,
    pub merchant_zh: String,
    pub merchant_en: String,
    pub listing: Option<(String, String, String)>,
    pub subject: String,
    pub quantity: Option<i32>,
    pub budget_fen: Option<i64>,
    pub deadline: Option<String>,
    pub status: crate::vocab::InquiryStatus,
    pub at: String,
    pub messages: Vec<Message>,
    pub quotes: Vec<Quote>,
}

/// A row of a list of inquiries or requirements.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThreadRow {
    pub id: i64,
    pub subject: String,
    /// The other party, or the service field of a requirement, in both languages.
    pub party_zh: String,
    pub party_en: String,
    pub status: String,
    pub at: String,
}

/// A broadcast request for quotes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Requirement {
    pub id: i64,
    pub buyer_id: i64,
    pub buyer_name: String,
    pub title: String,
    pub description: String,
    pub service_field: crate::vocab::ServiceField,
    pub industries: Vec<crate::vocab::Industry>,
    pub budget_min_fen: Option<i64>,
    pub budget_max_fen: Option<i64>,
    pub deadline: String,
    /// What the requirement is now: an open one past its deadline is expired.
    pub status: crate::vocab::RequirementStatus,
    pub at: String,
    /// Every quote for its buyer (and the operator); a merchant sees only its own.
    pub quotes: Vec<Quote>,
}

#[cfg(test)]
mod file_name_tests {
    use super::clean_file_name;

    #[test]
    fn file_names_lose_their_folders_and_hidden_characters() {
        assert_eq!(clean_file_name("labels-v2.zip"), "labels-v2.zip");
        assert_eq!(clean_file_name("C:\\Users\\me\\数据.csv"), "数据.csv");
        assert_eq!(clean_file_name("../../etc/passwd"), "passwd");
        assert_eq!(clean_file_name("evil\u{202e}gpj.exe"), "evilgpj.exe");
        assert_eq!(clean_file_name("a\r\nb.txt"), "ab.txt");
        assert_eq!(clean_file_name(".."), "file");
        assert_eq!(clean_file_name(""), "file");
    }
}
