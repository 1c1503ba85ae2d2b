//! The demo market generator: merchants and listings as rows, deterministic for a seed.
//!
//! Generation streams: merchants come one at a time from [`MerchantGen`], listings from
//! [`ListingGen`], so a million listings never sit in memory at once. What listings need
//! to know about their merchant is kept in a small [`MerchantSeed`] per merchant.

use std::collections::HashSet;

use app::merchants::model::Uscc;
use app::vocab::{
    Classification, DeliveryMode, Industry, ListingKind, ListingStatus, MerchantStatus,
    PricingModel, Region, ServiceField, Tier,
};
use rand::prelude::*;
use rand_chacha::ChaCha8Rng;

use super::offers::{Bilingual, DatasetSpec, NO_VARIANT, OFFERS, Offer};
use super::words::{City, NameSuffix, WORDS};

/// The seed used unless another is given: the same seed always gives the same market.
pub const DEFAULT_SEED: u64 = 2026;

/// The reason recorded with every merchant's first tier.
pub const INITIAL_TIER_REASON: &str = "Initial assessment / 初始评定";

/// How many merchants of each tier and status to generate, and how many listings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarketPlan {
    pub seed: u64,
    pub leading: u32,
    pub growing: u32,
    pub inbound: u32,
    pub pending: u32,
    pub rejected: u32,
    pub suspended: u32,
    /// Total listings; `None` lets each merchant's tier decide (about 3,000 for the demo).
    pub listings: Option<u64>,
}

impl MarketPlan {
    /// The demo market of PRODUCT.md: 20 leading, 115 growing and 500 inbound merchants.
    pub fn demo(seed: u64) -> Self {
        Self {
            seed,
            leading: 20,
            growing: 115,
            inbound: 500,
            pending: 15,
            rejected: 5,
            suspended: 5,
            listings: None,
        }
    }

    /// The benchmark market: 100,000 merchants and 1,000,000 listings.
    pub fn large(seed: u64) -> Self {
        Self {
            listings: Some(1_000_000),
            ..Self::with_merchants(100_000, seed)
        }
    }

    /// `total` merchants in the formation's proportions, nearly all approved.
    pub fn with_merchants(total: u32, seed: u64) -> Self {
        let share = |per_mille: u64| (u64::from(total) * per_mille / 1000) as u32;
        let (leading, growing) = (share(30), share(180));
        let (pending, rejected, suspended) = (share(5), share(1), share(1));
        Self {
            seed,
            leading,
            growing,
            inbound: total - leading - growing - pending - rejected - suspended,
            pending,
            rejected,
            suspended,
            listings: None,
        }
    }

    pub fn merchant_count(&self) -> u64 {
        [
            self.leading,
            self.growing,
            self.inbound,
            self.pending,
            self.rejected,
            self.suspended,
        ]
        .iter()
        .map(|&n| u64::from(n))
        .sum()
    }

    pub fn merchants(&self) -> MerchantGen {
        MerchantGen::new(self)
    }

    /// The listings of these merchants (as [`MerchantGen`] described them), in order.
    pub fn listings(&self, mut merchants: Vec<MerchantSeed>) -> ListingGen {
        if let Some(total) = self.listings {
            let mut counts: Vec<u32> = merchants.iter().map(|m| m.listings).collect();
            scale_counts(&mut counts, total);
            for (merchant, count) in merchants.iter_mut().zip(counts) {
                merchant.listings = count;
            }
        }
        ListingGen::new(self.seed, merchants)
    }
}

/// One merchant, every column as it is stored, plus ages relative to the time of loading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MerchantRow {
    pub slug: String,
    pub name_zh: String,
    pub name_en: String,
    pub legal_name: String,
    pub uscc: String,
    pub tier: Tier,
    pub service_fields: Vec<ServiceField>,
    pub region: Region,
    pub founded_year: i16,
    pub description_zh: String,
    pub description_en: String,
    pub website: String,
    pub contact_email: String,
    pub certifications: Vec<&'static str>,
    pub status: MerchantStatus,
    pub status_reason: Option<String>,
    /// Seconds before loading that it applied.
    pub age_secs: i64,
    /// Seconds before loading that it got its tier (approval); its last update.
    pub tier_age_secs: i64,
    /// What listings need to know about it.
    pub seed: MerchantSeed,
}

/// The facts listing generation needs about a merchant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MerchantSeed {
    pub slug: String,
    pub tier: Tier,
    pub status: MerchantStatus,
    pub fields: Vec<ServiceField>,
    pub city: usize,
    pub focus: Vec<Industry>,
    pub age_secs: i64,
    pub listings: u32,
}

/// Three years of applications, oldest first.
const MARKET_AGE_SECS: i64 = 3 * 365 * 24 * 3600;
/// The year the generated market describes (merchants were founded up to 2024).
const MARKET_YEAR: i16 = 2026;
const DAY_SECS: i64 = 24 * 3600;

const FIELD_WEIGHTS: [(ServiceField, u32); 5] = [
    (ServiceField::DataTechnology, 30),
    (ServiceField::ProductDevelopment, 22),
    (ServiceField::Operation, 16),
    (ServiceField::Circulation, 14),
    (ServiceField::Security, 18),
];

/// Merchants one at a time, in the order they applied.
pub struct MerchantGen {
    rng: ChaCha8Rng,
    slots: Vec<(Tier, MerchantStatus)>,
    next: usize,
    slugs: HashSet<String>,
    usccs: HashSet<String>,
}

