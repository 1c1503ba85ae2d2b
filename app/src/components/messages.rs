//! Error codes into words, in the reader's language. The one place they are translated.

use std::borrow::Cow;

use crate::error::{AppError, CsvIssue, Quota, Reason};
use crate::i18n::{Locale, td_string};

pub fn reason_text(locale: Locale, reason: Reason) -> Cow<'static, str> {
    let text = match reason {
        Reason::Required => td_string!(locale, errors.required),
        Reason::EmailFormat => td_string!(locale, errors.email_format),
        Reason::EmailTaken => td_string!(locale, errors.email_taken),
        Reason::PasswordTooShort => td_string!(locale, errors.password_too_short),
        Reason::PasswordTooLong => td_string!(locale, errors.password_too_long),
        Reason::PasswordCommon => td_string!(locale, errors.password_common),
        Reason::NameTooLong => td_string!(locale, errors.name_too_long),
        Reason::NameControlChars => td_string!(locale, errors.name_control_chars),
        Reason::BadCredentials => td_string!(locale, errors.bad_credentials),
        Reason::UsccFormat => td_string!(locale, errors.uscc_format),
        Reason::UsccChecksum => td_string!(locale, errors.uscc_checksum),
        Reason::LinkInvalid => td_string!(locale, errors.link_invalid),
        Reason::WrongPassword => td_string!(locale, errors.wrong_password),
        Reason::WrongCode => td_string!(locale, errors.wrong_code),
        Reason::SecondFactorLocked => td_string!(locale, errors.second_factor_locked),
        Reason::HiddenCharacters => td_string!(locale, errors.hidden_characters),
        Reason::UnknownChoice => td_string!(locale, errors.unknown_choice),
        Reason::WebsiteFormat => td_string!(locale, errors.website_format),
        Reason::YearRange => td_string!(locale, errors.year_range),
        Reason::UsccTaken => td_string!(locale, errors.uscc_taken),
        Reason::AlreadyMember => td_string!(locale, errors.already_member),
        Reason::InYourTeam => td_string!(locale, errors.in_your_team),
        Reason::OperatorCannotJoin => td_string!(locale, errors.operator_cannot_join),
        Reason::InATeam => td_string!(locale, errors.in_a_team),
        Reason::ApplicationOpen => td_string!(locale, errors.application_open),
        Reason::PriceFormat => td_string!(locale, errors.price_format),
        Reason::DateFormat => td_string!(locale, errors.date_format),
        Reason::DateRange => td_string!(locale, errors.date_range),
        Reason::BudgetRange => td_string!(locale, errors.budget_range),
        Reason::TooLong { max } => return td_string!(locale, errors.too_long, max = max).into(),
        Reason::FileTooLarge { max_mb } => {
            return td_string!(locale, errors.file_too_large, max = max_mb).into();
        }
        Reason::Range { min, max } => {
            return td_string!(locale, errors.range, min = min, max = max).into();
        }
        Reason::PriceTooHigh { max_fen } => {
            let max = crate::vocab::format_fen(max_fen);
            return td_string!(locale, errors.price_too_high, max = max).into();
        }
        Reason::TooMany { max } => return td_string!(locale, errors.too_many, max = max).into(),
        Reason::InvitationsWaiting { max } => {
            return td_string!(locale, errors.invitations_waiting, max = max).into();
        }
        Reason::InvitationsToday { max } => {
            return td_string!(locale, errors.invitations_today, max = max).into();
        }
        Reason::Csv {
            problem,
            line,
            column,
        } => return csv_text(locale, problem, line, column).into(),
    };
    Cow::Borrowed(text)
}

/// A CSV problem in words, naming the line (and column) where it is.
fn csv_text(locale: Locale, problem: CsvIssue, line: u32, column: u32) -> String {
    match problem {
        CsvIssue::Empty => td_string!(locale, csv.empty).to_owned(),
        CsvIssue::TooLarge => td_string!(locale, csv.too_large).to_owned(),
        CsvIssue::NotUtf8 => td_string!(locale, csv.not_utf8, line = line),
        CsvIssue::LooksLikeGbk => td_string!(locale, csv.looks_like_gbk, line = line),
        CsvIssue::Malformed => td_string!(locale, csv.malformed, line = line),
        CsvIssue::NoRows => td_string!(locale, csv.no_rows).to_owned(),
        CsvIssue::TooManyColumns => td_string!(locale, csv.too_many_columns, count = column),
        CsvIssue::EmptyColumnName => td_string!(locale, csv.empty_column_name, column = column),
        CsvIssue::DuplicateColumnName => {
            td_string!(locale, csv.duplicate_column_name, column = column)
        }
        CsvIssue::ColumnNameTooLong => {
            td_string!(locale, csv.column_name_too_long, column = column)
        }
        CsvIssue::RaggedRow => td_string!(locale, csv.ragged_row, line = line),
        CsvIssue::CellTooLong => {
            td_string!(locale, csv.cell_too_long, line = line, column = column)
        }
        CsvIssue::HiddenCharacters => {
            td_string!(locale, csv.hidden_characters, line = line, column = column)
        }
    }
}

