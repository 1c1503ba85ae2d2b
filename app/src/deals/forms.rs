//! The forms of the deals, as posted, and their parsing: an inquiry, a quote, a
//! requirement. Every refusal names its field and the form comes back as typed.

use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use crate::error::{FieldErrors, Reason};

/// A buyer's first question to a merchant.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InquiryForm {
    #[serde(default)]
    pub subject: String,
    #[serde(default)]
    pub message: String,
    /// Optional, a whole number.
    #[serde(default)]
    pub quantity: String,
    /// Optional, yuan.
    #[serde(default)]
    pub budget: String,
    /// Optional, YYYY-MM-DD.
    #[serde(default)]
    pub deadline: String,
}

/// A merchant's offer.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuoteForm {
    #[serde(default)]
    pub pricing_model: String,
    /// Yuan per unit.
    #[serde(default)]
    pub price: String,
    #[serde(default)]
    pub quantity: String,
    #[serde(default)]
    pub delivery_days: String,
    #[serde(default)]
    pub terms: String,
    /// YYYY-MM-DD.
    #[serde(default)]
    pub valid_until: String,
}

/// A buyer's broadcast request for quotes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequirementForm {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub service_field: String,
    #[serde(default)]
    pub industries: Vec<String>,
    #[serde(default)]
    pub budget_min: String,
    #[serde(default)]
    pub budget_max: String,
    #[serde(default)]
    pub deadline: String,
}

#[cfg(feature = "ssr")]
pub use parsing::*;

#[cfg(feature = "ssr")]
mod parsing {
    use super::*;
    use crate::catalog::editor::parse_yuan;
    use crate::deals::model::{MAX_NOTE_CHARS, quantity, whole_number};
    use crate::merchants::model::{choice, choices};
    use crate::vocab::{Industry, PricingModel, ServiceField};
    use time::Date;

    /// Today in the market's calendar (UTC+8).
    pub fn today() -> Date {
        (time::OffsetDateTime::now_utc() + time::Duration::hours(8)).date()
    }

    /// A date from today to a year ahead, written YYYY-MM-DD.
    pub fn date_ahead(raw: &str, today: Date) -> Result<Date, Reason> {
        let raw = raw.trim();
        if raw.is_empty() {
            return Err(Reason::Required);
        }
        let mut parts = raw.splitn(3, '-').map(|p| p.parse::<i32>().ok());
        let (Some(Some(y)), Some(Some(m)), Some(Some(d))) =
            (parts.next(), parts.next(), parts.next())
        else {
            return Err(Reason::DateFormat);
        };
        let month = u8::try_from(m)
            .ok()
            .and_then(|m| time::Month::try_from(m).ok());
        let date = month
            .and_then(|m| Date::from_calendar_date(y, m, u8::try_from(d).ok()?).ok())
            .ok_or(Reason::DateFormat)?;
        if date < today || date > today + time::Duration::days(366) {
            return Err(Reason::DateRange);
        }
        Ok(date)
    }

    fn optional<T>(
        raw: &str,
        parse: impl Fn(&str) -> Result<T, Reason>,
    ) -> Result<Option<T>, Reason> {
        if raw.trim().is_empty() {
            Ok(None)
        } else {
            parse(raw).map(Some)
        }
    }