impl MerchantGen {
    fn new(plan: &MarketPlan) -> Self {
        let mut rng = ChaCha8Rng::seed_from_u64(plan.seed);
        let mut slots = Vec::with_capacity(plan.merchant_count() as usize);
        let mut add = |n: u32, tier: Tier, status: MerchantStatus| {
            slots.extend(std::iter::repeat_n((tier, status), n as usize));
        };
        add(plan.leading, Tier::Leading, MerchantStatus::Approved);
        add(plan.growing, Tier::Growing, MerchantStatus::Approved);
        add(plan.inbound, Tier::Inbound, MerchantStatus::Approved);
        add(plan.pending, Tier::Inbound, MerchantStatus::Pending);
        add(plan.rejected, Tier::Inbound, MerchantStatus::Rejected);
        add(plan.suspended, Tier::Inbound, MerchantStatus::Suspended);
        slots.shuffle(&mut rng);
        // The formation's leaders were there first: the oldest merchant is a leading one,
        // and the demo merchant account becomes its member.
        if let Some(first_leader) = slots.iter().position(|s| s.0 == Tier::Leading) {
            slots.swap(0, first_leader);
        }
        Self {
            rng,
            slots,
            next: 0,
            slugs: HashSet::new(),
            usccs: HashSet::new(),
        }
    }

    fn generate(&mut self, ord: usize, tier: Tier, status: MerchantStatus) -> MerchantRow {
        let rng = &mut self.rng;
        let city_index = if ord == 0 {
            0 // Hangzhou: the showcase merchant is a local one.
        } else {
            let region = weighted(rng, &WORDS.region_weights);
            let candidates: Vec<usize> = (0..WORDS.cities.len())
                .filter(|&i| WORDS.cities[i].region == region)
                .collect();
            candidates.choose(rng).copied().unwrap_or(0)
        };
        let city = &WORDS.cities[city_index];
        let fields = pick_fields(rng, tier);
        let primary = fields[0];

        let suffixes: Vec<&NameSuffix> = WORDS
            .name_suffixes
            .iter()
            .filter(|s| s.fields.is_empty() || s.fields.contains(&primary))
            .collect();
        let forms = &WORDS.company_forms;
        let form = match tier {
            Tier::Leading if rng.gen_bool(0.15) => &forms[2],
            Tier::Leading if rng.gen_bool(0.5) => &forms[1],
            _ if rng.gen_bool(0.08) => &forms[1],
            _ => &forms[0],
        };
        // Real company names are unique: try a few names before numbering the slug.
        let mut attempt = 0;
        let (brand, suffix, base_slug) = loop {
            let brand = brand_name(rng);
            let suffix = suffixes
                .choose(rng)
                .copied()
                .unwrap_or(&WORDS.name_suffixes[0]);
            let slug = format!("{}-{}-{}", city.en.to_lowercase(), brand.1, suffix.slug);
            attempt += 1;
            if !self.slugs.contains(&slug) || attempt >= 8 {
                break (brand, suffix, slug);
            }
        };
        let slug = unique_slug(&mut self.slugs, base_slug);
        let brand_en = capitalise(&brand.1);
        let name_zh = format!("{}{}{}{}", city.zh, brand.0, suffix.zh, form.0);
        let name_en = format!("{} {} {} {}", city.en, brand_en, suffix.en, form.1);

        let uscc = loop {
            let code = random_uscc(rng, city);
            if self.usccs.insert(code.clone()) {
                break code;
            }
        };
        let founded_year: i16 = match tier {
            Tier::Leading => rng.gen_range(2000..=2016),
            Tier::Growing => rng.gen_range(2010..=2020),
            Tier::Inbound => rng.gen_range(2014..=2024),
        };
        let focus_count = rng_count(rng, 1, 3);
        let focus = pick_distinct(rng, Industry::ALL, focus_count);
        let certifications = pick_certifications(rng, tier, &fields, founded_year);
        let (description_zh, description_en) = profile(
            rng,
            ProfileFacts {
                brand: (
                    &format!("{}{}", brand.0, suffix.zh),
                    &format!("{brand_en} {}", suffix.en),
                ),
                city,
                year: founded_year,
                primary,
                industry: focus[0],
                tier,
                certifications: &certifications,
            },
        );
        let status_reason = match status {
            MerchantStatus::Rejected => Some(bilingual(WORDS.rejection_reasons.choose(rng))),
            MerchantStatus::Suspended => {
                Some(bilingual(WORDS.merchant_suspension_reasons.choose(rng)))
            }
            _ => None,
        };

        let total = self.slots.len().max(1) as i64;
        let step = (MARKET_AGE_SECS / total).max(1);
        let age_secs = MARKET_AGE_SECS - ord as i64 * step - rng.gen_range(0..step);
        // An application waits days or weeks for the operator, not years.
        let age_secs = match status {
            MerchantStatus::Pending => age_secs % (30 * DAY_SECS),
            _ => age_secs,
        };
        let tier_age_secs = match status {
            MerchantStatus::Pending => age_secs,
            _ => (age_secs - rng.gen_range(DAY_SECS..=10 * DAY_SECS)).max(0),
        };
        let listings = match (status, tier) {
            (MerchantStatus::Rejected, _) => 0,
            (MerchantStatus::Pending, _) => rng.gen_range(0..=2),
            (_, Tier::Leading) => rng.gen_range(10..=20),
            (_, Tier::Growing) => rng.gen_range(5..=8),
            (_, Tier::Inbound) => rng.gen_range(2..=5),
        };
        let website = format!("https://{slug}.example.com");
        let contact_email = format!("bd@{slug}.example.com");
        MerchantRow {
            seed: MerchantSeed {
                slug: slug.clone(),
                tier,
                status,
                fields: fields.clone(),
                city: city_index,
                focus,
                age_secs,
                listings,
            },
            slug,
            legal_name: name_zh.clone(),
            name_zh,
            name_en,
            uscc,
            tier,
            service_fields: fields,
            region: city.region,
            founded_year,
            description_zh,
            description_en,
            website,
            contact_email,
            certifications,
            status,
            status_reason,
            age_secs,
            tier_age_secs,
        }
    }
}

