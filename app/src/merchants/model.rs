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
        // Characters 3–8 are the administrative division code: digits only (the
        // database's CHECK on `merchant.uscc` says the same; a test holds them together).
        let Some(values) = values.filter(|v| v.len() == 18 && v[2..8].iter().all(|&d| d < 10))
        else {
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
    pub rating: crate::deals::model::Rating,
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
    fn letters_in_the_division_code_are_refused_even_with_a_right_check_character() {
        let first17 = "91AB0100M00010Y4K";
        let check = Uscc::check_char(first17).expect("a check character");
        assert_eq!(
            Uscc::parse(&format!("{first17}{check}")),
            Err(Reason::UsccFormat)
        );
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

/// A merchant's profile as a form sends it (an application, or the owner's edit): every
/// value as typed. [`ProfileForm::parse`] turns it into [`MerchantDetails`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileForm {
    pub name_zh: String,
    pub name_en: String,
    pub legal_name: String,
    /// Checkboxes: absent when none is ticked.
    #[serde(default)]
    pub service_fields: Vec<String>,
    pub region: String,
    pub founded_year: String,
    pub website: String,
    pub contact_email: String,
    pub description_zh: String,
    pub description_en: String,
    /// One per line (or separated by commas).
    pub certifications: String,
}

/// A merchant's profile, checked: what PRODUCT.md lets an applicant state and an owner
/// edit (never tier, status or, after approval, the USCC).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MerchantDetails {
    pub name_zh: String,
    pub name_en: String,
    pub legal_name: String,
    pub service_fields: Vec<ServiceField>,
    pub region: Region,
    pub founded_year: Option<i16>,
    pub website: Option<String>,
    pub contact_email: Option<String>,
    pub description_zh: String,
    pub description_en: String,
    pub certifications: Vec<String>,
}

impl MerchantDetails {
    pub const MAX_CERTIFICATIONS: u32 = 12;

    /// The form a profile is edited in, filled with these details.
    pub fn to_form(&self) -> ProfileForm {
        ProfileForm {
            name_zh: self.name_zh.clone(),
            name_en: self.name_en.clone(),
            legal_name: self.legal_name.clone(),
            service_fields: self
                .service_fields
                .iter()
                .map(|f| f.slug().to_owned())
                .collect(),
            region: self.region.slug().to_owned(),
            founded_year: self.founded_year.map(|y| y.to_string()).unwrap_or_default(),
            website: self.website.clone().unwrap_or_default(),
            contact_email: self.contact_email.clone().unwrap_or_default(),
            description_zh: self.description_zh.clone(),
            description_en: self.description_en.clone(),
            certifications: self.certifications.join("\n"),
        }
    }
}

/// One of a vocabulary's slugs, or why not.
pub fn choice<T>(raw: &str, from_slug: fn(&str) -> Option<T>) -> Result<T, Reason> {
    match raw.trim() {
        "" => Err(Reason::Required),
        slug => from_slug(slug).ok_or(Reason::UnknownChoice),
    }
}

/// Several of a vocabulary's slugs (checkboxes): each known, none twice, in the
/// vocabulary's order; `required` when at least one must be chosen.
pub fn choices<T: Ord + Copy>(
    raw: &[String],
    from_slug: fn(&str) -> Option<T>,
    required: bool,
) -> Result<Vec<T>, Reason> {
    let mut chosen = raw
        .iter()
        .map(|slug| from_slug(slug.trim()).ok_or(Reason::UnknownChoice))
        .collect::<Result<Vec<T>, Reason>>()?;
    chosen.sort_unstable();
    chosen.dedup();
    if required && chosen.is_empty() {
        return Err(Reason::Required);
    }
    Ok(chosen)
}

#[cfg(feature = "ssr")]
impl ProfileForm {
    /// What was typed, to give back with a refusal.
    pub fn typed(&self) -> Vec<(String, String)> {
        [
            ("name_zh", self.name_zh.clone()),
            ("name_en", self.name_en.clone()),
            ("legal_name", self.legal_name.clone()),
            ("service_fields", self.service_fields.join(",")),
            ("region", self.region.clone()),
            ("founded_year", self.founded_year.clone()),
            ("website", self.website.clone()),
            ("contact_email", self.contact_email.clone()),
            ("description_zh", self.description_zh.clone()),
            ("description_en", self.description_en.clone()),
            ("certifications", self.certifications.clone()),
        ]
        .into_iter()
        .map(|(name, value)| (name.to_owned(), value))
        .collect()
    }