    fn typed(pairs: &[(&str, &String)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).clone()))
            .collect()
    }

    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct InquiryDraft {
        pub subject: String,
        pub message: String,
        pub quantity: Option<i32>,
        pub budget_fen: Option<i64>,
        pub deadline: Option<Date>,
    }

    impl InquiryForm {
        pub fn parse(&self, today: Date) -> Result<InquiryDraft, FieldErrors> {
            let mut e = FieldErrors::default();
            let subject = e.check("subject", crate::text::line(&self.subject, 160));
            let message = e.check("message", required_paragraphs(&self.message));
            let quantity = e.check("quantity", optional(&self.quantity, quantity));
            let budget_fen = e.check("budget", optional(&self.budget, parse_yuan));
            let deadline = e.check(
                "deadline",
                optional(&self.deadline, |r| date_ahead(r, today)),
            );
            let draft = (|| {
                Some(InquiryDraft {
                    subject: subject?,
                    message: message?,
                    quantity: quantity?,
                    budget_fen: budget_fen?,
                    deadline: deadline?,
                })
            })();
            match draft {
                Some(draft) if e.is_empty() => Ok(draft),
                _ => {
                    e.typed = self.typed();
                    Err(e)
                }
            }
        }

        /// What was typed, to give back with a refusal.
        pub fn typed(&self) -> Vec<(String, String)> {
            typed(&[
                ("subject", &self.subject),
                ("message", &self.message),
                ("quantity", &self.quantity),
                ("budget", &self.budget),
                ("deadline", &self.deadline),
            ])
        }
    }

    /// Paragraphs that must not be blank (a message, a description).
    pub fn required_paragraphs(raw: &str) -> Result<String, Reason> {
        match crate::text::paragraphs(raw, MAX_NOTE_CHARS)? {
            text if text.is_empty() => Err(Reason::Required),
            text => Ok(text),
        }
    }

    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct QuoteDraft {
        pub pricing_model: PricingModel,
        pub unit_price_fen: i64,
        pub quantity: i32,
        pub delivery_days: i32,
        pub terms: String,
        pub valid_until: Date,
    }

    impl QuoteForm {
        pub fn parse(&self, today: Date) -> Result<QuoteDraft, FieldErrors> {
            let mut e = FieldErrors::default();
            let pricing_model = e.check(
                "pricing_model",
                choice(&self.pricing_model, PricingModel::from_slug).and_then(|m| {
                    // A quote names its price: "on request" is what it answers.
                    if m == PricingModel::Quote {
                        Err(Reason::UnknownChoice)
                    } else {
                        Ok(m)
                    }
                }),
            );
            let unit_price_fen = e.check("price", parse_yuan(&self.price));
            let quantity = e.check("quantity", quantity(&self.quantity));
            let delivery_days = e.check(
                "delivery_days",
                whole_number(&self.delivery_days, 1, 3650).map(|n| n as i32),
            );
            // The order an accepted quote becomes copies these as its licence terms:
            // a quote without them would sell with none.
            let terms = e.check("terms", required_paragraphs(&self.terms));
            let valid_until = e.check("valid_until", date_ahead(&self.valid_until, today));
            let draft = (|| {
                Some(QuoteDraft {
                    pricing_model: pricing_model?,
                    unit_price_fen: unit_price_fen?,
                    quantity: quantity?,
                    delivery_days: delivery_days?,
                    terms: terms?,
                    valid_until: valid_until?,
                })
            })();
            match draft {
                Some(draft) if e.is_empty() => Ok(draft),
                _ => {
                    e.typed = typed(&[
                        ("pricing_model", &self.pricing_model),
                        ("price", &self.price),
                        ("quantity", &self.quantity),
                        ("delivery_days", &self.delivery_days),
                        ("terms", &self.terms),
                        ("valid_until", &self.valid_until),
                    ]);
                    Err(e)
                }
            }
        }
    }

    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct RequirementDraft {
        pub title: String,
        pub description: String,
        pub service_field: ServiceField,
        pub industries: Vec<Industry>,
        pub budget_min_fen: Option<i64>,
        pub budget_max_fen: Option<i64>,
        pub deadline: Date,
    }

    impl RequirementForm {
        pub fn parse(&self, today: Date) -> Result<RequirementDraft, FieldErrors> {
            let mut e = FieldErrors::default();
            let title = e.check("title", crate::text::line(&self.title, 160));
            let description = e.check("description", required_paragraphs(&self.description));
            let service_field = e.check(
                "service_field",
                choice(&self.service_field, ServiceField::from_slug),
            );
            let industries = e.check(
                "industries",
                choices(&self.industries, Industry::from_slug, false),
            );
            let min = e.check("budget_min", optional(&self.budget_min, parse_yuan));
            let max = e.check("budget_max", optional(&self.budget_max, parse_yuan));
            if let (Some(Some(min)), Some(Some(max))) = (min, max)
                && min > max
            {
                e.push("budget_max", Reason::BudgetRange);
            }
            let deadline = e.check("deadline", date_ahead(&self.deadline, today));
            let draft = (|| {
                Some(RequirementDraft {
                    title: title?,
                    description: description?,
                    service_field: service_field?,
                    industries: industries?,
                    budget_min_fen: min?,
                    budget_max_fen: max?,
                    deadline: deadline?,
                })
            })();
            match draft {
                Some(draft) if e.is_empty() => Ok(draft),
                _ => {
                    e.typed = self.typed();
                    Err(e)
                }
            }
        }

        /// What was typed, to give back with a refusal (the industries joined by commas).
        pub fn typed(&self) -> Vec<(String, String)> {
            let mut typed = typed(&[
                ("title", &self.title),
                ("description", &self.description),
                ("service_field", &self.service_field),
                ("budget_min", &self.budget_min),
                ("budget_max", &self.budget_max),
                ("deadline", &self.deadline),
            ]);
            typed.push(("industries".to_owned(), self.industries.join(",")));
            typed
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        fn date(y: i32, m: u8, d: u8) -> Date {
            Date::from_calendar_date(y, time::Month::try_from(m).expect("month"), d).expect("date")
        }

        fn fixed_today() -> Date {
            date(2026, 11, 28)
        }

        #[test]
        fn dates_are_from_today_to_a_year_ahead() {
            assert_eq!(date_ahead("2026-11-28", fixed_today()), Ok(fixed_today()));
            assert_eq!(
                date_ahead(" 2027-02-28 ", fixed_today()),
                Ok(date(2027, 2, 28))
            );
            assert_eq!(
                date_ahead("2026-11-27", fixed_today()),
                Err(Reason::DateRange)
            );
            assert_eq!(
                date_ahead("2028-01-01", fixed_today()),
                Err(Reason::DateRange)
            );
            for bad in [
                "2027-02-30",
                "28/11/2026",
                "2026-13-01",
                "tomorrow",
                "2026-11",
            ] {
                assert_eq!(
                    date_ahead(bad, fixed_today()),
                    Err(Reason::DateFormat),
                    "{bad}"
                );
            }
            assert_eq!(date_ahead("", fixed_today()), Err(Reason::Required));
        }

        #[test]
        fn a_quote_names_a_price_quantity_delivery_time_and_date() {
            let form = QuoteForm {
                pricing_model: "fixed".into(),
                price: "1,280.50".into(),
                quantity: "2".into(),
                delivery_days: "14".into(),
                terms: "One year licence".into(),
                valid_until: "2026-12-31".into(),
            };
            let draft = form.parse(fixed_today()).expect("parses");
            assert_eq!(
                (draft.unit_price_fen, draft.quantity, draft.delivery_days),
                (128_050, 2, 14)
            );
            let refused = QuoteForm {
                pricing_model: "quote".into(),
                price: "x".into(),
                ..form
            }
            .parse(fixed_today())
            .expect_err("refused");
            assert_eq!(
                refused.for_field("pricing_model"),
                Some(Reason::UnknownChoice)
            );
            assert_eq!(refused.for_field("price"), Some(Reason::PriceFormat));
            assert_eq!(refused.typed("price"), Some("x"));
        }

        #[test]
        fn a_quote_without_terms_is_refused() {
            for blank in ["", "  \n\t "] {
                let form = QuoteForm {
                    pricing_model: "fixed".into(),
                    price: "100".into(),
                    quantity: "1".into(),
                    delivery_days: "14".into(),
                    terms: blank.into(),
                    valid_until: "2026-12-31".into(),
                };
                let refused = form.parse(fixed_today()).expect_err("refused");
                assert_eq!(
                    refused.for_field("terms"),
                    Some(Reason::Required),
                    "{blank:?}"
                );
                assert_eq!(refused.typed("price"), Some("100"));
            }
        }

        #[test]
        fn a_quote_price_or_budget_over_the_cap_names_the_cap() {
            let too_high = Some(Reason::PriceTooHigh {
                max_fen: crate::catalog::editor::MAX_PRICE_FEN,
            });
            let quote = QuoteForm {
                pricing_model: "fixed".into(),
                price: "200,000,000".into(),
                quantity: "1".into(),
                delivery_days: "14".into(),
                terms: "One year licence".into(),
                valid_until: "2026-12-31".into(),
            };
            let refused = quote.parse(fixed_today()).expect_err("refused");
            assert_eq!(refused.for_field("price"), too_high);
            let inquiry = InquiryForm {
                subject: "Labels".into(),
                message: "Can you?".into(),
                budget: "1000000000".into(),
                ..InquiryForm::default()
            };
            let refused = inquiry.parse(fixed_today()).expect_err("refused");
            assert_eq!(refused.for_field("budget"), too_high);
            let requirement = RequirementForm {
                title: "Label CT images".into(),
                description: "Two readers.".into(),
                service_field: "data-technology".into(),
                budget_max: "100000000.01".into(),
                deadline: "2026-12-15".into(),
                ..RequirementForm::default()
            };
            let refused = requirement.parse(fixed_today()).expect_err("refused");
            assert_eq!(refused.for_field("budget_max"), too_high);
        }

        #[test]
        fn a_requirement_budget_runs_from_low_to_high() {
            let form = RequirementForm {
                title: "Label 10,000 CT images".into(),
                description: "Lung nodules, two readers.".into(),
                service_field: "data-technology".into(),
                industries: vec!["healthcare".into()],
                budget_min: "50000".into(),
                budget_max: "20000".into(),
                deadline: "2026-12-15".into(),
            };
            let refused = form.parse(fixed_today()).expect_err("refused");
            assert_eq!(refused.for_field("budget_max"), Some(Reason::BudgetRange));
            let fine = RequirementForm {
                budget_max: "80000".into(),
                ..form
            }
            .parse(fixed_today())
            .expect("parses");
            assert_eq!(
                (fine.budget_min_fen, fine.budget_max_fen),
                (Some(5_000_000), Some(8_000_000))
            );
        }
    }
}