impl Iterator for MerchantGen {
    type Item = MerchantRow;

    fn next(&mut self) -> Option<MerchantRow> {
        let ord = self.next;
        let &(tier, status) = self.slots.get(ord)?;
        self.next += 1;
        Some(self.generate(ord, tier, status))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = self.slots.len() - self.next;
        (left, Some(left))
    }
}

/// One item, each as likely as its weight.
fn weighted<T: Copy>(rng: &mut ChaCha8Rng, items: &[(T, u32)]) -> T {
    let total: u32 = items.iter().map(|i| i.1).sum();
    let mut ticket = rng.gen_range(0..total.max(1));
    for &(item, weight) in items {
        if ticket < weight {
            return item;
        }
        ticket -= weight;
    }
    items[0].0
}

fn rng_count(rng: &mut ChaCha8Rng, low: usize, high: usize) -> usize {
    rng.gen_range(low..=high)
}

fn pick_fields(rng: &mut ChaCha8Rng, tier: Tier) -> Vec<ServiceField> {
    let extra_chance = match tier {
        Tier::Leading => 0.7,
        Tier::Growing => 0.5,
        Tier::Inbound => 0.35,
    };
    let mut fields = vec![weighted(rng, &FIELD_WEIGHTS)];
    while fields.len() < 3 && rng.gen_bool(extra_chance) {
        let field = weighted(rng, &FIELD_WEIGHTS);
        if !fields.contains(&field) {
            fields.push(field);
        }
    }
    fields
}

/// `n` distinct items (fewer if the slice is shorter), in random order.
fn pick_distinct<T: Copy>(rng: &mut ChaCha8Rng, items: &[T], n: usize) -> Vec<T> {
    items
        .choose_multiple(rng, n.min(items.len()))
        .copied()
        .collect()
}

fn brand_name(rng: &mut ChaCha8Rng) -> (String, String) {
    loop {
        let (Some((first_zh, first_py)), Some((second_zh, second_py))) = (
            WORDS.brand_first.choose(rng),
            WORDS.brand_second.choose(rng),
        ) else {
            return ("数澜".to_owned(), "shulan".to_owned());
        };
        if first_zh != second_zh {
            return (
                format!("{first_zh}{second_zh}"),
                format!("{first_py}{second_py}"),
            );
        }
    }
}

/// The slug, or the slug with the first free number after it.
fn unique_slug(taken: &mut HashSet<String>, base: String) -> String {
    if taken.insert(base.clone()) {
        return base;
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|candidate| taken.insert(candidate.clone()))
        .unwrap_or(base)
}

const USCC_CHARSET: &[u8] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";

/// "91" (an enterprise), the city's area code, nine random characters and the check character.
pub fn random_uscc(rng: &mut ChaCha8Rng, city: &City) -> String {
    let area = city.area_codes.choose(rng).map_or("330106", String::as_str);
    let mut code = format!("91{area}");
    for _ in 0..9 {
        code.push(char::from(
            USCC_CHARSET[rng.gen_range(0..USCC_CHARSET.len())],
        ));
    }
    // The first 17 characters are all from the charset, so there always is a check character.
    code.push(Uscc::check_char(&code).unwrap_or('0'));
    code
}

fn pick_certifications(
    rng: &mut ChaCha8Rng,
    tier: Tier,
    fields: &[ServiceField],
    founded_year: i16,
) -> Vec<&'static str> {
    let (low, high) = match tier {
        Tier::Leading => (2, 4),
        Tier::Growing => (1, 3),
        Tier::Inbound => (0, 2),
    };
    let years = MARKET_YEAR - founded_year;
    let within_reach: Vec<&'static str> = WORDS
        .certifications
        .iter()
        .filter(|(_, min_years)| *min_years <= years)
        .map(|(name, _)| name.as_str())
        .collect();
    let count = rng_count(rng, low, high);
    let mut picked = pick_distinct(rng, &within_reach, count);
    if fields.contains(&ServiceField::Security) && !picked.contains(&"ISO 27001") {
        picked.push("ISO 27001");
    }
    // Shown in the list's order, so "DCMM 3级" and "DCMM 4级" never both appear at random places.
    picked.sort_by_key(|c| within_reach.iter().position(|x| x == c));
    if picked.contains(&"DCMM 4级") {
        picked.retain(|c| *c != "DCMM 3级");
    }
    picked
}

struct ProfileFacts<'a> {
    brand: (&'a str, &'a str),
    city: &'a City,
    year: i16,
    primary: ServiceField,
    industry: Industry,
    tier: Tier,
    certifications: &'a [&'static str],
}

