//! The vocabulary in words, in the reader's language, and prices in their model.

use crate::i18n::{Locale, td_string};
use crate::vocab::*;

pub fn tier(locale: Locale, v: Tier) -> &'static str {
    match v {
        Tier::Leading => td_string!(locale, vocab.tier.leading),
        Tier::Growing => td_string!(locale, vocab.tier.growing),
        Tier::Inbound => td_string!(locale, vocab.tier.inbound),
    }
}

pub fn field(locale: Locale, v: ServiceField) -> &'static str {
    match v {
        ServiceField::DataTechnology => td_string!(locale, vocab.field.data_technology),
        ServiceField::ProductDevelopment => td_string!(locale, vocab.field.product_development),
        ServiceField::Operation => td_string!(locale, vocab.field.operation),
        ServiceField::Circulation => td_string!(locale, vocab.field.circulation),
        ServiceField::Security => td_string!(locale, vocab.field.security),
    }
}

pub fn kind(locale: Locale, v: ListingKind) -> &'static str {
    match v {
        ListingKind::Dataset => td_string!(locale, vocab.kind.dataset),
        ListingKind::DataProduct => td_string!(locale, vocab.kind.data_product),
        ListingKind::Service => td_string!(locale, vocab.kind.service),
    }
}

pub fn industry(locale: Locale, v: Industry) -> &'static str {
    match v {
        Industry::Manufacturing => td_string!(locale, vocab.industry.manufacturing),
        Industry::Textiles => td_string!(locale, vocab.industry.textiles),
        Industry::Automotive => td_string!(locale, vocab.industry.automotive),
        Industry::Chemicals => td_string!(locale, vocab.industry.chemicals),
        Industry::Electronics => td_string!(locale, vocab.industry.electronics),
        Industry::Equipment => td_string!(locale, vocab.industry.equipment),
        Industry::Logistics => td_string!(locale, vocab.industry.logistics),
        Industry::Retail => td_string!(locale, vocab.industry.retail),
        Industry::Finance => td_string!(locale, vocab.industry.finance),
        Industry::Healthcare => td_string!(locale, vocab.industry.healthcare),
        Industry::Agriculture => td_string!(locale, vocab.industry.agriculture),
        Industry::Energy => td_string!(locale, vocab.industry.energy),
        Industry::PublicSector => td_string!(locale, vocab.industry.public_sector),
    }
}

pub fn region(locale: Locale, v: Region) -> &'static str {
    match v {
        Region::Hangzhou => td_string!(locale, vocab.region.hangzhou),
        Region::Ningbo => td_string!(locale, vocab.region.ningbo),
        Region::Wenzhou => td_string!(locale, vocab.region.wenzhou),
        Region::Jiaxing => td_string!(locale, vocab.region.jiaxing),
        Region::Huzhou => td_string!(locale, vocab.region.huzhou),
        Region::Shaoxing => td_string!(locale, vocab.region.shaoxing),
        Region::Jinhua => td_string!(locale, vocab.region.jinhua),
        Region::Quzhou => td_string!(locale, vocab.region.quzhou),
        Region::Zhoushan => td_string!(locale, vocab.region.zhoushan),
        Region::Taizhou => td_string!(locale, vocab.region.taizhou),
        Region::Lishui => td_string!(locale, vocab.region.lishui),
        Region::Shanghai => td_string!(locale, vocab.region.shanghai),
        Region::Jiangsu => td_string!(locale, vocab.region.jiangsu),
        Region::Anhui => td_string!(locale, vocab.region.anhui),
    }
}

pub fn delivery(locale: Locale, v: DeliveryMode) -> &'static str {
    match v {
        DeliveryMode::Download => td_string!(locale, vocab.delivery.download),
        DeliveryMode::Api => td_string!(locale, vocab.delivery.api),
        DeliveryMode::OnPremise => td_string!(locale, vocab.delivery.on_premise),
        DeliveryMode::DataSpace => td_string!(locale, vocab.delivery.data_space),
        DeliveryMode::OnSite => td_string!(locale, vocab.delivery.on_site),
    }
}

pub fn pricing(locale: Locale, v: PricingModel) -> &'static str {
    match v {
        PricingModel::Fixed => td_string!(locale, vocab.pricing.fixed),
        PricingModel::Subscription => td_string!(locale, vocab.pricing.subscription),
        PricingModel::PerCall => td_string!(locale, vocab.pricing.per_call),
        PricingModel::Quote => td_string!(locale, vocab.pricing.quote),
    }
}

pub fn personal_info(locale: Locale, v: PersonalInfo) -> &'static str {
    match v {
        PersonalInfo::None => td_string!(locale, vocab.personal_info.none),
        PersonalInfo::DeIdentified => td_string!(locale, vocab.personal_info.de_identified),
        PersonalInfo::WithConsent => td_string!(locale, vocab.personal_info.with_consent),
    }
}

pub fn classification(locale: Locale, v: Classification) -> &'static str {
    match v {
        Classification::General => td_string!(locale, vocab.classification.general),
        Classification::Important => td_string!(locale, vocab.classification.important),
    }
}