    /// Every field checked; all refusals at once.
    pub fn parse(&self, this_year: i32) -> Result<MerchantDetails, crate::error::FieldErrors> {
        use crate::text;
        let mut errors = crate::error::FieldErrors::default();
        let name_zh = errors.check("name_zh", text::line(&self.name_zh, 120));
        let name_en = errors.check("name_en", text::line(&self.name_en, 160));
        let legal_name = errors.check("legal_name", text::line(&self.legal_name, 200));
        let service_fields = errors.check(
            "service_fields",
            choices(&self.service_fields, ServiceField::from_slug, true),
        );
        let region = errors.check("region", choice(&self.region, Region::from_slug));
        let founded_year = errors.check("founded_year", parse_year(&self.founded_year, this_year));
        let website = errors.check("website", parse_website(&self.website));
        let contact_email = errors.check(
            "contact_email",
            match self.contact_email.trim() {
                "" => Ok(None),
                raw => {
                    crate::accounts::model::Email::parse(raw).map(|e| Some(e.as_str().to_owned()))
                }
            },
        );
        let description_zh = errors.check(
            "description_zh",
            text::paragraphs(&self.description_zh, 4000),
        );
        let description_en = errors.check(
            "description_en",
            text::paragraphs(&self.description_en, 8000),
        );
        let certifications =
            errors.check("certifications", parse_certifications(&self.certifications));
        match (
            name_zh,
            name_en,
            legal_name,
            service_fields,
            region,
            founded_year,
            website,
            contact_email,
            description_zh,
            description_en,
            certifications,
        ) {
            (
                Some(name_zh),
                Some(name_en),
                Some(legal_name),
                Some(service_fields),
                Some(region),
                Some(founded_year),
                Some(website),
                Some(contact_email),
                Some(description_zh),
                Some(description_en),
                Some(certifications),
            ) if errors.is_empty() => Ok(MerchantDetails {
                name_zh,
                name_en,
                legal_name,
                service_fields,
                region,
                founded_year,
                website,
                contact_email,
                description_zh,
                description_en,
                certifications,
            }),
            _ => {
                errors.typed = self.typed();
                Err(errors)
            }
        }
    }
}

/// A founding year from 1900 to this year; blank is "not stated".
#[cfg(feature = "ssr")]
fn parse_year(raw: &str, this_year: i32) -> Result<Option<i16>, Reason> {
    match raw.trim() {
        "" => Ok(None),
        digits => digits
            .parse::<i16>()
            .ok()
            .filter(|year| (1900..=this_year).contains(&i32::from(*year)))
            .map(Some)
            .ok_or(Reason::YearRange),
    }
}

/// A website people follow from the profile: an absolute http(s) address with a host,
/// as the WHATWG URL standard parses it (so `javascript:` and `data:` never pass).
#[cfg(feature = "ssr")]
pub fn parse_website(raw: &str) -> Result<Option<String>, Reason> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    if raw.chars().count() > 200 {
        return Err(Reason::TooLong { max: 200 });
    }
    let url = url::Url::parse(raw).map_err(|_| Reason::WebsiteFormat)?;
    let web = matches!(url.scheme(), "http" | "https")
        && url.host_str().is_some_and(|host| host.contains('.'))
        && url.username().is_empty()
        && url.password().is_none();
    if web {
        Ok(Some(url.to_string()))
    } else {
        Err(Reason::WebsiteFormat)
    }
}

/// Certifications, one per line or separated by commas (DCMM level 3, ISO 27001 …).
#[cfg(feature = "ssr")]
fn parse_certifications(raw: &str) -> Result<Vec<String>, Reason> {
    let mut certifications = Vec::new();
    for item in raw.split(['\n', ',', '，', ';', '；']) {
        if let Some(item) = crate::text::optional_line(item, 80)?
            && !certifications.contains(&item)
        {
            certifications.push(item);
        }
    }
    if certifications.len() > MerchantDetails::MAX_CERTIFICATIONS as usize {
        return Err(Reason::TooMany {
            max: MerchantDetails::MAX_CERTIFICATIONS,
        });
    }
    Ok(certifications)
}

