//! Builders for market test data: small, explicit fixtures, one call per row.

use app::merchants::model::Uscc;
use app::search::DocumentTerms;
use sqlx::PgPool;

pub struct MerchantBuilder {
    pub slug: String,
    pub tier: &'static str,
    pub status: &'static str,
    pub region: &'static str,
    pub fields: Vec<&'static str>,
    pub name_zh: String,
    pub name_en: String,
}

const DESCRIPTION_ZH: &str = "数据服务商";
const DESCRIPTION_EN: &str = "A data merchant";

pub fn merchant(slug: &str) -> MerchantBuilder {
    MerchantBuilder {
        slug: slug.to_owned(),
        tier: "inbound",
        status: "approved",
        region: "hangzhou",
        fields: vec!["data-technology"],
        name_zh: format!("{slug} 数据科技有限公司"),
        name_en: format!("{slug} Data Technology Co., Ltd."),
    }
}

static SEQ: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(1);

impl MerchantBuilder {
    pub fn tier(mut self, tier: &'static str) -> Self {
        self.tier = tier;
        self
    }
    pub fn status(mut self, status: &'static str) -> Self {
        self.status = status;
        self
    }
    pub fn region(mut self, region: &'static str) -> Self {
        self.region = region;
        self
    }
    pub fn fields(mut self, fields: &[&'static str]) -> Self {
        self.fields = fields.to_vec();
        self
    }

    pub async fn insert(self, db: &PgPool) -> i64 {
        let n = SEQ.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let first17 = format!("91330100MA{n:07}");
        let terms = DocumentTerms::of_merchant(
            [&self.name_zh, &self.name_en],
            [DESCRIPTION_ZH, DESCRIPTION_EN],
        );
        let uscc = format!(
            "{first17}{}",
            Uscc::check_char(&first17).expect("valid prefix")
        );
        sqlx::query_scalar(
            "insert into merchant (slug, name_zh, name_en, legal_name, uscc, tier, service_fields, region,
                                   description_zh, description_en, status, search_doc)
             values ($1, $2, $3, $3, $4, $5, $6, $7, $8, $9, $10, search_document($11, $12))
             returning merchant_id",
        )
        .bind(&self.slug)
        .bind(&self.name_zh)
        .bind(&self.name_en)
        .bind(uscc)
        .bind(self.tier)
        .bind(&self.fields)
        .bind(self.region)
        .bind(DESCRIPTION_ZH)
        .bind(DESCRIPTION_EN)
        .bind(self.status)
        .bind(&terms.heading)
        .bind(&terms.body)
        .fetch_one(db)
        .await
        .expect("merchant inserts")
    }
}

pub struct ListingBuilder {
    pub merchant_id: i64,
    pub slug: String,
    pub title_zh: String,
    pub title_en: String,
    pub description: String,
    pub kind: &'static str,
    pub field: &'static str,
    pub industries: Vec<&'static str>,
    pub delivery: Vec<&'static str>,
    pub pricing: &'static str,
    pub price_fen: Option<i64>,
    pub status: &'static str,
}

pub fn listing(merchant_id: i64, slug: &str) -> ListingBuilder {
    ListingBuilder {
        merchant_id,
        slug: slug.to_owned(),
        title_zh: format!("产品 {slug}"),
        title_en: format!("Offer {slug}"),
        description: String::new(),
        kind: "service",
        field: "data-technology",
        industries: vec!["manufacturing"],
        delivery: vec!["on-site"],
        pricing: "fixed",
        price_fen: Some(100_000),
        status: "published",
    }
}

impl ListingBuilder {
    pub fn title(mut self, zh: &str, en: &str) -> Self {
        self.title_zh = zh.to_owned();
        self.title_en = en.to_owned();
        self
    }
    pub fn description(mut self, text: &str) -> Self {
        self.description = text.to_owned();
        self
    }
    pub fn kind(mut self, kind: &'static str) -> Self {
        self.kind = kind;
        self
    }
    pub fn field(mut self, field: &'static str) -> Self {
        self.field = field;
        self
    }
    pub fn industries(mut self, industries: &[&'static str]) -> Self {
        self.industries = industries.to_vec();
        self
    }
    pub fn delivery(mut self, delivery: &[&'static str]) -> Self {
        self.delivery = delivery.to_vec();
        self
    }
    pub fn price(mut self, pricing: &'static str, fen: Option<i64>) -> Self {
        self.pricing = pricing;
        self.price_fen = fen;
        self
    }
    pub fn status(mut self, status: &'static str) -> Self {
        self.status = status;
        self
    }

    pub async fn insert(self, db: &PgPool) -> i64 {
        let modality = (self.kind == "dataset").then_some("image");
        let suspension_reason = (self.status == "suspended").then_some("test suspension");
        let terms = DocumentTerms::of_listing(
            [&self.title_zh, &self.title_en],
            ["", ""],
            ["", &self.description],
        );
        sqlx::query_scalar(
            "insert into listing (merchant_id, slug, title_zh, title_en, description_en, kind, service_field,
                                  industries, delivery_modes, pricing_model, price_fen, status, modality,
                                  suspension_reason, search_doc)
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14,
                     search_document($15, $16))
             returning listing_id",
        )
        .bind(self.merchant_id)
        .bind(&self.slug)
        .bind(&self.title_zh)
        .bind(&self.title_en)
        .bind(&self.description)
        .bind(self.kind)
        .bind(self.field)
        .bind(&self.industries)
        .bind(&self.delivery)
        .bind(self.pricing)
        .bind(self.price_fen)
        .bind(self.status)
        .bind(modality)
        .bind(suspension_reason)
        .bind(&terms.heading)
        .bind(&terms.body)
        .fetch_one(db)
        .await
        .expect("listing inserts")
    }
}
