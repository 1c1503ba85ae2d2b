//! Query-string parameters of shareable pages: parsed leniently, so that a mistyped or
//! stale link still shows a useful page, and every value that was dropped is reported.

use serde::{Deserialize, Serialize};

/// A URL parameter (or part of one) that was ignored; the page says so instead of failing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IgnoredParam {
    pub name: String,
    pub value: String,
    pub why: Ignored,
}

/// Why a value was ignored; each has its own sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Ignored {
    /// Not a value this parameter takes.
    Unknown,
    /// Search words past the most one search matches.
    TooManyTerms,
}

impl IgnoredParam {
    /// `value` cut to 60 characters for display.
    pub fn new(name: &str, value: String, why: Ignored) -> Self {
        Self {
            name: name.to_owned(),
            value: value.chars().take(60).collect(),
            why,
        }
    }
}

/// One optional parameter: absent or blank is `None`; a value that does not parse is
/// `None` too, and recorded in `ignored` (cut to 60 characters for display).
pub fn parse_param<T>(
    name: &str,
    raw: &Option<String>,
    parse: fn(&str) -> Option<T>,
    ignored: &mut Vec<IgnoredParam>,
) -> Option<T> {
    let value = raw.as_deref().map(str::trim).filter(|v| !v.is_empty())?;
    let parsed = parse(value);
    if parsed.is_none() {
        ignored.push(IgnoredParam::new(name, value.to_owned(), Ignored::Unknown));
    }
    parsed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_is_absent_and_nonsense_is_reported() {
        let mut ignored = Vec::new();
        assert_eq!(
            parse_param(
                "n",
                &Some("  ".into()),
                |s| s.parse::<u8>().ok(),
                &mut ignored
            ),
            None
        );
        assert!(ignored.is_empty());
        assert_eq!(
            parse_param(
                "n",
                &Some(" 7 ".into()),
                |s| s.parse::<u8>().ok(),
                &mut ignored
            ),
            Some(7)
        );
        assert_eq!(
            parse_param(
                "n",
                &Some("x".repeat(100)),
                |s| s.parse::<u8>().ok(),
                &mut ignored
            ),
            None
        );
        assert_eq!(ignored.len(), 1);
        assert_eq!(ignored[0].value.len(), 60);
    }
}