/// What an applicant sees of their application, and the operator's queue row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Application {
    pub merchant_id: i64,
    pub uscc: String,
    pub details: MerchantDetails,
    pub status: crate::vocab::MerchantStatus,
    /// The operator's reason for a rejection.
    pub reason: Option<String>,
    /// `YYYY-MM-DD HH:MM` (UTC+8, the market's time).
    pub submitted: String,
    pub waiting_days: i32,
    pub applicant_name: Option<String>,
    pub applicant_email: Option<String>,
}

#[cfg(all(test, feature = "ssr"))]
mod profile_tests {
    use super::*;

    fn form() -> ProfileForm {
        ProfileForm {
            name_zh: "杭州数据标注有限公司".into(),
            name_en: "Hangzhou Data Annotation".into(),
            legal_name: "杭州数据标注有限公司".into(),
            service_fields: vec![
                "security".into(),
                "data-technology".into(),
                "security".into(),
            ],
            region: "hangzhou".into(),
            founded_year: "2015".into(),
            website: "https://annotation.example.cn".into(),
            contact_email: "Sales@Annotation.example.cn".into(),
            description_zh: "专注工业图像标注。".into(),
            description_en: "Industrial image annotation.".into(),
            certifications: "DCMM level 3\nISO 27001, ISO 27001".into(),
        }
    }

    #[test]
    fn a_complete_profile_parses_and_normalises() {
        let details = form().parse(2026).expect("valid");
        assert_eq!(
            details.service_fields,
            vec![ServiceField::DataTechnology, ServiceField::Security]
        );
        assert_eq!(
            details.contact_email.as_deref(),
            Some("sales@annotation.example.cn")
        );
        assert_eq!(details.certifications, vec!["DCMM level 3", "ISO 27001"]);
        assert_eq!(
            details.website.as_deref(),
            Some("https://annotation.example.cn/")
        );
        assert_eq!(details.to_form().parse(2026), Ok(details));
    }

    #[test]
    fn every_bad_field_is_named_and_what_was_typed_kept() {
        let bad = ProfileForm {
            name_zh: " ".into(),
            service_fields: vec!["cooking".into()],
            region: "beijing".into(),
            founded_year: "2031".into(),
            website: "javascript:alert(1)".into(),
            contact_email: "not-an-address".into(),
            description_en: "a\u{202E}b".into(),
            ..form()
        };
        let errors = bad.parse(2026).expect_err("refused");
        assert_eq!(errors.for_field("name_zh"), Some(Reason::Required));
        assert_eq!(
            errors.for_field("service_fields"),
            Some(Reason::UnknownChoice)
        );
        assert_eq!(errors.for_field("region"), Some(Reason::UnknownChoice));
        assert_eq!(errors.for_field("founded_year"), Some(Reason::YearRange));
        assert_eq!(errors.for_field("website"), Some(Reason::WebsiteFormat));
        assert_eq!(errors.for_field("contact_email"), Some(Reason::EmailFormat));
        assert_eq!(
            errors.for_field("description_en"),
            Some(Reason::HiddenCharacters)
        );
        assert_eq!(errors.typed("website"), Some("javascript:alert(1)"));
        assert_eq!(errors.typed("service_fields"), Some("cooking"));
    }

    #[test]
    fn only_web_addresses_with_a_host_are_websites() {
        for ok in ["http://a.cn", "https://www.example.com/about?x=1"] {
            assert!(parse_website(ok).is_ok(), "{ok}");
        }
        for bad in [
            "data:text/html,hi",
            "ftp://a.cn",
            "https://localhost",
            "example.com",
            "https://user:pw@a.cn",
        ] {
            assert_eq!(parse_website(bad), Err(Reason::WebsiteFormat), "{bad}");
        }
        assert_eq!(parse_website(" "), Ok(None));
    }

    #[test]
    fn no_fields_chosen_is_required_and_too_many_certifications_refused() {
        let none = ProfileForm {
            service_fields: vec![],
            ..form()
        };
        assert_eq!(
            none.parse(2026)
                .expect_err("refused")
                .for_field("service_fields"),
            Some(Reason::Required)
        );
        let many = ProfileForm {
            certifications: (0..13)
                .map(|i| format!("C{i}"))
                .collect::<Vec<_>>()
                .join("\n"),
            ..form()
        };
        assert_eq!(
            many.parse(2026)
                .expect_err("refused")
                .for_field("certifications"),
            Some(Reason::TooMany { max: 12 })
        );
    }
}