/// Two or three sentences a real data merchant might write about itself.
fn profile(rng: &mut ChaCha8Rng, facts: ProfileFacts<'_>) -> (String, String) {
    let (ind_zh, ind_en) = WORDS.industry_label(facts.industry);
    let scale = match facts.tier {
        Tier::Leading => 5,
        Tier::Growing => 2,
        Tier::Inbound => 1,
    };
    let staff = (rng.gen_range(20..=120) * scale).to_string();
    let records_wan: u32 = rng.gen_range(100..=1_000) * scale;
    let records_zh = if records_wan >= 10_000 {
        format!("{}亿", f_tenths(records_wan / 1_000))
    } else {
        format!("{records_wan}万")
    };
    let records_en = format!("{} million", f_tenths(records_wan / 10));
    let calls_wan: u64 = rng.gen_range(10..=500) * scale as u64;
    let calls_zh = format!("{calls_wan}万");
    let calls_en = thousands(calls_wan * 10_000);
    let ascii_certs: Vec<&str> = facts
        .certifications
        .iter()
        .copied()
        .filter(|c| c.is_ascii())
        .collect();
    let certs_zh = facts
        .certifications
        .iter()
        .take(3)
        .copied()
        .collect::<Vec<_>>()
        .join("、");
    let certs_en = ascii_certs.join(", ");
    let year = facts.year.to_string();
    let tb = rng.gen_range(2..=50).to_string();
    let clients = (rng.gen_range(30..=200) * scale).to_string();
    let weeks = rng.gen_range(6..=16).to_string();
    let sources = (rng.gen_range(20..=300) * scale).to_string();
    let k = (rng.gen_range(15..=120) * scale).to_string();
    let ip = (rng.gen_range(8..=60) * scale).to_string();
    let vars_zh = [
        ("brand_zh", facts.brand.0),
        ("city_zh", &facts.city.zh),
        ("ind_zh", ind_zh),
        ("year", &year),
        ("staff", &staff),
        ("records_zh", &records_zh),
        ("calls_zh", &calls_zh),
        ("tb", &tb),
        ("clients", &clients),
        ("weeks", &weeks),
        ("sources", &sources),
        ("k", &k),
        ("ip", &ip),
        ("certs", &certs_zh),
    ];
    let vars_en = [
        ("brand_en", facts.brand.1),
        ("city_en", &facts.city.en),
        ("ind_en", ind_en),
        ("year", &year),
        ("staff", &staff),
        ("records_en", &records_en),
        ("calls_en", &calls_en),
        ("tb", &tb),
        ("clients", &clients),
        ("weeks", &weeks),
        ("sources", &sources),
        ("k", &k),
        ("ip", &ip),
        ("certs", &certs_en),
    ];
    let mut sentences: Vec<&Bilingual> = Vec::with_capacity(3);
    sentences.extend(WORDS.openings(facts.primary).choose(rng));
    sentences.extend(WORDS.capabilities(facts.primary).choose(rng));
    if facts.tier != Tier::Inbound || rng.gen_bool(0.5) {
        let closings: Vec<&Bilingual> = WORDS
            .profile_closings
            .iter()
            .filter(|c| !c.0.contains("{certs}") || !ascii_certs.is_empty())
            .collect();
        sentences.extend(closings.choose(rng).copied());
    }
    let zh: String = sentences.iter().map(|s| fill(&s.0, &vars_zh)).collect();
    let en = sentences
        .iter()
        .map(|s| capitalise(&fill(&s.1, &vars_en)))
        .collect::<Vec<_>>()
        .join(" ");
    (zh, en)
}

/// A number of tenths as "3.5" or "3".
fn f_tenths(tenths: u32) -> String {
    if tenths.is_multiple_of(10) {
        (tenths / 10).to_string()
    } else {
        format!("{}.{}", tenths / 10, tenths % 10)
    }
}

