//! The one error type that crosses from server to browser.
//!
//! Every failure a person can see is an [`AppError`] with a stable code; the UI turns the
//! code into words in the reader's language. Causes of unexpected failures are logged on
//! the server (with the request id) and never leave it.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Why a submitted value was refused. The UI translates each variant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    Required,
    EmailFormat,
    EmailTaken,
    PasswordTooShort,
    PasswordTooLong,
    PasswordCommon,
    NameTooLong,
    NameControlChars,
    BadCredentials,
    UsccFormat,
    UsccChecksum,
    /// A link from an e-mail that expired, was used already, or never existed.
    LinkInvalid,
    /// The current password, asked for before changing it, was wrong.
    WrongPassword,
    /// A second-factor code that is wrong, expired, or was used already.
    WrongCode,
    /// The authenticator is locked after too many wrong codes in a row: only a recovery
    /// code, or another operator, opens it again.
    SecondFactorLocked,
    /// Longer than the field takes (in characters).
    TooLong {
        max: u32,
    },
    /// Control or invisible format characters in text others read.
    HiddenCharacters,
    /// Not one of the values the field offers (a tampered or stale form).
    UnknownChoice,
    /// Not an http:// or https:// address.
    WebsiteFormat,
    /// A founding year outside 1900 to this year.
    YearRange,
    /// Another merchant (or open application) holds this unified social credit code.
    UsccTaken,
    /// Too many entries in a list (certifications, industries …).
    TooMany {
        max: u32,
    },
    /// The person already works for a merchant.
    AlreadyMember,
    /// Inviting someone who is in the owner's own team already.
    InYourTeam,
    /// More invitations waiting for an answer than a merchant may have at once.
    InvitationsWaiting {
        max: u32,
    },
    /// More invitations than a merchant may send in a day.
    InvitationsToday {
        max: u32,
    },
    /// Accepting an invitation: operators run the market and join no merchant.
    OperatorCannotJoin,
    /// Accepting an invitation while working for a merchant already.
    InATeam,
    /// Accepting an invitation while one's own merchant application is under review.
    ApplicationOpen,
    /// Not a price in yuan with at most two decimals.
    PriceFormat,
    /// A price (or budget) above the most the market takes, in fen.
    PriceTooHigh {
        max_fen: i64,
    },
    /// Not a whole number from `min` to `max` (a quantity, stars).
    Range {
        min: i64,
        max: i64,
    },
    /// A file larger than the form takes.
    FileTooLarge {
        max_mb: u32,
    },
    /// Not a date written as YYYY-MM-DD.
    DateFormat,
    /// A date before today or more than a year ahead.
    DateRange,
    /// A budget's lower end above its upper end.
    BudgetRange,
    /// A CSV sample that cannot be read; the problem and where.
    Csv {
        problem: CsvIssue,
        line: u32,
        column: u32,
    },
}

/// What is wrong with a CSV sample (see `catalog::sample_csv`). `line` and `column` of
/// [`Reason::Csv`] are 0 where they do not apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CsvIssue {
    Empty,
    TooLarge,
    NotUtf8,
    LooksLikeGbk,
    Malformed,
    NoRows,
    TooManyColumns,
    EmptyColumnName,
    DuplicateColumnName,
    ColumnNameTooLong,
    RaggedRow,
    CellTooLong,
    HiddenCharacters,
}

/// What a quota of the deals counts, per hour (the limits and why: `deals::quota`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Quota {
    /// Inquiries one person sends.
    Inquiries,
    /// Inquiries one person sends to one merchant.
    InquiriesToMerchant,
    /// Messages one person writes in all threads.
    Messages,
    /// Messages one person writes in one thread.
    MessagesInThread,
    /// Requirements one person posts.
    Requirements,
    /// Orders one person places.
    Orders,
    /// Orders one person places with one merchant.
    OrdersWithMerchant,
}

/// A refused value: the form field (its `name` attribute) and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub reason: Reason,
}

/// All refused fields of one submission, so a form can show every message at once,
/// and what was typed into the form (never passwords), so that a form re-rendered
/// without JavaScript can give it back.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldErrors {
    pub errors: Vec<FieldError>,
    #[serde(default)]
    pub typed: Vec<(String, String)>,
}

impl FieldErrors {
    pub fn single(field: &str, reason: Reason) -> Self {
        let mut errors = Self::default();
        errors.push(field, reason);
        errors
    }

    pub fn push(&mut self, field: &str, reason: Reason) {
        self.errors.push(FieldError {
            field: field.to_owned(),
            reason,
        });
    }

