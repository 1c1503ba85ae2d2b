//! Account values shared by server and browser: parsed once, trusted afterwards.

use crate::error::Reason;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A syntactically valid e-mail address, trimmed and lower-cased so that one address
/// maps to one account whatever case it was typed in.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Email(String);

impl Email {
    pub const MAX_LEN: usize = 254;

    pub fn parse(raw: &str) -> Result<Self, Reason> {
        let normalised = raw.trim().to_lowercase();
        if normalised.is_empty() {
            return Err(Reason::Required);
        }
        if normalised.len() > Self::MAX_LEN {
            return Err(Reason::EmailFormat);
        }
        let address =
            email_address::EmailAddress::from_str(&normalised).map_err(|_| Reason::EmailFormat)?;
        // Quoted local parts and bare IP domains are legal but not what a person means here.
        let domain = address.domain();
        let plausible_domain = domain.contains('.')
            && !domain.starts_with('[')
            && domain.split('.').all(|label| !label.is_empty());
        if !plausible_domain || address.local_part().starts_with('"') {
            return Err(Reason::EmailFormat);
        }
        Ok(Self(normalised))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A password acceptable for a new account: 8–128 characters and not one of the most
/// common passwords. No composition rules (NIST SP 800-63B). Never logged or echoed.
#[derive(Clone, PartialEq, Eq)]
pub struct NewPassword(String);

impl NewPassword {
    pub const MIN_CHARS: usize = 8;
    pub const MAX_CHARS: usize = 128;

    pub fn parse(raw: &str) -> Result<Self, Reason> {
        let chars = raw.chars().count();
        if chars == 0 {
            return Err(Reason::Required);
        }
        if chars < Self::MIN_CHARS {
            return Err(Reason::PasswordTooShort);
        }
        if chars > Self::MAX_CHARS {
            return Err(Reason::PasswordTooLong);
        }
        Ok(Self(raw.to_owned()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("NewPassword(..)")
    }
}

/// The name shown for a person: trimmed, 1–60 characters, no control characters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DisplayName(String);

impl DisplayName {
    pub const MAX_CHARS: usize = 60;

    pub fn parse(raw: &str) -> Result<Self, Reason> {
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            return Err(Reason::Required);
        }
        if trimmed.chars().count() > Self::MAX_CHARS {
            return Err(Reason::NameTooLong);
        }
        if crate::text::has_hidden_characters(trimmed) {
            return Err(Reason::NameControlChars);
        }
        Ok(Self(trimmed.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// What a user may do. Stored as its slug.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Buyer,
    Merchant,
    Admin,
}

impl Role {
    pub fn slug(self) -> &'static str {
        match self {
            Self::Buyer => "buyer",
            Self::Merchant => "merchant",
            Self::Admin => "admin",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Self> {
        match slug {
            "buyer" => Some(Self::Buyer),
            "merchant" => Some(Self::Merchant),
            "admin" => Some(Self::Admin),
            _ => None,
        }
    }
}

/// The signed-in person, as the UI needs to know them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentUser {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    /// Whether the address was proven by a link sent to it.
    pub email_verified: bool,
}

impl CurrentUser {
    /// `EmailUnverified` until the address is verified: inquiries, orders and merchant
    /// applications need someone reachable.
    pub fn require_verified_email(&self) -> Result<(), crate::error::AppError> {
        if self.email_verified {
            Ok(())
        } else {
            Err(crate::error::AppError::EmailUnverified)
        }
    }

    /// The single place roles are enforced: `Forbidden` unless the user has one of `allowed`.
    pub fn require_role(&self, allowed: &[Role]) -> Result<(), crate::error::AppError> {
        if allowed.contains(&self.role) {
            Ok(())
        } else {
            Err(crate::error::AppError::Forbidden)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::AppError;

    #[test]
    fn an_email_is_trimmed_and_lower_cased() {
        let email = Email::parse("  Li.Wei@Example.COM ").expect("valid");
        assert_eq!(email.as_str(), "li.wei@example.com");
    }

    #[test]
    fn an_empty_email_is_required() {
        assert_eq!(Email::parse("   "), Err(Reason::Required));
    }

    #[test]
    fn emails_without_at_sign_or_dotted_domain_are_refused() {
        for raw in [
            "li.wei",
            "li@",
            "@example.com",
            "li@localhost",
            "li@@example.com",
            "li wei@example.com",
            "li@example..com",
            "\"li\"@example.com",
            "li@[127.0.0.1]",
        ] {
            assert_eq!(
                Email::parse(raw),
                Err(Reason::EmailFormat),
                "{raw} should be refused"
            );
        }
    }

    #[test]
    fn an_overlong_email_is_refused() {
        let raw = format!("{}@example.com", "a".repeat(250));
        assert_eq!(Email::parse(&raw), Err(Reason::EmailFormat));
    }

    #[test]
    fn a_password_needs_eight_characters_counted_as_characters_not_bytes() {
        assert_eq!(NewPassword::parse("short1!"), Err(Reason::PasswordTooShort));
        assert!(
            NewPassword::parse("数据商城安全口令").is_ok(),
            "8 Chinese characters are 8 characters"
        );
    }

    #[test]
    fn a_password_of_129_characters_is_refused() {
        assert!(NewPassword::parse(&"x".repeat(128)).is_ok());
        assert_eq!(
            NewPassword::parse(&"x".repeat(129)),
            Err(Reason::PasswordTooLong)
        );
    }

    #[test]
    fn an_empty_password_is_required() {
        assert_eq!(NewPassword::parse(""), Err(Reason::Required));
    }

    #[test]
    fn a_password_never_shows_in_debug_output() {
        let password = NewPassword::parse("correct horse battery").expect("valid");
        assert!(!format!("{password:?}").contains("horse"));
    }

    #[test]
    fn a_display_name_is_trimmed_and_limited_to_sixty_characters() {
        assert_eq!(
            DisplayName::parse("  王小明 ").expect("valid").as_str(),
            "王小明"
        );
        assert!(DisplayName::parse(&"名".repeat(60)).is_ok());
        assert_eq!(
            DisplayName::parse(&"名".repeat(61)),
            Err(Reason::NameTooLong)
        );
        assert_eq!(DisplayName::parse(" "), Err(Reason::Required));
        assert_eq!(
            DisplayName::parse("bad\u{0007}name"),
            Err(Reason::NameControlChars)
        );
    }

    #[test]
    fn roles_round_trip_through_their_slugs() {
        for role in [Role::Buyer, Role::Merchant, Role::Admin] {
            assert_eq!(Role::from_slug(role.slug()), Some(role));
        }
        assert_eq!(Role::from_slug("root"), None);
    }

    fn user(role: Role) -> CurrentUser {
        CurrentUser {
            email_verified: true,
            id: 1,
            email: "a@example.com".into(),
            display_name: "A".into(),
            role,
        }
    }

    #[test]
    fn the_role_guard_admits_listed_roles_only() {
        assert_eq!(user(Role::Admin).require_role(&[Role::Admin]), Ok(()));
        assert_eq!(
            user(Role::Buyer).require_role(&[Role::Admin]),
            Err(AppError::Forbidden)
        );
        assert_eq!(
            user(Role::Merchant).require_role(&[Role::Buyer]),
            Err(AppError::Forbidden)
        );
        assert_eq!(
            user(Role::Merchant).require_role(&[Role::Buyer, Role::Merchant]),
            Ok(())
        );
    }
}