/// "1,234,567".
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// Replaces each `{name}` by its value; unknown names stay as they are.
pub fn fill(template: &str, vars: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match vars.iter().find(|(key, _)| *key == name) {
                    Some((_, value)) => out.push_str(value),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// The first letter in upper case.
fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// English title case: every word capitalised except short joining words.
pub fn title_case(text: &str) -> String {
    const SMALL: [&str; 8] = ["a", "an", "and", "for", "in", "of", "the", "to"];
    text.split(' ')
        .enumerate()
        .map(|(i, word)| {
            let bare = word.trim_start_matches('(');
            if i > 0 && SMALL.contains(&bare) {
                return word.to_owned();
            }
            let lead = &word[..word.len() - bare.len()];
            format!("{lead}{}", capitalise(bare))
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A URL slug from English text: lower-case words joined by hyphens, at most `max` bytes.
pub fn slugify(text: &str, max: usize) -> String {
    let mut slug = String::with_capacity(text.len());
    for word in text
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !slug.is_empty() && slug.len() + 1 + word.len() > max {
            break;
        }
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.extend(word.chars().take(max).map(|c| c.to_ascii_lowercase()));
    }
    slug
}

fn bilingual(pair: Option<&Bilingual>) -> String {
    pair.map(|(zh, en)| format!("{en} / {zh}"))
        .unwrap_or_default()
}

/// Spreads `total` over the merchants in proportion to their drawn counts (exactly `total`).
fn scale_counts(counts: &mut [u32], total: u64) {
    let sum: u128 = counts.iter().map(|&c| u128::from(c)).sum();
    if sum == 0 {
        return;
    }
    let mut before: u128 = 0;
    for count in counts.iter_mut() {
        let after = before + u128::from(*count);
        let scaled = |prefix: u128| prefix * u128::from(total) / sum;
        *count = (scaled(after) - scaled(before)) as u32;
        before = after;
    }
}

/// One listing, every column as it is stored, plus ages relative to the time of loading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListingRow {
    pub merchant_slug: String,
    pub slug: String,
    pub title_zh: String,
    pub title_en: String,
    pub summary_zh: String,
    pub summary_en: String,
    pub description_zh: String,
    pub description_en: String,
    pub kind: ListingKind,
    pub service_field: ServiceField,
    pub industries: Vec<Industry>,
    pub delivery_modes: Vec<DeliveryMode>,
    pub pricing_model: PricingModel,
    pub price_fen: Option<i64>,
    pub licence_terms: String,
    pub status: ListingStatus,
    pub status_before_suspension: Option<ListingStatus>,
    pub suspension_reason: Option<String>,
    pub data_source: String,
    pub personal_info: app::vocab::PersonalInfo,
    pub classification: Classification,
    pub registration_cert_no: Option<String>,
    pub has_compliance_report: bool,
    pub dataset: Option<DatasetFields>,
    pub age_secs: i64,
    pub updated_age_secs: i64,
    pub published_age_secs: Option<i64>,
}

/// The dataset specification of a listing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatasetFields {
    pub modality: app::vocab::Modality,
    pub volume: String,
    pub time_coverage: String,
    pub update_frequency: &'static str,
    pub label_schema: &'static str,
    pub annotation_accuracy: String,
    /// JSON: `[{"name", "type", "description"}, …]`.
    pub data_dictionary: String,
    /// JSON: `{"columns": […], "rows": [[…], …]}`.
    pub sample: String,
}

/// The data dictionary and possible samples of a dataset offer, serialised once.
struct PreparedDataset {
    dictionary: String,
    samples: Vec<String>,
}

fn prepare(spec: &DatasetSpec) -> PreparedDataset {
    let dictionary = serde_json::Value::Array(
        spec.fields
            .iter()
            .map(|(name, kind, description)| {
                serde_json::json!({"name": name, "type": kind, "description": description})
            })
            .collect(),
    )
    .to_string();
    let columns: Vec<&str> = spec.fields.iter().map(|f| f.0.as_str()).collect();
    let rows: Vec<serde_json::Value> = spec
        .rows
        .iter()
        .map(|row| serde_json::from_str(row).unwrap_or(serde_json::Value::Null))
        .collect();
    // Three consecutive rows, starting at each row in turn.
    let samples = (0..rows.len())
        .map(|start| {
            let picked: Vec<&serde_json::Value> =
                (0..3).map(|i| &rows[(start + i) % rows.len()]).collect();
            serde_json::json!({"columns": columns, "rows": picked}).to_string()
        })
        .collect();
    PreparedDataset {
        dictionary,
        samples,
    }
}

const FIXED_YUAN: &[i64] = &[
    5_000, 8_000, 9_800, 12_000, 15_000, 19_800, 25_000, 30_000, 38_000, 45_000, 50_000, 68_000,
    80_000, 98_000, 120_000, 150_000, 198_000, 250_000, 300_000, 380_000, 450_000, 500_000,
];
const MONTHLY_YUAN: &[i64] = &[
    500, 800, 980, 1_200, 1_500, 1_980, 2_500, 3_000, 3_800, 5_000, 6_800, 8_000, 9_800, 12_000,
    15_000, 19_800, 25_000, 30_000, 38_000, 50_000,
];
const PER_THOUSAND_CALLS_YUAN: &[i64] = &[
    5, 8, 10, 12, 15, 20, 25, 30, 40, 50, 60, 80, 100, 120, 150, 200,
];

/// Listings one at a time, merchant by merchant.
pub struct ListingGen {
    rng: ChaCha8Rng,
    merchants: Vec<MerchantSeed>,
    prepared: Vec<Option<PreparedDataset>>,
    merchant: usize,
    made_for_merchant: u32,
    ord: u64,
    total: u64,
}

/// Listings use their own random stream, so that changing a merchant's text does not
/// change every listing.
const LISTING_STREAM: u64 = 0x6c69_7374_696e_6773;

impl ListingGen {
    fn new(seed: u64, merchants: Vec<MerchantSeed>) -> Self {
        let total = merchants.iter().map(|m| u64::from(m.listings)).sum();
        Self {
            rng: ChaCha8Rng::seed_from_u64(seed ^ LISTING_STREAM),
            prepared: OFFERS
                .offers
                .iter()
                .map(|o| o.dataset.as_ref().map(prepare))
                .collect(),
            merchants,
            merchant: 0,
            made_for_merchant: 0,
            ord: 0,
            total,
        }
    }

    /// How many listings this generator yields in all.
    pub fn total(&self) -> u64 {
        self.total
    }

    fn generate(&mut self, merchant_index: usize) -> ListingRow {
        let rng = &mut self.rng;
        let merchant = &self.merchants[merchant_index];
        let offers = &OFFERS.offers;
        let eligible: Vec<usize> = (0..offers.len())
            .filter(|&i| merchant.fields.contains(&offers[i].field))
            .collect();
        let offer_index = eligible.choose(rng).copied().unwrap_or(0);
        let offer: &Offer = &offers[offer_index];
        let city = &WORDS.cities[merchant.city];

        let variant = offer.variants.choose(rng).unwrap_or(&NO_VARIANT);
        let (v_zh, v_en) = (variant.zh.as_str(), variant.en.as_str());
        let industries = pick_industries(rng, variant.industries(offer), &merchant.focus);
        let (ind_zh, ind_en) = WORDS.industry_label(industries[0]);
        let mut delivery_modes = vec![offer.delivery[0]];
        for mode in &offer.delivery[1..] {
            if delivery_modes.len() < 3 && rng.gen_bool(0.4) {
                delivery_modes.push(*mode);
            }
        }
        let pricing_model = offer
            .pricing
            .choose(rng)
            .copied()
            .unwrap_or(PricingModel::Quote);
        let price_yuan = match pricing_model {
            PricingModel::Fixed => FIXED_YUAN.choose(rng).copied(),
            PricingModel::Subscription => MONTHLY_YUAN.choose(rng).copied(),
            PricingModel::PerCall => PER_THOUSAND_CALLS_YUAN.choose(rng).copied(),
            PricingModel::Quote => None,
        };

        let accuracy_permille = offer
            .dataset
            .as_ref()
            .map(|d| rng.gen_range(d.accuracy.0..=d.accuracy.1))
            .unwrap_or(0);
        let accuracy = format!("{}.{}%", accuracy_permille / 10, accuracy_permille % 10);
        let (coverage, coverage_zh) = {
            let (from_year, from_month) = (rng.gen_range(2015..=2023), rng.gen_range(1..=12));
            let (to_year, to_month) = (rng.gen_range(2024..=2025), rng.gen_range(1..=12));
            let (from, to) = (
                format!("{from_year}-{from_month:02}"),
                format!("{to_year}-{to_month:02}"),
            );
            (format!("{from} to {to}"), format!("{from} 至 {to}"))
        };
        let (volume, volume_zh) = offer
            .dataset
            .as_ref()
            .map(|d| volume(rng, d))
            .unwrap_or_default();
        let n = rng.gen_range(2..=9).to_string();
        let days = (rng.gen_range(2..=12_u32) * 5).to_string();
        let vars = [
            ("v_zh", v_zh),
            ("v_en", v_en),
            ("ind_zh", ind_zh),
            ("ind_en", ind_en),
            ("city_zh", &city.zh),
            ("city_en", &city.en),
            ("volume", volume.as_str()),
            ("volume_zh", volume_zh.as_str()),
            ("accuracy", accuracy.as_str()),
            ("coverage", coverage.as_str()),
            ("coverage_zh", coverage_zh.as_str()),
            ("n", n.as_str()),
            ("days", days.as_str()),
        ];
        let title_zh = fill(&offer.title.0, &vars);
        let title_en = title_case(&fill(&offer.title.1, &vars));
        let summary_zh = fill(&offer.summary.0, &vars);
        let summary_en = capitalise(&fill(&offer.summary.1, &vars));
        let description_zh = fill(&offer.description.0, &vars);
        let description_en = capitalise(&fill(&offer.description.1, &vars));

        let status = match merchant.status {
            MerchantStatus::Pending | MerchantStatus::Rejected => ListingStatus::Draft,
            _ => match rng.gen_range(0..1000) {
                0..=819 => ListingStatus::Published,
                820..=904 => ListingStatus::Draft,
                905..=984 => ListingStatus::Archived,
                _ => ListingStatus::Suspended,
            },
        };
        let suspended = status == ListingStatus::Suspended;
        let leading = merchant.tier == Tier::Leading;
        let registration_cert_no = rng.gen_bool(if leading { 0.5 } else { 0.25 }).then(|| {
            format!(
                "{} {}-{:06}",
                WORDS.registration_prefix(city.region),
                rng.gen_range(2023..=2025),
                rng.gen_range(1..=999_999)
            )
        });
        let has_compliance_report =
            registration_cert_no.is_some() || rng.gen_bool(if leading { 0.6 } else { 0.35 });

        let age_secs = rng.gen_range(0..=merchant.age_secs.max(0));
        let (published_age_secs, updated_age_secs) = if status == ListingStatus::Draft {
            (None, rng.gen_range(0..=age_secs))
        } else {
            let published = rng.gen_range(0..=age_secs);
            (Some(published), rng.gen_range(0..=published))
        };

        let dataset = offer.dataset.as_ref().map(|spec| {
            let prepared = self.prepared[offer_index].as_ref();
            DatasetFields {
                modality: spec.modality,
                volume,
                time_coverage: coverage,
                update_frequency: OFFERS
                    .update_frequencies
                    .choose(rng)
                    .map_or("One-off / 一次性交付", String::as_str),
                label_schema: &spec.label_schema,
                annotation_accuracy: accuracy,
                data_dictionary: prepared.map(|p| p.dictionary.clone()).unwrap_or_default(),
                sample: prepared
                    .and_then(|p| p.samples.choose(rng).cloned())
                    .unwrap_or_default(),
            }
        });
        self.ord += 1;
        ListingRow {
            merchant_slug: merchant.slug.clone(),
            slug: format!("{}-{}", slugify(&title_en, 80), self.ord),
            title_zh,
            title_en,
            summary_zh,
            summary_en,
            description_zh,
            description_en,
            kind: offer.kind,
            service_field: offer.field,
            industries,
            delivery_modes,
            pricing_model,
            price_fen: price_yuan.map(|yuan| yuan * 100),
            licence_terms: bilingual(OFFERS.licence_terms(offer.kind).choose(rng)),
            status,
            status_before_suspension: suspended.then_some(ListingStatus::Published),
            suspension_reason: suspended
                .then(|| bilingual(WORDS.listing_suspension_reasons.choose(rng))),
            data_source: bilingual(OFFERS.data_sources(offer.kind).choose(rng)),
            personal_info: offer.personal_info,
            classification: if rng.gen_bool(0.06) {
                Classification::Important
            } else {
                Classification::General
            },
            registration_cert_no,
            has_compliance_report,
            dataset,
            age_secs,
            updated_age_secs,
            published_age_secs,
        }
    }
}

impl Iterator for ListingGen {
    type Item = ListingRow;

    fn next(&mut self) -> Option<ListingRow> {
        loop {
            let merchant = self.merchants.get(self.merchant)?;
            if self.made_for_merchant < merchant.listings {
                self.made_for_merchant += 1;
                return Some(self.generate(self.merchant));
            }
            self.merchant += 1;
            self.made_for_merchant = 0;
        }
    }
}

/// One to three industries from the offer's, the merchant's focus first when it fits.
fn pick_industries(
    rng: &mut ChaCha8Rng,
    offered: &[Industry],
    focus: &[Industry],
) -> Vec<Industry> {
    let n = rng_count(rng, 1, 3);
    let mut picked = pick_distinct(rng, offered, n);
    let fitting: Vec<Industry> = offered
        .iter()
        .copied()
        .filter(|i| focus.contains(i))
        .collect();
    if let Some(&preferred) = fitting.choose(rng)
        && rng.gen_bool(0.6)
    {
        picked.retain(|i| *i != preferred);
        picked.insert(0, preferred);
        picked.truncate(3);
    }
    picked
}

/// "120,000 images, 85 GB" and "12 万张图像，85 GB": a count rounded to two significant
/// digits and its size.
fn volume(rng: &mut ChaCha8Rng, spec: &DatasetSpec) -> (String, String) {
    let raw = rng.gen_range(spec.count.0..=spec.count.1);
    let magnitude = 10u64.pow(raw.ilog10().saturating_sub(1));
    let count = raw / magnitude * magnitude;
    let bytes_per_unit = if spec.kb_per_unit == 0 {
        200
    } else {
        spec.kb_per_unit * 1_000
    };
    let megabytes = count.saturating_mul(bytes_per_unit) / 1_000_000;
    let size = match megabytes {
        0..=999 => format!("{} MB", megabytes.max(1)),
        1_000..=999_999 => format!("{} GB", megabytes / 1_000),
        _ => format!(
            "{}.{} TB",
            megabytes / 1_000_000,
            megabytes % 1_000_000 / 100_000
        ),
    };
    (
        format!("{} {}, {size}", thousands(count), spec.unit),
        format!("{}{}，{size}", count_zh(count), spec.unit_zh),
    )
}

/// A count as Chinese writes it: 3,500 → "3500 ", 120,000 → "12 万", 2,000,000,000 → "20 亿".
fn count_zh(count: u64) -> String {
    let in_units = |unit: u64| {
        let tenths = count * 10 / unit;
        if tenths.is_multiple_of(10) {
            (tenths / 10).to_string()
        } else {
            format!("{}.{}", tenths / 10, tenths % 10)
        }
    };
    match count {
        0..=9_999 => format!("{count} "),
        10_000..=99_999_999 => format!("{} 万", in_units(10_000)),
        _ => format!("{} 亿", in_units(100_000_000)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::catalog::sample_csv::ColumnType;

    fn is_slug(slug: &str) -> bool {
        !slug.is_empty()
            && slug.split('-').all(|part| {
                !part.is_empty()
                    && part
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
            })
    }

    #[test]
    fn generated_usccs_pass_the_gb_32100_checksum() {
        let mut rng = ChaCha8Rng::seed_from_u64(7);
        for city in &WORDS.cities {
            for _ in 0..50 {
                let code = random_uscc(&mut rng, city);
                assert!(Uscc::parse(&code).is_ok(), "{code}");
                assert!(code.starts_with("91"));
            }
        }
    }

    #[test]
    fn merchant_and_listing_slugs_are_lower_case_words_joined_by_hyphens() {
        let plan = MarketPlan::with_merchants(300, 1);
        let merchants: Vec<MerchantRow> = plan.merchants().collect();
        assert!(
            merchants
                .iter()
                .all(|m| is_slug(&m.slug) && m.slug.len() <= 80)
        );
        let listings = plan.listings(merchants.into_iter().map(|m| m.seed).collect());
        for listing in listings {
            assert!(
                is_slug(&listing.slug) && listing.slug.len() <= 100,
                "{}",
                listing.slug
            );
        }
    }

    #[test]
    fn a_taken_slug_gets_the_next_free_number() {
        let mut taken = HashSet::new();
        assert_eq!(
            unique_slug(&mut taken, "hangzhou-shulan-technology".into()),
            "hangzhou-shulan-technology"
        );
        assert_eq!(
            unique_slug(&mut taken, "hangzhou-shulan-technology".into()),
            "hangzhou-shulan-technology-2"
        );
        assert_eq!(
            unique_slug(&mut taken, "hangzhou-shulan-technology".into()),
            "hangzhou-shulan-technology-3"
        );
    }

    #[test]
    fn slugify_keeps_ascii_words_within_the_limit() {
        assert_eq!(
            slugify("PCB Defect Detection (SMT Assembly)", 80),
            "pcb-defect-detection-smt-assembly"
        );
        assert_eq!(slugify("Chinese Medical Q&A Corpus", 15), "chinese-medical");
    }

    #[test]
    fn titles_are_in_title_case() {
        assert_eq!(
            title_case("3D point cloud data annotation service"),
            "3D Point Cloud Data Annotation Service"
        );
        assert_eq!(
            title_case("Dataset (metal parts and bearings)"),
            "Dataset (Metal Parts and Bearings)"
        );
    }

    #[test]
    fn fill_replaces_known_names_and_keeps_the_rest() {
        assert_eq!(fill("{a} and {b} {", &[("a", "x")]), "x and {b} {");
    }

    #[test]
    fn chinese_counts_use_wan_and_yi() {
        assert_eq!(count_zh(3_500), "3500 ");
        assert_eq!(count_zh(120_000), "12 万");
        assert_eq!(count_zh(1_500_000), "150 万");
        assert_eq!(count_zh(2_000_000_000), "20 亿");
        assert_eq!(count_zh(150_000_000), "1.5 亿");
    }

    #[test]
    fn thousands_are_grouped() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(120_000), "120,000");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }

    #[test]
    fn scaled_counts_add_up_to_the_target() {
        let mut counts = vec![3, 0, 5, 2, 7];
        scale_counts(&mut counts, 1000);
        assert_eq!(counts.iter().map(|&c| u64::from(c)).sum::<u64>(), 1000);
        assert_eq!(counts[1], 0);
    }

    #[test]
    fn every_offer_is_complete_and_its_samples_match_the_dictionary() {
        for offer in &OFFERS.offers {
            assert!(!offer.variants.is_empty() && !offer.industries.is_empty());
            for variant in &offer.variants {
                assert!(
                    variant
                        .industries
                        .iter()
                        .all(|i| offer.industries.contains(i)),
                    "{}: {} names an industry the offer does not",
                    offer.title.1,
                    variant.en
                );
            }
            assert!(!offer.delivery.is_empty() && !offer.pricing.is_empty());
            assert_eq!(
                offer.kind == ListingKind::Dataset,
                offer.dataset.is_some(),
                "{}",
                offer.title.1
            );
            let known = [
                "v_zh",
                "v_en",
                "ind_zh",
                "ind_en",
                "city_zh",
                "city_en",
                "volume",
                "volume_zh",
                "accuracy",
                "coverage",
                "coverage_zh",
                "n",
                "days",
            ];
            let vars: Vec<(&str, &str)> = known.iter().map(|k| (*k, "x")).collect();
            for text in [
                &offer.title.0,
                &offer.title.1,
                &offer.summary.0,
                &offer.summary.1,
                &offer.description.0,
                &offer.description.1,
            ] {
                assert!(
                    !fill(text, &vars).contains('{'),
                    "unknown placeholder in {text}"
                );
            }
            if let Some(spec) = &offer.dataset {
                assert!((3..=8).contains(&spec.fields.len()), "{}", offer.title.1);
                for (name, kind, _) in &spec.fields {
                    assert!(
                        ColumnType::ALL.iter().any(|t| t.slug() == kind),
                        "{name}: {kind} is not a type the editor offers"
                    );
                }
                assert!(spec.rows.len() >= 3);
                for row in &spec.rows {
                    let value: serde_json::Value = serde_json::from_str(row).expect("row is JSON");
                    assert_eq!(
                        value.as_array().map(Vec::len),
                        Some(spec.fields.len()),
                        "{row}"
                    );
                }
            }
        }
    }

    #[test]
    fn every_field_has_offers_of_its_own() {
        for field in ServiceField::ALL {
            assert!(
                OFFERS.offers.iter().filter(|o| o.field == *field).count() >= 5,
                "{field}"
            );
        }
    }

    #[test]
    fn applications_wait_weeks_not_years() {
        let pending: Vec<MerchantRow> = MarketPlan::demo(7)
            .merchants()
            .filter(|m| m.status == MerchantStatus::Pending)
            .collect();
        assert!(!pending.is_empty());
        assert!(
            pending
                .iter()
                .all(|m| (0..30 * DAY_SECS).contains(&m.age_secs))
        );
    }

    /// What the generator takes from the word lists for every value of the vocabulary
    /// (once a `match` the compiler checked; now data, so checked here).
    #[test]
    fn the_word_lists_cover_the_whole_vocabulary() {
        for kind in ListingKind::ALL {
            assert!(!OFFERS.licence_terms(*kind).is_empty(), "{kind}");
            assert!(!OFFERS.data_sources(*kind).is_empty(), "{kind}");
        }
        assert!(!OFFERS.update_frequencies.is_empty());
        for industry in Industry::ALL {
            let (zh, en) = WORDS.industry_label(*industry);
            assert!(!zh.is_empty() && !en.is_empty(), "{industry}");
        }
        for field in ServiceField::ALL {
            assert!(WORDS.openings(*field).len() >= 2, "{field}");
            assert!(WORDS.capabilities(*field).len() >= 2, "{field}");
        }
        for region in Region::ALL {
            assert!(!WORDS.registration_prefix(*region).is_empty(), "{region}");
            assert!(
                WORDS
                    .region_weights
                    .iter()
                    .any(|(r, w)| r == region && *w > 0)
            );
            assert!(
                WORDS
                    .cities
                    .iter()
                    .any(|c| c.region == *region && !c.area_codes.is_empty()),
                "{region}"
            );
        }
        assert_eq!(
            WORDS.cities[0].region,
            Region::Hangzhou,
            "the showcase city"
        );
        assert!(WORDS.company_forms.len() >= 3);
        assert!(WORDS.name_suffixes.iter().any(|s| s.fields.is_empty()));
        for list in [
            &WORDS.brand_first,
            &WORDS.brand_second,
            &WORDS.profile_closings,
            &WORDS.rejection_reasons,
            &WORDS.merchant_suspension_reasons,
            &WORDS.listing_suspension_reasons,
        ] {
            assert!(!list.is_empty());
        }
        assert!(WORDS.certifications.iter().any(|(c, _)| c == "ISO 27001"));
    }

    #[test]
    fn profiles_have_no_unfilled_placeholders() {
        for merchant in MarketPlan::with_merchants(200, 3).merchants() {
            assert!(
                !merchant.description_zh.contains('{') && !merchant.description_en.contains('{')
            );
            assert!(
                merchant.description_en.len() > 80,
                "{}",
                merchant.description_en
            );
        }
    }
}