    pub fn typed(&self, field: &str) -> Option<&str> {
        self.typed
            .iter()
            .find(|(name, _)| name == field)
            .map(|(_, value)| value.as_str())
    }

    /// Records the outcome of parsing one field and hands back the value if it parsed.
    pub fn check<T>(&mut self, field: &str, parsed: Result<T, Reason>) -> Option<T> {
        parsed.map_err(|reason| self.push(field, reason)).ok()
    }

    pub fn for_field(&self, field: &str) -> Option<Reason> {
        self.errors
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.reason)
    }

    pub fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }

    /// `Ok(())` when nothing was refused, else the whole set as an [`AppError`].
    pub fn into_result(self) -> Result<(), AppError> {
        if self.is_empty() {
            Ok(())
        } else {
            Err(AppError::Invalid(self))
        }
    }
}

/// On the wire each error is an object tagged with its stable `code`
/// (`{"code":"invalid","errors":[…],"typed":[…]}`); renaming a variant keeps its code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case", from = "Wire")]
pub enum AppError {
    /// Needs a signed-in user.
    Unauthenticated,
    /// Signed in, but not allowed to do this.
    Forbidden,
    NotFound,
    /// A state change that is not allowed from the current state.
    Conflict,
    /// One or more fields were refused.
    Invalid(FieldErrors),
    /// Sign-in attempts are throttled for this many more minutes.
    TooManyAttempts {
        minutes: u32,
    },
    /// One of the deals' quotas is used up (see `deals::quota`): at most `limit` of
    /// `quota` an hour, room again in `minutes`. What was typed comes back with it.
    OverQuota {
        quota: Quota,
        limit: u32,
        minutes: u32,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        typed: Vec<(String, String)>,
    },
    /// A state-changing request from another site.
    CrossSite,
    /// The request could not be read (malformed arguments).
    BadRequest,
    /// The browser could not reach the server.
    Network,
    /// The server could not reach its database; worth trying again soon.
    Unavailable,
    /// Needs a verified e-mail address (inquiries, orders, merchant applications).
    EmailUnverified,
    /// Something broke on the server; the cause is in the log.
    Unexpected,
}

/// An [`AppError`] as it arrives: one flat object, read in a single pass. (Derived, an
/// internally tagged enum buffers the whole object before reading it, which costs the
/// browser's bundle a second deserializer for every type inside.)
#[derive(Deserialize)]
struct Wire {
    code: Code,
    #[serde(default)]
    errors: Vec<FieldError>,
    #[serde(default)]
    typed: Vec<(String, String)>,
    #[serde(default)]
    minutes: u32,
    #[serde(default)]
    quota: Option<Quota>,
    #[serde(default)]
    limit: u32,
}

/// The `code` of each [`AppError`] variant.
#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum Code {
    Unauthenticated,
    Forbidden,
    NotFound,
    Conflict,
    Invalid,
    TooManyAttempts,
    OverQuota,
    CrossSite,
    BadRequest,
    Network,
    Unavailable,
    EmailUnverified,
    Unexpected,
}

impl From<Wire> for AppError {
    fn from(wire: Wire) -> Self {
        match wire.code {
            Code::Unauthenticated => Self::Unauthenticated,
            Code::Forbidden => Self::Forbidden,
            Code::NotFound => Self::NotFound,
            Code::Conflict => Self::Conflict,
            Code::Invalid => Self::Invalid(FieldErrors {
                errors: wire.errors,
                typed: wire.typed,
            }),
            Code::TooManyAttempts => Self::TooManyAttempts {
                minutes: wire.minutes,
            },
            Code::OverQuota => match wire.quota {
                Some(quota) => Self::OverQuota {
                    quota,
                    limit: wire.limit,
                    minutes: wire.minutes,
                    typed: wire.typed,
                },
                None => Self::Unexpected,
            },
            Code::CrossSite => Self::CrossSite,
            Code::BadRequest => Self::BadRequest,
            Code::Network => Self::Network,
            Code::Unavailable => Self::Unavailable,
            Code::EmailUnverified => Self::EmailUnverified,
            Code::Unexpected => Self::Unexpected,
        }
    }
}

impl AppError {
    /// The HTTP status this error is answered with.
    pub fn status(&self) -> http::StatusCode {
        use http::StatusCode as S;
        match self {
            Self::Unauthenticated => S::UNAUTHORIZED,
            Self::Forbidden | Self::CrossSite | Self::EmailUnverified => S::FORBIDDEN,
            Self::NotFound => S::NOT_FOUND,
            Self::Conflict => S::CONFLICT,
            Self::Invalid(_) => S::UNPROCESSABLE_ENTITY,
            Self::TooManyAttempts { .. } | Self::OverQuota { .. } => S::TOO_MANY_REQUESTS,
            Self::BadRequest => S::BAD_REQUEST,
            Self::Network | Self::Unavailable => S::SERVICE_UNAVAILABLE,
            Self::Unexpected => S::INTERNAL_SERVER_ERROR,
        }
    }

