//! The market's shared vocabulary (PRODUCT.md): every enum is stored, sent and put in
//! URLs as its slug; the UI translates it. Wasm-safe.

/// Declares an enum whose variants map one-to-one to slugs.
macro_rules! slug_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $slug:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        pub enum $name {
            $(#[serde(rename = $slug)] $variant),+
        }

        impl $name {
            pub const ALL: &'static [Self] = &[$(Self::$variant),+];

            pub fn slug(self) -> &'static str {
                match self { $(Self::$variant => $slug),+ }
            }

            pub fn from_slug(slug: &str) -> Option<Self> {
                match slug { $($slug => Some(Self::$variant),)+ _ => None }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.slug())
            }
        }
    };
}

slug_enum!(
    /// The three-tier formation.
    Tier { Leading = "leading", Growing = "growing", Inbound = "inbound" }
);

slug_enum!(
    ServiceField {
        DataTechnology = "data-technology",
        ProductDevelopment = "product-development",
        Operation = "operation",
        Circulation = "circulation",
        Security = "security",
    }
);

slug_enum!(
    ListingKind { Dataset = "dataset", DataProduct = "data-product", Service = "service" }
);

slug_enum!(
    Industry {
        Manufacturing = "manufacturing",
        Textiles = "textiles",
        Automotive = "automotive",
        Chemicals = "chemicals",
        Electronics = "electronics",
        Equipment = "equipment",
        Logistics = "logistics",
        Retail = "retail",
        Finance = "finance",
        Healthcare = "healthcare",
        Agriculture = "agriculture",
        Energy = "energy",
        PublicSector = "public-sector",
    }
);

slug_enum!(
    /// Zhejiang's eleven cities and the Yangtze River Delta partners.
    Region {
        Hangzhou = "hangzhou",
        Ningbo = "ningbo",
        Wenzhou = "wenzhou",
        Jiaxing = "jiaxing",
        Huzhou = "huzhou",
        Shaoxing = "shaoxing",
        Jinhua = "jinhua",
        Quzhou = "quzhou",
        Zhoushan = "zhoushan",
        Taizhou = "taizhou",
        Lishui = "lishui",
        Shanghai = "shanghai",
        Jiangsu = "jiangsu",
        Anhui = "anhui",
    }
);

slug_enum!(
    DeliveryMode {
        Download = "download",
        Api = "api",
        OnPremise = "on-premise",
        DataSpace = "data-space",
        OnSite = "on-site",
    }
);

slug_enum!(
    PricingModel { Fixed = "fixed", Subscription = "subscription", PerCall = "per-call", Quote = "quote" }
);

slug_enum!(
    /// Where an order stands (PRODUCT.md's order state machine; see `deals::machine`).
    OrderStatus {
        Placed = "placed",
        Accepted = "accepted",
        Rejected = "rejected",
        Cancelled = "cancelled",
        Delivered = "delivered",
        Completed = "completed",
    }
);

slug_enum!(
    InquiryStatus { Open = "open", Answered = "answered", Closed = "closed" }
);

slug_enum!(
    RequirementStatus { Open = "open", Awarded = "awarded", Closed = "closed", Expired = "expired" }
);

slug_enum!(
    /// A merchant's offer on an inquiry or a requirement. An offered quote past its
    /// date reads as expired.
    QuoteStatus {
        Offered = "offered",
        Accepted = "accepted",
        Declined = "declined",
        Expired = "expired",
        NotSelected = "not-selected",
    }
);

slug_enum!(
    PersonalInfo { None = "none", DeIdentified = "de-identified", WithConsent = "with-consent" }
);

slug_enum!(
    Classification { General = "general", Important = "important" }
);

slug_enum!(
    Modality {
        Text = "text",
        Image = "image",
        Video = "video",
        Audio = "audio",
        Tabular = "tabular",
        TimeSeries = "time-series",
        Multimodal = "multimodal",
    }
);

slug_enum!(
    MerchantStatus { Pending = "pending", Approved = "approved", Rejected = "rejected", Suspended = "suspended" }
);

slug_enum!(
    ListingStatus { Draft = "draft", Published = "published", Archived = "archived", Suspended = "suspended" }
);

slug_enum!(
    /// A person's place in a merchant's team: the owner also manages the team.
    MemberRole { Owner = "owner", Member = "member" }
);

slug_enum!(
    /// Where an invitation to a team stands: it waits until the invitee accepts or
    /// declines it, or the owner withdraws it.
    InvitationStatus { Pending = "pending", Accepted = "accepted", Declined = "declined", Withdrawn = "withdrawn" }
);

/// Money in fen (CNY minor units), shown as `¥1,234.50`.
pub fn format_fen(fen: i64) -> String {
    let sign = if fen < 0 { "-" } else { "" };
    let abs = fen.unsigned_abs();
    let yuan = (abs / 100).to_string();
    let mut grouped = String::with_capacity(yuan.len() + yuan.len() / 3);
    for (i, digit) in yuan.chars().enumerate() {
        if i > 0 && (yuan.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    format!("{sign}¥{grouped}.{:02}", abs % 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_slug_round_trips() {
        for tier in Tier::ALL {
            assert_eq!(Tier::from_slug(tier.slug()), Some(*tier));
        }
        for region in Region::ALL {
            assert_eq!(Region::from_slug(region.slug()), Some(*region));
        }
        assert_eq!(Region::ALL.len(), 14);
        assert_eq!(Industry::ALL.len(), 13);
        assert_eq!(
            ServiceField::from_slug("security"),
            Some(ServiceField::Security)
        );
        assert_eq!(ServiceField::from_slug("Security"), None);
    }

    #[test]
    fn slugs_serialise_as_themselves() {
        assert_eq!(
            serde_json::to_string(&DeliveryMode::OnPremise).expect("json"),
            "\"on-premise\""
        );
    }

    #[test]
    fn fen_are_shown_as_yuan_with_thousands_separators() {
        assert_eq!(format_fen(0), "¥0.00");
        assert_eq!(format_fen(5), "¥0.05");
        assert_eq!(format_fen(123_450), "¥1,234.50");
        assert_eq!(format_fen(100_000_000), "¥1,000,000.00");
        assert_eq!(format_fen(-99), "-¥0.99");
    }
}