pub fn modality(locale: Locale, v: Modality) -> &'static str {
    match v {
        Modality::Text => td_string!(locale, vocab.modality.text),
        Modality::Image => td_string!(locale, vocab.modality.image),
        Modality::Video => td_string!(locale, vocab.modality.video),
        Modality::Audio => td_string!(locale, vocab.modality.audio),
        Modality::Tabular => td_string!(locale, vocab.modality.tabular),
        Modality::TimeSeries => td_string!(locale, vocab.modality.time_series),
        Modality::Multimodal => td_string!(locale, vocab.modality.multimodal),
    }
}

/// A price as its model states it: `¥1,234.50`, `¥500.00 / month`, `面议` …
pub fn price(locale: Locale, model: PricingModel, fen: Option<i64>) -> String {
    match (model, fen) {
        (PricingModel::Fixed, Some(fen)) => format_fen(fen),
        (PricingModel::Subscription, Some(fen)) => {
            td_string!(locale, listing.per_month, price = format_fen(fen))
        }
        (PricingModel::PerCall, Some(fen)) => {
            td_string!(locale, listing.per_thousand_calls, price = format_fen(fen))
        }
        _ => pricing(locale, PricingModel::Quote).to_owned(),
    }
}

/// Picks the text in the reader's language, falling back to the other when empty.
pub fn pick<'a>(locale: Locale, zh: &'a str, en: &'a str) -> &'a str {
    match locale {
        Locale::zh if !zh.is_empty() => zh,
        Locale::en if !en.is_empty() => en,
        _ if zh.is_empty() => en,
        _ => zh,
    }
}

/// The text in the language the reader is *not* using (a merchant's other name).
pub fn other<'a>(locale: Locale, zh: &'a str, en: &'a str) -> &'a str {
    if locale == Locale::zh { en } else { zh }
}

pub fn merchant_status(locale: Locale, v: MerchantStatus) -> &'static str {
    match v {
        MerchantStatus::Pending => td_string!(locale, vocab.merchant_status.pending),
        MerchantStatus::Approved => td_string!(locale, vocab.merchant_status.approved),
        MerchantStatus::Rejected => td_string!(locale, vocab.merchant_status.rejected),
        MerchantStatus::Suspended => td_string!(locale, vocab.merchant_status.suspended),
    }
}

pub fn listing_status(locale: Locale, v: ListingStatus) -> &'static str {
    match v {
        ListingStatus::Draft => td_string!(locale, vocab.listing_status.draft),
        ListingStatus::Published => td_string!(locale, vocab.listing_status.published),
        ListingStatus::Archived => td_string!(locale, vocab.listing_status.archived),
        ListingStatus::Suspended => td_string!(locale, vocab.listing_status.suspended),
    }
}

pub fn member_role(locale: Locale, v: MemberRole) -> &'static str {
    match v {
        MemberRole::Owner => td_string!(locale, vocab.member_role.owner),
        MemberRole::Member => td_string!(locale, vocab.member_role.member),
    }
}

pub fn order_status(locale: Locale, v: OrderStatus) -> &'static str {
    match v {
        OrderStatus::Placed => td_string!(locale, vocab.order_status.placed),
        OrderStatus::Accepted => td_string!(locale, vocab.order_status.accepted),
        OrderStatus::Rejected => td_string!(locale, vocab.order_status.rejected),
        OrderStatus::Cancelled => td_string!(locale, vocab.order_status.cancelled),
        OrderStatus::Delivered => td_string!(locale, vocab.order_status.delivered),
        OrderStatus::Completed => td_string!(locale, vocab.order_status.completed),
    }
}

/// What one unit of an order is, by pricing model (a unit, a month, 1,000 calls).
pub fn unit(locale: Locale, v: PricingModel) -> &'static str {
    match v {
        PricingModel::Subscription => td_string!(locale, orders.unit_month),
        PricingModel::PerCall => td_string!(locale, orders.unit_calls),
        PricingModel::Fixed | PricingModel::Quote => td_string!(locale, orders.unit_item),
    }
}

pub fn inquiry_status(locale: Locale, v: InquiryStatus) -> &'static str {
    match v {
        InquiryStatus::Open => td_string!(locale, vocab.inquiry_status.open),
        InquiryStatus::Answered => td_string!(locale, vocab.inquiry_status.answered),
        InquiryStatus::Closed => td_string!(locale, vocab.inquiry_status.closed),
    }
}

pub fn requirement_status(locale: Locale, v: RequirementStatus) -> &'static str {
    match v {
        RequirementStatus::Open => td_string!(locale, vocab.requirement_status.open),
        RequirementStatus::Awarded => td_string!(locale, vocab.requirement_status.awarded),
        RequirementStatus::Closed => td_string!(locale, vocab.requirement_status.closed),
        RequirementStatus::Expired => td_string!(locale, vocab.requirement_status.expired),
    }
}

pub fn quote_status(locale: Locale, v: QuoteStatus) -> &'static str {
    match v {
        QuoteStatus::Offered => td_string!(locale, vocab.quote_status.offered),
        QuoteStatus::Accepted => td_string!(locale, vocab.quote_status.accepted),
        QuoteStatus::Declined => td_string!(locale, vocab.quote_status.declined),
        QuoteStatus::Expired => td_string!(locale, vocab.quote_status.expired),
        QuoteStatus::NotSelected => td_string!(locale, vocab.quote_status.not_selected),
    }
}