    /// Keeps what was typed in these fields with a validation error (never pass passwords).
    pub fn with_typed(self, fields: &[(&str, &str)]) -> Self {
        match self {
            Self::Invalid(mut errors) => {
                errors.typed = fields
                    .iter()
                    .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                    .collect();
                Self::Invalid(errors)
            }
            other => other,
        }
    }

    /// What was typed in `field`, when a validation error or a quota gave it back.
    pub fn typed(&self, field: &str) -> Option<&str> {
        match self {
            Self::Invalid(errors) => errors.typed(field),
            Self::OverQuota { typed, .. } => typed
                .iter()
                .find(|(name, _)| name == field)
                .map(|(_, value)| value.as_str()),
            _ => None,
        }
    }

    /// The refusal for `field`, if this error refused it.
    pub fn field(&self, field: &str) -> Option<Reason> {
        match self {
            Self::Invalid(errors) => errors.for_field(field),
            _ => None,
        }
    }
}

impl From<FieldErrors> for AppError {
    fn from(errors: FieldErrors) -> Self {
        Self::Invalid(errors)
    }
}

impl fmt::Display for AppError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Only for logs; people see the translated message.
        write!(f, "{self:?}")
    }
}

impl std::error::Error for AppError {}

impl leptos::server_fn::error::FromServerFnError for AppError {
    type Encoder = leptos::server_fn::codec::JsonEncoding;

    fn from_server_fn_error(error: leptos::server_fn::error::ServerFnErrorErr) -> Self {
        use leptos::server_fn::error::ServerFnErrorErr as E;
        match error {
            E::Args(_)
            | E::MissingArg(_)
            | E::Deserialization(_)
            | E::UnsupportedRequestMethod(_) => Self::BadRequest,
            E::Request(_) => Self::Network,
            _ => Self::Unexpected,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// The wire format is a contract with every browser that holds an old bundle: each
    /// variant's JSON is pinned here, and a rename that changes it fails this test.
    #[test]
    fn every_error_has_a_stable_code_on_the_wire() {
        let mut invalid = FieldErrors::single("email", Reason::EmailFormat);
        invalid.typed.push(("email".to_owned(), "a@".to_owned()));
        let cases = [
            (
                AppError::Unauthenticated,
                json!({"code": "unauthenticated"}),
            ),
            (AppError::Forbidden, json!({"code": "forbidden"})),
            (AppError::NotFound, json!({"code": "not_found"})),
            (AppError::Conflict, json!({"code": "conflict"})),
            (
                AppError::Invalid(invalid),
                json!({"code": "invalid",
                       "errors": [{"field": "email", "reason": "email_format"}],
                       "typed": [["email", "a@"]]}),
            ),
            (
                AppError::TooManyAttempts { minutes: 7 },
                json!({"code": "too_many_attempts", "minutes": 7}),
            ),
            (
                AppError::OverQuota {
                    quota: Quota::InquiriesToMerchant,
                    limit: 5,
                    minutes: 12,
                    typed: vec![("subject".to_owned(), "Hi".to_owned())],
                },
                json!({"code": "over_quota", "quota": "inquiries_to_merchant", "limit": 5,
                       "minutes": 12, "typed": [["subject", "Hi"]]}),
            ),
            (AppError::CrossSite, json!({"code": "cross_site"})),
            (AppError::BadRequest, json!({"code": "bad_request"})),
            (AppError::Network, json!({"code": "network"})),
            (AppError::Unavailable, json!({"code": "unavailable"})),
            (
                AppError::EmailUnverified,
                json!({"code": "email_unverified"}),
            ),
            (AppError::Unexpected, json!({"code": "unexpected"})),
        ];
        for (error, wire) in cases {
            assert_eq!(serde_json::to_value(&error).ok(), Some(wire.clone()));
            assert_eq!(serde_json::from_value::<AppError>(wire).ok(), Some(error));
        }
    }

    #[test]
    fn an_unavailable_database_is_a_503_and_a_bug_a_500() {
        assert_eq!(AppError::Unavailable.status().as_u16(), 503);
        assert_eq!(AppError::Unexpected.status().as_u16(), 500);
    }
}
