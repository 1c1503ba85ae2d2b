//! Rules for free text that one person types and others read.

use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};

/// Whether `text` holds characters a reader cannot see: control characters (Cc) and
/// format characters (Cf), among them the bidirectional overrides that make a name read
/// backwards (U+202E) and the zero-width characters that make two names look the same.
pub fn has_hidden_characters(text: &str) -> bool {
    text.chars()
        .any(|c| c.is_control() || c.general_category() == GeneralCategory::Format)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn visible_text_in_any_script_passes() {
        for text in ["Li Wei", "数据商 · 上海", "Zoë Ōsaka", "محمد", "🚀 Rocket"] {
            assert!(!has_hidden_characters(text), "{text}");
        }
    }

    #[test]
    fn control_bidi_and_zero_width_characters_are_hidden() {
        for text in [
            "tab\there",
            "evil\u{202E}gnp.exe",
            "a\u{2066}b",
            "zero\u{200B}width",
            "join\u{200D}er",
            "\u{FEFF}bom",
            "soft\u{00AD}hyphen",
            "tag\u{E0041}",
        ] {
            assert!(has_hidden_characters(text), "{text:?}");
        }
    }
}