/// The sentence for an error as a whole (a form's top message, an error page).
pub fn error_text(locale: Locale, error: &AppError) -> String {
    match error {
        AppError::TooManyAttempts { minutes } => {
            td_string!(locale, errors.too_many_attempts, minutes = *minutes)
        }
        AppError::OverQuota {
            quota,
            limit,
            minutes,
            ..
        } => quota_text(locale, *quota, *limit, *minutes),
        AppError::Invalid(errors) => match errors.for_field("form") {
            Some(reason) => reason_text(locale, reason).into_owned(),
            None => td_string!(locale, common.fix_errors).to_owned(),
        },
        AppError::Unauthenticated => td_string!(locale, errors.unauthenticated).to_owned(),
        AppError::Forbidden => td_string!(locale, errors.forbidden).to_owned(),
        AppError::NotFound => td_string!(locale, errors.not_found).to_owned(),
        AppError::Conflict => td_string!(locale, errors.conflict).to_owned(),
        AppError::CrossSite => td_string!(locale, errors.cross_site).to_owned(),
        AppError::BadRequest => td_string!(locale, errors.bad_request).to_owned(),
        AppError::Network => td_string!(locale, errors.network).to_owned(),
        AppError::Unavailable => td_string!(locale, errors.unavailable).to_owned(),
        AppError::EmailUnverified => td_string!(locale, errors.email_unverified).to_owned(),
        AppError::Unexpected => td_string!(locale, errors.unexpected).to_owned(),
    }
}

/// A used-up quota in words: how many, of what, and when there is room again.
fn quota_text(locale: Locale, quota: Quota, limit: u32, minutes: u32) -> String {
    match quota {
        Quota::Inquiries => {
            td_string!(
                locale,
                errors.quota_inquiries,
                limit = limit,
                minutes = minutes
            )
        }
        Quota::InquiriesToMerchant => td_string!(
            locale,
            errors.quota_inquiries_to_merchant,
            limit = limit,
            minutes = minutes
        ),
        Quota::Messages => {
            td_string!(
                locale,
                errors.quota_messages,
                limit = limit,
                minutes = minutes
            )
        }
        Quota::MessagesInThread => td_string!(
            locale,
            errors.quota_messages_in_thread,
            limit = limit,
            minutes = minutes
        ),
        Quota::Requirements => {
            td_string!(
                locale,
                errors.quota_requirements,
                limit = limit,
                minutes = minutes
            )
        }
        Quota::Orders => td_string!(
            locale,
            errors.quota_orders,
            limit = limit,
            minutes = minutes
        ),
        Quota::OrdersWithMerchant => td_string!(
            locale,
            errors.quota_orders_with_merchant,
            limit = limit,
            minutes = minutes
        ),
    }
}

/// One notice per ignored URL value, saying why it was ignored.
#[cfg(feature = "ssr")]
#[leptos::component]
pub fn IgnoredNotices(ignored: Vec<crate::url_params::IgnoredParam>) -> impl leptos::IntoView {
    use crate::url_params::Ignored;
    use leptos::prelude::*;
    let locale = crate::i18n::use_i18n().get_locale();
    ignored
        .into_iter()
        .map(|ignored| {
            let text = match ignored.why {
                Ignored::Unknown => td_string!(
                    locale,
                    catalog.ignored,
                    name = ignored.name,
                    value = ignored.value
                ),
                Ignored::TooManyTerms => td_string!(
                    locale,
                    catalog.terms_dropped,
                    count = crate::search::MAX_TERMS,
                    value = ignored.value
                ),
            };
            view! { <p class="alert alert--notice" role="status">{text}</p> }
        })
        .collect_view()
}
