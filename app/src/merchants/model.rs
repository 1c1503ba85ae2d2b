//! Merchant values shared by server and browser.

use serde::{Deserialize, Serialize};

use crate::error::Reason;
use crate::vocab::{Region, ServiceField, Tier};

/// A unified social credit code (统一社会信用代码): 18 characters, the last a check
/// character computed by GB 32100-2015 over the first 17.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Uscc(String);

const USCC_CHARSET: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const USCC_WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];

impl Uscc {
    pub fn parse(raw: &str) -> Result<Self, Reason> {
        let code = raw.trim().to_uppercase();
        if code.is_empty() {
            return Err(Reason::Required);
        }
        let values: Option<Vec<u32>> = code.chars().map(uscc_value).collect();
        let Some(values) = values.filter(|v| v.len() == 18) else {
            return Err(Reason::UsccFormat);
        };
        if values[17] != Self::check_value(&values[..17]) {
            return Err(Reason::UsccChecksum);
        }
        Ok(Self(code))
    }

    /// The check character for 17 leading characters (for generators and tests).
    pub fn check_char(first17: &str) -> Option<char> {
        let values: Option<Vec<u32>> = first17.chars().map(uscc_value).collect();
        let values = values.filter(|v| v.len() == 17)?;
        USCC_CHARSET
            .chars()
            .nth(Self::check_value(&values) as usize)
    }

    fn check_value(first17: &[u32]) -> u32 {
        let sum: u32 = first17.iter().zip(USCC_WEIGHTS).map(|(v, w)| v * w).sum();
        (31 - sum % 31) % 31
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

fn uscc_value(c: char) -> Option<u32> {
    USCC_CHARSET.find(c).map(|i| i as u32)
}

/// A merchant as lists show it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MerchantCard {
    pub id: i64,
    pub slug: String,
    pub name_zh: String,
    pub name_en: String,
    pub tier: Tier,
    pub service_fields: Vec<ServiceField>,
    pub region: Region,
    pub summary_zh: String,
    pub summary_en: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_codes_pass_their_checksum() {
        for code in [
            "91350100M000100Y43",
            "91110000802100433B",
            " 91350100m000100y43 ",
        ] {
            assert!(Uscc::parse(code).is_ok(), "{code}");
        }
    }

    #[test]
    fn a_wrong_check_character_is_refused() {
        assert_eq!(Uscc::parse("91350100M000100Y44"), Err(Reason::UsccChecksum));
    }

    #[test]
    fn wrong_length_or_letters_outside_the_charset_are_refused() {
        assert_eq!(Uscc::parse("91350100M000100Y4"), Err(Reason::UsccFormat));
        assert_eq!(
            Uscc::parse("91350100M000100I43"),
            Err(Reason::UsccFormat),
            "I is not in the charset"
        );
        assert_eq!(Uscc::parse(""), Err(Reason::Required));
    }

    #[test]
    fn the_check_character_completes_a_valid_code() {
        let check = Uscc::check_char("91350100M000100Y4").expect("17 valid characters");
        assert_eq!(check, '3');
    }
}

/// The directory URL's query parameters, as received.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DirectoryParams {
    pub q: Option<String>,
    pub tier: Option<String>,
    pub field: Option<String>,
    pub region: Option<String>,
    pub after: Option<String>,
}

/// Where a directory page continues: `{tier rank}-{merchant id}` of its last row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DirectoryCursor {
    pub tier_rank: i16,
    pub id: i64,
}

impl DirectoryCursor {
    pub fn encode(self) -> String {
        format!("{}-{}", self.tier_rank, self.id)
    }

    pub fn decode(raw: &str) -> Option<Self> {
        let (rank, id) = raw.split_once('-')?;
        let tier_rank: i16 = rank.parse().ok().filter(|r| (1..=3).contains(r))?;
        let id: i64 = id.parse().ok().filter(|id| *id > 0)?;
        Some(Self { tier_rank, id })
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DirectoryPage {
    pub query: Option<String>,
    pub tier: Option<Tier>,
    pub field: Option<ServiceField>,
    pub region: Option<Region>,
    pub merchants: Vec<MerchantCard>,
    pub next: Option<String>,
    pub ignored: Vec<crate::url_params::IgnoredParam>,
}

/// Everything a merchant's public profile shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MerchantProfile {
    pub card: MerchantCard,
    pub legal_name: String,
    pub uscc: String,
    pub founded_year: Option<i16>,
    pub description_zh: String,
    pub description_en: String,
    pub website: Option<String>,
    pub contact_email: Option<String>,
    pub certifications: Vec<String>,
    /// When the current tier was assigned, as `YYYY-MM-DD`.
    pub tier_since: String,
    pub listings: Vec<crate::catalog::model::ListingCard>,
}

/// The formation at a glance, for the home page.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Formation {
    pub per_tier: Vec<(Tier, i64)>,
    pub per_field: Vec<(ServiceField, i64)>,
    pub listings: i64,
    pub leading: Vec<MerchantCard>,
}

#[cfg(test)]
mod cursor_tests {
    use super::*;

    #[test]
    fn directory_cursors_round_trip_and_refuse_nonsense() {
        let cursor = DirectoryCursor {
            tier_rank: 2,
            id: 815,
        };
        assert_eq!(DirectoryCursor::decode(&cursor.encode()), Some(cursor));
        for raw in ["", "2", "4-10", "0-10", "2-0", "2--5", "a-b", "2-10-3"] {
            assert_eq!(DirectoryCursor::decode(raw), None, "{raw}");
        }
    }
}
